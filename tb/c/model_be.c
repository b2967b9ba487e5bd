// SPDX-License-Identifier: Apache-2.0
// Model-alone back end (model_be.h). Passes follow the RTL's rule of docs/interfaces.md
// section 4.2: a pass runs after an MSR write (#GP or not), an EOI, a reset and a change of
// the time, and after nothing else.
#include "model_be.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct model_be {
  scn_block_t block;
  obs_log_t *log;
  tb_mem_t *image;
  its_t *its;
  stimer_t *st;
  uint64_t now;
  exec_rsp_t rsp;
  bool state_on;           // model_be_opt_t.state
  model_be_state_t state;  // its outputs so far
};

// The fold of model_be_state_t.outputs (FNV-1a's multiplier on 64-bit words).
static inline uint64_t model_be_mix(uint64_t h, uint64_t w) {
  return (h ^ w) * 0x100000001b3ull;
}

// Folds one write beat into the state (model_be_opt_t.state): a zero run folds each of its beats
// so, whichever path issued them.
static void model_be_fold_write(model_be_t *mb, uint64_t addr, uint64_t data, uint8_t be,
                                bool fault) {
  uint64_t h = model_be_mix(mb->state.outputs, SCN_OBS_WRITE);
  h = model_be_mix(model_be_mix(h, addr), data);
  mb->state.outputs = model_be_mix(h, (uint64_t)be | (uint64_t)fault << 8);
  mb->state.writes++;
}

// Folds one record (an obs_add of `kind` with fields `a`) into the state.
static void model_be_fold_record(model_be_t *mb, scn_obs_kind_t kind, const uint64_t a[SCN_NA]) {
  uint64_t h = model_be_mix(mb->state.outputs, kind);
  for (int i = 0; i < SCN_NA; i++) {
    h = model_be_mix(h, a[i]);
  }
  mb->state.outputs = h;
  mb->state.records++;
}

// Folds a run of stimer events (before they go to the log).
static void model_be_fold_stimer(model_be_t *mb, const stimer_event_t *run, size_t n) {
  for (size_t i = 0; i < n; i++) {
    const stimer_event_t *ev = &run[i];
    uint64_t a[SCN_NA] = {0};
    switch (ev->kind) {
      case STIMER_EV_MEM_WRITE:
        model_be_fold_write(mb, ev->u.mem.addr, ev->u.mem.data, ev->u.mem.be, ev->u.mem.fault);
        break;
      case STIMER_EV_MEM_ZERO:
        for (uint32_t k = 0; k < ev->u.zero.beats; k++) {
          model_be_fold_write(mb, ev->u.zero.addr + 8ull * k, 0, 0xFF, ev->u.zero.fault);
        }
        break;
      case STIMER_EV_IRQ:
        a[0] = ev->u.irq.vp;
        a[1] = ev->u.irq.vector;
        a[2] = ev->u.irq.auto_eoi;
        model_be_fold_record(mb, SCN_OBS_IRQ, a);
        break;
      case STIMER_EV_RETIRE:
        a[0] = ev->u.retire.vp;
        a[1] = ev->u.retire.timer;
        a[2] = ev->u.retire.outcome;
        a[3] = ev->u.retire.now;
        a[4] = ev->u.retire.sint;
        a[5] = ev->u.retire.kind;
        model_be_fold_record(mb, SCN_OBS_ATTEMPT, a);
        break;
      default:
        a[0] = ev->kind;  // no other kind is queued: folded so that a new one shows
        model_be_fold_record(mb, SCN_OBS_WRITE, a);
        break;
    }
  }
}

stimer_config_t model_be_stimer_config(const scn_config_t *cfg) {
  stimer_config_t c = stimer_default_config(cfg->num_vp);
  c.feat_direct = cfg->feat_direct;
  c.scontrol_gate = cfg->scontrol_gate;
  return c;
}

model_be_t *model_be_new(const scn_t *s, obs_log_t *log, char *err, size_t errlen) {
  return model_be_new_opt(s, log, NULL, err, errlen);
}

model_be_t *model_be_new_opt(const scn_t *s, obs_log_t *log, const model_be_opt_t *opt, char *err,
                             size_t errlen) {
  model_be_opt_t o = {false, false};
  if (opt != NULL) {
    o = *opt;
  }
  model_be_t *mb = calloc(1, sizeof(*mb));
  if (mb == NULL) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  mb->block = s->block;
  mb->log = log;
  mb->state_on = o.state;
  mb->state.outputs = 0xcbf29ce484222325ull;
  mb->image = tb_mem_new();
  cm_mem_ops_t ops = tb_mem_ops(mb->image);
  bool ok;
  if (s->block == SCN_BLOCK_ITS) {
    its_config_t cfg = {s->cfg.num_rd};
    ok = its_create(&cfg, &ops, &mb->its) == ITS_OK;
  } else {
    stimer_config_t cfg = model_be_stimer_config(&s->cfg);
    // A SIMP enable's page: cleared by the memory at once and counted as runs of beats, unless
    // the beats are to go one by one (per_beat: as the lockstep bench runs the model).
    ok = stimer_create(&cfg, &ops, &mb->st) == STIMER_OK &&
         stimer_set_zero_page(mb->st, o.per_beat ? NULL : tb_mem_zero_page) == STIMER_OK &&
         stimer_set_zero_runs(mb->st, !o.per_beat) == STIMER_OK;
  }
  if (!ok) {
    snprintf(err, errlen, "the model refuses the configuration");
    model_be_free(mb);
    return NULL;
  }
  return mb;
}

void model_be_free(model_be_t *mb) {
  if (mb == NULL) {
    return;
  }
  its_destroy(mb->its);
  stimer_destroy(mb->st);
  tb_mem_free(mb->image);
  free(mb);
}

// Moves the ITS model's queued outputs to the observation log, read in place a contiguous run
// at a time (a copy of each event stalled on the stores that had just written it).
static void model_be_pop_its(model_be_t *mb) {
  const its_event_t *run;
  size_t n;
  while ((n = its_event_run(mb->its, &run)) > 0) {
    for (size_t i = 0; i < n; i++) {
      const its_event_t *ev = &run[i];
      if (ev->kind == ITS_EV_MEM_WRITE) {  // the most frequent: counted, never a record
        if (mb->state_on) {
          model_be_fold_write(mb, ev->u.mem.addr, ev->u.mem.data, ev->u.mem.be, ev->u.mem.fault);
        }
        obs_add_write(mb->log, &ev->u.mem);
        continue;
      }
      uint64_t a[SCN_NA] = {0};
      if (ev->kind == ITS_EV_RD) {
        a[0] = ev->u.rd.kind;
        a[1] = ev->u.rd.rd;
        a[2] = ev->u.rd.rd2;
        a[3] = ev->u.rd.intid;
        obs_add(mb->log, SCN_OBS_RD, a);
      } else if (ev->kind == ITS_EV_RETIRE) {
        a[0] = ev->u.retire.kind;
        a[1] = ev->u.retire.opcode;
        a[2] = ev->u.retire.outcome;
        a[3] = ev->u.retire.error;
        a[4] = ev->u.retire.devid;
        a[5] = ev->u.retire.eventid;
        a[6] = ev->u.retire.offset;
        obs_add(mb->log, SCN_OBS_RETIRE, a);
      }
      if (mb->state_on) {
        model_be_fold_record(mb, ev->kind == ITS_EV_RD ? SCN_OBS_RD : SCN_OBS_RETIRE, a);
      }
    }
    its_drop_events(mb->its, n);
  }
}

// Runs the ITS queue as its_run(its, SIZE_MAX) does (until idle or stalled) and moves the
// model's outputs to the observation log after each command, in the same order: the output ring
// then holds one command's events (it stays a few KiB, in the cache) instead of a whole batch's
// (a long queue grew it to MiBs, each doubling new pages to fault in and a copy).
static void model_be_drain_its(model_be_t *mb) {
  model_be_pop_its(mb);  // the outputs of the input before the queue runs (an MSI's)
  for (;;) {
    its_step_t s = its_step(mb->its);
    model_be_pop_its(mb);
    if (s == ITS_STEP_IDLE || s == ITS_STEP_STALLED) {
      return;
    }
  }
}

// Moves the stimer model's outputs to the observation log, read in place a run at a time.
static void model_be_drain_stimer(model_be_t *mb) {
  const stimer_event_t *run;
  size_t n;
  while ((n = stimer_event_run(mb->st, &run)) > 0) {
    if (mb->state_on) {
      model_be_fold_stimer(mb, run, n);
    }
    for (size_t i = 0; i < n; i++) {
      const stimer_event_t *ev = &run[i];
      if (ev->kind == STIMER_EV_MEM_WRITE) {  // the most frequent: counted, never a record
        obs_add_write(mb->log, &ev->u.mem);
        continue;
      }
      if (ev->kind == STIMER_EV_MEM_ZERO) {  // a SIMP enable's page: 512 beats in a few runs
        obs_add_zero_run(mb->log, &ev->u.zero);
        continue;
      }
      uint64_t a[SCN_NA] = {0};
      if (ev->kind == STIMER_EV_IRQ) {
        a[0] = ev->u.irq.vp;
        a[1] = ev->u.irq.vector;
        a[2] = ev->u.irq.auto_eoi;
        obs_add(mb->log, SCN_OBS_IRQ, a);
      } else if (ev->kind == STIMER_EV_RETIRE) {
        a[0] = ev->u.retire.vp;
        a[1] = ev->u.retire.timer;
        a[2] = ev->u.retire.outcome;
        a[3] = ev->u.retire.now;
        obs_add(mb->log, SCN_OBS_ATTEMPT, a);
      }
    }
    stimer_drop_events(mb->st, n);
  }
}

// One pass at the current time, its outputs to the observation log. The outputs of the input
// before it (a SIMP enable's zeroing) come first, then the pass starts (the RTL's PASS record).
static void model_be_pass(model_be_t *mb) {
  model_be_drain_stimer(mb);
  obs_pass_start(mb->log);
  stimer_advance(mb->st, mb->now);
  model_be_drain_stimer(mb);
}

static bool model_be_start(void *ctx, const exec_rq_t *rq, char *why, size_t whylen) {
  model_be_t *mb = ctx;
  exec_rsp_t *rsp = &mb->rsp;
  *rsp = (exec_rsp_t){0, false};
  switch (rq->kind) {
    case EXEC_RQ_REG_WRITE:
      rsp->err = its_reg_write(mb->its, rq->off, rq->value, rq->size, rq->devid) != ITS_OK;
      model_be_drain_its(mb);
      return true;
    case EXEC_RQ_REG_READ:
      rsp->err = its_reg_read(mb->its, rq->off, &rsp->rdata) != ITS_OK;
      return true;
    case EXEC_RQ_MSI:
      its_translate(mb->its, ITS_RT_MSI, rq->devid, rq->eventid, NULL, NULL);
      model_be_drain_its(mb);
      return true;
    case EXEC_RQ_MSR_WRITE:
      rsp->err = stimer_msr_write_sized(mb->st, rq->vp, rq->msr, rq->value, rq->size) != STIMER_OK;
      model_be_pass(mb);
      return true;
    case EXEC_RQ_MSR_READ:
      rsp->err = stimer_msr_read(mb->st, rq->vp, rq->msr, &rsp->rdata) != STIMER_OK;
      if (rsp->err) {
        rsp->rdata = 0;
      }
      return true;
    case EXEC_RQ_TIME:
      if (rq->value != mb->now) {
        mb->now = rq->value;
        model_be_pass(mb);
      }
      return true;
    case EXEC_RQ_EOI:
      if (stimer_eoi(mb->st, rq->vp, (uint8_t)rq->vector) != STIMER_OK) {
        snprintf(why, whylen, "the model refuses an EOI on VP %u", rq->vp);
        return false;
      }
      model_be_pass(mb);
      return true;
    case EXEC_RQ_RESET:
      if (mb->block == SCN_BLOCK_ITS) {
        its_reset(mb->its);
      } else {
        // The time input keeps its value: the block samples it again after the reset.
        stimer_reset(mb->st);
        if (mb->now != 0) {
          model_be_pass(mb);
        }
      }
      return true;
    default:
      snprintf(why, whylen, "unknown request %d", (int)rq->kind);
      return false;
  }
}

static bool model_be_poll(void *ctx, exec_rsp_t *rsp) {
  const model_be_t *mb = ctx;
  // Field by field: a copy of the whole struct read it in one load that spans the separate
  // stores model_be_start had just made (err a byte), and stalled until they were written.
  rsp->rdata = mb->rsp.rdata;
  rsp->err = mb->rsp.err;
  return true;
}

static bool model_be_idle(void *ctx) {
  (void)ctx;
  return true;
}

static its_t *model_be_its(void *ctx) {
  return ((model_be_t *)ctx)->its;
}

static stimer_t *model_be_stimer(void *ctx) {
  return ((model_be_t *)ctx)->st;
}

void model_be_get_state(const model_be_t *mb, model_be_state_t *out) {
  *out = mb->state;
  out->mem = tb_mem_digest(mb->image, &out->mem_pages);
}

exec_backend_t model_be_backend(model_be_t *mb) {
  exec_backend_t be;
  memset(&be, 0, sizeof(be));
  be.ctx = mb;
  be.start = model_be_start;
  be.poll = model_be_poll;
  be.idle = model_be_idle;
  be.its = model_be_its;
  be.stimer = model_be_stimer;
  be.images[0] = mb->image;
  be.n_images = 1;
  return be;
}

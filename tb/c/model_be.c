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
};

stimer_config_t model_be_stimer_config(const scn_config_t *cfg) {
  stimer_config_t c = stimer_default_config(cfg->num_vp);
  c.feat_direct = cfg->feat_direct;
  c.scontrol_gate = cfg->scontrol_gate;
  return c;
}

model_be_t *model_be_new(const scn_t *s, obs_log_t *log, char *err, size_t errlen) {
  model_be_t *mb = calloc(1, sizeof(*mb));
  if (mb == NULL) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  mb->block = s->block;
  mb->log = log;
  mb->image = tb_mem_new();
  cm_mem_ops_t ops = tb_mem_ops(mb->image);
  bool ok;
  if (s->block == SCN_BLOCK_ITS) {
    its_config_t cfg = {s->cfg.num_rd};
    ok = its_create(&cfg, &ops, &mb->its) == ITS_OK;
  } else {
    stimer_config_t cfg = model_be_stimer_config(&s->cfg);
    ok = stimer_create(&cfg, &ops, &mb->st) == STIMER_OK &&
         stimer_set_zero_page(mb->st, tb_mem_zero_page) == STIMER_OK;  // a SIMP enable's page
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

// Runs the ITS queue and moves the model's outputs to the observation log.
static void model_be_drain_its(model_be_t *mb) {
  its_run(mb->its, SIZE_MAX);
  its_event_t ev;
  while (its_pop_event(mb->its, &ev)) {
    if (ev.kind == ITS_EV_MEM_WRITE) {  // the most frequent: counted, never a record
      obs_add_write(mb->log, &ev.u.mem);
      continue;
    }
    uint64_t a[SCN_NA] = {0};
    if (ev.kind == ITS_EV_RD) {
      a[0] = ev.u.rd.kind;
      a[1] = ev.u.rd.rd;
      a[2] = ev.u.rd.rd2;
      a[3] = ev.u.rd.intid;
      obs_add(mb->log, SCN_OBS_RD, a);
    } else if (ev.kind == ITS_EV_RETIRE) {
      a[0] = ev.u.retire.kind;
      a[1] = ev.u.retire.opcode;
      a[2] = ev.u.retire.outcome;
      a[3] = ev.u.retire.error;
      a[4] = ev.u.retire.devid;
      a[5] = ev.u.retire.eventid;
      a[6] = ev.u.retire.offset;
      obs_add(mb->log, SCN_OBS_RETIRE, a);
    }
  }
}

// Moves the stimer model's outputs to the observation log, read in place a run at a time (a SIMP
// enable queues 512 write beats).
static void model_be_drain_stimer(model_be_t *mb) {
  const stimer_event_t *run;
  size_t n;
  while ((n = stimer_event_run(mb->st, &run)) > 0) {
    for (size_t i = 0; i < n; i++) {
      const stimer_event_t *ev = &run[i];
      if (ev->kind == STIMER_EV_MEM_WRITE) {  // the most frequent: counted, never a record
        obs_add_write(mb->log, &ev->u.mem);
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
  *rsp = mb->rsp;
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

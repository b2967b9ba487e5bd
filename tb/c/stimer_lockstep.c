// SPDX-License-Identifier: Apache-2.0
// stimer lockstep checker (stimer_lockstep.h): the model samples time at each DUT PASS record
// and makes one delivery attempt at each DUT ATTEMPT record; the checker compares the attempt,
// its memory write beats and its interrupts, and every MSR access (docs/interfaces.md
// section 4).
#include "stimer_lockstep.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scn.h"

#define ST_LS_MAX_WRITES 600  // a SIMP enable writes 512 beats
#define ST_LS_MAX_IRQS 16

/** History record kinds. */
enum {
  ST_LS_H_PASS = 1,  // now
  ST_LS_H_ATTEMPT,   // vp, timer, outcome, now, write beats, interrupts
  ST_LS_H_EOI,       // vp, vector
  ST_LS_H_READ,      // vp, msr, value, #GP
  ST_LS_H_WRITE      // vp, msr, value, #GP, write beats
};

/** The model's outputs of one operation. */
typedef struct {
  cm_mem_write_t writes[ST_LS_MAX_WRITES];
  size_t nw;
  stimer_irq_t irqs[ST_LS_MAX_IRQS];
  size_t ni;
  stimer_retire_t rt;
  bool have_rt;
} st_ls_out_t;

struct stimer_lockstep {
  stimer_lockstep_cfg_t cfg;
  tb_mem_t *image;
  stimer_t *model;
  ls_log_t log;  // errors, history, counters: what the harness reads
  // DUT outputs of the operation in progress.
  ls_beatq_t writes;
  stimer_irq_t irq[LS_QUEUE];
  unsigned irq_head, irq_n;
  // Protocol state of docs/interfaces.md section 4.2: the time input, the model's last sample,
  // and whether an input reached the model since that sample (a pass is then owed).
  uint64_t now_in;
  uint64_t last_pass_now;
  bool seen_pass;
  bool input_since_pass;
  st_ls_out_t out;              // scratch
  stimer_lockstep_wave_t wave;  // the records of the last comparison, for the waveform
};

stimer_lockstep_t *stimer_lockstep_new(const stimer_lockstep_cfg_t *cfg, tb_mem_t *image) {
  stimer_lockstep_t *ls = calloc(1, sizeof(*ls));
  if (ls == NULL) {
    return NULL;
  }
  ls->cfg = *cfg;
  ls->image = image;
  cm_mem_ops_t ops = fcov_wrap_mem(cfg->fcov, tb_mem_ops(image));
  if (stimer_create(&cfg->model, &ops, &ls->model) != STIMER_OK) {
    free(ls);
    return NULL;
  }
  return ls;
}

void stimer_lockstep_free(stimer_lockstep_t *ls) {
  if (ls == NULL) {
    return;
  }
  stimer_destroy(ls->model);
  free(ls);
}

static void st_ls_pop_model(stimer_lockstep_t *ls) {
  st_ls_out_t *o = &ls->out;
  stimer_event_t ev;
  o->nw = 0;
  o->ni = 0;
  o->have_rt = false;
  while (stimer_pop_event(ls->model, &ev)) {
    if (ev.kind == STIMER_EV_MEM_WRITE && o->nw < ST_LS_MAX_WRITES) {
      o->writes[o->nw++] = ev.u.mem;
    } else if (ev.kind == STIMER_EV_IRQ && o->ni < ST_LS_MAX_IRQS) {
      o->irqs[o->ni++] = ev.u.irq;
    } else if (ev.kind == STIMER_EV_RETIRE) {
      o->rt = ev.u.retire;
      o->have_rt = true;
    }
  }
}

// Drops the DUT outputs waiting for a record (after a divergence, or when not comparing).
static void st_ls_drop_dut(stimer_lockstep_t *ls) {
  ls->writes.n = 0;
  ls->irq_n = 0;
}

// Compares the model's interrupts of one operation with the DUT's, in order; `describe`
// names the operation in an error record (called only then).
typedef void (*st_ls_describe_t)(const void *ctx, char *buf, size_t len);

static bool st_ls_cmp_irqs(stimer_lockstep_t *ls, uint64_t cycle, st_ls_describe_t describe,
                           const void *ctx) {
  const st_ls_out_t *o = &ls->out;
  for (size_t i = 0; i <= o->ni; i++) {
    if (i == o->ni && ls->irq_n == 0) {
      break;
    }
    stimer_irq_t d = {0, 0, false};
    bool have_d = ls->irq_n > 0;
    if (have_d) {
      d = ls->irq[ls->irq_head];
      ls->irq_head = (ls->irq_head + 1) % LS_QUEUE;
      ls->irq_n--;
    }
    stimer_irq_t m = i < o->ni ? o->irqs[i] : (stimer_irq_t){0, 0, false};
    ls_field_t f[LS_MAX_FIELDS];
    ls->wave.exp_irq = m;
    ls->wave.act_irq = d;
    ls->log.wave.seq++;
    if (!ls_rec_compare(&stimer_rec_irq, &m, &d, f) || !have_d || i == o->ni) {
      ls_wave_fail(&ls->log.wave, LS_IF_EVENT);
      char what[400];
      char op[300];
      describe(ctx, op, sizeof(op));
      snprintf(what, sizeof(what), "interrupt %zu of %s (the model raised %zu)", i + 1, op, o->ni);
      ls_log_error(&ls->log, cycle, what, f, stimer_rec_irq.n,
                   !have_d ? "(the DUT raised no such interrupt)"
                           : (i == o->ni ? "(the model raised no such interrupt)" : NULL));
      ls->irq_n = 0;
      return false;
    }
  }
  return true;
}

// The DUT only accepts inputs between passes, so when one arrives (or a new pass starts with
// no input since the last) the model must have made every attempt of its current pass.
// `when` names the input; a new pass adds its time (`pass_now` not NULL). Text is built only
// for an error record.
static bool st_ls_check_drained(stimer_lockstep_t *ls, uint64_t cycle, const char *when,
                                const uint64_t *pass_now) {
  if (!ls->cfg.compare || !stimer_step(ls->model)) {
    return true;
  }
  st_ls_pop_model(ls);
  char at[40] = "";
  if (pass_now != NULL) {
    snprintf(at, sizeof(at), " (now=%" PRIu64 ")", *pass_now);
  }
  char what[500];
  snprintf(what, sizeof(what),
           "%.110s%s, but the model still had a due timer in the pass: vp %u timer %u (outcome "
           "%s); the DUT never attempted it",
           when, at, ls->out.rt.vp, ls->out.rt.timer, stimer_outcome_name(ls->out.rt.outcome));
  ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
  return false;
}

// ---- Transactions ----

void stimer_lockstep_reset(stimer_lockstep_t *ls, uint64_t cycle) {
  (void)cycle;
  stimer_reset(ls->model);
  st_ls_drop_dut(ls);
  ls->last_pass_now = 0;
  ls->seen_pass = false;
  ls->input_since_pass = false;
  fcov_reset(ls->cfg.fcov);
}

void stimer_lockstep_now(stimer_lockstep_t *ls, uint64_t cycle, uint64_t now) {
  (void)cycle;
  ls->now_in = now;
}

void stimer_lockstep_mem_write(stimer_lockstep_t *ls, uint64_t cycle, const cm_mem_write_t *beat) {
  if (!ls_beatq_push(&ls->writes, beat)) {
    ls_log_error(&ls->log, cycle,
                 "the DUT wrote more memory beats than the checker holds without retiring", NULL, 0,
                 NULL);
  }
}

void stimer_lockstep_irq(stimer_lockstep_t *ls, uint64_t cycle, const stimer_irq_t *irq) {
  if (ls->irq_n >= LS_QUEUE) {
    ls_log_error(&ls->log, cycle,
                 "the DUT raised more interrupts than the checker holds without retiring", NULL, 0,
                 NULL);
    return;
  }
  ls->irq[(ls->irq_head + ls->irq_n) % LS_QUEUE] = *irq;
  ls->irq_n++;
}

void stimer_lockstep_eoi(stimer_lockstep_t *ls, uint64_t cycle, uint32_t vp, uint32_t vector) {
  uint64_t t0 = ls_ns();
  ls->log.compared++;
  st_ls_check_drained(ls, cycle, "the DUT accepted an EOI", NULL);
  ls->input_since_pass = true;
  stimer_eoi(ls->model, vp, (uint8_t)vector);
  fcov_st_ctx_t fc = {ls->model, ls->cfg.model.num_vp, ls->last_pass_now, 0};
  fcov_st_eoi(ls->cfg.fcov, &fc, vp, vector);
  ls_log_hist(&ls->log, ST_LS_H_EOI, cycle, vp, vector, 0, 0, 0, 0);
  ls->log.ns += ls_ns() - t0;
}

static void st_ls_pass(stimer_lockstep_t *ls, uint64_t cycle, const stimer_retire_t *rt) {
  uint64_t now = rt->now;
  if (!ls->input_since_pass &&
      !st_ls_check_drained(ls, cycle, "the DUT started a new pass", &now)) {
    return;
  }
  bool cause = ls->input_since_pass || now != ls->last_pass_now;
  // docs/interfaces.md section 4.2: a PASS record's fields other than now are 0.
  if (rt->vp != 0 || rt->timer != 0 || rt->sint != 0 || rt->outcome != 0) {
    char what[300];
    snprintf(what, sizeof(what),
             "PASS record with now=%" PRIu64 ": vp %u timer %u sint %u outcome %u, not 0", now,
             rt->vp, rt->timer, rt->sint, (unsigned)rt->outcome);
    ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
    return;
  }
  ls->input_since_pass = false;
  if (!cause) {
    // docs/interfaces.md section 4.2: a pass starts when now_i differs from the last sampled
    // value (0 after a reset) or an MSR write or EOI was accepted since the last pass.
    char what[300];
    snprintf(what, sizeof(what),
             "PASS record with now=%" PRIu64
             " without a cause: the last pass (or the reset) "
             "sampled the same now and no MSR write or EOI was accepted since",
             now);
    ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
    return;
  }
  if (now > ls->now_in || (ls->seen_pass && now < ls->last_pass_now)) {
    char what[300];
    snprintf(what, sizeof(what),
             "PASS record with now=%" PRIu64 ": outside [last pass %" PRIu64 ", now_i %" PRIu64 "]",
             now, ls->last_pass_now, ls->now_in);
    ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
    return;
  }
  ls->seen_pass = true;
  ls->last_pass_now = now;
  stimer_set_now(ls->model, now);
  fcov_st_pass(ls->cfg.fcov);
  ls_log_hist(&ls->log, ST_LS_H_PASS, cycle, now, 0, 0, 0, 0, 0);
}

static void st_ls_describe_attempt(const void *ctx, char *buf, size_t len) {
  const stimer_retire_t *dut = ctx;
  snprintf(buf, len, "attempt vp=%u timer=%u outcome=%s now=%" PRIu64, dut->vp, dut->timer,
           stimer_outcome_name(dut->outcome), dut->now);
}

static void st_ls_attempt(stimer_lockstep_t *ls, uint64_t cycle, const stimer_retire_t *dut) {
  char desc[160];
  char what[400];
  if (!stimer_step(ls->model)) {
    if (ls->cfg.compare) {
      st_ls_describe_attempt(dut, desc, sizeof(desc));
      snprintf(what, sizeof(what),
               "the DUT made a delivery attempt the model has no due timer for: %s", desc);
      ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
      ls->wave.exp_rt = (stimer_retire_t){0};  // the model has no such record
      ls->wave.act_rt = *dut;
      ls->log.wave.seq++;
      ls_wave_fail(&ls->log.wave, LS_IF_RETIRE);
    }
    st_ls_drop_dut(ls);
    return;
  }
  st_ls_out_t *o = &ls->out;
  st_ls_pop_model(ls);
  if (!ls->cfg.compare) {
    st_ls_drop_dut(ls);
    ls_log_hist(&ls->log, ST_LS_H_ATTEMPT, cycle, dut->vp, dut->timer, dut->outcome, dut->now, 0,
                0);
    return;
  }
  if (!o->have_rt) {
    st_ls_describe_attempt(dut, desc, sizeof(desc));
    ls_log_error(&ls->log, cycle, "the model made an attempt without a retire record", NULL, 0,
                 desc);
    st_ls_drop_dut(ls);
    return;
  }
  ls->wave.exp_rt = o->rt;
  ls->wave.act_rt = *dut;
  ls->log.wave.seq++;
  ls_field_t f[LS_MAX_FIELDS];
  if (!ls_rec_compare(&stimer_rec_retire, &o->rt, dut, f)) {
    ls_wave_fail(&ls->log.wave, LS_IF_RETIRE);
    char mdesc[160];
    st_ls_describe_attempt(&o->rt, mdesc, sizeof(mdesc));
    st_ls_describe_attempt(dut, desc, sizeof(desc));
    snprintf(what, sizeof(what), "delivery attempt differs\n  model: %s\n  DUT:   %s", mdesc, desc);
    ls_log_error(&ls->log, cycle, what, f, stimer_rec_retire.n, NULL);
    st_ls_drop_dut(ls);
    return;
  }
  if (!ls_wave_writes(&ls->log.wave, &ls->writes, o->writes, o->nw)) {
    st_ls_describe_attempt(dut, desc, sizeof(desc));
    snprintf(what, sizeof(what), "SIM page writes of %s", desc);
    ls_cmp_writes(&ls->log.err, cycle, ls->log.compared, &ls->writes, o->writes, o->nw, what);
    st_ls_drop_dut(ls);
    return;
  }
  ls->writes.n = 0;
  if (!st_ls_cmp_irqs(ls, cycle, st_ls_describe_attempt, dut)) {
    return;
  }
  fcov_st_attempt(ls->cfg.fcov, ls->model, &o->rt, o->writes, o->nw);
  ls_log_hist(&ls->log, ST_LS_H_ATTEMPT, cycle, o->rt.vp, o->rt.timer, o->rt.outcome, o->rt.now,
              o->nw, o->ni);
}

void stimer_lockstep_retire(stimer_lockstep_t *ls, uint64_t cycle, const stimer_retire_t *rt) {
  uint64_t t0 = ls_ns();
  ls->log.compared++;
  if (rt->kind == STIMER_RT_ATTEMPT) {
    st_ls_attempt(ls, cycle, rt);
  } else {
    st_ls_pass(ls, cycle, rt);
  }
  ls->log.ns += ls_ns() - t0;
}

static void st_ls_describe_msr_write(const void *ctx, char *buf, size_t len) {
  const stimer_ls_access_t *a = ctx;
  char name[32];
  snprintf(buf, len, "MSR write vp %u %s = 0x%" PRIx64, a->addr >> 11,
           scn_stimer_msr_name(0x40000000u | ((a->addr >> 3) & 0xFF), name, sizeof(name)),
           a->wdata);
}

static void st_ls_reg(stimer_lockstep_t *ls, uint64_t cycle, const stimer_ls_access_t *a) {
  uint32_t vp = a->addr >> 11;
  uint32_t msr = 0x40000000u | ((a->addr >> 3) & 0xFF);
  char name[32];
  char what[400];
  ls->log.compared++;
  if (!a->write) {
    uint64_t v = 0;
    bool gp = stimer_msr_read(ls->model, vp, msr, &v) != STIMER_OK;
    ls->log.wave.exp_rdata = gp ? 0 : v;
    ls->log.wave.act_rdata = a->rdata;
    ls->log.wave.seq++;
    if (ls->cfg.compare && (gp != a->slverr || (!gp && v != a->rdata))) {
      ls_wave_fail(&ls->log.wave, LS_IF_REG);
      snprintf(what, sizeof(what), "MSR read vp %u %s differs", vp,
               scn_stimer_msr_name(msr, name, sizeof(name)));
      ls_field_t f[] = {{"rdata", gp ? 0 : v, a->rdata}, {"#GP", gp, a->slverr}};
      ls_log_error(&ls->log, cycle, what, f, 2, NULL);
      return;
    }
    ls_log_hist(&ls->log, ST_LS_H_READ, cycle, vp, msr, a->rdata, gp, 0, 0);
    return;
  }
  if (!st_ls_check_drained(ls, cycle, "the DUT completed an MSR write", NULL)) {
    return;
  }
  ls->input_since_pass = true;
  fcov_st_msr_before(ls->cfg.fcov, ls->model, vp, msr);
  // The write's width on the bus; the model decides what a narrow write means (IMPDEF-ST-1).
  unsigned size = (unsigned)__builtin_popcount(a->strb);
  bool gp = stimer_msr_write_sized(ls->model, vp, msr, a->wdata, size) != STIMER_OK;
  st_ls_pop_model(ls);
  st_ls_out_t *o = &ls->out;
  if (!ls->cfg.compare) {
    st_ls_drop_dut(ls);
    ls_log_hist(&ls->log, ST_LS_H_WRITE, cycle, vp, msr, a->wdata, a->slverr, 0, 0);
    return;
  }
  if (gp != a->slverr) {
    snprintf(what, sizeof(what), "MSR write vp %u %s = 0x%" PRIx64 ": #GP differs", vp,
             scn_stimer_msr_name(msr, name, sizeof(name)), a->wdata);
    ls_field_t f[] = {{"#GP", gp, a->slverr}};
    ls_log_error(&ls->log, cycle, what, f, 1, NULL);
    st_ls_drop_dut(ls);
    return;
  }
  if (!ls_wave_writes(&ls->log.wave, &ls->writes, o->writes, o->nw)) {
    char desc[300];
    st_ls_describe_msr_write(a, desc, sizeof(desc));
    snprintf(what, sizeof(what), "memory writes of %s", desc);
    ls_cmp_writes(&ls->log.err, cycle, ls->log.compared, &ls->writes, o->writes, o->nw, what);
    st_ls_drop_dut(ls);
    return;
  }
  ls->writes.n = 0;
  if (!st_ls_cmp_irqs(ls, cycle, st_ls_describe_msr_write, a)) {
    return;
  }
  fcov_st_ctx_t fc = {ls->model, ls->cfg.model.num_vp, ls->last_pass_now, size};
  fcov_st_msr_write(ls->cfg.fcov, &fc, vp, msr, a->wdata, gp, o->writes, o->nw);
  ls_log_hist(&ls->log, ST_LS_H_WRITE, cycle, vp, msr, a->wdata, gp, o->nw, 0);
}

void stimer_lockstep_reg(stimer_lockstep_t *ls, uint64_t cycle, const stimer_ls_access_t *a) {
  uint64_t t0 = ls_ns();
  st_ls_reg(ls, cycle, a);
  ls->log.ns += ls_ns() - t0;
}

void stimer_lockstep_final(stimer_lockstep_t *ls, uint64_t cycle) {
  if (!st_ls_check_drained(ls, cycle, "end of test", NULL)) {
    return;
  }
  if (ls->writes.n != 0 || ls->irq_n != 0) {
    char what[200];
    snprintf(what, sizeof(what),
             "end of test: %u write beat(s) and %u interrupt(s) no retire record accounts for",
             ls->writes.n, ls->irq_n);
    ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
  }
}

void stimer_lockstep_compare_memory(stimer_lockstep_t *ls, uint64_t cycle, const tb_mem_t *dut) {
  if (ls->cfg.compare) {
    ls_log_compare_memory(&ls->log, cycle, ls->image, dut);
  }
}

// ---- Queries ----

stimer_t *stimer_lockstep_model(const stimer_lockstep_t *ls) {
  return ls->model;
}

bool stimer_lockstep_pending(const stimer_lockstep_t *ls, char *why, size_t whylen) {
  if (why != NULL && ls->input_since_pass) {
    snprintf(why, whylen, "a pass is owed: an MSR write or EOI was accepted since the last one");
  } else if (why != NULL && ls->now_in != ls->last_pass_now) {
    snprintf(why, whylen, "a pass is owed: now_i = %" PRIu64 ", the model last sampled %" PRIu64,
             ls->now_in, ls->last_pass_now);
  }
  return ls->input_since_pass || ls->now_in != ls->last_pass_now;
}

// ---- Errors and history ----

const stimer_lockstep_wave_t *stimer_lockstep_wave(const stimer_lockstep_t *ls) {
  return &ls->wave;
}

ls_log_t *stimer_lockstep_log(stimer_lockstep_t *ls) {
  return &ls->log;
}

void stimer_lockstep_history(const stimer_lockstep_t *ls, unsigned i, char *buf, size_t len) {
  const ls_hist_t *h = ls_hist_at(&ls->log.hist, i);
  int k = snprintf(buf, len, "#%" PRIu64 " c=%" PRIu64 " ", h->op, h->cycle);
  if (k < 0 || (size_t)k >= len) {
    return;
  }
  char *p = buf + k;
  size_t n = len - (size_t)k;
  char name[32];
  const uint64_t *a = h->a;
  switch (h->kind) {
    case ST_LS_H_PASS:
      snprintf(p, n, "pass now=%" PRIu64, a[0]);
      break;
    case ST_LS_H_ATTEMPT:
      snprintf(p, n,
               "attempt vp=%" PRIu64 " timer=%" PRIu64 " %s now=%" PRIu64 ", %" PRIu64
               " write beat(s), %" PRIu64 " interrupt(s)",
               a[0], a[1], stimer_outcome_name((stimer_outcome_t)a[2]), a[3], a[4], a[5]);
      break;
    case ST_LS_H_EOI:
      snprintf(p, n, "eoi vp=%" PRIu64 " vector=0x%02" PRIx64, a[0], a[1]);
      break;
    case ST_LS_H_READ:
    case ST_LS_H_WRITE:
      snprintf(p, n, "msr %s vp %" PRIu64 " %s = 0x%" PRIx64 "%s",
               h->kind == ST_LS_H_READ ? "read" : "write", a[0],
               scn_stimer_msr_name((uint32_t)a[1], name, sizeof(name)), a[2], a[3] ? " #GP" : "");
      break;
    default:
      snprintf(p, n, "?");
      break;
  }
}

// SPDX-License-Identifier: Apache-2.0
// stimer monitors and scoreboard: the model samples time at each DUT PASS record and makes
// one delivery attempt at each DUT ATTEMPT record; the bench compares the attempt, its memory
// write beats and its interrupts, and every MSR access (docs/interfaces.md section 4).
#include <inttypes.h>
#include <string.h>

#include "bench_int.h"
#include "fcov.h"

#define SB_MAX_WRITES 600  // a SIMP enable writes 512 beats
#define SB_MAX_IRQS 16

bool sb_st_idle(void) {
  return !bench_g.dut_busy;
}

static void sb_st_obs_attempt(const stimer_retire_t *r) {
  uint64_t a[6] = {r->vp, r->timer, r->outcome, r->now, 0, 0};
  obs_add(&bench_g.log, SCN_OBS_ATTEMPT, a);
}

static void sb_st_obs_irq(uint32_t vp, uint32_t vector, bool auto_eoi) {
  uint64_t a[6] = {vp, vector, auto_eoi, 0, 0, 0};
  obs_add(&bench_g.log, SCN_OBS_IRQ, a);
}

typedef struct {
  cm_mem_write_t writes[SB_MAX_WRITES];
  size_t nw;
  stimer_irq_t irqs[SB_MAX_IRQS];
  size_t ni;
  stimer_retire_t rt;
  bool have_rt;
} sb_st_out_t;

static void sb_st_pop_model(sb_st_out_t *o) {
  stimer_event_t ev;
  o->nw = 0;
  o->ni = 0;
  o->have_rt = false;
  while (stimer_pop_event(bench_g.st, &ev)) {
    if (ev.kind == STIMER_EV_MEM_WRITE && o->nw < SB_MAX_WRITES) {
      o->writes[o->nw++] = ev.u.mem;
    } else if (ev.kind == STIMER_EV_IRQ && o->ni < SB_MAX_IRQS) {
      o->irqs[o->ni++] = ev.u.irq;
    } else if (ev.kind == STIMER_EV_RETIRE) {
      o->rt = ev.u.retire;
      o->have_rt = true;
    }
  }
}

// Compares the model's interrupts of one operation with the DUT's, in order.
static bool sb_st_cmp_irqs(const sb_st_out_t *o, const char *op) {
  bench_t *b = &bench_g;
  for (size_t i = 0; i <= o->ni; i++) {
    if (i == o->ni && b->dut_irqs.n == 0) {
      break;
    }
    bench_irq_t d = {0, 0, false};
    bool have_d = b->dut_irqs.n > 0;
    if (have_d) {
      BENCH_POP(b->dut_irqs, d);
    }
    stimer_irq_t m = i < o->ni ? o->irqs[i] : (stimer_irq_t){0, 0, false};
    if (!have_d || i == o->ni || d.vp != m.vp || d.vector != m.vector || d.auto_eoi != m.auto_eoi) {
      char what[300];
      snprintf(what, sizeof(what), "interrupt %zu of %s (the model raised %zu)", i + 1, op, o->ni);
      bench_field_t f[] = {
          {"vp", m.vp, d.vp}, {"vector", m.vector, d.vector}, {"auto_eoi", m.auto_eoi, d.auto_eoi}};
      bench_mismatch(what, f, 3,
                     !have_d ? "(the DUT raised no such interrupt)"
                             : (i == o->ni ? "(the model raised no such interrupt)" : NULL));
      b->dut_irqs.n = 0;
      return false;
    }
  }
  return true;
}

// The DUT only accepts inputs between passes, so when one arrives (or a new pass starts with
// no input since the last) the model must have made every attempt of its current pass.
static bool sb_st_check_drained(const char *when) {
  bench_t *b = &bench_g;
  if (!b->lockstep || !stimer_step(b->st)) {
    return true;
  }
  static sb_st_out_t o;
  sb_st_pop_model(&o);
  char what[500];
  snprintf(what, sizeof(what),
           "%.150s, but the model still had a due timer in the pass: vp %u timer %u (outcome %s); "
           "the DUT never attempted it",
           when, o.rt.vp, o.rt.timer, stimer_outcome_name(o.rt.outcome));
  bench_mismatch(what, NULL, 0, NULL);
  return false;
}

static void sb_st_pass(const bench_st_out_t *out) {
  bench_t *b = &bench_g;
  char what[300];
  if (!b->st_input_since_pass) {
    snprintf(what, sizeof(what), "the DUT started a new pass (now=%" PRIu64 ")", out->rt_now);
    if (!sb_st_check_drained(what)) {
      return;
    }
  }
  b->st_input_since_pass = false;
  if (out->rt_now > b->in.now || (b->seen_pass && out->rt_now < b->last_pass_now)) {
    snprintf(what, sizeof(what),
             "PASS record with now=%" PRIu64 ": outside [last pass %" PRIu64 ", now_i %" PRIu64 "]",
             out->rt_now, b->last_pass_now, b->in.now);
    bench_mismatch(what, NULL, 0, NULL);
    return;
  }
  b->seen_pass = true;
  b->last_pass_now = out->rt_now;
  stimer_set_now(b->st, out->rt_now);
  fcov_st_pass();
  bench_hist(BENCH_H_ST_PASS, out->rt_now, 0, 0, 0, 0, 0);
}

static void sb_st_attempt(const bench_st_out_t *out) {
  bench_t *b = &bench_g;
  char desc[160];
  snprintf(desc, sizeof(desc), "attempt vp=%u timer=%u outcome=%s now=%" PRIu64, out->rt_vp,
           out->rt_timer, stimer_outcome_name((stimer_outcome_t)out->rt_outcome), out->rt_now);
  stimer_retire_t dut = {out->rt_vp, out->rt_timer, (stimer_outcome_t)out->rt_outcome, out->rt_now};
  if (!b->lockstep) {
    sb_st_obs_attempt(&dut);
    b->dut_writes.n = 0;
    while (b->dut_irqs.n > 0) {
      bench_irq_t d;
      BENCH_POP(b->dut_irqs, d);
      sb_st_obs_irq(d.vp, d.vector, d.auto_eoi);
    }
    return;
  }
  char what[300];
  if (!stimer_step(b->st)) {
    snprintf(what, sizeof(what),
             "the DUT made a delivery attempt the model has no due timer for: %s", desc);
    bench_mismatch(what, NULL, 0, NULL);
    return;
  }
  static sb_st_out_t o;
  sb_st_pop_model(&o);
  if (!o.have_rt) {
    bench_fatal("the model made an attempt without a retire record");
    return;
  }
  bench_field_t f[] = {{"vp", o.rt.vp, dut.vp},
                       {"timer", o.rt.timer, dut.timer},
                       {"outcome", o.rt.outcome, dut.outcome},
                       {"now", o.rt.now, dut.now}};
  for (size_t i = 0; i < 4; i++) {
    if (f[i].expected != f[i].actual) {
      snprintf(what, sizeof(what),
               "delivery attempt differs\n  model: vp=%u timer=%u outcome=%s\n  DUT:   %s", o.rt.vp,
               o.rt.timer, stimer_outcome_name(o.rt.outcome), desc);
      bench_mismatch(what, f, 4, NULL);
      return;
    }
  }
  snprintf(what, sizeof(what), "SIM page writes of %s", desc);
  if (!bench_cmp_writes(&b->dut_writes, o.writes, o.nw, what) || !sb_st_cmp_irqs(&o, desc)) {
    return;
  }
  sb_st_obs_attempt(&o.rt);
  for (size_t i = 0; i < o.ni; i++) {
    sb_st_obs_irq(o.irqs[i].vp, o.irqs[i].vector, o.irqs[i].auto_eoi);
  }
  fcov_st_attempt(&o.rt, o.writes, o.nw);
  bench_hist(BENCH_H_ST_ATTEMPT, o.rt.vp, o.rt.timer, o.rt.outcome, o.rt.now, o.nw, o.ni);
}

void sb_st_edge(const bench_st_out_t *out) {
  bench_t *b = &bench_g;
  tb_beat_t beat;
  if (tb_slave_edge(b->slave, &out->mem, &b->in.mem, &beat)) {
    BENCH_PUSH(b->dut_writes, beat);
  }
  const char *perr = tb_slave_error(b->slave);
  if (perr != NULL && !b->done) {
    bench_mismatch(perr, NULL, 0, "memory port protocol");
  }
  if (out->irq_valid && b->in.out_ready) {
    bench_irq_t q = {out->irq_vp, out->irq_vector, out->irq_auto_eoi};
    BENCH_PUSH(b->dut_irqs, q);
    bench_progress();
  }
  if (b->in.eoi_valid && out->eoi_ready) {
    sb_st_check_drained("the DUT accepted an EOI");
    b->st_input_since_pass = true;
    stimer_eoi(b->st, b->in.eoi_vp, (uint8_t)b->in.eoi_vector);
    fcov_st_eoi(b->in.eoi_vp, b->in.eoi_vector);
    b->in.eoi_valid = false;
    b->settle = 2;
    b->ops_compared++;
    bench_hist(BENCH_H_ST_EOI, b->in.eoi_vp, b->in.eoi_vector, 0, 0, 0, 0);
    bench_progress();
  }
  if (out->rt_valid) {
    b->ops_compared++;
    bench_progress();
    uint64_t t0 = bench_ns();
    if (out->rt_kind == 0) {
      sb_st_pass(out);
    } else {
      sb_st_attempt(out);
    }
    b->lockstep_ns += bench_ns() - t0;
  }
}

static void sb_st_apb_compare(void);

void sb_st_apb_done(void) {
  uint64_t t0 = bench_ns();
  sb_st_apb_compare();
  bench_g.lockstep_ns += bench_ns() - t0;
}

static void sb_st_apb_compare(void) {
  bench_t *b = &bench_g;
  const bench_apb_t *a = &b->apb;
  uint32_t vp = a->addr >> 11;
  uint32_t msr = 0x40000000u | ((a->addr >> 3) & 0xFF);
  char name[32];
  char what[300];
  scn_stimer_msr_name(msr, name, sizeof(name));
  b->ops_compared++;
  static sb_st_out_t o;
  if (!a->write) {
    uint64_t v = 0;
    bool gp = stimer_msr_read(b->st, vp, msr, &v) != STIMER_OK;
    if (b->lockstep && (gp != b->apb_slverr || (!gp && v != b->apb_rdata))) {
      snprintf(what, sizeof(what), "MSR read vp %u %s differs", vp, name);
      bench_field_t f[] = {{"rdata", gp ? 0 : v, b->apb_rdata}, {"#GP", gp, b->apb_slverr}};
      bench_mismatch(what, f, 2, NULL);
      return;
    }
    bench_hist(BENCH_H_ST_READ, vp, msr, b->apb_rdata, gp, 0, 0);
    return;
  }
  if (!sb_st_check_drained("the DUT completed an MSR write")) {
    return;
  }
  b->st_input_since_pass = true;
  fcov_st_msr_before(vp, msr);
  // IMPDEF: IMPDEF-ST-1: a write that is not 64 bits wide is a #GP.
  bool gp = a->strb != 0xFF || stimer_msr_write(b->st, vp, msr, a->wdata) != STIMER_OK;
  if (!gp && msr == STIMER_MSR_SIMP && vp < 256) {
    b->simp[vp] = a->wdata;
  }
  sb_st_pop_model(&o);
  if (!b->lockstep) {
    b->dut_writes.n = 0;
    b->dut_irqs.n = 0;
    return;
  }
  if (gp != b->apb_slverr) {
    snprintf(what, sizeof(what), "MSR write vp %u %s = 0x%" PRIx64 ": #GP differs", vp, name,
             a->wdata);
    bench_field_t f[] = {{"#GP", gp, b->apb_slverr}};
    bench_mismatch(what, f, 1, NULL);
    return;
  }
  snprintf(what, sizeof(what), "memory writes of MSR write vp %u %s = 0x%" PRIx64, vp, name,
           a->wdata);
  if (!bench_cmp_writes(&b->dut_writes, o.writes, o.nw, what) || !sb_st_cmp_irqs(&o, what)) {
    return;
  }
  fcov_st_msr_write(vp, msr, a->wdata, gp, o.writes, o.nw);
  bench_hist(BENCH_H_ST_WRITE, vp, msr, a->wdata, gp, o.nw, 0);
}

void sb_st_final(void) {
  bench_t *b = &bench_g;
  if (!sb_st_check_drained("end of test")) {
    return;
  }
  if (b->dut_writes.n != 0 || b->dut_irqs.n != 0) {
    char what[200];
    snprintf(what, sizeof(what),
             "end of test: %u write beat(s) and %u interrupt(s) no retire record accounts for",
             b->dut_writes.n, b->dut_irqs.n);
    bench_mismatch(what, NULL, 0, NULL);
  }
}

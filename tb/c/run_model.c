// SPDX-License-Identifier: Apache-2.0
// Model-alone scenario runner: the model is infinitely fast, so every operation runs to
// completion before the next one.
#include "run_model.h"

#include <inttypes.h>
#include <string.h>

#include "obs.h"

bool run_its_enqueue(its_t *model, tb_mem_t *mem, const uint64_t dw[4], uint64_t *cwriter,
                     char *err, size_t errlen) {
  uint64_t cbaser;
  uint64_t cw;
  uint64_t cr;
  its_reg_read(model, ITS_GITS_CBASER, &cbaser);
  its_reg_read(model, ITS_GITS_CWRITER, &cw);
  its_reg_read(model, ITS_GITS_CREADR, &cr);
  return run_its_enqueue_at(cbaser, cw, cr, mem, dw, cwriter, err, errlen);
}

bool run_its_enqueue_at(uint64_t cbaser, uint64_t cw, uint64_t cr, tb_mem_t *mem,
                        const uint64_t dw[4], uint64_t *cwriter, char *err, size_t errlen) {
  if ((cbaser >> 63) == 0) {
    snprintf(err, errlen, "cmd: the command queue is not set up (GITS_CBASER.Valid = 0)");
    return false;
  }
  uint64_t size = ((cbaser & 0xFF) + 1) * 4096;
  uint64_t base = cbaser & 0x000FFFFFFFFFF000ull;
  uint64_t off = cw & 0xFFFE0;
  if (off >= size) {
    snprintf(err, errlen, "cmd: GITS_CWRITER (0x%" PRIx64 ") is outside the queue", off);
    return false;
  }
  if ((off + 32) % size == (cr & 0xFFFE0)) {
    snprintf(err, errlen, "cmd: the command queue is full (one slot stays empty)");
    return false;
  }
  for (int i = 0; i < 4; i++) {
    tb_mem_poke(mem, base + off + 8 * (uint64_t)i, dw[i], 8);
  }
  *cwriter = (off + 32) % size;
  return true;
}

uint64_t run_stimer_simp_base(stimer_t *model, uint32_t vp) {
  uint64_t simp = 0;
  stimer_msr_read(model, vp, STIMER_MSR_SIMP, &simp);
  return simp & ~0xFFFull;
}

stimer_config_t run_stimer_config(const scn_config_t *cfg) {
  stimer_config_t c = stimer_default_config(cfg->num_vp);
  c.feat_direct = cfg->feat_direct;
  c.scontrol_gate = cfg->scontrol_gate;
  return c;
}

typedef struct {
  const scn_t *s;
  FILE *out;
  tb_mem_t *mem;
  its_t *its;
  stimer_t *st;
  uint64_t now;
  obs_log_t log;
  int failures;
} run_t;

static void run_fail(run_t *r, const scn_op_t *op, const char *msg) {
  fprintf(r->out, "%s:%u: FAIL (model): %s\n", r->s->path, op->line, msg);
  r->failures++;
}

static void run_drain_its(run_t *r) {
  its_run(r->its, SIZE_MAX);
  its_event_t ev;
  while (its_pop_event(r->its, &ev)) {
    uint64_t a[6] = {0};
    if (ev.kind == ITS_EV_RD) {
      a[0] = ev.u.rd.kind;
      a[1] = ev.u.rd.rd;
      a[2] = ev.u.rd.rd2;
      a[3] = ev.u.rd.intid;
      obs_add(&r->log, SCN_OBS_RD, a);
    } else if (ev.kind == ITS_EV_RETIRE) {
      a[0] = ev.u.retire.kind;
      a[1] = ev.u.retire.opcode;
      a[2] = ev.u.retire.outcome;
      a[3] = ev.u.retire.error;
      a[4] = ev.u.retire.devid;
      a[5] = ev.u.retire.eventid;
      obs_add(&r->log, SCN_OBS_RETIRE, a);
    }
  }
}

static void run_drain_stimer(run_t *r) {
  stimer_advance(r->st, r->now);
  stimer_event_t ev;
  while (stimer_pop_event(r->st, &ev)) {
    uint64_t a[6] = {0};
    if (ev.kind == STIMER_EV_IRQ) {
      a[0] = ev.u.irq.vp;
      a[1] = ev.u.irq.vector;
      a[2] = ev.u.irq.auto_eoi;
      obs_add(&r->log, SCN_OBS_IRQ, a);
    } else if (ev.kind == STIMER_EV_RETIRE) {
      a[0] = ev.u.retire.vp;
      a[1] = ev.u.retire.timer;
      a[2] = ev.u.retire.outcome;
      a[3] = ev.u.retire.now;
      obs_add(&r->log, SCN_OBS_ATTEMPT, a);
    }
  }
}

static void run_its_op(run_t *r, const scn_op_t *op) {
  char msg[512];
  switch (op->kind) {
    case SCN_REG_WRITE: {
      bool err = its_reg_write(r->its, (uint32_t)op->a[0], op->a[1], (unsigned)op->a[2],
                               (uint32_t)op->a[3]) != ITS_OK;
      if (op->a[4] <= 1 && err != (op->a[4] == 1)) {
        snprintf(msg, sizeof(msg), "reg write 0x%" PRIx64 ": %s", op->a[0],
                 err ? "unexpected bus error" : "expected a bus error, none");
        run_fail(r, op, msg);
      }
    } break;
    case SCN_REG_READ: {
      uint64_t v = 0;
      its_reg_read(r->its, (uint32_t)op->a[0], &v);
      if ((op->has & 2) && (v & op->a[2]) != (op->a[1] & op->a[2])) {
        snprintf(msg, sizeof(msg),
                 "reg read 0x%" PRIx64 ": expected 0x%" PRIx64 " (mask 0x%" PRIx64
                 "), got 0x%" PRIx64,
                 op->a[0], op->a[1], op->a[2], v);
        run_fail(r, op, msg);
      }
      break;
    }
    case SCN_CMD: {
      uint64_t cw;
      if (!run_its_enqueue(r->its, r->mem, op->a, &cw, msg, sizeof(msg))) {
        run_fail(r, op, msg);
      } else {
        its_reg_write(r->its, ITS_GITS_CWRITER, cw, 8, 0);
      }
      break;
    }
    case SCN_MSI:
      its_translate(r->its, ITS_RT_MSI, (uint32_t)op->a[0], (uint32_t)op->a[1], NULL, NULL);
      break;
    case SCN_RESET:
      its_reset(r->its);
      break;
    default:
      snprintf(msg, sizeof(msg), "'%s' is not an ITS operation", scn_kind_name(op->kind));
      run_fail(r, op, msg);
      break;
  }
  run_drain_its(r);
}

static void run_stimer_op(run_t *r, const scn_op_t *op) {
  char msg[512];
  char name[32];
  uint32_t vp = (uint32_t)op->a[0];
  switch (op->kind) {
    case SCN_MSR_WRITE:
    case SCN_MSR_READ: {
      uint64_t v = 0;
      stimer_status_t st = op->kind == SCN_MSR_WRITE
                               ? stimer_msr_write(r->st, vp, (uint32_t)op->a[1], op->a[2])
                               : stimer_msr_read(r->st, vp, (uint32_t)op->a[1], &v);
      scn_stimer_msr_name((uint32_t)op->a[1], name, sizeof(name));
      if (op->a[3] <= 1 && (st == STIMER_GP) != (op->a[3] != 0)) {
        snprintf(msg, sizeof(msg), "msr %s vp %u %s: %s",
                 op->kind == SCN_MSR_WRITE ? "write" : "read", vp, name,
                 st == STIMER_GP ? "unexpected #GP" : "expected #GP, none raised");
        run_fail(r, op, msg);
      } else if (op->kind == SCN_MSR_READ && (op->has & 4) && v != op->a[2]) {
        snprintf(msg, sizeof(msg), "msr read vp %u %s: expected 0x%" PRIx64 ", got 0x%" PRIx64, vp,
                 name, op->a[2], v);
        run_fail(r, op, msg);
      }
      break;
    }
    case SCN_TIME:
      if (op->a[0] < r->now) {
        run_fail(r, op, "time goes backwards");
        break;
      }
      r->now = op->a[0];
      break;
    case SCN_EOI:
      stimer_eoi(r->st, vp, (uint8_t)op->a[1]);
      break;
    case SCN_GUEST_ACK: {
      // The guest ISR of spec/stimer.md section 5: clear message_type, EOM if msg_pending.
      uint64_t slot = run_stimer_simp_base(r->st, vp) + STIMER_SLOT_BYTES * op->a[1];
      uint64_t flags = tb_mem_peek(r->mem, slot + 5, 1);
      tb_mem_poke(r->mem, slot, 0, 4);
      if (flags & 1) {
        stimer_msr_write(r->st, vp, STIMER_MSR_EOM, 0);
      }
      break;
    }
    default:
      snprintf(msg, sizeof(msg), "'%s' is not a stimer operation", scn_kind_name(op->kind));
      run_fail(r, op, msg);
      break;
  }
  run_drain_stimer(r);
}

static void run_op(run_t *r, const scn_op_t *op) {
  char msg[2048];
  obs_note_op(&r->log, op);
  switch (op->kind) {
    case SCN_MEM_WRITE:
      tb_mem_poke(r->mem, op->a[0], op->a[1], (unsigned)op->a[2]);
      return;
    case SCN_FAULT_ADD:
      if (!tb_mem_add_fault(r->mem, op->a[0], op->a[1])) {
        run_fail(r, op, "too many fault ranges");
      }
      return;
    case SCN_FAULT_CLEAR:
      tb_mem_clear_faults(r->mem);
      return;
    case SCN_WAIT:
      return;  // the model is always idle between operations
    case SCN_EXPECT_MEM:
      if (!obs_check_mem(r->mem, op, msg, sizeof(msg))) {
        run_fail(r, op, msg);
      }
      return;
    case SCN_EXPECT_MSG:
    case SCN_EXPECT_SLOT_FREE:
      if (!obs_check_slot(r->mem, run_stimer_simp_base(r->st, (uint32_t)op->a[0]), op, msg,
                          sizeof(msg))) {
        run_fail(r, op, msg);
      }
      return;
    default:
      break;
  }
  if (obs_is_expect(op)) {
    if (!obs_check(&r->log, op, msg, sizeof(msg))) {
      run_fail(r, op, msg);
    }
  } else if (r->s->block == SCN_BLOCK_ITS) {
    run_its_op(r, op);
  } else {
    run_stimer_op(r, op);
  }
}

int run_model(const scn_t *s, FILE *out) {
  run_t r;
  memset(&r, 0, sizeof(r));
  r.s = s;
  r.out = out;
  r.mem = tb_mem_new();
  obs_init(&r.log);
  cm_mem_ops_t ops = tb_mem_ops(r.mem);
  bool ok;
  if (s->block == SCN_BLOCK_ITS) {
    its_config_t cfg = {s->cfg.num_rd};
    ok = its_create(&cfg, &ops, &r.its) == ITS_OK;
  } else {
    stimer_config_t cfg = run_stimer_config(&s->cfg);
    ok = stimer_create(&cfg, &ops, &r.st) == STIMER_OK;
  }
  if (!ok) {
    fprintf(out, "%s: FAIL (model): bad configuration\n", s->path);
    r.failures = 1;
  }
  for (size_t i = 0; ok && i < s->n_ops; i++) {
    run_op(&r, &s->ops[i]);
  }
  its_destroy(r.its);
  stimer_destroy(r.st);
  tb_mem_free(r.mem);
  obs_free(&r.log);
  return r.failures;
}

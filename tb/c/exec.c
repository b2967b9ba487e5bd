// SPDX-License-Identifier: Apache-2.0
// The scenario executor (exec.h): one meaning per scenario line, whatever runs it.
#include "exec.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/** What starting an operation led to. */
typedef enum {
  EXEC_OP_DONE,     // complete (checks done)
  EXEC_OP_STARTED,  // a request is in flight: poll the back end
  EXEC_OP_WAIT      // nothing done yet: try again later
} exec_op_t;

struct exec {
  const scn_t *s;
  exec_backend_t be;
  obs_log_t *log;
  ls_errors_t err;
  // Copies: a generated operation is gone once it is done.
  scn_op_t err_op[LS_MAX_ERRORS];
  size_t idx;  // the operation in progress; the ones before it completed
  // ops[idx] while it is in progress, NULL before it is fetched: a request takes several clock
  // edges and a random stream makes each operation once, so exec_step asks for it once.
  const scn_op_t *cur;
  bool at_end;   // scn_op returned NULL: no operation follows
  bool started;  // a request of ops[idx] is in flight
  uint64_t now;  // the last time requested (`time` never goes backwards)
  // ITS: commands written with `nopost` and not posted yet end at this queue offset (the
  // CWRITER value a `post` writes); the model's CWRITER is behind it.
  bool unposted;
  uint64_t cw_next;
  // Strict mode: every output of a block must be matched by one of its expects.
  bool strict;
  bool end_checked;
  const scn_op_t *last_expect;  // the last expect line run (the end of its block)
  uint64_t digest;              // of the operations completed (exec_digest, exec_ops_digest)
};

exec_t *exec_new(const scn_t *s, const exec_backend_t *be, obs_log_t *log) {
  exec_t *ex = calloc(1, sizeof(*ex));
  if (ex == NULL) {
    return NULL;
  }
  ex->s = s;
  ex->be = *be;
  ex->log = log;
  ex->strict = s->strict;
  ex->digest = 0xcbf29ce484222325ull;
  return ex;
}

void exec_set_strict(exec_t *ex, bool strict) {
  ex->strict = ex->strict || strict;
}

void exec_free(exec_t *ex) {
  free(ex);
}

static void exec_fail(exec_t *ex, const scn_op_t *op, const char *msg) {
  size_t i = ex->err.n;
  ls_error_add(&ex->err, 0, 0, msg, NULL, 0, op->line != 0 ? NULL : "(generated operation)");
  if (i < LS_MAX_ERRORS && ex->err.n > i) {
    ex->err_op[i] = *op;
  }
}

// Stimulus goes out at once; checks (expect lines, reads with an expected value), memory and
// reset operations first wait until the block is idle (docs/scenarios.md).
static bool exec_needs_idle(const scn_op_t *op) {
  switch (op->kind) {
    case SCN_REG_WRITE:
    case SCN_MSR_WRITE:
    case SCN_MSI:
    case SCN_TIME:
    case SCN_EOI:
    case SCN_CMD:
    case SCN_POST:
      return false;
    case SCN_REG_READ:
      return (op->has & 2) != 0;
    case SCN_MSR_READ:
      return (op->has & 4) != 0;
    default:
      return true;
  }
}

// Which block an operation belongs to (0: both).
static scn_block_t exec_block_of(scn_kind_t kind) {
  switch (kind) {
    case SCN_REG_WRITE:
    case SCN_REG_READ:
    case SCN_CMD:
    case SCN_POST:
    case SCN_MSI:
    case SCN_EXPECT_RD:
    case SCN_EXPECT_RETIRE:
      return SCN_BLOCK_ITS;
    case SCN_MSR_WRITE:
    case SCN_MSR_READ:
    case SCN_TIME:
    case SCN_EOI:
    case SCN_GUEST_ACK:
    case SCN_EXPECT_IRQ:
    case SCN_EXPECT_ATTEMPT:
    case SCN_EXPECT_MSG:
    case SCN_EXPECT_SLOT_FREE:
      return SCN_BLOCK_STIMER;
    default:
      return (scn_block_t)0;
  }
}

static exec_op_t exec_request(exec_t *ex, const scn_op_t *op, const exec_rq_t *rq) {
  char why[300];
  if (!ex->be.start(ex->be.ctx, rq, why, sizeof(why))) {
    char msg[400];
    snprintf(msg, sizeof(msg), "line %u: %s: not sent: %s", op->line, scn_kind_name(op->kind), why);
    exec_fail(ex, op, msg);
    return EXEC_OP_DONE;
  }
  return EXEC_OP_STARTED;
}

// ---- ITS: `cmd` writes the command at CWRITER and advances CWRITER ----

typedef enum { EXEC_Q_OK, EXEC_Q_FULL, EXEC_Q_INVALID, EXEC_Q_OUTSIDE } exec_q_t;

// Writes the command `dw` at queue offset CWRITER into `mem`; `*cwriter` becomes the offset after
// it. Nothing is formatted here: a full queue is retried every cycle while the block drains it.
static exec_q_t exec_its_enqueue(uint64_t cbaser, uint64_t cw, uint64_t cr, tb_mem_t *mem,
                                 const uint64_t dw[4], uint64_t *cwriter) {
  if ((cbaser >> 63) == 0) {
    return EXEC_Q_INVALID;
  }
  uint64_t size = ((cbaser & 0xFF) + 1) * 4096;
  uint64_t base = cbaser & 0x000FFFFFFFFFF000ull;
  uint64_t off = cw & 0xFFFE0;
  if (off >= size) {
    return EXEC_Q_OUTSIDE;
  }
  if ((off + 32) % size == (cr & 0xFFFE0)) {
    return EXEC_Q_FULL;
  }
  for (int i = 0; i < 4; i++) {
    tb_mem_poke(mem, base + off + 8 * (uint64_t)i, dw[i], 8);
  }
  *cwriter = (off + 32) % size;
  return EXEC_Q_OK;
}

// `cmd` writes the command at CWRITER (or after the commands not posted yet) and, unless the
// line says `nopost`, writes CWRITER past it: one CWRITER write posts every command before it.
static exec_op_t exec_cmd(exec_t *ex, const scn_op_t *op) {
  its_t *m = ex->be.its(ex->be.ctx);
  uint64_t cbaser;
  uint64_t cwriter;
  uint64_t creadr;
  its_reg_read(m, ITS_GITS_CBASER, &cbaser);
  its_reg_read(m, ITS_GITS_CWRITER, &cwriter);
  its_reg_read(m, ITS_GITS_CREADR, &creadr);  // bit 0: Stalled
  if (ex->unposted) {
    cwriter = ex->cw_next;
  }
  uint64_t cw = 0;
  exec_q_t q = exec_its_enqueue(cbaser, cwriter, creadr, ex->be.images[0], op->a, &cw);
  if (q == EXEC_Q_FULL && !ex->be.idle(ex->be.ctx)) {
    return EXEC_OP_WAIT;  // the queue drains as the block runs
  }
  if (q != EXEC_Q_OK) {
    char msg[300];
    if (q == EXEC_Q_INVALID) {
      snprintf(msg, sizeof(msg), "cmd: the command queue is not set up (GITS_CBASER.Valid = 0)");
    } else if (q == EXEC_Q_OUTSIDE) {
      snprintf(msg, sizeof(msg), "cmd: GITS_CWRITER (0x%" PRIx64 ") is outside the queue",
               cwriter & 0xFFFE0);
    } else if (ex->unposted) {
      snprintf(msg, sizeof(msg),
               "line %u: cmd: the command queue is full of commands not posted yet (one slot "
               "stays empty): they cannot run before a 'post'",
               op->line);
    } else {
      snprintf(msg, sizeof(msg), "cmd: the command queue is full (one slot stays empty)");
    }
    exec_fail(ex, op, msg);
    return EXEC_OP_DONE;
  }
  for (size_t i = 1; i < ex->be.n_images; i++) {
    exec_its_enqueue(cbaser, cwriter, creadr, ex->be.images[i], op->a, &cw);
  }
  ex->cw_next = cw;
  ex->unposted = op->a[4] != 0;  // scn.h: nopost
  if (ex->unposted) {
    return EXEC_OP_DONE;
  }
  exec_rq_t rq = {.kind = EXEC_RQ_REG_WRITE, .off = ITS_GITS_CWRITER, .value = cw, .size = 8};
  return exec_request(ex, op, &rq);
}

// `post`: CWRITER past the commands written with `nopost` (the parser makes sure there are).
static exec_op_t exec_post(exec_t *ex, const scn_op_t *op) {
  if (!ex->unposted) {
    exec_fail(ex, op, "post: no command waits to be posted");
    return EXEC_OP_DONE;
  }
  ex->unposted = false;
  exec_rq_t rq = {
      .kind = EXEC_RQ_REG_WRITE, .off = ITS_GITS_CWRITER, .value = ex->cw_next, .size = 8};
  return exec_request(ex, op, &rq);
}

// ---- stimer ----

static uint64_t exec_simp_base(exec_t *ex, uint32_t vp) {
  uint64_t simp = 0;
  stimer_msr_read(ex->be.stimer(ex->be.ctx), vp, STIMER_MSR_SIMP, &simp);
  return simp & ~0xFFFull;
}

// The guest ISR (spec/stimer.md section 5) on every image: clear message_type, then EOM if
// flags.msg_pending was set.
static exec_op_t exec_guest_ack(exec_t *ex, const scn_op_t *op) {
  uint32_t vp = (uint32_t)op->a[0];
  uint64_t slot = exec_simp_base(ex, vp) + STIMER_SLOT_BYTES * op->a[1];
  uint64_t flags = tb_mem_peek(ex->be.images[0], slot + 5, 1);
  for (size_t i = 0; i < ex->be.n_images; i++) {
    tb_mem_poke(ex->be.images[i], slot, 0, 4);
  }
  if ((flags & 1) == 0) {
    return EXEC_OP_DONE;
  }
  exec_rq_t rq = {
      .kind = EXEC_RQ_MSR_WRITE, .vp = vp, .msr = STIMER_MSR_EOM, .value = 0, .size = 8};
  return exec_request(ex, op, &rq);
}

// ---- Memory and checks ----

static const char *exec_image_name(const exec_t *ex, size_t i) {
  return ex->be.n_images < 2 ? "" : i == 0 ? " (the model's memory)" : " (the DUT's memory)";
}

static void exec_check_mem(exec_t *ex, const scn_op_t *op) {
  char msg[600];
  char full[700];
  for (size_t i = 0; i < ex->be.n_images; i++) {
    bool ok = op->kind == SCN_EXPECT_MEM
                  ? obs_check_mem(ex->be.images[i], op, msg, sizeof(msg))
                  : obs_check_slot(ex->be.images[i], exec_simp_base(ex, (uint32_t)op->a[0]), op,
                                   msg, sizeof(msg));
    if (!ok) {
      snprintf(full, sizeof(full), "%s%s", msg, exec_image_name(ex, i));
      exec_fail(ex, op, full);
      return;
    }
  }
}

static exec_op_t exec_begin(exec_t *ex, const scn_op_t *op) {
  char msg[2048];
  const uint64_t *a = op->a;
  exec_rq_t rq;
  memset(&rq, 0, sizeof(rq));
  switch (op->kind) {
    case SCN_MEM_WRITE:
      for (size_t i = 0; i < ex->be.n_images; i++) {
        tb_mem_poke(ex->be.images[i], a[0], a[1], (unsigned)a[2]);
      }
      return EXEC_OP_DONE;
    case SCN_FAULT_ADD:
      for (size_t i = 0; i < ex->be.n_images; i++) {
        if (!tb_mem_add_fault_kind(ex->be.images[i], a[0], a[1], (tb_fault_kind_t)a[2])) {
          exec_fail(ex, op, "too many memory fault ranges");
          break;
        }
      }
      return EXEC_OP_DONE;
    case SCN_FAULT_CLEAR:
      for (size_t i = 0; i < ex->be.n_images; i++) {
        tb_mem_clear_faults(ex->be.images[i]);
      }
      return EXEC_OP_DONE;
    case SCN_WAIT:
      return EXEC_OP_DONE;  // it waited for idle
    case SCN_EXPECT_MEM:
    case SCN_EXPECT_MSG:
    case SCN_EXPECT_SLOT_FREE:
      exec_check_mem(ex, op);
      return EXEC_OP_DONE;
    case SCN_EXPECT_NONE:
    case SCN_EXPECT_RD:
    case SCN_EXPECT_RETIRE:
    case SCN_EXPECT_IRQ:
    case SCN_EXPECT_ATTEMPT:
      if (!obs_check(ex->log, op, msg, sizeof(msg))) {
        exec_fail(ex, op, msg);
      }
      return EXEC_OP_DONE;
    case SCN_RESET:
      rq.kind = EXEC_RQ_RESET;
      return exec_request(ex, op, &rq);
    case SCN_REG_WRITE:
      // A write of `size` bytes carries the low `size` bytes of VALUE (docs/interfaces.md 1).
      rq = (exec_rq_t){.kind = EXEC_RQ_REG_WRITE,
                       .off = (uint32_t)a[0],
                       .value = a[2] >= 8 ? a[1] : a[1] & ((1ull << (8 * a[2])) - 1),
                       .size = (unsigned)a[2],
                       .devid = (uint32_t)a[3]};
      return exec_request(ex, op, &rq);
    case SCN_REG_READ:
      rq = (exec_rq_t){.kind = EXEC_RQ_REG_READ, .off = (uint32_t)a[0]};
      return exec_request(ex, op, &rq);
    case SCN_CMD:
      return exec_cmd(ex, op);
    case SCN_POST:
      return exec_post(ex, op);
    case SCN_MSI:
      rq = (exec_rq_t){.kind = EXEC_RQ_MSI, .devid = (uint32_t)a[0], .eventid = (uint32_t)a[1]};
      return exec_request(ex, op, &rq);
    case SCN_MSR_WRITE:
    case SCN_MSR_READ:
      rq = (exec_rq_t){.kind = op->kind == SCN_MSR_WRITE ? EXEC_RQ_MSR_WRITE : EXEC_RQ_MSR_READ,
                       .vp = (uint32_t)a[0],
                       .msr = (uint32_t)a[1],
                       .value = a[2],
                       .size = (op->has & (1u << 5)) ? (unsigned)a[5] : 8u};  // scn.h
      return exec_request(ex, op, &rq);
    case SCN_TIME:
      if (a[0] < ex->now) {
        exec_fail(ex, op, "time goes backwards");
        return EXEC_OP_DONE;
      }
      ex->now = a[0];
      rq = (exec_rq_t){.kind = EXEC_RQ_TIME, .value = a[0]};
      return exec_request(ex, op, &rq);
    case SCN_EOI:
      rq = (exec_rq_t){.kind = EXEC_RQ_EOI, .vp = (uint32_t)a[0], .vector = (uint32_t)a[1]};
      return exec_request(ex, op, &rq);
    case SCN_GUEST_ACK:
      return exec_guest_ack(ex, op);
    default:
      snprintf(msg, sizeof(msg), "'%s' is not supported", scn_kind_name(op->kind));
      exec_fail(ex, op, msg);
      return EXEC_OP_DONE;
  }
}

// The scenario's own checks of a completed access (bus errors, #GPs, read values).
static void exec_finish(exec_t *ex, const scn_op_t *op, const exec_rsp_t *rsp) {
  char msg[300];
  char name[32];
  const uint64_t *a = op->a;
  switch (op->kind) {
    case SCN_REG_WRITE:
      if (a[4] <= 1 && rsp->err != (a[4] == 1)) {
        snprintf(msg, sizeof(msg), "line %u: reg write 0x%" PRIx64 ": %s", op->line, a[0],
                 rsp->err ? "unexpected bus error" : "expected a bus error, none");
        exec_fail(ex, op, msg);
      }
      break;
    case SCN_REG_READ:
      if ((op->has & 2) && (rsp->rdata & a[2]) != (a[1] & a[2])) {
        snprintf(msg, sizeof(msg),
                 "line %u: reg read 0x%" PRIx64 ": expected 0x%" PRIx64 " (mask 0x%" PRIx64
                 "), got 0x%" PRIx64,
                 op->line, a[0], a[1], a[2], rsp->rdata);
        exec_fail(ex, op, msg);
      }
      break;
    case SCN_MSR_WRITE:
    case SCN_MSR_READ:
      // The MSR's name is formatted only for a failure message (not on every access).
      if (a[3] <= 1 && rsp->err != (a[3] != 0)) {
        scn_stimer_msr_name((uint32_t)a[1], name, sizeof(name));
        snprintf(msg, sizeof(msg), "line %u: msr %s vp %" PRIu64 " %s: %s", op->line,
                 op->kind == SCN_MSR_WRITE ? "write" : "read", a[0], name,
                 rsp->err ? "unexpected #GP" : "expected #GP, none raised");
        exec_fail(ex, op, msg);
      } else if (op->kind == SCN_MSR_READ && (op->has & 4) && rsp->rdata != a[2]) {
        scn_stimer_msr_name((uint32_t)a[1], name, sizeof(name));
        snprintf(msg, sizeof(msg),
                 "line %u: msr read vp %" PRIu64 " %s: expected 0x%" PRIx64 ", got 0x%" PRIx64,
                 op->line, a[0], name, a[2], rsp->rdata);
        exec_fail(ex, op, msg);
      }
      break;
    default:
      break;
  }
}

// Strict mode: an output of the block that no expect consumed fails the run, named. `at` is
// the line the block ends with.
static void exec_strict_check(exec_t *ex, const scn_op_t *at, const char *where) {
  if (!ex->strict || at == NULL) {
    return;
  }
  char list[1500] = "";
  size_t n = obs_unmatched(ex->log, list, sizeof(list));
  if (n > 0) {
    char msg[1700];
    snprintf(msg, sizeof(msg), "line %u%s: strict: %zu output%s of the block matched no expect:%s",
             at->line, where, n, n == 1 ? "" : "s", list);
    exec_fail(ex, at, msg);
  }
}

// Advances `op`; true when it is complete.
static bool exec_op(exec_t *ex, const scn_op_t *op) {
  if (!ex->started) {
    if (exec_needs_idle(op) && !ex->be.idle(ex->be.ctx)) {
      return false;
    }
    scn_block_t blk = exec_block_of(op->kind);
    if (blk != 0 && blk != ex->s->block) {
      char msg[200];
      snprintf(msg, sizeof(msg), "line %u: '%s' is not supported on this block", op->line,
               scn_kind_name(op->kind));
      exec_fail(ex, op, msg);
      return true;
    }
    bool expect = obs_is_expect(op);
    if (!expect && ex->log->last_was_expect) {
      exec_strict_check(ex, ex->last_expect, "");  // the block ends: its outputs are checked
    }
    obs_note_op(ex->log, op);
    if (expect) {
      ex->last_expect = op;
    }
    exec_op_t r = exec_begin(ex, op);
    if (r != EXEC_OP_STARTED) {
      return r == EXEC_OP_DONE;
    }
    ex->started = true;
  }
  exec_rsp_t rsp = {0, false};
  if (!ex->be.poll(ex->be.ctx, &rsp)) {
    return false;
  }
  ex->started = false;
  exec_finish(ex, op, &rsp);
  return true;
}

static inline uint64_t exec_rotl(uint64_t x, unsigned k) {
  return (x << k) | (x >> (64 - k));
}

// Folds a completed operation into the digest: its kind, its fields and which were given. Each
// of the nine words is multiplied by an odd constant of its own place (a bijection, so a word
// that differs makes a product that differs) and the products are summed in independent
// rotations; the digest takes the sum with one multiply and a shift (both invertible). A
// chain of nine multiplies through the words (FNV-1a) cost 1.3 ms of a 24 ms model-alone stimer run
// (docs/bench.md "The model alone"); this one has one multiply per operation on its path.
static void exec_digest(exec_t *ex, const scn_op_t *op) {
  _Static_assert(SCN_NA == 8, "exec_digest folds a[0..7]");
  const uint64_t *a = op->a;
  uint64_t k = ((uint64_t)op->kind | (uint64_t)op->has << 32) * 0x9E3779B97F4A7C15ull;
  uint64_t s0 = a[0] * 0xBF58476D1CE4E5B9ull + exec_rotl(a[1] * 0x94D049BB133111EBull, 17);
  uint64_t s1 = a[2] * 0xD6E8FEB86659FD93ull + exec_rotl(a[3] * 0xA0761D6478BD642Full, 29);
  uint64_t s2 = a[4] * 0xE7037ED1A0B428DBull + exec_rotl(a[5] * 0x8EBC6AF09C88C6E3ull, 41);
  uint64_t s3 = a[6] * 0x589965CC75374CC3ull + exec_rotl(a[7] * 0x1D8E4E27C47D124Full, 53);
  uint64_t m = k + exec_rotl(s0 + exec_rotl(s1, 11), 7) + exec_rotl(s2 + exec_rotl(s3, 13), 37);
  uint64_t d = (ex->digest ^ m) * 0x100000001B3ull;
  ex->digest = d ^ (d >> 29);
}

bool exec_step(exec_t *ex) {
  while (!ex->at_end) {
    const scn_op_t *op = ex->cur;
    if (op == NULL) {
      op = scn_op(ex->s, ex->idx);
      if (op == NULL) {
        ex->at_end = true;
        break;
      }
      ex->cur = op;
    }
    if (!exec_op(ex, op)) {
      return false;
    }
    exec_digest(ex, op);
    ex->idx++;
    ex->cur = NULL;
  }
  if (!ex->be.idle(ex->be.ctx)) {
    return false;
  }
  // The last block ends with the file: its outputs, every one in by now, are checked too.
  if (!ex->end_checked && ex->s->n_ops > 0) {
    ex->end_checked = true;
    const scn_op_t *last = &ex->s->ops[ex->s->n_ops - 1];
    exec_strict_check(ex, ex->log->last_was_expect ? ex->last_expect : last, " (end of the file)");
  }
  return true;
}

size_t exec_ops_done(const exec_t *ex) {
  return ex->idx;
}

uint64_t exec_ops_digest(const exec_t *ex) {
  return ex->digest;
}

const scn_op_t *exec_current(const exec_t *ex) {
  return scn_op(ex->s, ex->idx);
}

size_t exec_error_count(const exec_t *ex) {
  return ex->err.n;
}

const ls_error_t *exec_error(const exec_t *ex, size_t i) {
  return i < ex->err.n ? &ex->err.v[i] : NULL;
}

const scn_op_t *exec_error_op(const exec_t *ex, size_t i) {
  return i < ex->err.n ? &ex->err_op[i] : NULL;
}

void exec_clear_errors(exec_t *ex) {
  ls_errors_clear(&ex->err);
}

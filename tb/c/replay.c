// SPDX-License-Identifier: Apache-2.0
// Replay of a captured trace into the lockstep checkers (replay.h). The dispatch mirrors the
// monitor calls of the lockstep back end (tb/c/rtl_be.c): same checker calls, same order, same
// cycle stamps; the report mirrors tb/c/bench.c's.
#include "replay.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "its_lockstep.h"
#include "ls_util.h"
#include "stimer_lockstep.h"
#include "tb_mem.h"

#define REPLAY_OUTSTANDING 64
// tb/c/rtl_be.h RTL_BE_RESET_CYCLES: the edges a reset lasts in the bench.
#define REPLAY_RESET_CYCLES 4

typedef struct {
  bool we;
  cm_mem_write_t w;
} replay_req_t;

typedef struct {
  const char *test;
  FILE *out;
  replay_result_t *res;
  unsigned block;
  its_lockstep_t *its;
  stimer_lockstep_t *st;
  tb_mem_t *model_mem;
  tb_mem_t *dut_mem;
  ls_errors_t own;  // errors of the replay itself (memory pairing, overflow, stream contents)
  replay_req_t req[REPLAY_OUTSTANDING];
  unsigned req_head, req_n;
  uint64_t cycle;
  uint64_t offset;  // host cycle = encoder stamp + offset
  uint64_t hi;      // the stamp's upper bits (CYCLE_HI)
  // busy_o against the model (as rtl_be.c checks it): the value and the edge it took it.
  bool busy;
  uint64_t start_edge;  // the first edge the busy check runs at
  uint64_t idle_from;   // the first edge of the current run of busy_o = 0 with work owed (0: none)
} replay_t;

static ls_log_t *replay_log(replay_t *r) {
  return r->its != NULL ? its_lockstep_log(r->its) : stimer_lockstep_log(r->st);
}

static void replay_error(replay_t *r, const char *what, const ls_field_t *f, size_t n,
                         const char *detail) {
  uint64_t op = (r->its != NULL || r->st != NULL) ? replay_log(r)->compared : 0;
  ls_error_add(&r->own, r->cycle, op, what, f, n, detail);
}

// The headline and every differing field, on one line (as tb_sim's result file).
static void replay_first_mismatch(replay_t *r, const ls_error_t *e) {
  ls_error_line(e, "", r->res->first_mismatch, sizeof(r->res->first_mismatch));
}

static void replay_report(replay_t *r, const ls_error_t *e) {
  FILE *o = r->out;
  r->res->failures++;
  r->res->pass = false;
  fprintf(o, "==================== MISMATCH ====================\n");
  fprintf(o,
          "test %s  (replay)  cycle %" PRIu64 "  time %" PRIu64 " ns  DUT operation #%" PRIu64 "\n",
          r->test, e->cycle, e->cycle * 10, e->op);
  fprintf(o, "%s\n", e->what);
  if (r->res->first_mismatch[0] == 0) {
    replay_first_mismatch(r, e);
  }
  if (e->n_fields > 0) {
    fprintf(o, "  %-16s %-20s %-20s\n", "field", "expected (model)", "actual (DUT)");
    for (size_t i = 0; i < e->n_fields; i++) {
      const ls_field_t *f = &e->field[i];
      fprintf(o, "  %-16s 0x%-18" PRIx64 " 0x%-18" PRIx64 "%s\n", f->name, f->expected, f->actual,
              f->expected != f->actual ? "  <-- differs" : "");
    }
  }
  if (e->detail[0] != 0) {
    fprintf(o, "%s\n", e->detail);
  }
  if (r->its != NULL || r->st != NULL) {
    ls_log_t *log = replay_log(r);
    unsigned n = ls_hist_count(&log->hist);
    char line[320];
    fprintf(o, "last %u operations (model and DUT agreed on each):\n", n);
    for (unsigned i = 0; i < n; i++) {
      if (r->its != NULL) {
        its_lockstep_history(r->its, i, line, sizeof(line));
      } else {
        stimer_lockstep_history(r->st, i, line, sizeof(line));
      }
      fprintf(o, "  %s\n", line);
    }
  }
  fprintf(o, "==================================================\n");
}

// Reports what every source collected (the replay's own errors first, as the bench does with
// the back end's); true when there was something.
static bool replay_collect(replay_t *r) {
  ls_errors_t *srcs[2] = {&r->own, (r->its != NULL || r->st != NULL) ? &replay_log(r)->err : NULL};
  bool any = false;
  for (size_t k = 0; k < 2; k++) {
    if (srcs[k] == NULL) {
      continue;
    }
    for (size_t i = 0; i < srcs[k]->n; i++) {
      replay_report(r, &srcs[k]->v[i]);
      any = true;
    }
    r->res->failures += srcs[k]->dropped;
    any = any || srcs[k]->dropped != 0;
    ls_errors_clear(srcs[k]);
  }
  return any;
}

// ---- configuration (START) ----

static bool replay_start(replay_t *r, const trace_rec_t *t) {
  uint64_t w = t->p[0];
  unsigned version = (unsigned)(w & 0xFF);
  unsigned block = (unsigned)((w >> 8) & 0xFF);
  uint32_t num_rd = (uint32_t)((w >> 16) & 0xFFFF);
  uint32_t num_vp = (uint32_t)((w >> 32) & 0xFFFF);
  bool feat_direct = ((w >> 48) & 1) != 0;
  bool scontrol_gate = ((w >> 49) & 1) != 0;
  uint32_t msi_burst = (uint32_t)((w >> 50) & 0xFF);
  char what[200];
  if (version != TRACE_FORMAT_VERSION) {
    snprintf(what, sizeof(what),
             "trace: the START record has format version %u, this replay reads %u", version,
             (unsigned)TRACE_FORMAT_VERSION);
    replay_error(r, what, NULL, 0, "");
    return false;
  }
  if (block == 1 && msi_burst == 0) {
    replay_error(r, "trace: the ITS START record has MsiBurst = 0 (its_top needs 1..255)", NULL, 0,
                 "");
    return false;
  }
  if (block == 1) {
    its_lockstep_cfg_t lc = {{num_rd}, true, NULL, msi_burst};
    r->its = its_lockstep_new(&lc, r->model_mem);
  } else if (block == 2) {
    stimer_config_t mc = stimer_default_config(num_vp);
    mc.feat_direct = feat_direct;
    mc.scontrol_gate = scontrol_gate;
    stimer_lockstep_cfg_t lc = {mc, true, NULL};
    r->st = stimer_lockstep_new(&lc, r->model_mem);
  }
  if (r->its == NULL && r->st == NULL) {
    snprintf(what, sizeof(what),
             "trace: the model refuses the START record's configuration (block %u NumRd=%u "
             "NumVp=%u FeatDirect=%d ScontrolGate=%d)",
             block, num_rd, num_vp, feat_direct, scontrol_gate);
    replay_error(r, what, NULL, 0, "");
    return false;
  }
  r->block = block;
  r->res->block = block;
  return true;
}

// ---- busy_o against the model (tb/c/rtl_be.c rtl_check_busy, edge by edge) ----

static bool replay_owed(replay_t *r, char *why, size_t len) {
  return r->its != NULL ? its_lockstep_pending(r->its, why, len)
                        : stimer_lockstep_pending(r->st, why, len);
}

// The busy check of rtl_be.c on the edges [from, to], over which busy_o and the model's state
// are constant (no record in between). The check of an edge runs after its monitors.
static void replay_busy_span(replay_t *r, uint64_t from, uint64_t to) {
  if (to < r->start_edge || r->busy || !replay_owed(r, NULL, 0)) {
    r->idle_from = 0;
    return;
  }
  if (r->idle_from == UINT64_MAX) {
    return;  // this run was reported
  }
  if (r->idle_from == 0) {
    r->idle_from = from > r->start_edge ? from : r->start_edge;
  }
  uint64_t fire = r->idle_from + LS_BUSY_LATENCY - 1;
  if (to >= fire) {
    char why[300];
    char detail[400];
    replay_owed(r, why, sizeof(why));
    snprintf(detail, sizeof(detail), "model: %s", why);
    ls_field_t f[] = {{"busy_o", 1, 0}};
    char what[100];
    snprintf(what, sizeof(what), "busy_o has been 0 for %d cycles, but the model owes work",
             LS_BUSY_LATENCY);
    uint64_t keep = r->cycle;
    r->cycle = fire;
    replay_error(r, what, f, 1, detail);
    r->cycle = keep;
    r->idle_from = UINT64_MAX;
  }
}

// ---- records ----

static void replay_unpack(const enc_record_t *rec, const trace_rec_t *t, void *out) {
  uint32_t w32[2 * TRACE_MAX_LEN];
  for (unsigned i = 0; i < t->len; i++) {
    w32[2 * i] = (uint32_t)t->p[i];
    w32[2 * i + 1] = (uint32_t)(t->p[i] >> 32);
  }
  for (unsigned i = 2 * t->len; i < 2 * TRACE_MAX_LEN; i++) {
    w32[i] = 0;
  }
  enc_rec_unpack(rec, w32, out);
}

static void replay_mem_req(replay_t *r, const trace_rec_t *t) {
  if (r->req_n >= REPLAY_OUTSTANDING) {
    replay_error(r, "more memory requests outstanding than the memory monitor holds", NULL, 0,
                 "(the replay)");
    return;
  }
  replay_req_t *q = &r->req[(r->req_head + r->req_n) % REPLAY_OUTSTANDING];
  q->we = (t->aux & 1) != 0;
  q->w = (cm_mem_write_t){t->p[0], q->we ? t->p[1] : 0, q->we ? (uint8_t)t->p[2] : 0, false};
  r->req_n++;
  if (q->we) {
    tb_mem_write64(r->dut_mem, q->w.addr, q->w.data, q->w.be);  // the bench's memory slave
  }
}

static void replay_mem_rsp(replay_t *r, const trace_rec_t *t) {
  if (r->req_n == 0) {
    replay_error(r, "a memory response with no request outstanding", NULL, 0, "(the replay)");
    return;
  }
  replay_req_t q = r->req[r->req_head];
  r->req_head = (r->req_head + 1) % REPLAY_OUTSTANDING;
  r->req_n--;
  if (!q.we) {
    return;
  }
  q.w.fault = (t->aux & 1) != 0;
  if (r->its != NULL) {
    its_lockstep_mem_write(r->its, r->cycle, &q.w);
  } else {
    stimer_lockstep_mem_write(r->st, r->cycle, &q.w);
  }
}

static bool replay_its(replay_t *r, const trace_rec_t *t) {
  switch (t->kind) {
    case TRACE_KIND_ITS_RD: {
      its_rd_event_t ev;
      replay_unpack(&its_rec_rd_ev, t, &ev);
      its_lockstep_rd(r->its, r->cycle, &ev);
      return true;
    }
    case TRACE_KIND_ITS_MSI:
      its_lockstep_msi(r->its, r->cycle, (uint32_t)(t->p[0] >> 32) & 0xFFFF, (uint32_t)t->p[0]);
      return true;
    case TRACE_KIND_ITS_RETIRE: {
      its_retire_t rt;
      replay_unpack(&its_rec_retire, t, &rt);
      its_lockstep_retire(r->its, r->cycle, &rt);
      return true;
    }
    case TRACE_KIND_ITS_APB: {
      its_ls_access_t a = {(uint32_t)t->p[0],
                           (t->aux & 1) != 0,
                           t->p[1],
                           (uint8_t)(t->p[0] >> 32),
                           (uint32_t)(t->p[0] >> 40) & 0xFFFF,
                           t->p[2],
                           (t->aux & 2) != 0};
      its_lockstep_reg(r->its, r->cycle, &a);
      return true;
    }
    default:
      return false;
  }
}

static bool replay_st(replay_t *r, const trace_rec_t *t) {
  switch (t->kind) {
    case TRACE_KIND_ST_NOW:
      stimer_lockstep_now(r->st, r->cycle, t->p[0]);
      return true;
    case TRACE_KIND_ST_IRQ: {
      stimer_irq_t irq;
      replay_unpack(&stimer_rec_irq, t, &irq);
      stimer_lockstep_irq(r->st, r->cycle, &irq);
      return true;
    }
    case TRACE_KIND_ST_EOI:
      stimer_lockstep_eoi(r->st, r->cycle, (uint32_t)t->p[0], (uint32_t)(t->p[0] >> 32) & 0xFF);
      return true;
    case TRACE_KIND_ST_RETIRE: {
      stimer_retire_t rt;
      replay_unpack(&stimer_rec_retire, t, &rt);
      stimer_lockstep_retire(r->st, r->cycle, &rt);
      return true;
    }
    case TRACE_KIND_ST_APB: {
      stimer_ls_access_t a = {(uint32_t)t->p[0],        (t->aux & 1) != 0, t->p[1],
                              (uint8_t)(t->p[0] >> 32), t->p[2],           (t->aux & 2) != 0};
      stimer_lockstep_reg(r->st, r->cycle, &a);
      return true;
    }
    default:
      return false;
  }
}

static void replay_host(replay_t *r, const trace_rec_t *t) {
  tb_mem_t *img[2] = {r->model_mem, r->dut_mem};
  for (unsigned i = 0; i < 2; i++) {
    if (t->kind == TRACE_KIND_HOST_POKE) {
      tb_mem_poke(img[i], t->p[0], t->p[1], t->aux);
    } else if (t->kind == TRACE_KIND_HOST_FAULT_ADD) {
      tb_mem_add_fault_kind(img[i], t->p[0], t->p[1], (tb_fault_kind_t)(t->aux & 3));
    } else if (t->kind == TRACE_KIND_HOST_FAULT_CLEAR) {
      tb_mem_clear_faults(img[i]);
    }
  }
}

// One encoder record of edge `r->cycle`.
static void replay_enc(replay_t *r, const trace_rec_t *t) {
  char what[300];
  if (r->its == NULL && r->st == NULL && t->kind != TRACE_KIND_START) {
    snprintf(what, sizeof(what),
             "trace: a %s record (word %zu) before the START record: the replay cannot build the "
             "checker",
             trace_kind_name(t->kind), t->word);
    replay_error(r, what, NULL, 0, "");
    return;
  }
  switch (t->kind) {
    case TRACE_KIND_START:
      replay_start(r, t);
      return;
    case TRACE_KIND_OVERFLOW:
      snprintf(what, sizeof(what),
               "trace overflow: the encoder lost %" PRIu64
               " transactions before this edge (its FIFO was full): the stream is incomplete, "
               "nothing after it can be checked",
               t->p[0]);
      replay_error(r, what, NULL, 0, "(the trace encoder)");
      return;
    case TRACE_KIND_CYCLE_HI:
      return;
    case TRACE_KIND_RESET:
      if (r->its != NULL) {
        its_lockstep_reset(r->its, r->cycle);
      } else {
        stimer_lockstep_reset(r->st, r->cycle);
      }
      return;
    case TRACE_KIND_MEM_REQ:
      replay_mem_req(r, t);
      return;
    case TRACE_KIND_MEM_RSP:
      replay_mem_rsp(r, t);
      return;
    case TRACE_KIND_BUSY:
      r->busy = (t->aux & 1) != 0;
      return;
    default:
      break;
  }
  bool ok = r->its != NULL ? replay_its(r, t) : replay_st(r, t);
  if (!ok) {
    snprintf(what, sizeof(what), "trace: a %s record (word %zu) in a %s stream",
             trace_kind_name(t->kind), t->word, r->its != NULL ? "its" : "stimer");
    replay_error(r, what, NULL, 0, "");
  }
}

// The host cycle of every encoder record (CYCLE_HI unwraps the 40-bit stamps).
static void replay_cycles(replay_t *r, const trace_file_t *f, uint64_t *cyc) {
  uint64_t hi = 0;
  for (size_t i = 0; i < f->n; i++) {
    const trace_rec_t *t = &f->v[i];
    if (t->kind == TRACE_KIND_HOST_SYNC) {
      r->offset = t->p[0];
    }
    if (t->kind == TRACE_KIND_CYCLE_HI) {
      hi = t->p[0];
    }
    cyc[i] = trace_kind_is_host(t->kind) ? t->stamp : (hi << TRACE_HDR_CYCLE_W) + t->stamp;
  }
  for (size_t i = 0; i < f->n; i++) {
    if (!trace_kind_is_host(f->v[i].kind)) {
      cyc[i] += r->offset;
    }
  }
}

void replay_run(const trace_file_t *f, const char *test, FILE *out, replay_result_t *res) {
  memset(res, 0, sizeof(*res));
  res->pass = true;
  replay_t r;
  memset(&r, 0, sizeof(r));
  r.test = test;
  r.out = out;
  r.res = res;
  r.model_mem = tb_mem_new();
  r.dut_mem = tb_mem_new();
  uint64_t *cyc = calloc(f->n + 1, sizeof(uint64_t));
  size_t *enc = calloc(f->n + 1, sizeof(size_t));
  size_t *host = calloc(f->n + 1, sizeof(size_t));
  size_t n_enc = 0, n_host = 0;
  const trace_rec_t *end = NULL;
  replay_cycles(&r, f, cyc);
  for (size_t i = 0; i < f->n; i++) {
    if (f->v[i].kind == TRACE_KIND_HOST_END) {
      end = &f->v[i];
    } else if (trace_kind_is_host(f->v[i].kind)) {
      host[n_host++] = i;
    } else {
      enc[n_enc++] = i;
    }
  }
  uint64_t end_cycle = end != NULL ? end->p[1] : 0;
  // The bench's power-on reset (RTL_BE_RESET_CYCLES edges from edge 1): the busy check runs
  // from the edge after it.
  r.start_edge = REPLAY_RESET_CYCLES;
  // Merge: the encoder's records of an edge come before the host's records of that edge (the
  // monitors run before the drivers and the executor at every edge).
  size_t ie = 0, ih = 0;
  bool stop = false;
  bool ready = false;  // the checker exists
  while (!stop && (ie < n_enc || ih < n_host)) {
    bool take_enc = ie < n_enc && (ih >= n_host || cyc[enc[ie]] <= cyc[host[ih]]);
    uint64_t c = cyc[take_enc ? enc[ie] : host[ih]];
    if (c > end_cycle) {
      break;  // after the end of the live run (the capture drains the encoder afterwards)
    }
    if (ready && c > r.cycle + 1) {
      replay_busy_span(&r, r.cycle + 1, c - 1);  // the quiet edges in between
      if (replay_collect(&r)) {
        stop = true;
        break;
      }
    }
    r.cycle = c;
    // Every record of this edge: the encoder's, the busy check, then the host's.
    while (ie < n_enc && cyc[enc[ie]] == c) {
      const trace_rec_t *t = &f->v[enc[ie++]];
      if (t->kind == TRACE_KIND_RESET) {
        r.start_edge = c + REPLAY_RESET_CYCLES - 1;
        r.idle_from = 0;
      }
      replay_enc(&r, t);
    }
    ready = r.its != NULL || r.st != NULL;
    if (ready) {
      replay_busy_span(&r, c, c);
    }
    while (ih < n_host && cyc[host[ih]] == c) {
      replay_host(&r, &f->v[host[ih++]]);
    }
    stop = replay_collect(&r);
  }
  if (!stop && ready && end_cycle > r.cycle) {
    replay_busy_span(&r, r.cycle + 1, end_cycle);
    stop = replay_collect(&r);
  }
  if (!stop) {
    if (r.its == NULL && r.st == NULL) {
      replay_error(&r, "trace: no START record: the stream has no configuration to check against",
                   NULL, 0, "");
    } else if (end != NULL && (end->aux & 1) != 0) {
      r.cycle = end_cycle;
      if (r.its != NULL) {
        its_lockstep_final(r.its, end_cycle);
        its_lockstep_compare_memory(r.its, end_cycle, r.dut_mem);
      } else {
        stimer_lockstep_final(r.st, end_cycle);
        stimer_lockstep_compare_memory(r.st, end_cycle, r.dut_mem);
      }
    } else {
      r.cycle = end_cycle;
      replay_error(&r,
                   "trace: the capture ended before the test did (the live run stopped at this "
                   "cycle without its end-of-test checks): the stream agrees with the model so "
                   "far, but the run is not complete",
                   NULL, 0, "");
    }
    replay_collect(&r);
  }
  res->cycles = r.cycle;
  if (r.its != NULL || r.st != NULL) {
    res->compared = replay_log(&r)->compared;
  }
  its_lockstep_free(r.its);
  stimer_lockstep_free(r.st);
  tb_mem_free(r.model_mem);
  tb_mem_free(r.dut_mem);
  free(cyc);
  free(enc);
  free(host);
}

// SPDX-License-Identifier: Apache-2.0
// ITS lockstep checker (its_lockstep.h): steps the model at each DUT retire and compares the
// retire record, the memory write beats and the redistributor events of that operation, and
// every register access (docs/interfaces.md section 3, DESIGN.md section 5).
#include "its_lockstep.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ITS_LS_MAX_WRITES 256
#define ITS_LS_MAX_RD 64
#define ITS_LS_TRANSLATER 8
// Edges an MSI the port accepted may take to become the head of the DUT's input FIFO: an MSI
// accepted fewer edges than this before a command retires is not counted as waiting there
// (IMPDEF-ITS-14; its_xlate's FIFO shows a write at the next edge).
#define ITS_LS_FIFO_EDGES 4

typedef struct {
  uint32_t devid;
  uint32_t eventid;
  uint64_t cycle;  // accepted at
} its_ls_msi_t;

/** History record kinds. */
enum {
  ITS_LS_H_RETIRE =
      1,          // kind, offset|devid, opcode|eventid, outcome, error, (events << 32 | beats)
  ITS_LS_H_READ,  // addr, data
  ITS_LS_H_WRITE  // addr, value, size, bus error
};

struct its_lockstep {
  its_lockstep_cfg_t cfg;
  tb_mem_t *image;
  its_t *model;
  ls_log_t log;  // errors, history, counters: what the harness reads
  // DUT outputs of the operation in progress.
  ls_beatq_t writes;
  its_rd_event_t rd[LS_QUEUE];
  unsigned rd_head, rd_n;
  // Inputs accepted and not retired yet: MSIs of the port; GITS_TRANSLATER MSIs retired before
  // their APB write completed (docs/interfaces.md section 3.4), as the retire record gave them.
  its_ls_msi_t msi[LS_QUEUE];
  unsigned msi_head, msi_n;
  its_ls_msi_t tr[ITS_LS_TRANSLATER];
  unsigned tr_head, tr_n;
  // The model's outputs of one operation (scratch, too big for the stack of a DPI call).
  cm_mem_write_t mw[ITS_LS_MAX_WRITES];
  its_rd_event_t mrd[ITS_LS_MAX_RD];
  its_lockstep_wave_t wave;  // the records of the last comparison, for the waveform
  // The order of port MSIs and a waiting command (docs/interfaces.md 3.4, IMPDEF-ITS-14). A
  // window opens at a command's retire record when the model's queue has another command to
  // run, and closes at the next command's retire record; a register write or a reset in
  // between voids it (either can change whether the command may run).
  bool win;
  unsigned win_msis;     // port MSIs retired in the window
  unsigned win_waiting;  // port MSIs waiting in the DUT's input FIFO when it opened
  uint64_t win_cycle;    // the retire that opened it
  uint32_t win_offset;   // and its command's queue offset
};

its_lockstep_t *its_lockstep_new(const its_lockstep_cfg_t *cfg, tb_mem_t *image) {
  its_lockstep_t *ls = calloc(1, sizeof(*ls));
  if (ls == NULL) {
    return NULL;
  }
  ls->cfg = *cfg;
  ls->image = image;
  cm_mem_ops_t ops = fcov_wrap_mem(cfg->fcov, tb_mem_ops(image));
  if (its_create(&cfg->model, &ops, &ls->model) != ITS_OK) {
    free(ls);
    return NULL;
  }
  return ls;
}

void its_lockstep_free(its_lockstep_t *ls) {
  if (ls == NULL) {
    return;
  }
  its_destroy(ls->model);
  free(ls);
}

static void its_ls_describe(const its_retire_t *r, char *buf, size_t len) {
  if (r->kind == ITS_RT_CMD) {
    snprintf(buf, len, "retire cmd %s @0x%05x %s err=0x%06x", its_opcode_name(r->opcode), r->offset,
             its_outcome_name(r->outcome), r->error);
  } else {
    snprintf(buf, len, "retire %s dev=%u ev=%u %s err=0x%06x",
             r->kind == ITS_RT_MSI ? "msi" : "translater", r->devid, r->eventid,
             its_outcome_name(r->outcome), r->error);
  }
}

// ---- Transactions ----

void its_lockstep_reset(its_lockstep_t *ls, uint64_t cycle) {
  (void)cycle;
  its_reset(ls->model);
  ls->writes.n = 0;
  ls->rd_n = 0;
  ls->msi_n = 0;
  ls->tr_n = 0;
  ls->win = false;
  fcov_reset(ls->cfg.fcov);
}

void its_lockstep_msi(its_lockstep_t *ls, uint64_t cycle, uint32_t devid, uint32_t eventid) {
  if (ls->msi_n >= LS_QUEUE) {
    ls_log_error(&ls->log, cycle,
                 "the DUT accepted more MSIs than the checker holds without retiring any", NULL, 0,
                 NULL);
    return;
  }
  ls->msi[(ls->msi_head + ls->msi_n) % LS_QUEUE] = (its_ls_msi_t){devid, eventid, cycle};
  ls->msi_n++;
}

void its_lockstep_mem_write(its_lockstep_t *ls, uint64_t cycle, const cm_mem_write_t *beat) {
  if (!ls_beatq_push(&ls->writes, beat)) {
    ls_log_error(&ls->log, cycle,
                 "the DUT wrote more memory beats than the checker holds without retiring", NULL, 0,
                 NULL);
  }
}

void its_lockstep_rd(its_lockstep_t *ls, uint64_t cycle, const its_rd_event_t *ev) {
  if (ls->rd_n >= LS_QUEUE) {
    ls_log_error(&ls->log, cycle,
                 "the DUT sent more events than the checker holds without retiring", NULL, 0, NULL);
    return;
  }
  ls->rd[(ls->rd_head + ls->rd_n) % LS_QUEUE] = *ev;
  ls->rd_n++;
}

// Steps the model for one DUT retire record; false when the model has no such operation.
static bool its_ls_step(its_lockstep_t *ls, uint64_t cycle, const its_retire_t *dut) {
  char what[200];
  fcov_its_begin(ls->cfg.fcov);
  switch (dut->kind) {
    case ITS_RT_CMD:
      if (its_step(ls->model) == ITS_STEP_IDLE) {
        snprintf(what, sizeof(what),
                 "the DUT retired a command at queue offset 0x%x; the model's queue is idle",
                 dut->offset);
        ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
        return false;
      }
      return true;
    case ITS_RT_MSI: {
      if (ls->msi_n == 0) {
        ls_log_error(&ls->log, cycle, "the DUT retired an MSI that the MSI port never accepted",
                     NULL, 0, NULL);
        return false;
      }
      its_ls_msi_t m = ls->msi[ls->msi_head];
      ls->msi_head = (ls->msi_head + 1) % LS_QUEUE;
      ls->msi_n--;
      its_translate(ls->model, ITS_RT_MSI, m.devid, m.eventid, NULL, NULL);
      return true;
    }
    case ITS_RT_TRANSLATER:
      // The APB write completes after this record (docs/interfaces.md section 3.4): the model
      // translates the IDs the record carries, and its_lockstep_reg() checks them against the
      // write the APB monitor saw.
      if (ls->tr_n >= ITS_LS_TRANSLATER) {
        ls_log_error(&ls->log, cycle,
                     "the DUT retired GITS_TRANSLATER MSIs without completing their APB writes",
                     NULL, 0, NULL);
        return false;
      }
      ls->tr[(ls->tr_head + ls->tr_n) % ITS_LS_TRANSLATER] =
          (its_ls_msi_t){dut->devid, dut->eventid, cycle};
      ls->tr_n++;
      its_translate(ls->model, ITS_RT_TRANSLATER, dut->devid, dut->eventid, NULL, NULL);
      return true;
    default:
      snprintf(what, sizeof(what), "the DUT retired an operation of unknown kind %u",
               (unsigned)dut->kind);
      ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
      return false;
  }
}

// Compares the DUT's events of one operation with the model's `n`, in order.
static bool its_ls_cmp_rd(its_lockstep_t *ls, uint64_t cycle, size_t n, const its_retire_t *dut) {
  for (size_t i = 0; i <= n; i++) {
    if (i == n && ls->rd_n == 0) {
      break;
    }
    its_rd_event_t d = {0, 0, 0, 0};
    bool have_d = ls->rd_n > 0;
    if (have_d) {
      d = ls->rd[ls->rd_head];
      ls->rd_head = (ls->rd_head + 1) % LS_QUEUE;
      ls->rd_n--;
    }
    its_rd_event_t m = i < n ? ls->mrd[i] : (its_rd_event_t){0, 0, 0, 0};
    ls_field_t g[LS_MAX_FIELDS];
    ls->wave.exp_rd = m;
    ls->wave.act_rd = d;
    ls->log.wave.seq++;
    if (!ls_rec_compare(&its_rec_rd_ev, &m, &d, g) || !have_d || i == n) {
      ls_wave_fail(&ls->log.wave, LS_IF_EVENT);
      char what[300];
      char desc[160];
      its_ls_describe(dut, desc, sizeof(desc));
      snprintf(what, sizeof(what), "redistributor event %zu of %s (model %zu events)", i + 1, desc,
               n);
      ls_log_error(&ls->log, cycle, what, g, its_rec_rd_ev.n,
                   !have_d ? "(the DUT sent no such event)"
                           : (i == n ? "(the model sent no such event)" : NULL));
      ls->rd_n = 0;
      return false;
    }
  }
  return true;
}

// Compares the model's outputs of the operation just stepped with the DUT's.
static void its_ls_compare(its_lockstep_t *ls, uint64_t cycle, const its_retire_t *dut) {
  its_retire_t mrt;
  size_t nw = 0;
  size_t nr = 0;
  bool have_rt = false;
  its_event_t ev;
  while (its_pop_event(ls->model, &ev)) {
    if (ev.kind == ITS_EV_MEM_WRITE && nw < ITS_LS_MAX_WRITES) {
      ls->mw[nw++] = ev.u.mem;
    } else if (ev.kind == ITS_EV_RD && nr < ITS_LS_MAX_RD) {
      ls->mrd[nr++] = ev.u.rd;
    } else if (ev.kind == ITS_EV_RETIRE) {
      mrt = ev.u.retire;
      have_rt = true;
    }
  }
  if (!ls->cfg.compare) {
    ls->writes.n = 0;
    ls->rd_n = 0;
    ls_log_hist(&ls->log, ITS_LS_H_RETIRE, cycle, dut->kind,
                dut->kind == ITS_RT_CMD ? dut->offset : dut->devid,
                dut->kind == ITS_RT_CMD ? dut->opcode : dut->eventid, dut->outcome, dut->error, 0);
    return;
  }
  char desc[160];
  if (!have_rt) {
    its_ls_describe(dut, desc, sizeof(desc));
    ls_log_error(&ls->log, cycle, "the model stepped without a retire record", NULL, 0, desc);
    return;
  }
  ls->wave.exp_rt = mrt;
  ls->wave.act_rt = *dut;
  ls->log.wave.seq++;
  ls_field_t f[LS_MAX_FIELDS];
  if (!ls_rec_compare(&its_rec_retire, &mrt, dut, f)) {
    ls_wave_fail(&ls->log.wave, LS_IF_RETIRE);
    char what[400];
    char mdesc[160];
    its_ls_describe(&mrt, mdesc, sizeof(mdesc));
    its_ls_describe(dut, desc, sizeof(desc));
    snprintf(what, sizeof(what), "retire record differs\n  model: %s\n  DUT:   %s", mdesc, desc);
    ls_log_error(&ls->log, cycle, what, f, its_rec_retire.n, NULL);
    ls->writes.n = 0;
    ls->rd_n = 0;
    return;
  }
  if (!ls_wave_writes(&ls->log.wave, &ls->writes, ls->mw, nw)) {
    char what[240];
    its_ls_describe(dut, desc, sizeof(desc));
    snprintf(what, sizeof(what), "memory writes of: %s", desc);
    ls_cmp_writes(&ls->log.err, cycle, ls->log.compared, &ls->writes, ls->mw, nw, what);
    ls->writes.n = 0;
    ls->rd_n = 0;
    return;
  }
  ls->writes.n = 0;
  if (!its_ls_cmp_rd(ls, cycle, nr, dut)) {
    return;
  }
  fcov_its_ctx_t fc = {ls->model, ls->image, ls->cfg.model.num_rd};
  fcov_its_retire(ls->cfg.fcov, &fc, &mrt, ls->mw, nw, ls->mrd, nr);
  ls_log_hist(&ls->log, ITS_LS_H_RETIRE, cycle, mrt.kind,
              mrt.kind == ITS_RT_CMD ? mrt.offset : mrt.devid,
              mrt.kind == ITS_RT_CMD ? mrt.opcode : mrt.eventid, mrt.outcome, mrt.error,
              ((uint64_t)nr << 32) | nw);
}

// True when the model's command queue has a command to run (docs/interfaces.md 3.4: Enabled,
// not Stalled, CREADR != CWRITER, CWRITER.Offset < the queue size, CBASER.Valid); `regs`
// receives CTLR, CBASER, CWRITER and CREADR.
static bool its_ls_queue_work(const its_lockstep_t *ls, uint64_t regs[4]) {
  its_reg_read(ls->model, ITS_GITS_CTLR, &regs[0]);
  its_reg_read(ls->model, ITS_GITS_CBASER, &regs[1]);
  its_reg_read(ls->model, ITS_GITS_CWRITER, &regs[2]);
  its_reg_read(ls->model, ITS_GITS_CREADR, &regs[3]);
  uint64_t size = (regs[1] >> 63) != 0 ? ((regs[1] & 0xFF) + 1) * 4096 : 0;
  bool stalled = (regs[3] & 1) != 0;
  uint64_t cw = regs[2] & 0xFFFE0;
  return (regs[0] & 1) != 0 && !stalled && cw < size && (regs[3] & 0xFFFE0) != cw;
}

// IMPDEF-ITS-14 (docs/interfaces.md 3.4): between a command's retire record and the next
// command's, with the queue able to run throughout, the port MSIs that waited in the input FIFO
// when the first retired go before the next command, up to MsiBurst of them, and no more than
// MsiBurst port MSIs do. Called after the model stepped the DUT's record `rt`.
static void its_ls_order(its_lockstep_t *ls, uint64_t cycle, const its_retire_t *rt) {
  char what[400];
  unsigned burst = ls->cfg.msi_burst;
  if (rt->kind == ITS_RT_MSI) {
    if (ls->win && ++ls->win_msis > burst) {
      snprintf(what, sizeof(what),
               "MSI order (IMPDEF-ITS-14): the DUT retired %u port MSIs since the command at "
               "queue offset 0x%05x retired (cycle %" PRIu64
               ") with another command ready to run; at most MsiBurst = %u may go before it",
               ls->win_msis, ls->win_offset, ls->win_cycle, burst);
      ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
      ls->win = false;
    }
    return;
  }
  if (rt->kind != ITS_RT_CMD) {
    return;
  }
  unsigned due = ls->win_waiting < burst ? ls->win_waiting : burst;
  if (ls->win && ls->win_msis < due) {
    snprintf(what, sizeof(what),
             "MSI order (IMPDEF-ITS-14): the command at queue offset 0x%05x retired after %u "
             "port MSIs; %u MSIs waited in the input FIFO when the command before it (offset "
             "0x%05x) retired at cycle %" PRIu64 ", so min(%u, MsiBurst = %u) = %u go first",
             rt->offset, ls->win_msis, ls->win_waiting, ls->win_offset, ls->win_cycle,
             ls->win_waiting, burst, due);
    ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
  } else if (ls->win) {
    fcov_its_order(ls->cfg.fcov, ls->win_waiting, burst);
  }
  uint64_t regs[4];
  ls->win = its_ls_queue_work(ls, regs);
  ls->win_msis = 0;
  ls->win_cycle = cycle;
  ls->win_offset = rt->offset;
  ls->win_waiting = 0;
  // Accepted in order: the ones accepted early enough to be in the FIFO are at the front.
  while (ls->win_waiting < ls->msi_n &&
         ls->msi[(ls->msi_head + ls->win_waiting) % LS_QUEUE].cycle + ITS_LS_FIFO_EDGES <= cycle) {
    ls->win_waiting++;
  }
}

void its_lockstep_retire(its_lockstep_t *ls, uint64_t cycle, const its_retire_t *rt) {
  uint64_t t0 = ls_ns();
  ls->log.compared++;
  if (its_ls_step(ls, cycle, rt)) {
    its_ls_compare(ls, cycle, rt);
    if (ls->cfg.compare && ls->cfg.msi_burst != 0) {
      its_ls_order(ls, cycle, rt);
    }
  } else {
    ls->writes.n = 0;
    ls->rd_n = 0;
    if (ls->cfg.compare) {  // the model has no such operation: its row shows none
      ls->wave.exp_rt = (its_retire_t){0};
      ls->wave.act_rt = *rt;
      ls->log.wave.seq++;
      ls_wave_fail(&ls->log.wave, LS_IF_RETIRE);
    }
  }
  ls->log.ns += ls_ns() - t0;
}

// Size and right-aligned value of an APB write, per docs/interfaces.md section 1; size 1
// stands for an unsupported strobe pattern, which the model answers with a bus error.
static unsigned its_ls_write_size(const its_ls_access_t *a, uint64_t *value) {
  switch (a->strb) {
    case 0xFF:
      *value = a->wdata;
      return (a->addr & 7) == 0 ? 8 : 1;
    case 0x0F:
      *value = a->wdata & 0xFFFFFFFFull;
      return (a->addr & 7) == 0 ? 4 : 1;
    case 0xF0:
      *value = a->wdata >> 32;
      return (a->addr & 7) == 4 ? 4 : 1;
    case 0x03:
      *value = a->wdata & 0xFFFF;
      return (a->addr & 7) == 0 ? 2 : 1;
    default:
      *value = 0;
      return 1;
  }
}

// A GITS_TRANSLATER write completed: it must match the translater retire record before it.
static void its_ls_translater(its_lockstep_t *ls, uint64_t cycle, const its_ls_access_t *a,
                              uint64_t value, unsigned size) {
  char what[300];
  if (ls->tr_n == 0) {
    snprintf(what, sizeof(what),
             "GITS_TRANSLATER write (devid %u, data 0x%" PRIx64
             ") completed without its retire "
             "record",
             a->devid, value);
    ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
    return;
  }
  // The EventID a TRANSLATER write carries: 16 bits zero-extended, or the low 32 bits.
  value &= size == 2 ? 0xFFFFull : 0xFFFFFFFFull;
  its_ls_msi_t t = ls->tr[ls->tr_head];
  ls->tr_head = (ls->tr_head + 1) % ITS_LS_TRANSLATER;
  ls->tr_n--;
  ls_log_hist(&ls->log, ITS_LS_H_WRITE, cycle, a->addr, value, size, a->slverr, 0, 0);
  if (!ls->cfg.compare) {
    return;
  }
  if (t.devid != a->devid || t.eventid != value || a->slverr) {
    snprintf(what, sizeof(what),
             "GITS_TRANSLATER write completed%s; its retire record names another MSI",
             a->slverr ? " with a bus error" : "");
    ls_field_t f[] = {
        {"devid", a->devid, t.devid}, {"eventid", value, t.eventid}, {"pslverr", 0, a->slverr}};
    ls_log_error(&ls->log, cycle, what, f, 3,
                 "expected: the write on the bus; actual: the DUT's translater retire record");
    return;
  }
  fcov_its_translater(ls->cfg.fcov, size);
}

static void its_ls_reg(its_lockstep_t *ls, uint64_t cycle, const its_ls_access_t *a) {
  char what[300];
  if (ls->writes.n != 0 || ls->rd_n != 0) {
    snprintf(what, sizeof(what),
             "the DUT wrote memory or sent events (%u beats, %u events) that no retire record "
             "accounts for",
             ls->writes.n, ls->rd_n);
    ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
    ls->writes.n = 0;
    ls->rd_n = 0;
  }
  ls->log.compared++;
  if (!a->write) {
    uint64_t v = 0;
    its_reg_read(ls->model, a->addr, &v);
    ls->log.wave.exp_rdata = v;
    ls->log.wave.act_rdata = a->rdata;
    ls->log.wave.seq++;
    if (ls->cfg.compare && (v != a->rdata || a->slverr)) {
      ls_wave_fail(&ls->log.wave, LS_IF_REG);
      snprintf(what, sizeof(what), "register read at offset 0x%05x differs", a->addr);
      ls_field_t f[] = {{"rdata", v, a->rdata}, {"pslverr", 0, a->slverr}};
      ls_log_error(&ls->log, cycle, what, f, 2, NULL);
      return;
    }
    ls_log_hist(&ls->log, ITS_LS_H_READ, cycle, a->addr, a->rdata, 0, 0, 0, 0);
    return;
  }
  uint64_t value;
  unsigned size = its_ls_write_size(a, &value);
  uint32_t off = size == 4 ? a->addr : (a->addr & ~7u);
  if (off == ITS_GITS_TRANSLATER && size != 1) {
    its_ls_translater(ls, cycle, a, value, size);
    return;
  }
  ls->win = false;  // the write may change whether the next command may run
  fcov_its_reg_before(ls->cfg.fcov, ls->model);
  its_status_t st = its_reg_write(ls->model, off, value, size, a->devid);
  bool model_err = st == ITS_BUS_ERROR;
  if (its_event_count(ls->model) != 0) {
    its_event_t ev;
    while (its_pop_event(ls->model, &ev)) {
    }
    ls_log_error(&ls->log, cycle, "the model produced outputs for a register write", NULL, 0, NULL);
    return;
  }
  if (ls->cfg.compare && model_err != a->slverr) {
    snprintf(what, sizeof(what), "register write at offset 0x%05x (strobes 0x%02x): bus error",
             a->addr, a->strb);
    ls_field_t f[] = {{"pslverr", model_err, a->slverr}};
    ls_log_error(&ls->log, cycle, what, f, 1, NULL);
    return;
  }
  if (ls->cfg.compare) {
    fcov_its_reg_write(ls->cfg.fcov, off, value, size, model_err);
  }
  ls_log_hist(&ls->log, ITS_LS_H_WRITE, cycle, a->addr, value, size, a->slverr, 0, 0);
}

void its_lockstep_reg(its_lockstep_t *ls, uint64_t cycle, const its_ls_access_t *a) {
  uint64_t t0 = ls_ns();
  its_ls_reg(ls, cycle, a);
  ls->log.ns += ls_ns() - t0;
}

void its_lockstep_final(its_lockstep_t *ls, uint64_t cycle) {
  if (ls->writes.n != 0 || ls->rd_n != 0 || ls->msi_n != 0 || ls->tr_n != 0) {
    char what[300];
    snprintf(what, sizeof(what),
             "end of test: %u write beat(s), %u event(s) and %u accepted MSI(s) were never "
             "retired; %u GITS_TRANSLATER retire record(s) without their APB write",
             ls->writes.n, ls->rd_n, ls->msi_n, ls->tr_n);
    ls_log_error(&ls->log, cycle, what, NULL, 0, NULL);
  }
}

void its_lockstep_compare_memory(its_lockstep_t *ls, uint64_t cycle, const tb_mem_t *dut) {
  if (ls->cfg.compare) {
    ls_log_compare_memory(&ls->log, cycle, ls->image, dut);
  }
}

// ---- Queries ----

its_t *its_lockstep_model(const its_lockstep_t *ls) {
  return ls->model;
}

bool its_lockstep_pending(const its_lockstep_t *ls, char *why, size_t whylen) {
  if (ls->msi_n != 0) {
    if (why != NULL) {
      snprintf(why, whylen, "%u accepted MSI(s) not retired", ls->msi_n);
    }
    return true;
  }
  uint64_t regs[4];
  bool work = its_ls_queue_work(ls, regs);
  if (work && why != NULL) {
    snprintf(why, whylen,
             "the model's queue has a command to run: GITS_CREADR 0x%" PRIx64
             " (not stalled), GITS_CWRITER 0x%" PRIx64 ", GITS_CTLR.Enabled = 1",
             regs[3], regs[2]);
  }
  return work;
}

// ---- Errors and history ----

const its_lockstep_wave_t *its_lockstep_wave(const its_lockstep_t *ls) {
  return &ls->wave;
}

ls_log_t *its_lockstep_log(its_lockstep_t *ls) {
  return &ls->log;
}

void its_lockstep_history(const its_lockstep_t *ls, unsigned i, char *buf, size_t len) {
  const ls_hist_t *h = ls_hist_at(&ls->log.hist, i);
  int k = snprintf(buf, len, "#%" PRIu64 " c=%" PRIu64 " ", h->op, h->cycle);
  if (k < 0 || (size_t)k >= len) {
    return;
  }
  char *p = buf + k;
  size_t n = len - (size_t)k;
  const uint64_t *a = h->a;
  switch (h->kind) {
    case ITS_LS_H_RETIRE:
      if (a[0] == ITS_RT_CMD) {
        snprintf(p, n,
                 "retire cmd %s @0x%05" PRIx64 " %s err=0x%06" PRIx64 ", %" PRIu64
                 " write beat(s), %" PRIu64 " event(s)",
                 its_opcode_name((uint8_t)a[2]), a[1], its_outcome_name((its_outcome_t)a[3]),
                 a[4] & 0xFFFFFF, a[5] & 0xFFFFFFFF, a[5] >> 32);
      } else {
        snprintf(p, n,
                 "retire %s dev=%" PRIu64 " ev=%" PRIu64 " %s err=0x%06" PRIx64 ", %" PRIu64
                 " event(s)",
                 a[0] == ITS_RT_MSI ? "msi" : "translater", a[1], a[2],
                 its_outcome_name((its_outcome_t)a[3]), a[4], a[5] >> 32);
      }
      break;
    case ITS_LS_H_READ:
      snprintf(p, n, "reg read 0x%05" PRIx64 " = 0x%016" PRIx64, a[0], a[1]);
      break;
    case ITS_LS_H_WRITE:
      snprintf(p, n, "reg write 0x%05" PRIx64 " = 0x%" PRIx64 " (%" PRIu64 " bytes)%s", a[0], a[1],
               a[2], a[3] ? " -> bus error" : "");
      break;
    default:
      snprintf(p, n, "?");
      break;
  }
}

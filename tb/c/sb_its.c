// SPDX-License-Identifier: Apache-2.0
// ITS monitors and scoreboard: steps the model at each DUT retire and compares the retire
// record, the memory write beats and the redistributor events of that operation, and every
// register access (docs/interfaces.md section 3, DESIGN.md section 5).
#include <inttypes.h>
#include <string.h>

#include "bench_int.h"
#include "fcov.h"

#define SB_MAX_WRITES 256
#define SB_MAX_RD 64

static bool sb_its_model_busy(void) {
  bench_t *b = &bench_g;
  uint64_t ctlr;
  uint64_t cbaser;
  uint64_t cwriter;
  its_reg_read(b->its, ITS_GITS_CTLR, &ctlr);
  its_reg_read(b->its, ITS_GITS_CBASER, &cbaser);
  its_reg_read(b->its, ITS_GITS_CWRITER, &cwriter);
  uint64_t size = (cbaser >> 63) ? ((cbaser & 0xFF) + 1) * 4096 : 0;
  return (ctlr & 1) && !b->stalled && cwriter < size && b->creadr != cwriter;
}

bool sb_its_idle(void) {
  bench_t *b = &bench_g;
  return b->msis.n == 0 && !b->dut_busy && !sb_its_model_busy();
}

static void sb_its_obs_retire(const its_retire_t *r) {
  uint64_t a[6] = {r->kind, r->opcode, r->outcome, r->error, r->devid, r->eventid};
  obs_add(&bench_g.log, SCN_OBS_RETIRE, a);
}

static void sb_its_obs_rd(uint32_t kind, uint32_t rd, uint32_t rd2, uint32_t intid) {
  uint64_t a[6] = {kind, rd, rd2, intid, 0, 0};
  obs_add(&bench_g.log, SCN_OBS_RD, a);
}

static void sb_its_describe(const its_retire_t *r, char *buf, size_t len) {
  if (r->kind == ITS_RT_CMD) {
    snprintf(buf, len, "retire cmd %s @0x%05x %s err=0x%06x", its_opcode_name(r->opcode), r->offset,
             its_outcome_name(r->outcome), r->error);
  } else {
    snprintf(buf, len, "retire %s dev=%u ev=%u %s err=0x%06x",
             r->kind == ITS_RT_MSI ? "msi" : "translater", r->devid, r->eventid,
             its_outcome_name(r->outcome), r->error);
  }
}

// Steps the model for one DUT retire record; false when the model has no such operation.
static bool sb_its_step_model(const its_retire_t *dut) {
  bench_t *b = &bench_g;
  char what[200];
  fcov_its_begin();
  switch (dut->kind) {
    case ITS_RT_CMD:
      if (its_step(b->its) == ITS_STEP_IDLE) {
        snprintf(what, sizeof(what),
                 "the DUT retired a command at queue offset 0x%x; the model's queue is idle",
                 dut->offset);
        bench_mismatch(what, NULL, 0, NULL);
        return false;
      }
      return true;
    case ITS_RT_MSI: {
      if (b->msis.n == 0) {
        bench_mismatch("the DUT retired an MSI that the MSI port never accepted", NULL, 0, NULL);
        return false;
      }
      bench_msi_t m;
      BENCH_POP(b->msis, m);
      its_translate(b->its, ITS_RT_MSI, m.devid, m.eventid, NULL, NULL);
      return true;
    }
    case ITS_RT_TRANSLATER: {
      if (!b->apb.active || !b->apb.write || b->apb.addr != ITS_GITS_TRANSLATER) {
        bench_mismatch("the DUT retired a GITS_TRANSLATER MSI with no such write on the bus", NULL,
                       0, NULL);
        return false;
      }
      uint64_t mask = b->apb.strb == 0x03 ? 0xFFFFull : 0xFFFFFFFFull;
      its_translate(b->its, ITS_RT_TRANSLATER, b->apb.devid, (uint32_t)(b->apb.wdata & mask), NULL,
                    NULL);
      b->translater_retired = true;
      return true;
    }
    default:
      snprintf(what, sizeof(what), "the DUT retired an operation of unknown kind %u",
               (unsigned)dut->kind);
      bench_mismatch(what, NULL, 0, NULL);
      return false;
  }
}

// Compares the model's outputs of the operation just stepped with the DUT's.
static void sb_its_compare(const its_retire_t *dut) {
  bench_t *b = &bench_g;
  static cm_mem_write_t writes[SB_MAX_WRITES];
  its_rd_event_t rds[SB_MAX_RD];
  its_retire_t mrt;
  size_t nw = 0;
  size_t nr = 0;
  bool have_rt = false;
  its_event_t ev;
  while (its_pop_event(b->its, &ev)) {
    if (ev.kind == ITS_EV_MEM_WRITE && nw < SB_MAX_WRITES) {
      writes[nw++] = ev.u.mem;
    } else if (ev.kind == ITS_EV_RD && nr < SB_MAX_RD) {
      rds[nr++] = ev.u.rd;
    } else if (ev.kind == ITS_EV_RETIRE) {
      mrt = ev.u.retire;
      have_rt = true;
    }
  }
  if (!have_rt) {
    bench_fatal("the model stepped without a retire record");
    return;
  }
  bench_field_t f[] = {
      {"kind", mrt.kind, dut->kind},         {"offset", mrt.offset, dut->offset},
      {"opcode", mrt.opcode, dut->opcode},   {"outcome", mrt.outcome, dut->outcome},
      {"error", mrt.error, dut->error},      {"devid", mrt.devid, dut->devid},
      {"eventid", mrt.eventid, dut->eventid}};
  for (size_t i = 0; i < sizeof(f) / sizeof(f[0]); i++) {
    if (f[i].expected != f[i].actual) {
      char what[400];
      char mdesc[160];
      char desc[160];
      sb_its_describe(&mrt, mdesc, sizeof(mdesc));
      sb_its_describe(dut, desc, sizeof(desc));
      snprintf(what, sizeof(what), "retire record differs\n  model: %s\n  DUT:   %s", mdesc, desc);
      bench_mismatch(what, f, sizeof(f) / sizeof(f[0]), NULL);
      return;
    }
  }
  char what[240];
  char desc[160];
  sb_its_describe(dut, desc, sizeof(desc));
  snprintf(what, sizeof(what), "memory writes of: %s", desc);
  if (!bench_cmp_writes(&b->dut_writes, writes, nw, what)) {
    return;
  }
  for (size_t i = 0; i <= nr; i++) {
    if (i == nr && b->dut_rd.n == 0) {
      break;
    }
    bench_rd_t d = {0, 0, 0, 0};
    bool have_d = b->dut_rd.n > 0;
    if (have_d) {
      BENCH_POP(b->dut_rd, d);
    }
    its_rd_event_t m = i < nr ? rds[i] : (its_rd_event_t){0, 0, 0, 0};
    if (!have_d || i == nr || d.kind != m.kind || d.rd != m.rd || d.rd2 != m.rd2 ||
        d.intid != m.intid) {
      snprintf(what, sizeof(what), "redistributor event %zu of %s (model %zu events)", i + 1, desc,
               nr);
      bench_field_t g[] = {{"kind", m.kind, d.kind},
                           {"rd", m.rd, d.rd},
                           {"rd2", m.rd2, d.rd2},
                           {"intid", m.intid, d.intid}};
      bench_mismatch(what, g, 4, have_d ? NULL : "(the DUT sent no such event)");
      b->dut_rd.n = 0;
      return;
    }
  }
  for (size_t i = 0; i < nr; i++) {
    sb_its_obs_rd(rds[i].kind, rds[i].rd, rds[i].rd2, rds[i].intid);
  }
  sb_its_obs_retire(&mrt);
  fcov_its_retire(&mrt, writes, nw, rds, nr);
  bench_hist(BENCH_H_ITS_RETIRE, mrt.kind, mrt.kind == ITS_RT_CMD ? mrt.offset : mrt.devid,
             mrt.kind == ITS_RT_CMD ? mrt.opcode : mrt.eventid, mrt.outcome, mrt.error,
             ((uint64_t)nr << 32) | nw);
}

static void sb_its_retire(const bench_its_out_t *out) {
  bench_t *b = &bench_g;
  its_retire_t dut = {(its_retire_kind_t)out->rt_kind,
                      out->rt_offset,
                      (uint8_t)out->rt_opcode,
                      (its_outcome_t)out->rt_outcome,
                      out->rt_error,
                      out->rt_devid,
                      out->rt_eventid};
  b->ops_compared++;
  bench_progress();
  if (dut.kind == ITS_RT_CMD) {
    // The DUT's CREADR, as the retire record implies it (docs/interfaces.md section 3.3).
    uint64_t cbaser;
    its_reg_read(b->its, ITS_GITS_CBASER, &cbaser);
    uint64_t size = ((cbaser & 0xFF) + 1) * 4096;
    b->stalled = dut.outcome == ITS_OUT_STALLED;
    b->creadr = b->stalled ? dut.offset : (dut.offset + 32) % size;
  }
  if (!b->lockstep) {
    sb_its_obs_retire(&dut);
    b->dut_writes.n = 0;
    while (b->dut_rd.n > 0) {
      bench_rd_t d;
      BENCH_POP(b->dut_rd, d);
      sb_its_obs_rd(d.kind, d.rd, d.rd2, d.intid);
    }
    if (dut.kind == ITS_RT_MSI && b->msis.n > 0) {
      b->msis.n--;
      b->msis.head = (b->msis.head + 1) % BENCH_FIFO;
    }
    if (dut.kind == ITS_RT_TRANSLATER) {
      b->translater_retired = true;
    }
    return;
  }
  uint64_t t0 = bench_ns();
  if (sb_its_step_model(&dut)) {
    sb_its_compare(&dut);
  }
  b->lockstep_ns += bench_ns() - t0;
}

void sb_its_edge(const bench_its_out_t *out) {
  bench_t *b = &bench_g;
  tb_beat_t beat;
  if (tb_slave_edge(b->slave, &out->mem, &b->in.mem, &beat)) {
    BENCH_PUSH(b->dut_writes, beat);
  }
  const char *perr = tb_slave_error(b->slave);
  if (perr != NULL && !b->done) {
    bench_mismatch(perr, NULL, 0, "memory port protocol");
  }
  if (out->rd_valid && b->in.out_ready) {
    bench_rd_t r = {out->rd_kind, out->rd_rd, out->rd_rd2, out->rd_intid};
    BENCH_PUSH(b->dut_rd, r);
    bench_progress();
  }
  if (b->in.msi_valid && out->msi_ready) {
    bench_msi_t m = {b->in.msi_devid, b->in.msi_eventid};
    BENCH_PUSH(b->msis, m);
    b->in.msi_valid = false;
    b->settle = 2;
    bench_progress();
  }
  if (out->rt_valid) {
    sb_its_retire(out);
  }
}

// Size and right-aligned value of an APB write, per docs/interfaces.md section 1; size 1
// stands for an unsupported strobe pattern, which the model answers with a bus error.
static unsigned sb_its_write_size(const bench_apb_t *a, uint64_t *value) {
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

static void sb_its_apb_compare(void);

void sb_its_apb_done(void) {
  uint64_t t0 = bench_ns();
  sb_its_apb_compare();
  bench_g.lockstep_ns += bench_ns() - t0;
}

static void sb_its_apb_compare(void) {
  bench_t *b = &bench_g;
  const bench_apb_t *a = &b->apb;
  char what[300];
  if (b->dut_writes.n != 0 || b->dut_rd.n != 0) {
    snprintf(what, sizeof(what),
             "the DUT wrote memory or sent events (%u beats, %u events) that no retire record "
             "accounts for",
             b->dut_writes.n, b->dut_rd.n);
    bench_mismatch(what, NULL, 0, NULL);
    b->dut_writes.n = 0;
    b->dut_rd.n = 0;
  }
  if (!a->write) {
    uint64_t v = 0;
    its_reg_read(b->its, a->addr, &v);
    b->ops_compared++;
    if (b->lockstep && (v != b->apb_rdata || b->apb_slverr)) {
      snprintf(what, sizeof(what), "register read at offset 0x%05x differs", a->addr);
      bench_field_t f[] = {{"rdata", v, b->apb_rdata}, {"pslverr", 0, b->apb_slverr}};
      bench_mismatch(what, f, 2, NULL);
      return;
    }
    bench_hist(BENCH_H_ITS_READ, a->addr, b->apb_rdata, 0, 0, 0, 0);
    return;
  }
  uint64_t value;
  unsigned size = sb_its_write_size(a, &value);
  uint32_t off = size == 4 ? a->addr : (a->addr & ~7u);
  b->ops_compared++;
  if (off == ITS_GITS_TRANSLATER && size != 1) {
    if (b->lockstep && (!b->translater_retired || b->apb_slverr)) {
      snprintf(what, sizeof(what),
               "GITS_TRANSLATER write (devid %u, data 0x%" PRIx64 ") completed %s", a->devid, value,
               b->apb_slverr ? "with a bus error" : "without its retire record");
      bench_mismatch(what, NULL, 0, NULL);
    } else if (b->lockstep) {
      fcov_its_translater(size);
    }
    return;
  }
  fcov_its_reg_before();
  its_status_t st = its_reg_write(b->its, off, value, size, a->devid);
  bool model_err = st == ITS_BUS_ERROR;
  if (b->lockstep && model_err != b->apb_slverr) {
    snprintf(what, sizeof(what), "register write at offset 0x%05x (strobes 0x%02x): bus error",
             a->addr, a->strb);
    bench_field_t f[] = {{"pslverr", model_err, b->apb_slverr}};
    bench_mismatch(what, f, 1, NULL);
    return;
  }
  if (its_event_count(b->its) != 0) {
    bench_fatal("the model produced outputs for a register write");
  }
  if (b->lockstep) {
    fcov_its_reg_write(off, value, size, model_err);
  }
  bench_hist(BENCH_H_ITS_WRITE, a->addr, value, size, b->apb_slverr, 0, 0);
}

void sb_its_final(void) {
  bench_t *b = &bench_g;
  if (b->dut_writes.n != 0 || b->dut_rd.n != 0 || b->msis.n != 0) {
    char what[200];
    snprintf(what, sizeof(what),
             "end of test: %u write beat(s), %u event(s) and %u accepted MSI(s) were never "
             "retired",
             b->dut_writes.n, b->dut_rd.n, b->msis.n);
    bench_mismatch(what, NULL, 0, NULL);
  }
}

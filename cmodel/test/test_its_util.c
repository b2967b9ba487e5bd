// SPDX-License-Identifier: Apache-2.0
// Shared fixture for the ITS unit tests (see test_its_util.h).
#include "test_its_util.h"

#include <stdio.h>
#include <stdlib.h>

// ---- Memory callbacks: the test memory plus write-only fault ranges and beat counters ----

static bool itu_read64(void *ctx, uint64_t addr, uint64_t *data) {
  itu_t *t = ctx;
  cm_mem_ops_t inner = test_mem_ops(t->mem);
  t->reads++;
  return inner.read64(inner.ctx, addr, data);
}

static bool itu_write64(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  itu_t *t = ctx;
  cm_mem_ops_t inner = test_mem_ops(t->mem);
  t->writes++;
  for (int i = 0; i < t->n_wfaults; i++) {
    if (addr >= t->wfault_lo[i] && addr < t->wfault_hi[i]) {
      return false;
    }
  }
  return inner.write64(inner.ctx, addr, data, be);
}

itu_t *itu_new(uint32_t num_rd) {
  itu_t *t = calloc(1, sizeof(*t));
  if (t == NULL) {
    fprintf(stderr, "itu_new: out of memory\n");
    exit(1);
  }
  t->mem = test_mem_new();
  its_config_t cfg = {num_rd};
  cm_mem_ops_t ops = {t, itu_read64, itu_write64};
  ASSERT_EQ(its_create(&cfg, &ops, &t->its), ITS_OK);
  ASSERT_TRUE(t->its != NULL);
  return t;
}

itu_t *itu_std(void) {
  itu_t *t = itu_new(ITU_NUM_RD);
  itu_config(t, itu_cbaser(ITU_Q_BASE, 15), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
             itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
  itu_enable(t, true);
  return t;
}

itu_t *itu_mapped(void) {
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  itu_ok(t, itu_c_mapd(ITU_DT_N - 1, 7, ITU_ITT(2), true));
  itu_ok(t, itu_c_mapc(1, 1, true));
  itu_ok(t, itu_c_mapc(2, 2, true));
  test_mem_write(t->mem, ITU_CT_BASE + 8 * 4, itu_cte(ITU_NUM_RD), 8);
  itu_ok(t, itu_c_mapti(1, 5, 8200, 1));
  itu_ok(t, itu_c_mapti(1, 255, 8201, 1));
  itu_ok(t, itu_c_mapti(ITU_DT_N - 1, 0, 8202, 1));
  itu_ok(t, itu_c_mapti(1, 9, 8203, 3));
  itu_ok(t, itu_c_mapti(1, 10, 8204, 4));
  itu_poke_ite(t, ITU_ITT(1), 7, itu_ite_lo(8205, 1) & ~2ull, ITU_ITE_HI);
  itu_poke_ite(t, ITU_ITT(1), 8, itu_ite_lo(8206, ITU_CT_N), ITU_ITE_HI);
  return t;
}

void itu_free(itu_t *t) {
  its_destroy(t->its);
  test_mem_free(t->mem);
  free(t);
}

uint64_t itu_cbaser(uint64_t pa, unsigned size) {
  return ITU_VALID | (pa & 0x000FFFFFFFFFF000ull) | (size & 0xFFu);
}

uint64_t itu_baser(uint64_t pa, unsigned page_size, unsigned size, bool indirect) {
  uint64_t v = ITU_VALID | ((uint64_t)(page_size & 3u) << 8) | (size & 0xFFu);
  if (page_size >= ITU_PS_64K) {
    // 64 KiB pages: [47:16] = PA[47:16], [15:12] = PA[51:48].
    v |= (pa & 0x0000FFFFFFFF0000ull) | (((pa >> 48) & 0xFu) << 12);
  } else {
    v |= pa & 0x0000FFFFFFFFF000ull;
  }
  if (indirect) {
    v |= ITU_INDIRECT;
  }
  return v;
}

void itu_config(itu_t *t, uint64_t cbaser, uint64_t baser0, uint64_t baser1) {
  ITU_WR(t, ITS_GITS_CBASER, cbaser, 8);
  ITU_WR(t, ITS_GITS_BASER(0), baser0, 8);
  ITU_WR(t, ITS_GITS_BASER(1), baser1, 8);
  t->q_base = cbaser & 0x000FFFFFFFFFF000ull;
  t->q_size = ((uint32_t)(cbaser & 0xFFu) + 1u) * 4096u;
  t->wr = 0;
  t->last = 0;
}

void itu_enable(itu_t *t, bool on) {
  ITU_WR(t, ITS_GITS_CTLR, on ? 1u : 0u, 4);
}

uint64_t itu_rd(itu_t *t, uint32_t off) {
  uint64_t v = 0xDEADBEEFDEADBEEFull;
  ASSERT_EQ(its_reg_read(t->its, off, &v), ITS_OK);
  return v;
}

uint64_t itu_creadr(itu_t *t) {
  return itu_rd(t, ITS_GITS_CREADR);
}

void itu_add_write_fault(itu_t *t, uint64_t lo, uint64_t hi) {
  ASSERT_TRUE(t->n_wfaults < 8);
  t->wfault_lo[t->n_wfaults] = lo;
  t->wfault_hi[t->n_wfaults] = hi;
  t->n_wfaults++;
}

void itu_clear_faults(itu_t *t) {
  t->n_wfaults = 0;
  test_mem_clear_faults(t->mem);
}

// ---- Commands ----

itu_cmd_t itu_c_raw(uint64_t dw0, uint64_t dw1, uint64_t dw2, uint64_t dw3) {
  itu_cmd_t c = {{dw0, dw1, dw2, dw3}};
  return c;
}

// Commands are laid out by the one encoder generated from docs/enc/its.toml.
static itu_cmd_t itu_c(uint8_t op, its_cmd_fields_t f) {
  itu_cmd_t c;
  its_cmd_encode(op, &f, c.dw);
  return c;
}

itu_cmd_t itu_c_mapd(uint32_t dev, unsigned size, uint64_t itt, bool v) {
  return itu_c(ITS_CMD_MAPD, (its_cmd_fields_t){.dev = dev, .size = size, .itt = itt, .v = v});
}

itu_cmd_t itu_c_mapc(uint32_t icid, uint64_t rd, bool v) {
  return itu_c(ITS_CMD_MAPC, (its_cmd_fields_t){.icid = icid, .rd = rd, .v = v});
}

itu_cmd_t itu_c_mapti(uint32_t dev, uint32_t ev, uint32_t pintid, uint32_t icid) {
  return itu_c(ITS_CMD_MAPTI,
               (its_cmd_fields_t){.dev = dev, .ev = ev, .intid = pintid, .icid = icid});
}

itu_cmd_t itu_c_mapi(uint32_t dev, uint32_t ev, uint32_t icid) {
  return itu_c(ITS_CMD_MAPI, (its_cmd_fields_t){.dev = dev, .ev = ev, .icid = icid});
}

itu_cmd_t itu_c_int(uint32_t dev, uint32_t ev) {
  return itu_c(ITS_CMD_INT, (its_cmd_fields_t){.dev = dev, .ev = ev});
}

itu_cmd_t itu_c_clear(uint32_t dev, uint32_t ev) {
  return itu_c(ITS_CMD_CLEAR, (its_cmd_fields_t){.dev = dev, .ev = ev});
}

itu_cmd_t itu_c_discard(uint32_t dev, uint32_t ev) {
  return itu_c(ITS_CMD_DISCARD, (its_cmd_fields_t){.dev = dev, .ev = ev});
}

itu_cmd_t itu_c_inv(uint32_t dev, uint32_t ev) {
  return itu_c(ITS_CMD_INV, (its_cmd_fields_t){.dev = dev, .ev = ev});
}

itu_cmd_t itu_c_invall(uint32_t icid) {
  return itu_c(ITS_CMD_INVALL, (its_cmd_fields_t){.icid = icid});
}

itu_cmd_t itu_c_sync(uint64_t rd) {
  return itu_c(ITS_CMD_SYNC, (its_cmd_fields_t){.rd = rd});
}

itu_cmd_t itu_c_movi(uint32_t dev, uint32_t ev, uint32_t icid) {
  return itu_c(ITS_CMD_MOVI, (its_cmd_fields_t){.dev = dev, .ev = ev, .icid = icid});
}

itu_cmd_t itu_c_movall(uint64_t rd1, uint64_t rd2) {
  return itu_c(ITS_CMD_MOVALL, (its_cmd_fields_t){.rd = rd1, .rd2 = rd2});
}

void itu_push(itu_t *t, itu_cmd_t c) {
  ASSERT_TRUE(t->q_size != 0);
  for (int i = 0; i < 4; i++) {
    test_mem_write(t->mem, t->q_base + t->wr + 8u * (unsigned)i, c.dw[i], 8);
  }
  t->last = t->wr;
  t->wr = (t->wr + 32u) % t->q_size;
}

void itu_kick(itu_t *t) {
  ITU_WR(t, ITS_GITS_CWRITER, t->wr, 8);
}

its_step_t itu_exec(itu_t *t, itu_cmd_t c) {
  itu_push(t, c);
  itu_kick(t);
  t->writes_at_kick = t->writes;
  return its_step(t->its);
}

void itu_drain(itu_t *t) {
  its_event_t ev;
  while (its_pop_event(t->its, &ev)) {
  }
}

void itu_ok(itu_t *t, itu_cmd_t c) {
  its_step_t st = itu_exec(t, c);
  its_event_t ev;
  bool retired = false;
  while (its_pop_event(t->its, &ev)) {
    if (ev.kind == ITS_EV_RETIRE) {
      if (ev.u.retire.outcome != ITS_OUT_OK) {
        TEST_FAIL_AT(__FILE__, __LINE__, "set-up command 0x%02x at 0x%x: outcome %d error 0x%06x",
                     (unsigned)(c.dw[0] & 0xFFu), t->last, (int)ev.u.retire.outcome,
                     ev.u.retire.error);
      }
      retired = true;
    }
  }
  ASSERT_EQ(st, ITS_STEP_OK);
  ASSERT_TRUE(retired);
}

// ---- Table entries ----

uint64_t itu_dte(unsigned size, uint64_t itt) {
  return 1u | ((uint64_t)(size & 0x1Fu) << 1) | (((itt >> 8) & 0xFFFFFFFFFFFull) << 6);
}

uint64_t itu_cte(uint32_t rd) {
  return 1u | ((uint64_t)(rd & 0xFFFFu) << 1);
}

uint64_t itu_ite_lo(uint32_t intid, uint32_t icid) {
  // [0] Valid, [1] IntType = physical, [25:2] INTID, [47:32] ICID, [63:48] vPEID = 0.
  return 3u | ((uint64_t)(intid & 0xFFFFFFu) << 2) | ((uint64_t)(icid & 0xFFFFu) << 32);
}

uint64_t itu_ite_addr(uint64_t itt, uint32_t ev) {
  return itt + 12ull * ev;
}

void itu_poke_ite(itu_t *t, uint64_t itt, uint32_t ev, uint64_t lo, uint32_t hi) {
  uint64_t a = itu_ite_addr(itt, ev);
  test_mem_write(t->mem, a, lo, 8);
  test_mem_write(t->mem, a + 8, hi, 4);
}

// ---- Expectations ----

static void itu_print_event(const its_event_t *ev) {
  switch (ev->kind) {
    case ITS_EV_MEM_WRITE:
      fprintf(stderr,
              "  got MEM_WRITE addr=0x%" PRIx64 " data=0x%016" PRIx64 " be=0x%02x fault=%d\n",
              ev->u.mem.addr, ev->u.mem.data, ev->u.mem.be, (int)ev->u.mem.fault);
      break;
    case ITS_EV_RD:
      fprintf(stderr, "  got RD kind=%d rd=0x%x rd2=0x%x intid=0x%x\n", (int)ev->u.rd.kind,
              ev->u.rd.rd, ev->u.rd.rd2, ev->u.rd.intid);
      break;
    case ITS_EV_RETIRE:
      fprintf(stderr,
              "  got RETIRE kind=%d offset=0x%x opcode=0x%02x outcome=%d error=0x%06x devid=0x%x "
              "eventid=0x%x\n",
              (int)ev->u.retire.kind, ev->u.retire.offset, ev->u.retire.opcode,
              (int)ev->u.retire.outcome, ev->u.retire.error, ev->u.retire.devid,
              ev->u.retire.eventid);
      break;
    default:
      fprintf(stderr, "  got event of unknown kind %d\n", (int)ev->kind);
      break;
  }
}

// Pops the next event; fails (naming the expectation) if there is none or it has another kind.
static its_event_t itu_pop(const char *f, int l, itu_t *t, its_event_kind_t kind,
                           const char *what) {
  its_event_t ev;
  if (!its_pop_event(t->its, &ev)) {
    TEST_FAIL_AT(f, l, "expected %s, but there is no event", what);
  }
  if (ev.kind != kind) {
    itu_print_event(&ev);
    TEST_FAIL_AT(f, l, "expected %s, got an event of kind %d", what, (int)ev.kind);
  }
  return ev;
}

static uint64_t itu_be_mask(uint8_t be) {
  uint64_t m = 0;
  for (unsigned i = 0; i < 8; i++) {
    if (be & (1u << i)) {
      m |= 0xFFull << (8 * i);
    }
  }
  return m;
}

void itu_expect_mem_at(const char *f, int l, itu_t *t, uint64_t addr, uint64_t data, uint8_t be,
                       bool fault) {
  its_event_t ev = itu_pop(f, l, t, ITS_EV_MEM_WRITE, "a memory write");
  uint64_t m = itu_be_mask(be);
  // Lanes without a byte enable carry no data (docs/interfaces.md section 2): compare the
  // enabled lanes only.
  if (ev.u.mem.addr != addr || ev.u.mem.be != be || (ev.u.mem.data & m) != (data & m) ||
      ev.u.mem.fault != fault) {
    itu_print_event(&ev);
    TEST_FAIL_AT(f, l,
                 "expected MEM_WRITE addr=0x%" PRIx64 " data=0x%016" PRIx64 " be=0x%02x fault=%d",
                 addr, data & m, be, (int)fault);
  }
}

void itu_expect_rd_at(const char *f, int l, itu_t *t, its_rd_kind_t kind, uint32_t rd, uint32_t rd2,
                      uint32_t intid) {
  its_event_t ev = itu_pop(f, l, t, ITS_EV_RD, "a redistributor event");
  if (ev.u.rd.kind != kind || ev.u.rd.rd != rd || ev.u.rd.rd2 != rd2 || ev.u.rd.intid != intid) {
    itu_print_event(&ev);
    TEST_FAIL_AT(f, l, "expected RD kind=%d rd=0x%x rd2=0x%x intid=0x%x", (int)kind, rd, rd2,
                 intid);
  }
}

void itu_expect_retire_at(const char *f, int l, itu_t *t, its_retire_kind_t kind, uint32_t offset,
                          int opcode, its_outcome_t outcome, uint32_t error, uint32_t devid,
                          uint32_t eventid) {
  its_event_t ev = itu_pop(f, l, t, ITS_EV_RETIRE, "a retire record");
  const its_retire_t *r = &ev.u.retire;
  if (r->kind != kind || r->offset != offset || (opcode >= 0 && r->opcode != (uint8_t)opcode) ||
      r->outcome != outcome || r->error != error || r->devid != devid || r->eventid != eventid) {
    itu_print_event(&ev);
    TEST_FAIL_AT(f, l,
                 "expected RETIRE kind=%d offset=0x%x opcode=0x%02x outcome=%d error=0x%06x "
                 "devid=0x%x eventid=0x%x",
                 (int)kind, offset, (unsigned)opcode & 0xFFu, (int)outcome, error, devid, eventid);
  }
}

void itu_expect_none_at(const char *f, int l, itu_t *t) {
  its_event_t ev;
  if (its_pop_event(t->its, &ev)) {
    itu_print_event(&ev);
    TEST_FAIL_AT(f, l, "expected no more events");
  }
}

void itu_expect_ite_at(const char *f, int l, itu_t *t, uint64_t itt, uint32_t ev, uint64_t lo,
                       uint32_t hi, bool fault0, bool fault1) {
  uint64_t a = itu_ite_addr(itt, ev);
  if ((ev & 1u) == 0) {
    // Even EventID: the ITE starts on a beat boundary.
    itu_expect_mem_at(f, l, t, a, lo, 0xFF, fault0);
    itu_expect_mem_at(f, l, t, a + 8, hi, 0x0F, fault1);
  } else {
    // Odd EventID: the ITE starts in the upper half of a beat.
    itu_expect_mem_at(f, l, t, a - 4, (lo & 0xFFFFFFFFull) << 32, 0xF0, fault0);
    itu_expect_mem_at(f, l, t, a + 4, (lo >> 32) | ((uint64_t)hi << 32), 0xFF, fault1);
  }
}

static void itu_expect_step_at(const char *f, int l, its_step_t got, its_step_t want) {
  if (got != want) {
    TEST_FAIL_AT(f, l, "its_step returned %d, expected %d", (int)got, (int)want);
  }
}

static void itu_expect_creadr_at(const char *f, int l, itu_t *t, uint64_t want) {
  uint64_t got = itu_creadr(t);
  if (got != want) {
    TEST_FAIL_AT(f, l, "GITS_CREADR = 0x%" PRIx64 ", expected 0x%" PRIx64, got, want);
  }
}

void itu_expect_ignored_at(const char *f, int l, itu_t *t, its_step_t step, uint8_t opcode,
                           uint32_t error) {
  itu_expect_retire_at(f, l, t, ITS_RT_CMD, t->last, opcode, ITS_OUT_IGNORED, error, 0, 0);
  itu_expect_none_at(f, l, t);
  itu_expect_step_at(f, l, step, ITS_STEP_SKIPPED);
  if (t->writes != t->writes_at_kick) {
    TEST_FAIL_AT(f, l, "an ignored command wrote %zu memory beats", t->writes - t->writes_at_kick);
  }
  itu_expect_creadr_at(f, l, t, (t->last + 32u) % t->q_size);
}

void itu_expect_stalled_at(const char *f, int l, itu_t *t, its_step_t step, int opcode) {
  itu_expect_retire_at(f, l, t, ITS_RT_CMD, t->last, opcode, ITS_OUT_STALLED, 0, 0, 0);
  itu_expect_none_at(f, l, t);
  itu_expect_step_at(f, l, step, ITS_STEP_STALLED);
  itu_expect_creadr_at(f, l, t, t->last | ITU_CREADR_STALLED);
}

void itu_expect_ok_at(const char *f, int l, itu_t *t, its_step_t step, uint8_t opcode) {
  itu_expect_retire_at(f, l, t, ITS_RT_CMD, t->last, opcode, ITS_OUT_OK, 0, 0, 0);
  itu_expect_none_at(f, l, t);
  itu_expect_step_at(f, l, step, ITS_STEP_OK);
  itu_expect_creadr_at(f, l, t, (t->last + 32u) % t->q_size);
}

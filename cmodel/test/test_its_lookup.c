// SPDX-License-Identifier: Apache-2.0
// The shared lookups LOOKUP_ITE and LOOKUP_CTE, run through every path that uses them: INT, CLEAR,
// DISCARD, INV, MOVI, an MSI from the MSI port and a GITS_TRANSLATER write (spec/its.md sections
// 3.2, 3.3 and 5; error codes of docs/impdef.md). Each case is one rule on one path; the fixture
// is itu_mapped() (see test_its_util.h).
#include "test_its_util.h"

typedef enum { LK_INT, LK_CLEAR, LK_DISCARD, LK_INV, LK_MOVI, LK_MSI, LK_TRANSLATER } lk_path_t;

static bool lk_is_cmd(lk_path_t p) {
  return p != LK_MSI && p != LK_TRANSLATER;
}

static uint8_t lk_opcode(lk_path_t p) {
  switch (p) {
    case LK_INT:
      return ITS_CMD_INT;
    case LK_CLEAR:
      return ITS_CMD_CLEAR;
    case LK_DISCARD:
      return ITS_CMD_DISCARD;
    case LK_INV:
      return ITS_CMD_INV;
    case LK_MOVI:
      return ITS_CMD_MOVI;
    default:
      return 0;  // MSIs use CC = 00 in their error codes
  }
}

// The command of path `p`; MOVI moves to collection 2 (rd 2).
static itu_cmd_t lk_cmd(lk_path_t p, uint32_t dev, uint32_t ev) {
  switch (p) {
    case LK_INT:
      return itu_c_int(dev, ev);
    case LK_CLEAR:
      return itu_c_clear(dev, ev);
    case LK_DISCARD:
      return itu_c_discard(dev, ev);
    case LK_INV:
      return itu_c_inv(dev, ev);
    default:
      return itu_c_movi(dev, ev, 2);
  }
}

static its_retire_kind_t lk_msi_kind(lk_path_t p) {
  return p == LK_MSI ? ITS_RT_MSI : ITS_RT_TRANSLATER;
}

// Sends the MSI of path `p` and checks the API result.
static void lk_send_msi(itu_t *t, lk_path_t p, uint32_t dev, uint32_t ev, its_outcome_t want) {
  if (p == LK_MSI) {
    uint32_t rd = 0;
    uint32_t intid = 0;
    ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, dev, ev, &rd, &intid), want);
  } else {
    // Posted write: never a bus error (IMPDEF-ITS-9).
    ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, ev, 4, dev), ITS_OK);
  }
}

// Success: the path's redistributor event and memory writes, then an OK retire.
static void lk_ok(lk_path_t p, uint32_t dev, uint32_t ev, uint32_t rd, uint32_t intid,
                  uint64_t itt) {
  itu_t *t = itu_mapped();
  if (!lk_is_cmd(p)) {
    uint32_t got_rd = 0xFFFF;
    uint32_t got_intid = 0;
    size_t writes = t->writes;
    if (p == LK_MSI) {
      ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, dev, ev, &got_rd, &got_intid), ITS_OUT_OK);
      ASSERT_EQ(got_rd, rd);
      ASSERT_EQ(got_intid, intid);
    } else {
      lk_send_msi(t, p, dev, ev, ITS_OUT_OK);
    }
    EXPECT_SET(t, rd, intid);
    EXPECT_RETIRE_MSI(t, lk_msi_kind(p), dev, ev, ITS_OUT_OK, 0);
    EXPECT_NONE(t);
    ASSERT_EQ(t->writes, writes);
    ASSERT_EQ(itu_creadr(t), t->wr);  // the queue is not involved
    itu_free(t);
    return;
  }
  its_step_t st = itu_exec(t, lk_cmd(p, dev, ev));
  switch (p) {
    case LK_INT:
      EXPECT_SET(t, rd, intid);
      break;
    case LK_CLEAR:
      EXPECT_CLEAR(t, rd, intid);
      break;
    case LK_DISCARD:
      EXPECT_CLEAR(t, rd, intid);
      EXPECT_ITE(t, itt, ev, 0, 0);
      break;
    case LK_INV:
      EXPECT_INV(t, rd, intid);
      break;
    default:
      EXPECT_MOVE(t, rd, 2, intid);
      EXPECT_ITE(t, itt, ev, itu_ite_lo(intid, 2), ITU_ITE_HI);
      break;
  }
  EXPECT_OK(t, st, lk_opcode(p));
  if (p == LK_DISCARD) {
    ASSERT_EQ(test_mem_read(t->mem, itu_ite_addr(itt, ev), 8), 0);
    ASSERT_EQ(test_mem_read(t->mem, itu_ite_addr(itt, ev) + 8, 4), 0);
  }
  itu_free(t);
}

// A lookup failure: ignored with 0x01CCEE, nothing written, nothing sent, queue advanced.
static void lk_ignored(lk_path_t p, uint32_t dev, uint32_t ev, uint32_t ee) {
  itu_t *t = itu_mapped();
  if (lk_is_cmd(p)) {
    its_step_t st = itu_exec(t, lk_cmd(p, dev, ev));
    EXPECT_IGNORED(t, st, lk_opcode(p), ITS_ERROR(lk_opcode(p), ee));
  } else {
    size_t writes = t->writes;
    lk_send_msi(t, p, dev, ev, ITS_OUT_IGNORED);
    EXPECT_RETIRE_MSI(t, lk_msi_kind(p), dev, ev, ITS_OUT_IGNORED, ITS_ERROR(0, ee));
    EXPECT_NONE(t);
    ASSERT_EQ(t->writes, writes);
    ASSERT_EQ(itu_creadr(t), t->wr);
  }
  itu_free(t);
}

// A table read fault in [lo, hi) on (dev 1, ev 5): commands stall, MSIs retire as FAULT.
static void lk_fault(lk_path_t p, uint64_t lo, uint64_t hi) {
  itu_t *t = itu_mapped();
  test_mem_add_fault(t->mem, lo, hi);
  if (lk_is_cmd(p)) {
    its_step_t st = itu_exec(t, lk_cmd(p, 1, 5));
    EXPECT_STALLED(t, st, lk_opcode(p));
    ASSERT_EQ(t->writes, t->writes_at_kick);
  } else {
    size_t writes = t->writes;
    lk_send_msi(t, p, 1, 5, ITS_OUT_FAULT);
    EXPECT_RETIRE_MSI(t, lk_msi_kind(p), 1, 5, ITS_OUT_FAULT, 0);
    EXPECT_NONE(t);
    ASSERT_EQ(t->writes, writes);
    ASSERT_EQ(itu_creadr(t), t->wr);  // no stall
  }
  itu_free(t);
}

// ---- INT ----

// (dev 1, ev 5) -> LPI 8200 at rd 1.
void test_its_int_ok(void) {
  lk_ok(LK_INT, 1, 5, 1, 8200, ITU_ITT(1));
}

// EventID 2^(Size+1)-1 is in range.
void test_its_int_evid_max_ok(void) {
  lk_ok(LK_INT, 1, 255, 1, 8201, ITU_ITT(1));
}

// DeviceID DT.n-1 is in range.
void test_its_int_devid_max_ok(void) {
  lk_ok(LK_INT, ITU_DT_N - 1, 0, 1, 8202, ITU_ITT(2));
}

// DeviceID >= DT.n.
void test_its_int_devid_oor(void) {
  lk_ignored(LK_INT, ITU_DT_N, 0, ITS_EE_DEVICE_OOR);
}

// DTE.V = 0.
void test_its_int_unmapped_device(void) {
  lk_ignored(LK_INT, 3, 0, ITS_EE_UNMAPPED_DEVICE);
}

// EventID = 2^(Size+1).
void test_its_int_evid_oor(void) {
  lk_ignored(LK_INT, 1, 256, ITS_EE_ID_OOR);
}

// All 32 EventID bits count (IMPDEF-ITS-6).
void test_its_int_evid_oor_high_bits(void) {
  lk_ignored(LK_INT, 1, 0x10005, ITS_EE_ID_OOR);
}

// ITE.V = 0.
void test_its_int_unmapped_event(void) {
  lk_ignored(LK_INT, 1, 6, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.IntType = 0 counts as unmapped (IMPDEF-ITS-5).
void test_its_int_virtual_ite(void) {
  lk_ignored(LK_INT, 1, 7, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.ICID >= CT.n.
void test_its_int_icid_oor(void) {
  lk_ignored(LK_INT, 1, 8, ITS_EE_COLLECTION_OOR);
}

// CTE.V = 0.
void test_its_int_unmapped_collection(void) {
  lk_ignored(LK_INT, 1, 9, ITS_EE_UNMAPPED_COLLECTION);
}

// CTE.RDbase >= NumRd.
void test_its_int_rdbase_oor(void) {
  lk_ignored(LK_INT, 1, 10, ITS_EE_PROCNUM_OOR);
}

// DTE read fault.
void test_its_int_dte_fault(void) {
  lk_fault(LK_INT, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
}

// ITE read fault (both beats).
void test_its_int_ite_fault(void) {
  lk_fault(LK_INT, ITU_ITT(1) + 56, ITU_ITT(1) + 72);
}

// ITE read fault on the second beat only (odd EventID: A+4).
void test_its_int_ite_fault_beat1(void) {
  lk_fault(LK_INT, ITU_ITT(1) + 64, ITU_ITT(1) + 72);
}

// CTE read fault.
void test_its_int_cte_fault(void) {
  lk_fault(LK_INT, ITU_CT_BASE + 8, ITU_CT_BASE + 16);
}

// ---- CLEAR ----

// (dev 1, ev 5) -> LPI 8200 at rd 1.
void test_its_clear_ok(void) {
  lk_ok(LK_CLEAR, 1, 5, 1, 8200, ITU_ITT(1));
}

// EventID 2^(Size+1)-1 is in range.
void test_its_clear_evid_max_ok(void) {
  lk_ok(LK_CLEAR, 1, 255, 1, 8201, ITU_ITT(1));
}

// DeviceID DT.n-1 is in range.
void test_its_clear_devid_max_ok(void) {
  lk_ok(LK_CLEAR, ITU_DT_N - 1, 0, 1, 8202, ITU_ITT(2));
}

// DeviceID >= DT.n.
void test_its_clear_devid_oor(void) {
  lk_ignored(LK_CLEAR, ITU_DT_N, 0, ITS_EE_DEVICE_OOR);
}

// DTE.V = 0.
void test_its_clear_unmapped_device(void) {
  lk_ignored(LK_CLEAR, 3, 0, ITS_EE_UNMAPPED_DEVICE);
}

// EventID = 2^(Size+1).
void test_its_clear_evid_oor(void) {
  lk_ignored(LK_CLEAR, 1, 256, ITS_EE_ID_OOR);
}

// All 32 EventID bits count (IMPDEF-ITS-6).
void test_its_clear_evid_oor_high_bits(void) {
  lk_ignored(LK_CLEAR, 1, 0x10005, ITS_EE_ID_OOR);
}

// ITE.V = 0.
void test_its_clear_unmapped_event(void) {
  lk_ignored(LK_CLEAR, 1, 6, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.IntType = 0 counts as unmapped (IMPDEF-ITS-5).
void test_its_clear_virtual_ite(void) {
  lk_ignored(LK_CLEAR, 1, 7, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.ICID >= CT.n.
void test_its_clear_icid_oor(void) {
  lk_ignored(LK_CLEAR, 1, 8, ITS_EE_COLLECTION_OOR);
}

// CTE.V = 0.
void test_its_clear_unmapped_collection(void) {
  lk_ignored(LK_CLEAR, 1, 9, ITS_EE_UNMAPPED_COLLECTION);
}

// CTE.RDbase >= NumRd.
void test_its_clear_rdbase_oor(void) {
  lk_ignored(LK_CLEAR, 1, 10, ITS_EE_PROCNUM_OOR);
}

// DTE read fault.
void test_its_clear_dte_fault(void) {
  lk_fault(LK_CLEAR, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
}

// ITE read fault (both beats).
void test_its_clear_ite_fault(void) {
  lk_fault(LK_CLEAR, ITU_ITT(1) + 56, ITU_ITT(1) + 72);
}

// ITE read fault on the second beat only (odd EventID: A+4).
void test_its_clear_ite_fault_beat1(void) {
  lk_fault(LK_CLEAR, ITU_ITT(1) + 64, ITU_ITT(1) + 72);
}

// CTE read fault.
void test_its_clear_cte_fault(void) {
  lk_fault(LK_CLEAR, ITU_CT_BASE + 8, ITU_CT_BASE + 16);
}

// ---- DISCARD ----

// (dev 1, ev 5) -> LPI 8200 at rd 1.
void test_its_discard_ok(void) {
  lk_ok(LK_DISCARD, 1, 5, 1, 8200, ITU_ITT(1));
}

// EventID 2^(Size+1)-1 is in range.
void test_its_discard_evid_max_ok(void) {
  lk_ok(LK_DISCARD, 1, 255, 1, 8201, ITU_ITT(1));
}

// DeviceID DT.n-1 is in range.
void test_its_discard_devid_max_ok(void) {
  lk_ok(LK_DISCARD, ITU_DT_N - 1, 0, 1, 8202, ITU_ITT(2));
}

// DeviceID >= DT.n.
void test_its_discard_devid_oor(void) {
  lk_ignored(LK_DISCARD, ITU_DT_N, 0, ITS_EE_DEVICE_OOR);
}

// DTE.V = 0.
void test_its_discard_unmapped_device(void) {
  lk_ignored(LK_DISCARD, 3, 0, ITS_EE_UNMAPPED_DEVICE);
}

// EventID = 2^(Size+1).
void test_its_discard_evid_oor(void) {
  lk_ignored(LK_DISCARD, 1, 256, ITS_EE_ID_OOR);
}

// All 32 EventID bits count (IMPDEF-ITS-6).
void test_its_discard_evid_oor_high_bits(void) {
  lk_ignored(LK_DISCARD, 1, 0x10005, ITS_EE_ID_OOR);
}

// ITE.V = 0.
void test_its_discard_unmapped_event(void) {
  lk_ignored(LK_DISCARD, 1, 6, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.IntType = 0 counts as unmapped (IMPDEF-ITS-5).
void test_its_discard_virtual_ite(void) {
  lk_ignored(LK_DISCARD, 1, 7, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.ICID >= CT.n.
void test_its_discard_icid_oor(void) {
  lk_ignored(LK_DISCARD, 1, 8, ITS_EE_COLLECTION_OOR);
}

// CTE.V = 0.
void test_its_discard_unmapped_collection(void) {
  lk_ignored(LK_DISCARD, 1, 9, ITS_EE_UNMAPPED_COLLECTION);
}

// CTE.RDbase >= NumRd.
void test_its_discard_rdbase_oor(void) {
  lk_ignored(LK_DISCARD, 1, 10, ITS_EE_PROCNUM_OOR);
}

// DTE read fault.
void test_its_discard_dte_fault(void) {
  lk_fault(LK_DISCARD, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
}

// ITE read fault (both beats).
void test_its_discard_ite_fault(void) {
  lk_fault(LK_DISCARD, ITU_ITT(1) + 56, ITU_ITT(1) + 72);
}

// ITE read fault on the second beat only (odd EventID: A+4).
void test_its_discard_ite_fault_beat1(void) {
  lk_fault(LK_DISCARD, ITU_ITT(1) + 64, ITU_ITT(1) + 72);
}

// CTE read fault.
void test_its_discard_cte_fault(void) {
  lk_fault(LK_DISCARD, ITU_CT_BASE + 8, ITU_CT_BASE + 16);
}

// ---- INV ----

// (dev 1, ev 5) -> LPI 8200 at rd 1.
void test_its_inv_ok(void) {
  lk_ok(LK_INV, 1, 5, 1, 8200, ITU_ITT(1));
}

// EventID 2^(Size+1)-1 is in range.
void test_its_inv_evid_max_ok(void) {
  lk_ok(LK_INV, 1, 255, 1, 8201, ITU_ITT(1));
}

// DeviceID DT.n-1 is in range.
void test_its_inv_devid_max_ok(void) {
  lk_ok(LK_INV, ITU_DT_N - 1, 0, 1, 8202, ITU_ITT(2));
}

// DeviceID >= DT.n.
void test_its_inv_devid_oor(void) {
  lk_ignored(LK_INV, ITU_DT_N, 0, ITS_EE_DEVICE_OOR);
}

// DTE.V = 0.
void test_its_inv_unmapped_device(void) {
  lk_ignored(LK_INV, 3, 0, ITS_EE_UNMAPPED_DEVICE);
}

// EventID = 2^(Size+1).
void test_its_inv_evid_oor(void) {
  lk_ignored(LK_INV, 1, 256, ITS_EE_ID_OOR);
}

// All 32 EventID bits count (IMPDEF-ITS-6).
void test_its_inv_evid_oor_high_bits(void) {
  lk_ignored(LK_INV, 1, 0x10005, ITS_EE_ID_OOR);
}

// ITE.V = 0.
void test_its_inv_unmapped_event(void) {
  lk_ignored(LK_INV, 1, 6, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.IntType = 0 counts as unmapped (IMPDEF-ITS-5).
void test_its_inv_virtual_ite(void) {
  lk_ignored(LK_INV, 1, 7, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.ICID >= CT.n.
void test_its_inv_icid_oor(void) {
  lk_ignored(LK_INV, 1, 8, ITS_EE_COLLECTION_OOR);
}

// CTE.V = 0.
void test_its_inv_unmapped_collection(void) {
  lk_ignored(LK_INV, 1, 9, ITS_EE_UNMAPPED_COLLECTION);
}

// CTE.RDbase >= NumRd.
void test_its_inv_rdbase_oor(void) {
  lk_ignored(LK_INV, 1, 10, ITS_EE_PROCNUM_OOR);
}

// DTE read fault.
void test_its_inv_dte_fault(void) {
  lk_fault(LK_INV, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
}

// ITE read fault (both beats).
void test_its_inv_ite_fault(void) {
  lk_fault(LK_INV, ITU_ITT(1) + 56, ITU_ITT(1) + 72);
}

// ITE read fault on the second beat only (odd EventID: A+4).
void test_its_inv_ite_fault_beat1(void) {
  lk_fault(LK_INV, ITU_ITT(1) + 64, ITU_ITT(1) + 72);
}

// CTE read fault.
void test_its_inv_cte_fault(void) {
  lk_fault(LK_INV, ITU_CT_BASE + 8, ITU_CT_BASE + 16);
}

// ---- MOVI ----

// (dev 1, ev 5) -> LPI 8200 at rd 1.
void test_its_movi_ok(void) {
  lk_ok(LK_MOVI, 1, 5, 1, 8200, ITU_ITT(1));
}

// EventID 2^(Size+1)-1 is in range.
void test_its_movi_evid_max_ok(void) {
  lk_ok(LK_MOVI, 1, 255, 1, 8201, ITU_ITT(1));
}

// DeviceID DT.n-1 is in range.
void test_its_movi_devid_max_ok(void) {
  lk_ok(LK_MOVI, ITU_DT_N - 1, 0, 1, 8202, ITU_ITT(2));
}

// DeviceID >= DT.n.
void test_its_movi_devid_oor(void) {
  lk_ignored(LK_MOVI, ITU_DT_N, 0, ITS_EE_DEVICE_OOR);
}

// DTE.V = 0.
void test_its_movi_unmapped_device(void) {
  lk_ignored(LK_MOVI, 3, 0, ITS_EE_UNMAPPED_DEVICE);
}

// EventID = 2^(Size+1).
void test_its_movi_evid_oor(void) {
  lk_ignored(LK_MOVI, 1, 256, ITS_EE_ID_OOR);
}

// All 32 EventID bits count (IMPDEF-ITS-6).
void test_its_movi_evid_oor_high_bits(void) {
  lk_ignored(LK_MOVI, 1, 0x10005, ITS_EE_ID_OOR);
}

// ITE.V = 0.
void test_its_movi_unmapped_event(void) {
  lk_ignored(LK_MOVI, 1, 6, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.IntType = 0 counts as unmapped (IMPDEF-ITS-5).
void test_its_movi_virtual_ite(void) {
  lk_ignored(LK_MOVI, 1, 7, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.ICID >= CT.n.
void test_its_movi_icid_oor(void) {
  lk_ignored(LK_MOVI, 1, 8, ITS_EE_COLLECTION_OOR);
}

// CTE.V = 0.
void test_its_movi_unmapped_collection(void) {
  lk_ignored(LK_MOVI, 1, 9, ITS_EE_UNMAPPED_COLLECTION);
}

// CTE.RDbase >= NumRd.
void test_its_movi_rdbase_oor(void) {
  lk_ignored(LK_MOVI, 1, 10, ITS_EE_PROCNUM_OOR);
}

// DTE read fault.
void test_its_movi_dte_fault(void) {
  lk_fault(LK_MOVI, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
}

// ITE read fault (both beats).
void test_its_movi_ite_fault(void) {
  lk_fault(LK_MOVI, ITU_ITT(1) + 56, ITU_ITT(1) + 72);
}

// ITE read fault on the second beat only (odd EventID: A+4).
void test_its_movi_ite_fault_beat1(void) {
  lk_fault(LK_MOVI, ITU_ITT(1) + 64, ITU_ITT(1) + 72);
}

// CTE read fault.
void test_its_movi_cte_fault(void) {
  lk_fault(LK_MOVI, ITU_CT_BASE + 8, ITU_CT_BASE + 16);
}

// ---- MSI ----

// (dev 1, ev 5) -> LPI 8200 at rd 1.
void test_its_msi_ok(void) {
  lk_ok(LK_MSI, 1, 5, 1, 8200, ITU_ITT(1));
}

// EventID 2^(Size+1)-1 is in range.
void test_its_msi_evid_max_ok(void) {
  lk_ok(LK_MSI, 1, 255, 1, 8201, ITU_ITT(1));
}

// DeviceID DT.n-1 is in range.
void test_its_msi_devid_max_ok(void) {
  lk_ok(LK_MSI, ITU_DT_N - 1, 0, 1, 8202, ITU_ITT(2));
}

// DeviceID >= DT.n.
void test_its_msi_devid_oor(void) {
  lk_ignored(LK_MSI, ITU_DT_N, 0, ITS_EE_DEVICE_OOR);
}

// DTE.V = 0.
void test_its_msi_unmapped_device(void) {
  lk_ignored(LK_MSI, 3, 0, ITS_EE_UNMAPPED_DEVICE);
}

// EventID = 2^(Size+1).
void test_its_msi_evid_oor(void) {
  lk_ignored(LK_MSI, 1, 256, ITS_EE_ID_OOR);
}

// All 32 EventID bits count (IMPDEF-ITS-6).
void test_its_msi_evid_oor_high_bits(void) {
  lk_ignored(LK_MSI, 1, 0x10005, ITS_EE_ID_OOR);
}

// ITE.V = 0.
void test_its_msi_unmapped_event(void) {
  lk_ignored(LK_MSI, 1, 6, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.IntType = 0 counts as unmapped (IMPDEF-ITS-5).
void test_its_msi_virtual_ite(void) {
  lk_ignored(LK_MSI, 1, 7, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.ICID >= CT.n.
void test_its_msi_icid_oor(void) {
  lk_ignored(LK_MSI, 1, 8, ITS_EE_COLLECTION_OOR);
}

// CTE.V = 0.
void test_its_msi_unmapped_collection(void) {
  lk_ignored(LK_MSI, 1, 9, ITS_EE_UNMAPPED_COLLECTION);
}

// CTE.RDbase >= NumRd.
void test_its_msi_rdbase_oor(void) {
  lk_ignored(LK_MSI, 1, 10, ITS_EE_PROCNUM_OOR);
}

// DTE read fault.
void test_its_msi_dte_fault(void) {
  lk_fault(LK_MSI, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
}

// ITE read fault (both beats).
void test_its_msi_ite_fault(void) {
  lk_fault(LK_MSI, ITU_ITT(1) + 56, ITU_ITT(1) + 72);
}

// ITE read fault on the second beat only (odd EventID: A+4).
void test_its_msi_ite_fault_beat1(void) {
  lk_fault(LK_MSI, ITU_ITT(1) + 64, ITU_ITT(1) + 72);
}

// CTE read fault.
void test_its_msi_cte_fault(void) {
  lk_fault(LK_MSI, ITU_CT_BASE + 8, ITU_CT_BASE + 16);
}

// ---- TRANSLATER ----

// (dev 1, ev 5) -> LPI 8200 at rd 1.
void test_its_translater_ok(void) {
  lk_ok(LK_TRANSLATER, 1, 5, 1, 8200, ITU_ITT(1));
}

// EventID 2^(Size+1)-1 is in range.
void test_its_translater_evid_max_ok(void) {
  lk_ok(LK_TRANSLATER, 1, 255, 1, 8201, ITU_ITT(1));
}

// DeviceID DT.n-1 is in range.
void test_its_translater_devid_max_ok(void) {
  lk_ok(LK_TRANSLATER, ITU_DT_N - 1, 0, 1, 8202, ITU_ITT(2));
}

// DeviceID >= DT.n.
void test_its_translater_devid_oor(void) {
  lk_ignored(LK_TRANSLATER, ITU_DT_N, 0, ITS_EE_DEVICE_OOR);
}

// DTE.V = 0.
void test_its_translater_unmapped_device(void) {
  lk_ignored(LK_TRANSLATER, 3, 0, ITS_EE_UNMAPPED_DEVICE);
}

// EventID = 2^(Size+1).
void test_its_translater_evid_oor(void) {
  lk_ignored(LK_TRANSLATER, 1, 256, ITS_EE_ID_OOR);
}

// All 32 EventID bits count (IMPDEF-ITS-6).
void test_its_translater_evid_oor_high_bits(void) {
  lk_ignored(LK_TRANSLATER, 1, 0x10005, ITS_EE_ID_OOR);
}

// ITE.V = 0.
void test_its_translater_unmapped_event(void) {
  lk_ignored(LK_TRANSLATER, 1, 6, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.IntType = 0 counts as unmapped (IMPDEF-ITS-5).
void test_its_translater_virtual_ite(void) {
  lk_ignored(LK_TRANSLATER, 1, 7, ITS_EE_UNMAPPED_INTERRUPT);
}

// ITE.ICID >= CT.n.
void test_its_translater_icid_oor(void) {
  lk_ignored(LK_TRANSLATER, 1, 8, ITS_EE_COLLECTION_OOR);
}

// CTE.V = 0.
void test_its_translater_unmapped_collection(void) {
  lk_ignored(LK_TRANSLATER, 1, 9, ITS_EE_UNMAPPED_COLLECTION);
}

// CTE.RDbase >= NumRd.
void test_its_translater_rdbase_oor(void) {
  lk_ignored(LK_TRANSLATER, 1, 10, ITS_EE_PROCNUM_OOR);
}

// DTE read fault.
void test_its_translater_dte_fault(void) {
  lk_fault(LK_TRANSLATER, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
}

// ITE read fault (both beats).
void test_its_translater_ite_fault(void) {
  lk_fault(LK_TRANSLATER, ITU_ITT(1) + 56, ITU_ITT(1) + 72);
}

// ITE read fault on the second beat only (odd EventID: A+4).
void test_its_translater_ite_fault_beat1(void) {
  lk_fault(LK_TRANSLATER, ITU_ITT(1) + 64, ITU_ITT(1) + 72);
}

// CTE read fault.
void test_its_translater_cte_fault(void) {
  lk_fault(LK_TRANSLATER, ITU_CT_BASE + 8, ITU_CT_BASE + 16);
}

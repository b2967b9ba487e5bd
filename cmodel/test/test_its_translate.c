// SPDX-License-Identifier: Apache-2.0
// Translation: GITS_TRANSLATER writes (16/32/64-bit, DeviceID side-band) and the MSI port
// (spec/its.md section 5, docs/interfaces.md sections 1.1 and 3.3, IMPDEF-ITS-6 and -9). The
// per-rule drop reasons are in test_its_lookup.c (its/msi/..., its/translater/...).
#include "test_its_util.h"

void test_its_translate_msi_port(void) {
  itu_t *t = itu_mapped();
  uint32_t rd = 0xFFFF;
  uint32_t intid = 0;
  size_t reads = t->reads;
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 5, &rd, &intid), ITS_OUT_OK);
  ASSERT_EQ(rd, 1);
  ASSERT_EQ(intid, 8200);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 5, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
  ASSERT_EQ(t->reads - reads, 4);  // DTE + ITE (2 beats) + CTE
  itu_free(t);
}

void test_its_translate_null_outputs(void) {
  itu_t *t = itu_mapped();
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 5, NULL, NULL), ITS_OUT_OK);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 5, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_translate_translater_32(void) {
  itu_t *t = itu_mapped();
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 255, 4, 1), ITS_OK);
  EXPECT_SET(t, 1, 8201);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 1, 255, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
  itu_free(t);
}

void test_its_translate_translater_16(void) {
  // 16-bit writes to [15:0] are MSIs too (EventID zero-extended).
  itu_t *t = itu_mapped();
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 5, 2, 1), ITS_OK);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 1, 5, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
  itu_free(t);
}

void test_its_translate_translater_16_zero_extends(void) {
  // A 16-bit write carries value[15:0] only (docs/interfaces.md section 1: pstrb = 03, the
  // value right-aligned), and the EventID is zero-extended: 0xABCD0005 as 16 bits is EventID 5.
  itu_t *t = itu_mapped();
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 0xABCD0005u, 2, 1), ITS_OK);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 1, 5, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
  itu_free(t);
}

void test_its_translate_translater_16_max(void) {
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(3, 15, ITU_ITT(3), true));
  itu_ok(t, itu_c_mapc(0, 0, true));
  itu_ok(t, itu_c_mapti(3, 0xFFFF, 9999, 0));
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 0xFFFF, 2, 3), ITS_OK);
  EXPECT_SET(t, 0, 9999);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 3, 0xFFFF, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_translate_translater_64(void) {
  // A 64-bit write carries the EventID in its low 32 bits (docs/interfaces.md section 1.1).
  itu_t *t = itu_mapped();
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 0xDEADBEEF00000005ull, 8, 1), ITS_OK);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 1, 5, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_translate_devid_sideband(void) {
  // The DeviceID comes from the side-band, not from the data.
  itu_t *t = itu_mapped();
  itu_ok(t, itu_c_mapd(2, 7, ITU_ITT(5), true));
  itu_ok(t, itu_c_mapti(2, 5, 8300, 2));
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 5, 4, 2), ITS_OK);
  EXPECT_SET(t, 2, 8300);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 2, 5, ITS_OUT_OK, 0);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 5, 4, 1), ITS_OK);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 1, 5, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_translate_disabled_msi(void) {
  itu_t *t = itu_mapped();
  itu_enable(t, false);
  size_t reads = t->reads;
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 5, NULL, NULL), ITS_OUT_IGNORED);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 5, ITS_OUT_IGNORED, 0x0100FE);
  EXPECT_NONE(t);
  ASSERT_EQ(t->reads, reads);
  itu_free(t);
}

void test_its_translate_disabled_translater(void) {
  itu_t *t = itu_mapped();
  itu_enable(t, false);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 5, 4, 1), ITS_OK);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 1, 5, ITS_OUT_IGNORED, 0x0100FE);
  EXPECT_NONE(t);
  itu_enable(t, true);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 5, 4, 1), ITS_OK);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 1, 5, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_translate_disabled_before_lookup(void) {
  // Disabled wins over every other drop reason (nothing is read).
  itu_t *t = itu_new(ITU_NUM_RD);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 0x1234, 0x10000, NULL, NULL), ITS_OUT_IGNORED);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 0x1234, 0x10000, ITS_OUT_IGNORED, 0x0100FE);
  ASSERT_EQ(t->reads, 0);
  itu_free(t);
}

void test_its_translate_fault_no_bus_error(void) {
  // IMPDEF-ITS-9: a table fault retires as FAULT; the posted write gets no bus error and the
  // queue is not stalled.
  itu_t *t = itu_mapped();
  test_mem_add_fault(t->mem, ITU_CT_BASE + 8, ITU_CT_BASE + 16);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 5, 4, 1), ITS_OK);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, 1, 5, ITS_OUT_FAULT, 0);
  EXPECT_NONE(t);
  ASSERT_EQ(itu_creadr(t) & ITU_CREADR_STALLED, 0);
  its_step_t st = itu_exec(t, itu_c_sync(2));
  EXPECT_SYNC(t, 2);
  EXPECT_OK(t, st, ITS_CMD_SYNC);
  itu_free(t);
}

void test_its_translate_while_stalled(void) {
  // A stalled queue does not stop translation (spec section 5 lists the drop reasons).
  itu_t *t = itu_mapped();
  test_mem_add_fault(t->mem, t->q_base + t->wr, t->q_base + t->wr + 32);
  its_step_t st = itu_exec(t, itu_c_sync(0));
  EXPECT_STALLED(t, st, -1);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 5, NULL, NULL), ITS_OUT_OK);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 5, ITS_OUT_OK, 0);
  ASSERT_EQ(itu_creadr(t), t->last | ITU_CREADR_STALLED);
  itu_free(t);
}

void test_its_translate_repeat(void) {
  // The ITS keeps no pending state: every MSI sends a SET.
  itu_t *t = itu_mapped();
  for (int i = 0; i < 3; i++) {
    ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 5, NULL, NULL), ITS_OUT_OK);
    EXPECT_SET(t, 1, 8200);
    EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 5, ITS_OUT_OK, 0);
  }
  itu_free(t);
}

void test_its_translate_interleaved_with_commands(void) {
  // MSIs and commands retire in the order they were serialized.
  itu_t *t = itu_mapped();
  itu_push(t, itu_c_int(1, 255));
  itu_kick(t);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 5, NULL, NULL), ITS_OUT_OK);
  ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
  EXPECT_SET(t, 1, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 5, ITS_OUT_OK, 0);
  EXPECT_SET(t, 1, 8201);
  EXPECT_RETIRE(t, ITS_CMD_INT, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
  itu_free(t);
}

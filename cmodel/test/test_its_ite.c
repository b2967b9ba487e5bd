// SPDX-License-Identifier: Apache-2.0
// ITE layout and beat rules: 12-byte entries at ITT + 12e, high word at +8, even/odd EventIDs
// split into different beats (spec/its.md section 4, docs/interfaces.md section 2).
#include "test_its_util.h"

#define ITE_ITT 0x00400000ull

static itu_t *ite_fixture(void) {
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(1, 7, ITE_ITT, true));
  itu_ok(t, itu_c_mapc(2, 2, true));
  return t;
}

void test_its_ite_encoding(void) {
  // Low word: [0] V, [1] IntType = 1, [25:2] INTID, [47:32] ICID, [63:48] vPEID = 0.
  ASSERT_EQ(itu_ite_lo(8200, 0xABCD), 0x0000ABCD00008023ull);
  ASSERT_EQ(itu_ite_lo(65535, 2), 0x000000020003FFFFull);
}

void test_its_ite_write_even(void) {
  // e = 2: A = ITT + 24 is beat aligned: [A, be FF] then [A+8, be 0F].
  itu_t *t = ite_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 2, 8200, 0x1234));
  EXPECT_MEM(t, ITE_ITT + 24, 0x0000123400008023ull, 0xFF);
  EXPECT_MEM(t, ITE_ITT + 32, 0x00000000000003FFull, 0x0F);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_ite_write_odd(void) {
  // e = 3: A = ITT + 36: [A-4, be F0] then [A+4, be FF].
  itu_t *t = ite_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 3, 8200, 0x1234));
  EXPECT_MEM(t, ITE_ITT + 32, 0x0000802300000000ull, 0xF0);
  EXPECT_MEM(t, ITE_ITT + 40, 0x000003FF00001234ull, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_ite_memory_image(void) {
  // Neighbouring entries keep their bytes; the high word sits at +8 (not +4).
  itu_t *t = ite_fixture();
  for (uint64_t a = ITE_ITT; a < ITE_ITT + 96; a += 8) {
    test_mem_write(t->mem, a, 0xA5A5A5A5A5A5A5A5ull, 8);
  }
  itu_ok(t, itu_c_mapti(1, 3, 8200, 0x1234));
  itu_ok(t, itu_c_mapti(1, 4, 8201, 0x0678));
  ASSERT_EQ(test_mem_read(t->mem, ITE_ITT + 32, 4), 0xA5A5A5A5u);  // ITE 2's high word
  ASSERT_EQ(test_mem_read(t->mem, ITE_ITT + 36, 8), itu_ite_lo(8200, 0x1234));
  ASSERT_EQ(test_mem_read(t->mem, ITE_ITT + 44, 4), ITU_ITE_HI);
  ASSERT_EQ(test_mem_read(t->mem, ITE_ITT + 48, 8), itu_ite_lo(8201, 0x0678));
  ASSERT_EQ(test_mem_read(t->mem, ITE_ITT + 56, 4), ITU_ITE_HI);
  ASSERT_EQ(test_mem_read(t->mem, ITE_ITT + 60, 4), 0xA5A5A5A5u);  // ITE 5's low word
  itu_free(t);
}

void test_its_ite_read_layout_odd(void) {
  // An ITE written straight into memory is read with the same layout.
  itu_t *t = ite_fixture();
  itu_poke_ite(t, ITE_ITT, 7, itu_ite_lo(9000, 2), ITU_ITE_HI);
  its_step_t st = itu_exec(t, itu_c_int(1, 7));
  EXPECT_SET(t, 2, 9000);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_ite_read_layout_even(void) {
  itu_t *t = ite_fixture();
  itu_poke_ite(t, ITE_ITT, 6, itu_ite_lo(9001, 2), ITU_ITE_HI);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 6, NULL, NULL), ITS_OUT_OK);
  EXPECT_SET(t, 2, 9001);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 6, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_ite_read_ignores_high_word(void) {
  // A physical ITE takes INTID and ICID from the low word; the high word is the doorbell.
  itu_t *t = ite_fixture();
  itu_poke_ite(t, ITE_ITT, 6, itu_ite_lo(9002, 2), 0xFFFFFFFFu);
  its_step_t st = itu_exec(t, itu_c_int(1, 6));
  EXPECT_SET(t, 2, 9002);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_ite_read_beats_even(void) {
  // e = 6: beats at A = ITT+72 and A+8; a fault at A+16 is outside the ITE.
  itu_t *t = ite_fixture();
  itu_ok(t, itu_c_mapti(1, 6, 8200, 2));
  test_mem_add_fault(t->mem, ITE_ITT + 88, ITE_ITT + 96);
  its_step_t st = itu_exec(t, itu_c_int(1, 6));
  EXPECT_SET(t, 2, 8200);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_clear_faults(t);
  test_mem_add_fault(t->mem, ITE_ITT + 80, ITE_ITT + 88);
  st = itu_exec(t, itu_c_int(1, 6));
  EXPECT_STALLED(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_ite_read_beats_odd(void) {
  // e = 7: A = ITT+84; beats at A-4 = ITT+80 and A+4 = ITT+88; ITT+96 is outside.
  itu_t *t = ite_fixture();
  itu_ok(t, itu_c_mapti(1, 7, 8200, 2));
  test_mem_add_fault(t->mem, ITE_ITT + 96, ITE_ITT + 104);
  test_mem_add_fault(t->mem, ITE_ITT + 72, ITE_ITT + 80);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 7, NULL, NULL), ITS_OUT_OK);
  EXPECT_SET(t, 2, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 7, ITS_OUT_OK, 0);
  itu_clear_faults(t);
  test_mem_add_fault(t->mem, ITE_ITT + 80, ITE_ITT + 88);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 7, NULL, NULL), ITS_OUT_FAULT);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 7, ITS_OUT_FAULT, 0);
  itu_free(t);
}

void test_its_ite_discard_beats_odd(void) {
  itu_t *t = ite_fixture();
  itu_ok(t, itu_c_mapti(1, 3, 8200, 2));
  its_step_t st = itu_exec(t, itu_c_discard(1, 3));
  EXPECT_CLEAR(t, 2, 8200);
  EXPECT_MEM(t, ITE_ITT + 32, 0, 0xF0);
  EXPECT_MEM(t, ITE_ITT + 40, 0, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_DISCARD);
  itu_free(t);
}

void test_its_ite_discard_beats_even(void) {
  itu_t *t = ite_fixture();
  itu_ok(t, itu_c_mapti(1, 2, 8200, 2));
  its_step_t st = itu_exec(t, itu_c_discard(1, 2));
  EXPECT_CLEAR(t, 2, 8200);
  EXPECT_MEM(t, ITE_ITT + 24, 0, 0xFF);
  EXPECT_MEM(t, ITE_ITT + 32, 0, 0x0F);
  EXPECT_OK(t, st, ITS_CMD_DISCARD);
  itu_free(t);
}

void test_its_ite_itt_addr_from_dte(void) {
  // ITT_addr comes from DTE[49:6] << 8: a high ITT address round-trips through MAPD.
  itu_t *t = itu_std();
  uint64_t itt = 0x000ABCDEF0123400ull;
  itu_ok(t, itu_c_mapd(1, 7, itt, true));
  itu_ok(t, itu_c_mapc(2, 2, true));
  its_step_t st = itu_exec(t, itu_c_mapti(1, 1, 8200, 2));
  EXPECT_MEM(t, itt + 8, itu_ite_lo(8200, 2) << 32, 0xF0);
  EXPECT_MEM(t, itt + 16, (itu_ite_lo(8200, 2) >> 32) | ((uint64_t)ITU_ITE_HI << 32), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

// SPDX-License-Identifier: Apache-2.0
// Per-command rules of spec/its.md section 3.3 that are not the shared lookups (those are in
// test_its_lookup.c): MAPD, MAPC, MAPTI, MAPI, INVALL, SYNC, MOVALL, the MOVI target checks,
// the DISCARD/MAPD/MAPTI quirks of section 9, and unknown opcodes.
#include "test_its_util.h"

// ---- MAPD ----

void test_its_mapd_ok(void) {
  itu_t *t = itu_std();
  ASSERT_EQ(itu_dte(7, 0x123400), 0x48D0Full);  // [0] V, [5:1] Size, [49:6] ITT_addr[51:8]
  its_step_t st = itu_exec(t, itu_c_mapd(3, 7, 0x123400, true));
  EXPECT_MEM(t, ITU_DT_BASE + 3 * 8, 0x48D0Full, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  ASSERT_EQ(test_mem_read(t->mem, ITU_DT_BASE + 3 * 8, 8), 0x48D0Full);
  ASSERT_EQ(t->reads, 4);  // the command fetch only: a flat table needs no read
  itu_free(t);
}

void test_its_mapd_v0_zero_dte(void) {
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(3, 7, 0x123400, true));
  its_step_t st = itu_exec(t, itu_c_mapd(3, 5, 0x555500, false));
  EXPECT_MEM(t, ITU_DT_BASE + 3 * 8, 0, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  ASSERT_EQ(test_mem_read(t->mem, ITU_DT_BASE + 3 * 8, 8), 0);
  itu_free(t);
}

void test_its_mapd_devid_oor(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapd(ITU_DT_N, 7, 0x123400, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010801);
  itu_free(t);
}

void test_its_mapd_devid_max_ok(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapd(ITU_DT_N - 1, 7, 0x123400, true));
  EXPECT_MEM(t, ITU_DT_BASE + 8ull * (ITU_DT_N - 1), itu_dte(7, 0x123400), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_free(t);
}

void test_its_mapd_devid_32bit(void) {
  // DeviceID is DW0[63:32]: 0x1_0000_0001 would alias device 1 if truncated to 16 bits.
  itu_t *t = itu_std();
  its_step_t st =
      itu_exec(t, itu_c_raw(ITS_CMD_MAPD | (0x00010001ull << 32), 7, 0x123400 | ITU_VALID, 0));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010801);
  itu_free(t);
}

void test_its_mapd_size15_ok(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapd(2, 15, 0x200000, true));
  EXPECT_MEM(t, ITU_DT_BASE + 16, itu_dte(15, 0x200000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_free(t);
}

void test_its_mapd_size16_oor(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapd(2, 16, 0x200000, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010802);
  itu_free(t);
}

void test_its_mapd_size31_oor(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapd(2, 31, 0x200000, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010802);
  itu_free(t);
}

void test_its_mapd_size16_v0_oor(void) {
  // Spec section 3.3: QEMU (the mainline we follow, section 9) checks Size even for V=0.
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(2, 7, 0x200000, true));
  its_step_t st = itu_exec(t, itu_c_mapd(2, 16, 0x200000, false));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010802);
  ASSERT_EQ(test_mem_read(t->mem, ITU_DT_BASE + 16, 8), itu_dte(7, 0x200000));
  itu_free(t);
}

void test_its_mapd_devid_oor_first(void) {
  // Check order (spec section 3.3): DeviceID before Size.
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapd(ITU_DT_N, 16, 0x200000, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010801);
  itu_free(t);
}

void test_its_mapd_fields(void) {
  // Size is DW1[4:0] and ITT_addr DW2[51:8]; the other bits of DW1/DW2 (but V) are not fields.
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_raw(ITS_CMD_MAPD | (4ull << 32), 0xFFFFFFFFFFFFFFE3ull,
                                        0xFFFFFFFFFFFFFFFFull, 0xFFFFFFFFFFFFFFFFull));
  EXPECT_MEM(t, ITU_DT_BASE + 32, 0x0003FFFFFFFFFFC7ull, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_free(t);
}

void test_its_mapd_remap_keeps_itt(void) {
  // Spec section 9: MAPD V=0 leaves the ITT alone; MAPD V=1 with the same ITT revives the ITEs.
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(2, 7, ITU_ITT(2), true));
  itu_ok(t, itu_c_mapc(3, 3, true));
  itu_ok(t, itu_c_mapti(2, 20, 8195, 3));
  its_step_t st = itu_exec(t, itu_c_mapd(2, 7, ITU_ITT(2), false));
  EXPECT_MEM(t, ITU_DT_BASE + 16, 0, 0xFF);  // the DTE only; no ITT write
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  st = itu_exec(t, itu_c_int(2, 20));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010304);
  itu_ok(t, itu_c_mapd(2, 7, ITU_ITT(2), true));
  st = itu_exec(t, itu_c_int(2, 20));
  EXPECT_SET(t, 3, 8195);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_mapd_write_fault(void) {
  itu_t *t = itu_std();
  itu_add_write_fault(t, ITU_DT_BASE + 16, ITU_DT_BASE + 24);
  its_step_t st = itu_exec(t, itu_c_mapd(2, 7, 0x200000, true));
  EXPECT_MEM_FAULT(t, ITU_DT_BASE + 16, itu_dte(7, 0x200000), 0xFF);
  EXPECT_STALLED(t, st, ITS_CMD_MAPD);
  ASSERT_EQ(test_mem_read(t->mem, ITU_DT_BASE + 16, 8), 0);
  itu_free(t);
}

// ---- MAPC ----

void test_its_mapc_ok(void) {
  itu_t *t = itu_std();
  ASSERT_EQ(itu_cte(3), 0x7u);  // [0] V, [16:1] RDbase
  its_step_t st = itu_exec(t, itu_c_mapc(5, 3, true));
  EXPECT_MEM(t, ITU_CT_BASE + 5 * 8, 0x7u, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  ASSERT_EQ(t->reads, 4);
  itu_free(t);
}

void test_its_mapc_v0_zero_cte(void) {
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapc(5, 3, true));
  its_step_t st = itu_exec(t, itu_c_mapc(5, 2, false));
  EXPECT_MEM(t, ITU_CT_BASE + 5 * 8, 0, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  itu_free(t);
}

void test_its_mapc_icid_oor(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapc(ITU_CT_N, 1, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPC, 0x010903);
  itu_free(t);
}

void test_its_mapc_icid_max_ok(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapc(ITU_CT_N - 1, 1, true));
  EXPECT_MEM(t, ITU_CT_BASE + 8ull * (ITU_CT_N - 1), itu_cte(1), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  itu_free(t);
}

void test_its_mapc_rdbase_oor(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapc(5, ITU_NUM_RD, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPC, 0x010902);
  itu_free(t);
}

void test_its_mapc_rdbase_max_ok(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapc(5, ITU_NUM_RD - 1, true));
  EXPECT_MEM(t, ITU_CT_BASE + 40, itu_cte(ITU_NUM_RD - 1), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  itu_free(t);
}

void test_its_mapc_rdbase_oor_v0_ok(void) {
  // With V=0 RDbase is not checked and a zero CTE is written (spec section 3.3).
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapc(5, ITU_NUM_RD, false));
  EXPECT_MEM(t, ITU_CT_BASE + 40, 0, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  itu_free(t);
}

void test_its_mapc_rdbase_full_width(void) {
  // IMPDEF-ITS-11: the whole DW2[51:16] field is checked, not its low 16 bits.
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapc(5, 0x10000, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPC, 0x010902);
  st = itu_exec(t, itu_c_mapc(5, 0x800000001ull, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPC, 0x010902);
  itu_free(t);
}

void test_its_mapc_rdbase_65535(void) {
  itu_t *t = itu_new(65536);
  itu_config(t, itu_cbaser(ITU_Q_BASE, 15), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
             itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
  itu_enable(t, true);
  its_step_t st = itu_exec(t, itu_c_mapc(5, 65535, true));
  EXPECT_MEM(t, ITU_CT_BASE + 40, 0x1FFFFu, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  st = itu_exec(t, itu_c_mapc(6, 65536, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPC, 0x010902);
  itu_free(t);
}

void test_its_mapc_icid_oor_first(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_mapc(ITU_CT_N, ITU_NUM_RD, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPC, 0x010903);
  itu_free(t);
}

void test_its_mapc_remap_no_move(void) {
  // Remapping overwrites the CTE and moves no pending state (no MOVE/MOVALL event).
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_mapc(1, 3, true));
  EXPECT_MEM(t, ITU_CT_BASE + 8, itu_cte(3), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  st = itu_exec(t, itu_c_int(1, 5));
  EXPECT_SET(t, 3, 8200);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_mapc_write_fault(void) {
  itu_t *t = itu_std();
  itu_add_write_fault(t, ITU_CT_BASE + 40, ITU_CT_BASE + 48);
  its_step_t st = itu_exec(t, itu_c_mapc(5, 2, true));
  EXPECT_MEM_FAULT(t, ITU_CT_BASE + 40, itu_cte(2), 0xFF);
  EXPECT_STALLED(t, st, ITS_CMD_MAPC);
  itu_free(t);
}

// ---- MAPTI ----

static itu_t *mapti_fixture(void) {
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  itu_ok(t, itu_c_mapd(2, 15, ITU_ITT(2), true));
  return t;
}

void test_its_mapti_ok(void) {
  itu_t *t = mapti_fixture();
  size_t reads = t->reads;
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8200, 3));
  EXPECT_ITE(t, ITU_ITT(1), 4, itu_ite_lo(8200, 3), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  ASSERT_EQ(t->reads - reads, 5);  // fetch + DTE
  itu_free(t);
}

void test_its_mapti_devid_oor(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(ITU_DT_N, 4, 8200, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A01);
  itu_free(t);
}

void test_its_mapti_unmapped_device(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(3, 4, 8200, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A04);
  itu_free(t);
}

void test_its_mapti_icid_oor(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8200, ITU_CT_N));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A03);
  itu_free(t);
}

void test_its_mapti_icid_max_ok(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8200, ITU_CT_N - 1));
  EXPECT_ITE(t, ITU_ITT(1), 4, itu_ite_lo(8200, ITU_CT_N - 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_mapti_evid_oor(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 256, 8200, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A05);
  itu_free(t);
}

void test_its_mapti_evid_max_ok(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 255, 8200, 1));
  EXPECT_ITE(t, ITU_ITT(1), 255, itu_ite_lo(8200, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_mapti_evid_size15(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(2, 65535, 8200, 1));
  EXPECT_ITE(t, ITU_ITT(2), 65535, itu_ite_lo(8200, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  st = itu_exec(t, itu_c_mapti(2, 65536, 8200, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A05);
  itu_free(t);
}

void test_its_mapti_evid_size0(void) {
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(1, 0, ITU_ITT(1), true));  // 2 events
  its_step_t st = itu_exec(t, itu_c_mapti(1, 1, 8200, 1));
  EXPECT_ITE(t, ITU_ITT(1), 1, itu_ite_lo(8200, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  st = itu_exec(t, itu_c_mapti(1, 2, 8200, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A05);
  itu_free(t);
}

void test_its_mapti_pintid_8191(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8191, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A06);
  itu_free(t);
}

void test_its_mapti_pintid_8192_ok(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8192, 1));
  EXPECT_ITE(t, ITU_ITT(1), 4, itu_ite_lo(8192, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_mapti_pintid_65535_ok(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 65535, 1));
  EXPECT_ITE(t, ITU_ITT(1), 4, itu_ite_lo(65535, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_mapti_pintid_65536(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 65536, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A06);
  itu_free(t);
}

void test_its_mapti_pintid_1023(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 1023, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A06);
  itu_free(t);
}

void test_its_mapti_pintid_max32(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 0xFFFFFFFFu, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A06);
  st = itu_exec(t, itu_c_mapti(1, 4, 0x01002000u, 1));  // 8192 + 2^24: not 24-bit truncated
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A06);
  itu_free(t);
}

void test_its_mapti_unmapped_collection_ok(void) {
  // The collection need not be mapped yet (kvm-unit-tests relies on this).
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8200, 77));
  EXPECT_ITE(t, ITU_ITT(1), 4, itu_ite_lo(8200, 77), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_mapti_overwrites(void) {
  itu_t *t = mapti_fixture();
  itu_ok(t, itu_c_mapc(1, 1, true));
  itu_ok(t, itu_c_mapc(2, 2, true));
  itu_ok(t, itu_c_mapti(1, 4, 8200, 1));
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8300, 2));
  EXPECT_ITE(t, ITU_ITT(1), 4, itu_ite_lo(8300, 2), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  st = itu_exec(t, itu_c_int(1, 4));
  EXPECT_SET(t, 2, 8300);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_mapti_icid_field(void) {
  // ICID is DW2[15:0]; the rest of DW2 and DW3 are not fields of MAPTI.
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_raw(ITS_CMD_MAPTI | (1ull << 32), 4 | (8200ull << 32),
                                        0xFFFFFFFFFFFF0001ull, ~0ull));
  EXPECT_ITE(t, ITU_ITT(1), 4, itu_ite_lo(8200, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_mapti_icid_before_dte_valid(void) {
  // Order (spec section 3.3): DeviceID, read DTE, ICID, DTE.V, EventID, pINTID.
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(3, 4, 8200, ITU_CT_N));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A03);
  itu_free(t);
}

void test_its_mapti_evid_before_pintid(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapti(1, 256, 100, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A05);
  itu_free(t);
}

void test_its_mapti_dte_fault(void) {
  itu_t *t = mapti_fixture();
  test_mem_add_fault(t->mem, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8200, 1));
  EXPECT_STALLED(t, st, ITS_CMD_MAPTI);
  ASSERT_EQ(t->writes, t->writes_at_kick);
  itu_free(t);
}

void test_its_mapti_ite_write_fault(void) {
  // A faulting table write stalls like a read (IMPDEF-ITS-8); both beats are issued.
  itu_t *t = mapti_fixture();
  uint64_t a = itu_ite_addr(ITU_ITT(1), 4);
  itu_add_write_fault(t, a, a + 8);
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8200, 1));
  EXPECT_ITE_FAULT(t, ITU_ITT(1), 4, itu_ite_lo(8200, 1), ITU_ITE_HI, true, false);
  EXPECT_STALLED(t, st, ITS_CMD_MAPTI);
  // The beat that did not fault stays written.
  ASSERT_EQ(test_mem_read(t->mem, a, 8), 0);
  ASSERT_EQ(test_mem_read(t->mem, a + 8, 4), ITU_ITE_HI);
  itu_free(t);
}

// ---- MAPI (MAPTI with pINTID = EventID) ----

void test_its_mapi_ok(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(2, 8192, 1));
  EXPECT_ITE(t, ITU_ITT(2), 8192, itu_ite_lo(8192, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPI);
  itu_free(t);
}

void test_its_mapi_evid_65535_ok(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(2, 65535, 1));
  EXPECT_ITE(t, ITU_ITT(2), 65535, itu_ite_lo(65535, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPI);
  itu_free(t);
}

void test_its_mapi_pintid_8191(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(2, 8191, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPI, 0x010B06);
  itu_free(t);
}

void test_its_mapi_pintid_1023(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(2, 1023, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPI, 0x010B06);
  itu_free(t);
}

void test_its_mapi_evid_65536(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(2, 65536, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPI, 0x010B05);
  itu_free(t);
}

void test_its_mapi_evid_oor(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(1, 8192, 1));  // Size 7: 256 events
  EXPECT_IGNORED(t, st, ITS_CMD_MAPI, 0x010B05);
  itu_free(t);
}

void test_its_mapi_devid_oor(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(ITU_DT_N, 8192, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPI, 0x010B01);
  itu_free(t);
}

void test_its_mapi_unmapped_device(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(3, 8192, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPI, 0x010B04);
  itu_free(t);
}

void test_its_mapi_icid_oor(void) {
  itu_t *t = mapti_fixture();
  its_step_t st = itu_exec(t, itu_c_mapi(2, 8192, ITU_CT_N));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPI, 0x010B03);
  itu_free(t);
}

void test_its_mapi_dte_fault(void) {
  itu_t *t = mapti_fixture();
  test_mem_add_fault(t->mem, ITU_DT_BASE + 16, ITU_DT_BASE + 24);
  its_step_t st = itu_exec(t, itu_c_mapi(2, 8192, 1));
  EXPECT_STALLED(t, st, ITS_CMD_MAPI);
  itu_free(t);
}

void test_its_mapi_ite_write_fault(void) {
  itu_t *t = mapti_fixture();
  uint64_t a = itu_ite_addr(ITU_ITT(2), 8193);
  itu_add_write_fault(t, a - 4, a + 12);
  its_step_t st = itu_exec(t, itu_c_mapi(2, 8193, 1));
  EXPECT_ITE_FAULT(t, ITU_ITT(2), 8193, itu_ite_lo(8193, 1), ITU_ITE_HI, true, true);
  EXPECT_STALLED(t, st, ITS_CMD_MAPI);
  itu_free(t);
}

// ---- INT / CLEAR / DISCARD / INV / MOVI rules beyond the shared lookups ----

void test_its_int_reads(void) {
  // No caching: fetch (4) + DTE (1) + ITE (2) + CTE (1) beats (docs/interfaces.md section 2).
  itu_t *t = itu_mapped();
  size_t reads = t->reads;
  its_step_t st = itu_exec(t, itu_c_int(1, 5));
  EXPECT_SET(t, 1, 8200);
  EXPECT_OK(t, st, ITS_CMD_INT);
  ASSERT_EQ(t->reads - reads, 8);
  ASSERT_EQ(t->writes, t->writes_at_kick);
  itu_free(t);
}

void test_its_int_repeat(void) {
  // The ITS keeps no pending state: each INT sends another SET.
  itu_t *t = itu_mapped();
  for (int i = 0; i < 2; i++) {
    its_step_t st = itu_exec(t, itu_c_int(1, 5));
    EXPECT_SET(t, 1, 8200);
    EXPECT_OK(t, st, ITS_CMD_INT);
  }
  itu_free(t);
}

void test_its_discard_unmapped_col_keeps_ite(void) {
  // Spec section 9: a failed collection lookup ignores the whole DISCARD; the ITE stays valid.
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_discard(1, 9));
  EXPECT_IGNORED(t, st, ITS_CMD_DISCARD, 0x010F09);
  ASSERT_EQ(test_mem_read(t->mem, itu_ite_addr(ITU_ITT(1), 9), 8), itu_ite_lo(8203, 3));
  itu_ok(t, itu_c_mapc(3, 3, true));
  st = itu_exec(t, itu_c_int(1, 9));
  EXPECT_SET(t, 3, 8203);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_discard_then_int_unmapped(void) {
  itu_t *t = itu_mapped();
  itu_ok(t, itu_c_discard(1, 5));
  its_step_t st = itu_exec(t, itu_c_int(1, 5));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010307);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 1, 5, NULL, NULL), ITS_OUT_IGNORED);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 1, 5, ITS_OUT_IGNORED, 0x010007);
  itu_free(t);
}

void test_its_discard_write_fault(void) {
  // The CLEAR goes out before the ITE write; the faulting write stalls (IMPDEF-ITS-8).
  itu_t *t = itu_mapped();
  uint64_t a = itu_ite_addr(ITU_ITT(1), 5);
  itu_add_write_fault(t, a - 4, a + 12);
  its_step_t st = itu_exec(t, itu_c_discard(1, 5));
  EXPECT_CLEAR(t, 1, 8200);
  EXPECT_ITE_FAULT(t, ITU_ITT(1), 5, 0, 0, true, true);
  EXPECT_STALLED(t, st, ITS_CMD_DISCARD);
  ASSERT_EQ(test_mem_read(t->mem, a, 8), itu_ite_lo(8200, 1));
  itu_free(t);
}

void test_its_movi_same_rd(void) {
  // Collections 1 and 3 both target rd 1: no MOVE event, the ITE is still rewritten.
  itu_t *t = itu_mapped();
  itu_ok(t, itu_c_mapc(3, 1, true));
  its_step_t st = itu_exec(t, itu_c_movi(1, 5, 3));
  EXPECT_ITE(t, ITU_ITT(1), 5, itu_ite_lo(8200, 3), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MOVI);
  itu_free(t);
}

void test_its_movi_then_int(void) {
  itu_t *t = itu_mapped();
  itu_ok(t, itu_c_movi(1, 5, 2));
  its_step_t st = itu_exec(t, itu_c_int(1, 5));
  EXPECT_SET(t, 2, 8200);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_movi_new_icid_oor(void) {
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_movi(1, 5, ITU_CT_N));
  EXPECT_IGNORED(t, st, ITS_CMD_MOVI, 0x010103);
  itu_free(t);
}

void test_its_movi_new_unmapped_collection(void) {
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_movi(1, 5, 3));
  EXPECT_IGNORED(t, st, ITS_CMD_MOVI, 0x010109);
  itu_free(t);
}

void test_its_movi_new_rdbase_oor(void) {
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_movi(1, 5, 4));
  EXPECT_IGNORED(t, st, ITS_CMD_MOVI, 0x010102);
  itu_free(t);
}

void test_its_movi_new_cte_fault(void) {
  itu_t *t = itu_mapped();
  test_mem_add_fault(t->mem, ITU_CT_BASE + 16, ITU_CT_BASE + 24);
  its_step_t st = itu_exec(t, itu_c_movi(1, 5, 2));
  EXPECT_STALLED(t, st, ITS_CMD_MOVI);
  ASSERT_EQ(t->writes, t->writes_at_kick);
  itu_free(t);
}

void test_its_movi_write_fault(void) {
  itu_t *t = itu_mapped();
  uint64_t a = itu_ite_addr(ITU_ITT(1), 5);
  itu_add_write_fault(t, a + 4, a + 12);
  its_step_t st = itu_exec(t, itu_c_movi(1, 5, 2));
  EXPECT_MOVE(t, 1, 2, 8200);
  EXPECT_ITE_FAULT(t, ITU_ITT(1), 5, itu_ite_lo(8200, 2), ITU_ITE_HI, false, true);
  EXPECT_STALLED(t, st, ITS_CMD_MOVI);
  itu_free(t);
}

void test_its_int_fields(void) {
  // Only the fields of section 3 count: DW0[31:8], DW1[63:32], DW2 and DW3 are ignored by INT.
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_raw(ITS_CMD_INT | 0xFFFFFF00ull | (1ull << 32),
                                        5 | (0xFFFFFFFFull << 32), ~0ull, ~0ull));
  EXPECT_SET(t, 1, 8200);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

// ---- INVALL ----

void test_its_invall_ok(void) {
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_invall(2));
  EXPECT_INVALL(t, 2);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  itu_free(t);
}

void test_its_invall_icid_oor(void) {
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_invall(ITU_CT_N));
  EXPECT_IGNORED(t, st, ITS_CMD_INVALL, 0x010D03);
  itu_free(t);
}

void test_its_invall_icid_max_ok(void) {
  itu_t *t = itu_mapped();
  itu_ok(t, itu_c_mapc(ITU_CT_N - 1, 3, true));
  its_step_t st = itu_exec(t, itu_c_invall(ITU_CT_N - 1));
  EXPECT_INVALL(t, 3);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  itu_free(t);
}

void test_its_invall_unmapped_collection(void) {
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_invall(3));
  EXPECT_IGNORED(t, st, ITS_CMD_INVALL, 0x010D09);
  itu_free(t);
}

void test_its_invall_rdbase_oor(void) {
  itu_t *t = itu_mapped();
  its_step_t st = itu_exec(t, itu_c_invall(4));
  EXPECT_IGNORED(t, st, ITS_CMD_INVALL, 0x010D02);
  itu_free(t);
}

void test_its_invall_cte_fault(void) {
  itu_t *t = itu_mapped();
  test_mem_add_fault(t->mem, ITU_CT_BASE + 16, ITU_CT_BASE + 24);
  its_step_t st = itu_exec(t, itu_c_invall(2));
  EXPECT_STALLED(t, st, ITS_CMD_INVALL);
  itu_free(t);
}

// ---- SYNC ----

void test_its_sync_ok(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_sync(3));
  EXPECT_SYNC(t, 3);
  EXPECT_OK(t, st, ITS_CMD_SYNC);
  itu_free(t);
}

void test_its_sync_rdbase_unchecked(void) {
  // IMPDEF-ITS-10: rd = RDbase[15:0], never checked.
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_sync(ITU_NUM_RD));
  EXPECT_SYNC(t, ITU_NUM_RD);
  EXPECT_OK(t, st, ITS_CMD_SYNC);
  st = itu_exec(t, itu_c_sync(0x12345));
  EXPECT_SYNC(t, 0x2345);
  EXPECT_OK(t, st, ITS_CMD_SYNC);
  itu_free(t);
}

// ---- MOVALL ----

void test_its_movall_ok(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_movall(1, 3));
  EXPECT_MOVALL(t, 1, 3);
  EXPECT_OK(t, st, ITS_CMD_MOVALL);
  ASSERT_EQ(t->reads, 4);  // ITS tables untouched
  ASSERT_EQ(t->writes, 0);
  itu_free(t);
}

void test_its_movall_rd_max_ok(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_movall(ITU_NUM_RD - 1, 0));
  EXPECT_MOVALL(t, ITU_NUM_RD - 1, 0);
  EXPECT_OK(t, st, ITS_CMD_MOVALL);
  itu_free(t);
}

void test_its_movall_same_rd(void) {
  // rd1 == rd2: success without an event (IMPDEF-ITS-10).
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_movall(2, 2));
  EXPECT_OK(t, st, ITS_CMD_MOVALL);
  itu_free(t);
}

void test_its_movall_rd1_oor(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_movall(ITU_NUM_RD, 0));
  EXPECT_IGNORED(t, st, ITS_CMD_MOVALL, 0x010E01);
  itu_free(t);
}

void test_its_movall_rd2_oor(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_movall(0, ITU_NUM_RD));
  EXPECT_IGNORED(t, st, ITS_CMD_MOVALL, 0x010E01);
  itu_free(t);
}

void test_its_movall_same_rd_oor(void) {
  // The range check comes before the rd1 == rd2 shortcut (spec section 3.3 order).
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_movall(ITU_NUM_RD, ITU_NUM_RD));
  EXPECT_IGNORED(t, st, ITS_CMD_MOVALL, 0x010E01);
  itu_free(t);
}

void test_its_movall_rd_full_width(void) {
  // IMPDEF-ITS-11: the 36-bit fields are checked whole (2^32 would alias rd 0 in 16 bits).
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_movall(1ull << 32, 0));
  EXPECT_IGNORED(t, st, ITS_CMD_MOVALL, 0x010E01);
  st = itu_exec(t, itu_c_movall(1, 0x10001));
  EXPECT_IGNORED(t, st, ITS_CMD_MOVALL, 0x010E01);
  itu_free(t);
}

void test_its_movall_fields(void) {
  // RDbase1/2 are DW2/DW3[51:16]; the other bits are not part of the fields.
  itu_t *t = itu_std();
  its_step_t st = itu_exec(
      t, itu_c_raw(ITS_CMD_MOVALL | ~0xFFull, ~0ull, 0xFFF000000001FFFFull, 0xFFF000000003FFFFull));
  EXPECT_MOVALL(t, 1, 3);
  EXPECT_OK(t, st, ITS_CMD_MOVALL);
  itu_free(t);
}

// ---- Unknown and GICv4 opcodes: ignored with EE = FF ----

void test_its_unknown_opcode_02(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_raw(0x02, 0, 0, 0));
  EXPECT_IGNORED(t, st, 0x02, 0x0102FF);
  itu_free(t);
}

void test_its_unknown_opcode_2a(void) {
  // VMAPTI (GICv4): TYPER.Virtual = 0.
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_raw(0x2A | (1ull << 32), 5 | (8200ull << 32), 1, 0));
  EXPECT_IGNORED(t, st, 0x2A, 0x012AFF);
  itu_free(t);
}

void test_its_unknown_all_opcodes(void) {
  itu_t *t = itu_mapped();
  for (unsigned op = 0; op < 256; op++) {
    if ((op >= 0x08 && op <= 0x0F) || op == 0x01 || op == 0x03 || op == 0x04 || op == 0x05) {
      continue;
    }
    // Fields that would make a valid command of a neighbouring opcode.
    its_step_t st = itu_exec(t, itu_c_raw(op | (1ull << 32), 5, 1 | (1ull << 16) | ITU_VALID, 0));
    EXPECT_IGNORED(t, st, (uint8_t)op, ITS_ERROR(op, ITS_EE_UNSUPPORTED));
  }
  itu_free(t);
}

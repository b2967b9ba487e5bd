// SPDX-License-Identifier: Apache-2.0
// Device and collection tables: capacity from BASER (page sizes, Size, Valid, the 16-bit ID cap),
// the 64 KiB-page PA encoding, two-level (Indirect) tables and the no-caching rule
// (spec/its.md section 4, docs/interfaces.md section 2).
#include "test_its_util.h"

#define TBL_DT 0x00800000ull
#define TBL_CT 0x00C00000ull
#define TBL_L2 0x02000000ull  // level-2 pages

// An enabled ITS with the given BASER0/BASER1 and the default queue.
static itu_t *tbl_new(uint64_t baser0, uint64_t baser1) {
  itu_t *t = itu_new(ITU_NUM_RD);
  itu_config(t, itu_cbaser(ITU_Q_BASE, 15), baser0, baser1);
  itu_enable(t, true);
  return t;
}

static itu_t *tbl_dt(unsigned page_size, unsigned size, bool indirect) {
  return tbl_new(itu_baser(TBL_DT, page_size, size, indirect),
                 itu_baser(TBL_CT, ITU_PS_64K, 0, false));
}

static itu_t *tbl_ct(unsigned page_size, unsigned size, bool indirect) {
  return tbl_new(itu_baser(TBL_DT, ITU_PS_64K, 0, false),
                 itu_baser(TBL_CT, page_size, size, indirect));
}

// DT.n == n: DeviceID n-1 maps (DTE at `base + 8(n-1)`), DeviceID n is DEVICE_OOR.
static void tbl_expect_dt_n(itu_t *t, uint32_t n, uint64_t base) {
  its_step_t st = itu_exec(t, itu_c_mapd(n - 1, 3, 0x700000, true));
  EXPECT_MEM(t, base + 8ull * (n - 1), itu_dte(3, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  st = itu_exec(t, itu_c_mapd(n, 3, 0x700000, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010801);
}

// CT.n == n: ICID n-1 maps, ICID n is COLLECTION_OOR.
static void tbl_expect_ct_n(itu_t *t, uint32_t n, uint64_t base) {
  its_step_t st = itu_exec(t, itu_c_mapc(n - 1, 1, true));
  EXPECT_MEM(t, base + 8ull * (n - 1), itu_cte(1), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  st = itu_exec(t, itu_c_mapc(n, 1, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPC, 0x010903);
}

void test_its_tables_dt_4k(void) {
  itu_t *t = tbl_dt(ITU_PS_4K, 0, false);  // 4096 / 8 = 512 entries
  tbl_expect_dt_n(t, 512, TBL_DT);
  itu_free(t);
}

void test_its_tables_dt_4k_size3(void) {
  itu_t *t = tbl_dt(ITU_PS_4K, 3, false);  // 4 pages: 2048 entries
  tbl_expect_dt_n(t, 2048, TBL_DT);
  itu_free(t);
}

void test_its_tables_dt_16k(void) {
  itu_t *t = tbl_dt(ITU_PS_16K, 0, false);  // 2048 entries
  tbl_expect_dt_n(t, 2048, TBL_DT);
  itu_free(t);
}

void test_its_tables_dt_16k_size1(void) {
  itu_t *t = tbl_dt(ITU_PS_16K, 1, false);  // 4096 entries
  tbl_expect_dt_n(t, 4096, TBL_DT);
  itu_free(t);
}

void test_its_tables_dt_64k(void) {
  itu_t *t = tbl_dt(ITU_PS_64K, 0, false);  // 8192 entries
  tbl_expect_dt_n(t, 8192, TBL_DT);
  itu_free(t);
}

void test_its_tables_dt_page_size3_is_64k(void) {
  itu_t *t = tbl_dt(ITU_PS_64K_ALT, 0, false);
  tbl_expect_dt_n(t, 8192, TBL_DT);
  itu_free(t);
}

void test_its_tables_dt_cap_16bit(void) {
  // 16 x 64 KiB = 131072 entries, capped at 2^(Devbits+1) = 65536.
  itu_t *t = tbl_dt(ITU_PS_64K, 15, false);
  tbl_expect_dt_n(t, 65536, TBL_DT);
  itu_free(t);
}

void test_its_tables_ct_4k(void) {
  itu_t *t = tbl_ct(ITU_PS_4K, 0, false);
  tbl_expect_ct_n(t, 512, TBL_CT);
  itu_free(t);
}

void test_its_tables_ct_16k(void) {
  itu_t *t = tbl_ct(ITU_PS_16K, 0, false);
  tbl_expect_ct_n(t, 2048, TBL_CT);
  itu_free(t);
}

void test_its_tables_ct_64k_size1(void) {
  itu_t *t = tbl_ct(ITU_PS_64K, 1, false);
  tbl_expect_ct_n(t, 16384, TBL_CT);
  itu_free(t);
}

void test_its_tables_ct_capacity_int(void) {
  // INT/MSI bound the ITE's ICID by CT.n too: ICID 511 works, 512 is COLLECTION_OOR.
  itu_t *t = tbl_ct(ITU_PS_4K, 0, false);
  itu_ok(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  itu_ok(t, itu_c_mapc(511, 2, true));
  itu_ok(t, itu_c_mapti(1, 0, 8192, 511));
  its_step_t st = itu_exec(t, itu_c_mapti(1, 1, 8193, 512));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A03);
  itu_poke_ite(t, ITU_ITT(1), 1, itu_ite_lo(8193, 512), ITU_ITE_HI);
  st = itu_exec(t, itu_c_int(1, 0));
  EXPECT_SET(t, 2, 8192);
  EXPECT_OK(t, st, ITS_CMD_INT);
  st = itu_exec(t, itu_c_int(1, 1));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010303);
  itu_free(t);
}

void test_its_tables_dt_capacity_msi(void) {
  itu_t *t = tbl_dt(ITU_PS_4K, 0, false);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 512, 0, NULL, NULL), ITS_OUT_IGNORED);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 512, 0, ITS_OUT_IGNORED, 0x010001);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 511, 0, NULL, NULL), ITS_OUT_IGNORED);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 511, 0, ITS_OUT_IGNORED, 0x010004);
  itu_free(t);
}

void test_its_tables_pa_64k_encoding(void) {
  // 64 KiB pages: BASER[47:16] = PA[47:16], BASER[15:12] = PA[51:48].
  uint64_t pa = 0x000A123456780000ull;
  uint64_t b = itu_baser(pa, ITU_PS_64K, 0, false);
  ASSERT_EQ(b & 0x0000FFFFFFFFF000ull, 0x000012345678A000ull);
  itu_t *t = tbl_new(b, itu_baser(TBL_CT, ITU_PS_64K, 0, false));
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), b | 0x0107000000000000ull);
  its_step_t st = itu_exec(t, itu_c_mapd(3, 7, 0x700000, true));
  EXPECT_MEM(t, pa + 24, itu_dte(7, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_free(t);
}

void test_its_tables_pa_4k(void) {
  // 4 KiB pages: BASER[47:12] = PA[47:12].
  uint64_t pa = 0x0000ABCDEF123000ull;
  itu_t *t = tbl_new(itu_baser(pa, ITU_PS_4K, 0, false),
                     itu_baser(0x0000123456789000ull, ITU_PS_4K, 0, false));
  its_step_t st = itu_exec(t, itu_c_mapd(3, 7, 0x700000, true));
  EXPECT_MEM(t, pa + 24, itu_dte(7, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  st = itu_exec(t, itu_c_mapc(5, 1, true));
  EXPECT_MEM(t, 0x0000123456789000ull + 40, itu_cte(1), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  itu_free(t);
}

void test_its_tables_dt_invalid(void) {
  // BASER.Valid = 0: n = 0, every command using the table is ignored, MSIs are dropped.
  itu_t *t = tbl_new(itu_baser(TBL_DT, ITU_PS_64K, 0, false) & ~ITU_VALID,
                     itu_baser(TBL_CT, ITU_PS_64K, 0, false));
  its_step_t st = itu_exec(t, itu_c_mapd(0, 7, 0x700000, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010801);
  st = itu_exec(t, itu_c_int(0, 0));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010301);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 0, 0, NULL, NULL), ITS_OUT_IGNORED);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 0, 0, ITS_OUT_IGNORED, 0x010001);
  itu_free(t);
}

void test_its_tables_ct_invalid(void) {
  itu_t *t = tbl_new(itu_baser(TBL_DT, ITU_PS_64K, 0, false),
                     itu_baser(TBL_CT, ITU_PS_64K, 0, false) & ~ITU_VALID);
  its_step_t st = itu_exec(t, itu_c_mapc(0, 1, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPC, 0x010903);
  st = itu_exec(t, itu_c_invall(0));
  EXPECT_IGNORED(t, st, ITS_CMD_INVALL, 0x010D03);
  itu_ok(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  st = itu_exec(t, itu_c_mapti(1, 0, 8192, 0));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A03);
  itu_free(t);
}

void test_its_tables_baser_ignored_enabled(void) {
  // BASER writes while enabled are ignored: the tables stay where they were.
  itu_t *t = tbl_dt(ITU_PS_64K, 0, false);
  ITU_WR(t, ITS_GITS_BASER(0), itu_baser(0x900000, ITU_PS_4K, 0, false), 8);
  its_step_t st = itu_exec(t, itu_c_mapd(600, 7, 0x700000, true));  // > 512: old capacity
  EXPECT_MEM(t, TBL_DT + 8 * 600, itu_dte(7, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_free(t);
}

void test_its_tables_rebase_while_disabled(void) {
  // New BASER values take effect after disable, rewrite and enable.
  itu_t *t = tbl_dt(ITU_PS_64K, 0, false);
  itu_enable(t, false);
  ITU_WR(t, ITS_GITS_BASER(0), itu_baser(0x900000, ITU_PS_4K, 0, false), 8);
  itu_enable(t, true);
  its_step_t st = itu_exec(t, itu_c_mapd(600, 7, 0x700000, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010801);
  st = itu_exec(t, itu_c_mapd(5, 7, 0x700000, true));
  EXPECT_MEM(t, 0x900000 + 40, itu_dte(7, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_free(t);
}

void test_its_tables_dte_read_layout(void) {
  // A DTE written straight into memory: [0] V, [5:1] Size, [49:6] ITT_addr[51:8].
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapc(2, 2, true));
  uint64_t itt = 0x000123456789AB00ull;
  test_mem_write(t->mem, ITU_DT_BASE + 8 * 9, itu_dte(1, itt), 8);  // Size 1: 4 events
  itu_poke_ite(t, itt, 3, itu_ite_lo(8300, 2), ITU_ITE_HI);
  its_step_t st = itu_exec(t, itu_c_int(9, 3));
  EXPECT_SET(t, 2, 8300);
  EXPECT_OK(t, st, ITS_CMD_INT);
  st = itu_exec(t, itu_c_int(9, 4));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010305);
  itu_free(t);
}

void test_its_tables_cte_read_layout(void) {
  // A CTE written straight into memory: [0] V, [16:1] RDbase.
  itu_t *t = itu_new(65536);
  itu_config(t, itu_cbaser(ITU_Q_BASE, 15), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
             itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
  itu_enable(t, true);
  itu_ok(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  itu_ok(t, itu_c_mapti(1, 0, 8192, 6));
  test_mem_write(t->mem, ITU_CT_BASE + 48, itu_cte(0xBEEF), 8);
  its_step_t st = itu_exec(t, itu_c_int(1, 0));
  EXPECT_SET(t, 0xBEEF, 8192);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

void test_its_tables_no_cache(void) {
  // Every lookup reads memory: table edits behind the ITS's back are seen at once.
  itu_t *t = itu_mapped();
  test_mem_write(t->mem, ITU_DT_BASE + 8, 0, 8);  // DTE of device 1 invalid
  its_step_t st = itu_exec(t, itu_c_int(1, 5));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010304);
  test_mem_write(t->mem, ITU_DT_BASE + 8, itu_dte(7, ITU_ITT(1)), 8);
  test_mem_write(t->mem, ITU_CT_BASE + 8, itu_cte(3), 8);  // collection 1 now at rd 3
  st = itu_exec(t, itu_c_int(1, 5));
  EXPECT_SET(t, 3, 8200);
  EXPECT_OK(t, st, ITS_CMD_INT);
  itu_free(t);
}

// ---- Two-level (Indirect) tables ----

void test_its_tables_dt_indirect_mapd(void) {
  // 4 KiB pages: 512 DTEs per level-2 page; DeviceID 513 -> L1 entry 1, slot 1.
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  test_mem_write(t->mem, TBL_DT + 8, ITU_VALID | TBL_L2, 8);
  size_t reads = t->reads;
  its_step_t st = itu_exec(t, itu_c_mapd(513, 7, 0x700000, true));
  EXPECT_MEM(t, TBL_L2 + 8, itu_dte(7, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  ASSERT_EQ(t->reads - reads, 5);  // fetch + L1 entry
  itu_free(t);
}

void test_its_tables_dt_indirect_lookup(void) {
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  test_mem_write(t->mem, TBL_DT + 8, ITU_VALID | TBL_L2, 8);
  itu_ok(t, itu_c_mapd(513, 7, ITU_ITT(1), true));
  itu_ok(t, itu_c_mapc(2, 2, true));
  itu_ok(t, itu_c_mapti(513, 4, 8200, 2));
  its_step_t st = itu_exec(t, itu_c_int(513, 4));
  EXPECT_SET(t, 2, 8200);
  EXPECT_OK(t, st, ITS_CMD_INT);
  size_t reads = t->reads;
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 513, 4, NULL, NULL), ITS_OUT_OK);
  EXPECT_SET(t, 2, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 513, 4, ITS_OUT_OK, 0);
  ASSERT_EQ(t->reads - reads, 5);  // L1 + DTE + ITE (2) + CTE
  itu_free(t);
}

void test_its_tables_dt_indirect_invalid_l1_mapd(void) {
  // An invalid L1 entry makes MAPD a silent no-op that still succeeds (spec section 3.3).
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  its_step_t st = itu_exec(t, itu_c_mapd(513, 7, 0x700000, true));
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  ASSERT_EQ(t->writes, 0);
  itu_free(t);
}

void test_its_tables_dt_indirect_invalid_l1_lookup(void) {
  // A lookup through an invalid L1 entry fails like DTE.V = 0 (EE 04).
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  itu_ok(t, itu_c_mapc(2, 2, true));
  its_step_t st = itu_exec(t, itu_c_int(513, 4));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010304);
  st = itu_exec(t, itu_c_mapti(513, 4, 8200, 2));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPTI, 0x010A04);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 513, 4, NULL, NULL), ITS_OUT_IGNORED);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 513, 4, ITS_OUT_IGNORED, 0x010004);
  itu_free(t);
}

void test_its_tables_dt_indirect_64k(void) {
  // 64 KiB pages: 8192 DTEs per level-2 page; DeviceID 8195 -> L1 entry 1, slot 3.
  itu_t *t = tbl_dt(ITU_PS_64K, 0, true);
  test_mem_write(t->mem, TBL_DT + 8, ITU_VALID | TBL_L2, 8);
  its_step_t st = itu_exec(t, itu_c_mapd(8195, 7, 0x700000, true));
  EXPECT_MEM(t, TBL_L2 + 24, itu_dte(7, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_free(t);
}

void test_its_tables_dt_indirect_capacity(void) {
  // 4 KiB, Size 0: (4096/8) x (4096/8) = 262144, capped at 65536. 65535 -> L1 entry 127.
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  test_mem_write(t->mem, TBL_DT + 8 * 127, ITU_VALID | TBL_L2, 8);
  its_step_t st = itu_exec(t, itu_c_mapd(65535, 7, 0x700000, true));
  EXPECT_MEM(t, TBL_L2 + 8 * 511, itu_dte(7, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  st = itu_exec(t, itu_c_mapd(65536, 7, 0x700000, true));
  EXPECT_IGNORED(t, st, ITS_CMD_MAPD, 0x010801);
  itu_free(t);
}

void test_its_tables_dt_indirect_l1_fault(void) {
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  test_mem_add_fault(t->mem, TBL_DT + 8, TBL_DT + 16);
  its_step_t st = itu_exec(t, itu_c_mapd(513, 7, 0x700000, true));
  EXPECT_STALLED(t, st, ITS_CMD_MAPD);
  ASSERT_EQ(t->writes, 0);
  itu_free(t);
}

void test_its_tables_dt_indirect_l1_fault_msi(void) {
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  test_mem_add_fault(t->mem, TBL_DT + 8, TBL_DT + 16);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 513, 4, NULL, NULL), ITS_OUT_FAULT);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 513, 4, ITS_OUT_FAULT, 0);
  EXPECT_NONE(t);
  ASSERT_EQ(itu_creadr(t), 0);
  itu_free(t);
}

void test_its_tables_ct_indirect(void) {
  // ICID 600 with 4 KiB pages -> L1 entry 1, slot 88.
  itu_t *t = tbl_ct(ITU_PS_4K, 0, true);
  test_mem_write(t->mem, TBL_CT + 8, ITU_VALID | TBL_L2, 8);
  its_step_t st = itu_exec(t, itu_c_mapc(600, 3, true));
  EXPECT_MEM(t, TBL_L2 + 8 * 88, itu_cte(3), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  st = itu_exec(t, itu_c_invall(600));
  EXPECT_INVALL(t, 3);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  itu_free(t);
}

void test_its_tables_ct_indirect_invalid_l1(void) {
  // MAPC through an invalid L1 entry is dropped (an update is dropped, spec section 4);
  // lookups through it fail like CTE.V = 0 (EE 09).
  itu_t *t = tbl_ct(ITU_PS_4K, 0, true);
  its_step_t st = itu_exec(t, itu_c_mapc(600, 3, true));
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  ASSERT_EQ(t->writes, 0);
  st = itu_exec(t, itu_c_invall(600));
  EXPECT_IGNORED(t, st, ITS_CMD_INVALL, 0x010D09);
  itu_ok(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  itu_ok(t, itu_c_mapti(1, 0, 8192, 600));
  st = itu_exec(t, itu_c_int(1, 0));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010309);
  itu_free(t);
}

void test_its_tables_ct_indirect_capacity(void) {
  // 64 KiB, Size 0 indirect: 8192 x 8192, capped at 2^(CIDbits+1) = 65536: ICID 65535 is valid.
  itu_t *t = tbl_ct(ITU_PS_64K, 0, true);
  test_mem_write(t->mem, TBL_CT + 8 * 7, ITU_VALID | TBL_L2, 8);
  its_step_t st = itu_exec(t, itu_c_mapc(65535, 1, true));
  EXPECT_MEM(t, TBL_L2 + 8 * 8191, itu_cte(1), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  itu_free(t);
}

void test_its_tables_l1_pa_mask(void) {
  // The level-1 entry: [63] Valid and the level-2 PA; bits [62:52] are not address bits.
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  test_mem_write(t->mem, TBL_DT + 8, ITU_VALID | (0x7FFull << 52) | TBL_L2, 8);
  its_step_t st = itu_exec(t, itu_c_mapd(513, 7, 0x700000, true));
  EXPECT_MEM(t, TBL_L2 + 8, itu_dte(7, 0x700000), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_free(t);
}

void test_its_tables_l1_pa_unaligned(void) {
  // The level-2 PA is used as written, unaligned too (QEMU masks [50:0] only): DeviceID 513's
  // DTE at L2 + 3 + 8 straddles two beats, written with the enables of its lanes (be F8, 07)
  // and read back from both beats by a lookup (docs/interfaces.md section 2).
  itu_t *t = tbl_dt(ITU_PS_4K, 0, true);
  test_mem_write(t->mem, TBL_DT + 8, ITU_VALID | (TBL_L2 + 3), 8);
  uint64_t dte = itu_dte(7, ITU_ITT(1));
  its_step_t st = itu_exec(t, itu_c_mapd(513, 7, ITU_ITT(1), true));
  EXPECT_MEM(t, TBL_L2 + 8, dte << 24, 0xF8);
  EXPECT_MEM(t, TBL_L2 + 16, dte >> 40, 0x07);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  itu_ok(t, itu_c_mapc(2, 2, true));
  itu_ok(t, itu_c_mapti(513, 4, 8200, 2));
  size_t reads = t->reads;
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 513, 4, NULL, NULL), ITS_OUT_OK);
  EXPECT_SET(t, 2, 8200);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 513, 4, ITS_OUT_OK, 0);
  ASSERT_EQ(t->reads - reads, 6);  // L1 + DTE (2 beats) + ITE (2) + CTE
  itu_free(t);
}

void test_its_tables_ct_valid_dt_invalid(void) {
  // An invalid BASER0 does not hide a valid BASER1 (spec section 7, pitfall 8).
  itu_t *t = tbl_new(itu_baser(TBL_DT, ITU_PS_64K, 0, false) & ~ITU_VALID,
                     itu_baser(TBL_CT, ITU_PS_4K, 0, false));
  tbl_expect_ct_n(t, 512, TBL_CT);
  itu_free(t);
}

void test_its_tables_dte_size31(void) {
  // A DTE with Size = 31 (written into memory; MAPD cannot make one) covers all 2^32
  // EventIDs: the range must be computed in 64 bits (spec section 7, pitfall 7).
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapc(2, 2, true));
  uint64_t itt = 0x0000100000000000ull;
  test_mem_write(t->mem, ITU_DT_BASE + 8 * 9, itu_dte(31, itt), 8);
  itu_poke_ite(t, itt, 0x10, itu_ite_lo(8300, 2), ITU_ITE_HI);
  itu_poke_ite(t, itt, 0xFFFFFFFFu, itu_ite_lo(8301, 2), ITU_ITE_HI);
  its_step_t st = itu_exec(t, itu_c_int(9, 0x10));
  EXPECT_SET(t, 2, 8300);
  EXPECT_OK(t, st, ITS_CMD_INT);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 9, 0xFFFFFFFFu, NULL, NULL), ITS_OUT_OK);
  EXPECT_SET(t, 2, 8301);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 9, 0xFFFFFFFFu, ITS_OUT_OK, 0);
  itu_free(t);
}

// SPDX-License-Identifier: Apache-2.0
// Acceptance flows of spec/its.md section 8: kvm-unit-tests its-* (as far as the ITS is
// concerned: the redistributor events it sends) and the Linux driver flows.
#include "test_its_util.h"

#define FLOW_ITT_A 0x03000000ull  // kvm-unit-tests device 2
#define FLOW_ITT_B 0x03010000ull  // kvm-unit-tests device 7
#define FLOW_PROP 0x04000000ull   // LPI configuration table (only the test touches it)
#define FLOW_L1 0x05000000ull     // Linux: level-1 device table
#define FLOW_L2 0x05100000ull     // Linux: level-2 page for DeviceIDs 0..8191
#define FLOW_LCT 0x05200000ull    // Linux: collection table
#define FLOW_LQ 0x05300000ull     // Linux: command queue
#define FLOW_LITT 0x05400000ull   // Linux: the device's ITT
#define FLOW_LDEV 0x10u           // Linux: the PCI device's DeviceID

// ---- kvm-unit-tests ----

void test_its_flow_kut_introspection(void) {
  itu_t *t = itu_new(4);
  uint64_t iidr = itu_rd(t, ITS_GITS_CTLR) >> 32;
  uint64_t typer = itu_rd(t, ITS_GITS_TYPER);
  ITU_WR(t, ITS_GITS_IIDR, ~iidr, 4);
  ITU_WR(t, ITS_GITS_TYPER, ~typer, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR) >> 32, iidr);
  ASSERT_EQ(itu_rd(t, ITS_GITS_TYPER), typer);
  ASSERT_EQ(typer & 1u, 1u);                 // Physical
  ASSERT_NE((typer >> 8) & 0x1Fu, 0);        // ID_bits
  ASSERT_NE((typer >> 13) & 0x1Fu, 0);       // Devbits
  ASSERT_NE((typer >> 32) & 0xFu, 0);        // CIDbits
  ASSERT_EQ((typer >> 4) & 0xFu, 12u - 1u);  // ITT entry size
  int dev_baser = -1;
  int col_baser = -1;
  for (int n = 0; n < 8; n++) {
    uint64_t b = itu_rd(t, ITS_GITS_BASER((unsigned)n));
    unsigned type = (unsigned)(b >> 56) & 7u;
    if (type == 1 && dev_baser < 0) {
      dev_baser = n;
      ASSERT_EQ(((b >> 48) & 0x1Fu) + 1u, 8u);  // Entry_Size: 8 bytes
    } else if (type == 4 && col_baser < 0) {
      col_baser = n;
      ASSERT_EQ(((b >> 48) & 0x1Fu) + 1u, 8u);
    } else {
      ASSERT_EQ(type, 0);
    }
  }
  ASSERT_EQ(dev_baser, 0);
  ASSERT_EQ(col_baser, 1);
  itu_free(t);
}

// The its-trigger set-up (spec section 8.2), with every memory write and event checked.
static itu_t *flow_kut_setup(void) {
  itu_t *t = itu_std();
  test_mem_write(t->mem, FLOW_PROP + 3, 0xA3, 1);  // LPI 8195
  test_mem_write(t->mem, FLOW_PROP + 4, 0xA3, 1);  // LPI 8196
  its_step_t st = itu_exec(t, itu_c_mapd(2, 7, FLOW_ITT_A, true));
  EXPECT_MEM(t, ITU_DT_BASE + 16, itu_dte(7, FLOW_ITT_A), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  st = itu_exec(t, itu_c_mapd(7, 7, FLOW_ITT_B, true));
  EXPECT_MEM(t, ITU_DT_BASE + 56, itu_dte(7, FLOW_ITT_B), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  st = itu_exec(t, itu_c_mapc(3, 3, true));
  EXPECT_MEM(t, ITU_CT_BASE + 24, itu_cte(3), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  st = itu_exec(t, itu_c_mapc(2, 2, true));
  EXPECT_MEM(t, ITU_CT_BASE + 16, itu_cte(2), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  st = itu_exec(t, itu_c_invall(2));
  EXPECT_INVALL(t, 2);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  st = itu_exec(t, itu_c_invall(3));
  EXPECT_INVALL(t, 3);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  st = itu_exec(t, itu_c_mapti(2, 20, 8195, 3));
  EXPECT_ITE(t, FLOW_ITT_A, 20, itu_ite_lo(8195, 3), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  st = itu_exec(t, itu_c_mapti(7, 255, 8196, 2));
  EXPECT_ITE(t, FLOW_ITT_B, 255, itu_ite_lo(8196, 2), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  return t;
}

static void flow_int(itu_t *t, uint32_t dev, uint32_t ev, uint32_t rd, uint32_t intid) {
  its_step_t st = itu_exec(t, itu_c_int(dev, ev));
  EXPECT_SET(t, rd, intid);
  EXPECT_OK(t, st, ITS_CMD_INT);
}

void test_its_flow_kut_trigger(void) {
  itu_t *t = flow_kut_setup();
  flow_int(t, 2, 20, 3, 8195);   // PE3 only
  flow_int(t, 7, 255, 2, 8196);  // PE2 only
  // Disable LPI 8195 in the config table and INV: the ITS still sets it pending.
  test_mem_write(t->mem, FLOW_PROP + 3, 0xA2, 1);
  its_step_t st = itu_exec(t, itu_c_inv(2, 20));
  EXPECT_INV(t, 3, 8195);
  EXPECT_OK(t, st, ITS_CMD_INV);
  flow_int(t, 2, 20, 3, 8195);
  // Enable again; INT; INVALL makes PE3 re-read the config; another INT.
  test_mem_write(t->mem, FLOW_PROP + 3, 0xA3, 1);
  flow_int(t, 2, 20, 3, 8195);
  st = itu_exec(t, itu_c_invall(3));
  EXPECT_INVALL(t, 3);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  flow_int(t, 2, 20, 3, 8195);
  // Unmap device 2: INT fails at the DTE.
  st = itu_exec(t, itu_c_mapd(2, 7, FLOW_ITT_A, false));
  EXPECT_MEM(t, ITU_DT_BASE + 16, 0, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  st = itu_exec(t, itu_c_int(2, 20));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010304);
  flow_int(t, 7, 255, 2, 8196);
  itu_free(t);
}

// Migration: save the registers, reset the model (the tables stay in memory), restore the
// registers and re-enable. The queue restarts at offset 0.
static void flow_migrate(itu_t *t) {
  uint64_t cbaser = itu_rd(t, ITS_GITS_CBASER);
  uint64_t baser0 = itu_rd(t, ITS_GITS_BASER(0));
  uint64_t baser1 = itu_rd(t, ITS_GITS_BASER(1));
  ASSERT_EQ(its_event_count(t->its), 0);
  its_reset(t->its);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR) & 1u, 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CREADR), 0);
  ITU_WR(t, ITS_GITS_BASER(0), baser0, 8);
  ITU_WR(t, ITS_GITS_BASER(1), baser1, 8);
  ITU_WR(t, ITS_GITS_CBASER, cbaser, 8);
  ITU_WR(t, ITS_GITS_CWRITER, 0, 8);
  t->wr = 0;
  itu_enable(t, true);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), baser0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), baser1);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), cbaser);
}

void test_its_flow_kut_migration(void) {
  itu_t *t = flow_kut_setup();
  flow_int(t, 2, 20, 3, 8195);
  flow_migrate(t);
  flow_int(t, 2, 20, 3, 8195);
  flow_int(t, 7, 255, 2, 8196);
  ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 7, 255, NULL, NULL), ITS_OUT_OK);
  EXPECT_SET(t, 2, 8196);
  EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 7, 255, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_flow_kut_migrate_unmapped_collection(void) {
  itu_t *t = flow_kut_setup();
  // MAPTI to collection 0 before MAPC 0: accepted.
  its_step_t st = itu_exec(t, itu_c_mapti(2, 0, 8192, 0));
  EXPECT_ITE(t, FLOW_ITT_A, 0, itu_ite_lo(8192, 0), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  st = itu_exec(t, itu_c_int(2, 0));
  EXPECT_IGNORED(t, st, ITS_CMD_INT, 0x010309);
  flow_migrate(t);
  st = itu_exec(t, itu_c_mapc(0, 0, true));
  EXPECT_MEM(t, ITU_CT_BASE, itu_cte(0), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPC);
  st = itu_exec(t, itu_c_invall(0));
  EXPECT_INVALL(t, 0);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  flow_int(t, 7, 255, 2, 8196);
  flow_int(t, 2, 0, 0, 8192);
  itu_free(t);
}

void test_its_flow_kut_pending_migration(void) {
  // 256 LPIs (8192..8447) of one device, interleaved over collections 0 (PE3) and 1 (PE2).
  // The pending bits themselves live in the redistributors; the ITS part is the mapping.
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(2, 7, FLOW_ITT_A, true));
  itu_ok(t, itu_c_mapc(0, 3, true));
  itu_ok(t, itu_c_mapc(1, 2, true));
  for (uint32_t i = 0; i < 256; i++) {
    its_step_t st = itu_exec(t, itu_c_mapti(2, i, 8192 + i, i % 2u));
    EXPECT_ITE(t, FLOW_ITT_A, i, itu_ite_lo(8192 + i, i % 2u), ITU_ITE_HI);
    EXPECT_OK(t, st, ITS_CMD_MAPTI);
  }
  flow_migrate(t);
  its_step_t st = itu_exec(t, itu_c_invall(0));
  EXPECT_INVALL(t, 3);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  st = itu_exec(t, itu_c_invall(1));
  EXPECT_INVALL(t, 2);
  EXPECT_OK(t, st, ITS_CMD_INVALL);
  unsigned per_rd[4] = {0, 0, 0, 0};
  for (uint32_t i = 0; i < 256; i++) {
    uint32_t rd = 0xFFFF;
    uint32_t intid = 0;
    ASSERT_EQ(its_translate(t->its, ITS_RT_MSI, 2, i, &rd, &intid), ITS_OUT_OK);
    ASSERT_EQ(rd, (i % 2u) ? 2u : 3u);
    ASSERT_EQ(intid, 8192 + i);
    EXPECT_SET(t, rd, 8192 + i);
    EXPECT_RETIRE_MSI(t, ITS_RT_MSI, 2, i, ITS_OUT_OK, 0);
    per_rd[rd]++;
  }
  ASSERT_EQ(per_rd[2], 128);
  ASSERT_EQ(per_rd[3], 128);
  itu_free(t);
}

// ---- Linux driver flows ----

// Boot (spec section 8.6): probe the BASERs, 64 KiB queue, enable, then per CPU MAPC + SYNC and
// INVALL. Device table: two-level with 64 KiB pages; collection table flat.
static itu_t *flow_linux_boot(void) {
  itu_t *t = itu_new(4);
  uint64_t b0 = itu_baser(FLOW_L1, ITU_PS_64K, 0, true) | (1ull << 10) | (7ull << 59);
  uint64_t b1 = itu_baser(FLOW_LCT, ITU_PS_64K, 0, false) | (1ull << 10) | (7ull << 59);
  ASSERT_EQ((itu_rd(t, ITS_GITS_BASER(0)) >> 56) & 7u, 1u);  // Device
  ASSERT_EQ((itu_rd(t, ITS_GITS_BASER(1)) >> 56) & 7u, 4u);  // Collection
  ITU_WR(t, ITS_GITS_BASER(0), b0, 8);
  ITU_WR(t, ITS_GITS_BASER(1), b1, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), b0 | 0x0107000000000000ull);  // Page_Size, Indirect
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), b1 | 0x0407000000000000ull);
  for (unsigned n = 2; n < 8; n++) {
    ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(n)), 0);
  }
  uint64_t cb = itu_cbaser(FLOW_LQ, 15) | (1ull << 10) | (7ull << 59);
  ITU_WR(t, ITS_GITS_CBASER, cb, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), cb);
  t->q_base = FLOW_LQ;
  t->q_size = 0x10000;
  t->wr = 0;
  ITU_WR(t, ITS_GITS_CWRITER, 0, 8);
  itu_enable(t, true);
  for (uint32_t cpu = 0; cpu < 4; cpu++) {
    itu_push(t, itu_c_mapc(cpu, cpu, true));
    itu_push(t, itu_c_sync(cpu));
    itu_kick(t);
    ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
    ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
    EXPECT_MEM(t, FLOW_LCT + 8 * cpu, itu_cte(cpu), 0xFF);
    EXPECT_RETIRE_AT(t, t->last - 32, ITS_CMD_MAPC, ITS_OUT_OK, 0);
    EXPECT_SYNC(t, cpu);
    EXPECT_RETIRE(t, ITS_CMD_SYNC, ITS_OUT_OK, 0);
    its_step_t st = itu_exec(t, itu_c_invall(cpu));
    EXPECT_INVALL(t, cpu);
    EXPECT_OK(t, st, ITS_CMD_INVALL);
  }
  ASSERT_EQ(itu_creadr(t), 12u * 32u);
  return t;
}

// MSI setup (spec section 8.7) of device FLOW_LDEV with 3 vectors (4 ITEs: Size 1); vector i
// is LPI 8224 + i on CPU i.
static void flow_linux_msi_setup(itu_t *t) {
  test_mem_write(t->mem, FLOW_L1, ITU_VALID | FLOW_L2, 8);  // level-2 page for the device
  its_step_t st = itu_exec(t, itu_c_mapd(FLOW_LDEV, 1, FLOW_LITT, true));
  EXPECT_MEM(t, FLOW_L2 + 8 * FLOW_LDEV, itu_dte(1, FLOW_LITT), 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  for (uint32_t i = 0; i < 3; i++) {
    itu_push(t, itu_c_mapti(FLOW_LDEV, i, 8224 + i, i));
    itu_push(t, itu_c_sync(i));
    itu_kick(t);
    ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
    ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
    EXPECT_ITE(t, FLOW_LITT, i, itu_ite_lo(8224 + i, i), ITU_ITE_HI);
    EXPECT_RETIRE_AT(t, t->last - 32, ITS_CMD_MAPTI, ITS_OUT_OK, 0);
    EXPECT_SYNC(t, i);
    EXPECT_RETIRE(t, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  }
}

static void flow_msi(itu_t *t, uint32_t ev, uint32_t rd, uint32_t intid) {
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, ev, 4, FLOW_LDEV), ITS_OK);
  EXPECT_SET(t, rd, intid);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, FLOW_LDEV, ev, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
}

// Two commands pushed together and run: the first's events, then a SYNC to `rd`.
static void flow_expect_sync_after(itu_t *t, uint32_t rd) {
  EXPECT_SYNC(t, rd);
  EXPECT_RETIRE(t, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
}

static void flow_run2(itu_t *t, itu_cmd_t c, uint32_t sync_rd) {
  itu_push(t, c);
  itu_push(t, itu_c_sync(sync_rd));
  itu_kick(t);
  ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
  ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
}

void test_its_flow_linux_boot(void) {
  itu_t *t = flow_linux_boot();
  EXPECT_NONE(t);
  ASSERT_EQ(itu_creadr(t) & ITU_CREADR_STALLED, 0);
  itu_free(t);
}

void test_its_flow_linux_msi_setup(void) {
  itu_t *t = flow_linux_boot();
  flow_linux_msi_setup(t);
  flow_msi(t, 0, 0, 8224);
  flow_msi(t, 1, 1, 8225);
  flow_msi(t, 2, 2, 8226);
  // Event 3 is inside the ITT (4 entries) but not mapped; event 4 is outside.
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 3, 4, FLOW_LDEV), ITS_OK);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, FLOW_LDEV, 3, ITS_OUT_IGNORED, 0x010007);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 4, 4, FLOW_LDEV), ITS_OK);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, FLOW_LDEV, 4, ITS_OUT_IGNORED, 0x010005);
  itu_free(t);
}

void test_its_flow_linux_mask_unmask(void) {
  itu_t *t = flow_linux_boot();
  flow_linux_msi_setup(t);
  // Mask: clear the Enable bit of LPI 8225, INV + SYNC.
  test_mem_write(t->mem, FLOW_PROP + 33, 0xA2, 1);
  flow_run2(t, itu_c_inv(FLOW_LDEV, 1), 1);
  EXPECT_INV(t, 1, 8225);
  EXPECT_RETIRE_AT(t, t->last - 32, ITS_CMD_INV, ITS_OUT_OK, 0);
  flow_expect_sync_after(t, 1);
  // The MSI is still translated (the redistributor holds it pending).
  flow_msi(t, 1, 1, 8225);
  // Unmask.
  test_mem_write(t->mem, FLOW_PROP + 33, 0xA3, 1);
  flow_run2(t, itu_c_inv(FLOW_LDEV, 1), 1);
  EXPECT_INV(t, 1, 8225);
  EXPECT_RETIRE_AT(t, t->last - 32, ITS_CMD_INV, ITS_OUT_OK, 0);
  flow_expect_sync_after(t, 1);
  flow_msi(t, 1, 1, 8225);
  itu_free(t);
}

void test_its_flow_linux_affinity(void) {
  itu_t *t = flow_linux_boot();
  flow_linux_msi_setup(t);
  flow_msi(t, 0, 0, 8224);  // pending at CPU 0
  // Move vector 0 to CPU 3: the pending state follows (MOVE event), then the ITE is rewritten.
  flow_run2(t, itu_c_movi(FLOW_LDEV, 0, 3), 3);
  EXPECT_MOVE(t, 0, 3, 8224);
  EXPECT_ITE(t, FLOW_LITT, 0, itu_ite_lo(8224, 3), ITU_ITE_HI);
  EXPECT_RETIRE_AT(t, t->last - 32, ITS_CMD_MOVI, ITS_OUT_OK, 0);
  flow_expect_sync_after(t, 3);
  flow_msi(t, 0, 3, 8224);
  // CPU hot-unplug style: MOVALL of CPU 1's pending LPIs to CPU 2.
  flow_run2(t, itu_c_movall(1, 2), 2);
  EXPECT_MOVALL(t, 1, 2);
  EXPECT_RETIRE_AT(t, t->last - 32, ITS_CMD_MOVALL, ITS_OUT_OK, 0);
  flow_expect_sync_after(t, 2);
  itu_free(t);
}

void test_its_flow_linux_teardown(void) {
  itu_t *t = flow_linux_boot();
  flow_linux_msi_setup(t);
  for (uint32_t i = 0; i < 3; i++) {
    flow_run2(t, itu_c_discard(FLOW_LDEV, i), i);
    EXPECT_CLEAR(t, i, 8224 + i);
    EXPECT_ITE(t, FLOW_LITT, i, 0, 0);
    EXPECT_RETIRE_AT(t, t->last - 32, ITS_CMD_DISCARD, ITS_OUT_OK, 0);
    flow_expect_sync_after(t, i);
  }
  its_step_t st = itu_exec(t, itu_c_mapd(FLOW_LDEV, 1, FLOW_LITT, false));
  EXPECT_MEM(t, FLOW_L2 + 8 * FLOW_LDEV, 0, 0xFF);
  EXPECT_OK(t, st, ITS_CMD_MAPD);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER, 0, 4, FLOW_LDEV), ITS_OK);
  EXPECT_RETIRE_MSI(t, ITS_RT_TRANSLATER, FLOW_LDEV, 0, ITS_OUT_IGNORED, 0x010004);
  EXPECT_NONE(t);
  itu_free(t);
}

void test_its_flow_linux_queue_wrap(void) {
  // More than 2048 commands in bursts of INV + SYNC, never filling the last free slot.
  itu_t *t = flow_linux_boot();
  flow_linux_msi_setup(t);
  uint32_t off = itu_creadr(t);
  for (unsigned burst = 0; burst < 30; burst++) {
    for (unsigned i = 0; i < 50; i++) {
      itu_push(t, itu_c_inv(FLOW_LDEV, i % 3u));
      itu_push(t, itu_c_sync(i % 3u));
    }
    itu_kick(t);
    ASSERT_EQ(its_run(t->its, 1000), 100);
    for (unsigned i = 0; i < 50; i++) {
      EXPECT_INV(t, i % 3u, 8224 + i % 3u);
      EXPECT_RETIRE_AT(t, off, ITS_CMD_INV, ITS_OUT_OK, 0);
      off = (off + 32u) % 0x10000u;
      EXPECT_SYNC(t, i % 3u);
      EXPECT_RETIRE_AT(t, off, ITS_CMD_SYNC, ITS_OUT_OK, 0);
      off = (off + 32u) % 0x10000u;
    }
    EXPECT_NONE(t);
    ASSERT_EQ(itu_creadr(t), off);
  }
  // 12 + 7 + 3000 commands: CREADR wrapped once.
  ASSERT_EQ(itu_creadr(t), ((12u + 7u + 3000u) * 32u) % 0x10000u);
  flow_msi(t, 2, 2, 8226);
  itu_free(t);
}

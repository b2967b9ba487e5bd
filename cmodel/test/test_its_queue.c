// SPDX-License-Identifier: Apache-2.0
// ITS command queue rules: ring, wrap, Enabled, CBASER/CWRITER effects (spec/its.md section 2,
// docs/interfaces.md section 3.4, IMPDEF-ITS-4).
#include "test_its_util.h"

// Pushes `n` SYNC commands (rd = i mod 4) and kicks once.
static void queue_push_syncs(itu_t *t, unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    itu_push(t, itu_c_sync(i % 4u));
  }
  itu_kick(t);
}

// Expects the events of `n` SYNCs starting at queue offset `off` with rd starting at `rd0`.
static void queue_expect_syncs(itu_t *t, uint32_t off, unsigned rd0, unsigned n) {
  for (unsigned i = 0; i < n; i++) {
    EXPECT_SYNC(t, (rd0 + i) % 4u);
    EXPECT_RETIRE_AT(t, off, ITS_CMD_SYNC, ITS_OUT_OK, 0);
    off = (off + 32u) % t->q_size;
  }
  EXPECT_NONE(t);
}

void test_its_queue_empty_idle(void) {
  itu_t *t = itu_std();
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  ASSERT_EQ(its_run(t->its, 100), 0);
  EXPECT_NONE(t);
  ASSERT_EQ(t->reads, 0);
  itu_free(t);
}

void test_its_queue_one_command(void) {
  itu_t *t = itu_std();
  its_step_t st = itu_exec(t, itu_c_sync(2));
  EXPECT_SYNC(t, 2);
  EXPECT_OK(t, st, ITS_CMD_SYNC);
  ASSERT_EQ(itu_creadr(t), 0x20);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  EXPECT_NONE(t);
  itu_free(t);
}

void test_its_queue_fetch_four_beats(void) {
  // A command fetch is 4 read beats; SYNC reads nothing else (docs/interfaces.md section 2).
  itu_t *t = itu_std();
  itu_exec(t, itu_c_sync(0));
  ASSERT_EQ(t->reads, 4);
  ASSERT_EQ(t->writes, 0);
  itu_free(t);
}

void test_its_queue_in_order(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 3);
  ASSERT_EQ(its_run(t->its, 10), 3);
  queue_expect_syncs(t, 0, 0, 3);
  ASSERT_EQ(itu_creadr(t), 0x60);
  itu_free(t);
}

void test_its_queue_run_max(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 5);
  ASSERT_EQ(its_run(t->its, 2), 2);
  ASSERT_EQ(itu_creadr(t), 0x40);
  queue_expect_syncs(t, 0, 0, 2);
  ASSERT_EQ(its_run(t->its, 100), 3);
  queue_expect_syncs(t, 0x40, 2, 3);
  ASSERT_EQ(itu_creadr(t), 0xA0);
  itu_free(t);
}

void test_its_queue_wrap_64k(void) {
  // Linux queue: 64 KiB, 2048 slots; more than 2048 commands wrap CREADR to 0.
  itu_t *t = itu_std();
  uint32_t off = 0;
  unsigned total = 0;
  for (int batch = 0; batch < 3; batch++) {
    queue_push_syncs(t, 1000);
    ASSERT_EQ(its_run(t->its, 5000), 1000);
    queue_expect_syncs(t, off, 0, 1000);
    total += 1000;
    off = (uint32_t)((total * 32u) % ITU_Q_SIZE);
    ASSERT_EQ(itu_creadr(t), off);
  }
  ASSERT_EQ(itu_creadr(t), (3000u * 32u) % 0x10000u);
  itu_free(t);
}

void test_its_queue_last_slot_wraps_to_0(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 2047);  // full: one slot stays free
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0xFFE0);
  ASSERT_EQ(its_run(t->its, 5000), 2047);
  queue_expect_syncs(t, 0, 0, 2047);
  ASSERT_EQ(itu_creadr(t), 0xFFE0);
  // The slot at 0xFFE0 is the last one: CREADR wraps to 0 after it.
  its_step_t st = itu_exec(t, itu_c_sync(3));
  ASSERT_EQ(t->last, 0xFFE0);
  EXPECT_SYNC(t, 3);
  EXPECT_OK(t, st, ITS_CMD_SYNC);
  ASSERT_EQ(itu_creadr(t), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0);
  itu_free(t);
}

void test_its_queue_wrap_4k(void) {
  // CBASER.Size = 0: a 4 KiB queue of 128 slots.
  itu_t *t = itu_new(4);
  itu_config(t, itu_cbaser(0x40000, 0), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
             itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
  itu_enable(t, true);
  queue_push_syncs(t, 100);
  ASSERT_EQ(its_run(t->its, 500), 100);
  queue_expect_syncs(t, 0, 0, 100);
  queue_push_syncs(t, 50);
  ASSERT_EQ(its_run(t->its, 500), 50);
  queue_expect_syncs(t, 100u * 32u, 0, 50);  // up to 0xFE0, then from 0
  ASSERT_EQ(itu_creadr(t), 22u * 32u);
  itu_free(t);
}

void test_its_queue_size_8k(void) {
  itu_t *t = itu_new(4);
  itu_config(t, itu_cbaser(0x40000, 1), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
             itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
  itu_enable(t, true);
  queue_push_syncs(t, 255);
  ASSERT_EQ(its_run(t->its, 500), 255);
  itu_drain(t);
  ASSERT_EQ(itu_creadr(t), 0x1FE0);
  queue_push_syncs(t, 2);
  ASSERT_EQ(its_run(t->its, 500), 2);
  EXPECT_SYNC(t, 0);
  EXPECT_RETIRE_AT(t, 0x1FE0, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_SYNC(t, 1);
  EXPECT_RETIRE_AT(t, 0, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  ASSERT_EQ(itu_creadr(t), 0x20);
  itu_free(t);
}

void test_its_queue_high_pa(void) {
  // CBASER.Physical_Address is [51:12].
  itu_t *t = itu_new(4);
  itu_config(t, itu_cbaser(0x000FEDCBA9876000ull, 0), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
             itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0x800FEDCBA9876000ull);
  itu_enable(t, true);
  its_step_t st = itu_exec(t, itu_c_sync(1));
  EXPECT_SYNC(t, 1);
  EXPECT_OK(t, st, ITS_CMD_SYNC);
  itu_free(t);
}

// Every bit of CBASER.Physical_Address [51:12] places the queue (spec/its.md section 1): a
// SYNC at a base with only that bit set runs from there.
void test_its_queue_pa_every_bit(void) {
  for (unsigned b = 12; b <= 51; b++) {
    itu_t *t = itu_new(4);
    itu_config(t, itu_cbaser(1ull << b, 0), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
               itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
    ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), ITU_VALID | (1ull << b));
    itu_enable(t, true);
    its_step_t st = itu_exec(t, itu_c_sync(2));
    EXPECT_SYNC(t, 2);
    EXPECT_OK(t, st, ITS_CMD_SYNC);
    itu_free(t);
  }
}

// Every bit of CBASER.Size [7:0] counts (spec/its.md section 2: N = (Size + 1) pages): with
// Size = 2^b, the last slot of the queue is a valid CWRITER and runs the command at 0; the
// queue size itself is out of range (IMPDEF-ITS-4), up to the 1 MiB a CWRITER offset reaches.
void test_its_queue_size_every_bit(void) {
  for (unsigned b = 0; b < 8; b++) {
    unsigned size = 1u << b;
    uint64_t bytes = 4096ull * (size + 1);
    itu_t *t = itu_new(4);
    itu_config(t, itu_cbaser(0x40000, size), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
               itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
    itu_enable(t, true);
    itu_push(t, itu_c_sync(3));
    if (bytes <= 0xFFFE0) {
      ITU_WR(t, ITS_GITS_CWRITER, bytes, 8);
      ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
      ASSERT_EQ(t->reads, 0);
    }
    ITU_WR(t, ITS_GITS_CWRITER, bytes - 32, 8);
    ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
    EXPECT_SYNC(t, 3);
    EXPECT_RETIRE_AT(t, 0, ITS_CMD_SYNC, ITS_OUT_OK, 0);
    ASSERT_EQ(itu_creadr(t), 0x20);
    itu_free(t);
  }
}

void test_its_queue_disabled_no_run(void) {
  itu_t *t = itu_std();
  itu_enable(t, false);
  queue_push_syncs(t, 2);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x40);  // still stored
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  EXPECT_NONE(t);
  ASSERT_EQ(t->reads, 0);
  ASSERT_EQ(itu_creadr(t), 0);
  itu_enable(t, true);
  ASSERT_EQ(its_run(t->its, 10), 2);
  queue_expect_syncs(t, 0, 0, 2);
  itu_free(t);
}

void test_its_queue_reenable_resumes_at_creadr(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 4);
  ASSERT_EQ(its_run(t->its, 2), 2);
  itu_drain(t);
  itu_enable(t, false);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  ASSERT_EQ(itu_creadr(t), 0x40);
  itu_enable(t, true);
  ASSERT_EQ(itu_creadr(t), 0x40);  // not zeroed on enable
  ASSERT_EQ(its_run(t->its, 10), 2);
  queue_expect_syncs(t, 0x40, 2, 2);
  itu_free(t);
}

void test_its_queue_cbaser_write_resets_creadr(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 3);
  ASSERT_EQ(its_run(t->its, 10), 3);
  itu_drain(t);
  itu_enable(t, false);
  ITU_WR(t, ITS_GITS_CBASER, itu_cbaser(ITU_Q_BASE, 15), 8);
  ASSERT_EQ(itu_creadr(t), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x60);  // unchanged
  itu_enable(t, true);
  // The three commands run again from offset 0.
  ASSERT_EQ(its_run(t->its, 10), 3);
  queue_expect_syncs(t, 0, 0, 3);
  itu_free(t);
}

void test_its_queue_cbaser_high_half_resets_creadr(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 2);
  ASSERT_EQ(its_run(t->its, 10), 2);
  itu_drain(t);
  itu_enable(t, false);
  ITU_WR(t, ITS_GITS_CBASER + 4, ITU_VALID >> 32, 4);
  ASSERT_EQ(itu_creadr(t), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x40);
  itu_free(t);
}

void test_its_queue_cbaser_ignored_enabled(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 2);
  ASSERT_EQ(its_run(t->its, 10), 2);
  itu_drain(t);
  uint64_t before = itu_rd(t, ITS_GITS_CBASER);
  ITU_WR(t, ITS_GITS_CBASER, itu_cbaser(0x800000, 0), 8);
  ITU_WR(t, ITS_GITS_CBASER + 4, 0, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), before);
  ASSERT_EQ(itu_creadr(t), 0x40);  // not reset
  // The queue still runs from the old base.
  its_step_t st = itu_exec(t, itu_c_sync(3));
  EXPECT_SYNC(t, 3);
  EXPECT_OK(t, st, ITS_CMD_SYNC);
  itu_free(t);
}

void test_its_queue_cbaser_invalid_idle(void) {
  itu_t *t = itu_new(4);
  itu_config(t, itu_cbaser(ITU_Q_BASE, 15), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
             itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
  ITU_WR(t, ITS_GITS_CBASER, itu_cbaser(ITU_Q_BASE, 15) & ~ITU_VALID, 8);
  itu_enable(t, true);
  queue_push_syncs(t, 2);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  EXPECT_NONE(t);
  ASSERT_EQ(t->reads, 0);
  ASSERT_EQ(itu_creadr(t), 0);
  itu_free(t);
}

void test_its_queue_cwriter_oor_idle(void) {
  // IMPDEF-ITS-4: a CWRITER offset at or beyond the queue size stops processing until a valid
  // offset is written.
  itu_t *t = itu_new(4);
  itu_config(t, itu_cbaser(0x40000, 0), itu_baser(ITU_DT_BASE, ITU_PS_64K, 0, false),
             itu_baser(ITU_CT_BASE, ITU_PS_64K, 0, false));
  itu_enable(t, true);
  queue_push_syncs(t, 3);
  ITU_WR(t, ITS_GITS_CWRITER, 0x1000, 8);  // == the 4 KiB queue size
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x1000);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  ITU_WR(t, ITS_GITS_CWRITER, 0xFFFE0, 8);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  EXPECT_NONE(t);
  ASSERT_EQ(t->reads, 0);
  ASSERT_EQ(itu_creadr(t), 0);
  ITU_WR(t, ITS_GITS_CWRITER, 0x20, 8);
  ASSERT_EQ(its_run(t->its, 10), 1);
  queue_expect_syncs(t, 0, 0, 1);
  itu_free(t);
}

void test_its_queue_cwriter_oor_64k(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 1);
  ITU_WR(t, ITS_GITS_CWRITER, 0x10000, 8);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  ASSERT_EQ(t->reads, 0);
  ITU_WR(t, ITS_GITS_CWRITER, 0xFFE0, 8);  // the last valid offset
  ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
  itu_free(t);
}

void test_its_queue_cwriter_low_half_write(void) {
  itu_t *t = itu_std();
  itu_push(t, itu_c_sync(1));
  ITU_WR(t, ITS_GITS_CWRITER, 0x20, 4);
  ASSERT_EQ(its_run(t->its, 10), 1);
  queue_expect_syncs(t, 0, 1, 1);
  itu_free(t);
}

void test_its_queue_cwriter_high_half_no_effect(void) {
  itu_t *t = itu_std();
  itu_push(t, itu_c_sync(1));
  ITU_WR(t, ITS_GITS_CWRITER + 4, 0x20, 4);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0);
  itu_free(t);
}

void test_its_queue_cbaser_low_half_resets_creadr(void) {
  itu_t *t = itu_std();
  queue_push_syncs(t, 2);
  ASSERT_EQ(its_run(t->its, 10), 2);
  itu_drain(t);
  itu_enable(t, false);
  ITU_WR(t, ITS_GITS_CBASER, (uint32_t)itu_cbaser(ITU_Q_BASE, 15), 4);
  ASSERT_EQ(itu_creadr(t), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x40);
  itu_free(t);
}

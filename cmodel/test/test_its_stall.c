// SPDX-License-Identifier: Apache-2.0
// Stall and Retry: memory faults stall the queue at the command; nothing runs while stalled;
// CWRITER.Retry = 1 clears Stalled and re-runs the command (spec/its.md sections 2 and 9,
// docs/interfaces.md section 3.3, IMPDEF-ITS-8).
#include "test_its_util.h"

// Queues SYNC(0), SYNC(1), SYNC(2) with a fetch fault on the second slot and runs to the stall.
static itu_t *stall_fetch_fixture(void) {
  itu_t *t = itu_std();
  itu_push(t, itu_c_sync(0));
  itu_push(t, itu_c_sync(1));
  itu_push(t, itu_c_sync(2));
  itu_kick(t);
  test_mem_add_fault(t->mem, ITU_Q_BASE + 0x20, ITU_Q_BASE + 0x40);
  ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
  EXPECT_SYNC(t, 0);
  EXPECT_RETIRE_AT(t, 0, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  size_t reads = t->reads;
  ASSERT_EQ(its_step(t->its), ITS_STEP_STALLED);
  ASSERT_EQ(t->reads - reads, 4);  // every beat of the fetch is issued
  // The fetch faulted, so the opcode in the record is not checked.
  EXPECT_RETIRE_AT(t, 0x20, -1, ITS_OUT_STALLED, 0);
  EXPECT_NONE(t);
  return t;
}

void test_its_stall_fetch_fault(void) {
  itu_t *t = stall_fetch_fixture();
  ASSERT_EQ(itu_creadr(t), 0x21);  // CREADR frozen at the command, Stalled = 1
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x60);
  itu_free(t);
}

void test_its_stall_fetch_fault_first_beat(void) {
  // A fault on DW0 alone still issues all 4 beats and stalls.
  itu_t *t = itu_std();
  test_mem_add_fault(t->mem, ITU_Q_BASE, ITU_Q_BASE + 8);
  its_step_t st = itu_exec(t, itu_c_sync(1));
  ASSERT_EQ(t->reads, 4);
  EXPECT_STALLED(t, st, -1);
  itu_free(t);
}

void test_its_stall_fetch_fault_last_beat(void) {
  itu_t *t = itu_std();
  test_mem_add_fault(t->mem, ITU_Q_BASE + 24, ITU_Q_BASE + 32);
  its_step_t st = itu_exec(t, itu_c_sync(1));
  ASSERT_EQ(t->reads, 4);
  EXPECT_STALLED(t, st, -1);
  itu_free(t);
}

void test_its_stall_nothing_runs(void) {
  itu_t *t = stall_fetch_fixture();
  itu_clear_faults(t);
  for (int i = 0; i < 3; i++) {
    ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  }
  // More commands and a CWRITER write without Retry change nothing.
  itu_push(t, itu_c_sync(3));
  itu_kick(t);
  ASSERT_EQ(its_run(t->its, 10), 0);
  EXPECT_NONE(t);
  ASSERT_EQ(itu_creadr(t), 0x21);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x80);
  itu_free(t);
}

void test_its_stall_overwrite_with_sync_retry(void) {
  itu_t *t = stall_fetch_fixture();
  itu_clear_faults(t);
  // Software overwrites the faulting slot with SYNC(3), then writes CWRITER with Retry = 1.
  test_mem_write(t->mem, ITU_Q_BASE + 0x20, ITS_CMD_SYNC, 8);
  test_mem_write(t->mem, ITU_Q_BASE + 0x30, 3ull << 16, 8);
  ITU_WR(t, ITS_GITS_CWRITER, 0x60 | ITU_CWRITER_RETRY, 8);
  ASSERT_EQ(itu_creadr(t), 0x20);  // Stalled cleared
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x60);
  ASSERT_EQ(its_run(t->its, 10), 2);
  EXPECT_SYNC(t, 3);
  EXPECT_RETIRE_AT(t, 0x20, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_SYNC(t, 2);
  EXPECT_RETIRE_AT(t, 0x40, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
  ASSERT_EQ(itu_creadr(t), 0x60);
  itu_free(t);
}

void test_its_stall_retry_low_half(void) {
  // A 32-bit write of the low half carries Retry too.
  itu_t *t = stall_fetch_fixture();
  itu_clear_faults(t);
  ITU_WR(t, ITS_GITS_CWRITER, 0x60 | ITU_CWRITER_RETRY, 4);
  ASSERT_EQ(itu_creadr(t), 0x20);
  ASSERT_EQ(its_run(t->its, 10), 2);
  EXPECT_SYNC(t, 1);
  EXPECT_RETIRE_AT(t, 0x20, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_SYNC(t, 2);
  EXPECT_RETIRE_AT(t, 0x40, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_stall_retry_still_faulting(void) {
  // Retry without a fix re-runs the command, which stalls again at the same offset.
  itu_t *t = stall_fetch_fixture();
  ITU_WR(t, ITS_GITS_CWRITER, 0x60 | ITU_CWRITER_RETRY, 8);
  ASSERT_EQ(its_step(t->its), ITS_STEP_STALLED);
  EXPECT_RETIRE_AT(t, 0x20, -1, ITS_OUT_STALLED, 0);
  EXPECT_NONE(t);
  ASSERT_EQ(itu_creadr(t), 0x21);
  itu_free(t);
}

void test_its_stall_retry_reruns_command(void) {
  // A table read fault: after the fix, Retry runs the same MAPTI again.
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  test_mem_add_fault(t->mem, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
  its_step_t st = itu_exec(t, itu_c_mapti(1, 4, 8200, 1));
  EXPECT_STALLED(t, st, ITS_CMD_MAPTI);
  itu_clear_faults(t);
  ITU_WR(t, ITS_GITS_CWRITER, t->wr | ITU_CWRITER_RETRY, 8);
  st = its_step(t->its);
  EXPECT_ITE(t, ITU_ITT(1), 4, itu_ite_lo(8200, 1), ITU_ITE_HI);
  EXPECT_OK(t, st, ITS_CMD_MAPTI);
  itu_free(t);
}

void test_its_stall_table_read_fault(void) {
  itu_t *t = itu_mapped();
  test_mem_add_fault(t->mem, ITU_DT_BASE + 8, ITU_DT_BASE + 16);
  itu_push(t, itu_c_int(1, 5));
  uint32_t stalled_at = t->last;
  itu_push(t, itu_c_sync(2));
  itu_kick(t);
  ASSERT_EQ(its_step(t->its), ITS_STEP_STALLED);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  EXPECT_RETIRE_AT(t, stalled_at, ITS_CMD_INT, ITS_OUT_STALLED, 0);
  EXPECT_NONE(t);  // no SET, and the SYNC behind it did not run
  ASSERT_EQ(itu_creadr(t), stalled_at | ITU_CREADR_STALLED);
  itu_free(t);
}

void test_its_stall_table_write_fault_drain(void) {
  // MAPD whose DTE write faults; software overwrites it with SYNC and retries.
  itu_t *t = itu_std();
  itu_add_write_fault(t, ITU_DT_BASE + 16, ITU_DT_BASE + 24);
  itu_push(t, itu_c_mapd(2, 7, 0x200000, true));
  itu_push(t, itu_c_mapc(1, 1, true));
  itu_kick(t);
  ASSERT_EQ(its_step(t->its), ITS_STEP_STALLED);
  EXPECT_MEM_FAULT(t, ITU_DT_BASE + 16, itu_dte(7, 0x200000), 0xFF);
  EXPECT_RETIRE_AT(t, 0, ITS_CMD_MAPD, ITS_OUT_STALLED, 0);
  EXPECT_NONE(t);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  ASSERT_EQ(itu_creadr(t), 0x01);
  itu_cmd_t sync = itu_c_sync(0);
  for (int i = 0; i < 4; i++) {
    test_mem_write(t->mem, ITU_Q_BASE + 8u * (unsigned)i, sync.dw[i], 8);
  }
  ITU_WR(t, ITS_GITS_CWRITER, 0x40 | ITU_CWRITER_RETRY, 8);
  ASSERT_EQ(its_run(t->its, 10), 2);
  EXPECT_SYNC(t, 0);
  EXPECT_RETIRE_AT(t, 0, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_MEM(t, ITU_CT_BASE + 8, itu_cte(1), 0xFF);
  EXPECT_RETIRE_AT(t, 0x20, ITS_CMD_MAPC, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
  ASSERT_EQ(itu_creadr(t), 0x40);
  itu_free(t);
}

void test_its_stall_retry_not_stalled(void) {
  // Retry = 1 without a stall has no effect beyond the Offset write.
  itu_t *t = itu_std();
  itu_push(t, itu_c_sync(1));
  ITU_WR(t, ITS_GITS_CWRITER, t->wr | ITU_CWRITER_RETRY, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x20);
  ASSERT_EQ(itu_creadr(t), 0);
  ASSERT_EQ(its_event_count(t->its), 0);
  ASSERT_EQ(its_run(t->its, 10), 1);
  EXPECT_SYNC(t, 1);
  EXPECT_RETIRE_AT(t, 0, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_NONE(t);
  // Again on an idle queue: nothing is re-run.
  ITU_WR(t, ITS_GITS_CWRITER, 0x20 | ITU_CWRITER_RETRY, 8);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  EXPECT_NONE(t);
  ASSERT_EQ(itu_creadr(t), 0x20);
  itu_free(t);
}

void test_its_stall_cbaser_write_clears(void) {
  // A CBASER write (while disabled) sets CREADR = 0, which clears Stalled.
  itu_t *t = stall_fetch_fixture();
  itu_clear_faults(t);
  itu_enable(t, false);
  ITU_WR(t, ITS_GITS_CBASER, itu_cbaser(ITU_Q_BASE, 15), 8);
  ASSERT_EQ(itu_creadr(t), 0);
  itu_enable(t, true);
  ASSERT_EQ(its_run(t->its, 10), 3);
  EXPECT_SYNC(t, 0);
  EXPECT_RETIRE_AT(t, 0, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_SYNC(t, 1);
  EXPECT_RETIRE_AT(t, 0x20, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  EXPECT_SYNC(t, 2);
  EXPECT_RETIRE_AT(t, 0x40, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  itu_free(t);
}

void test_its_stall_disable_keeps_stalled(void) {
  // Disable/enable alone does not clear Stalled.
  itu_t *t = stall_fetch_fixture();
  itu_clear_faults(t);
  itu_enable(t, false);
  itu_enable(t, true);
  ASSERT_EQ(itu_creadr(t), 0x21);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  itu_free(t);
}

void test_its_stall_parameter_error_no_stall(void) {
  // Parameter errors never stall (spec section 9): the queue keeps going.
  itu_t *t = itu_std();
  itu_push(t, itu_c_mapd(ITU_DT_N, 7, 0x200000, true));
  itu_push(t, itu_c_raw(0x02, 0, 0, 0));
  itu_push(t, itu_c_sync(1));
  itu_kick(t);
  ASSERT_EQ(its_step(t->its), ITS_STEP_SKIPPED);
  ASSERT_EQ(its_step(t->its), ITS_STEP_SKIPPED);
  ASSERT_EQ(its_step(t->its), ITS_STEP_OK);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  EXPECT_RETIRE_AT(t, 0, ITS_CMD_MAPD, ITS_OUT_IGNORED, 0x010801);
  EXPECT_RETIRE_AT(t, 0x20, 0x02, ITS_OUT_IGNORED, 0x0102FF);
  EXPECT_SYNC(t, 1);
  EXPECT_RETIRE_AT(t, 0x40, ITS_CMD_SYNC, ITS_OUT_OK, 0);
  ASSERT_EQ(itu_creadr(t), 0x60);
  itu_free(t);
}

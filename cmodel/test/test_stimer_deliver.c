// SPDX-License-Identifier: Apache-2.0
// stimer delivery: message layout and beats, interrupt, masked/polling SINTs, unavailable slot,
// busy slot, acknowledge (EOM, EOI), memory faults (spec/stimer.md sections 2, 4-6;
// docs/interfaces.md sections 2 and 4; IMPDEF-ST-2/4/5).
#include "test_stimer_util.h"

static ts_fx_t deliver_fx(void) {
  ts_fx_t fx = ts_fx_new(1);
  SYNIC_ON(&fx, 0);
  KUT_SINTS(&fx, 0);
  return fx;
}

// ---- Message layout and beats ----

void test_stimer_deliver_msg_layout(void) {
  ts_fx_t fx = deliver_fx();
  SINT_SET(&fx, 0, 15, 0x9F, 0);
  uint64_t slot = TS_SLOT(0, 15);
  // Garbage in the slot (a free one: message_type = 0) and around it.
  for (unsigned off = 4; off < 256; off += 4) {
    test_mem_write(fx.mem, slot + off, 0xC0DE0000u | off, 4);
  }
  test_mem_write(fx.mem, TS_SLOT(0, 14) + 0xF8, 0x1414141414141414ull, 8);
  uint64_t count = 0x0123456789ABCDEFull;
  uint64_t now = 0x0123456789ABCDF5ull;
  SET_NOW(&fx, 0x0123456789AB0000ull);
  TIMER_START(&fx, 0, 3, TS_CFG_MSG(false, 15), count);
  ADVANCE(&fx, now, 1);
  // All 40 bytes: type, size 24, flags 0, reserved 0, sender 0, index, reserved 0, exp, delivery.
  EXPECT_DELIVERED(&fx, 0, 15, 3, count, now, 0x9F, false);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_read(fx.mem, slot + 0x00, 8), TS_MSG_HEADER);
  ASSERT_EQ(test_mem_read(fx.mem, slot + 0x08, 8), 0);
  ASSERT_EQ(test_mem_read(fx.mem, slot + 0x10, 8), 3);
  ASSERT_EQ(test_mem_read(fx.mem, slot + 0x18, 8), count);
  ASSERT_EQ(test_mem_read(fx.mem, slot + 0x20, 8), now);
  // Bytes 0x28..0xFF of the payload are not written; the previous slot is untouched.
  for (unsigned off = 0x28; off < 256; off += 4) {
    ASSERT_EQ(test_mem_read(fx.mem, slot + off, 4), 0xC0DE0000u | off);
  }
  ASSERT_EQ(test_mem_read(fx.mem, TS_SLOT(0, 14) + 0xF8, 8), 0x1414141414141414ull);
  ts_fx_free(&fx);
}

void test_stimer_deliver_msg_beat_order(void) {
  ts_fx_t fx = deliver_fx();
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_EOI), 77);
  size_t reads = test_mem_reads(fx.mem);
  size_t writes = test_mem_writes(fx.mem);
  ADVANCE(&fx, 80, 1);
  uint64_t slot = TS_SLOT(0, TS_SINT_EOI);
  // Payload first (+08, +10, +18, +20), message_type last (+00); then the interrupt, then retire.
  EXPECT_MEM_WRITE(&fx, slot + 0x08, 0, 0xFF);
  EXPECT_MEM_WRITE(&fx, slot + 0x10, 1, 0xFF);
  EXPECT_MEM_WRITE(&fx, slot + 0x18, 77, 0xFF);
  EXPECT_MEM_WRITE(&fx, slot + 0x20, 80, 0xFF);
  EXPECT_MEM_WRITE(&fx, slot + 0x00, TS_MSG_HEADER, 0xFF);
  EXPECT_IRQ(&fx, 0, TS_VEC_EOI, false);
  EXPECT_RETIRE(&fx, 0, 1, STIMER_OUT_DELIVERED, 80);
  EXPECT_NO_EVENT(&fx);
  // One busy-check read beat, five write beats.
  ASSERT_EQ(test_mem_reads(fx.mem) - reads, 1);
  ASSERT_EQ(test_mem_writes(fx.mem) - writes, 5);
  ts_fx_free(&fx);
}

void test_stimer_deliver_msg_flags_written_zero(void) {
  ts_fx_t fx = deliver_fx();
  // A free slot (type 0) with a stale msg_pending flag and junk header bytes.
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_EOI), 0xFFFFFFFF00000000ull, 8);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 10, 10, TS_VEC_EOI, false);
  ASSERT_EQ(ts_slot_flags(&fx, 0, TS_SINT_EOI), 0);
  ts_fx_free(&fx);
}

void test_stimer_deliver_msg_slot_per_sint(void) {
  ts_fx_t fx = deliver_fx();
  // Timer 0 reconfigured to each SINT in turn: slot n is at SIMP base + 256 n.
  for (uint32_t s = 0; s < STIMER_NUM_SINTS; s++) {
    SINT_SET(&fx, 0, s, 0x60 + s, 0);
    uint64_t t = 100 * (s + 1);
    MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(0), t);
    MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, s));
    ADVANCE(&fx, t, 1);
    EXPECT_DELIVERED(&fx, 0, s, 0, t, t, 0x60 + s, false);
    EXPECT_NO_EVENT(&fx);
  }
  ts_fx_free(&fx);
}

void test_stimer_deliver_msg_simp_base_low_bits(void) {
  ts_fx_t fx = ts_fx_new(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  // Bits 11:1 are preserved flags, not address bits.
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0) | 0xFFE | 1);
  for (unsigned i = 0; i < 512; i++) {
    EXPECT_MEM_WRITE(&fx, TS_SIMP_BASE(0) + 8ull * i, 0, 0xFF);
  }
  SINT_SET(&fx, 0, 1, 0x31, 0);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 10, 10, 0x31, false);
  ts_fx_free(&fx);
}

// ---- Interrupt ----

void test_stimer_deliver_irq_auto_eoi(void) {
  ts_fx_t fx = deliver_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 10);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_AUTO), 10);
  ADVANCE(&fx, 10, 2);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 10, 10, TS_VEC_EOI, false);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 1, 10, 10, TS_VEC_AUTO, true);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_deliver_irq_vector_bounds(void) {
  ts_fx_t fx = deliver_fx();
  SINT_SET(&fx, 0, 6, 16, 0);
  SINT_SET(&fx, 0, 7, 255, STIMER_SINT_AUTO_EOI);
  TIMER_START(&fx, 0, 2, TS_CFG_MSG(false, 6), 10);
  TIMER_START(&fx, 0, 3, TS_CFG_MSG(false, 7), 10);
  ADVANCE(&fx, 10, 2);
  EXPECT_DELIVERED(&fx, 0, 6, 2, 10, 10, 16, false);
  EXPECT_DELIVERED(&fx, 0, 7, 3, 10, 10, 255, true);
  ts_fx_free(&fx);
}

// ---- Masked and polling SINTs (Normative TLFS: message written => success) ----

static void deliver_no_irq(uint64_t sint_value) {
  ts_fx_t fx = deliver_fx();
  MSR_WRITE(&fx, 0, STIMER_MSR_SINT(5), sint_value);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 5), 10);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(true, 5), 20);
  ADVANCE(&fx, 10, 1);
  EXPECT_NO_IRQ(&fx, 0, 5, 0, 10, 10);
  EXPECT_NO_EVENT(&fx);
  // Success: the one-shot is disabled, nothing pending, an EOM retries nothing.
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, 5) & ~STIMER_CFG_ENABLE);
  test_mem_write(fx.mem, TS_SLOT(0, 5), 0, 4);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 10, 0);
  // The periodic one goes on.
  ADVANCE(&fx, 20, 1);
  EXPECT_NO_IRQ(&fx, 0, 5, 1, 20, 20);
  test_mem_write(fx.mem, TS_SLOT(0, 5), 0, 4);
  ADVANCE(&fx, 40, 1);
  EXPECT_NO_IRQ(&fx, 0, 5, 1, 40, 40);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_deliver_masked_no_irq(void) {
  deliver_no_irq(0x45 | STIMER_SINT_MASKED);
  deliver_no_irq(STIMER_SINT_RESET);  // the reset value, vector 0
}

void test_stimer_deliver_polling_no_irq(void) {
  deliver_no_irq(0x45 | STIMER_SINT_POLLING);
  deliver_no_irq(0x45 | STIMER_SINT_POLLING | STIMER_SINT_AUTO_EOI);
}

// ---- Slot unavailable: SIMP disabled, SCONTROL disabled ----

void test_stimer_deliver_unavailable_simp_off(void) {
  ts_fx_t fx = ts_fx_new(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  KUT_SINTS(&fx, 0);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  // Nothing read or written, no interrupt; the one-shot stays enabled.
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_UNAVAILABLE, 100);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_reads(fx.mem), 0);
  ASSERT_EQ(test_mem_writes(fx.mem), 0);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, TS_SINT_EOI));
  // No retry without an acknowledge, not even after SIMP is enabled.
  ADVANCE(&fx, 200, 0);
  SYNIC_ON(&fx, 0);
  ADVANCE(&fx, 300, 0);
  EXPECT_NO_EVENT(&fx);
  // EOM: retried with the original expiration_time.
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 400, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 400, TS_VEC_EOI, false);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, TS_SINT_EOI) & ~STIMER_CFG_ENABLE);
  ts_fx_free(&fx);
}

void test_stimer_deliver_unavailable_eom_still_off(void) {
  ts_fx_t fx = ts_fx_new(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  KUT_SINTS(&fx, 0);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_AUTO), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_RETIRE(&fx, 0, 1, STIMER_OUT_UNAVAILABLE, 100);
  // An acknowledge while SIMP is still off: one more attempt, still unavailable.
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 110, 1);
  EXPECT_RETIRE(&fx, 0, 1, STIMER_OUT_UNAVAILABLE, 110);
  EXPECT_NO_EVENT(&fx);
  ADVANCE(&fx, 120, 0);
  ts_fx_free(&fx);
}

void test_stimer_deliver_unavailable_scontrol_off(void) {
  ts_fx_t fx = deliver_fx();
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 0xFFFFFFFFFFFFFFFEull);  // Enable = 0
  size_t reads = test_mem_reads(fx.mem);
  size_t writes = test_mem_writes(fx.mem);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_UNAVAILABLE, 100);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_reads(fx.mem), reads);
  ASSERT_EQ(test_mem_writes(fx.mem), writes);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  ADVANCE(&fx, 150, 0);  // no retry without an acknowledge
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 160, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 160, TS_VEC_EOI, false);
  ts_fx_free(&fx);
}

void test_stimer_deliver_unavailable_kvm_compat(void) {
  stimer_config_t cfg = stimer_default_config(1);
  cfg.scontrol_gate = false;
  ts_fx_t fx = ts_fx_new_cfg(&cfg);
  SYNIC_ON(&fx, 0);
  KUT_SINTS(&fx, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 0);
  // KVM-compat: SCONTROL is ignored, only SIMP.Enable counts.
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 100, TS_VEC_EOI, false);
  // SIMP off is still unavailable.
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0));
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_AUTO), 200);
  ADVANCE(&fx, 200, 1);
  EXPECT_RETIRE(&fx, 0, 1, STIMER_OUT_UNAVAILABLE, 200);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_deliver_unavailable_periodic(void) {
  ts_fx_t fx = ts_fx_new(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  KUT_SINTS(&fx, 0);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, TS_SINT_EOI), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_UNAVAILABLE, 10);
  // A failed periodic expiry is not re-armed: no attempts at 20, 30, ...
  ADVANCE(&fx, 20, 0);
  ADVANCE(&fx, 47, 0);
  SYNIC_ON(&fx, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 52, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 10, 52, TS_VEC_EOI, false);
  ts_guest_release(&fx, 0, TS_SINT_EOI);
  // Then re-armed on the original grid: 60.
  ADVANCE(&fx, 59, 0);
  ADVANCE(&fx, 60, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 60, 60, TS_VEC_EOI, false);
  ts_fx_free(&fx);
}

// ---- Busy slot ----

void test_stimer_busy_oneshot_sets_flag(void) {
  ts_fx_t fx = deliver_fx();
  uint64_t slot = TS_SLOT(0, TS_SINT_EOI);
  // Another message sits in the slot.
  test_mem_write(fx.mem, slot, 0x0000001880000010ull, 8);
  test_mem_write(fx.mem, slot + 0x10, 0xAAAAAAAAAAAAAAAAull, 8);
  test_mem_write(fx.mem, slot + 0x18, 0xBBBBBBBBBBBBBBBBull, 8);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  size_t reads = test_mem_reads(fx.mem);
  ADVANCE(&fx, 100, 1);
  // One flags beat (be = 0x20, byte 5 = 1), no message, no interrupt.
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_reads(fx.mem) - reads, 1);
  ASSERT_EQ(test_mem_read(fx.mem, slot, 8), 0x0000011880000010ull);
  ASSERT_EQ(test_mem_read(fx.mem, slot + 0x10, 8), 0xAAAAAAAAAAAAAAAAull);
  ASSERT_EQ(test_mem_read(fx.mem, slot + 0x18, 8), 0xBBBBBBBBBBBBBBBBull);
  // Failure: Enable unchanged.
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, TS_SINT_EOI));
  ts_fx_free(&fx);
}

void test_stimer_busy_oneshot_flag_keeps_bits(void) {
  ts_fx_t fx = deliver_fx();
  uint64_t slot = TS_SLOT(0, TS_SINT_EOI);
  // Busy with message_type 1 (any non-zero type), reserved flag bits set.
  test_mem_write(fx.mem, slot, 0xCDAB801800000001ull, 8);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0x80, 100);  // byte 5 = 0x81
  ASSERT_EQ(test_mem_read(fx.mem, slot, 8), 0xCDAB811800000001ull);
  ts_fx_free(&fx);
}

void test_stimer_busy_oneshot_type_high_byte(void) {
  ts_fx_t fx = deliver_fx();
  // message_type = 0x80000000 (only the top byte non-zero) is busy too.
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_EOI), 0x80000000ull, 4);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  ts_fx_free(&fx);
}

void test_stimer_busy_retry_none_without_ack(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_EOI);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  // The guest frees the slot but writes no EOM: no retry (no live-lock, KVM f1ff89ec).
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_EOI), 0, 4);
  for (uint64_t t = 100; t < 2000; t += 100) {
    ADVANCE(&fx, t, 0);
  }
  // Neither a SINT write nor other MSR writes acknowledge.
  SINT_SET(&fx, 0, TS_SINT_EOI, TS_VEC_EOI, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  ADVANCE(&fx, 2000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_busy_retry_on_eom(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_EOI);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 130, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 130);
  ASSERT_TRUE(ts_guest_release(&fx, 0, TS_SINT_EOI));  // flag seen: EOM
  // Original expiration_time, new delivery_time.
  ADVANCE(&fx, 170, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 170, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, TS_SINT_EOI) & ~STIMER_CFG_ENABLE);
  ASSERT_FALSE(ts_guest_release(&fx, 0, TS_SINT_EOI));
  ADVANCE(&fx, 1000, 0);
  ts_fx_free(&fx);
}

void test_stimer_busy_retry_same_now(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_EOI);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  ts_guest_release(&fx, 0, TS_SINT_EOI);
  // The acknowledge alone makes work: a pass at the same `now` retries.
  ADVANCE(&fx, 100, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 100, TS_VEC_EOI, false);
  ts_fx_free(&fx);
}

void test_stimer_busy_retry_on_eoi(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_EOI);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_EOI), 0, 4);
  // EOI of the vector of an unmasked SINT acknowledges it.
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_EOI), STIMER_OK);
  EXPECT_NO_EVENT(&fx);
  ADVANCE(&fx, 105, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 105, TS_VEC_EOI, false);
  ts_fx_free(&fx);
}

void test_stimer_busy_eoi_other_vector(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_EOI);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_EOI), 0, 4);
  // Vectors of other SINTs, or of none: no acknowledge for SINT 2.
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_AUTO), STIMER_OK);
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_EOI + 1), STIMER_OK);
  ASSERT_EQ(stimer_eoi(fx.st, 0, 0x10), STIMER_OK);
  ADVANCE(&fx, 110, 0);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_EOI), STIMER_OK);
  ADVANCE(&fx, 120, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 120, TS_VEC_EOI, false);
  ts_fx_free(&fx);
}

void test_stimer_busy_eoi_masked_sint(void) {
  ts_fx_t fx = deliver_fx();
  SINT_SET(&fx, 0, 4, 0x44, STIMER_SINT_MASKED);
  ts_fill_slot(&fx, 0, 4);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, 4), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, 4, 1, 0, 100);
  test_mem_write(fx.mem, TS_SLOT(0, 4), 0, 4);
  // EOI acknowledges unmasked SINTs only.
  ASSERT_EQ(stimer_eoi(fx.st, 0, 0x44), STIMER_OK);
  ADVANCE(&fx, 110, 0);
  EXPECT_NO_EVENT(&fx);
  // EOM acknowledges every SINT; the masked SINT gets its message without an interrupt.
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 120, 1);
  EXPECT_NO_IRQ(&fx, 0, 4, 1, 100, 120);
  ts_fx_free(&fx);
}

void test_stimer_busy_eoi_shared_vector(void) {
  ts_fx_t fx = deliver_fx();
  SINT_SET(&fx, 0, 4, 0x50, 0);
  SINT_SET(&fx, 0, 9, 0x50, STIMER_SINT_AUTO_EOI);
  SINT_SET(&fx, 0, 11, 0x50, STIMER_SINT_MASKED);
  ts_fill_slot(&fx, 0, 4);
  ts_fill_slot(&fx, 0, 9);
  ts_fill_slot(&fx, 0, 11);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 4), 100);
  TIMER_START(&fx, 0, 2, TS_CFG_MSG(false, 9), 100);
  TIMER_START(&fx, 0, 3, TS_CFG_MSG(false, 11), 100);
  ADVANCE(&fx, 100, 3);
  EXPECT_BUSY_PENDING(&fx, 0, 4, 0, 0, 100);
  EXPECT_BUSY_PENDING(&fx, 0, 9, 2, 0, 100);
  EXPECT_BUSY_PENDING(&fx, 0, 11, 3, 0, 100);
  test_mem_write(fx.mem, TS_SLOT(0, 4), 0, 4);
  test_mem_write(fx.mem, TS_SLOT(0, 9), 0, 4);
  test_mem_write(fx.mem, TS_SLOT(0, 11), 0, 4);
  // One EOI of the shared vector acknowledges every unmasked SINT with it (IMPDEF-ST-4:
  // AutoEOI ones too), not the masked one.
  ASSERT_EQ(stimer_eoi(fx.st, 0, 0x50), STIMER_OK);
  ADVANCE(&fx, 101, 2);
  EXPECT_DELIVERED(&fx, 0, 4, 0, 100, 101, 0x50, false);
  EXPECT_DELIVERED(&fx, 0, 9, 2, 100, 101, 0x50, true);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_busy_eoi_auto_eoi_sint(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_AUTO);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_AUTO), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_AUTO, 1, 0, 100);
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_AUTO), 0, 4);
  // IMPDEF-ST-4: an EOI of the vector acknowledges an AutoEOI SINT as well.
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_AUTO), STIMER_OK);
  ADVANCE(&fx, 100, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 1, 100, 100, TS_VEC_AUTO, true);
  ts_fx_free(&fx);
}

void test_stimer_busy_retry_still_busy(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_EOI);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  // Acknowledge without freeing the slot: retried, still busy, flag written again.
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 200, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 1, 200);  // IMPDEF-ST-5: byte 5 = 1 | 1
  // The acknowledge was used up.
  ADVANCE(&fx, 300, 0);
  // The guest clears the flag too, then EOM: the flag comes back.
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_EOI) + 5, 0, 1);
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_EOI), STIMER_OK);
  ADVANCE(&fx, 400, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 400);
  ASSERT_EQ(ts_slot_flags(&fx, 0, TS_SINT_EOI), 1);
  ASSERT_TRUE(ts_guest_release(&fx, 0, TS_SINT_EOI));
  ADVANCE(&fx, 500, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 500, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_busy_ack_other_sint(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_EOI);
  ts_fill_slot(&fx, 0, TS_SINT_AUTO);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_AUTO), 100);
  ADVANCE(&fx, 100, 2);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_AUTO, 1, 0, 100);
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_EOI), 0, 4);
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_AUTO), 0, 4);
  // EOI of SINT 2's vector retries only the timer on SINT 2.
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_EOI), STIMER_OK);
  ADVANCE(&fx, 110, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 110, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  // EOM acknowledges all SINTs.
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 120, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 1, 100, 120, TS_VEC_AUTO, true);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_busy_ack_nothing_pending(void) {
  ts_fx_t fx = deliver_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(true, TS_SINT_AUTO), 100);
  // Acknowledges with nothing pending make no attempt and move nothing.
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_EOI), STIMER_OK);
  ADVANCE(&fx, 50, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 50, 0);
  EXPECT_NO_EVENT(&fx);
  ADVANCE(&fx, 100, 2);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 100, TS_VEC_EOI, false);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 1, 100, 100, TS_VEC_AUTO, true);
  ts_fx_free(&fx);
}

void test_stimer_busy_ack_no_memory_access(void) {
  ts_fx_t fx = deliver_fx();
  ts_fill_slot(&fx, 0, TS_SINT_EOI);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 0, 100);
  size_t reads = test_mem_reads(fx.mem);
  size_t writes = test_mem_writes(fx.mem);
  // The acknowledge itself touches no memory: the slot's msg_pending bit is not cleared
  // (KVM 3a0e7731); only the next pass retries.
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_EOI), STIMER_OK);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_reads(fx.mem), reads);
  ASSERT_EQ(test_mem_writes(fx.mem), writes);
  ASSERT_EQ(ts_slot_flags(&fx, 0, TS_SINT_EOI), 1);
  // Two acknowledges before a pass: still one attempt.
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 0, 1, 100);
  ADVANCE(&fx, 100, 0);
  ts_fx_free(&fx);
}

void test_stimer_busy_periodic_tick_lost(void) {
  ts_fx_t fx = deliver_fx();
  uint64_t slot = TS_SLOT(0, TS_SINT_EOI);
  test_mem_write(fx.mem, slot, 0x0000001880000010ull, 8);
  test_mem_write(fx.mem, slot + 0x18, 0x1234, 8);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, TS_SINT_EOI), 10);
  size_t writes = test_mem_writes(fx.mem);
  ADVANCE(&fx, 10, 1);
  // Tick dropped: no write at all (flags not set), no interrupt.
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_BUSY_LOST, 10);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_writes(fx.mem), writes);
  ASSERT_EQ(test_mem_read(fx.mem, slot, 8), 0x0000001880000010ull);
  ASSERT_EQ(test_mem_read(fx.mem, slot + 0x18, 8), 0x1234);
  // Counts as success: nothing pending, an EOM retries nothing.
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 15, 0);
  // Next tick on the grid; still busy at 27 (tick 20), free at 30.
  ADVANCE(&fx, 27, 1);
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_BUSY_LOST, 27);
  test_mem_write(fx.mem, slot, 0, 4);
  ADVANCE(&fx, 29, 0);
  ADVANCE(&fx, 30, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 30, 30, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_busy_tie_lower_index_first(void) {
  ts_fx_t fx = deliver_fx();
  // Two one-shots on SINT 2 due in the same pass; timer 2 has the earlier deadline.
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  TIMER_START(&fx, 0, 2, TS_CFG_MSG(false, TS_SINT_EOI), 90);
  ADVANCE(&fx, 100, 2);
  EXPECT_DELIVERED_THEN_BUSY(&fx, 0, TS_SINT_EOI, 1, 100, 100, TS_VEC_EOI, false);
  // The other one finds its slot busy with the message just written.
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 2, 0, 100);
  EXPECT_NO_EVENT(&fx);
  ASSERT_TRUE(ts_guest_release(&fx, 0, TS_SINT_EOI));
  ADVANCE(&fx, 101, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 2, 90, 101, TS_VEC_EOI, false);
  ts_fx_free(&fx);
}

void test_stimer_busy_tie_periodic_lost(void) {
  ts_fx_t fx = deliver_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, TS_SINT_AUTO), 10);
  TIMER_START(&fx, 0, 3, TS_CFG_MSG(true, TS_SINT_AUTO), 10);
  ADVANCE(&fx, 10, 2);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 0, 10, 10, TS_VEC_AUTO, true);
  EXPECT_RETIRE(&fx, 0, 3, STIMER_OUT_BUSY_LOST, 10);
  EXPECT_NO_EVENT(&fx);
  ts_guest_release(&fx, 0, TS_SINT_AUTO);
  ADVANCE(&fx, 20, 2);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 0, 20, 20, TS_VEC_AUTO, true);
  EXPECT_RETIRE(&fx, 0, 3, STIMER_OUT_BUSY_LOST, 20);
  ts_fx_free(&fx);
}

// ---- Memory faults (IMPDEF-ST-2) ----

void test_stimer_fault_read_busy_check(void) {
  ts_fx_t fx = deliver_fx();
  uint64_t slot = TS_SLOT(0, TS_SINT_EOI);
  test_mem_add_fault(fx.mem, slot, slot + 8);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  // FAULT, no interrupt. (Whether beats follow a faulted busy check is not stated; skip them.)
  stimer_event_t ev;
  bool retired = false;
  while (stimer_pop_event(fx.st, &ev)) {
    ASSERT_TRUE(!retired);
    ASSERT_NE(ev.kind, STIMER_EV_IRQ);
    if (ev.kind == STIMER_EV_RETIRE) {
      ASSERT_EQ(ev.u.retire.vp, 0);
      ASSERT_EQ(ev.u.retire.timer, 0);
      ASSERT_EQ(ev.u.retire.outcome, STIMER_OUT_FAULT);
      ASSERT_EQ(ev.u.retire.now, 100);
      retired = true;
    }
  }
  ASSERT_TRUE(retired);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, TS_SINT_EOI));
  // Waits for an acknowledge.
  test_mem_clear_faults(fx.mem);
  test_mem_write(fx.mem, slot, 0, 8);
  ADVANCE(&fx, 200, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 300, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 300, TS_VEC_EOI, false);
  ts_fx_free(&fx);
}

void test_stimer_fault_write_message(void) {
  ts_fx_t fx = deliver_fx();
  uint64_t slot = TS_SLOT(0, TS_SINT_EOI);
  test_mem_add_fault(fx.mem, slot + 0x18, slot + 0x20);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  // Every beat is still issued, in order; no interrupt; outcome FAULT.
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x08, 0, 0xFF, false);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x10, 1, 0xFF, false);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x18, 100, 0xFF, true);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x20, 100, 0xFF, false);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x00, TS_MSG_HEADER, 0xFF, false);
  EXPECT_RETIRE(&fx, 0, 1, STIMER_OUT_FAULT, 100);
  EXPECT_NO_EVENT(&fx);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(1), TS_CFG_MSG(false, TS_SINT_EOI));
  // msg_pending stays: no retry until acknowledged, then the original expiration_time.
  test_mem_clear_faults(fx.mem);
  test_mem_write(fx.mem, slot, 0, 4);
  ADVANCE(&fx, 200, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 250, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 1, 100, 250, TS_VEC_EOI, false);
  ts_fx_free(&fx);
}

void test_stimer_fault_write_periodic_waits(void) {
  ts_fx_t fx = deliver_fx();
  uint64_t slot = TS_SLOT(0, TS_SINT_AUTO);
  test_mem_add_fault(fx.mem, slot + 0x08, slot + 0x10);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, TS_SINT_AUTO), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x08, 0, 0xFF, true);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x10, 0, 0xFF, false);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x18, 10, 0xFF, false);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x20, 10, 0xFF, false);
  EXPECT_MEM_WRITE_FAULT(&fx, slot + 0x00, TS_MSG_HEADER, 0xFF, false);
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_FAULT, 10);
  // A failure: not re-armed, no ticks until acknowledged.
  ADVANCE(&fx, 20, 0);
  ADVANCE(&fx, 30, 0);
  test_mem_clear_faults(fx.mem);
  test_mem_write(fx.mem, slot, 0, 4);
  ASSERT_EQ(stimer_eoi(fx.st, 0, TS_VEC_AUTO), STIMER_OK);  // IMPDEF-ST-4
  ADVANCE(&fx, 34, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 0, 10, 34, TS_VEC_AUTO, true);
  ts_guest_release(&fx, 0, TS_SINT_AUTO);
  ADVANCE(&fx, 40, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 0, 40, 40, TS_VEC_AUTO, true);
  ts_fx_free(&fx);
}

// Memory whose writes fault in [lo, hi) while reads there succeed (cm_mem.h: a faulting write
// leaves memory unchanged), to fault the one-shot busy flags write but not the busy check.
typedef struct {
  cm_mem_ops_t inner;
  uint64_t lo;
  uint64_t hi;
} fault_wr_t;

static bool fault_wr_read64(void *ctx, uint64_t addr, uint64_t *data) {
  fault_wr_t *f = ctx;
  return f->inner.read64(f->inner.ctx, addr, data);
}

static bool fault_wr_write64(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  fault_wr_t *f = ctx;
  if (addr >= f->lo && addr < f->hi) {
    return false;
  }
  return f->inner.write64(f->inner.ctx, addr, data, be);
}

void test_stimer_fault_write_busy_flags(void) {
  ts_fx_t fx;
  fx.cfg = stimer_default_config(1);
  fx.mem = test_mem_new();
  uint64_t slot = TS_SLOT(0, TS_SINT_EOI);
  fault_wr_t f = {test_mem_ops(fx.mem), 0, 0};
  cm_mem_ops_t ops = {&f, fault_wr_read64, fault_wr_write64};
  ASSERT_EQ(stimer_create(&fx.cfg, &ops, &fx.st), STIMER_OK);
  SYNIC_ON(&fx, 0);
  KUT_SINTS(&fx, 0);
  // The slot holds an unconsumed message with flags 0x80; its first beat takes no writes.
  test_mem_write(fx.mem, slot, TS_MSG_HEADER | (0x80ull << 40), 8);
  f.lo = slot;
  f.hi = slot + 8;
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  // IMPDEF-ST-5/ST-2: the flags beat (byte 5 = 0x80 | 1, lane 5 only) faults: outcome FAULT,
  // no interrupt, the slot unchanged, Enable kept.
  EXPECT_MEM_WRITE_FAULT(&fx, slot, 0x81ull << 40, 0x20, true);
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_FAULT, 100);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(ts_slot_flags(&fx, 0, TS_SINT_EOI), 0x80);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, TS_SINT_EOI));
  // msg_pending stays 1: no retry without an acknowledge.
  ADVANCE(&fx, 200, 0);
  // The guest consumes the message and writes EOM; the retry keeps the original expiration.
  f.hi = f.lo;
  test_mem_write(fx.mem, slot, 0, 8);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 300, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 300, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

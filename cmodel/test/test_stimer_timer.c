// SPDX-License-Identifier: Apache-2.0
// stimer timer rules: start, expiry, periodic grid, one-shot, AutoEnable, COUNT = 0, SINTx = 0,
// restart on rewrite, direct mode (spec/stimer.md sections 3-4).
#include "test_stimer_util.h"

// One VP with the SynIC on, SINT 1 -> vector 0x31 and SINT 2 -> 0xF1 unmasked.
static ts_fx_t timer_fx(void) {
  ts_fx_t fx = ts_fx_new(1);
  SYNIC_ON(&fx, 0);
  SINT_SET(&fx, 0, 1, 0x31, 0);
  SINT_SET(&fx, 0, 2, 0xF1, 0);
  return fx;
}

// ---- One-shot ----

void test_stimer_timer_oneshot_fires_at_count(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 1000);
  ADVANCE(&fx, 1, 0);
  ADVANCE(&fx, 999, 0);  // fires when now >= COUNT, not before
  EXPECT_NO_EVENT(&fx);
  ADVANCE(&fx, 1000, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 1000, 1000, 0x31, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_oneshot_late_keeps_exp_time(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, 2), 1000);
  // `now` jumps past COUNT: expiration_time is the scheduled time, delivery_time is now.
  ADVANCE(&fx, 1733, 1);
  EXPECT_DELIVERED(&fx, 0, 2, 1, 1000, 1733, 0xF1, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_oneshot_disabled_after(void) {
  ts_fx_t fx = timer_fx();
  uint64_t cfg = TS_CFG_MSG(false, 1) | STIMER_CFG_LAZY | (0x5ull << 13);
  TIMER_START(&fx, 0, 3, cfg, 500);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(3), cfg);
  ADVANCE(&fx, 500, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 3, 500, 500, 0x31, false);
  // Enable reads 0, the other bits as written; COUNT keeps its value.
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(3), cfg & ~STIMER_CFG_ENABLE);
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(3), 500);
  // Never again, even after the guest releases the slot and writes EOM.
  ts_guest_release(&fx, 0, 1);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 500, 0);
  ADVANCE(&fx, 100000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_oneshot_past_count(void) {
  ts_fx_t fx = timer_fx();
  SET_NOW(&fx, 5000);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 4000);
  // Due immediately: the next pass at the same `now` delivers it.
  ADVANCE(&fx, 5000, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 4000, 5000, 0x31, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_oneshot_count_equals_now(void) {
  ts_fx_t fx = timer_fx();
  SET_NOW(&fx, 5000);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 5000);
  ADVANCE(&fx, 5000, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 5000, 5000, 0x31, false);
  ts_fx_free(&fx);
}

// ---- Periodic ----

void test_stimer_timer_periodic_first_period(void) {
  ts_fx_t fx = timer_fx();
  SET_NOW(&fx, 1234);
  // The first period starts at enable, with the last sampled `now`.
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 100);
  ADVANCE(&fx, 1333, 0);
  ADVANCE(&fx, 1334, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 1334, 1334, 0x31, false);
  // Periodic timers stay enabled.
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 1));
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(0), 100);
  ts_fx_free(&fx);
}

// Period 10, exp_time 100 (started at 90); the pass at `fire` delivers exp 100, the next
// message is due at `next` (spec section 4 example: 100 -> 110, 105 -> 110, 135 -> 140).
static void timer_periodic_rearm(uint64_t fire, uint64_t next, uint64_t extra_cfg) {
  ts_fx_t fx = timer_fx();
  SET_NOW(&fx, 90);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1) | extra_cfg, 10);
  ADVANCE(&fx, 99, 0);
  ADVANCE(&fx, fire, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 100, fire, 0x31, false);
  ts_guest_release(&fx, 0, 1);
  // Missed periods are dropped, never caught up.
  ADVANCE(&fx, next - 1, 0);
  EXPECT_NO_EVENT(&fx);
  ADVANCE(&fx, next, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, next, next, 0x31, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_periodic_rearm_on_time(void) {
  timer_periodic_rearm(100, 110, 0);
}

void test_stimer_timer_periodic_rearm_late(void) {
  timer_periodic_rearm(105, 110, 0);
}

void test_stimer_timer_periodic_rearm_missed(void) {
  timer_periodic_rearm(135, 140, 0);
}

void test_stimer_timer_periodic_rearm_grid(void) {
  // Late by exactly two periods: the next is strictly after now (130 -> 140, not 130).
  timer_periodic_rearm(130, 140, 0);
}

void test_stimer_timer_periodic_lazy_same(void) {
  // Lazy is stored only: both values drop missed periods.
  timer_periodic_rearm(135, 140, STIMER_CFG_LAZY);
  timer_periodic_rearm(109, 110, STIMER_CFG_LAZY);
}

void test_stimer_timer_periodic_period_one(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 1);
  for (uint64_t t = 1; t <= 5; t++) {
    ADVANCE(&fx, t, 1);
    EXPECT_DELIVERED(&fx, 0, 1, 0, t, t, 0x31, false);
    ts_guest_release(&fx, 0, 1);
  }
  ADVANCE(&fx, 105, 1);  // 6..104 dropped
  EXPECT_DELIVERED(&fx, 0, 1, 0, 6, 105, 0x31, false);
  ts_guest_release(&fx, 0, 1);
  ADVANCE(&fx, 106, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 106, 106, 0x31, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_periodic_large_values(void) {
  ts_fx_t fx = timer_fx();
  uint64_t p = 1ull << 62;
  SET_NOW(&fx, 3);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), p);
  ADVANCE(&fx, p + 2, 0);
  ADVANCE(&fx, p + 3, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, p + 3, p + 3, 0x31, false);
  ts_guest_release(&fx, 0, 1);
  ADVANCE(&fx, 2 * p + 2, 0);
  ADVANCE(&fx, 2 * p + 7, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 2 * p + 3, 2 * p + 7, 0x31, false);
  ts_fx_free(&fx);
}

// ---- AutoEnable, COUNT = 0, Enable with COUNT = 0 ----

void test_stimer_timer_autoenable_count_enables(void) {
  ts_fx_t fx = timer_fx();
  SET_NOW(&fx, 100);
  uint64_t cfg = STIMER_CFG_AUTO_ENABLE | STIMER_CFG_PERIODIC | STIMER_CFG_SINTX(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(2), cfg);
  ADVANCE(&fx, 100, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(2), 50);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(2), cfg | STIMER_CFG_ENABLE);
  ADVANCE(&fx, 149, 0);
  ADVANCE(&fx, 150, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 2, 150, 150, 0x31, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_count_without_autoenable(void) {
  ts_fx_t fx = timer_fx();
  uint64_t cfg = STIMER_CFG_PERIODIC | STIMER_CFG_SINTX(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), cfg);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(0), 50);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), cfg);
  ADVANCE(&fx, 10000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_count_zero_disables(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 50);
  ADVANCE(&fx, 20, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(0), 0);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 1) & ~STIMER_CFG_ENABLE);
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(0), 0);
  ADVANCE(&fx, 50, 0);
  ADVANCE(&fx, 10000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_count_zero_autoenable(void) {
  ts_fx_t fx = timer_fx();
  uint64_t cfg = TS_CFG_MSG(false, 1) | STIMER_CFG_AUTO_ENABLE;
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(1), cfg);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(1), 100);
  // COUNT := 0 disables regardless of AutoEnable.
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(1), 0);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(1), cfg & ~STIMER_CFG_ENABLE);
  ADVANCE(&fx, 100, 0);
  ADVANCE(&fx, 1000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_config_enable_count0_idle(void) {
  ts_fx_t fx = timer_fx();
  // Enable = 1 with COUNT = 0: enabled in CONFIG but idle.
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, 1));
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(1), TS_CFG_MSG(true, 1));
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, 1));
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(1), TS_CFG_MSG(true, 1));
  ADVANCE(&fx, 0, 0);
  ADVANCE(&fx, 0xFFFFFFFFull, 0);
  EXPECT_NO_EVENT(&fx);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, 1));
  ts_fx_free(&fx);
}

void test_stimer_timer_count_write_starts_enabled(void) {
  ts_fx_t fx = timer_fx();
  SET_NOW(&fx, 10);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(1), TS_CFG_MSG(true, 1));
  ADVANCE(&fx, 20, 0);
  // COUNT step 3: Enable = 1 (no AutoEnable needed) -> start, periodic from now = 20.
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(1), 7);
  ADVANCE(&fx, 26, 0);
  ADVANCE(&fx, 27, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 1, 27, 27, 0x31, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_config_disable_stops(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 10, 10, 0x31, false);
  ts_guest_release(&fx, 0, 1);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), 0);  // kvm-unit-tests shutdown
  ADVANCE(&fx, 20, 0);
  ADVANCE(&fx, 1000, 0);
  EXPECT_NO_EVENT(&fx);
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(0), 10);
  ts_fx_free(&fx);
}

void test_stimer_timer_config_disabled_never_fires(void) {
  ts_fx_t fx = timer_fx();
  // Every bit but Enable (and AutoEnable, DirectMode): nothing happens.
  uint64_t cfg = STIMER_CFG_PERIODIC | STIMER_CFG_LAZY | STIMER_CFG_SINTX(1);
  TIMER_START(&fx, 0, 0, cfg, 10);
  TIMER_START(&fx, 0, 1, STIMER_CFG_SINTX(1), 5);
  ADVANCE(&fx, 5, 0);
  ADVANCE(&fx, 100, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

// ---- SINTx = 0 on CONFIG writes (spec section 3 step 3, Normative KVM rule) ----

void test_stimer_timer_sintx0_rewrite_enabled(void) {
  ts_fx_t fx = timer_fx();
  SINT_SET(&fx, 0, 0, 0x30, 0);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 10);
  // Old Enable = 1, new value non-direct with SINTx = 0: Enable forced to 0, rest stored.
  uint64_t cfg = TS_CFG_MSG(true, 0) | STIMER_CFG_LAZY;
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), cfg);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), cfg & ~STIMER_CFG_ENABLE);
  ADVANCE(&fx, 10, 0);
  ADVANCE(&fx, 1000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_sintx0_first_enable(void) {
  ts_fx_t fx = timer_fx();
  SINT_SET(&fx, 0, 0, 0x30, 0);
  // Old Enable = 0: a write with Enable = 1, SINTx = 0 keeps Enable and delivers to SINT0.
  TIMER_START(&fx, 0, 2, TS_CFG_MSG(false, 0), 10);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(2), TS_CFG_MSG(false, 0));
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 0, 0, 2, 10, 10, 0x30, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_sintx0_rewrite_nonzero(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 2), 10);
  // Boundary: SINTx = 1 on an enabled timer is fine.
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 1));
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 1));
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 10, 10, 0x31, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_sintx0_enabled_with_count0(void) {
  ts_fx_t fx = timer_fx();
  // Old Enable = 1 even though idle (COUNT = 0): the rule still applies.
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 1));
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 0));
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 0) & ~STIMER_CFG_ENABLE);
  ts_fx_free(&fx);
}

void test_stimer_timer_sintx0_direct_keeps_enable(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 10);
  // New value in direct mode: SINTx is ignored, Enable stays.
  uint64_t cfg = TS_CFG_DIRECT(true, 0x55);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), cfg);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), cfg);
  ADVANCE(&fx, 10, 1);
  EXPECT_DIRECT(&fx, 0, 0, 0x55, 10);
  ts_fx_free(&fx);
}

void test_stimer_timer_sintx0_old_direct(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_DIRECT(true, 0x55), 10);
  // Old Enable = 1 (direct); the new value is non-direct with SINTx = 0: forced off.
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 0));
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 0) & ~STIMER_CFG_ENABLE);
  ADVANCE(&fx, 100, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_sintx0_after_oneshot_fired(void) {
  ts_fx_t fx = timer_fx();
  SINT_SET(&fx, 0, 0, 0x30, 0);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, 1), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 1, 10, 10, 0x31, false);
  // The delivery cleared Enable, so this is a first enable: SINTx = 0 is kept.
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(1), 30);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(1), TS_CFG_MSG(false, 0));
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(1), TS_CFG_MSG(false, 0));
  ADVANCE(&fx, 30, 1);
  EXPECT_DELIVERED(&fx, 0, 0, 1, 30, 30, 0x30, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_sintx0_disable_write(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 10);
  // Enable = 0 with SINTx = 0: stored as written.
  uint64_t cfg = STIMER_CFG_PERIODIC | STIMER_CFG_AUTO_ENABLE;
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), cfg);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), cfg);
  ADVANCE(&fx, 100, 0);
  ts_fx_free(&fx);
}

// ---- Restart on rewrite (spec section 3, Normative: restart) ----

void test_stimer_timer_restart_count_rewrite(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 10);  // grid 10, 20, ...
  ADVANCE(&fx, 5, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(0), 10);  // grid restarts at now = 5: 15, 25, ...
  ADVANCE(&fx, 10, 0);
  ADVANCE(&fx, 14, 0);
  ADVANCE(&fx, 15, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 15, 15, 0x31, false);
  ts_guest_release(&fx, 0, 1);
  ADVANCE(&fx, 24, 0);
  ADVANCE(&fx, 25, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 25, 25, 0x31, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_restart_config_rewrite(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 10, 10, 0x31, false);
  ts_guest_release(&fx, 0, 1);
  ADVANCE(&fx, 13, 0);
  // Same value again: restart at now = 13 (not 20).
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 1));
  ADVANCE(&fx, 20, 0);
  ADVANCE(&fx, 23, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 23, 23, 0x31, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_restart_oneshot_new_count(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 100);
  ADVANCE(&fx, 50, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(0), 200);
  ADVANCE(&fx, 100, 0);
  ADVANCE(&fx, 199, 0);
  ADVANCE(&fx, 200, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 200, 200, 0x31, false);
  // Earlier absolute COUNT works the other way too.
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, 2), 1000);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(1), 300);
  ADVANCE(&fx, 300, 1);
  EXPECT_DELIVERED(&fx, 0, 2, 1, 300, 300, 0xF1, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_restart_pending_count(void) {
  ts_fx_t fx = timer_fx();
  ts_fill_slot(&fx, 0, 1);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, 1, 0, 0, 100);
  // COUNT rewrite discards the pending expiry: the ack finds nothing to retry.
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(0), 200);
  ASSERT_TRUE(ts_guest_release(&fx, 0, 1));  // flag was set: writes EOM
  ADVANCE(&fx, 150, 0);
  EXPECT_NO_EVENT(&fx);
  ADVANCE(&fx, 200, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 200, 200, 0x31, false);
  ts_fx_free(&fx);
}

void test_stimer_timer_restart_pending_disable(void) {
  ts_fx_t fx = timer_fx();
  ts_fill_slot(&fx, 0, 1);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, 1, 0, 0, 100);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), 0);
  ASSERT_TRUE(ts_guest_release(&fx, 0, 1));
  ADVANCE(&fx, 100, 0);
  ADVANCE(&fx, 1000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_timer_restart_pending_rearm(void) {
  ts_fx_t fx = timer_fx();
  ts_fill_slot(&fx, 0, 1);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, 1, 0, 0, 100);
  ADVANCE(&fx, 120, 0);  // pending: no retry without an acknowledge
  // The rewrite cancels (msg_pending := 0) and starts again: COUNT 100 <= now, due at once,
  // without any acknowledge.
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(false, 1));
  ADVANCE(&fx, 130, 1);
  EXPECT_BUSY_PENDING(&fx, 0, 1, 0, 1, 130);  // flags were 1 already (IMPDEF-ST-5)
  ts_fx_free(&fx);
}

void test_stimer_timer_restart_pending_periodic(void) {
  ts_fx_t fx = timer_fx();
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0));  // SIM page off
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, 1), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_UNAVAILABLE, 10);
  ADVANCE(&fx, 12, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(0), 10);  // discards exp 10; grid 22, 32, ...
  SYNIC_ON(&fx, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 12, 0);
  ADVANCE(&fx, 21, 0);
  EXPECT_NO_EVENT(&fx);
  ADVANCE(&fx, 22, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 22, 22, 0x31, false);
  ts_fx_free(&fx);
}

// ---- Several timers, service order ----

void test_stimer_timer_order_four_independent(void) {
  ts_fx_t fx = timer_fx();
  for (uint32_t n = 0; n < 4; n++) {
    SINT_SET(&fx, 0, 4 + n, 0x50 + n, 0);
    TIMER_START(&fx, 0, n, TS_CFG_MSG(true, 4 + n), 10 * (n + 1));  // 10, 20, 30, 40
  }
  uint64_t exp[4] = {10, 20, 30, 40};
  for (uint64_t t = 5; t <= 200; t += 5) {
    size_t due = 0;
    for (uint32_t n = 0; n < 4; n++) {
      due += t >= exp[n];
    }
    ADVANCE(&fx, t, due);
    for (uint32_t n = 0; n < 4; n++) {
      if (t >= exp[n]) {
        EXPECT_DELIVERED(&fx, 0, 4 + n, n, exp[n], t, 0x50 + n, false);
        ts_guest_release(&fx, 0, 4 + n);
        exp[n] += 10 * (n + 1);
      }
    }
    EXPECT_NO_EVENT(&fx);
  }
  ts_fx_free(&fx);
}

void test_stimer_timer_order_by_index_not_deadline(void) {
  ts_fx_t fx = timer_fx();
  SINT_SET(&fx, 0, 5, 0x55, 0);
  TIMER_START(&fx, 0, 3, TS_CFG_MSG(false, 5), 40);  // earliest deadline, highest index
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, 2), 50);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 60);
  ADVANCE(&fx, 70, 3);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 60, 70, 0x31, false);
  EXPECT_DELIVERED(&fx, 0, 2, 1, 50, 70, 0xF1, false);
  EXPECT_DELIVERED(&fx, 0, 5, 3, 40, 70, 0x55, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

// ---- Direct mode (spec section 4, Normative: always success) ----

void test_stimer_timer_direct_oneshot(void) {
  ts_fx_t fx = timer_fx();
  size_t reads = test_mem_reads(fx.mem);
  size_t writes = test_mem_writes(fx.mem);
  uint64_t cfg = TS_CFG_DIRECT(false, 0xF3);
  TIMER_START(&fx, 0, 0, cfg, 100);
  ADVANCE(&fx, 99, 0);
  ADVANCE(&fx, 150, 1);
  EXPECT_DIRECT(&fx, 0, 0, 0xF3, 150);
  EXPECT_NO_EVENT(&fx);
  // No SIM access at all; a one-shot is disabled after its (always successful) delivery.
  ASSERT_EQ(test_mem_reads(fx.mem), reads);
  ASSERT_EQ(test_mem_writes(fx.mem), writes);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), cfg & ~STIMER_CFG_ENABLE);
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(0), 100);
  ADVANCE(&fx, 1000, 0);
  ts_fx_free(&fx);
}

void test_stimer_timer_direct_periodic_grid(void) {
  ts_fx_t fx = timer_fx();
  TIMER_START(&fx, 0, 1, TS_CFG_DIRECT(true, 0xF4), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_DIRECT(&fx, 0, 1, 0xF4, 10);
  // The next interrupt needs no acknowledge; missed periods are dropped as in message mode.
  ADVANCE(&fx, 20, 1);
  EXPECT_DIRECT(&fx, 0, 1, 0xF4, 20);
  ADVANCE(&fx, 55, 1);
  EXPECT_DIRECT(&fx, 0, 1, 0xF4, 55);
  ADVANCE(&fx, 59, 0);
  ADVANCE(&fx, 60, 1);
  EXPECT_DIRECT(&fx, 0, 1, 0xF4, 60);
  EXPECT_NO_EVENT(&fx);
  ASSERT_TRUE(ts_page_is_zero(&fx, 0));
  ts_fx_free(&fx);
}

void test_stimer_timer_direct_ignores_synic(void) {
  ts_fx_t fx = ts_fx_new(1);
  // SynIC off (SCONTROL = 0, SIMP off), all SINTs masked, SINTx = 5: direct still succeeds.
  uint64_t cfg = TS_CFG_DIRECT(false, 0x20) | STIMER_CFG_SINTX(5);
  TIMER_START(&fx, 0, 2, cfg, 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_DIRECT(&fx, 0, 2, 0x20, 10);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_reads(fx.mem), 0);
  ASSERT_EQ(test_mem_writes(fx.mem), 0);
  ts_fx_free(&fx);
}

void test_stimer_timer_direct_busy_slot_ignored(void) {
  ts_fx_t fx = timer_fx();
  ts_fill_slot(&fx, 0, 0);
  ts_fill_slot(&fx, 0, 1);
  // A full slot of SINTx does not matter in direct mode; the vector is ApicVector, auto_eoi 0.
  TIMER_START(&fx, 0, 0, TS_CFG_DIRECT(false, 0xFF) | STIMER_CFG_SINTX(1), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_DIRECT(&fx, 0, 0, 0xFF, 10);
  ASSERT_EQ(ts_slot_flags(&fx, 0, 1), 0);
  ts_fx_free(&fx);
}

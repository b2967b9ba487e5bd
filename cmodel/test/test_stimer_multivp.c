// SPDX-License-Identifier: Apache-2.0
// stimer with several VPs: per-VP state, service order VP then timer, 64 VPs x 4 timers
// (spec/stimer.md section 4; docs/interfaces.md section 4.2).
#include "test_stimer_util.h"

#define MVP_N 64

// SINT of timer n on a VP in these tests, and its vector (distinct per VP and SINT).
static uint32_t mvp_sint(uint32_t vp, uint32_t n) {
  return (vp + 3 * n) % STIMER_NUM_SINTS;
}

static uint8_t mvp_vector(uint32_t vp, uint32_t n) {
  return (uint8_t)(0x20 + ((vp * 4 + n) % 0xD0));
}

static ts_fx_t mvp_fx(uint32_t num_vp) {
  ts_fx_t fx = ts_fx_new(num_vp);
  for (uint32_t vp = 0; vp < num_vp; vp++) {
    SYNIC_ON(&fx, vp);
    for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
      bool auto_eoi = ((vp + n) & 1) != 0;
      SINT_SET(&fx, vp, mvp_sint(vp, n), mvp_vector(vp, n), auto_eoi ? STIMER_SINT_AUTO_EOI : 0);
    }
  }
  return fx;
}

void test_stimer_multivp_64x4_one_shot(void) {
  ts_fx_t fx = mvp_fx(MVP_N);
  // Programmed in reverse order, with different deadlines, all due in one pass.
  for (uint32_t vp = MVP_N; vp-- > 0;) {
    for (uint32_t n = STIMER_NUM_TIMERS; n-- > 0;) {
      TIMER_START(&fx, vp, n, TS_CFG_MSG(false, mvp_sint(vp, n)), 1000 + vp * 4 + (3 - n));
    }
  }
  ADVANCE(&fx, 999, 0);
  ADVANCE(&fx, 2000, MVP_N * STIMER_NUM_TIMERS);
  // Service order: VP 0..63, within a VP timer 0..3.
  for (uint32_t vp = 0; vp < MVP_N; vp++) {
    for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
      EXPECT_DELIVERED(&fx, vp, mvp_sint(vp, n), n, 1000 + vp * 4 + (3 - n), 2000,
                       mvp_vector(vp, n), ((vp + n) & 1) != 0);
    }
  }
  EXPECT_NO_EVENT(&fx);
  for (uint32_t vp = 0; vp < MVP_N; vp++) {
    for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
      ASSERT_MSR(&fx, vp, STIMER_MSR_CONFIG(n), TS_CFG_MSG(false, mvp_sint(vp, n)) & ~1ull);
    }
  }
  ADVANCE(&fx, 5000, 0);
  ts_fx_free(&fx);
}

void test_stimer_multivp_64x4_periodic(void) {
  ts_fx_t fx = mvp_fx(MVP_N);
  uint64_t exp[MVP_N][STIMER_NUM_TIMERS];
  SET_NOW(&fx, 7);
  for (uint32_t vp = 0; vp < MVP_N; vp++) {
    for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
      uint64_t period = 10 + ((vp * 7 + n * 13) % 23);
      TIMER_START(&fx, vp, n, TS_CFG_MSG(true, mvp_sint(vp, n)), period);
      exp[vp][n] = 7 + period;
    }
  }
  for (uint64_t now = 10; now <= 400; now += 9) {
    size_t due = 0;
    for (uint32_t vp = 0; vp < MVP_N; vp++) {
      for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
        due += now >= exp[vp][n];
      }
    }
    ADVANCE(&fx, now, due);
    for (uint32_t vp = 0; vp < MVP_N; vp++) {
      for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
        if (now < exp[vp][n]) {
          continue;
        }
        uint64_t period = 10 + ((vp * 7 + n * 13) % 23);
        EXPECT_DELIVERED(&fx, vp, mvp_sint(vp, n), n, exp[vp][n], now, mvp_vector(vp, n),
                         ((vp + n) & 1) != 0);
        ts_guest_release(&fx, vp, mvp_sint(vp, n));
        exp[vp][n] += ((now - exp[vp][n]) / period + 1) * period;
      }
    }
    EXPECT_NO_EVENT(&fx);
  }
  ts_fx_free(&fx);
}

void test_stimer_multivp_service_order(void) {
  ts_fx_t fx = mvp_fx(3);
  // VP 2 timer 0, VP 0 timer 3, VP 1 timer 1: VP order first, whatever the deadlines.
  TIMER_START(&fx, 2, 0, TS_CFG_MSG(false, mvp_sint(2, 0)), 10);
  TIMER_START(&fx, 0, 3, TS_CFG_MSG(false, mvp_sint(0, 3)), 30);
  TIMER_START(&fx, 1, 1, TS_CFG_MSG(false, mvp_sint(1, 1)), 20);
  SET_NOW(&fx, 40);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_DELIVERED(&fx, 0, mvp_sint(0, 3), 3, 30, 40, mvp_vector(0, 3), true);
  EXPECT_NO_EVENT(&fx);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_DELIVERED(&fx, 1, mvp_sint(1, 1), 1, 20, 40, mvp_vector(1, 1), false);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_DELIVERED(&fx, 2, mvp_sint(2, 0), 0, 10, 40, mvp_vector(2, 0), false);
  ASSERT_FALSE(stimer_step(fx.st));
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_multivp_msr_independent(void) {
  ts_fx_t fx = ts_fx_new(3);
  MSR_WRITE(&fx, 1, STIMER_MSR_SCONTROL, 1);
  MSR_WRITE(&fx, 1, STIMER_MSR_SIEFP, 0x5000);
  MSR_WRITE(&fx, 1, STIMER_MSR_SINT(4), 0x44);
  MSR_WRITE(&fx, 1, STIMER_MSR_CONFIG(2), STIMER_CFG_PERIODIC);
  MSR_WRITE(&fx, 1, STIMER_MSR_COUNT(2), 99);
  for (uint32_t vp = 0; vp < 3; vp += 2) {
    ASSERT_MSR(&fx, vp, STIMER_MSR_SCONTROL, 0);
    ASSERT_MSR(&fx, vp, STIMER_MSR_SIEFP, 0);
    ASSERT_MSR(&fx, vp, STIMER_MSR_SINT(4), STIMER_SINT_RESET);
    ASSERT_MSR(&fx, vp, STIMER_MSR_CONFIG(2), 0);
    ASSERT_MSR(&fx, vp, STIMER_MSR_COUNT(2), 0);
  }
  ASSERT_MSR(&fx, 1, STIMER_MSR_SINT(4), 0x44);
  ASSERT_MSR(&fx, 1, STIMER_MSR_COUNT(2), 99);
  // SIMP of VP 2 zeroes VP 2's page only.
  test_mem_write(fx.mem, TS_SIMP_BASE(0) + 8, 0x77, 8);
  SYNIC_ON(&fx, 2);
  ASSERT_EQ(test_mem_read(fx.mem, TS_SIMP_BASE(0) + 8, 8), 0x77);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SIMP, 0);
  ts_fx_free(&fx);
}

void test_stimer_multivp_own_page(void) {
  ts_fx_t fx = mvp_fx(2);
  // Same timer index and SINT on both VPs: each message goes to its own VP's page.
  SINT_SET(&fx, 0, 6, 0x66, 0);
  SINT_SET(&fx, 1, 6, 0x67, 0);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, 6), 100);
  TIMER_START(&fx, 1, 1, TS_CFG_MSG(false, 6), 200);
  ADVANCE(&fx, 150, 1);
  EXPECT_DELIVERED(&fx, 0, 6, 1, 100, 150, 0x66, false);
  ASSERT_EQ(ts_slot_type(&fx, 1, 6), 0);
  ADVANCE(&fx, 250, 1);
  EXPECT_DELIVERED(&fx, 1, 6, 1, 200, 250, 0x67, false);
  ts_fx_free(&fx);
}

void test_stimer_multivp_eom_per_vp(void) {
  ts_fx_t fx = mvp_fx(2);
  SINT_SET(&fx, 0, 6, 0x66, 0);
  SINT_SET(&fx, 1, 6, 0x66, 0);
  ts_fill_slot(&fx, 0, 6);
  ts_fill_slot(&fx, 1, 6);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 6), 100);
  TIMER_START(&fx, 1, 0, TS_CFG_MSG(false, 6), 100);
  ADVANCE(&fx, 100, 2);
  EXPECT_BUSY_PENDING(&fx, 0, 6, 0, 0, 100);
  EXPECT_BUSY_PENDING(&fx, 1, 6, 0, 0, 100);
  test_mem_write(fx.mem, TS_SLOT(0, 6), 0, 4);
  test_mem_write(fx.mem, TS_SLOT(1, 6), 0, 4);
  // EOM on VP 1 acknowledges VP 1's SINTs only.
  MSR_WRITE(&fx, 1, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 110, 1);
  EXPECT_DELIVERED(&fx, 1, 6, 0, 100, 110, 0x66, false);
  EXPECT_NO_EVENT(&fx);
  // EOI on VP 0 with the shared vector acknowledges VP 0 only.
  ASSERT_EQ(stimer_eoi(fx.st, 0, 0x66), STIMER_OK);
  ADVANCE(&fx, 120, 1);
  EXPECT_DELIVERED(&fx, 0, 6, 0, 100, 120, 0x66, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_multivp_eoi_per_vp(void) {
  ts_fx_t fx = mvp_fx(2);
  SINT_SET(&fx, 0, 6, 0x66, 0);
  SINT_SET(&fx, 1, 6, 0x66, 0);
  ts_fill_slot(&fx, 0, 6);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 6), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_BUSY_PENDING(&fx, 0, 6, 0, 0, 100);
  test_mem_write(fx.mem, TS_SLOT(0, 6), 0, 4);
  ASSERT_EQ(stimer_eoi(fx.st, 1, 0x66), STIMER_OK);
  ADVANCE(&fx, 110, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_multivp_simp_off_one_vp(void) {
  ts_fx_t fx = mvp_fx(2);
  SINT_SET(&fx, 0, 6, 0x66, 0);
  SINT_SET(&fx, 1, 6, 0x67, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0));  // VP 0 page off
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 6), 100);
  TIMER_START(&fx, 1, 0, TS_CFG_MSG(false, 6), 100);
  ADVANCE(&fx, 100, 2);
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_UNAVAILABLE, 100);
  EXPECT_DELIVERED(&fx, 1, 6, 0, 100, 100, 0x67, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_multivp_num_vp_max(void) {
  ts_fx_t fx = ts_fx_new(256);
  SYNIC_ON(&fx, 255);
  SINT_SET(&fx, 255, 1, 0x31, 0);
  TIMER_START(&fx, 255, 3, TS_CFG_MSG(false, 1), 10);
  MSR_WRITE_GP(&fx, 256, STIMER_MSR_SINT(1), 0x31);
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 255, 1, 3, 10, 10, 0x31, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_multivp_time_ref_shared(void) {
  ts_fx_t fx = ts_fx_new(MVP_N);
  ADVANCE(&fx, 424242, 0);
  for (uint32_t vp = 0; vp < MVP_N; vp++) {
    ASSERT_MSR(&fx, vp, STIMER_MSR_TIME_REF_COUNT, 424242);
  }
  ts_fx_free(&fx);
}

// SPDX-License-Identifier: Apache-2.0
// Contracts of the stimer API that the other cases leave open (stimer.h, docs/interfaces.md
// section 4.2): a pass's cursor only moves forward, the in-place event run of a single event,
// dropping from a ring whose head is not 0, the value a #GP read returns, and a SIM page's
// zeroing beats queued behind events already in the ring.
#include "test_stimer_util.h"

#define TC_VEC(vp, n) ((uint8_t)(0x40 + 4 * (vp) + (n)))  // direct-mode vector of each timer

// A one-shot direct-mode timer whose deadline `at` has passed when it is armed (or will pass).
static void tc_arm(ts_fx_t *fx, uint32_t vp, uint32_t n, uint64_t at) {
  TIMER_START(fx, vp, n, TS_CFG_DIRECT(false, TC_VEC(vp, n)), at);
}

// A pass gives each timer at most one attempt, VP then timer order; a timer that becomes due
// behind the cursor waits for the next pass, one ahead of it is attempted in this one, and the
// end of a pass is final: stimer_step keeps returning false until stimer_set_now.
void test_stimer_api_pass_cursor_forward(void) {
  ts_fx_t fx = ts_fx_new(3);
  tc_arm(&fx, 1, 2, 10);
  tc_arm(&fx, 2, 0, 10);
  SET_NOW(&fx, 10);
  ASSERT_TRUE(stimer_step(fx.st));  // VP 1 timer 2
  EXPECT_DIRECT(&fx, 1, 2, TC_VEC(1, 2), 10);
  EXPECT_NO_EVENT(&fx);
  // Due now, behind the cursor: VP 0 (any timer) and VP 1 timers 0..2. Ahead: VP 1 timer 3.
  tc_arm(&fx, 0, 1, 5);
  tc_arm(&fx, 0, 3, 9);
  tc_arm(&fx, 1, 1, 10);
  tc_arm(&fx, 1, 3, 7);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_DIRECT(&fx, 1, 3, TC_VEC(1, 3), 10);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_DIRECT(&fx, 2, 0, TC_VEC(2, 0), 10);
  for (int i = 0; i < 4; i++) {
    ASSERT_FALSE(stimer_step(fx.st));  // the pass is over, and stays over
  }
  EXPECT_NO_EVENT(&fx);
  // The next pass attempts the ones it passed, in order.
  SET_NOW(&fx, 11);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_DIRECT(&fx, 0, 1, TC_VEC(0, 1), 11);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_DIRECT(&fx, 0, 3, TC_VEC(0, 3), 11);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_DIRECT(&fx, 1, 1, TC_VEC(1, 1), 11);
  ASSERT_FALSE(stimer_step(fx.st));
  ASSERT_FALSE(stimer_step(fx.st));
  EXPECT_NO_EVENT(&fx);
  // A pass with nothing due is over at once; one-shots fired once (Enable cleared).
  ADVANCE(&fx, 1000, 0);
  ASSERT_FALSE(stimer_step(fx.st));
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

// stimer_event_run with exactly one queued event: 1 and that event; after it is dropped, 0 and
// NULL.
void test_stimer_api_event_run_single(void) {
  ts_fx_t fx = ts_fx_new(1);
  tc_arm(&fx, 0, 2, 3);
  ADVANCE(&fx, 3, 1);  // two events: the interrupt, then the retire
  ASSERT_EQ(stimer_event_count(fx.st), 2);
  EXPECT_IRQ(&fx, 0, TC_VEC(0, 2), false);
  const stimer_event_t *run = NULL;
  ASSERT_EQ(stimer_event_run(fx.st, &run), 1);
  ASSERT_TRUE(run != NULL);
  ASSERT_EQ(run[0].kind, STIMER_EV_RETIRE);
  ASSERT_EQ(run[0].u.retire.vp, 0);
  ASSERT_EQ(run[0].u.retire.timer, 2);
  ASSERT_EQ(stimer_event_count(fx.st), 1);  // reading in place pops nothing
  stimer_drop_events(fx.st, 1);
  ASSERT_EQ(stimer_event_count(fx.st), 0);
  ASSERT_EQ(stimer_event_run(fx.st, &run), 0);
  ASSERT_TRUE(run == NULL);  // none: NULL, never a stale pointer into the ring
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

// stimer_drop_events(n) with n below the count drops exactly the n oldest, whatever the ring's
// head (0 or not) and n (odd or even): the rest pop in order.
void test_stimer_api_drop_events_any_head(void) {
  static const size_t drops[] = {1, 2, 3, 5, 7, 8, 63, 64, 65, 101, 255, 256, 509};
  for (size_t head = 0; head < 4; head++) {
    for (size_t di = 0; di < sizeof(drops) / sizeof(drops[0]); di++) {
      size_t n = drops[di];
      ts_fx_t fx = ts_fx_new(1);
      MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0) | 1);  // 512 write beats
      for (size_t i = 0; i < head; i++) {
        EXPECT_MEM_WRITE(&fx, TS_SIMP_BASE(0) + 8 * i, 0, 0xFF);
      }
      stimer_drop_events(fx.st, n);
      ASSERT_EQ(stimer_event_count(fx.st), 512 - head - n);
      for (size_t i = head + n; i < 512; i++) {
        EXPECT_MEM_WRITE(&fx, TS_SIMP_BASE(0) + 8 * i, 0, 0xFF);
      }
      EXPECT_NO_EVENT(&fx);
      ts_fx_free(&fx);
    }
  }
}

// A #GP read writes 0 to *value (stimer.h): an unknown MSR, vp >= NumVp, a feature-gated MSR.
static void tc_read_gp_zero(ts_fx_t *fx, uint32_t vp, uint32_t msr) {
  uint64_t v = 0xDEADBEEFCAFEF00Dull;
  ASSERT_EQ(stimer_msr_read(fx->st, vp, msr, &v), STIMER_GP);
  ASSERT_EQ(v, 0);
}

void test_stimer_api_read_gp_zeroes_value(void) {
  ts_fx_t fx = ts_fx_new(2);
  tc_read_gp_zero(&fx, 0, 0x12345678u);               // no such MSR
  tc_read_gp_zero(&fx, 0, STIMER_MSR_CONFIG(0) + 8);  // past the timer MSRs
  tc_read_gp_zero(&fx, 2, STIMER_MSR_CONFIG(0));      // vp == NumVp
  tc_read_gp_zero(&fx, 255, STIMER_MSR_SIMP);
  ts_fx_free(&fx);
  // Each feature switched off: two MSRs it gates (spec/stimer.md section 1).
  static const struct {
    int feat;  // 0 stimer, 1 SynIC, 2 time reference
    uint32_t msr[2];
  } gated[] = {
      {0, {STIMER_MSR_CONFIG(1), STIMER_MSR_COUNT(3)}},
      {1, {STIMER_MSR_SIMP, STIMER_MSR_SINT(4)}},
      {2, {STIMER_MSR_TIME_REF_COUNT, STIMER_MSR_TIME_REF_COUNT}},
  };
  for (size_t i = 0; i < sizeof(gated) / sizeof(gated[0]); i++) {
    stimer_config_t cfg = stimer_default_config(1);
    cfg.feat_stimer = gated[i].feat != 0;
    cfg.feat_synic = gated[i].feat != 1;
    cfg.feat_time_ref = gated[i].feat != 2;
    fx = ts_fx_new_cfg(&cfg);
    tc_read_gp_zero(&fx, 0, gated[i].msr[0]);
    tc_read_gp_zero(&fx, 0, gated[i].msr[1]);
    ts_fx_free(&fx);
  }
}

// A SIMP enable with a page-clearing call (per-beat events) queues its 512 beats after the
// events already queued, with the ring's head not at 0: the old events pop first, then the
// beats in address order with the faults of the memory.
void test_stimer_msr_simp_zero_after_queued(void) {
  static const size_t pops[] = {1, 100, 300, 511};
  for (size_t pi = 0; pi < sizeof(pops) / sizeof(pops[0]); pi++) {
    ts_fx_t fx = ts_fx_new(2);
    ASSERT_EQ(stimer_set_zero_page(fx.st, test_mem_zero_page), STIMER_OK);
    ASSERT_EQ(stimer_set_zero_runs(fx.st, false), STIMER_OK);
    // Beats 3, 64..65 and 511 of VP 1's page fault.
    const uint64_t p1 = TS_SIMP_BASE(1);
    test_mem_add_fault(fx.mem, p1 + 8 * 3, p1 + 8 * 4);
    test_mem_add_fault(fx.mem, p1 + 8 * 64, p1 + 8 * 66);
    test_mem_add_fault(fx.mem, p1 + 8 * 511, p1 + 8 * 512);
    MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0) | 1);
    for (size_t i = 0; i < pops[pi]; i++) {
      EXPECT_MEM_WRITE(&fx, TS_SIMP_BASE(0) + 8 * i, 0, 0xFF);
    }
    MSR_WRITE(&fx, 1, STIMER_MSR_SIMP, p1 | 1);
    ASSERT_EQ(test_mem_zero_pages(fx.mem), 2);
    ASSERT_EQ(stimer_event_count(fx.st), 512 - pops[pi] + 512);
    for (size_t i = pops[pi]; i < 512; i++) {
      EXPECT_MEM_WRITE(&fx, TS_SIMP_BASE(0) + 8 * i, 0, 0xFF);
    }
    for (unsigned i = 0; i < 512; i++) {
      bool fault = i == 3 || i == 64 || i == 65 || i == 511;
      EXPECT_MEM_WRITE_FAULT(&fx, p1 + 8ull * i, 0, 0xFF, fault);
    }
    EXPECT_NO_EVENT(&fx);
    // And a later event queues behind them.
    MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0) | 1);
    for (unsigned i = 0; i < 512; i++) {
      EXPECT_MEM_WRITE(&fx, TS_SIMP_BASE(0) + 8ull * i, 0, 0xFF);
    }
    EXPECT_NO_EVENT(&fx);
    ts_fx_free(&fx);
  }
}

// SPDX-License-Identifier: Apache-2.0
// stimer acceptance scenarios T1-T16 (spec/stimer.md section 7), with every delivered message
// checked in full (all 40 bytes, expiration_time and delivery_time included).
#include "test_stimer_util.h"

// ---- A guest in the style of kvm-unit-tests x86/hyperv_stimer.c ----

#define KUT_START 1000ull  // `now` when the timers are started
#define KUT_MIN_MSGS 1000

typedef struct {
  uint64_t start;  // grid origin (periodic) or COUNT (one-shot)
  uint64_t exp;    // next expected expiration_time, 0 = none expected
  size_t fired;    // messages or direct interrupts seen
} kut_timer_t;

typedef struct {
  ts_fx_t fx;
  uint32_t num_vp;
  bool direct;
  kut_timer_t t[8][2];  // [vp][timer 0/1]
  bool busy[8][2];      // slot of the timer's SINT holds an unread message
  uint64_t now;
  uint32_t rng;
  size_t lost;     // periodic ticks that found the slot busy
  size_t dropped;  // periods skipped because `now` jumped past them
} kut_t;

static uint32_t kut_rand(kut_t *k) {
  k->rng = k->rng * 1103515245u + 12345u;
  return k->rng >> 8;
}

static uint32_t kut_sint(uint32_t timer) {
  return timer == 0 ? TS_SINT_EOI : TS_SINT_AUTO;
}

static uint8_t kut_vector(const kut_t *k, uint32_t timer) {
  if (k->direct) {
    return timer == 0 ? TS_VEC_DIRECT0 : TS_VEC_DIRECT1;
  }
  return timer == 0 ? TS_VEC_EOI : TS_VEC_AUTO;
}

// prepare: SynIC on, SINT 2 -> 0xF1, SINT 3 -> 0xF2 AutoEOI, on every VP.
static void kut_prepare(kut_t *k, uint32_t num_vp, bool direct) {
  k->fx = ts_fx_new(num_vp);
  k->num_vp = num_vp;
  k->direct = direct;
  k->now = KUT_START;
  k->rng = 12345;
  k->lost = 0;
  k->dropped = 0;
  for (uint32_t vp = 0; vp < num_vp; vp++) {
    SYNIC_ON(&k->fx, vp);
    KUT_SINTS(&k->fx, vp);
    for (uint32_t n = 0; n < 2; n++) {
      k->t[vp][n] = (kut_timer_t){0, 0, 0};
      k->busy[vp][n] = false;
    }
  }
  SET_NOW(&k->fx, k->now);
}

static uint64_t kut_config(const kut_t *k, uint32_t timer, bool periodic, bool auto_enable) {
  uint64_t cfg = STIMER_CFG_ENABLE | (periodic ? STIMER_CFG_PERIODIC : 0) |
                 (auto_enable ? STIMER_CFG_AUTO_ENABLE : 0);
  if (k->direct) {
    return cfg | STIMER_CFG_DIRECT | STIMER_CFG_APIC_VECTOR(kut_vector(k, timer));
  }
  return cfg | STIMER_CFG_SINTX(kut_sint(timer));
}

// kvm-unit-tests `stimer_start`: one-shot COUNT = TIME_REF_COUNT + tick; without AutoEnable
// COUNT then CONFIG, with AutoEnable CONFIG then COUNT.
static void kut_start(kut_t *k, uint32_t vp, uint32_t timer, bool auto_enable, bool periodic,
                      uint64_t tick) {
  uint64_t cfg = kut_config(k, timer, periodic, auto_enable);
  uint64_t count = tick;
  if (!periodic) {
    count = MSR_READ(&k->fx, vp, STIMER_MSR_TIME_REF_COUNT) + tick;
  }
  if (!auto_enable) {
    MSR_WRITE(&k->fx, vp, STIMER_MSR_COUNT(timer), count);
    MSR_WRITE(&k->fx, vp, STIMER_MSR_CONFIG(timer), cfg);
  } else {
    MSR_WRITE(&k->fx, vp, STIMER_MSR_CONFIG(timer), cfg);
    MSR_WRITE(&k->fx, vp, STIMER_MSR_COUNT(timer), count);
  }
  ASSERT_MSR(&k->fx, vp, STIMER_MSR_CONFIG(timer), cfg);
  k->t[vp][timer].start = periodic ? k->now : count;
  k->t[vp][timer].exp = periodic ? k->now + tick : count;
  k->t[vp][timer].fired = 0;
}

// The guest ISR of kvm-unit-tests: scan all 16 slots, check them, clear the type, write EOM if
// msg_pending; APIC EOI for the non-AutoEOI vector.
static void kut_isr(kut_t *k, uint32_t vp) {
  for (uint32_t s = 0; s < STIMER_NUM_SINTS; s++) {
    uint64_t slot = TS_SLOT(vp, s);
    uint32_t type = (uint32_t)test_mem_read(k->fx.mem, slot, 4);
    if (type == 0) {
      continue;
    }
    ASSERT_EQ(type, STIMER_MSG_TIMER_EXPIRED);
    ASSERT_TRUE(test_mem_read(k->fx.mem, slot + 4, 1) >= 24);
    ASSERT_TRUE(test_mem_read(k->fx.mem, slot + 0x10, 4) < 4);
    ts_guest_release(&k->fx, vp, s);
    if (s == TS_SINT_EOI) {
      ASSERT_EQ(stimer_eoi(k->fx.st, vp, TS_VEC_EOI), STIMER_OK);
    }
  }
  k->busy[vp][0] = false;
  k->busy[vp][1] = false;
}

// One pass at `now`: checks every attempt against the spec's rules for the two timers.
static void kut_pass(kut_t *k, uint64_t now, bool periodic) {
  size_t due = 0;
  for (uint32_t vp = 0; vp < k->num_vp; vp++) {
    for (uint32_t n = 0; n < 2; n++) {
      due += k->t[vp][n].exp != 0 && now >= k->t[vp][n].exp;
    }
  }
  k->now = now;
  ADVANCE(&k->fx, now, due);
  for (uint32_t vp = 0; vp < k->num_vp; vp++) {  // service order: VP, then timer
    for (uint32_t n = 0; n < 2; n++) {
      kut_timer_t *t = &k->t[vp][n];
      if (t->exp == 0 || now < t->exp) {
        continue;
      }
      if (periodic) {
        ASSERT_EQ((t->exp - t->start) % TS_TICK, 0);  // on the grid start + k * tick
      }
      if (k->direct) {
        EXPECT_DIRECT(&k->fx, vp, n, kut_vector(k, n), now);
        t->fired++;
      } else if (k->busy[vp][n]) {
        ASSERT_TRUE(periodic);
        EXPECT_RETIRE(&k->fx, vp, n, STIMER_OUT_BUSY_LOST, now);
        k->lost++;
      } else {
        EXPECT_DELIVERED(&k->fx, vp, kut_sint(n), n, t->exp, now, kut_vector(k, n), n == 1);
        k->busy[vp][n] = true;
        t->fired++;
      }
      // Periodic: the smallest grid point strictly after now; one-shot: done.
      k->dropped += periodic ? (now - t->exp) / TS_TICK : 0;
      t->exp = periodic ? t->exp + ((now - t->exp) / TS_TICK + 1) * TS_TICK : 0;
    }
  }
  EXPECT_NO_EVENT(&k->fx);
}

static void kut_finish(kut_t *k) {
  for (uint32_t vp = 0; vp < k->num_vp; vp++) {
    for (uint32_t n = 0; n < 2; n++) {
      MSR_WRITE(&k->fx, vp, STIMER_MSR_CONFIG(n), 0);  // shutdown
    }
  }
  ADVANCE(&k->fx, k->now + 100 * TS_TICK, 0);
  EXPECT_NO_EVENT(&k->fx);
  if (k->direct) {
    // Direct mode never touches the SIM page.
    for (uint32_t vp = 0; vp < k->num_vp; vp++) {
      ASSERT_TRUE(ts_page_is_zero(&k->fx, vp));
    }
  }
  ts_fx_free(&k->fx);
}

static bool kut_enough(const kut_t *k, uint32_t timers) {
  for (uint32_t vp = 0; vp < k->num_vp; vp++) {
    for (uint32_t n = 0; n < timers; n++) {
      if (k->t[vp][n].fired < KUT_MIN_MSGS) {
        return false;
      }
    }
  }
  return true;
}

// T1 (T6 with `direct`): periodic timer0 (SINT2) + timer1 (SINT3), period 10000, on every VP.
// `now` advances by random steps, some over several periods; `isr_every` > 1 delays the ISR
// so that ticks find the slot busy.
static void kut_periodic(uint32_t num_vp, bool direct, bool auto_enable, uint32_t timers,
                         uint32_t isr_every) {
  kut_t k;
  kut_prepare(&k, num_vp, direct);
  for (uint32_t vp = 0; vp < num_vp; vp++) {
    for (uint32_t n = 0; n < timers; n++) {
      kut_start(&k, vp, n, auto_enable, true, TS_TICK);
    }
  }
  size_t passes = 0;
  while (!kut_enough(&k, timers)) {
    uint64_t step = 1 + kut_rand(&k) % (2 * TS_TICK + TS_TICK / 2);
    kut_pass(&k, k.now + step, true);
    if (kut_rand(&k) % isr_every == 0) {
      for (uint32_t vp = 0; vp < num_vp; vp++) {
        kut_isr(&k, vp);
      }
    }
    passes++;
    ASSERT_TRUE(passes < 100000);
  }
  // The random steps did exercise the rules they are meant to: missed periods dropped, and
  // with a late ISR, ticks lost on a busy slot.
  ASSERT_NE(k.dropped, 0);
  if (isr_every > 1 && !direct) {
    ASSERT_NE(k.lost, 0);
  }
  kut_finish(&k);
}

// T2/T3 (T6 with `direct`): one one-shot timer, exactly one message.
static void kut_one_shot(uint32_t timer, bool direct, bool auto_enable) {
  kut_t k;
  kut_prepare(&k, 1, direct);
  kut_pass(&k, 123456, false);
  kut_start(&k, 0, timer, auto_enable, false, TS_TICK);
  uint64_t cfg = kut_config(&k, timer, false, auto_enable);
  ASSERT_EQ(k.t[0][timer].exp, 123456 + TS_TICK);
  for (uint64_t now = 123456; now < 123456 + 20 * TS_TICK; now += 3000) {
    kut_pass(&k, now, false);
    kut_isr(&k, 0);
  }
  ASSERT_EQ(k.t[0][timer].fired, 1);
  // CONFIG.Enable reads 0 afterwards; COUNT unchanged.
  ASSERT_MSR(&k.fx, 0, STIMER_MSR_CONFIG(timer), cfg & ~STIMER_CFG_ENABLE);
  ASSERT_MSR(&k.fx, 0, STIMER_MSR_COUNT(timer), 123456 + TS_TICK);
  kut_finish(&k);
}

void test_stimer_accept_t1_periodic(void) {
  kut_periodic(1, false, false, 2, 1);
}

void test_stimer_accept_t1_periodic_smp2(void) {
  kut_periodic(2, false, false, 2, 1);
}

void test_stimer_accept_t1_periodic_isr_late(void) {
  kut_periodic(2, false, false, 2, 3);
}

void test_stimer_accept_t2_one_shot(void) {
  kut_one_shot(0, false, false);
}

void test_stimer_accept_t3_auto_enable_one_shot(void) {
  kut_one_shot(1, false, true);
}

void test_stimer_accept_t4_auto_enable_periodic(void) {
  kut_periodic(1, false, true, 1, 1);
}

void test_stimer_accept_t4_exact_grid(void) {
  // Passes exactly on the grid: every message has delivery_time == expiration_time.
  kut_t k;
  kut_prepare(&k, 1, false);
  kut_start(&k, 0, 0, true, true, TS_TICK);
  for (uint64_t i = 1; i <= KUT_MIN_MSGS; i++) {
    kut_pass(&k, KUT_START + i * TS_TICK - 1, true);
    kut_pass(&k, KUT_START + i * TS_TICK, true);
    kut_isr(&k, 0);
  }
  ASSERT_EQ(k.t[0][0].fired, KUT_MIN_MSGS);
  kut_finish(&k);
}

void test_stimer_accept_t5_busy_slot(void) {
  kut_t k;
  kut_prepare(&k, 1, false);
  uint64_t slot = TS_SLOT(0, TS_SINT_EOI);
  test_mem_write(k.fx.mem, slot, STIMER_MSG_TIMER_EXPIRED, 4);
  kut_start(&k, 0, 0, false, false, TS_TICK);
  uint64_t exp = KUT_START + TS_TICK;
  ADVANCE(&k.fx, KUT_START + 5000, 0);
  // "no timer fired while msg slot busy": only the msg_pending flag, no message, no interrupt.
  ADVANCE(&k.fx, exp + 7, 1);
  EXPECT_BUSY_PENDING(&k.fx, 0, TS_SINT_EOI, 0, 0, exp + 7);
  EXPECT_NO_EVENT(&k.fx);
  ASSERT_EQ(ts_slot_flags(&k.fx, 0, TS_SINT_EOI), 1);
  ASSERT_EQ(test_mem_read(k.fx.mem, slot, 8), 0x0000010080000010ull);
  ASSERT_EQ(test_mem_read(k.fx.mem, slot + 0x18, 8), 0);
  for (uint64_t t = exp + 1000; t < exp + 10 * TS_TICK; t += 1000) {
    ADVANCE(&k.fx, t, 0);
  }
  // The guest releases the slot and writes EOM: "timer resumed when msg slot released".
  test_mem_write(k.fx.mem, slot, 0, 4);
  MSR_WRITE(&k.fx, 0, STIMER_MSR_EOM, 0);
  uint64_t now = exp + 10 * TS_TICK;
  ADVANCE(&k.fx, now, 1);
  EXPECT_DELIVERED(&k.fx, 0, TS_SINT_EOI, 0, exp, now, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&k.fx);
  kut_isr(&k, 0);
  ADVANCE(&k.fx, now + 10 * TS_TICK, 0);  // delivered once
  k.now = now + 10 * TS_TICK;
  kut_finish(&k);
}

void test_stimer_accept_t6_direct_periodic(void) {
  kut_periodic(2, true, false, 2, 1);
}

void test_stimer_accept_t6_direct_one_shot(void) {
  kut_one_shot(0, true, false);
}

void test_stimer_accept_t6_direct_auto_one_shot(void) {
  kut_one_shot(1, true, true);
}

void test_stimer_accept_t6_direct_auto_periodic(void) {
  kut_periodic(1, true, true, 1, 1);
}

// ---- Spec-derived scenarios with deterministic `now` ----

static ts_fx_t accept_fx(void) {
  ts_fx_t fx = ts_fx_new(1);
  SYNIC_ON(&fx, 0);
  KUT_SINTS(&fx, 0);
  return fx;
}

void test_stimer_accept_t7_count_in_past(void) {
  ts_fx_t fx = accept_fx();
  ADVANCE(&fx, 50000, 0);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 40000);
  ADVANCE(&fx, 50000, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 40000, 50000, TS_VEC_EOI, false);
  // COUNT == now fires at once too.
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_AUTO), 50000);
  ADVANCE(&fx, 50000, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 1, 50000, 50000, TS_VEC_AUTO, true);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_accept_t8_count_zero_auto_enable(void) {
  ts_fx_t fx = accept_fx();
  uint64_t cfg = TS_CFG_MSG(true, TS_SINT_EOI) | STIMER_CFG_AUTO_ENABLE;
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), cfg);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(0), 0);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), cfg & ~STIMER_CFG_ENABLE);
  // Running AutoEnable one-shot, then COUNT := 0.
  cfg = TS_CFG_MSG(false, TS_SINT_AUTO) | STIMER_CFG_AUTO_ENABLE;
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(1), cfg);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(1), 500);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(1), 0);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(1), cfg & ~STIMER_CFG_ENABLE);
  ADVANCE(&fx, 500, 0);
  ADVANCE(&fx, 1000000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_accept_t9_sintx0(void) {
  ts_fx_t fx = accept_fx();
  SINT_SET(&fx, 0, 0, 0x30, 0);
  // Rewrite of an enabled timer with SINTx = 0: Enable reads 0, nothing fires.
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, TS_SINT_EOI), 100);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, 0));
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), STIMER_CFG_PERIODIC);
  // First-time enable with SINTx = 0: stays enabled, delivers to SINT0.
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(true, 0), 100);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(1), TS_CFG_MSG(true, 0));
  ADVANCE(&fx, 100, 1);
  EXPECT_DELIVERED(&fx, 0, 0, 1, 100, 100, 0x30, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_accept_t10_jump(void) {
  ts_fx_t fx = accept_fx();
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, TS_SINT_EOI), 10);  // started at 0
  ADVANCE(&fx, 35, 1);  // 0 -> 35: one message (exp 10); 20 and 30 dropped
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 10, 35, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ts_guest_release(&fx, 0, TS_SINT_EOI);
  ADVANCE(&fx, 39, 0);
  ADVANCE(&fx, 40, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 40, 40, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_accept_t11_periodic_busy(void) {
  ts_fx_t fx = accept_fx();
  ts_fill_slot(&fx, 0, TS_SINT_AUTO);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(true, TS_SINT_AUTO), 10);
  ADVANCE(&fx, 10, 1);
  EXPECT_RETIRE(&fx, 0, 1, STIMER_OUT_BUSY_LOST, 10);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(ts_slot_flags(&fx, 0, TS_SINT_AUTO), 0);  // flags untouched
  ASSERT_EQ(ts_slot_type(&fx, 0, TS_SINT_AUTO), STIMER_MSG_TIMER_EXPIRED);
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_AUTO), 0, 4);
  ADVANCE(&fx, 19, 0);
  ADVANCE(&fx, 20, 1);  // next tick on the grid
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 1, 20, 20, TS_VEC_AUTO, true);
  ts_fx_free(&fx);
}

void test_stimer_accept_t12_tie_same_sint(void) {
  ts_fx_t fx = accept_fx();
  TIMER_START(&fx, 0, 2, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  TIMER_START(&fx, 0, 3, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 2);
  EXPECT_DELIVERED_THEN_BUSY(&fx, 0, TS_SINT_EOI, 2, 100, 100, TS_VEC_EOI, false);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_EOI, 3, 0, 100);
  EXPECT_NO_EVENT(&fx);
  // The second waits for the EOM (ISR: clear type, flag set -> EOM, then EOI).
  ADVANCE(&fx, 110, 0);
  ASSERT_TRUE(ts_guest_release(&fx, 0, TS_SINT_EOI));
  ADVANCE(&fx, 120, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 3, 100, 120, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_accept_t13_simp_disabled(void) {
  ts_fx_t fx = ts_fx_new(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  KUT_SINTS(&fx, 0);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  ADVANCE(&fx, 100, 1);
  EXPECT_RETIRE(&fx, 0, 0, STIMER_OUT_UNAVAILABLE, 100);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_writes(fx.mem), 0);
  SYNIC_ON(&fx, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 150, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 100, 150, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_accept_t14_masked_polling(void) {
  ts_fx_t fx = accept_fx();
  SINT_SET(&fx, 0, TS_SINT_EOI, TS_VEC_EOI, STIMER_SINT_MASKED);
  SINT_SET(&fx, 0, TS_SINT_AUTO, TS_VEC_AUTO, STIMER_SINT_POLLING);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, TS_SINT_EOI), 100);
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_AUTO), 100);
  ADVANCE(&fx, 100, 2);
  EXPECT_NO_IRQ(&fx, 0, TS_SINT_EOI, 0, 100, 100);
  EXPECT_NO_IRQ(&fx, 0, TS_SINT_AUTO, 1, 100, 100);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_accept_t15_auto_eoi(void) {
  ts_fx_t fx = accept_fx();
  TIMER_START(&fx, 0, 1, TS_CFG_MSG(false, TS_SINT_AUTO), 100);
  TIMER_START(&fx, 0, 2, TS_CFG_MSG(false, TS_SINT_AUTO), 100);
  ADVANCE(&fx, 100, 2);
  // Interrupt with auto_eoi = 1 (no ISR bit; the guest writes no APIC EOI).
  EXPECT_DELIVERED_THEN_BUSY(&fx, 0, TS_SINT_AUTO, 1, 100, 100, TS_VEC_AUTO, true);
  EXPECT_BUSY_PENDING(&fx, 0, TS_SINT_AUTO, 2, 0, 100);
  EXPECT_NO_EVENT(&fx);
  // Without EOI the only acknowledge is EOM.
  test_mem_write(fx.mem, TS_SLOT(0, TS_SINT_AUTO), 0, 4);
  ADVANCE(&fx, 200, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  ADVANCE(&fx, 300, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_AUTO, 2, 100, 300, TS_VEC_AUTO, true);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_accept_t16_reset_and_gp(void) {
  ts_fx_t fx = ts_fx_new(2);
  for (uint32_t vp = 0; vp < 2; vp++) {
    ASSERT_MSR(&fx, vp, STIMER_MSR_SCONTROL, 0);
    ASSERT_MSR(&fx, vp, STIMER_MSR_SVERSION, 1);
    ASSERT_MSR(&fx, vp, STIMER_MSR_SIEFP, 0);
    ASSERT_MSR(&fx, vp, STIMER_MSR_SIMP, 0);
    ASSERT_MSR(&fx, vp, STIMER_MSR_EOM, 0);
    for (uint32_t n = 0; n < STIMER_NUM_SINTS; n++) {
      ASSERT_MSR(&fx, vp, STIMER_MSR_SINT(n), 0x10000);
    }
    for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
      ASSERT_MSR(&fx, vp, STIMER_MSR_CONFIG(n), 0);
      ASSERT_MSR(&fx, vp, STIMER_MSR_COUNT(n), 0);
    }
  }
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_SINT(0), 15);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(0), 0x10000);
  MSR_WRITE(&fx, 0, STIMER_MSR_SINT(0), 15 | STIMER_SINT_MASKED);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(0), 15 | STIMER_SINT_MASKED);
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_SVERSION, 1);
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 1);
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

// kvm-unit-tests x86/hyperv_synic.c shape: 16 SINTs on 0xB0-0xBF, AutoEOI on 3, 8, 10, 14,
// each triggered once (here by one-shot timers, four per round) => exactly 16 interrupts.
void test_stimer_accept_synic_16_sints(void) {
  ts_fx_t fx = ts_fx_new(2);
  for (uint32_t vp = 0; vp < 2; vp++) {
    SYNIC_ON(&fx, vp);
    for (uint32_t s = 0; s < STIMER_NUM_SINTS; s++) {
      bool auto_eoi = s == 3 || s == 8 || s == 10 || s == 14;
      SINT_SET(&fx, vp, s, 0xB0 + s, auto_eoi ? STIMER_SINT_AUTO_EOI : 0);
    }
  }
  size_t irqs = 0;
  for (uint32_t round = 0; round < 4; round++) {
    uint64_t t = 1000 * (round + 1);
    for (uint32_t vp = 0; vp < 2; vp++) {
      for (uint32_t n = 0; n < 4; n++) {
        TIMER_START(&fx, vp, n, TS_CFG_MSG(false, 4 * round + n), t);
      }
    }
    ADVANCE(&fx, t, 8);
    for (uint32_t vp = 0; vp < 2; vp++) {
      for (uint32_t n = 0; n < 4; n++) {
        uint32_t s = 4 * round + n;
        bool auto_eoi = s == 3 || s == 8 || s == 10 || s == 14;
        EXPECT_DELIVERED(&fx, vp, s, n, t, t, 0xB0 + s, auto_eoi);
        irqs++;
      }
    }
    EXPECT_NO_EVENT(&fx);
  }
  ASSERT_EQ(irqs, 32);  // 16 per VP
  ASSERT_MSR(&fx, 0, STIMER_MSR_EOM, 0);
  ts_fx_free(&fx);
}

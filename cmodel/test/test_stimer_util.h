// SPDX-License-Identifier: Apache-2.0
// Shared fixture and assertions for the stimer model tests (spec/stimer.md, interfaces.md 4).
#ifndef TEST_STIMER_UTIL_H
#define TEST_STIMER_UTIL_H

#include <stdbool.h>
#include <stdint.h>

#include "stimer.h"
#include "test.h"
#include "test_mem.h"

// SIM page of each VP in the tests: 64 KiB apart so that a stray write lands in no other page.
#define TS_SIMP_BASE(vp) (0x00100000ull + (uint64_t)(vp)*0x10000ull)
// Slot n of the SIM page starts at base + 256 n (spec section 4).
#define TS_SLOT(vp, sint) (TS_SIMP_BASE(vp) + (uint64_t)STIMER_SLOT_BYTES * (uint64_t)(sint))
// The +00 beat of a timer message: message_type, payload_size 24, flags 0, reserved 0.
#define TS_MSG_HEADER (0x0000001880000010ull)

// Constants of the kvm-unit-tests scenario (spec section 7).
#define TS_SINT_EOI 2      // SINT 2: vector 0xF1, the ISR writes APIC EOI
#define TS_SINT_AUTO 3     // SINT 3: vector 0xF2, AutoEOI
#define TS_VEC_EOI 0xF1u   // vector of SINT 2
#define TS_VEC_AUTO 0xF2u  // vector of SINT 3
#define TS_VEC_DIRECT0 0xF3u
#define TS_VEC_DIRECT1 0xF4u
#define TS_TICK 10000ull  // 1 ms

typedef struct {
  stimer_t *st;
  test_mem_t *mem;
  stimer_config_t cfg;
} ts_fx_t;

/** A model on a fresh all-zero memory with `cfg`; creation must succeed. */
ts_fx_t ts_fx_new_cfg(const stimer_config_t *cfg);
/** The default config (every feature, SCONTROL gate) for `num_vp` VPs. */
ts_fx_t ts_fx_new(uint32_t num_vp);
void ts_fx_free(ts_fx_t *fx);

// ---- Checked wrappers (each reports the caller's line) ----
void ts_msr_write_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t msr,
                     uint64_t value, stimer_status_t expect);
uint64_t ts_msr_read_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t msr);
void ts_msr_read_gp_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t msr);

#define MSR_WRITE(fx, vp, msr, value) \
  ts_msr_write_at(__FILE__, __LINE__, (fx), (vp), (msr), (value), STIMER_OK)
#define MSR_WRITE_GP(fx, vp, msr, value) \
  ts_msr_write_at(__FILE__, __LINE__, (fx), (vp), (msr), (value), STIMER_GP)
#define MSR_READ(fx, vp, msr) ts_msr_read_at(__FILE__, __LINE__, (fx), (vp), (msr))
#define MSR_READ_GP(fx, vp, msr) ts_msr_read_gp_at(__FILE__, __LINE__, (fx), (vp), (msr))
#define ASSERT_MSR(fx, vp, msr, expect) ASSERT_EQ(MSR_READ((fx), (vp), (msr)), (expect))

// ---- Set-up helpers ----
/**
 * Turns the SynIC of `vp` on: SCONTROL := 1, SIMP := TS_SIMP_BASE(vp) | 1, and checks and drops
 * the 512 zeroing beats. SINTs keep their reset value (masked).
 */
void ts_synic_on_at(const char *file, int line, ts_fx_t *fx, uint32_t vp);
#define SYNIC_ON(fx, vp) ts_synic_on_at(__FILE__, __LINE__, (fx), (vp))
/** SINTn := vector | flags (flags: STIMER_SINT_MASKED, _AUTO_EOI, _POLLING). */
#define SINT_SET(fx, vp, sint, vector, flags) \
  MSR_WRITE((fx), (vp), STIMER_MSR_SINT(sint), (uint64_t)(vector) | (flags))
/** The kvm-unit-tests routes on `vp`: SINT2 -> 0xF1, SINT3 -> 0xF2 AutoEOI. */
void ts_kut_sints_at(const char *file, int line, ts_fx_t *fx, uint32_t vp);
#define KUT_SINTS(fx, vp) ts_kut_sints_at(__FILE__, __LINE__, (fx), (vp))

/** stimer_set_now must accept `now`. */
#define SET_NOW(fx, now) ASSERT_EQ(stimer_set_now((fx)->st, (now)), STIMER_OK)
/** stimer_advance(now) must make exactly `n` attempts. */
#define ADVANCE(fx, now, n) ASSERT_EQ(stimer_advance((fx)->st, (now)), (n))

// ---- Event assertions (pop the oldest event and check it) ----
void ts_expect_mem_write_at(const char *file, int line, ts_fx_t *fx, uint64_t addr, uint64_t data,
                            uint8_t be, bool fault);
void ts_expect_irq_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint8_t vector,
                      bool auto_eoi);
void ts_expect_retire_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t timer,
                         stimer_outcome_t outcome, uint64_t now);
void ts_expect_no_event_at(const char *file, int line, ts_fx_t *fx);
/** Pops the five beats of a timer message (+08, +10, +18, +20, +00) in that order. */
void ts_expect_msg_beats_at(const char *file, int line, ts_fx_t *fx, uint64_t slot, uint32_t timer,
                            uint64_t exp, uint64_t delivery);
/** Checks the 40 bytes of the message in memory at `slot`, the flags byte against `flags`. */
void ts_expect_slot_msg_at(const char *file, int line, ts_fx_t *fx, uint64_t slot, uint32_t timer,
                           uint64_t exp, uint64_t delivery, uint8_t flags);
/**
 * One message-mode delivery: the five beats, the 40 bytes in memory, then (for DELIVERED) the
 * interrupt {vp, vector, auto_eoi}, then the retire record. `outcome` is DELIVERED or NO_IRQ.
 */
void ts_expect_delivery_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t sint,
                           uint32_t timer, uint64_t exp, uint64_t now, stimer_outcome_t outcome,
                           uint8_t vector, bool auto_eoi, uint8_t flags);
/** One direct-mode attempt: the interrupt {vp, vector, 0}, then the retire DIRECT. */
void ts_expect_direct_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t timer,
                         uint8_t vector, uint64_t now);
/** One one-shot busy attempt: the flags beat (be 0x20, byte 5 = old flags | 1), then retire. */
void ts_expect_busy_pending_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t sint,
                               uint32_t timer, uint8_t old_flags, uint64_t now);

#define EXPECT_MEM_WRITE(fx, addr, data, be) \
  ts_expect_mem_write_at(__FILE__, __LINE__, (fx), (addr), (data), (be), false)
#define EXPECT_MEM_WRITE_FAULT(fx, addr, data, be, fault) \
  ts_expect_mem_write_at(__FILE__, __LINE__, (fx), (addr), (data), (be), (fault))
#define EXPECT_IRQ(fx, vp, vector, auto_eoi) \
  ts_expect_irq_at(__FILE__, __LINE__, (fx), (vp), (vector), (auto_eoi))
#define EXPECT_RETIRE(fx, vp, timer, outcome, now) \
  ts_expect_retire_at(__FILE__, __LINE__, (fx), (vp), (timer), (outcome), (now))
#define EXPECT_NO_EVENT(fx) ts_expect_no_event_at(__FILE__, __LINE__, (fx))
#define EXPECT_MSG_BEATS(fx, slot, timer, exp, delivery) \
  ts_expect_msg_beats_at(__FILE__, __LINE__, (fx), (slot), (timer), (exp), (delivery))
#define EXPECT_SLOT_MSG(fx, slot, timer, exp, delivery) \
  ts_expect_slot_msg_at(__FILE__, __LINE__, (fx), (slot), (timer), (exp), (delivery), 0)
// The same after a later busy attempt in the same pass set the flags byte.
#define EXPECT_SLOT_MSG_FLAGS(fx, slot, timer, exp, delivery, flags) \
  ts_expect_slot_msg_at(__FILE__, __LINE__, (fx), (slot), (timer), (exp), (delivery), (flags))
#define EXPECT_DELIVERED(fx, vp, sint, timer, exp, now, vector, auto_eoi)              \
  ts_expect_delivery_at(__FILE__, __LINE__, (fx), (vp), (sint), (timer), (exp), (now), \
                        STIMER_OUT_DELIVERED, (vector), (auto_eoi), 0)
// A delivery whose slot a later attempt of the same pass found busy (flags byte now 1): the
// memory check runs when the events are popped, after that flags write.
#define EXPECT_DELIVERED_THEN_BUSY(fx, vp, sint, timer, exp, now, vector, auto_eoi)    \
  ts_expect_delivery_at(__FILE__, __LINE__, (fx), (vp), (sint), (timer), (exp), (now), \
                        STIMER_OUT_DELIVERED, (vector), (auto_eoi), 1)
#define EXPECT_NO_IRQ(fx, vp, sint, timer, exp, now)                                   \
  ts_expect_delivery_at(__FILE__, __LINE__, (fx), (vp), (sint), (timer), (exp), (now), \
                        STIMER_OUT_NO_IRQ, 0, false, 0)
#define EXPECT_DIRECT(fx, vp, timer, vector, now) \
  ts_expect_direct_at(__FILE__, __LINE__, (fx), (vp), (timer), (vector), (now))
#define EXPECT_BUSY_PENDING(fx, vp, sint, timer, old_flags, now) \
  ts_expect_busy_pending_at(__FILE__, __LINE__, (fx), (vp), (sint), (timer), (old_flags), (now))

// ---- Guest-side helpers ----
/** Writes message_type := 0x80000010 (payload_size 24) in a slot, as another sender would. */
void ts_fill_slot(ts_fx_t *fx, uint32_t vp, uint32_t sint);
/** The guest ISR for one slot: message_type := 0, then EOM if flags.msg_pending; returns it. */
bool ts_guest_release(ts_fx_t *fx, uint32_t vp, uint32_t sint);
/** message_type (4 bytes) and flags byte of a slot, read directly. */
uint32_t ts_slot_type(ts_fx_t *fx, uint32_t vp, uint32_t sint);
uint8_t ts_slot_flags(ts_fx_t *fx, uint32_t vp, uint32_t sint);
/** True if the 4 KiB SIM page of `vp` is all zero. */
bool ts_page_is_zero(ts_fx_t *fx, uint32_t vp);

// ---- Timer programming (kvm-unit-tests `stimer_start` order, spec section 3) ----
/** CONFIG value for a message-mode timer. */
#define TS_CFG_MSG(periodic, sint) \
  (STIMER_CFG_ENABLE | ((periodic) ? STIMER_CFG_PERIODIC : 0) | STIMER_CFG_SINTX(sint))
/** CONFIG value for a direct-mode timer. */
#define TS_CFG_DIRECT(periodic, vector)                                             \
  (STIMER_CFG_ENABLE | ((periodic) ? STIMER_CFG_PERIODIC : 0) | STIMER_CFG_DIRECT | \
   STIMER_CFG_APIC_VECTOR(vector))
/** Without AutoEnable: COUNT then CONFIG. */
#define TIMER_START(fx, vp, n, config, count)              \
  do {                                                     \
    MSR_WRITE((fx), (vp), STIMER_MSR_COUNT(n), (count));   \
    MSR_WRITE((fx), (vp), STIMER_MSR_CONFIG(n), (config)); \
  } while (0)

#endif  // TEST_STIMER_UTIL_H

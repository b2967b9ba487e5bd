// SPDX-License-Identifier: Apache-2.0
// stimer timers: CONFIG/COUNT writes, start, expiry and SIM/direct delivery (spec/stimer.md 3-4).
#include <string.h>

#include "stimer_int.h"

static bool stimer_enabled(const stimer__timer_t *t) {
  return (t->config & STIMER_CFG_ENABLE) != 0;
}

static bool stimer_periodic(const stimer__timer_t *t) {
  return (t->config & STIMER_CFG_PERIODIC) != 0;
}

static unsigned stimer_sintx(uint64_t config) {
  return (unsigned)STIMER__FX(config, STIMER__CFG_SINTX_SH, STIMER__CFG_SINTX_LEN);
}

// spec section 3, CONFIG step 2: drop the deadline and any undelivered expiry.
static void stimer_cancel(stimer__timer_t *t) {
  t->exp_time = 0;
  t->msg_pending = false;
  t->acked = false;
}

// spec section 4 "start" (KVM `stimer_start`); the caller checked Enable=1 and COUNT != 0.
static void stimer_start(stimer__timer_t *t, uint64_t now) {
  if (!stimer_periodic(t)) {
    // One-shot: COUNT is the absolute expiry; a past value is due in the next pass.
    t->exp_time = t->count;
  } else if (t->exp_time == 0) {
    // Fresh start: the first period begins now. Overflow is unspecified (spec section 3).
    t->exp_time = now + t->count;
  } else {
    // Re-arm after a fire (only stimer_evaluate after an attempt gets here with exp_time != 0,
    // and an attempt needs now >= exp_time): next grid point strictly after `now`; missed
    // periods are dropped. Lazy (bit 2) is ignored: KVM rule for both values (spec section 4,
    // Normative).
    uint64_t r = (now - t->exp_time) % t->count;
    t->exp_time = now + (t->count - r);
  }
}

// spec section 4 "Evaluation" step 2: re-start unless a notification is pending, or cancel.
// Runs after an attempt, so COUNT != 0: the timer was due, which needs a start (COUNT != 0),
// and a COUNT write cancels; only Enable is left to check.
static void stimer_evaluate(stimer__timer_t *t, uint64_t now) {
  if (stimer_enabled(t)) {
    if (!t->msg_pending) {
      stimer_start(t, now);
    }
  } else {
    stimer_cancel(t);
  }
}

static stimer_status_t stimer_config_write(stimer_t *st, stimer__timer_t *t, uint64_t value) {
  // Step 1: DirectMode needs the CPUID feature (KVM selftest hyperv_features stages 27/28).
  if ((value & STIMER_CFG_DIRECT) != 0 && !st->cfg.feat_direct) {
    return STIMER_GP;
  }
  stimer_cancel(t);
  // Step 3 (Normative, KVM rule): only a timer that was enabled loses Enable on SINTx=0.
  // Only bit 0 changes: the mask is 64 bits wide (~0x1u would also clear bits 63:32).
  if (stimer_enabled(t) && (value & STIMER_CFG_DIRECT) == 0 && stimer_sintx(value) == 0) {
    value &= ~(uint64_t)STIMER_CFG_ENABLE;
  }
  // Step 4: all 64 bits are stored as written (no reserved-bit #GP).
  t->config = value;
  if (stimer_enabled(t) && t->count != 0) {
    stimer_start(t, st->now);
  }
  return STIMER_OK;
}

stimer_status_t stimer__config_write(stimer_t *st, stimer__timer_t *t, uint64_t value) {
  stimer_status_t s = stimer_config_write(st, t, value);
  stimer__timer_changed(st, t);
  return s;
}

static void stimer_count_write(stimer_t *st, stimer__timer_t *t, uint64_t value) {
  stimer_cancel(t);
  t->count = value;
  if (value == 0) {
    // Writing 0 stops and disables the timer regardless of AutoEnable.
    t->config &= ~(uint64_t)STIMER_CFG_ENABLE;  // a 64-bit mask: bits 63:32 are kept
    return;
  }
  if ((t->config & STIMER_CFG_AUTO_ENABLE) != 0) {
    t->config |= STIMER_CFG_ENABLE;
  }
  if (stimer_enabled(t)) {
    stimer_start(t, st->now);
  }
}

void stimer__count_write(stimer_t *st, stimer__timer_t *t, uint64_t value) {
  stimer_count_write(st, t, value);
  stimer__timer_changed(st, t);
}

static void stimer_push_irq(stimer_t *st, uint32_t vp, uint8_t vector, bool auto_eoi) {
  stimer__push_event(st, STIMER_EV_IRQ)->u.irq =
      (stimer_irq_t){.vp = vp, .vector = vector, .auto_eoi = auto_eoi};
}

// spec section 4 step 1: SIMP.Enable=0, or SCONTROL.Enable=0 unless in KVM-compat mode.
static bool synic_slot_available(const stimer_t *st, const stimer__vp_t *v) {
  if ((v->simp & STIMER__SYNIC_ENABLE) == 0) {
    return false;
  }
  return !st->cfg.scontrol_gate || (v->scontrol & STIMER__SYNIC_ENABLE) != 0;
}

// spec section 4 step 2: the slot holds an unconsumed message (`hdr` = its first beat).
static stimer_outcome_t stimer_slot_busy(stimer_t *st, const stimer__timer_t *t, uint64_t slot,
                                         uint64_t hdr) {
  if (stimer_periodic(t)) {
    // KVM `no_retry`: the tick is lost, the slot is not touched, and it counts as success.
    return STIMER_OUT_BUSY_LOST;
  }
  // IMPDEF: IMPDEF-ST-5: byte 5 := flags | 1 is written even when bit 0 is already set.
  // The other byte lanes are disabled (be = 0x20) and carry 0.
  uint64_t flags = STIMER__FX(hdr, STIMER__MSG_FLAGS_SH, STIMER__MSG_FLAGS_LEN);
  uint64_t data = (flags | STIMER__MSG_FLAG_PENDING) << STIMER__MSG_FLAGS_SH;
  if (!stimer__mem_write(st, slot, data, STIMER__BE_FLAGS)) {
    // IMPDEF: IMPDEF-ST-2: a faulting flags write makes the attempt a FAULT failure.
    return STIMER_OUT_FAULT;
  }
  return STIMER_OUT_BUSY_PENDING;
}

// Writes the 40-byte HVMSG_TIMER_EXPIRED message: payload beats first, message_type last
// (docs/interfaces.md section 2). Returns false if any beat faulted.
static bool stimer_write_message(stimer_t *st, uint64_t slot, unsigned idx, uint64_t exp_time) {
  const uint64_t hdr = ((uint64_t)STIMER_MSG_TIMER_EXPIRED << STIMER__MSG_TYPE_SH) |
                       ((uint64_t)STIMER__MSG_PAYLOAD_SIZE << STIMER__MSG_PAYLOAD_SIZE_SH);
  const struct {
    uint64_t off;
    uint64_t data;
  } beats[5] = {
      {STIMER__MSG_OFF_SENDER, 0},
      {STIMER__MSG_OFF_TIMER, idx},  // timer_index, reserved 0
      {STIMER__MSG_OFF_EXPIRATION, exp_time},
      {STIMER__MSG_OFF_DELIVERY, st->now},
      {0, hdr},  // message_type, payload_size, flags 0, reserved 0
  };
  bool ok = true;
  for (unsigned i = 0; i < 5; i++) {
    // IMPDEF: IMPDEF-ST-2: every beat is issued even after a fault.
    if (!stimer__mem_write(st, slot + beats[i].off, beats[i].data, STIMER__BE_ALL)) {
      ok = false;
    }
  }
  return ok;
}

// Message-mode notification (spec section 4), target slot SINTx of CONFIG.
static stimer_outcome_t stimer_notify_message(stimer_t *st, uint32_t vp, unsigned idx) {
  const stimer__vp_t *v = &st->vp[vp];
  const stimer__timer_t *t = &v->timer[idx];
  unsigned sint = stimer_sintx(t->config);
  if (!synic_slot_available(st, v)) {
    return STIMER_OUT_UNAVAILABLE;
  }
  uint64_t slot = (v->simp & STIMER__PAGE_ADDR_MASK) + (uint64_t)STIMER_SLOT_BYTES * sint;
  uint64_t hdr = 0;
  if (!st->mem.read64(st->mem.ctx, slot, &hdr)) {
    // IMPDEF: IMPDEF-ST-2: a faulting busy check is a FAULT failure; nothing is written.
    return STIMER_OUT_FAULT;
  }
  if (STIMER__FX(hdr, STIMER__MSG_TYPE_SH, STIMER__MSG_TYPE_LEN) != 0) {
    return stimer_slot_busy(st, t, slot, hdr);
  }
  if (!stimer_write_message(st, slot, idx, t->exp_time)) {
    // IMPDEF: IMPDEF-ST-2: a faulting message write is a FAULT failure, with no interrupt.
    return STIMER_OUT_FAULT;
  }
  // Normative (TLFS): message written => success; Masked or Polling only drop the interrupt.
  uint64_t sint_reg = v->sint[sint];
  if ((sint_reg & (STIMER_SINT_MASKED | STIMER_SINT_POLLING)) != 0) {
    return STIMER_OUT_NO_IRQ;
  }
  uint8_t vector = (uint8_t)STIMER__FX(sint_reg, STIMER__SINT_VECTOR_SH, STIMER__SINT_VECTOR_LEN);
  stimer_push_irq(st, vp, vector, (sint_reg & STIMER_SINT_AUTO_EOI) != 0);
  return STIMER_OUT_DELIVERED;
}

// Direct-mode notification (spec section 4, Normative): always success, no SIM access.
static stimer_outcome_t stimer_notify_direct(stimer_t *st, uint32_t vp, const stimer__timer_t *t) {
  uint8_t vector =
      (uint8_t)STIMER__FX(t->config, STIMER__CFG_APIC_VECTOR_SH, STIMER__CFG_APIC_VECTOR_LEN);
  stimer_push_irq(st, vp, vector, false);
  return STIMER_OUT_DIRECT;
}

// Success in the sense of KVM `stimer_expiration` (spec section 4 "expire").
static bool stimer_outcome_success(stimer_outcome_t outcome) {
  return outcome == STIMER_OUT_DELIVERED || outcome == STIMER_OUT_NO_IRQ ||
         outcome == STIMER_OUT_DIRECT || outcome == STIMER_OUT_BUSY_LOST;
}

static void stimer_push_retire(stimer_t *st, uint32_t vp, unsigned idx, stimer_outcome_t outcome) {
  const stimer__timer_t *t = &st->vp[vp].timer[idx];
  stimer__push_event(st, STIMER_EV_RETIRE)->u.retire = (stimer_retire_t){
      .kind = STIMER_RT_ATTEMPT,
      .vp = vp,
      .timer = idx,
      .sint = (t->config & STIMER_CFG_DIRECT) != 0 ? 0 : stimer_sintx(t->config),
      .outcome = outcome,
      .now = st->now,
  };
}

void stimer__attempt(stimer_t *st, uint32_t vp, unsigned idx) {
  stimer__timer_t *t = &st->vp[vp].timer[idx];
  // spec section 4 "expire": mark pending, then notify; this attempt consumes any acknowledge.
  t->msg_pending = true;
  t->acked = false;
  stimer_outcome_t outcome = (t->config & STIMER_CFG_DIRECT) != 0
                                 ? stimer_notify_direct(st, vp, t)
                                 : stimer_notify_message(st, vp, idx);
  if (stimer_outcome_success(outcome)) {
    t->msg_pending = false;
    if (!stimer_periodic(t)) {
      // A delivered one-shot disables itself; COUNT keeps its value.
      t->config &= ~(uint64_t)STIMER_CFG_ENABLE;
    }
  }
  // On failure `exp_time` is kept, so a retry reports the original expiration_time.
  stimer_evaluate(t, st->now);
  stimer__timer_changed(st, t);
  stimer_push_retire(st, vp, idx, outcome);
}

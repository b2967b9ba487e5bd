// SPDX-License-Identifier: Apache-2.0
// stimer model internals shared by stimer.c, stimer_msr.c and stimer_timer.c.
#ifndef STIMER_INT_H
#define STIMER_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "cm_evq.h"
#include "stimer.h"

#ifdef __cplusplus
extern "C" {
#endif

// Extracts bits [sh+len-1:sh] of v (len < 64).
#define STIMER__FX(v, sh, len) (((uint64_t)(v) >> (sh)) & ((1ull << (len)) - 1))

#define STIMER__MAX_VP 256u

// STIMERn_CONFIG fields (spec/stimer.md section 3); the single bits are STIMER_CFG_* in stimer.h.
#define STIMER__CFG_APIC_VECTOR_SH 4
#define STIMER__CFG_APIC_VECTOR_LEN 8
#define STIMER__CFG_SINTX_SH 16
#define STIMER__CFG_SINTX_LEN 4

// SINTn fields (spec/stimer.md section 2); Masked/AutoEOI/Polling are STIMER_SINT_* in stimer.h.
#define STIMER__SINT_VECTOR_SH 0
#define STIMER__SINT_VECTOR_LEN 8
#define STIMER__SINT_MIN_VECTOR 16u

// SCONTROL, SIEFP and SIMP: bit 0 Enable; SIMP 63:12 is the page address (spec section 2).
#define STIMER__SYNIC_ENABLE 1ull
#define STIMER__PAGE_ADDR_MASK (~0xFFFull)
#define STIMER__PAGE_BEATS 512u  // 4 KiB in 8-byte beats

// The 40-byte timer message (spec/stimer.md section 4, "Message layout").
#define STIMER__MSG_TYPE_SH 0           // +00, 4 bytes
#define STIMER__MSG_PAYLOAD_SIZE_SH 32  // +04, 1 byte
#define STIMER__MSG_FLAGS_SH 40         // +05, 1 byte
#define STIMER__MSG_FLAGS_LEN 8
#define STIMER__MSG_TYPE_LEN 32
#define STIMER__MSG_PAYLOAD_SIZE 24u
#define STIMER__MSG_FLAG_PENDING 1u
#define STIMER__MSG_OFF_SENDER 0x08u
#define STIMER__MSG_OFF_TIMER 0x10u
#define STIMER__MSG_OFF_EXPIRATION 0x18u
#define STIMER__MSG_OFF_DELIVERY 0x20u
#define STIMER__BE_ALL 0xFFu
#define STIMER__BE_FLAGS 0x20u  // byte lane 5 of the slot's first beat

/** One synthetic timer (spec/stimer.md section 4, "Per-timer state"). */
typedef struct {
  uint64_t config;
  uint64_t count;
  uint64_t exp_time;  // 0 = not started; a live deadline otherwise
  bool msg_pending;   // expired, notification failed, waiting for an acknowledge
  bool acked;         // an acknowledge arrived since the last attempt (docs/interfaces.md 4.2)
} stimer__timer_t;

/** The SynIC and the timers of one VP. */
typedef struct {
  uint64_t scontrol;
  uint64_t siefp;
  uint64_t simp;
  uint64_t sint[STIMER_NUM_SINTS];
  stimer__timer_t timer[STIMER_NUM_TIMERS];
} stimer__vp_t;

struct stimer {
  stimer_config_t cfg;
  cm_mem_ops_t mem;
  cm_mem_zero_page_fn zero_page;  // optional (stimer_set_zero_page), with mem.ctx
  bool zero_runs;                 // a page's zeroing queued as STIMER_EV_MEM_ZERO runs
  uint64_t now;     // the last sampled reference time (docs/interfaces.md section 4.2)
  uint32_t cursor;  // next vp * 4 + timer to visit in the current pass; pass_end when done
  uint32_t pass_end;
  // Unless due_stale: due_any when a timer may be due (stimer__timer_armed), due_min the least
  // deadline of those, due_arg one that has it. A pass before due_min has nothing to visit and
  // skips the scan (stimer_step). Every change of a timer keeps them (stimer__timer_changed).
  uint64_t due_min;
  const stimer__timer_t *due_arg;
  bool due_any;
  bool due_stale;
  cm_evq_t events;  // stimer_event_t records
  stimer__vp_t vp[];
};

// stimer.c
/**
 * Appends an output event of `kind` and returns it for the caller to fill in place (the union
 * member of `kind`, assigned whole). Never NULL: a record the queue cannot hold goes to its
 * spare slot and is counted as lost (cm_evq.h).
 */
static inline stimer_event_t *stimer__push_event(stimer_t *st, stimer_event_kind_t kind) {
  stimer_event_t *ev = cm_evq_push_slot(&st->events);
  ev->kind = kind;
  return ev;
}
/**
 * True when the timer may get an attempt in a pass at a time at or after its deadline
 * (docs/interfaces.md section 4.2: enabled, started, and no failed notification waiting for an
 * acknowledge, spec section 5). Computed without short cuts (& rather than &&): passes ask it of
 * every timer, and branches on random stimulus cost more than the few loads.
 */
static inline bool stimer__timer_armed(const stimer__timer_t *t) {
  return ((t->config & STIMER_CFG_ENABLE) != 0) & (t->exp_time != 0) & (!t->msg_pending | t->acked);
}

/**
 * Called after every change of timer `t` (its CONFIG, COUNT, deadline, msg_pending or acked: a
 * CONFIG or COUNT write, an attempt, an acknowledge), with `t` as it is now: keeps due_* (a
 * timer that now has the least deadline takes it; the one that had it and no longer does makes
 * them stale, computed again at the next pass). A reset makes them stale.
 */
static inline void stimer__timer_changed(stimer_t *st, const stimer__timer_t *t) {
  if (st->due_stale) {
    return;
  }
  bool armed = stimer__timer_armed(t);
  if (t == st->due_arg) {
    if (armed && t->exp_time <= st->due_min) {
      st->due_min = t->exp_time;
    } else {
      st->due_stale = true;
    }
  } else if (armed && (!st->due_any || t->exp_time < st->due_min)) {
    st->due_min = t->exp_time;
    st->due_arg = t;
    st->due_any = true;
  }
}
/** Issues one write beat and queues it as an event, faulting or not; false on a fault. */
bool stimer__mem_write(stimer_t *st, uint64_t addr, uint64_t data, uint8_t be);

// stimer_timer.c
/** Guest write of STIMERn_CONFIG (spec section 3); STIMER_GP leaves the timer unchanged. */
stimer_status_t stimer__config_write(stimer_t *st, stimer__timer_t *t, uint64_t value);
/** Guest write of STIMERn_COUNT (spec section 3). */
void stimer__count_write(stimer_t *st, stimer__timer_t *t, uint64_t value);
/** One delivery attempt of a due timer: expire, notify, re-evaluate, retire (spec section 4). */
void stimer__attempt(stimer_t *st, uint32_t vp, unsigned idx);

#ifdef __cplusplus
}
#endif

#endif  // STIMER_INT_H

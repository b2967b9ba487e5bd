// SPDX-License-Identifier: Apache-2.0
// stimer model core: lifecycle, reference time and passes, output events (docs/interfaces.md 4).
#include <stdlib.h>
#include <string.h>

#include "stimer_int.h"

stimer_config_t stimer_default_config(uint32_t num_vp) {
  stimer_config_t cfg;
  cfg.num_vp = num_vp;
  cfg.feat_time_ref = true;
  cfg.feat_synic = true;
  cfg.feat_stimer = true;
  cfg.feat_direct = true;
  cfg.scontrol_gate = true;
  return cfg;
}

stimer_status_t stimer_create(const stimer_config_t *cfg, const cm_mem_ops_t *mem, stimer_t **out) {
  if (cfg == NULL || mem == NULL || out == NULL || mem->read64 == NULL || mem->write64 == NULL ||
      cfg->num_vp == 0 || cfg->num_vp > STIMER__MAX_VP) {
    return STIMER_ERR_BAD_ARG;
  }
  stimer_t *st = calloc(1, sizeof(*st) + (size_t)cfg->num_vp * sizeof(stimer__vp_t));
  if (st == NULL) {
    // Same status as its_create: the header has no out-of-memory code, and nothing happened.
    return STIMER_ERR_BAD_ARG;
  }
  st->cfg = *cfg;
  st->mem = *mem;
  st->pass_end = cfg->num_vp * STIMER_NUM_TIMERS;
  if (!cm_evq_init(&st->events, sizeof(stimer_event_t))) {
    free(st);
    return STIMER_ERR_BAD_ARG;  // out of memory: as the calloc above, nothing happened
  }
  stimer_reset(st);
  *out = st;
  return STIMER_OK;
}

void stimer_destroy(stimer_t *st) {
  if (st == NULL) {
    return;
  }
  cm_evq_free(&st->events);
  free(st);
}

// Reset values of spec/stimer.md sections 2 and 3: everything 0 except the SINTs (masked).
// SCONTROL resets to 0 (the TLFS value; KVM's 1 is an activation side effect, not a reset).
static void stimer_vp_reset(stimer__vp_t *v) {
  memset(v, 0, sizeof(*v));
  for (unsigned s = 0; s < STIMER_NUM_SINTS; s++) {
    v->sint[s] = STIMER_SINT_RESET;
  }
}

void stimer_reset(stimer_t *st) {
  if (st == NULL) {
    return;
  }
  // IMPDEF: IMPDEF-ST-3: reset issues no memory writes; a zeroed SIM page is the bench's job.
  for (uint32_t i = 0; i < st->cfg.num_vp; i++) {
    stimer_vp_reset(&st->vp[i]);
  }
  st->now = 0;
  st->cursor = st->pass_end;  // no pass in progress until the first stimer_set_now()
  st->due_stale = true;
  cm_evq_clear(&st->events);
}

stimer_status_t stimer_set_zero_page(stimer_t *st, cm_mem_zero_page_fn fn) {
  if (st == NULL) {
    return STIMER_ERR_BAD_ARG;
  }
  st->zero_page = fn;
  return STIMER_OK;
}

stimer_status_t stimer_set_zero_runs(stimer_t *st, bool on) {
  if (st == NULL) {
    return STIMER_ERR_BAD_ARG;
  }
  st->zero_runs = on;
  return STIMER_OK;
}

bool stimer__mem_write(stimer_t *st, uint64_t addr, uint64_t data, uint8_t be) {
  bool ok = st->mem.write64(st->mem.ctx, addr, data, be);
  stimer__push_event(st, STIMER_EV_MEM_WRITE)->u.mem = (cm_mem_write_t){addr, data, be, !ok};
  return ok;
}

stimer_status_t stimer_set_now(stimer_t *st, uint64_t now) {
  // spec/stimer.md section 1: the reference time is monotonic.
  if (st == NULL || now < st->now) {
    return STIMER_ERR_BAD_ARG;
  }
  // IMPDEF: IMPDEF-ST-6: time is sampled once per pass; everything until the next sample
  // (attempts, MSR writes, TIME_REF_COUNT reads) uses this value.
  st->now = now;
  st->cursor = 0;
  return STIMER_OK;
}

// True when the timer gets an attempt in a pass at `now` (docs/interfaces.md section 4.2).
static inline bool stimer_timer_due(const stimer__timer_t *t, uint64_t now) {
  return stimer__timer_armed(t) & (now >= t->exp_time);
}

// Computes due_* (stimer_int.h) from every timer.
static void stimer_due_min(stimer_t *st) {
  uint64_t min = UINT64_MAX;
  const stimer__timer_t *arg = NULL;
  for (uint32_t vp = 0; vp < st->cfg.num_vp; vp++) {
    const stimer__timer_t *t = st->vp[vp].timer;
    for (unsigned idx = 0; idx < STIMER_NUM_TIMERS; idx++) {
      bool take = stimer__timer_armed(&t[idx]) & (arg == NULL || t[idx].exp_time < min);
      min = take ? t[idx].exp_time : min;
      arg = take ? &t[idx] : arg;
    }
  }
  st->due_min = min;
  st->due_arg = arg;
  st->due_any = arg != NULL;
  st->due_stale = false;
}

bool stimer_step(stimer_t *st) {
  if (st == NULL) {
    return false;
  }
  const uint64_t now = st->now;
  // Nothing is due before the least deadline: the pass has nothing to visit. (The scan below
  // decides the same; this is only faster: most passes follow a time step with no timer due.)
  if (st->due_stale) {
    stimer_due_min(st);
  }
  if (!st->due_any || now < st->due_min) {
    st->cursor = st->pass_end;
    return false;
  }
  // Service order VP, then timer index (docs/interfaces.md 4.2; spec section 4 ties). The
  // cursor only moves forward, so each timer gets at most one attempt per pass.
  // A VP's timers are walked in place (pass_end is a whole number of VPs).
  uint32_t pos = st->cursor;
  while (pos < st->pass_end) {
    uint32_t vp = pos / STIMER_NUM_TIMERS;
    const stimer__timer_t *t = st->vp[vp].timer;
    for (unsigned idx = pos % STIMER_NUM_TIMERS; idx < STIMER_NUM_TIMERS; idx++) {
      pos++;
      if (stimer_timer_due(&t[idx], now)) {
        st->cursor = pos;
        stimer__attempt(st, vp, idx);
        return true;
      }
    }
  }
  st->cursor = pos;
  return false;
}

size_t stimer_advance(stimer_t *st, uint64_t now) {
  if (stimer_set_now(st, now) != STIMER_OK) {
    return 0;
  }
  size_t n = 0;
  while (stimer_step(st)) {
    n++;
  }
  return n;
}

bool stimer_pop_event(stimer_t *st, stimer_event_t *ev) {
  if (st == NULL || ev == NULL) {
    return false;
  }
  const stimer_event_t *front = cm_evq_front(&st->events);
  if (front == NULL) {
    return false;
  }
  *ev = *front;
  cm_evq_drop(&st->events);
  return true;
}

size_t stimer_event_count(const stimer_t *st) {
  return st == NULL ? 0 : st->events.count;
}

size_t stimer_event_run(const stimer_t *st, const stimer_event_t **run) {
  if (run == NULL) {
    return 0;
  }
  const void *first = NULL;  // none (also for a NULL model): NULL, as the header says
  size_t n = st == NULL ? 0 : cm_evq_run(&st->events, &first);
  *run = (const stimer_event_t *)first;
  return n;
}

void stimer_drop_events(stimer_t *st, size_t n) {
  if (st != NULL) {
    cm_evq_drop_n(&st->events, n);
  }
}

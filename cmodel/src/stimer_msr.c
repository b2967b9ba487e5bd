// SPDX-License-Identifier: Apache-2.0
// stimer MSRs, SynIC registers, EOM and EOI acknowledge (spec/stimer.md 1-3, 5; interfaces 1.2).
#include "stimer_int.h"

// The MSR classes of docs/interfaces.md section 1.2.
typedef enum {
  STIMER_MSR_K_NONE,
  STIMER_MSR_K_TIME_REF,
  STIMER_MSR_K_SCONTROL,
  STIMER_MSR_K_SVERSION,
  STIMER_MSR_K_SIEFP,
  STIMER_MSR_K_SIMP,
  STIMER_MSR_K_EOM,
  STIMER_MSR_K_SINT,
  STIMER_MSR_K_CONFIG,
  STIMER_MSR_K_COUNT
} stimer_msr_kind_t;

typedef struct {
  stimer_msr_kind_t kind;
  unsigned index;  // SINT number or timer index
} stimer_msr_t;

static stimer_msr_t stimer_msr_decode(uint32_t msr) {
  stimer_msr_t m = {STIMER_MSR_K_NONE, 0};
  if (msr >= STIMER_MSR_SINT(0) && msr < STIMER_MSR_SINT(STIMER_NUM_SINTS)) {
    m.kind = STIMER_MSR_K_SINT;
    m.index = msr - STIMER_MSR_SINT(0);
  } else if (msr >= STIMER_MSR_CONFIG(0) && msr < STIMER_MSR_CONFIG(STIMER_NUM_TIMERS)) {
    m.kind = ((msr - STIMER_MSR_CONFIG(0)) & 1u) == 0 ? STIMER_MSR_K_CONFIG : STIMER_MSR_K_COUNT;
    m.index = (msr - STIMER_MSR_CONFIG(0)) / 2u;
  } else if (msr == STIMER_MSR_TIME_REF_COUNT) {
    m.kind = STIMER_MSR_K_TIME_REF;
  } else if (msr == STIMER_MSR_SCONTROL) {
    m.kind = STIMER_MSR_K_SCONTROL;
  } else if (msr == STIMER_MSR_SVERSION) {
    m.kind = STIMER_MSR_K_SVERSION;
  } else if (msr == STIMER_MSR_SIEFP) {
    m.kind = STIMER_MSR_K_SIEFP;
  } else if (msr == STIMER_MSR_SIMP) {
    m.kind = STIMER_MSR_K_SIMP;
  } else if (msr == STIMER_MSR_EOM) {
    m.kind = STIMER_MSR_K_EOM;
  }
  return m;
}

// spec section 1 access gating (KVM `hv_check_msr_access`): each MSR needs its CPUID bit.
// An unknown MSR is never accessible.
static bool stimer_msr_allowed(const stimer_config_t *cfg, stimer_msr_kind_t kind) {
  switch (kind) {
    case STIMER_MSR_K_NONE:
    default:
      return false;
    case STIMER_MSR_K_TIME_REF:
      return cfg->feat_time_ref;
    case STIMER_MSR_K_SCONTROL:
    case STIMER_MSR_K_SVERSION:
    case STIMER_MSR_K_SIEFP:
    case STIMER_MSR_K_SIMP:
    case STIMER_MSR_K_EOM:
    case STIMER_MSR_K_SINT:
      return cfg->feat_synic;
    case STIMER_MSR_K_CONFIG:
    case STIMER_MSR_K_COUNT:
      return cfg->feat_stimer;
  }
}

// Decodes an access; kind STIMER_MSR_K_NONE means #GP.
static stimer_msr_t stimer_msr_lookup(const stimer_t *st, uint32_t vp, uint32_t msr) {
  // IMPDEF: IMPDEF-ST-1: an unknown MSR or `vp >= NumVp` is a #GP (64-bit-only writes are
  // implicit in this API).
  stimer_msr_t m = {STIMER_MSR_K_NONE, 0};
  if (vp < st->cfg.num_vp) {
    m = stimer_msr_decode(msr);
    if (!stimer_msr_allowed(&st->cfg, m.kind)) {
      m.kind = STIMER_MSR_K_NONE;
    }
  }
  return m;
}

// spec section 5 "SINT acknowledge" (KVM `kvm_hv_notify_acked_sint`): each timer with
// msg_pending = 1, Enable = 1, DirectMode = 0 and SINTx = `sint` gets a retry in the next pass.
// msg_pending = 1 implies the other two here: it is left set only by a failed attempt, which
// keeps Enable (an attempt needs Enable = 1); a direct-mode attempt never fails (spec section 4,
// Normative); a CONFIG or COUNT write clears it.
static void synic_ack_sint(stimer_t *st, stimer__vp_t *v, unsigned sint) {
  for (unsigned i = 0; i < STIMER_NUM_TIMERS; i++) {
    stimer__timer_t *t = &v->timer[i];
    unsigned sintx = (unsigned)STIMER__FX(t->config, STIMER__CFG_SINTX_SH, STIMER__CFG_SINTX_LEN);
    if (t->msg_pending && sintx == sint) {
      t->acked = true;
      stimer__timer_changed(st, t);
    }
  }
}

// Whether beat k of a page faulted, from the mask of the page-clearing call (cm_mem.h).
static bool synic_beat_faulted(const uint64_t faults[CM_PAGE_BEAT_WORDS], unsigned k) {
  return ((faults[k / 64] >> (k % 64)) & 1u) != 0;
}

// The first beat after beat k (k < 512) whose fault differs from beat k's; 512 when none.
static unsigned synic_run_end(const uint64_t faults[CM_PAGE_BEAT_WORDS], unsigned k) {
  bool f = synic_beat_faulted(faults, k);
  uint64_t same = f ? ~0ull : 0;
  unsigned j = k + 1;
  while (j < STIMER__PAGE_BEATS) {
    if (j % 64 == 0 && faults[j / 64] == same) {
      j += 64;  // a whole word of the same outcome
    } else if (synic_beat_faulted(faults, j) != f) {
      return j;
    } else {
      j++;
    }
  }
  return STIMER__PAGE_BEATS;
}

// synic_ack_sint of all 16 SINTs at once (EOM): SINTx is 4 bits wide, so every timer with
// msg_pending = 1 is on one of them.
_Static_assert((1u << STIMER__CFG_SINTX_LEN) == STIMER_NUM_SINTS, "SINTx names every SINT");
static void synic_ack_all(stimer_t *st, stimer__vp_t *v) {
  for (unsigned i = 0; i < STIMER_NUM_TIMERS; i++) {
    stimer__timer_t *t = &v->timer[i];
    if (t->msg_pending) {
      t->acked = true;
      stimer__timer_changed(st, t);
    }
  }
}

// spec section 2: a SIMP write with Enable=1 zeroes the page (KVM), 512 ascending beats.
// IMPDEF: IMPDEF-ST-2: faults during SIMP zeroing are ignored (the beats are still queued).
static void synic_zero_page(stimer_t *st, uint64_t simp) {
  uint64_t base = simp & STIMER__PAGE_ADDR_MASK;
  uint64_t faults[CM_PAGE_BEAT_WORDS];
  if (st->zero_page == NULL || !st->zero_page(st->mem.ctx, base, faults)) {
    for (uint64_t i = 0; i < STIMER__PAGE_BEATS; i++) {
      (void)stimer__mem_write(st, base + 8 * i, 0, STIMER__BE_ALL);
    }
    return;
  }
  // The memory cleared the page as one operation and said which beats faulted.
  if (st->zero_runs) {
    // One event per run of beats with the same outcome (one for a page without faults).
    for (unsigned k = 0; k < STIMER__PAGE_BEATS;) {
      unsigned end = synic_run_end(faults, k);
      stimer__push_event(st, STIMER_EV_MEM_ZERO)->u.zero =
          (cm_mem_zero_run_t){base + 8ull * k, end - k, synic_beat_faulted(faults, k)};
      k = end;
    }
    return;
  }
  // The same 512 events as the beats one by one, written straight into the ring when it has
  // room for them all.
  cm_evq_t *q = &st->events;
  if (cm_evq_reserve(q, STIMER__PAGE_BEATS)) {
    stimer_event_t *ring = (stimer_event_t *)q->buf;
    size_t at = q->head + q->count;
    for (unsigned i = 0; i < STIMER__PAGE_BEATS; i++) {
      stimer_event_t *ev = &ring[(at + i) & (q->cap - 1)];
      ev->kind = STIMER_EV_MEM_WRITE;
      ev->u.mem =
          (cm_mem_write_t){base + 8ull * i, 0, STIMER__BE_ALL, synic_beat_faulted(faults, i)};
    }
    q->count += STIMER__PAGE_BEATS;
    return;
  }
  for (unsigned i = 0; i < STIMER__PAGE_BEATS; i++) {
    stimer__push_event(st, STIMER_EV_MEM_WRITE)->u.mem =
        (cm_mem_write_t){base + 8ull * i, 0, STIMER__BE_ALL, synic_beat_faulted(faults, i)};
  }
}

// spec section 2: vector 16..255 required unless masked (KVM `synic_set_sint`).
static stimer_status_t synic_write_sint(stimer__vp_t *v, unsigned sint, uint64_t value) {
  uint64_t vector = STIMER__FX(value, STIMER__SINT_VECTOR_SH, STIMER__SINT_VECTOR_LEN);
  if (vector < STIMER__SINT_MIN_VECTOR && (value & STIMER_SINT_MASKED) == 0) {
    return STIMER_GP;
  }
  v->sint[sint] = value;  // all other bits are preserved
  return STIMER_OK;
}

stimer_status_t stimer_msr_write(stimer_t *st, uint32_t vp, uint32_t msr, uint64_t value) {
  if (st == NULL) {
    return STIMER_ERR_BAD_ARG;
  }
  stimer_msr_t m = stimer_msr_lookup(st, vp, msr);
  // `vp` is below NumVp in every case but STIMER_MSR_K_NONE.
  switch (m.kind) {
    case STIMER_MSR_K_NONE:
    case STIMER_MSR_K_TIME_REF:
    case STIMER_MSR_K_SVERSION:
    default:
      // #GP: refused by stimer_msr_lookup, or a read-only MSR (spec sections 1 and 2).
      return STIMER_GP;
    case STIMER_MSR_K_SCONTROL:
      st->vp[vp].scontrol = value;
      return STIMER_OK;
    case STIMER_MSR_K_SIEFP:
      // IMPDEF: IMPDEF-ST-3: SIEFP is stored only (no event flags, no zeroing).
      st->vp[vp].siefp = value;
      return STIMER_OK;
    case STIMER_MSR_K_SIMP:
      if ((value & STIMER__SYNIC_ENABLE) != 0) {
        // IMPDEF: IMPDEF-ST-3: the page is zeroed on every guest write with Enable=1.
        synic_zero_page(st, value);
      }
      st->vp[vp].simp = value;
      return STIMER_OK;
    case STIMER_MSR_K_EOM:
      // spec section 2: EOM acknowledges all 16 SINTs; the value is ignored.
      synic_ack_all(st, &st->vp[vp]);
      return STIMER_OK;
    case STIMER_MSR_K_SINT:
      return synic_write_sint(&st->vp[vp], m.index, value);
    case STIMER_MSR_K_CONFIG:
      return stimer__config_write(st, &st->vp[vp].timer[m.index], value);
    case STIMER_MSR_K_COUNT:
      stimer__count_write(st, &st->vp[vp].timer[m.index], value);
      return STIMER_OK;
  }
}

stimer_status_t stimer_msr_read(stimer_t *st, uint32_t vp, uint32_t msr, uint64_t *value) {
  if (st == NULL || value == NULL) {
    return STIMER_ERR_BAD_ARG;
  }
  *value = 0;  // also the read data of a #GP
  stimer_msr_t m = stimer_msr_lookup(st, vp, msr);
  // `vp` is below NumVp in every case but STIMER_MSR_K_NONE.
  switch (m.kind) {
    case STIMER_MSR_K_NONE:
    default:
      return STIMER_GP;
    case STIMER_MSR_K_TIME_REF:
      // IMPDEF: IMPDEF-ST-6: TIME_REF_COUNT reads return the last sampled `now`.
      *value = st->now;
      break;
    case STIMER_MSR_K_SCONTROL:
      *value = st->vp[vp].scontrol;
      break;
    case STIMER_MSR_K_SVERSION:
      *value = STIMER_SVERSION_VALUE;
      break;
    case STIMER_MSR_K_SIEFP:
      *value = st->vp[vp].siefp;
      break;
    case STIMER_MSR_K_SIMP:
      *value = st->vp[vp].simp;
      break;
    case STIMER_MSR_K_EOM:
      *value = 0;  // write-only trigger, reads 0
      break;
    case STIMER_MSR_K_SINT:
      *value = st->vp[vp].sint[m.index];
      break;
    case STIMER_MSR_K_CONFIG:
      *value = st->vp[vp].timer[m.index].config;
      break;
    case STIMER_MSR_K_COUNT:
      *value = st->vp[vp].timer[m.index].count;
      break;
  }
  return STIMER_OK;
}

stimer_status_t stimer_eoi(stimer_t *st, uint32_t vp, uint8_t vector) {
  if (st == NULL || vp >= st->cfg.num_vp) {
    return STIMER_ERR_BAD_ARG;
  }
  stimer__vp_t *v = &st->vp[vp];
  // spec section 5: an EOI of V acknowledges every unmasked SINT whose vector is V (KVM
  // `kvm_hv_synic_send_eoi`; Polling does not matter, only Masked).
  // IMPDEF: IMPDEF-ST-4: AutoEOI SINTs included; the APIC model never EOIs AutoEOI deliveries.
  for (unsigned s = 0; s < STIMER_NUM_SINTS; s++) {
    uint64_t sint = v->sint[s];
    uint64_t sv = STIMER__FX(sint, STIMER__SINT_VECTOR_SH, STIMER__SINT_VECTOR_LEN);
    if ((sint & STIMER_SINT_MASKED) == 0 && sv == vector) {
      synic_ack_sint(st, v, s);
    }
  }
  return STIMER_OK;
}

stimer_status_t stimer_msr_write_sized(stimer_t *st, uint32_t vp, uint32_t msr, uint64_t value,
                                       unsigned size) {
  if (st == NULL) {
    return STIMER_ERR_BAD_ARG;
  }
  // IMPDEF: IMPDEF-ST-1: a write that is not 64 bits wide is a #GP and changes nothing.
  if (size != 8) {
    return STIMER_GP;
  }
  return stimer_msr_write(st, vp, msr, value);
}

// SPDX-License-Identifier: Apache-2.0
// Golden model of Hyper-V SynIC synthetic timers (spec/stimer.md, docs/interfaces.md section 4).
#ifndef STIMER_H
#define STIMER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cm_mem.h"
#include "stimer_enc.h"

#ifdef __cplusplus
extern "C" {
#endif

// MSR numbers, register fields, the message layout and the outcome kinds come from
// docs/enc/stimer.toml through the generated stimer_enc.h.

/** Model parameters; the RTL parameters of the same names. */
typedef struct {
  uint32_t num_vp;     ///< virtual processors, 1..256
  bool feat_time_ref;  ///< CPUID 0x40000003.EAX bit 1
  bool feat_synic;     ///< EAX bit 2
  bool feat_stimer;    ///< EAX bit 3
  bool feat_direct;    ///< EDX bit 19
  bool scontrol_gate;  ///< true: SCONTROL.Enable=0 makes slots unavailable (Normative)
} stimer_config_t;

/** A config with every feature on and the Normative SCONTROL rule, for `num_vp` VPs. */
stimer_config_t stimer_default_config(uint32_t num_vp);

typedef enum {
  STIMER_OK = 0,
  STIMER_GP = 1,           ///< the access raises #GP (architectural outcome)
  STIMER_ERR_BAD_ARG = -1  ///< API misuse: nothing happened
} stimer_status_t;

// stimer_retire_t and stimer_irq_t, the records the lockstep checker compares, are generated
// from docs/enc/stimer.toml (stimer_enc.h).

typedef enum {
  STIMER_EV_MEM_WRITE = 1,
  STIMER_EV_IRQ = 2,
  STIMER_EV_RETIRE = 3,
  /** Only after stimer_set_zero_runs(st, true): a run of a SIM page's zero beats. */
  STIMER_EV_MEM_ZERO = 4
} stimer_event_kind_t;

/** One observable output, in the order the model produced it. */
typedef struct {
  stimer_event_kind_t kind;
  union {
    cm_mem_write_t mem;
    cm_mem_zero_run_t zero;  // STIMER_EV_MEM_ZERO
    stimer_irq_t irq;
    stimer_retire_t retire;
  } u;
} stimer_event_t;

typedef struct stimer stimer_t;

/** Creates a model in its reset state at time 0. `cfg` and `mem` are copied. */
stimer_status_t stimer_create(const stimer_config_t *cfg, const cm_mem_ops_t *mem, stimer_t **out);
void stimer_destroy(stimer_t *st);
/**
 * Gives the model a page-clearing call of its memory (`fn` with the `ctx` of `mem`; NULL: none,
 * the default) for the zeroing of a SIM page (spec section 2): when it succeeds, the model queues
 * the 512 write events (each with the fault the call reported) without 512 write64 calls; when
 * it fails, the beats go through write64 as without it. The observable behaviour is the same.
 */
stimer_status_t stimer_set_zero_page(stimer_t *st, cm_mem_zero_page_fn fn);
/**
 * `on`: the zeroing of a SIM page is queued as STIMER_EV_MEM_ZERO events, one per run of beats
 * with the same fault outcome (one for a page without faults), instead of 512 STIMER_EV_MEM_WRITE
 * events; they say the same beats in the same order (cm_mem_zero_run_t). For a consumer that
 * counts beats rather than compares them one by one (the model-alone back end). Default off.
 */
stimer_status_t stimer_set_zero_runs(stimer_t *st, bool on);
/** Returns every VP to its reset values, time to 0, and drops queued events. */
void stimer_reset(stimer_t *st);

/** MSR write (guest WRMSR). Returns STIMER_GP for a #GP; nothing changes then. */
stimer_status_t stimer_msr_write(stimer_t *st, uint32_t vp, uint32_t msr, uint64_t value);
/**
 * MSR write of `size` bytes as it arrives on the register bus (docs/interfaces.md section 1.2):
 * every MSR is 64 bits wide, so a write of any other width is a #GP with no effect
 * (IMPDEF-ST-1). `size` 8 is stimer_msr_write().
 */
stimer_status_t stimer_msr_write_sized(stimer_t *st, uint32_t vp, uint32_t msr, uint64_t value,
                                       unsigned size);
/** MSR read (guest RDMSR). *value is 0 on STIMER_GP. */
stimer_status_t stimer_msr_read(stimer_t *st, uint32_t vp, uint32_t msr, uint64_t *value);
/** Local-APIC EOI of `vector` on `vp` (spec/stimer.md section 5). */
stimer_status_t stimer_eoi(stimer_t *st, uint32_t vp, uint8_t vector);

/**
 * Samples the reference time and starts a new pass (docs/interfaces.md section 4.2).
 * `now` must not be below the previous sample (STIMER_ERR_BAD_ARG otherwise).
 */
stimer_status_t stimer_set_now(stimer_t *st, uint64_t now);
/** Makes the next due delivery attempt of the current pass; false when none is left. */
bool stimer_step(stimer_t *st);
/** stimer_set_now() then stimer_step() until the pass is done; returns the attempts made. */
size_t stimer_advance(stimer_t *st, uint64_t now);

/** Pops the oldest queued output event; false when there is none. */
bool stimer_pop_event(stimer_t *st, stimer_event_t *ev);
size_t stimer_event_count(const stimer_t *st);
/**
 * The oldest queued events in place, for a consumer that reads many at once (a SIM page's 512
 * write beats): sets `*run` to the oldest one and returns how many follow it contiguously (all
 * queued or up to the ring's wrap; 0 and `*run` = NULL when none). They stay queued until
 * stimer_drop_events.
 */
size_t stimer_event_run(const stimer_t *st, const stimer_event_t **run);
/** Drops the `n` oldest events (at most those queued): as `n` stimer_pop_event calls. */
void stimer_drop_events(stimer_t *st, size_t n);

const char *stimer_outcome_name(stimer_outcome_t outcome);

#ifdef __cplusplus
}
#endif

#endif  // STIMER_H

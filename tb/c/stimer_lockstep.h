// SPDX-License-Identifier: Apache-2.0
// The stimer lockstep checker (DESIGN.md section 5, STYLE.md 1.9): one object per DUT, fed the
// transactions the SV monitors observe. The model samples time at each DUT PASS record and
// makes one delivery attempt at each DUT ATTEMPT record; the checker compares the attempt,
// its memory write beats and its interrupts, and every MSR access (docs/interfaces.md
// section 4). Errors are collected; the harness decides when to stop. No globals.
//
// Every call takes the cycle stamp of its transaction (for the error records and the history).
#ifndef STIMER_LOCKSTEP_H
#define STIMER_LOCKSTEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcov.h"
#include "ls_util.h"
#include "stimer.h"
#include "tb_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct stimer_lockstep stimer_lockstep_t;

typedef struct {
  stimer_config_t model;  ///< the RTL parameters, passed to the model
  bool compare;           ///< false: the model follows the DUT, nothing is compared
  fcov_t *fcov;           ///< functional coverage counters, or NULL
} stimer_lockstep_cfg_t;

/** A completed MSR access as the APB monitor saw it (docs/interfaces.md section 1.2). */
typedef struct {
  uint32_t addr;  ///< {vp, msr[7:0], 3'b000}
  bool write;
  uint64_t wdata;
  uint8_t strb;
  uint64_t rdata;
  bool slverr;  ///< #GP
} stimer_ls_access_t;

/** Creates a checker whose model works on `image` (owned by the caller). NULL on a bad config. */
stimer_lockstep_t *stimer_lockstep_new(const stimer_lockstep_cfg_t *cfg, tb_mem_t *image);
void stimer_lockstep_free(stimer_lockstep_t *ls);

// ---- Transactions (from the monitors) ----

/** The DUT was reset (every VP to its reset values, time to 0; memory is kept). */
void stimer_lockstep_reset(stimer_lockstep_t *ls, uint64_t cycle);
/** The reference time input `now_i` changed to `now`. */
void stimer_lockstep_now(stimer_lockstep_t *ls, uint64_t cycle, uint64_t now);
/** The EOI port accepted {vp, vector}. */
void stimer_lockstep_eoi(stimer_lockstep_t *ls, uint64_t cycle, uint32_t vp, uint32_t vector);
/** A memory write beat of the DUT, with the fault its response reported. */
void stimer_lockstep_mem_write(stimer_lockstep_t *ls, uint64_t cycle, const cm_mem_write_t *beat);
/** The interrupt port accepted an interrupt. */
void stimer_lockstep_irq(stimer_lockstep_t *ls, uint64_t cycle, const stimer_irq_t *irq);
/** A retire record: PASS (the DUT sampled `rt->now`) or ATTEMPT (`rt->kind`). */
void stimer_lockstep_retire(stimer_lockstep_t *ls, uint64_t cycle, const stimer_retire_t *rt);
/** An MSR access completed: reads are compared, writes go to the model and are compared. */
void stimer_lockstep_reg(stimer_lockstep_t *ls, uint64_t cycle, const stimer_ls_access_t *a);
/** End of test: a due timer the DUT never attempted, outputs no record accounted for. */
void stimer_lockstep_final(stimer_lockstep_t *ls, uint64_t cycle);
/** End of test: the DUT's memory image against the model's. */
void stimer_lockstep_compare_memory(stimer_lockstep_t *ls, uint64_t cycle, const tb_mem_t *dut);

// ---- Queries ----

/** The model, for the architectural state the bench needs (the SIMP of a VP...). */
stimer_t *stimer_lockstep_model(const stimer_lockstep_t *ls);
/**
 * True while the DUT owes a PASS record: an MSR write or EOI was accepted since the last pass,
 * or `now_i` differs from the time the model last sampled. `why` (may be NULL) then says which.
 */
bool stimer_lockstep_pending(const stimer_lockstep_t *ls, char *why, size_t whylen);

// ---- Errors and history ----

/** The checker's errors, history and counters (ls_util.h); the harness reads and clears them. */
/**
 * The records of the last comparison, for the waveform (tb.sv `st_exp_*`/`_act_*`): the model's
 * and the DUT's ATTEMPT record, and the last interrupt pair compared (the first that differs
 * after a divergence; a missing one is all zero). `log->wave.seq` changes when they do.
 */
typedef struct {
  stimer_retire_t exp_rt, act_rt;
  stimer_irq_t exp_irq, act_irq;
} stimer_lockstep_wave_t;
const stimer_lockstep_wave_t *stimer_lockstep_wave(const stimer_lockstep_t *ls);
ls_log_t *stimer_lockstep_log(stimer_lockstep_t *ls);
/** History record `i` of the log (0 = oldest kept) as one line. */
void stimer_lockstep_history(const stimer_lockstep_t *ls, unsigned i, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif  // STIMER_LOCKSTEP_H

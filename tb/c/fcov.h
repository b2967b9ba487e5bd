// SPDX-License-Identifier: Apache-2.0
// Functional coverage of the lockstep bench: a static table of named bins, one per spec rule
// outcome (docs/testplan.md), counted from what the lockstep compare confirmed. The scoreboards
// (sb_its.c, sb_stimer.c) call the hooks below only after the DUT's outputs of an operation
// matched the model's, so every count is an outcome both implementations produced. Off unless
// tb_sim runs with `--fcov FILE`; then bench_finish() writes one `name count` line per bin.
#ifndef FCOV_H
#define FCOV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cm_mem.h"
#include "its.h"
#include "stimer.h"

/** Turns counting on; `path` is where fcov_write() puts the counts. */
void fcov_enable(const char *path);
bool fcov_enabled(void);
/** Counts bin `name`. A name outside the table is kept as an unplanned outcome. */
void fcov_hit(const char *name);
/** Writes every bin (zeros included), then the unplanned outcomes as `!name count`. */
bool fcov_write(const char *test, uint64_t seed);
/** Number of bins in the table. */
size_t fcov_bins(void);

/** Wraps the model's memory so that the ITS hooks see its table reads (flat, two-level,
 *  which access faulted). Returns `inner` unchanged when coverage is off. */
cm_mem_ops_t fcov_wrap_mem(cm_mem_ops_t inner);

// ---- ITS hooks (sb_its.c) ----
/** Before the model steps for a DUT retire record: forgets the reads of the last operation. */
void fcov_its_begin(void);
/** After the retire record, write beats and events of one operation matched the DUT's. */
void fcov_its_retire(const its_retire_t *rt, const cm_mem_write_t *writes, size_t nw,
                     const its_rd_event_t *rds, size_t nr);
/** Before the model takes a register write: snapshots the registers the write may change. */
void fcov_its_reg_before(void);
/** After a register write (not GITS_TRANSLATER) matched, including its bus error response. */
void fcov_its_reg_write(uint32_t off, uint64_t value, unsigned size, bool bus_error);
/** After a GITS_TRANSLATER write completed as the model expects; `size` in bytes. */
void fcov_its_translater(unsigned size);

// ---- stimer hooks (sb_stimer.c) ----
/** A PASS record: a new pass starts. */
void fcov_st_pass(void);
/** After an ATTEMPT record, its write beats and its interrupts matched the DUT's. */
void fcov_st_attempt(const stimer_retire_t *rt, const cm_mem_write_t *writes, size_t nw);
/** Before the model takes an MSR write: snapshots the timer the write may change. */
void fcov_st_msr_before(uint32_t vp, uint32_t msr);
/** After an MSR write, its #GP response and its write beats matched the DUT's. */
void fcov_st_msr_write(uint32_t vp, uint32_t msr, uint64_t value, bool gp,
                       const cm_mem_write_t *writes, size_t nw);
/** After the DUT accepted an EOI (the model has taken it). */
void fcov_st_eoi(uint32_t vp, uint32_t vector);

#endif  // FCOV_H

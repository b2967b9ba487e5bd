// SPDX-License-Identifier: Apache-2.0
// Functional coverage of the lockstep bench: a constant table of named bins, one per spec rule
// outcome (docs/testplan.md), counted from what the lockstep compare confirmed. The checkers
// (its_lockstep.c, stimer_lockstep.c) call the hooks below only after the DUT's outputs of an
// operation matched the model's, so every count is an outcome both implementations produced.
// Counting lives in an `fcov_t` object the harness creates for `tb_sim --fcov FILE`; every hook
// takes it and does nothing when it is NULL (coverage off).
#ifndef FCOV_H
#define FCOV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cm_mem.h"
#include "its.h"
#include "stimer.h"
#include "tb_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct fcov fcov_t;

/** A counter set with every bin at 0; NULL when out of memory. */
fcov_t *fcov_new(void);
void fcov_free(fcov_t *fc);
/** The block was reset: forgets the per-operation and per-timer state the classifiers keep. */
void fcov_reset(fcov_t *fc);
/** Counts bin `name`. A name outside the table is kept as an unplanned outcome. */
void fcov_hit(fcov_t *fc, const char *name);
/** Writes every bin (zeros included), then the unplanned outcomes as `!name count`. */
bool fcov_write(const fcov_t *fc, const char *path, const char *test, uint64_t seed);
/** Number of bins in the table. */
size_t fcov_bins(void);

/** Wraps the model's memory so that the ITS hooks see its table reads (flat, two-level,
 *  which access faulted). Returns `inner` unchanged when `fc` is NULL. */
cm_mem_ops_t fcov_wrap_mem(fcov_t *fc, cm_mem_ops_t inner);

// ---- ITS hooks (its_lockstep.c) ----

/** What the ITS classifiers read: the model's registers and memory image, its parameters. */
typedef struct {
  its_t *model;
  const tb_mem_t *image;
  uint32_t num_rd;
} fcov_its_ctx_t;

/** Before the model steps for a DUT retire record: forgets the reads of the last operation. */
void fcov_its_begin(fcov_t *fc);
/** After the retire record, write beats and events of one operation matched the DUT's. */
void fcov_its_retire(fcov_t *fc, const fcov_its_ctx_t *ctx, const its_retire_t *rt,
                     const cm_mem_write_t *writes, size_t nw, const its_rd_event_t *rds, size_t nr);
/** Before the model takes a register write: snapshots the registers the write may change. */
void fcov_its_reg_before(fcov_t *fc, its_t *model);
/** After a register write (not GITS_TRANSLATER) matched, including its bus error response. */
void fcov_its_reg_write(fcov_t *fc, uint32_t off, uint64_t value, unsigned size, bool bus_error);
/** After a GITS_TRANSLATER write completed as the model expects; `size` in bytes. */
void fcov_its_translater(fcov_t *fc, unsigned size);
/** A window of the MSI-order rule closed without error (IMPDEF-ITS-14): `waiting` port MSIs
 *  waited when it opened, `burst` is MsiBurst. */
void fcov_its_order(fcov_t *fc, unsigned waiting, unsigned burst);

// ---- stimer hooks (stimer_lockstep.c) ----

/** What the stimer classifiers read: the model, its VP count and its last sampled time. */
typedef struct {
  stimer_t *model;
  uint32_t num_vp;
  uint64_t last_pass_now;
  unsigned size;  // an MSR write's width in bytes (0: not an MSR write)
} fcov_st_ctx_t;

/** A PASS record: a new pass starts. */
void fcov_st_pass(fcov_t *fc);
/** After an ATTEMPT record, its write beats and its interrupts matched the DUT's. */
void fcov_st_attempt(fcov_t *fc, stimer_t *model, const stimer_retire_t *rt,
                     const cm_mem_write_t *writes, size_t nw);
/** Before the model takes an MSR write: snapshots the timer the write may change. */
void fcov_st_msr_before(fcov_t *fc, stimer_t *model, uint32_t vp, uint32_t msr);
/** After an MSR write, its #GP response and its write beats matched the DUT's. */
void fcov_st_msr_write(fcov_t *fc, const fcov_st_ctx_t *ctx, uint32_t vp, uint32_t msr,
                       uint64_t value, bool gp, const cm_mem_write_t *writes, size_t nw);
/** After the DUT accepted an EOI (the model has taken it). */
void fcov_st_eoi(fcov_t *fc, const fcov_st_ctx_t *ctx, uint32_t vp, uint32_t vector);

#ifdef __cplusplus
}
#endif

#endif  // FCOV_H

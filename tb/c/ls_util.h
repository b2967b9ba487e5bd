// SPDX-License-Identifier: Apache-2.0
// Pieces both lockstep checkers (its_lockstep.c, stimer_lockstep.c) and the harness share:
// structured error records, the history ring of compared operations, and the bounded queues
// of DUT outputs waiting for their retire record. No globals: everything lives in the caller's
// object.
#ifndef LS_UTIL_H
#define LS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cm_mem.h"
#include "enc.h"
#include "tb_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

#define LS_MAX_FIELDS 16  // scripts/encgen.py keeps every record within it
#define LS_MAX_ERRORS 32
#define LS_HIST 12
#define LS_QUEUE 1024
// busy_o shows owed work from the edge after the input that owes it (docs/interfaces.md 3.1,
// 4.1): this many consecutive edges of busy_o = 0 while the model owes work are a divergence
// (one edge for an accepted input or a completed register write to show; live in rtl_be.c and
// in the replay alike).
#define LS_BUSY_LATENCY 2

/** One compared field of an error record. */
typedef struct {
  const char *name;   // a string literal
  uint64_t expected;  // the model
  uint64_t actual;    // the DUT
} ls_field_t;

/**
 * Compares every field of record `r` (docs/enc `[[record]]`) of the model (`expected`) and the
 * DUT (`actual`): fills `out[0..r->n)` (at most LS_MAX_FIELDS) and returns whether all agree.
 */
bool ls_rec_compare(const enc_record_t *r, const void *expected, const void *actual,
                    ls_field_t *out);

/** One divergence (or a check that failed), with the context the report prints. */
typedef struct {
  uint64_t cycle;  // cycle stamp of the transaction that showed it
  uint64_t op;     // number of operations compared before it
  char what[640];
  ls_field_t field[LS_MAX_FIELDS];
  size_t n_fields;
  char detail[320];
} ls_error_t;

/**
 * An error record as one line (result files, JUnit): `prefix`, the headline (the first line of
 * `what`) and every differing field with both values; without differing fields, `what` with its
 * lines joined by "; ". Truncated to `cap`.
 */
void ls_error_line(const ls_error_t *e, const char *prefix, char *out, size_t cap);

/** A bounded list of error records; records past the bound are counted, not kept. */
typedef struct {
  ls_error_t v[LS_MAX_ERRORS];
  size_t n;
  uint64_t dropped;
} ls_errors_t;

void ls_error_add(ls_errors_t *e, uint64_t cycle, uint64_t op, const char *what,
                  const ls_field_t *fields, size_t n_fields, const char *detail);
void ls_errors_clear(ls_errors_t *e);

/** One compared operation: raw fields now, text only when a report prints it. */
typedef struct {
  int kind;  // the checker's own kinds
  uint64_t cycle;
  uint64_t op;
  uint64_t a[6];
} ls_hist_t;

typedef struct {
  ls_hist_t v[LS_HIST];
  uint64_t n;  // records ever added
} ls_hist_ring_t;

void ls_hist_add(ls_hist_ring_t *h, int kind, uint64_t cycle, uint64_t op, const uint64_t a[6]);
/** Number of records kept (at most LS_HIST). */
unsigned ls_hist_count(const ls_hist_ring_t *h);
/** The i-th kept record, oldest first. */
const ls_hist_t *ls_hist_at(const ls_hist_ring_t *h, unsigned i);

/** DUT write beats of the operation in progress, in the order the DUT issued them. */
typedef struct {
  cm_mem_write_t v[LS_QUEUE];
  unsigned head, n;
} ls_beatq_t;

/** The compared interfaces, as the wave view groups them (ls_wave_t `failed`). */
enum { LS_IF_NONE, LS_IF_RETIRE, LS_IF_EVENT, LS_IF_MEM, LS_IF_REG, LS_IF_OTHER };

/**
 * The model's side of the last comparisons, for the waveform: the harness copies it into traced
 * SV signals (tb.sv `*_exp_*`, `*_act_*`) whenever `seq` changes, so expected and actual sit on
 * adjacent rows. The block's records (retire, event or interrupt) are in the checker object.
 */
typedef struct {
  uint64_t seq;     // bumped at every update below
  unsigned failed;  // LS_IF_* of the first divergence the checker found; LS_IF_NONE before
  cm_mem_write_t exp_mw, act_mw;  // the last write beats compared, or the first that differ
  uint64_t exp_rdata, act_rdata;  // the last register read compared
} ls_wave_t;

/** Records the first failing interface (later ones are kept out: the first divergence counts). */
void ls_wave_fail(ls_wave_t *w, unsigned iface);

/**
 * Puts the model's and the DUT's write beats of one operation into `w`: the first pair that
 * differs, or the last pair when all agree (a missing beat is all zero). Nothing is popped.
 * Returns whether they all agree (as ls_writes_match), and marks LS_IF_MEM failed if not.
 */
bool ls_wave_writes(ls_wave_t *w, const ls_beatq_t *dut, const cm_mem_write_t *model, size_t n);

/**
 * What every checker keeps for the harness (the same for both blocks): the error records, the
 * history of compared operations, how many operations it compared and the nanoseconds it spent
 * stepping the model and comparing. The harness reads and clears the errors; the checker never
 * stops anything.
 */
typedef struct {
  ls_errors_t err;
  ls_hist_ring_t hist;
  uint64_t compared;
  uint64_t ns;
  ls_wave_t wave;
} ls_log_t;

/** Records an error in `log`, stamped with `cycle` and the operations compared so far. */
void ls_log_error(ls_log_t *log, uint64_t cycle, const char *what, const ls_field_t *fields,
                  size_t n_fields, const char *detail);
/** Adds a compared operation to the history of `log`, stamped like an error. */
void ls_log_hist(ls_log_t *log, int kind, uint64_t cycle, uint64_t a0, uint64_t a1, uint64_t a2,
                 uint64_t a3, uint64_t a4, uint64_t a5);
/** End of test: records an error when the model's memory image differs from the DUT's. */
void ls_log_compare_memory(ls_log_t *log, uint64_t cycle, const tb_mem_t *model,
                           const tb_mem_t *dut);

/** Appends a beat; false when the queue is full (the DUT writes without retiring). */
bool ls_beatq_push(ls_beatq_t *q, const cm_mem_write_t *w);
bool ls_beatq_pop(ls_beatq_t *q, cm_mem_write_t *w);

/** True when the DUT's queued beats are exactly the model's `n` (nothing is popped). */
bool ls_writes_match(const ls_beatq_t *dut, const cm_mem_write_t *model, size_t n);

/**
 * Compares the DUT's write beats of one operation (popped from `dut`) with the model's `n`
 * beats, field by field, in order. On the first difference records an error (`op_desc` names
 * the operation), empties `dut` and returns false.
 */
bool ls_cmp_writes(ls_errors_t *e, uint64_t cycle, uint64_t op, ls_beatq_t *dut,
                   const cm_mem_write_t *model, size_t n, const char *op_desc);

/** Monotonic nanoseconds (the harness reports the checker's share of run time). */
uint64_t ls_ns(void);

#ifdef __cplusplus
}
#endif

#endif  // LS_UTIL_H

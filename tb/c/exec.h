// SPDX-License-Identifier: Apache-2.0
// The scenario executor: one walk over the operations of a scenario (scn.h), the same for every
// back end. The executor turns each stimulus line into a request to a back end (a register or
// MSR access, an MSI, a time step, an EOI, a reset), waits for the block to be idle where
// docs/scenarios.md says so, and does every check of the file itself, once: `expect` lines
// against the observation log (obs.h) the back end fills, `expect mem`/`msg`/`slot-free`
// against the back end's memory images, bus errors, #GPs and read values against the responses.
// Architectural state it needs (CBASER, CWRITER, CREADR for `cmd`; the SIMP of a VP) is read
// from the back end's model.
//
// Back ends: the model alone (model_be.h, `scn_model`) and the RTL in lockstep (rtl_be.h,
// `tb_sim`). The executor never stops on a failure: it records it; the runner decides.
#ifndef EXEC_H
#define EXEC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "its.h"
#include "ls_util.h"
#include "obs.h"
#include "scn.h"
#include "stimer.h"
#include "tb_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

/** What a back end is asked to do. */
typedef enum {
  EXEC_RQ_REG_WRITE = 1,  // ITS: off, value, size (1, 2, 4, 8), devid (GITS_TRANSLATER side band)
  EXEC_RQ_REG_READ,       // ITS: off
  EXEC_RQ_MSR_WRITE,      // stimer: vp, msr, value, size (8, or 4: a #GP)
  EXEC_RQ_MSR_READ,       // stimer: vp, msr
  EXEC_RQ_MSI,            // ITS: devid, eventid on the MSI port
  EXEC_RQ_TIME,           // stimer: the reference time becomes `value`
  EXEC_RQ_EOI,            // stimer: vp, vector
  EXEC_RQ_RESET           // the block's registers return to reset values (memory kept)
} exec_rq_kind_t;

typedef struct {
  exec_rq_kind_t kind;
  uint32_t off;
  uint64_t value;
  unsigned size;
  uint32_t devid;
  uint32_t eventid;
  uint32_t vp;
  uint32_t msr;
  uint32_t vector;
} exec_rq_t;

/** The answer to a register or MSR access. */
typedef struct {
  uint64_t rdata;
  bool err;  // bus error (ITS) or #GP (stimer)
} exec_rsp_t;

typedef struct {
  void *ctx;
  /**
   * Starts a request. False, with the reason in `why`, when the back end cannot present it
   * (a value the DUT's port cannot carry: never truncated, always refused).
   */
  bool (*start)(void *ctx, const exec_rq_t *rq, char *why, size_t whylen);
  /** True once the started request completed; `*rsp` then holds its answer. */
  bool (*poll)(void *ctx, exec_rsp_t *rsp);
  /** True when nothing is in flight: stimulus delivered, the block idle, no work owed. */
  bool (*idle)(void *ctx);
  /** The model holding the architectural state (the block's; NULL for the other block). */
  its_t *(*its)(void *ctx);
  stimer_t *(*stimer)(void *ctx);
  /** Memory images: [0] the model's, then the DUT's if there is one. Preloads, fault ranges
   *  and guest-side writes go to every image; `expect` memory checks read every image. */
  tb_mem_t *images[2];
  size_t n_images;
} exec_backend_t;

typedef struct exec exec_t;

/**
 * An executor for `s` on `be`. `log` is the observation log the back end adds the block's
 * outputs to; the executor starts a new block in it and checks `expect` lines against it.
 * All three must outlive the executor.
 */
exec_t *exec_new(const scn_t *s, const exec_backend_t *be, obs_log_t *log);
void exec_free(exec_t *ex);
/**
 * Strict mode (`--strict` of both runners; a `strict` line in the file sets it too): an output
 * of a block that no `expect` consumed fails the run (docs/scenarios.md).
 */
void exec_set_strict(exec_t *ex, bool strict);

/**
 * Runs operations until one has to wait for the back end. Returns true once every operation
 * completed and the back end is idle (the end of the scenario).
 */
bool exec_step(exec_t *ex);
/** Scenario operations completed so far (the `ops=` figure of both runners). */
size_t exec_ops_done(const exec_t *ex);
/**
 * A digest of the operations completed so far (kind, fields and which were given, 64-bit words):
 * two runs that completed the same operations in the same order have the same digest (the
 * `ops_digest` of both runners' result files: scn_model on a random seed runs the stream tb_sim
 * runs).
 */
uint64_t exec_ops_digest(const exec_t *ex);
/** The operation in progress, or NULL at the end. */
const scn_op_t *exec_current(const exec_t *ex);

/** Failed checks since the last clear; their `cycle` and `op` fields are 0 (the runner knows). */
size_t exec_error_count(const exec_t *ex);
const ls_error_t *exec_error(const exec_t *ex, size_t i);
/** The operation whose check failed (its `line` is 0 for generated operations). */
const scn_op_t *exec_error_op(const exec_t *ex, size_t i);
void exec_clear_errors(exec_t *ex);

#ifdef __cplusplus
}
#endif

#endif  // EXEC_H

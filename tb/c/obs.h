// SPDX-License-Identifier: Apache-2.0
// Observation log: the outputs of the current scenario block, which `expect` lines search.
// The executor's back end fills it: the model alone with the model's outputs, the lockstep bench
// with the DUT's outputs as its monitors saw them (compared with the model's by the checker).
#ifndef OBS_H
#define OBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "scn.h"
#include "tb_mem.h"

typedef struct {
  scn_obs_kind_t kind;
  uint64_t a[SCN_NA];  // fields in the order of the matching expect op (scn.h)
  bool consumed;
} obs_t;

/** Memory write beats are counted, not listed (a SIMP enable writes 512): the first few are kept
 *  for messages. */
#define OBS_KEEP_WRITES 4

typedef struct {
  obs_t *v;
  size_t n;
  size_t cap;
  bool last_was_expect;
  uint64_t writes;          // write beats in the current block
  uint64_t writes_pending;  // write beats since the last retire record or attempt (its `writes`)
  cm_mem_write_t first_writes[OBS_KEEP_WRITES];
  /** Nothing can consume observations (a random run has no expect lines): obs_add counts them
   *  and keeps none, so the log stays empty however long the run. */
  bool discard;
  uint64_t discarded;
} obs_log_t;

void obs_init(obs_log_t *log);
void obs_free(obs_log_t *log);
/**
 * Adds an output. A retire record (SCN_OBS_RETIRE) gets in a[7] the write beats added since the
 * previous one: the operation's own (docs/interfaces.md 3.4); a stimer attempt gets in a[4] the
 * beats since the previous attempt or the start of its pass (docs/interfaces.md 4.2).
 */
void obs_add(obs_log_t *log, scn_obs_kind_t kind, const uint64_t a[SCN_NA]);
/** Adds a memory write beat the block issued (faulting or not). */
static inline void obs_add_write(obs_log_t *log, const cm_mem_write_t *w) {
  if (log->writes < OBS_KEEP_WRITES) {
    log->first_writes[log->writes] = *w;
  }
  log->writes++;
  log->writes_pending++;
}
/** Adds a run of zero write beats (cm_mem_zero_run_t): as obs_add_write of each of its beats. */
static inline void obs_add_zero_run(obs_log_t *log, const cm_mem_zero_run_t *z) {
  for (uint64_t i = 0; i < z->beats && log->writes + i < OBS_KEEP_WRITES; i++) {
    log->first_writes[log->writes + i] = (cm_mem_write_t){z->addr + 8 * i, 0, 0xFF, z->fault};
  }
  log->writes += z->beats;
  log->writes_pending += z->beats;
}
/** stimer: a pass starts (the PASS record): earlier beats (a SIMP enable's) are no attempt's. */
void obs_pass_start(obs_log_t *log);
/** Starts a new block when a stimulus op follows an expect op (docs/scenarios.md). */
void obs_note_op(obs_log_t *log, const scn_op_t *op);
/** True for the ops that check rather than stimulate. */
bool obs_is_expect(const scn_op_t *op);

/**
 * Checks an expect op of the observation kinds (rd, retire, irq, attempt, none) against the log;
 * returns false with a message in `err` when it fails. A match is consumed.
 */
bool obs_check(obs_log_t *log, const scn_op_t *op, char *err, size_t errlen);

/** Checks `expect mem` against an image. */
bool obs_check_mem(const tb_mem_t *mem, const scn_op_t *op, char *err, size_t errlen);
/** Checks `expect msg` / `expect slot-free` against the SIM page at `simp_base`. */
bool obs_check_slot(const tb_mem_t *mem, uint64_t simp_base, const scn_op_t *op, char *err,
                    size_t errlen);

/** One-line description of an observation, for reports. */
void obs_format(const obs_t *o, char *buf, size_t len);

/**
 * Strict mode (docs/scenarios.md): the outputs of the block no expect consumed (memory writes
 * excepted: they are never matched, only counted). Returns how many; lists up to a few in `buf`
 * (one `\n    unmatched: ...` line each).
 */
size_t obs_unmatched(const obs_log_t *log, char *buf, size_t len);

#endif  // OBS_H

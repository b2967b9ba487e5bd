// SPDX-License-Identifier: Apache-2.0
// Golden model of a GICv3 ITS with physical LPIs (spec/its.md, docs/interfaces.md section 3).
#ifndef ITS_H
#define ITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cm_mem.h"
#include "its_enc.h"

#ifdef __cplusplus
extern "C" {
#endif

// Register offsets and fields, command opcodes and fields, error codes, and the retire,
// outcome and event kinds all come from docs/enc/its.toml through the generated its_enc.h.

/** Model parameters; the RTL parameters of the same names. */
typedef struct {
  uint32_t num_rd;  ///< number of redistributors (1..65536)
} its_config_t;

/** Status of an API call. Guest errors are never statuses, except the bus error response. */
typedef enum {
  ITS_OK = 0,
  ITS_BUS_ERROR = 1,    ///< the access gets a bus error response (IMPDEF-ITS-1)
  ITS_ERR_BAD_ARG = -1  ///< API misuse: nothing happened
} its_status_t;

// its_retire_t and its_rd_event_t, the records the lockstep checker compares, are generated
// from docs/enc/its.toml (its_enc.h).

typedef enum { ITS_EV_MEM_WRITE = 1, ITS_EV_RD = 2, ITS_EV_RETIRE = 3 } its_event_kind_t;

/** One observable output, in the order the model produced it. */
typedef struct {
  its_event_kind_t kind;
  union {
    cm_mem_write_t mem;
    its_rd_event_t rd;
    its_retire_t retire;
  } u;
} its_event_t;

/** Result of its_step(). */
typedef enum {
  ITS_STEP_IDLE = 0,     ///< nothing to run (disabled, stalled, empty or invalid queue)
  ITS_STEP_OK = 1,       ///< a command ran and succeeded
  ITS_STEP_SKIPPED = 2,  ///< a command was ignored (parameter error) and the queue advanced
  ITS_STEP_STALLED = 3   ///< a memory fault stalled the queue at this command
} its_step_t;

typedef struct its its_t;

/** Creates a model in its reset state. `cfg` and `mem` are copied. */
its_status_t its_create(const its_config_t *cfg, const cm_mem_ops_t *mem, its_t **out);
void its_destroy(its_t *its);
/** Returns all registers to their reset values and drops queued events. */
void its_reset(its_t *its);

/**
 * Register write of `size` bytes (2, 4 or 8) at `offset` (docs/interfaces.md section 1).
 * A write to GITS_TRANSLATER is an MSI from `devid` and runs at once (its_translate);
 * other writes never touch memory and never run commands.
 */
its_status_t its_reg_write(its_t *its, uint32_t offset, uint64_t value, unsigned size,
                           uint32_t devid);
/** Reads the aligned doubleword at `offset & ~7`. */
its_status_t its_reg_read(its_t *its, uint32_t offset, uint64_t *value);

/** Runs at most one command from the queue and retires it. The caller orders commands and MSIs
 *  (IMPDEF-ITS-14: the lockstep checker follows the DUT's retire order and checks it). */
its_step_t its_step(its_t *its);
/** Runs commands until the queue is idle or `max` commands ran; returns how many ran. */
size_t its_run(its_t *its, size_t max);

/**
 * Translates one MSI and retires it (`kind` ITS_RT_MSI or ITS_RT_TRANSLATER). On success a SET
 * event is queued and `*rd`/`*intid` (if not NULL) receive the target. Returns the outcome.
 */
its_outcome_t its_translate(its_t *its, its_retire_kind_t kind, uint32_t devid, uint32_t eventid,
                            uint32_t *rd, uint32_t *intid);

/** Pops the oldest queued output event; false when there is none. */
bool its_pop_event(its_t *its, its_event_t *ev);
/** Number of queued output events. */
size_t its_event_count(const its_t *its);
/**
 * The oldest queued events in place, for a consumer that reads many at once: sets `*run` to the
 * oldest one and returns how many follow it contiguously (all queued or up to the ring's wrap;
 * 0 and `*run` = NULL when none). They stay queued until its_drop_events.
 */
size_t its_event_run(const its_t *its, const its_event_t **run);
/** Drops the `n` oldest events (at most those queued): as `n` its_pop_event calls. */
void its_drop_events(its_t *its, size_t n);

/** Human-readable names, for logs and mismatch reports. */
const char *its_opcode_name(uint8_t opcode);
const char *its_outcome_name(its_outcome_t outcome);
const char *its_rd_kind_name(its_rd_kind_t kind);
const char *its_retire_kind_name(its_retire_kind_t kind);
/** Name of an error code's EE field (its_enc.h ITS_EE_*). */
const char *its_ee_name(uint8_t ee);

#ifdef __cplusplus
}
#endif

#endif  // ITS_H

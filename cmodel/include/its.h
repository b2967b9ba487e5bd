// SPDX-License-Identifier: Apache-2.0
// Golden model of a GICv3 ITS with physical LPIs (spec/its.md, docs/interfaces.md section 3).
#ifndef ITS_H
#define ITS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cm_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

// ---- Register offsets (spec/its.md section 1) ----
#define ITS_GITS_CTLR 0x0000u
#define ITS_GITS_IIDR 0x0004u
#define ITS_GITS_TYPER 0x0008u
#define ITS_GITS_CBASER 0x0080u
#define ITS_GITS_CWRITER 0x0088u
#define ITS_GITS_CREADR 0x0090u
#define ITS_GITS_BASER(n) (0x0100u + 8u * (n))
#define ITS_GITS_PIDR2 0xFFE8u
#define ITS_GITS_TRANSLATER 0x10040u

#define ITS_TYPER_VALUE 0x0000001F0001EFB1ull
#define ITS_IIDR_VALUE 0x0000043Bu
#define ITS_CTLR_RESET 0x80000000u
#define ITS_BASER0_RESET 0x0107000000000200ull
#define ITS_BASER1_RESET 0x0407000000000200ull

// ---- Command opcodes (spec/its.md section 3) ----
#define ITS_CMD_MOVI 0x01u
#define ITS_CMD_INT 0x03u
#define ITS_CMD_CLEAR 0x04u
#define ITS_CMD_SYNC 0x05u
#define ITS_CMD_MAPD 0x08u
#define ITS_CMD_MAPC 0x09u
#define ITS_CMD_MAPTI 0x0Au
#define ITS_CMD_MAPI 0x0Bu
#define ITS_CMD_INV 0x0Cu
#define ITS_CMD_INVALL 0x0Du
#define ITS_CMD_MOVALL 0x0Eu
#define ITS_CMD_DISCARD 0x0Fu

// ---- Error codes: 0x01CCEE (docs/impdef.md, "ITS error codes") ----
#define ITS_EE_DEVICE_OOR 0x01u
#define ITS_EE_PROCNUM_OOR 0x02u
#define ITS_EE_ITTSIZE_OOR 0x02u         ///< MAPD only
#define ITS_EE_MOVALL_PROCNUM_OOR 0x01u  ///< MOVALL only
#define ITS_EE_COLLECTION_OOR 0x03u
#define ITS_EE_UNMAPPED_DEVICE 0x04u
#define ITS_EE_ID_OOR 0x05u
#define ITS_EE_PHYSICALID_OOR 0x06u
#define ITS_EE_UNMAPPED_INTERRUPT 0x07u
#define ITS_EE_UNMAPPED_COLLECTION 0x09u
#define ITS_EE_DISABLED 0xFEu
#define ITS_EE_UNSUPPORTED 0xFFu
#define ITS_ERROR(cc, ee) (0x010000u | ((uint32_t)(cc) << 8) | (uint32_t)(ee))

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

/** Outcome of a retired operation (docs/interfaces.md section 3.3). */
typedef enum {
  ITS_OUT_OK = 0,
  ITS_OUT_IGNORED = 1,
  ITS_OUT_STALLED = 2,
  ITS_OUT_FAULT = 3
} its_outcome_t;

typedef enum { ITS_RT_CMD = 1, ITS_RT_MSI = 2, ITS_RT_TRANSLATER = 3 } its_retire_kind_t;

typedef struct {
  its_retire_kind_t kind;
  uint32_t offset;  ///< queue byte offset of the command (commands only)
  uint8_t opcode;   ///< DW0[7:0] (commands only)
  its_outcome_t outcome;
  uint32_t error;  ///< 0x01CCEE when IGNORED, else 0
  uint32_t devid;  ///< MSIs only
  uint32_t eventid;
} its_retire_t;

typedef enum {
  ITS_RD_SET = 1,
  ITS_RD_CLEAR = 2,
  ITS_RD_MOVE = 3,
  ITS_RD_MOVALL = 4,
  ITS_RD_INV = 5,
  ITS_RD_INVALL = 6,
  ITS_RD_SYNC = 7
} its_rd_kind_t;

typedef struct {
  its_rd_kind_t kind;
  uint32_t rd;
  uint32_t rd2;
  uint32_t intid;
} its_rd_event_t;

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

/** Runs at most one command from the queue and retires it. */
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

/** Human-readable names, for logs and mismatch reports. */
const char *its_opcode_name(uint8_t opcode);
const char *its_outcome_name(its_outcome_t outcome);
const char *its_rd_kind_name(its_rd_kind_t kind);

#ifdef __cplusplus
}
#endif

#endif  // ITS_H

// SPDX-License-Identifier: Apache-2.0
// ITS model internals shared by its_regs.c, its_table.c and its_cmd.c.
#ifndef ITS_INT_H
#define ITS_INT_H

#include <stdbool.h>
#include <stdint.h>

#include "cm_evq.h"
#include "its.h"

// Extracts bits [sh+len-1:sh] of v. Masks are defined in their shifted position (spec 7.4).
#define ITS_FX(v, sh, len) (((uint64_t)(v) >> (sh)) & ((len) >= 64 ? ~0ull : ((1ull << (len)) - 1)))
#define ITS_MASK(sh, len) ((((len) >= 64) ? ~0ull : ((1ull << (len)) - 1)) << (sh))

// Parameters (spec/its.md section 9), register fields and table entry layouts: its_enc.h.

/** Decoded device or collection table parameters (spec/its.md section 4). */
typedef struct {
  bool valid;
  bool indirect;
  uint64_t base;  // physical address of the (level-1) table
  uint32_t page;  // page size in bytes
  uint32_t esz;   // entry size in bytes
  uint64_t n;     // capacity in entries
} its_table_t;

/** Result of one step of a command or lookup (QEMU's CMD_CONTINUE_OK/CONTINUE/STALL). */
typedef enum { ITS_R_OK = 0, ITS_R_IGNORED = 1, ITS_R_STALL = 2 } its_res_t;

typedef struct {
  bool valid;
  uint32_t size;  // EventID bits - 1
  uint64_t itt;   // ITT address
} its_dte_t;

typedef struct {
  bool valid;
  uint32_t rd;
} its_cte_t;

typedef struct {
  bool valid;
  bool physical;
  uint32_t intid;
  uint32_t icid;
  uint32_t vpeid;
  uint32_t doorbell;
} its_ite_t;

struct its {
  its_config_t cfg;
  cm_mem_ops_t mem;
  bool enabled;
  bool stalled;
  uint64_t cbaser;
  uint64_t cwriter;      // Offset field only
  uint64_t creadr;       // Offset field only
  uint64_t baser[2];     // set only through its__set_baser()
  its_table_t table[2];  // decoded baser[n], kept current by its__set_baser()
  cm_evq_t events;       // its_event_t records
};

// its_table.c: memory beats and table access.
/** Reads `size` bytes (up to ITS_CMD_BYTES) at `addr` into little-endian doublewords. */
bool its__mem_read(its_t *its, uint64_t addr, unsigned size, uint64_t *out);
/** Writes `size` bytes (up to 16) held in little-endian doublewords; queues each beat. */
bool its__mem_write(its_t *its, uint64_t addr, unsigned size, const uint64_t *in);
/** Sets GITS_BASER<which> and its decoded geometry (its__table). */
void its__set_baser(its_t *its, unsigned which, uint64_t value);
/** The decoded geometry of GITS_BASER<which> (0: devices, 1: collections). */
static inline const its_table_t *its__table(const its_t *its, unsigned which) {
  return &its->table[which];
}
its_res_t its__read_dte(its_t *its, uint64_t dev, its_dte_t *dte);
its_res_t its__write_dte(its_t *its, uint64_t dev, const its_dte_t *dte);
its_res_t its__write_cte(its_t *its, uint64_t icid, const its_cte_t *cte);
its_res_t its__write_ite(its_t *its, uint64_t itt, uint64_t ev, const its_ite_t *ite);

// Sets *err and returns ITS_R_IGNORED: the one way a parameter error leaves a command.
static inline its_res_t its__ignore(uint32_t cc, uint32_t ee, uint32_t *err) {
  *err = ITS_ERROR(cc, ee);
  return ITS_R_IGNORED;
}

// its_table.c: the lookups shared by commands and translation (spec/its.md section 3.2).
its_res_t its__lookup_ite(its_t *its, uint32_t cc, uint64_t dev, uint64_t ev, its_ite_t *ite,
                          uint64_t *itt, uint32_t *err);
its_res_t its__lookup_cte(its_t *its, uint32_t cc, uint64_t icid, its_cte_t *cte, uint32_t *err);
/** LOOKUP_ITE then LOOKUP_CTE(ITE.ICID): translation (spec 5) and INT, CLEAR, DISCARD, INV. */
its_res_t its__lookup_both(its_t *its, uint32_t cc, uint64_t dev, uint64_t ev, its_ite_t *ite,
                           uint64_t *itt, its_cte_t *cte, uint32_t *err);
/**
 * Appends an output event of `kind` and returns it for the caller to fill in place (the union
 * member of `kind`, assigned whole). Never NULL: a record the queue cannot hold goes to its
 * spare slot and is counted as lost (cm_evq.h).
 */
static inline its_event_t *its__push_event(its_t *its, its_event_kind_t kind) {
  its_event_t *ev = cm_evq_push_slot(&its->events);
  ev->kind = kind;
  return ev;
}

#endif  // ITS_INT_H

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
  uint64_t cwriter;  // Offset field only
  uint64_t creadr;   // Offset field only
  uint64_t baser[2];
  cm_evq_t events;
};

// its_table.c: memory beats and table access.
bool its__mem_read(its_t *its, uint64_t addr, unsigned size, uint8_t *buf);
bool its__mem_write(its_t *its, uint64_t addr, unsigned size, const uint8_t *buf);
its_table_t its__table(const its_t *its, unsigned which);
its_res_t its__entry_addr(its_t *its, const its_table_t *t, uint64_t idx, bool *present,
                          uint64_t *addr);
its_res_t its__read_dte(its_t *its, uint64_t dev, its_dte_t *dte);
its_res_t its__write_dte(its_t *its, uint64_t dev, const its_dte_t *dte);
its_res_t its__read_cte(its_t *its, uint64_t icid, its_cte_t *cte);
its_res_t its__write_cte(its_t *its, uint64_t icid, const its_cte_t *cte);
its_res_t its__read_ite(its_t *its, uint64_t itt, uint64_t ev, its_ite_t *ite);
its_res_t its__write_ite(its_t *its, uint64_t itt, uint64_t ev, const its_ite_t *ite);

// its_cmd.c: lookups shared by commands and translation.
its_res_t its__lookup_ite(its_t *its, uint32_t cc, uint64_t dev, uint64_t ev, its_ite_t *ite,
                          uint64_t *itt, uint32_t *err);
its_res_t its__lookup_cte(its_t *its, uint32_t cc, uint64_t icid, its_cte_t *cte, uint32_t *err);
void its__emit_rd(its_t *its, its_rd_kind_t kind, uint32_t rd, uint32_t rd2, uint32_t intid);
void its__emit_retire(its_t *its, const its_retire_t *rt);

#endif  // ITS_INT_H

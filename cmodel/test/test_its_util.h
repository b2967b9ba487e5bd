// SPDX-License-Identifier: Apache-2.0
// Shared fixture for the ITS unit tests: memory, a configured model, command builders and
// event expectations (spec/its.md, docs/interfaces.md sections 2 and 3).
#ifndef TEST_ITS_UTIL_H
#define TEST_ITS_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "its.h"
#include "test.h"
#include "test_mem.h"

// ---- Default memory map of the standard fixture (itu_std) ----
#define ITU_Q_BASE 0x00010000ull  // command queue: 64 KiB (CBASER.Size = 15), 2048 slots
#define ITU_Q_SIZE 0x10000u
#define ITU_DT_BASE 0x00100000ull  // device table: flat, one 64 KiB page -> 8192 DTEs
#define ITU_CT_BASE 0x00200000ull  // collection table: flat, one 64 KiB page -> 8192 CTEs
#define ITU_DT_N 8192u
#define ITU_CT_N 8192u
#define ITU_ITT(n) (0x01000000ull + 0x00100000ull * (uint64_t)(n))  // ITTs, 1 MiB apart
#define ITU_NUM_RD 4u

// ---- Register field helpers (spec/its.md section 1) ----
#define ITU_VALID (1ull << 63)
#define ITU_INDIRECT (1ull << 62)
#define ITU_PS_4K 0u
#define ITU_PS_16K 1u
#define ITU_PS_64K 2u
#define ITU_PS_64K_ALT 3u  // Page_Size 3 is treated as 64 KiB
#define ITU_CREADR_STALLED 1ull
#define ITU_CWRITER_RETRY 1ull

// ---- Table entry layouts (spec/its.md section 4) ----
#define ITU_ITE_HI 1023u  // high word of a physical ITE: Doorbell = 1023

typedef struct {
  uint64_t dw[4];
} itu_cmd_t;

typedef struct {
  test_mem_t *mem;
  its_t *its;
  uint64_t q_base;  // command queue base and size in bytes
  uint32_t q_size;
  uint32_t wr;    // software's write offset: where the next command goes
  uint32_t last;  // offset of the last command pushed
  size_t reads;   // memory beats seen by the callbacks, faulting ones included
  size_t writes;
  size_t writes_at_kick;  // `writes` when the last command was pushed
  uint64_t wfault_lo[8];  // write-only fault ranges [lo, hi) (reads still succeed)
  uint64_t wfault_hi[8];
  int n_wfaults;
} itu_t;

/** A model with `num_rd` redistributors over an empty memory; nothing configured. */
itu_t *itu_new(uint32_t num_rd);
/** itu_new(4), the default queue and flat tables, enabled. */
itu_t *itu_std(void);
void itu_free(itu_t *t);

// ---- The mapped fixture (itu_mapped) ----
// itu_std() plus: device 1 (Size 7, ITT(1)) and device ITU_DT_N-1 (Size 7, ITT(2)); collection
// 1 -> rd 1, collection 2 -> rd 2, collection 4 -> rd 4 = NumRd (CTE written straight into
// memory); and the events of device 1:
//   ev 5 -> LPI 8200, col 1      ev 255 -> LPI 8201, col 1   (dev ITU_DT_N-1, ev 0 -> 8202, col 1)
//   ev 6 unmapped                ev 7 -> virtual ITE (IntType 0, written into memory)
//   ev 8 -> ICID ITU_CT_N (ITE written into memory)
//   ev 9 -> LPI 8203, col 3 (not mapped)                   ev 10 -> LPI 8204, col 4 (rd OOR)
itu_t *itu_mapped(void);

/** CBASER value: Valid, PA and Size (4 KiB pages - 1). */
uint64_t itu_cbaser(uint64_t pa, unsigned size);
/** BASER value: Valid, PA (64 KiB pages: PA[51:48] in bits [15:12]), Page_Size, Size, Indirect. */
uint64_t itu_baser(uint64_t pa, unsigned page_size, unsigned size, bool indirect);
/** Writes CBASER, BASER0 and BASER1 (the ITS must be disabled) and resets the software offsets. */
void itu_config(itu_t *t, uint64_t cbaser, uint64_t baser0, uint64_t baser1);
void itu_enable(itu_t *t, bool on);

// Register access that must succeed.
#define ITU_WR(t, off, val, size) \
  ASSERT_EQ(its_reg_write((t)->its, (off), (val), (size), 0), ITS_OK)
uint64_t itu_rd(itu_t *t, uint32_t off);
uint64_t itu_creadr(itu_t *t);

/** Beats at [lo, hi) fault on writes only (the test memory faults reads and writes alike). */
void itu_add_write_fault(itu_t *t, uint64_t lo, uint64_t hi);
void itu_clear_faults(itu_t *t);

// ---- Commands (spec/its.md section 3 field layout) ----
itu_cmd_t itu_c_raw(uint64_t dw0, uint64_t dw1, uint64_t dw2, uint64_t dw3);
itu_cmd_t itu_c_mapd(uint32_t dev, unsigned size, uint64_t itt, bool v);
itu_cmd_t itu_c_mapc(uint32_t icid, uint64_t rd, bool v);
itu_cmd_t itu_c_mapti(uint32_t dev, uint32_t ev, uint32_t pintid, uint32_t icid);
itu_cmd_t itu_c_mapi(uint32_t dev, uint32_t ev, uint32_t icid);
itu_cmd_t itu_c_int(uint32_t dev, uint32_t ev);
itu_cmd_t itu_c_clear(uint32_t dev, uint32_t ev);
itu_cmd_t itu_c_discard(uint32_t dev, uint32_t ev);
itu_cmd_t itu_c_inv(uint32_t dev, uint32_t ev);
itu_cmd_t itu_c_invall(uint32_t icid);
itu_cmd_t itu_c_sync(uint64_t rd);
itu_cmd_t itu_c_movi(uint32_t dev, uint32_t ev, uint32_t icid);
itu_cmd_t itu_c_movall(uint64_t rd1, uint64_t rd2);

/** Writes the command into the queue memory at the software write offset and advances it. */
void itu_push(itu_t *t, itu_cmd_t c);
/** Writes GITS_CWRITER = the software write offset (64-bit write). */
void itu_kick(itu_t *t);
/** Push, kick and run one step. */
its_step_t itu_exec(itu_t *t, itu_cmd_t c);
/** Runs `c`, requires a retire with outcome OK and drops all its events (set-up only). */
void itu_ok(itu_t *t, itu_cmd_t c);
/** Pops and drops every queued event. */
void itu_drain(itu_t *t);

// ---- Table entries ----
uint64_t itu_dte(unsigned size, uint64_t itt);
uint64_t itu_cte(uint32_t rd);
uint64_t itu_ite_lo(uint32_t intid, uint32_t icid);
uint64_t itu_ite_addr(uint64_t itt, uint32_t ev);
/** Writes an ITE straight into memory (low 8 bytes at ITT + 12e, high 4 bytes at +8). */
void itu_poke_ite(itu_t *t, uint64_t itt, uint32_t ev, uint64_t lo, uint32_t hi);

// ---- Expectations: each pops the next event and compares every field ----
void itu_expect_mem_at(const char *f, int l, itu_t *t, uint64_t addr, uint64_t data, uint8_t be,
                       bool fault);
void itu_expect_rd_at(const char *f, int l, itu_t *t, its_rd_kind_t kind, uint32_t rd, uint32_t rd2,
                      uint32_t intid);
void itu_expect_retire_at(const char *f, int l, itu_t *t, its_retire_kind_t kind, uint32_t offset,
                          int opcode, its_outcome_t outcome, uint32_t error, uint32_t devid,
                          uint32_t eventid);
void itu_expect_none_at(const char *f, int l, itu_t *t);
void itu_expect_ite_at(const char *f, int l, itu_t *t, uint64_t itt, uint32_t ev, uint64_t lo,
                       uint32_t hi, bool fault0, bool fault1);
void itu_expect_ignored_at(const char *f, int l, itu_t *t, its_step_t step, uint8_t opcode,
                           uint32_t error);
void itu_expect_stalled_at(const char *f, int l, itu_t *t, its_step_t step, int opcode);
void itu_expect_ok_at(const char *f, int l, itu_t *t, its_step_t step, uint8_t opcode);

#define EXPECT_MEM(t, addr, data, be) \
  itu_expect_mem_at(__FILE__, __LINE__, (t), (addr), (data), (be), false)
#define EXPECT_MEM_FAULT(t, addr, data, be) \
  itu_expect_mem_at(__FILE__, __LINE__, (t), (addr), (data), (be), true)
#define EXPECT_RD(t, kind, rd, rd2, intid) \
  itu_expect_rd_at(__FILE__, __LINE__, (t), (kind), (rd), (rd2), (intid))
#define EXPECT_SET(t, rd, intid) EXPECT_RD((t), ITS_RD_SET, (rd), 0, (intid))
#define EXPECT_CLEAR(t, rd, intid) EXPECT_RD((t), ITS_RD_CLEAR, (rd), 0, (intid))
#define EXPECT_INV(t, rd, intid) EXPECT_RD((t), ITS_RD_INV, (rd), 0, (intid))
#define EXPECT_INVALL(t, rd) EXPECT_RD((t), ITS_RD_INVALL, (rd), 0, 0)
#define EXPECT_SYNC(t, rd) EXPECT_RD((t), ITS_RD_SYNC, (rd), 0, 0)
#define EXPECT_MOVE(t, from, to, intid) EXPECT_RD((t), ITS_RD_MOVE, (from), (to), (intid))
#define EXPECT_MOVALL(t, from, to) EXPECT_RD((t), ITS_RD_MOVALL, (from), (to), 0)
// Retire record of the last command pushed; opcode -1 = not checked.
#define EXPECT_RETIRE(t, opcode, outcome, error)                                            \
  itu_expect_retire_at(__FILE__, __LINE__, (t), ITS_RT_CMD, (t)->last, (opcode), (outcome), \
                       (error), 0, 0)
#define EXPECT_RETIRE_AT(t, offset, opcode, outcome, error)                                \
  itu_expect_retire_at(__FILE__, __LINE__, (t), ITS_RT_CMD, (offset), (opcode), (outcome), \
                       (error), 0, 0)
#define EXPECT_RETIRE_MSI(t, kind, devid, ev, outcome, error) \
  itu_expect_retire_at(__FILE__, __LINE__, (t), (kind), 0, 0, (outcome), (error), (devid), (ev))
#define EXPECT_NONE(t) itu_expect_none_at(__FILE__, __LINE__, (t))
// The two beats of a 12-byte ITE write (docs/interfaces.md section 2).
#define EXPECT_ITE(t, itt, ev, lo, hi) \
  itu_expect_ite_at(__FILE__, __LINE__, (t), (itt), (ev), (lo), (hi), false, false)
#define EXPECT_ITE_FAULT(t, itt, ev, lo, hi, f0, f1) \
  itu_expect_ite_at(__FILE__, __LINE__, (t), (itt), (ev), (lo), (hi), (f0), (f1))
// A parameter error: step SKIPPED, only an IGNORED retire with `error`, no memory write, CREADR
// advanced past the command, Stalled = 0 (spec/its.md section 3.1, section 9).
#define EXPECT_IGNORED(t, step, opcode, error) \
  itu_expect_ignored_at(__FILE__, __LINE__, (t), (step), (opcode), (error))
// A memory fault: step STALLED, a STALLED retire (after any events the caller popped), CREADR =
// the command with Stalled = 1 (docs/interfaces.md section 3.3).
#define EXPECT_STALLED(t, step, opcode) \
  itu_expect_stalled_at(__FILE__, __LINE__, (t), (step), (opcode))
// Success: step OK, an OK retire (after the events the caller popped), nothing more, CREADR
// advanced, Stalled = 0.
#define EXPECT_OK(t, step, opcode) itu_expect_ok_at(__FILE__, __LINE__, (t), (step), (opcode))

#endif  // TEST_ITS_UTIL_H

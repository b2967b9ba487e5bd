// SPDX-License-Identifier: Apache-2.0
// Memory access callbacks shared by the ITS and stimer models (docs/interfaces.md section 2).
#ifndef CM_MEM_H
#define CM_MEM_H

#include <stdbool.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * One 64-bit memory beat. `addr` is always 8-byte aligned. Byte lane k of `data` is the byte at
 * `addr + k` (little-endian). Each callback returns false when the access faulted; a faulting
 * write must leave memory unchanged.
 */
typedef struct {
  void *ctx;
  bool (*read64)(void *ctx, uint64_t addr, uint64_t *data);
  bool (*write64)(void *ctx, uint64_t addr, uint64_t data, uint8_t be);
} cm_mem_ops_t;

/** Beats of a 4 KiB page, in 64-bit words of a beat bit mask (cm_mem_zero_page_fn). */
#define CM_PAGE_BEAT_WORDS 8

/**
 * Optional (stimer_set_zero_page): writes zero to the 4 KiB page at `addr` (4 KiB aligned) as
 * one operation, as its 512 beats of 8 bytes with every lane enabled would, beat k at
 * `addr + 8k`: a beat that faults writes nothing and sets bit k % 64 of `faults[k / 64]`, the
 * others write their zeros (and clear their bit). Returns false, having written nothing, when
 * the memory cannot say which beats fault: the model then issues the beats one by one through
 * write64. For a memory that clears a page faster than 512 calls; the model's outputs are the
 * same either way.
 */
typedef bool (*cm_mem_zero_page_fn)(void *ctx, uint64_t addr, uint64_t faults[CM_PAGE_BEAT_WORDS]);

/**
 * A run of zero write beats the model issued (stimer_set_zero_runs): `beats` beats of data 0 with
 * every lane enabled (be 0xFF) at `addr`, `addr + 8`, ..., each of them faulting (`fault`) or
 * none: what `beats` cm_mem_write_t records {addr + 8i, 0, 0xFF, fault} say, in that order.
 */
typedef struct {
  uint64_t addr;
  uint32_t beats;
  bool fault;
} cm_mem_zero_run_t;

/** A write beat the model issued, recorded as an event whether or not it faulted. */
typedef struct {
  uint64_t addr;
  uint64_t data;
  uint8_t be;
  bool fault;
} cm_mem_write_t;

/**
 * The bit mask of the byte lanes `be` enables (lane k = bits 8k+7..8k of a beat): bit k of `be`
 * moves to bit 8k in three halving steps (4 bits by 28, 2 by 14, 1 by 7), then each 0/1 byte is
 * multiplied by 0xFF (no carry crosses a byte). For memories that merge a beat whole.
 */
static inline uint64_t cm_be_mask(uint8_t be) {
  uint64_t x = be;
  x = (x | (x << 28)) & 0x0000000F0000000Full;
  x = (x | (x << 14)) & 0x0003000300030003ull;
  x = (x | (x << 7)) & 0x0101010101010101ull;
  return x * 0xFF;
}

#ifdef __cplusplus
}
#endif

#endif  // CM_MEM_H

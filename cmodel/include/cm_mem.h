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

/** A write beat the model issued, recorded as an event whether or not it faulted. */
typedef struct {
  uint64_t addr;
  uint64_t data;
  uint8_t be;
  bool fault;
} cm_mem_write_t;

#ifdef __cplusplus
}
#endif

#endif  // CM_MEM_H

// SPDX-License-Identifier: Apache-2.0
// ITS register frames, lifecycle and event queue (spec/its.md section 1, docs/interfaces.md 1.1).
#include <stdlib.h>
#include <string.h>

#include "its_int.h"

#define ITS_FRAME_BYTES 0x20000u
#define ITS_TRANSLATION_FRAME 0x10000u

its_status_t its_create(const its_config_t *cfg, const cm_mem_ops_t *mem, its_t **out) {
  if (cfg == NULL || mem == NULL || out == NULL || mem->read64 == NULL || mem->write64 == NULL ||
      cfg->num_rd == 0 || cfg->num_rd > 65536) {
    return ITS_ERR_BAD_ARG;
  }
  its_t *its = calloc(1, sizeof(*its));
  if (its == NULL) {
    return ITS_ERR_BAD_ARG;
  }
  its->cfg = *cfg;
  its->mem = *mem;
  if (!cm_evq_init(&its->events, sizeof(its_event_t))) {
    free(its);
    return ITS_ERR_BAD_ARG;  // out of memory: as the calloc above, nothing happened
  }
  its_reset(its);
  *out = its;
  return ITS_OK;
}

void its_destroy(its_t *its) {
  if (its == NULL) {
    return;
  }
  cm_evq_free(&its->events);
  free(its);
}

void its_reset(its_t *its) {
  if (its == NULL) {
    return;
  }
  its->enabled = false;
  its->stalled = false;
  its->cbaser = 0;
  its->cwriter = 0;
  its->creadr = 0;
  its__set_baser(its, 0, ITS_GITS_BASER0_RESET);
  its__set_baser(its, 1, ITS_GITS_BASER1_RESET);
  cm_evq_clear(&its->events);
}

// The ID registers, as doublewords of the control frame (PIDR4..7, PIDR0..3, CIDR0..3).
static uint64_t its_id_regs(uint32_t dw) {
  static const uint8_t ids[12] = {0x44, 0x00, 0x00, 0x00, 0x94, 0xB4,
                                  0x3B, 0x00, 0x0D, 0xF0, 0x05, 0xB1};
  unsigned i = (dw - 0xFFD0u) / 4;
  return (uint64_t)ids[i] | ((uint64_t)ids[i + 1] << 32);
}

static uint64_t its_read_dw(const its_t *its, uint32_t dw) {
  switch (dw) {
    case ITS_GITS_CTLR:
      // IMPDEF: IMPDEF-ITS-2: Quiescent always reads 1.
      return (uint64_t)ITS_GITS_CTLR_RESET | (its->enabled ? 1u : 0u) |
             ((uint64_t)ITS_GITS_IIDR_RESET << 32);
    case ITS_GITS_TYPER:
      return ITS_GITS_TYPER_RESET;
    case ITS_GITS_CBASER:
      return its->cbaser;
    case ITS_GITS_CWRITER:
      return its->cwriter;
    case ITS_GITS_CREADR:
      return its->creadr | (its->stalled ? ITS_GITS_CREADR_STALLED : 0);
    case ITS_GITS_BASER(0):
      return its->baser[0];
    case ITS_GITS_BASER(1):
      return its->baser[1];
    default:
      // PIDR4 .. CIDR3 are the last doublewords of the control frame (dw <= 0xFFF8 here).
      if (dw >= 0xFFD0u) {
        return its_id_regs(dw);
      }
      return 0;  // reserved and unimplemented: RAZ
  }
}

// Applies a write of the lanes in `lanes` (0xFFFFFFFF low half, high half, or both) of `v` to
// the control-frame doubleword `dw`. Each 32-bit half behaves as its 32-bit register.
static void its_write_dw(its_t *its, uint32_t dw, uint64_t v, uint64_t lanes) {
  bool low = (lanes & 0xFFFFFFFFull) != 0;
  switch (dw) {
    case ITS_GITS_CTLR:
      if (low) {
        its->enabled = (v & 1u) != 0;  // Enabled is the only writable bit; IIDR is RO
      }
      break;
    case ITS_GITS_CBASER:
      // Ignored while enabled (spec section 9). Any write, either half, zeroes CREADR,
      // which also clears Stalled; CWRITER is unchanged (arch, QEMU fix Jan 2022).
      if (!its->enabled) {
        its->cbaser = ((its->cbaser & ~lanes) | (v & lanes)) & ITS_GITS_CBASER_WMASK;
        its->creadr = 0;
        its->stalled = false;
      }
      break;
    case ITS_GITS_CWRITER: {
      // IMPDEF: IMPDEF-ITS-4: only Offset is kept; a high-half write changes nothing.
      uint64_t m = lanes & ITS_GITS_CWRITER_OFFSET_MASK;
      its->cwriter = (its->cwriter & ~m) | (v & m);
      // Architectural Retry: clears Stalled so the command at CREADR runs again (section 9).
      if (low && (v & ITS_GITS_CWRITER_RETRY) != 0) {
        its->stalled = false;
      }
      break;
    }
    case ITS_GITS_BASER(0):
    case ITS_GITS_BASER(1): {
      // Ignored while enabled; Type and Entry_Size are read-only (IMPDEF-ITS-3).
      if (!its->enabled) {
        unsigned n = (dw - ITS_GITS_BASER(0)) / 8;
        uint64_t m = lanes & (n == 0 ? ITS_GITS_BASER0_WMASK : ITS_GITS_BASER1_WMASK);
        its__set_baser(its, n, (its->baser[n] & ~m) | (v & m));
      }
      break;
    }
    default:
      break;  // read-only, reserved and unimplemented: WI
  }
}

its_status_t its_reg_write(its_t *its, uint32_t offset, uint64_t value, unsigned size,
                           uint32_t devid) {
  if (its == NULL || offset >= ITS_FRAME_BYTES) {
    return ITS_ERR_BAD_ARG;
  }
  bool aligned = (size == 8 && (offset & 7) == 0) || (size == 4 && (offset & 3) == 0) ||
                 (size == 2 && (offset & 7) == 0);
  // IMPDEF: IMPDEF-ITS-1: 16-bit writes exist only for GITS_TRANSLATER.
  if (!aligned || (size == 2 && offset != ITS_GITS_TRANSLATER)) {
    return ITS_BUS_ERROR;
  }
  if (offset >= ITS_TRANSLATION_FRAME) {
    if (offset == ITS_GITS_TRANSLATER) {
      // A 16-bit write zero-extends; a 64-bit write carries the EventID in its low half.
      uint64_t mask = size == 2 ? 0xFFFFull : 0xFFFFFFFFull;
      its_translate(its, ITS_RT_TRANSLATER, devid, (uint32_t)(value & mask), NULL, NULL);
    }
    return ITS_OK;  // other translation-frame offsets: WI
  }
  uint32_t dw = offset & ~7u;
  uint64_t lanes = size == 8 ? ~0ull : ((offset & 4) ? 0xFFFFFFFF00000000ull : 0xFFFFFFFFull);
  uint64_t v = size == 8 ? value : ((value & 0xFFFFFFFFull) << ((offset & 4) * 8));
  its_write_dw(its, dw, v, lanes);
  return ITS_OK;
}

its_status_t its_reg_read(its_t *its, uint32_t offset, uint64_t *value) {
  if (its == NULL || value == NULL || offset >= ITS_FRAME_BYTES) {
    return ITS_ERR_BAD_ARG;
  }
  uint32_t dw = offset & ~7u;
  *value = dw >= ITS_TRANSLATION_FRAME ? 0 : its_read_dw(its, dw);
  return ITS_OK;
}

bool its_pop_event(its_t *its, its_event_t *ev) {
  if (its == NULL || ev == NULL) {
    return false;
  }
  const its_event_t *front = cm_evq_front(&its->events);
  if (front == NULL) {
    return false;
  }
  *ev = *front;
  cm_evq_drop(&its->events);
  return true;
}

size_t its_event_count(const its_t *its) {
  return its == NULL ? 0 : its->events.count;
}

size_t its_event_run(const its_t *its, const its_event_t **run) {
  if (run == NULL) {
    return 0;
  }
  const void *first = NULL;  // none (also for a NULL model): NULL, as the header says
  size_t n = its == NULL ? 0 : cm_evq_run(&its->events, &first);
  *run = (const its_event_t *)first;
  return n;
}

void its_drop_events(its_t *its, size_t n) {
  if (its != NULL) {
    cm_evq_drop_n(&its->events, n);
  }
}

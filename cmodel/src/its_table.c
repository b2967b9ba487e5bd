// SPDX-License-Identifier: Apache-2.0
// ITS memory access: beats, table geometry, DTE/CTE/ITE encode and decode (spec/its.md s. 4).
#include <string.h>

#include "its_int.h"

// ---- Memory beats (docs/interfaces.md section 2) ----

// Reads `size` bytes at any address as 8-byte beats in ascending order. Every beat is issued
// even after a fault; returns false if any beat faulted (IMPDEF: IMPDEF-ITS-8).
bool its__mem_read(its_t *its, uint64_t addr, unsigned size, uint8_t *buf) {
  bool ok = true;
  uint64_t end = addr + size;
  for (uint64_t beat = addr & ~7ull; beat < end; beat += 8) {
    uint64_t data = 0;
    if (!its->mem.read64(its->mem.ctx, beat, &data)) {
      ok = false;
    }
    for (unsigned lane = 0; lane < 8; lane++) {
      uint64_t a = beat + lane;
      if (a >= addr && a < end) {
        buf[a - addr] = (uint8_t)(data >> (8 * lane));
      }
    }
  }
  return ok;
}

// Writes `size` bytes as beats with byte enables, ascending; each beat is also queued as an
// event. Every beat is issued; returns false if any faulted (IMPDEF: IMPDEF-ITS-8).
bool its__mem_write(its_t *its, uint64_t addr, unsigned size, const uint8_t *buf) {
  bool ok = true;
  uint64_t end = addr + size;
  for (uint64_t beat = addr & ~7ull; beat < end; beat += 8) {
    uint64_t data = 0;
    uint8_t be = 0;
    for (unsigned lane = 0; lane < 8; lane++) {
      uint64_t a = beat + lane;
      if (a >= addr && a < end) {
        data |= (uint64_t)buf[a - addr] << (8 * lane);
        be |= (uint8_t)(1u << lane);
      }
    }
    its_event_t ev = {.kind = ITS_EV_MEM_WRITE};
    ev.u.mem.addr = beat;
    ev.u.mem.data = data;
    ev.u.mem.be = be;
    ev.u.mem.fault = !its->mem.write64(its->mem.ctx, beat, data, be);
    if (ev.u.mem.fault) {
      ok = false;
    }
    cm_evq_push(&its->events, &ev);
  }
  return ok;
}

static uint64_t its_le_get(const uint8_t *buf, unsigned size) {
  uint64_t v = 0;
  for (unsigned i = 0; i < size; i++) {
    v |= (uint64_t)buf[i] << (8 * i);
  }
  return v;
}

static void its_le_put(uint8_t *buf, uint64_t v, unsigned size) {
  for (unsigned i = 0; i < size; i++) {
    buf[i] = (uint8_t)(v >> (8 * i));
  }
}

// ---- Table geometry (QEMU extract_table_params) ----

// `which` is 0 for the device table (GITS_BASER0), 1 for the collection table (GITS_BASER1).
its_table_t its__table(const its_t *its, unsigned which) {
  its_table_t t;
  memset(&t, 0, sizeof(t));
  uint64_t b = its->baser[which];
  t.valid = (b & ITS_GITS_BASER_VALID) != 0;
  if (!t.valid) {
    return t;  // n = 0: every command using the table is ignored
  }
  t.indirect = (b & ITS_GITS_BASER_INDIRECT) != 0;
  t.esz = (uint32_t)ITS_FX(b, 48, 5) + 1;
  switch (ITS_FX(b, 8, 2)) {
    case 0:
      t.page = 4096;
      t.base = b & ITS_MASK(12, 36);
      break;
    case 1:
      t.page = 16384;
      t.base = b & ITS_MASK(12, 36);
      break;
    default:  // 2 = 64K; 3 is treated as 64K (QEMU)
      t.page = 65536;
      t.base = (b & ITS_MASK(16, 32)) | (ITS_FX(b, 12, 4) << 48);
      break;
  }
  uint64_t pages = ITS_FX(b, 0, 8) + 1;
  if (t.indirect) {
    t.n = (pages * t.page / 8) * (t.page / t.esz);
  } else {
    t.n = pages * t.page / t.esz;
  }
  // Capacity is limited by the ID width as well as by the memory provided (spec 4, 7.10).
  uint64_t id_limit = 1ull << (which == 0 ? ITS_DEV_BITS : ITS_CID_BITS);
  if (t.n > id_limit) {
    t.n = id_limit;
  }
  return t;
}

// Resolves entry `idx` (< t->n) to an address. With an indirect table it reads the level-1
// entry; an invalid one means there is no entry (`*present` = false).
its_res_t its__entry_addr(its_t *its, const its_table_t *t, uint64_t idx, bool *present,
                          uint64_t *addr) {
  *present = false;
  if (!t->indirect) {
    *present = true;
    *addr = t->base + idx * t->esz;
    return ITS_R_OK;
  }
  uint64_t per_page = t->page / t->esz;
  uint8_t buf[8];
  if (!its__mem_read(its, t->base + 8 * (idx / per_page), 8, buf)) {
    return ITS_R_STALL;
  }
  uint64_t l1 = its_le_get(buf, 8);
  if ((l1 >> 63) == 0) {
    return ITS_R_OK;
  }
  *present = true;
  *addr = (l1 & ITS_MASK(0, 51)) + (idx % per_page) * t->esz;  // QEMU masks [50:0]
  return ITS_R_OK;
}

// Reads table entry `idx` of table `which`; an absent entry reads as 0 (invalid).
static its_res_t its_read_entry(its_t *its, unsigned which, uint64_t idx, uint64_t *val) {
  its_table_t t = its__table(its, which);
  bool present;
  uint64_t addr;
  *val = 0;
  its_res_t r = its__entry_addr(its, &t, idx, &present, &addr);
  if (r != ITS_R_OK || !present) {
    return r;
  }
  uint8_t buf[8];
  if (!its__mem_read(its, addr, 8, buf)) {
    return ITS_R_STALL;
  }
  *val = its_le_get(buf, 8);
  return ITS_R_OK;
}

// Writes table entry `idx`; an update of an absent entry is silently dropped (spec 4).
static its_res_t its_write_entry(its_t *its, unsigned which, uint64_t idx, uint64_t val) {
  its_table_t t = its__table(its, which);
  bool present;
  uint64_t addr;
  its_res_t r = its__entry_addr(its, &t, idx, &present, &addr);
  if (r != ITS_R_OK || !present) {
    return r;
  }
  uint8_t buf[8];
  its_le_put(buf, val, 8);
  return its__mem_write(its, addr, 8, buf) ? ITS_R_OK : ITS_R_STALL;
}

// ---- Entry layouts (spec/its.md section 4, QEMU layout) ----

its_res_t its__read_dte(its_t *its, uint64_t dev, its_dte_t *dte) {
  uint64_t v;
  its_res_t r = its_read_entry(its, 0, dev, &v);
  dte->valid = ITS_DTE_VALID_GET(v) != 0;
  dte->size = (uint32_t)ITS_DTE_SIZE_GET(v);
  dte->itt = ITS_DTE_ITT_ADDR_GET(v) << ITS_CMDF_ITT_LSB_IN;
  return r;
}

its_res_t its__write_dte(its_t *its, uint64_t dev, const its_dte_t *dte) {
  uint64_t v = 0;
  if (dte->valid) {
    v = ITS_DTE_VALID | ITS_DTE_SIZE(dte->size) | ITS_DTE_ITT_ADDR(dte->itt >> ITS_CMDF_ITT_LSB_IN);
  }
  return its_write_entry(its, 0, dev, v);
}

its_res_t its__read_cte(its_t *its, uint64_t icid, its_cte_t *cte) {
  uint64_t v;
  its_res_t r = its_read_entry(its, 1, icid, &v);
  cte->valid = ITS_CTE_VALID_GET(v) != 0;
  cte->rd = (uint32_t)ITS_CTE_RDBASE_GET(v);
  return r;
}

its_res_t its__write_cte(its_t *its, uint64_t icid, const its_cte_t *cte) {
  uint64_t v = cte->valid ? (ITS_CTE_VALID | ITS_CTE_RDBASE(cte->rd)) : 0;
  return its_write_entry(its, 1, icid, v);
}

// The ITE of EventID `ev` is 12 bytes at ITT + 12*ev: 8 bytes, then the doorbell word at +8.
its_res_t its__read_ite(its_t *its, uint64_t itt, uint64_t ev, its_ite_t *ite) {
  uint8_t buf[ITS_ITE_BYTES];
  bool ok = its__mem_read(its, itt + ITS_ITE_BYTES * ev, ITS_ITE_BYTES, buf);
  uint64_t lo = ok ? its_le_get(buf, 8) : 0;
  uint64_t hi = ok ? its_le_get(buf + 8, 4) : 0;
  ite->valid = ITS_ITE_LO_VALID_GET(lo) != 0;
  ite->physical = ITS_ITE_LO_INTTYPE_GET(lo) != 0;
  ite->intid = (uint32_t)ITS_ITE_LO_INTID_GET(lo);
  ite->icid = (uint32_t)ITS_ITE_LO_ICID_GET(lo);
  ite->vpeid = (uint32_t)ITS_ITE_LO_VPEID_GET(lo);
  ite->doorbell = (uint32_t)ITS_ITE_HI_DOORBELL_GET(hi);
  return ok ? ITS_R_OK : ITS_R_STALL;
}

its_res_t its__write_ite(its_t *its, uint64_t itt, uint64_t ev, const its_ite_t *ite) {
  uint64_t lo = 0;
  uint64_t hi = 0;
  if (ite->valid) {
    lo = ITS_ITE_LO_VALID | (ite->physical ? ITS_ITE_LO_INTTYPE : 0) |
         ITS_ITE_LO_INTID(ite->intid) | ITS_ITE_LO_ICID(ite->icid) | ITS_ITE_LO_VPEID(ite->vpeid);
    hi = ITS_ITE_HI_DOORBELL(ite->doorbell);
  }
  uint8_t buf[ITS_ITE_BYTES];
  its_le_put(buf, lo, 8);
  its_le_put(buf + 8, hi, 4);
  return its__mem_write(its, itt + ITS_ITE_BYTES * ev, ITS_ITE_BYTES, buf) ? ITS_R_OK : ITS_R_STALL;
}

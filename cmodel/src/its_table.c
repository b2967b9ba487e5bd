// SPDX-License-Identifier: Apache-2.0
// ITS memory access: beats, table geometry, DTE/CTE/ITE encode and decode (spec/its.md s. 4).
#include "its_int.h"

// ---- Memory beats (docs/interfaces.md section 2) ----
//
// Table entries, ITEs and commands are little-endian byte strings at any address. The memory
// interface moves aligned 8-byte beats (byte lane k = the byte at beat + k), so a string is
// carried by the beats that cover it, in ascending order: an aligned 8-byte entry is one beat,
// a 12-byte ITE two (it straddles a beat boundary at every other EventID), a command four. The
// string and its beats are both held as doublewords; its_le_window() moves bytes between the
// two alignments with shifts, whole doublewords at a time.

// The 8 bytes at byte offset `off` (-8 < off < 8 * n) of the little-endian byte string held in
// `w[0..n)`; bytes outside the string read as 0.
static uint64_t its_le_window(const uint64_t *w, unsigned n, int off) {
  int q = (off + 8) / 8 - 1;  // floor(off / 8): the doubleword holding the first byte
  unsigned sh = 8u * (unsigned)(off - 8 * q);
  uint64_t lo = (q >= 0 && q < (int)n) ? w[q] : 0;
  if (sh == 0) {
    return lo;
  }
  uint64_t hi = (q + 1 >= 0 && q + 1 < (int)n) ? w[q + 1] : 0;
  return (lo >> sh) | (hi << (64 - sh));
}

// Byte lanes [lo, hi) of a doubleword as a bit mask (0 <= lo < hi <= 8).
static uint64_t its_lane_mask(unsigned lo, unsigned hi) {
  uint64_t upto = hi >= 8 ? ~0ull : (1ull << (8 * hi)) - 1;
  return upto & ~((1ull << (8 * lo)) - 1);
}

// Number of beats covering [addr, addr + size).
static unsigned its_beats(uint64_t addr, unsigned size) {
  return (unsigned)(((addr & 7) + size + 7) / 8);
}

// Reads the `size` bytes (1..ITS_CMD_BYTES) at any address into out[0..(size+7)/8) as
// little-endian doublewords; bytes past `size` in the last one are 0. Every beat is issued, in
// ascending order, even after a fault; returns false if any beat faulted (IMPDEF: IMPDEF-ITS-8).
bool its__mem_read(its_t *its, uint64_t addr, unsigned size, uint64_t *out) {
  uint64_t beat[ITS_CMD_BYTES / 8 + 1];
  uint64_t first = addr & ~7ull;
  unsigned n = its_beats(addr, size);
  bool ok = true;
  for (unsigned i = 0; i < n; i++) {
    beat[i] = 0;
    if (!its->mem.read64(its->mem.ctx, first + 8 * i, &beat[i])) {
      ok = false;
    }
  }
  unsigned lead = (unsigned)(addr & 7);
  unsigned words = (size + 7) / 8;
  for (unsigned w = 0; w < words; w++) {
    out[w] = its_le_window(beat, n, (int)(lead + 8 * w));
  }
  if (size % 8 != 0) {
    out[words - 1] &= its_lane_mask(0, size % 8);
  }
  return ok;
}

// Writes the `size` bytes (1..16) held in in[0..(size+7)/8) at any address, as beats with the
// byte enables of the lanes they cover, ascending; disabled lanes carry 0. Each beat is also
// queued as an event with its fault. Every beat is issued; returns false if any faulted
// (IMPDEF: IMPDEF-ITS-8).
bool its__mem_write(its_t *its, uint64_t addr, unsigned size, const uint64_t *in) {
  bool ok = true;
  uint64_t first = addr & ~7ull;
  unsigned n = its_beats(addr, size);
  int lead = (int)(addr & 7);
  for (unsigned i = 0; i < n; i++) {
    int off = 8 * (int)i - lead;  // offset in the string of this beat's lane 0
    unsigned lo = off < 0 ? (unsigned)-off : 0;
    unsigned hi = (int)size - off >= 8 ? 8 : (unsigned)((int)size - off);
    uint8_t be = (uint8_t)(((1u << hi) - 1) & ~((1u << lo) - 1));
    uint64_t data = its_le_window(in, (size + 7) / 8, off) & its_lane_mask(lo, hi);
    bool fault = !its->mem.write64(its->mem.ctx, first + 8 * i, data, be);
    its_event_t *ev = its__push_event(its, ITS_EV_MEM_WRITE);
    if (ev != NULL) {
      ev->u.mem = (cm_mem_write_t){first + 8 * i, data, be, fault};
    }
    ok = ok && !fault;
  }
  return ok;
}

// ---- Table geometry (spec/its.md section 4; QEMU extract_table_params) ----

// Decodes GITS_BASER<which> (0: device table, 1: collection table).
static its_table_t its_table_decode(uint64_t b, unsigned which) {
  its_table_t t = {0};
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

// The geometry is a function of GITS_BASER<n> alone, so it is decoded when the register
// changes (here, the one place that sets it: register writes and reset), not at every lookup.
void its__set_baser(its_t *its, unsigned which, uint64_t value) {
  its->baser[which] = value;
  its->table[which] = its_table_decode(value, which);
}

const its_table_t *its__table(const its_t *its, unsigned which) {
  return &its->table[which];
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
  uint64_t l1;
  if (!its__mem_read(its, t->base + 8 * (idx / per_page), 8, &l1)) {
    return ITS_R_STALL;
  }
  if ((l1 >> 63) == 0) {
    return ITS_R_OK;
  }
  *present = true;
  *addr = (l1 & ITS_MASK(0, 51)) + (idx % per_page) * t->esz;  // QEMU masks [50:0]
  return ITS_R_OK;
}

// Reads table entry `idx` of table `which`; an absent entry reads as 0 (invalid).
static its_res_t its_read_entry(its_t *its, unsigned which, uint64_t idx, uint64_t *val) {
  bool present;
  uint64_t addr;
  *val = 0;
  its_res_t r = its__entry_addr(its, its__table(its, which), idx, &present, &addr);
  if (r != ITS_R_OK || !present) {
    return r;
  }
  if (!its__mem_read(its, addr, 8, val)) {
    *val = 0;
    return ITS_R_STALL;
  }
  return ITS_R_OK;
}

// Writes table entry `idx`; an update of an absent entry is silently dropped (spec 4).
static its_res_t its_write_entry(its_t *its, unsigned which, uint64_t idx, uint64_t val) {
  bool present;
  uint64_t addr;
  its_res_t r = its__entry_addr(its, its__table(its, which), idx, &present, &addr);
  if (r != ITS_R_OK || !present) {
    return r;
  }
  return its__mem_write(its, addr, 8, &val) ? ITS_R_OK : ITS_R_STALL;
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
  uint64_t w[2];
  bool ok = its__mem_read(its, itt + ITS_ITE_BYTES * ev, ITS_ITE_BYTES, w);
  uint64_t lo = ok ? w[0] : 0;
  uint64_t hi = ok ? w[1] : 0;
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
  const uint64_t w[2] = {lo, hi};
  return its__mem_write(its, itt + ITS_ITE_BYTES * ev, ITS_ITE_BYTES, w) ? ITS_R_OK : ITS_R_STALL;
}

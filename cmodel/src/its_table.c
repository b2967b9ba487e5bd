// SPDX-License-Identifier: Apache-2.0
// ITS memory access: beats, table geometry, DTE/CTE/ITE encode and decode (spec/its.md s. 4),
// and the shared lookups built on them (spec 3.2).
#include "its_int.h"

// ---- Memory beats (docs/interfaces.md section 2) ----
//
// Table entries, ITEs and commands are little-endian byte strings at any address. The memory
// interface moves aligned 8-byte beats (byte lane k = the byte at beat + k), so a string is
// carried by the beats that cover it, in ascending order: an aligned 8-byte entry is one beat,
// a 12-byte ITE two (it straddles a beat boundary at every other EventID), a command four. The
// string and its beats are both held as doublewords: at an aligned address they are the same;
// otherwise each doubleword is spliced from two neighbours with shifts.

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
// Small enough to be inlined where `size` is a constant (the table readers below).
static inline bool its_mem_read(its_t *its, uint64_t addr, unsigned size, uint64_t *out) {
  uint64_t first = addr & ~7ull;
  unsigned n = its_beats(addr, size);
  unsigned words = (size + 7) / 8;
  unsigned sh = 8 * (unsigned)(addr & 7);  // where the string starts in its first beat
  bool ok = true;
  if (sh == 0) {
    // Aligned (table entries, commands, every other ITE): beat i is doubleword i.
    for (unsigned i = 0; i < words; i++) {
      out[i] = 0;
      ok = its->mem.read64(its->mem.ctx, addr + 8 * i, &out[i]) && ok;
    }
  } else {
    // Straddling (the ITE of an odd EventID, an entry in an unaligned level-2 page): doubleword
    // w is spliced from beats w and w + 1.
    for (unsigned i = 0; i < n; i++) {
      uint64_t beat = 0;
      ok = its->mem.read64(its->mem.ctx, first + 8 * i, &beat) && ok;
      if (i < words) {
        out[i] = beat >> sh;  // the low part of doubleword i
      }
      if (i > 0) {
        out[i - 1] |= beat << (64 - sh);  // the high part of doubleword i - 1
      }
    }
  }
  if (size % 8 != 0) {
    out[words - 1] &= its_lane_mask(0, size % 8);
  }
  return ok;
}

bool its__mem_read(its_t *its, uint64_t addr, unsigned size, uint64_t *out) {
  return its_mem_read(its, addr, size, out);
}

// Writes the `size` bytes (1..16) held in in[0..(size+7)/8) at any address, as beats with the
// byte enables of the lanes they cover, ascending; disabled lanes carry 0. Each beat is also
// queued as an event with its fault. Every beat is issued; returns false if any faulted
// (IMPDEF: IMPDEF-ITS-8).
bool its__mem_write(its_t *its, uint64_t addr, unsigned size, const uint64_t *in) {
  bool ok = true;
  uint64_t first = addr & ~7ull;
  unsigned n = its_beats(addr, size);
  unsigned words = (size + 7) / 8;
  unsigned lead = (unsigned)(addr & 7);  // lanes of the first beat below the string
  unsigned sh = 8 * lead;
  for (unsigned i = 0; i < n; i++) {
    // Beat i holds string bytes [8i - lead, 8i - lead + 8): the top of doubleword i - 1 and the
    // bottom of doubleword i (those outside the string are 0, and their lanes disabled).
    uint64_t cur = i < words ? in[i] : 0;
    uint64_t prev = i > 0 ? in[i - 1] : 0;
    uint64_t data = sh == 0 ? cur : (cur << sh) | (prev >> (64 - sh));
    unsigned lo = i == 0 ? lead : 0;
    unsigned hi = lead + size - 8 * i >= 8 ? 8 : lead + size - 8 * i;
    uint8_t be = (uint8_t)(((1u << hi) - 1) & ~((1u << lo) - 1));
    data &= its_lane_mask(lo, hi);
    bool fault = !its->mem.write64(its->mem.ctx, first + 8 * i, data, be);
    its__push_event(its, ITS_EV_MEM_WRITE)->u.mem =
        (cm_mem_write_t){first + 8 * i, data, be, fault};
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

// Resolves entry `idx` (< t->n) to an address. With an indirect table it reads the level-1
// entry; an invalid one means there is no entry (`*present` = false).
static its_res_t its_entry_addr(its_t *its, const its_table_t *t, uint64_t idx, bool *present,
                                uint64_t *addr) {
  *present = false;
  if (!t->indirect) {
    *present = true;
    *addr = t->base + idx * t->esz;
    return ITS_R_OK;
  }
  uint64_t per_page = t->page / t->esz;
  uint64_t l1;
  if (!its_mem_read(its, t->base + 8 * (idx / per_page), 8, &l1)) {
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
static inline its_res_t its_read_entry(its_t *its, unsigned which, uint64_t idx, uint64_t *val) {
  const its_table_t *t = its__table(its, which);
  uint64_t addr;
  *val = 0;
  if (!t->indirect) {
    addr = t->base + idx * t->esz;  // flat: the entry is at base + idx * esz (spec section 4)
  } else {
    bool present;
    its_res_t r = its_entry_addr(its, t, idx, &present, &addr);
    if (r != ITS_R_OK || !present) {
      return r;
    }
  }
  if (!its_mem_read(its, addr, 8, val)) {
    *val = 0;
    return ITS_R_STALL;
  }
  return ITS_R_OK;
}

// Writes table entry `idx`; an update of an absent entry is silently dropped (spec 4).
static its_res_t its_write_entry(its_t *its, unsigned which, uint64_t idx, uint64_t val) {
  bool present;
  uint64_t addr;
  its_res_t r = its_entry_addr(its, its__table(its, which), idx, &present, &addr);
  if (r != ITS_R_OK || !present) {
    return r;
  }
  return its__mem_write(its, addr, 8, &val) ? ITS_R_OK : ITS_R_STALL;
}

// ---- Entry layouts (spec/its.md section 4, QEMU layout) ----

static inline its_res_t its_read_dte(its_t *its, uint64_t dev, its_dte_t *dte) {
  uint64_t v;
  its_res_t r = its_read_entry(its, 0, dev, &v);
  dte->valid = ITS_DTE_VALID_GET(v) != 0;
  dte->size = (uint32_t)ITS_DTE_SIZE_GET(v);
  dte->itt = ITS_DTE_ITT_ADDR_GET(v) << ITS_CMDF_ITT_LSB_IN;
  return r;
}

its_res_t its__read_dte(its_t *its, uint64_t dev, its_dte_t *dte) {
  return its_read_dte(its, dev, dte);
}

its_res_t its__write_dte(its_t *its, uint64_t dev, const its_dte_t *dte) {
  uint64_t v = 0;
  if (dte->valid) {
    v = ITS_DTE_VALID | ITS_DTE_SIZE(dte->size) | ITS_DTE_ITT_ADDR(dte->itt >> ITS_CMDF_ITT_LSB_IN);
  }
  return its_write_entry(its, 0, dev, v);
}

static inline its_res_t its_read_cte(its_t *its, uint64_t icid, its_cte_t *cte) {
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
static inline its_res_t its_read_ite(its_t *its, uint64_t itt, uint64_t ev, its_ite_t *ite) {
  uint64_t w[2];
  bool ok = its_mem_read(its, itt + ITS_ITE_BYTES * ev, ITS_ITE_BYTES, w);
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

// ---- Shared lookups (spec/its.md section 3.2) ----

static inline its_res_t its_lookup_ite(its_t *its, uint32_t cc, uint64_t dev, uint64_t ev,
                                       its_ite_t *ite, uint64_t *itt, uint32_t *err) {
  const its_table_t *dt = its__table(its, 0);
  if (dev >= dt->n) {
    return its__ignore(cc, ITS_EE_DEVICE_OOR, err);
  }
  its_dte_t dte;
  if (its_read_dte(its, dev, &dte) == ITS_R_STALL) {
    return ITS_R_STALL;
  }
  if (!dte.valid) {
    return its__ignore(cc, ITS_EE_UNMAPPED_DEVICE, err);
  }
  // IMPDEF: IMPDEF-ITS-6: all 32 EventID bits take part; 64-bit shift avoids Size=31 overflow.
  if (ev >= (1ull << (dte.size + 1))) {
    return its__ignore(cc, ITS_EE_ID_OOR, err);
  }
  if (its_read_ite(its, dte.itt, ev, ite) == ITS_R_STALL) {
    return ITS_R_STALL;
  }
  // IMPDEF: IMPDEF-ITS-5: a virtual ITE counts as unmapped in this physical-only ITS.
  if (!ite->valid || !ite->physical) {
    return its__ignore(cc, ITS_EE_UNMAPPED_INTERRUPT, err);
  }
  *itt = dte.itt;
  return ITS_R_OK;
}

static inline its_res_t its_lookup_cte(its_t *its, uint32_t cc, uint64_t icid, its_cte_t *cte,
                                       uint32_t *err) {
  const its_table_t *ct = its__table(its, 1);
  if (icid >= ct->n) {
    return its__ignore(cc, ITS_EE_COLLECTION_OOR, err);
  }
  if (its_read_cte(its, icid, cte) == ITS_R_STALL) {
    return ITS_R_STALL;
  }
  if (!cte->valid) {
    return its__ignore(cc, ITS_EE_UNMAPPED_COLLECTION, err);
  }
  if (cte->rd >= its->cfg.num_rd) {
    return its__ignore(cc, ITS_EE_PROCNUM_OOR, err);
  }
  return ITS_R_OK;
}

its_res_t its__lookup_ite(its_t *its, uint32_t cc, uint64_t dev, uint64_t ev, its_ite_t *ite,
                          uint64_t *itt, uint32_t *err) {
  return its_lookup_ite(its, cc, dev, ev, ite, itt, err);
}

its_res_t its__lookup_cte(its_t *its, uint32_t cc, uint64_t icid, its_cte_t *cte, uint32_t *err) {
  return its_lookup_cte(its, cc, icid, cte, err);
}

its_res_t its__lookup_both(its_t *its, uint32_t cc, uint64_t dev, uint64_t ev, its_ite_t *ite,
                           uint64_t *itt, its_cte_t *cte, uint32_t *err) {
  its_res_t r = its_lookup_ite(its, cc, dev, ev, ite, itt, err);
  if (r != ITS_R_OK) {
    return r;
  }
  return its_lookup_cte(its, cc, ite->icid, cte, err);
}

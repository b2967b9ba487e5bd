// SPDX-License-Identifier: Apache-2.0
// Constrained-random generators for the ITS and the stimer.
#include "gen.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "its.h"
#include "stimer.h"
#include "tb_rand.h"

// ITS memory map of generated tests.
#define GEN_QUEUE 0x100000ull
#define GEN_DT 0x200000ull
#define GEN_CT 0x300000ull
#define GEN_ITT 0x400000ull  // + dev * 0x1000
#define GEN_L2 0x800000ull   // level-2 pages, + i * 64 KiB
#define GEN_DEVS 24u
#define GEN_ICIDS 12u

typedef struct {
  scn_t *s;
  scn_op_t *buf;  // the operations made and not yet forgotten (gen_stream_get)
  size_t n, cap;
  tb_rand_t r;
  uint64_t cwriter;  // the queue offset the next command goes to
  uint64_t qsize;
  bool enabled;
  uint64_t dt_n;  // table capacities as configured
  uint64_t ct_n;
  uint64_t page[2];  // page size of the device and collection tables
  bool indirect[2];
  uint64_t base[2], l2_base[2];
  unsigned l1_invalid[2];  // the level-1 entry left invalid (two-level tables)
  unsigned since_wait;
  uint64_t num_rd;  // redistributors of the build (config num_rd)
} gen_t;

// Reserved bits of the table entries (docs/enc/its.toml): software may leave junk there and
// both implementations must ignore it (and MOVI rewrites an ITE from its fields, IMPDEF-ITS-12).
#define GEN_DTE_RSVD ~(ITS_DTE_VALID_MASK | ITS_DTE_SIZE_MASK | ITS_DTE_ITT_ADDR_MASK)
#define GEN_CTE_RSVD ~(ITS_CTE_VALID_MASK | ITS_CTE_RDBASE_MASK)
#define GEN_ITE_LO_RSVD                                                       \
  ~(ITS_ITE_LO_VALID_MASK | ITS_ITE_LO_INTTYPE_MASK | ITS_ITE_LO_INTID_MASK | \
    ITS_ITE_LO_ICID_MASK | ITS_ITE_LO_VPEID_MASK)
#define GEN_ITE_HI_RSVD (0xFFFFFFFFull & ~(uint64_t)ITS_ITE_HI_DOORBELL_MASK)
#define GEN_L1_RSVD ~(ITS_L1_PA_MASK | ITS_L1_VALID_MASK)

static void gen_push(gen_t *g, const scn_op_t *op) {
  if (g->n == g->cap) {
    g->cap = g->cap == 0 ? 64 : 2 * g->cap;
    g->buf = realloc(g->buf, g->cap * sizeof(*g->buf));
    if (g->buf == NULL) {
      fprintf(stderr, "gen: out of memory\n");
      exit(3);
    }
  }
  g->buf[g->n++] = *op;
}

static void gen_op(gen_t *g, scn_kind_t kind, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3) {
  scn_op_t op;
  memset(&op, 0, sizeof(op));
  op.kind = kind;
  op.a[4] = 2;  // generated register writes do not assert the bus response: lockstep does
  op.a[0] = a0;
  op.a[1] = a1;
  op.a[2] = a2;
  op.a[3] = a3;
  gen_push(g, &op);
}

static unsigned gen_pct(gen_t *g) {
  return (unsigned)tb_rand_below(&g->r, 100);
}

// A value that is usually in [0, n) and sometimes just out of range (the boundary cases).
static uint64_t gen_id(gen_t *g, uint64_t pool, uint64_t cap) {
  unsigned p = gen_pct(g);
  if (p < 4) {
    return cap;  // first out-of-range value
  }
  if (p < 6) {
    return cap - 1;  // last in-range value
  }
  if (p < 7) {
    return cap + tb_rand_below(&g->r, 1000);
  }
  return tb_rand_below(&g->r, pool);
}

// ---- ITS ----

// Queues command `opcode` laid out as command `layout` (docs/enc/its.toml), so an unknown opcode
// can carry the fields of a known one.
static void gen_its_cmd_op(gen_t *g, uint8_t opcode, uint8_t layout, its_cmd_fields_t f) {
  scn_op_t op;
  memset(&op, 0, sizeof(op));
  op.kind = SCN_CMD;
  its_cmd_encode(layout, &f, op.a);
  op.a[0] = (op.a[0] & ~(uint64_t)0xFF) | opcode;
  gen_push(g, &op);
  g->cwriter = (g->cwriter + ITS_CMD_BYTES) % g->qsize;
  if (++g->since_wait > 24) {
    gen_op(g, SCN_WAIT, 0, 0, 0, 0);
    g->since_wait = 0;
  }
}

static void gen_its_cmd(gen_t *g, uint8_t opcode, its_cmd_fields_t f) {
  gen_its_cmd_op(g, opcode, opcode, f);
}

// Sets up a table (flat or two-level) in BASER `n` at `base`; returns its capacity.
static uint64_t gen_its_table(gen_t *g, unsigned n, uint64_t base, uint64_t l2_base) {
  uint64_t type_esz =
      n == 0 ? ITS_GITS_BASER0_RESET & ~0x300ull : ITS_GITS_BASER1_RESET & ~0x300ull;
  unsigned psel = (unsigned)tb_rand_below(&g->r, 3);  // 4K, 16K, 64K pages
  uint64_t page = psel == 0 ? 4096 : psel == 1 ? 16384 : 65536;
  bool indirect = tb_rand_pct(&g->r, 35);
  uint64_t v = (1ull << 63) | type_esz | ((uint64_t)psel << 8) | base;
  uint64_t cap;
  if (indirect) {
    v |= 1ull << 62;
    cap = (page / 8) * (page / 8);  // Size = 0
    // Level-1 entries: the first few valid (one left invalid at random), pointing to L2 pages.
    unsigned invalid = (unsigned)tb_rand_below(&g->r, 4);
    for (unsigned i = 0; i < 4; i++) {
      uint64_t l1 = i == invalid ? 0 : ((1ull << 63) | (l2_base + i * 0x10000ull));
      if (tb_rand_pct(&g->r, 20)) {
        l1 |= tb_rand_u64(&g->r) & GEN_L1_RSVD;  // junk in the reserved bits, valid or not
      }
      gen_op(g, SCN_MEM_WRITE, base + 8 * i, l1, 8, 0);
    }
    g->l1_invalid[n] = invalid;
  } else {
    cap = page / 8;
  }
  if (cap > 65536) {
    cap = 65536;
  }
  g->page[n] = page;
  g->indirect[n] = indirect;
  g->base[n] = base;
  g->l2_base[n] = l2_base;
  gen_op(g, SCN_REG_WRITE, ITS_GITS_BASER(n), v, 8, 0);
  return cap;
}

static void gen_its_setup(gen_t *g) {
  g->s->cfg.mem_latency = 1 + (unsigned)tb_rand_below(&g->r, 6);
  g->s->cfg.mem_stall = (unsigned)tb_rand_below(&g->r, 40);
  g->s->cfg.rsp_stall = (unsigned)tb_rand_below(&g->r, 30);
  g->dt_n = gen_its_table(g, 0, GEN_DT, GEN_L2);
  g->ct_n = gen_its_table(g, 1, GEN_CT, GEN_L2 + 0x100000);
  unsigned qpages = tb_rand_pct(&g->r, 70) ? 1 : 2;  // 128 or 256 slots: the queue wraps
  g->qsize = 4096ull * qpages;
  gen_op(g, SCN_REG_WRITE, ITS_GITS_CBASER, (1ull << 63) | GEN_QUEUE | (qpages - 1), 8, 0);
  gen_op(g, SCN_REG_WRITE, ITS_GITS_CTLR, 1, 4, 0);
  g->enabled = true;
}

// Address of 8-byte entry `idx` of table `n` as generated (spec/its.md section 4, index
// resolution); false when it has none (beyond the level-1 entries written, or an invalid one).
static bool gen_entry_addr(const gen_t *g, unsigned n, uint64_t idx, uint64_t *addr) {
  if (!g->indirect[n]) {
    *addr = g->base[n] + 8 * idx;
    return idx < g->page[n] / 8;
  }
  uint64_t per = g->page[n] / 8;
  uint64_t l1 = idx / per;
  *addr = g->l2_base[n] + l1 * 0x10000ull + 8 * (idx % per);
  return l1 < 4 && l1 != g->l1_invalid[n];
}

// Plants an entry that software could have left in memory: valid, with junk in its reserved
// bits (and, for ITEs, sometimes IntType 0), written to both images while the block is idle.
static void gen_its_plant(gen_t *g, uint64_t dev, uint64_t ev, uint64_t icid) {
  uint64_t itt = GEN_ITT + (dev % 64) * 0x1000;
  uint64_t addr;
  unsigned k = (unsigned)tb_rand_below(&g->r, 3);
  if (k == 0 && gen_entry_addr(g, 0, dev, &addr)) {
    uint64_t dte = ITS_DTE_VALID | ITS_DTE_SIZE(4 + tb_rand_below(&g->r, 4)) |
                   ITS_DTE_ITT_ADDR(itt >> 8) | (tb_rand_u64(&g->r) & GEN_DTE_RSVD);
    gen_op(g, SCN_MEM_WRITE, addr, dte, 8, 0);
  } else if (k == 1 && gen_entry_addr(g, 1, icid, &addr)) {
    uint64_t cte = ITS_CTE_VALID |
                   ITS_CTE_RDBASE(tb_rand_below(&g->r, g->num_rd > 4 ? g->num_rd : 4)) |
                   (tb_rand_u64(&g->r) & GEN_CTE_RSVD);
    gen_op(g, SCN_MEM_WRITE, addr, cte, 8, 0);
  } else if (k == 2) {
    uint64_t lo = ITS_ITE_LO_VALID | (tb_rand_pct(&g->r, 85) ? ITS_ITE_LO_INTTYPE : 0) |
                  ITS_ITE_LO_INTID(8192 + tb_rand_below(&g->r, 512)) |
                  ITS_ITE_LO_ICID(tb_rand_below(&g->r, GEN_ICIDS)) |
                  (tb_rand_u64(&g->r) & GEN_ITE_LO_RSVD);
    uint64_t hi = ITS_ITE_HI_DOORBELL(ITS_DOORBELL_NONE) | (tb_rand_u64(&g->r) & GEN_ITE_HI_RSVD);
    gen_op(g, SCN_MEM_WRITE, itt + ITS_ITE_BYTES * ev, lo, 8, 0);
    gen_op(g, SCN_MEM_WRITE, itt + ITS_ITE_BYTES * ev + 8, hi, 4, 0);
  }
}

static void gen_its_one(gen_t *g) {
  uint64_t dev = gen_id(g, GEN_DEVS, g->dt_n);
  uint64_t ev = tb_rand_pct(&g->r, 5) ? 256 + tb_rand_below(&g->r, 4) : tb_rand_below(&g->r, 40);
  uint64_t icid = gen_id(g, GEN_ICIDS, g->ct_n);
  // 5 %: a redistributor at or just beyond #RD (MAPC/MOVALL/SYNC rd out of range).
  uint64_t rd =
      tb_rand_pct(&g->r, 5) ? g->num_rd + tb_rand_below(&g->r, 3) : tb_rand_below(&g->r, g->num_rd);
  unsigned p = gen_pct(g);
  if (p < 8) {
    uint64_t size =
        tb_rand_pct(&g->r, 4) ? 16 + tb_rand_below(&g->r, 3) : 4 + tb_rand_below(&g->r, 4);
    uint64_t v = tb_rand_pct(&g->r, 88);
    gen_its_cmd(
        g, ITS_CMD_MAPD,
        (its_cmd_fields_t){.dev = dev, .size = size, .itt = GEN_ITT + (dev % 64) * 0x1000, .v = v});
  } else if (p < 14) {
    uint64_t v = tb_rand_pct(&g->r, 90);
    gen_its_cmd(g, ITS_CMD_MAPC, (its_cmd_fields_t){.icid = icid, .rd = rd, .v = v});
  } else if (p < 28) {
    uint64_t intid;
    unsigned q = gen_pct(g);
    intid = q < 3   ? 8191
            : q < 5 ? 1023
            : q < 7 ? 65536
            : q < 9 ? 65535
                    : 8192 + tb_rand_below(&g->r, 512);
    gen_its_cmd(g, ITS_CMD_MAPTI,
                (its_cmd_fields_t){.dev = dev, .ev = ev, .intid = intid, .icid = icid});
  } else if (p < 31) {
    gen_its_cmd(
        g, ITS_CMD_MAPI,
        (its_cmd_fields_t){.dev = dev, .ev = 8192 + tb_rand_below(&g->r, 64), .icid = icid});
  } else if (p < 45) {
    static const uint8_t ops[] = {ITS_CMD_INT, ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV,
                                  ITS_CMD_DISCARD};
    gen_its_cmd(g, ops[tb_rand_below(&g->r, 5)], (its_cmd_fields_t){.dev = dev, .ev = ev});
  } else if (p < 49) {
    gen_its_cmd(g, ITS_CMD_MOVI, (its_cmd_fields_t){.dev = dev, .ev = ev, .icid = icid});
  } else if (p < 51) {
    gen_its_cmd(g, ITS_CMD_INVALL, (its_cmd_fields_t){.icid = icid});
  } else if (p < 53) {
    uint64_t rd2 = tb_rand_pct(&g->r, 5) ? g->num_rd : tb_rand_below(&g->r, g->num_rd);
    gen_its_cmd(g, ITS_CMD_MOVALL, (its_cmd_fields_t){.rd = rd, .rd2 = rd2});
  } else if (p < 56) {
    gen_its_cmd(g, ITS_CMD_SYNC, (its_cmd_fields_t){.rd = rd});
  } else if (p < 57) {
    static const uint8_t bad[] = {0x00, 0x02, 0x06, 0x2A, 0x22, 0xFF};
    // An unknown or GICv4 opcode, with DeviceID, EventID and ICID where MOVI has them.
    gen_its_cmd_op(g, bad[tb_rand_below(&g->r, 6)], ITS_CMD_MOVI,
                   (its_cmd_fields_t){.dev = dev, .ev = ev, .icid = icid});
  } else if (p < 75) {
    gen_op(g, SCN_MSI, dev & 0xFFFF, ev, 0, 0);  // the MSI port carries 16 DeviceID bits
  } else if (p < 80) {
    // GITS_TRANSLATER: 16- or 32-bit writes with the side-band DeviceID.
    unsigned size = tb_rand_pct(&g->r, 30) ? 2 : 4;
    gen_op(g, SCN_REG_WRITE, ITS_GITS_TRANSLATER, ev, size, dev & 0xFFFF);
  } else if (p < 86) {
    static const uint32_t regs[] = {
        ITS_GITS_CTLR,     ITS_GITS_CREADR, ITS_GITS_CWRITER, ITS_GITS_CBASER, ITS_GITS_BASER(0),
        ITS_GITS_BASER(1), ITS_GITS_TYPER,  0xFFE8,           0x0010,          ITS_GITS_BASER(2)};
    gen_op(g, SCN_REG_READ, regs[tb_rand_below(&g->r, 10)], 0, ~0ull, 0);
  } else if (p < 88) {
    // Writes that must be ignored while enabled, and unsupported widths (bus errors).
    unsigned q = gen_pct(g);
    if (q < 40) {
      gen_op(g, SCN_REG_WRITE, ITS_GITS_BASER(tb_rand_below(&g->r, 2)), tb_rand_u64(&g->r), 8, 0);
    } else if (q < 70) {
      gen_op(g, SCN_REG_WRITE, ITS_GITS_CBASER + 4 * tb_rand_below(&g->r, 2), tb_rand_u64(&g->r), 4,
             0);
    } else {
      gen_op(g, SCN_REG_WRITE, ITS_GITS_TYPER, 0x1234, 2, 0);
    }
  } else if (p < 90) {
    // A memory fault: stall, then clear it and Retry.
    static const uint64_t regions[][2] = {{GEN_DT, GEN_DT + 0x10000},
                                          {GEN_CT, GEN_CT + 0x10000},
                                          {GEN_ITT, GEN_ITT + 0x40000},
                                          {GEN_QUEUE, GEN_QUEUE + 0x2000},
                                          {GEN_L2, GEN_L2 + 0x200000}};
    const uint64_t *rg = regions[tb_rand_below(&g->r, 5)];
    gen_op(g, SCN_FAULT_ADD, rg[0], rg[1], 0, 0);
    unsigned n = 1 + (unsigned)tb_rand_below(&g->r, 4);
    for (unsigned i = 0; i < n; i++) {
      if (tb_rand_pct(&g->r, 30)) {
        gen_op(g, SCN_MSI, tb_rand_below(&g->r, GEN_DEVS), tb_rand_below(&g->r, 40), 0, 0);
      } else {
        uint64_t d = tb_rand_below(&g->r, GEN_DEVS);
        gen_its_cmd(g, ITS_CMD_INT, (its_cmd_fields_t){.dev = d, .ev = tb_rand_below(&g->r, 40)});
      }
    }
    gen_op(g, SCN_WAIT, 0, 0, 0, 0);
    gen_op(g, SCN_FAULT_CLEAR, 0, 0, 0, 0);
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->cwriter | 1, 8, 0);
    g->since_wait = 0;
  } else if (p < 91) {
    // Disable, a few MSIs and commands that must wait, then enable again.
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CTLR, 0, 4, 0);
    gen_op(g, SCN_MSI, tb_rand_below(&g->r, GEN_DEVS), tb_rand_below(&g->r, 40), 0, 0);
    gen_its_cmd(g, ITS_CMD_SYNC, (its_cmd_fields_t){0});
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CTLR, 1, 4, 0);
  } else if (p < 92) {
    // A CWRITER beyond the queue stops processing until a valid offset is written.
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->qsize + 32 * tb_rand_below(&g->r, 8), 8, 0);
    gen_op(g, SCN_WAIT, 0, 0, 0, 0);
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->cwriter, 8, 0);
  } else if (p < 95) {
    gen_its_plant(g, dev % GEN_DEVS, ev % 40, icid % GEN_ICIDS);
  } else {
    gen_op(g, SCN_WAIT, 0, 0, 0, 0);
    g->since_wait = 0;
  }
}

// ---- stimer ----

#define GEN_SIM 0x100000ull  // + vp * 0x1000

typedef struct {
  uint64_t now;
  unsigned num_vp;
} gen_st_t;

static void gen_msr(gen_t *g, uint64_t vp, uint32_t msr, uint64_t value) {
  gen_op(g, SCN_MSR_WRITE, vp, msr, value, 2);  // 2: the #GP outcome is not asserted
}

static void gen_st_setup(gen_t *g, gen_st_t *t) {
  g->s->cfg.mem_latency = 1 + (unsigned)tb_rand_below(&g->r, 5);
  g->s->cfg.mem_stall = (unsigned)tb_rand_below(&g->r, 40);
  g->s->cfg.rsp_stall = (unsigned)tb_rand_below(&g->r, 30);
  for (uint64_t vp = 0; vp < t->num_vp; vp++) {
    gen_msr(g, vp, STIMER_MSR_SCONTROL, 1);
    gen_msr(g, vp, STIMER_MSR_SIMP, (GEN_SIM + vp * 0x1000) | 1);
    for (unsigned s = 0; s < 4; s++) {
      uint64_t v = 0x20 + tb_rand_below(&g->r, 8);  // shared vectors happen
      if (tb_rand_pct(&g->r, 25)) {
        v |= STIMER_SINT_AUTO_EOI;
      }
      gen_msr(g, vp, STIMER_MSR_SINT(s), v);
    }
  }
}

static void gen_st_one(gen_t *g, gen_st_t *t) {
  uint64_t vp = tb_rand_below(&g->r, t->num_vp);
  unsigned timer = (unsigned)tb_rand_below(&g->r, 4);
  unsigned sint = (unsigned)tb_rand_below(&g->r, 4);
  unsigned p = gen_pct(g);
  if (p < 25) {
    uint64_t dt =
        tb_rand_pct(&g->r, 10) ? tb_rand_below(&g->r, 100000) : tb_rand_below(&g->r, 3000);
    t->now += dt;
    gen_op(g, SCN_TIME, t->now, 0, 0, 0);
  } else if (p < 45) {
    bool periodic = tb_rand_pct(&g->r, 50);
    bool autoen = tb_rand_pct(&g->r, 30);
    bool direct = tb_rand_pct(&g->r, 8);
    uint64_t cfg = STIMER_CFG_ENABLE | (periodic ? STIMER_CFG_PERIODIC : 0) |
                   (autoen ? STIMER_CFG_AUTO_ENABLE : 0) | STIMER_CFG_SINTX(sint) |
                   (direct ? STIMER_CFG_DIRECT | STIMER_CFG_APIC_VECTOR(0x40 + timer) : 0) |
                   (tb_rand_pct(&g->r, 10) ? STIMER_CFG_LAZY : 0);
    if (tb_rand_pct(&g->r, 5)) {
      cfg &= ~STIMER_CFG_SINTX(15);  // SINTx = 0 (the enabled-timer rule)
    }
    uint64_t count;
    if (tb_rand_pct(&g->r, 5)) {
      count = 0;
    } else if (periodic) {
      count = 50 + tb_rand_below(&g->r, 4000);
    } else {
      count = tb_rand_pct(&g->r, 15) ? t->now - tb_rand_below(&g->r, t->now + 1)
                                     : t->now + tb_rand_below(&g->r, 5000);
    }
    if (autoen && tb_rand_pct(&g->r, 70)) {
      gen_msr(g, vp, STIMER_MSR_CONFIG(timer), cfg & ~STIMER_CFG_ENABLE);
      gen_msr(g, vp, STIMER_MSR_COUNT(timer), count);
    } else {
      gen_msr(g, vp, STIMER_MSR_COUNT(timer), count);
      gen_msr(g, vp, STIMER_MSR_CONFIG(timer), cfg);
    }
  } else if (p < 65) {
    gen_op(g, SCN_GUEST_ACK, vp, sint, 0, 0);
  } else if (p < 70) {
    gen_op(g, SCN_EOI, vp, 0x20 + tb_rand_below(&g->r, 8), 0, 0);
  } else if (p < 74) {
    uint64_t v = 0x20 + tb_rand_below(&g->r, 8);
    unsigned q = gen_pct(g);
    if (q < 20) {
      v |= STIMER_SINT_MASKED;
    } else if (q < 35) {
      v |= STIMER_SINT_POLLING;
    } else if (q < 50) {
      v |= STIMER_SINT_AUTO_EOI;
    } else if (q < 60) {
      v = tb_rand_below(&g->r, 16);  // vector < 16, unmasked: #GP
    }
    gen_msr(g, vp, STIMER_MSR_SINT(sint), v);
  } else if (p < 77) {
    gen_msr(g, vp, STIMER_MSR_SIMP, (GEN_SIM + vp * 0x1000) | tb_rand_pct(&g->r, 70));
  } else if (p < 79) {
    gen_msr(g, vp, STIMER_MSR_SCONTROL, tb_rand_pct(&g->r, 75));
  } else if (p < 81) {
    gen_op(g, SCN_MSR_WRITE, vp, STIMER_MSR_EOM, 0, 2);
  } else if (p < 83) {
    // Faults on a SIM page for a while.
    gen_op(g, SCN_FAULT_ADD, GEN_SIM + vp * 0x1000, GEN_SIM + vp * 0x1000 + 0x1000, 0, 0);
    t->now += tb_rand_below(&g->r, 5000);
    gen_op(g, SCN_TIME, t->now, 0, 0, 0);
    gen_op(g, SCN_FAULT_CLEAR, 0, 0, 0, 0);
  } else if (p < 86) {
    // #GP cases: read-only and unknown MSRs, DirectMode without the feature is covered by
    // config, out-of-range VPs.
    static const uint32_t bad[] = {STIMER_MSR_SVERSION, STIMER_MSR_TIME_REF_COUNT, 0x40000085u,
                                   0x400000B8u};
    // VP NumVp is a #GP when the MSR address can carry it (NumVp not a power of two, or 1).
    unsigned w = 1;
    while ((1u << w) < t->num_vp) {
      w++;
    }
    uint64_t oor = t->num_vp < (1u << w) ? t->num_vp : vp;
    gen_msr(g, tb_rand_pct(&g->r, 20) ? oor : vp, bad[tb_rand_below(&g->r, 4)], 1);
  } else if (p < 95) {
    static const uint32_t regs[] = {STIMER_MSR_TIME_REF_COUNT,
                                    STIMER_MSR_SCONTROL,
                                    STIMER_MSR_SVERSION,
                                    STIMER_MSR_SIMP,
                                    STIMER_MSR_EOM,
                                    STIMER_MSR_SINT(0),
                                    STIMER_MSR_CONFIG(0),
                                    STIMER_MSR_COUNT(1),
                                    STIMER_MSR_CONFIG(3),
                                    0x40000086u};
    gen_op(g, SCN_MSR_READ, vp, regs[tb_rand_below(&g->r, 10)], 0, 2);
  } else {
    gen_op(g, SCN_WAIT, 0, 0, 0, 0);
  }
}

// The stream: setting-up operations at once, then one draw of gen_*_one at a time as the
// executor asks for operations, then the closing wait. The same calls in the same order as
// generating the whole list up front, so the same seed gives the same operations.
typedef struct {
  scn_stream_t base;  // first: the scn_stream_t pointer is this object
  gen_t g;
  gen_st_t t;
  scn_block_t block;
  uint64_t left;  // draws still to make
  bool ended;     // the closing wait is made
  size_t first;   // the index of g.buf[0]
} gen_stream_t;

static const scn_op_t *gen_stream_get(scn_stream_t *st, size_t i) {
  gen_stream_t *gs = (gen_stream_t *)st;
  gen_t *g = &gs->g;
  if (i < gs->first) {
    return NULL;  // forgotten: the executor never goes back
  }
  while (i >= gs->first + g->n) {
    // Every operation made so far comes before `i`: forget them, make the next ones.
    gs->first += g->n;
    g->n = 0;
    if (gs->left > 0) {
      gs->left--;
      if (gs->block == SCN_BLOCK_ITS) {
        gen_its_one(g);
      } else {
        gen_st_one(g, &gs->t);
      }
    } else if (!gs->ended) {
      gen_op(g, SCN_WAIT, 0, 0, 0, 0);
      gs->ended = true;
    } else {
      return NULL;
    }
  }
  return &g->buf[i - gs->first];
}

void gen_random(scn_block_t block, uint64_t seed, uint64_t n_ops, const scn_config_t *build,
                scn_t *s) {
  memset(s, 0, sizeof(*s));
  s->block = block;
  s->cfg = scn_default_config();
  if (build != NULL) {
    s->cfg.num_rd = build->num_rd;
    s->cfg.num_vp = build->num_vp;
    s->cfg.feat_direct = build->feat_direct;
    s->cfg.scontrol_gate = build->scontrol_gate;
  }
  s->path = strdup(block == SCN_BLOCK_ITS ? "random-its" : "random-stimer");
  gen_stream_t *gs = calloc(1, sizeof(*gs));
  if (gs == NULL || s->path == NULL) {
    fprintf(stderr, "gen: out of memory\n");
    exit(3);
  }
  gs->base.get = gen_stream_get;
  gs->block = block;
  gs->left = n_ops;
  gen_t *g = &gs->g;
  g->s = s;
  g->num_rd = s->cfg.num_rd;
  tb_rand_seed(&g->r, seed * 0x9E3779B97F4A7C15ull + block);
  if (block == SCN_BLOCK_ITS) {
    gen_its_setup(g);
  } else {
    gs->t = (gen_st_t){1000, s->cfg.num_vp};
    gen_op(g, SCN_TIME, gs->t.now, 0, 0, 0);
    gen_st_setup(g, &gs->t);
  }
  s->stream = &gs->base;
}

void gen_random_free(scn_t *s) {
  if (s->stream != NULL && s->stream->get == gen_stream_get) {
    gen_stream_t *gs = (gen_stream_t *)s->stream;
    free(gs->g.buf);
    free(gs);
    s->stream = NULL;
  }
}

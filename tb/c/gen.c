// SPDX-License-Identifier: Apache-2.0
// Constrained-random generators for the ITS and the stimer.
#include "gen.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "its.h"
#include "stimer.h"
#include "tb_mem.h"
#include "tb_rand.h"

// The ITS generator's weights (gen_its_wdef: names and defaults): operation kinds first, then
// percentages.
typedef enum {
  GW_MAPD,
  GW_MAPC,
  GW_MAPTI,
  GW_MAPI,
  GW_INT,
  GW_MOVI,
  GW_INVALL,
  GW_MOVALL,
  GW_SYNC,
  GW_BADCMD,
  GW_MSI,
  GW_TRANSLATER,
  GW_REGREAD,
  GW_REGWRITE,
  GW_FAULT,
  GW_WFAULT,
  GW_RFAULT,
  GW_TOGGLE,
  GW_CWRITER_OOR,
  GW_PLANT,
  GW_CHAIN,
  GW_WAIT,
  GW_BATCH,
  GW_REPROGRAM,
  GW_RESET,
  GW_N_OPS,
  GW_INDIRECT = GW_N_OPS,
  GW_BIGTABLE,
  GW_ODD_L2,
  GW_L1_BAD,
  GW_BIGQUEUE,
  GW_FAULT_HOLD,
  GW_JUNK,
  GW_OOR,
  GW_HIGHPA,
  GW_WIDEID,
  GW_MSIBURST,
  GW_XFAULT,
  GW_QWRAP,
  GW_PHASE,
  GW_N
} gen_w_t;

#define GEN_L1_MAX 8u  // level-1 entries the generator writes (the rest: what memory holds)

// The generator's view of one ITS table as programmed (spec/its.md section 4).
typedef struct {
  bool valid, indirect;
  uint64_t page, base, n;   // page size, base address, capacity in entries
  unsigned size;            // BASER Size (pages - 1)
  unsigned n_l1;            // level-1 entries written
  uint64_t l2[GEN_L1_MAX];  // their level-2 page addresses
  uint16_t l1_ok;           // bit i: level-1 entry i is valid
  uint16_t odd;             // bit i: level-2 page i is not page-aligned
  uint64_t l2hi;            // the high address part of its level-2 pages (gen_its_hi)
} gen_tab_t;

typedef struct {
  scn_t *s;
  scn_op_t *buf;  // the operations made and not yet forgotten (gen_stream_get)
  size_t n, cap;
  tb_rand_t r;
  // ITS
  uint64_t cwriter;  // the queue offset the next command goes to (the model's CWRITER)
  uint64_t qsize, qbase;
  bool enabled;
  gen_tab_t tab[2];  // device and collection tables
  unsigned since_wait;
  unsigned unrun;         // commands queued since the active fault range was added
  bool faulting;          // a fault range is active
  unsigned fault_left;    // draws a held fault range stays
  bool nopost;            // the commands made now are not posted (a batch)
  unsigned w[GW_N];       // weights (gen_its_wdef)
  char desc[1000];        // the geometry of the last (re)programming
  char first_desc[1600];  // the configuration drawn at the start, with latencies and weights
  uint64_t num_rd;        // redistributors of the build (config num_rd)
  // Where the memory map sits and which IDs the commands use (gen_its_setup, gen_its_table).
  uint64_t hi_pool[4];  // high address parts of the run (bits 51:25; [0] = 0, the low map)
  uint64_t itt_hi;      // the ITTs' high part (drawn with the device table)
  uint64_t devs[24];    // the pool DeviceIDs (GEN_DEVS), drawn with the device table
  uint64_t icids[12];   // the pool ICIDs (GEN_ICIDS), drawn with the collection table
  uint64_t evs[8];      // wide EventIDs of the run (GEN_EVS)
  // Phases (gen_its_phase): draws left in this one, and per table a cycle through the six
  // kinds and page sizes (indirect * 3 + page size), shuffled at each round.
  uint64_t phase_left;
  bool wrapped;  // a large queue ran round (gen_its_queue: once per run)
  uint8_t geo[2][6];
  unsigned geo_i[2];
  // gen_its_chain: a cycle through the ways a walk ends (gen_chain_t), shuffled at each round.
  uint8_t brk[16];
  unsigned brk_i;

  // Hot-path state (no draw depends on it).
  bool desc_on;               // keep `desc`: only the setting up reads it (first_desc)
  uint64_t pick_total[GW_N];  // gen_its_pick: the sum of w[lo..pick_hi[lo]) (weights are fixed)
  unsigned pick_hi[GW_N];     // 0: not summed yet
} gen_t;

// Reserved bits of the table entries (docs/enc/its.toml): software may leave junk there and
// both implementations must ignore it (and MOVI rewrites an ITE from its fields, IMPDEF-ITS-12).
#define GEN_DTE_RSVD ~(ITS_DTE_VALID_MASK | ITS_DTE_SIZE_MASK | ITS_DTE_ITT_ADDR_MASK)
// (CTE junk stays out of bits [50:20]: after a reprogram makes the collection table two-level, a
// stale CTE word with bit 63 set is a valid level-1 entry, and its bits [50:0] an address; junk
// there would scatter writes over the whole address space and the sparse memory would grow with
// the run. DTE reserved bits are [63:50] and ITT_addr is small, so a DTE word stays near.)
#define GEN_CTE_RSVD (~(ITS_CTE_VALID_MASK | ITS_CTE_RDBASE_MASK) & ~0x7FFFFFFF00000ull)
#define GEN_ITE_LO_RSVD                                                       \
  ~(ITS_ITE_LO_VALID_MASK | ITS_ITE_LO_INTTYPE_MASK | ITS_ITE_LO_INTID_MASK | \
    ITS_ITE_LO_ICID_MASK | ITS_ITE_LO_VPEID_MASK)
#define GEN_ITE_HI_RSVD (0xFFFFFFFFull & ~(uint64_t)ITS_ITE_HI_DOORBELL_MASK)
#define GEN_L1_RSVD ~(ITS_L1_PA_MASK | ITS_L1_VALID_MASK)

// Doubles the operation buffer (out of line: the common case of gen_slot has room).
static __attribute__((noinline, cold)) void gen_grow(gen_t *g) {
  g->cap = g->cap == 0 ? 64 : 2 * g->cap;
  g->buf = realloc(g->buf, g->cap * sizeof(*g->buf));
  if (g->buf == NULL) {
    fprintf(stderr, "gen: out of memory\n");
    exit(3);
  }
}

// The next operation's place in the buffer, all zero (made in place: no copy of a built one).
static inline scn_op_t *gen_slot(gen_t *g) {
  if (g->n == g->cap) {
    gen_grow(g);
  }
  scn_op_t *op = &g->buf[g->n++];
  memset(op, 0, sizeof(*op));
  return op;
}

static void gen_push(gen_t *g, const scn_op_t *op) {
  *gen_slot(g) = *op;
}

static void gen_op(gen_t *g, scn_kind_t kind, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3) {
  scn_op_t *op = gen_slot(g);
  op->kind = kind;
  op->a[4] = 2;  // generated register writes do not assert the bus response: lockstep does
  op->a[0] = a0;
  op->a[1] = a1;
  op->a[2] = a2;
  op->a[3] = a3;
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

// ---- Weights (every block): `--gen-weights NAME=W,...` (docs/testplan.md) ----

// One kind of operation a block's generator draws, by weight: its name ("<block>.<kind>"), its
// default weight, and whether a seed may draw it as 0 (else the default scaled per seed).
typedef struct {
  const char *name;
  unsigned def;
  bool may_drop;
  unsigned max;  // the largest value --gen-weights may give it (0: GEN_W_MAX)
} gen_wdef_t;

// Index of a draw by weights w[0..n-1] whose sum is `total`; n when they are all 0.
static unsigned gen_pick_total(gen_t *g, const unsigned *w, unsigned n, uint64_t total) {
  if (total == 0) {
    return n;
  }
  uint64_t x = tb_rand_below(&g->r, total);
  for (unsigned i = 0; i < n; i++) {
    if (x < w[i]) {
      return i;
    }
    x -= w[i];
  }
  return n;
}

static uint64_t gen_wsum(const unsigned *w, unsigned n) {
  uint64_t total = 0;
  for (unsigned i = 0; i < n; i++) {
    total += w[i];
  }
  return total;
}

// Index of a draw by weights w[0..n-1]; n when they are all 0.
static inline unsigned gen_pick(gen_t *g, const unsigned *w, unsigned n) {
  return gen_pick_total(g, w, n, gen_wsum(w, n));
}

// ---- ITS ----

// ITS memory map of generated tests. Every geometry drawn fits its region: a flat table or a
// level-1 table of up to 1 MiB, level-2 pages (1 MiB per table), ITTs after GEN_ITT. Each region
// holds one kind of word at one byte alignment, so the stale words a new geometry finds are
// entries of its own kind, never addresses made of another kind's bits (the sparse memory would
// grow with the run).
#define GEN_QUEUE 0x100000ull  // the command queue, CBASER Size up to 255 (1 MiB)
#define GEN_DT 0x200000ull     // flat device table
#define GEN_CT 0x300000ull     // flat collection table
#define GEN_ITT 0x400000ull    // + (dev % 64) * 0x1000
#define GEN_L2 0x800000ull     // level-2 pages: device table + 0, collection table + 1 MiB
// Level-1 tables: device table + 0, collection table + 1 MiB. Apart from the flat tables, so a
// reprogrammed table never reads level-1 entries as table entries or the reverse (stale entries
// of its own kind it does read): an entry's address bits would send writes all over memory.
#define GEN_L1 0xC00000ull
// Level-2 pages at an odd byte offset p (1..7): a region per offset, GEN_L2_ODD + (p - 1) * 2 MiB,
// device table + 0, collection table + 1 MiB.
#define GEN_L2_ODD 0x1000000ull
#define GEN_REGION 0x100000ull
#define GEN_DEVS 24u
#define GEN_ICIDS 12u
#define GEN_QPAGES_MAX 256u  // CBASER Size + 1 (8 bits)
#define GEN_EVS 8u           // wide EventIDs of a run (gen_its_ev)
// The whole map above repeats at high address parts, multiples of GEN_HI_ALIGN up to PA bit 51
// (spec/its.md sections 1, 3, 4: CBASER and ITT_addr hold PA[51:x]; a BASER PA[47:12], and
// PA[51:48] too with 64 KiB pages; a level-1 entry PA[50:0]). Each region draws its part
// (gen_its_hi) from the run's pool of four, so a region's words stay of one kind (every part
// repeats the map), stale entries are found again, and memory stays bounded.
#define GEN_HI_ALIGN 0x2000000ull  // above GEN_L2_ODD + 14 MiB, the map's end
#define GEN_HI_N 4u
_Static_assert(sizeof(((gen_t *)0)->devs) == GEN_DEVS * 8 &&
                   sizeof(((gen_t *)0)->icids) == GEN_ICIDS * 8 &&
                   sizeof(((gen_t *)0)->evs) == GEN_EVS * 8 &&
                   sizeof(((gen_t *)0)->hi_pool) == GEN_HI_N * 8,
               "gen_t's pools and their sizes");
_Static_assert(GEN_L2_ODD + 14 * GEN_REGION <= GEN_HI_ALIGN, "the map fits below GEN_HI_ALIGN");

// The weights of docs/testplan.md ("The random ITS generator"): `--gen-weights name=value,...`.
static const gen_wdef_t gen_its_wdef[GW_N] = {
    // Relative weights of one draw (operation kinds).
    [GW_MAPD] = {"mapd", 8, false, 1000},
    [GW_MAPC] = {"mapc", 6, false, 1000},
    [GW_MAPTI] = {"mapti", 14, false, 1000},
    [GW_MAPI] = {"mapi", 4, false, 1000},
    [GW_INT] = {"int", 14, false, 1000},  // INT, CLEAR, INV, DISCARD
    [GW_MOVI] = {"movi", 4, false, 1000},
    [GW_INVALL] = {"invall", 2, false, 1000},
    [GW_MOVALL] = {"movall", 2, false, 1000},
    [GW_SYNC] = {"sync", 3, false, 1000},
    [GW_BADCMD] = {"badcmd", 1, false, 1000},
    [GW_MSI] = {"msi", 18, false, 1000},
    [GW_TRANSLATER] = {"translater", 5, false, 1000},
    [GW_REGREAD] = {"regread", 6, false, 1000},
    [GW_REGWRITE] = {"regwrite", 3, false, 1000},
    [GW_FAULT] = {"fault", 4, false, 1000},
    [GW_WFAULT] = {"wfault", 4, false, 1000},  // write-only ranges on a write class
    [GW_RFAULT] = {"rfault", 3, false, 1000},  // read-only ranges
    [GW_TOGGLE] = {"toggle", 1, false, 1000},
    [GW_CWRITER_OOR] = {"cwriter_oor", 1, false, 1000},
    [GW_PLANT] = {"plant", 10, false, 1000},
    [GW_CHAIN] = {"chain", 6, false, 1000},  // gen_its_chain: a planted walk, every lookup
    [GW_WAIT] = {"wait", 5, false, 1000},
    [GW_BATCH] = {"batch", 2, false, 1000},
    [GW_REPROGRAM] = {"reprogram", 1, false, 1000},
    [GW_RESET] = {"reset", 1, false, 1000},
    // Percentages.
    [GW_INDIRECT] = {"indirect", 40, false, 100},
    [GW_BIGTABLE] = {"bigtable", 35, false, 100},
    [GW_ODD_L2] = {"odd_l2", 25, false, 100},
    [GW_L1_BAD] = {"l1_bad", 20, false, 100},
    [GW_BIGQUEUE] = {"bigqueue", 35, false, 100},
    [GW_FAULT_HOLD] = {"fault_hold", 40, false, 100},
    [GW_JUNK] = {"junk", 15, false, 100},
    [GW_OOR] = {"oor", 100, false, 100},
    [GW_HIGHPA] = {"highpa", 50, false, 100},
    [GW_WIDEID] = {"wideid", 25, false, 100},
    [GW_MSIBURST] = {"msiburst", 10, false, 100},
    [GW_XFAULT] = {"xfault", 50, false, 100},  // fault draws that pick point and command jointly
    [GW_QWRAP] = {"qwrap", 3, false, 100},     // queue draws that run a large queue round (once)
    // Draws per phase (0: no phases): each phase starts with both tables reprogrammed to the next
    // kind and page size of their cycles (gen_its_phase).
    [GW_PHASE] = {"phase", 150, false, 100000},
};

// The ITS weights in effect: the defaults, with the values `--gen-weights` gave (given[], as
// gen_weights_parse returns them); false, with `err`, when no operation kind is left.
static bool gen_its_weights(const unsigned *given_w, const bool *given, unsigned w[GW_N], char *err,
                            size_t errlen) {
  for (unsigned i = 0; i < GW_N; i++) {
    w[i] = given[i] ? given_w[i] : gen_its_wdef[i].def;
  }
  unsigned total = 0;
  for (unsigned i = 0; i < GW_N_OPS; i++) {
    total += w[i];
  }
  if (total == 0) {
    snprintf(err, errlen, "--gen-weights: expected at least one operation weight above 0");
    return false;
  }
  return true;
}

// Draws an index of w[lo..hi) with probability proportional to its weight (lo if all are 0).
static unsigned gen_its_pick(gen_t *g, unsigned lo, unsigned hi) {
  if (g->pick_hi[lo] != hi) {  // the weights never change after the setting up: sum them once
    uint64_t total = 0;
    for (unsigned i = lo; i < hi; i++) {
      total += g->w[i];
    }
    g->pick_total[lo] = total;
    g->pick_hi[lo] = hi;
  }
  uint64_t total = g->pick_total[lo];
  uint64_t x = tb_rand_below(&g->r, total);
  for (unsigned i = lo; i < hi; i++) {
    if (x < g->w[i]) {
      return i;
    }
    x -= g->w[i];
  }
  return lo;
}

static bool gen_its_pct(gen_t *g, unsigned k) {
  return tb_rand_pct(&g->r, g->w[k]) != 0;
}

// A value whose highest set bit is any of bits [0, bits), each as likely: every bit of a field
// toggles, and small values stay common.
static uint64_t gen_its_wide(gen_t *g, unsigned bits) {
  unsigned b = (unsigned)tb_rand_below(&g->r, bits);
  return (1ull << b) | tb_rand_below(&g->r, 1ull << b);
}

// The high address part of one region whose field holds PA[bits-1:0]: 0 (the low map) or, at
// the `highpa` rate, a part of the run's pool cut to those bits.
static uint64_t gen_its_hi(gen_t *g, unsigned bits) {
  if (!gen_its_pct(g, GW_HIGHPA)) {
    return 0;
  }
  return g->hi_pool[1 + tb_rand_below(&g->r, GEN_HI_N - 1)] & ((1ull << bits) - 1);
}

// The pool IDs of table `n` (0: DeviceIDs, 1: ICIDs), drawn with its geometry (`cap` entries):
// the first few small, the others at the `wideid` rate of any width, half of those within the
// table (mapped and looked up) and half anywhere in the 16-bit ID (often beyond the table).
static void gen_its_pool_ids(gen_t *g, unsigned n, uint64_t cap) {
  uint64_t *ids = n == 0 ? g->devs : g->icids;
  unsigned count = n == 0 ? GEN_DEVS : GEN_ICIDS;
  for (unsigned i = 0; i < count; i++) {
    ids[i] = i;
    if (i >= count / 3 && gen_its_pct(g, GW_WIDEID)) {
      uint64_t id = gen_its_wide(g, 16);
      ids[i] = tb_rand_pct(&g->r, 50) && cap > 0 ? id % cap : id;
    }
  }
  // The capacity boundary of the geometry drawn: its last entry, mapped and looked up like the
  // others, or the first ID beyond it, which every command and MSI must find out of range (when
  // the 16-bit DeviceID of the MSI port and the ICID field can carry it).
  if (cap > 0 && tb_rand_pct(&g->r, 40)) {
    ids[count - 1] = tb_rand_pct(&g->r, 50) && cap < 0x10000 ? cap : cap - 1;
  }
}

// An EventID: mostly one of the first 40 (a few just above 255), at the `wideid` rate one of the
// run's wide ones (any of the 16 EventID bits; some of the 32-bit field: beyond ID_bits).
static uint64_t gen_its_ev(gen_t *g) {
  if (gen_its_pct(g, GW_WIDEID)) {
    return g->evs[tb_rand_below(&g->r, GEN_EVS)];
  }
  return tb_rand_pct(&g->r, 5) ? 256 + tb_rand_below(&g->r, 4) : tb_rand_below(&g->r, 40);
}

// The ITT of device `dev` (64 of them, 4 KiB apart, at the run's ITT part).
static uint64_t gen_its_itt(const gen_t *g, uint64_t dev) {
  return g->itt_hi + GEN_ITT + (dev % 64) * 0x1000;
}

// A redistributor field (RDbase, 36 bits): mostly below #RD, 5 % at or just beyond it, and at a
// fifth of the `wideid` rate any width (SYNC does not check it; elsewhere beyond #RD).
static uint64_t gen_its_rd(gen_t *g) {
  if (gen_its_pct(g, GW_WIDEID) && tb_rand_pct(&g->r, 20)) {
    return gen_its_wide(g, 36);
  }
  return tb_rand_pct(&g->r, 5) ? g->num_rd + tb_rand_below(&g->r, 3)
                               : tb_rand_below(&g->r, g->num_rd);
}

// An ID of table `n`: usually one of the first `pool` (the ones commands map), sometimes one of
// a few spread over the table (the first IDs of other level-1 entries, or of 4 KiB pages of a flat
// table: a few pages, so memory does not grow with the run); the `oor` percentage of the draws
// includes the boundary cases (gen_id).
static uint64_t gen_its_id(gen_t *g, uint64_t pool, unsigned n) {
  const gen_tab_t *t = &g->tab[n];
  uint64_t cap = t->n;
  if (cap > pool && tb_rand_pct(&g->r, 8)) {
    uint64_t step = t->indirect ? t->page / 8 : 512;  // a level-2 page, or a 4 KiB page
    uint64_t id = tb_rand_below(&g->r, 8) * step + tb_rand_below(&g->r, 4);
    return id < cap ? id : (n == 0 ? g->devs : g->icids)[tb_rand_below(&g->r, pool)];
  }
  const uint64_t *ids = n == 0 ? g->devs : g->icids;
  if (cap == 0 || !gen_its_pct(g, GW_OOR)) {
    return ids[tb_rand_below(&g->r, pool)];
  }
  uint64_t id = gen_id(g, pool, cap);
  return id < pool ? ids[id] : id;
}

// An MSI of (dev, ev) on the port or as a GITS_TRANSLATER write.
static void gen_its_msi_to(gen_t *g, uint64_t dev, uint64_t ev) {
  if (tb_rand_pct(&g->r, 50)) {
    gen_op(g, SCN_MSI, dev, ev, 0, 0);
  } else {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_TRANSLATER, ev, 4, dev);
  }
}

// An MSI to a pool device.
static void gen_its_msi(gen_t *g) {
  uint64_t dev = g->devs[tb_rand_below(&g->r, GEN_DEVS)];
  gen_its_msi_to(g, dev, gen_its_ev(g));
}

static void gen_its_wait(gen_t *g) {
  gen_op(g, SCN_WAIT, 0, 0, 0, 0);
  g->since_wait = 0;
}

// Queues command `opcode` laid out as command `layout` (docs/enc/its.toml), so an unknown opcode
// can carry the fields of a known one. At the `junk` rate the bits no field of the command uses
// are random: both implementations must ignore them.
static void gen_its_cmd_op(gen_t *g, uint8_t opcode, uint8_t layout, its_cmd_fields_t f) {
  scn_op_t op;
  memset(&op, 0, sizeof(op));
  op.kind = SCN_CMD;
  its_cmd_encode(layout, &f, op.a);
  op.a[0] = (op.a[0] & ~(uint64_t)0xFF) | opcode;
  if (opcode == layout && gen_its_pct(g, GW_JUNK)) {
    const its_cmd_fields_t ones = {~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull};
    uint64_t used[4];
    its_cmd_encode(layout, &ones, used);
    used[0] |= 0xFF;
    for (int i = 0; i < 4; i++) {
      op.a[i] |= tb_rand_u64(&g->r) & ~used[i];
    }
  }
  op.a[4] = g->nopost ? 1 : 0;  // scn.h: written, CWRITER left for the last of the batch
  gen_push(g, &op);
  g->cwriter = (g->cwriter + ITS_CMD_BYTES) % g->qsize;
  g->unrun++;
  if (++g->since_wait > 24) {
    gen_its_wait(g);
  }
}

static void gen_its_cmd(gen_t *g, uint8_t opcode, its_cmd_fields_t f) {
  gen_its_cmd_op(g, opcode, opcode, f);
}

// Appends "key=value" text to the configuration line.
static void gen_its_desc(gen_t *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void gen_its_desc(gen_t *g, const char *fmt, ...) {
  if (!g->desc_on) {
    return;  // a reprogramming after the setting up: nothing reads it, so no formatting
  }
  size_t n = strlen(g->desc);
  if (n + 1 >= sizeof(g->desc)) {
    return;
  }
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(g->desc + n, sizeof(g->desc) - n, fmt, ap);
  va_end(ap);
}

// Draws and programs table `n` (0: device, 1: collection; spec/its.md section 4) while the ITS is
// disabled: flat or two-level, 4K/16K/64K pages, BASER Size 0 or more pages, a base anywhere in
// its region, level-1 entries valid or not, with junk in reserved bits, pointing to level-2
// pages that need not be aligned; at `valid_pct` % a valid table (else BASER.Valid = 0, n = 0).
// `geo` (0..5: indirect * 3 + page size) is the kind and page size, or below 0 drawn.
static void gen_its_table(gen_t *g, unsigned n, unsigned valid_pct, int geo) {
  gen_tab_t *t = &g->tab[n];
  memset(t, 0, sizeof(*t));
  unsigned psel = (unsigned)tb_rand_below(&g->r, 3);  // 4K, 16K, 64K pages
  t->indirect = gen_its_pct(g, GW_INDIRECT);
  if (geo >= 0) {
    psel = (unsigned)geo % 3;
    t->indirect = geo >= 3;
  }
  t->page = 4096ull << (2 * psel);
  uint64_t max_pages = GEN_REGION / t->page;  // 256, 64, 16
  if (gen_its_pct(g, GW_BIGTABLE)) {
    t->size = tb_rand_pct(&g->r, 60) ? 1 + (unsigned)tb_rand_below(&g->r, 3)
                                     : (unsigned)tb_rand_below(&g->r, max_pages);
  }
  uint64_t region = (t->indirect ? GEN_L1 + n * GEN_REGION : n == 0 ? GEN_DT : GEN_CT);
  // The base: the start of the region or one of its other quarters, where the table fits (a few
  // placements, so the pages the runs touch stay few), at a high part BASER can hold.
  t->base = region + gen_its_hi(g, psel == 2 ? 52 : 48);
  t->l2hi = gen_its_hi(g, 51);
  uint64_t quarter = tb_rand_pct(&g->r, 30) ? tb_rand_below(&g->r, 4) * (GEN_REGION / 4) : 0;
  // ... plus, as often, one to three pages: the low PA bits of each page size (bits 12..13 of a
  // 4 KiB table's base, 14..15 of a 16 KiB one's, 16..17 of a 64 KiB one's, where BASER PA[51:48]
  // sits next to them) are 1 as well as 0.
  quarter += tb_rand_pct(&g->r, 30) ? (1 + tb_rand_below(&g->r, 3)) * t->page : 0;
  if (quarter + (t->size + 1ull) * t->page <= GEN_REGION) {
    t->base += quarter;
  }
  t->valid = tb_rand_pct(&g->r, valid_pct) != 0;
  uint64_t bytes = (t->size + 1ull) * t->page;
  uint64_t per = t->page / 8;  // 8-byte entries (Entry_Size is read-only)
  t->n = t->indirect ? (bytes / 8) * per : bytes / 8;
  if (t->n > 65536) {
    t->n = 65536;
  }
  if (!t->valid) {
    t->n = 0;
  }
  if (t->indirect) {
    // The first level-1 entries (the rest hold what memory holds: zeros, or stale words of an
    // earlier geometry). Entry 0 serves the pool IDs, so it is bad half as often.
    t->n_l1 = GEN_L1_MAX;
    for (unsigned i = 0; i < t->n_l1; i++) {
      // Pages two page sizes apart, so an offset page does not overlap the next one.
      uint64_t l2 = t->l2hi + GEN_L2 + n * GEN_REGION + 2 * i * t->page;
      if (gen_its_pct(g, GW_ODD_L2)) {
        // Level-2 pages are at any address (spec/its.md section 4: L1.PA[50:0]): 8-byte
        // offsets, or a byte offset 1..7 in the region of that offset (so a stale entry a new
        // geometry finds there is read whole).
        if (tb_rand_pct(&g->r, 50)) {
          l2 += 8 * (1 + tb_rand_below(&g->r, per / 2));
        } else {
          uint64_t p = 1 + tb_rand_below(&g->r, 7);
          l2 = t->l2hi + GEN_L2_ODD + (p - 1) * 2 * GEN_REGION + n * GEN_REGION + 2 * i * t->page +
               p;
        }
        t->odd |= 1u << i;
      }
      bool ok = !tb_rand_pct(&g->r, i == 0 ? g->w[GW_L1_BAD] / 2 : g->w[GW_L1_BAD]);
      uint64_t l1 = ok ? (1ull << 63) | l2 : tb_rand_pct(&g->r, 50) ? l2 : 0;
      if (gen_its_pct(g, GW_JUNK)) {
        l1 |= tb_rand_u64(&g->r) & GEN_L1_RSVD;  // junk in the reserved bits, valid or not
      }
      t->l2[i] = l2;
      t->l1_ok |= (uint16_t)(ok ? 1u << i : 0);
      gen_op(g, SCN_MEM_WRITE, t->base + 8 * i, l1, 8, 0);
    }
  }
  uint64_t reset = n == 0 ? ITS_GITS_BASER0_RESET : ITS_GITS_BASER1_RESET;
  uint64_t ro = ITS_GITS_BASER_TYPE_MASK | ITS_GITS_BASER_ENTRY_SIZE_MASK;
  // PA[47:12]; with 64 KiB pages PA[51:48] goes to bits [15:12] (spec/its.md section 1).
  uint64_t pa = (t->base & 0xFFFFFFFFF000ull) | ((t->base >> 48) << 12);
  uint64_t v =
      (t->valid ? ITS_GITS_BASER_VALID : 0) | (reset & ro) | ((uint64_t)psel << 8) | pa | t->size;
  if (t->indirect) {
    v |= ITS_GITS_BASER_INDIRECT;
  }
  if (psel == 2 && tb_rand_pct(&g->r, 25)) {
    v |= 3ull << 8;  // Page_Size 3 is 64K as well (spec/its.md section 1)
  }
  if (gen_its_pct(g, GW_JUNK)) {
    // Junk in the read-only Type and Entry_Size and in the cacheability/shareability fields.
    uint64_t other = ro | ITS_GITS_BASER_SHAREABILITY_MASK | ITS_GITS_BASER_OUTER_CACHE_MASK |
                     ITS_GITS_BASER_INNER_CACHE_MASK;
    v = (v & ~other) | (tb_rand_u64(&g->r) & other);
  }
  if (tb_rand_pct(&g->r, 20)) {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_BASER(n), v & 0xFFFFFFFFull, 4, 0);
    gen_op(g, SCN_REG_WRITE, ITS_GITS_BASER(n) + 4, v >> 32, 4, 0);
  } else {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_BASER(n), v, 8, 0);
  }
  gen_its_desc(g, " %s=%s,%uK,size=%u,base=0x%" PRIx64, n == 0 ? "dt" : "ct",
               !t->valid     ? "off"
               : t->indirect ? "2lvl"
                             : "flat",
               (unsigned)(t->page / 1024), t->size, t->base);
  if (t->indirect) {
    gen_its_desc(g, ",l1_ok=0x%x,odd_l2=0x%x,l2hi=0x%" PRIx64, t->l1_ok, t->odd, t->l2hi);
  }
  // The IDs commands use (pool) and, with the device table, where the ITTs are.
  gen_its_pool_ids(g, n, t->n);
  const uint64_t *ids = n == 0 ? g->devs : g->icids;
  gen_its_desc(g, ",ids=");  // the wide ones, index:ID (the others are their index)
  bool none = true;
  for (unsigned i = 0; i < (n == 0 ? GEN_DEVS : GEN_ICIDS); i++) {
    if (ids[i] != i) {
      gen_its_desc(g, "%s%u:0x%" PRIx64, none ? "" : "+", i, ids[i]);
      none = false;
    }
  }
  if (none) {
    gen_its_desc(g, "none");
  }
  if (n == 0) {
    g->itt_hi = gen_its_hi(g, 52);
    gen_its_desc(g, ",itt=0x%" PRIx64, (uint64_t)(g->itt_hi + GEN_ITT));
  }
}

// Draws and programs the command queue while the ITS is disabled: CBASER Size (one page to
// 1 MiB), a base in its region, junk in the fields that do not place it; then CWRITER at an
// offset of the new queue, so the queue wraps at different points of the stream (the slots
// below it run whatever memory holds: earlier commands or zeros, an unknown opcode).
static void gen_its_queue(gen_t *g, bool keep_cwriter) {
  unsigned size = 0;
  if (gen_its_pct(g, GW_BIGQUEUE)) {
    unsigned q = gen_pct(g);
    size = q < 50   ? 1 + (unsigned)tb_rand_below(&g->r, 3)
           : q < 75 ? 15
                    : (unsigned)tb_rand_below(&g->r, GEN_QPAGES_MAX);
  }
  // A large queue that wraps (once per run): 128 KiB up to the architectural 1 MiB (CBASER Size
  // 255), CWRITER a few slots before its end, so CREADR runs through every slot (whatever memory
  // holds) and then wraps to 0 (spec/its.md section 2). Once per run at most: a 1 MiB round is
  // 32768 commands (about 2 s of lockstep).
  bool wrap = !g->wrapped && gen_its_pct(g, GW_QWRAP);
  g->wrapped |= wrap;
  if (wrap) {
    size = tb_rand_pct(&g->r, 50) ? GEN_QPAGES_MAX - 1 : (32u << tb_rand_below(&g->r, 3)) - 1;
  }
  uint64_t qsize = 4096ull * (size + 1);
  uint64_t base = GEN_QUEUE + gen_its_hi(g, 52);  // placed like a table (gen_its_table)
  uint64_t quarter = tb_rand_pct(&g->r, 30) ? tb_rand_below(&g->r, 4) * (GEN_REGION / 4) : 0;
  if (quarter + qsize <= GEN_REGION) {
    base += quarter;
  }
  uint64_t v = ITS_GITS_CBASER_VALID | base | size;
  if (gen_its_pct(g, GW_JUNK)) {
    uint64_t other = ~(ITS_GITS_CBASER_VALID | ITS_GITS_CBASER_PA_MASK | ITS_GITS_CBASER_SIZE_MASK);
    v |= tb_rand_u64(&g->r) & other;  // shareability, cacheability and the bits that read 0
  }
  if (tb_rand_pct(&g->r, 20)) {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CBASER + 4, v >> 32, 4, 0);
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CBASER, v & 0xFFFFFFFFull, 4, 0);
  } else {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CBASER, v, 8, 0);
  }
  g->qsize = qsize;
  g->qbase = base;
  // CBASER sets CREADR to 0 and keeps CWRITER (spec/its.md section 2).
  if (!(keep_cwriter && !wrap && g->cwriter < qsize && tb_rand_pct(&g->r, 40))) {
    uint64_t slots = qsize / ITS_CMD_BYTES;
    g->cwriter =
        tb_rand_pct(&g->r, 50) ? 0 : ITS_CMD_BYTES * tb_rand_below(&g->r, slots < 16 ? slots : 16);
    if (wrap || (size < 4 && tb_rand_pct(&g->r, 30))) {
      // Wraps soon. Not in a larger queue: every slot below CWRITER runs first.
      g->cwriter = qsize - ITS_CMD_BYTES * (1 + tb_rand_below(&g->r, 4));
    }
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->cwriter, 8, 0);
  }
  gen_its_desc(g, " queue=size=%u,base=0x%" PRIx64 ",cwriter=0x%" PRIx64, size, base, g->cwriter);
}

// Writes GITS_CTLR: Enabled and, at the `junk` rate, junk in the bits that are RES0 or read-only.
static void gen_its_ctlr(gen_t *g, bool enable) {
  uint64_t v = enable ? 1 : 0;
  if (gen_its_pct(g, GW_JUNK)) {
    v |= tb_rand_u64(&g->r) & 0xFFFFFFFEull;
  }
  gen_op(g, SCN_REG_WRITE, ITS_GITS_CTLR, v, 4, 0);
  g->enabled = enable;
}

// Programs both tables and the queue from the reset state and enables the ITS.
static void gen_its_program(gen_t *g) {
  g->desc[0] = 0;
  gen_its_desc(g, "its");
  g->cwriter = 0;
  gen_its_table(g, 0, 100, -1);
  gen_its_table(g, 1, 100, -1);
  gen_its_queue(g, false);
  gen_its_ctlr(g, true);
}

static void gen_its_setup(gen_t *g) {
  g->s->cfg.mem_latency = 1 + (unsigned)tb_rand_below(&g->r, 6);
  g->s->cfg.mem_stall = (unsigned)tb_rand_below(&g->r, 40);
  g->s->cfg.rsp_stall = (unsigned)tb_rand_below(&g->r, 30);
  // The high address parts (GEN_HI_ALIGN): 0, the highest (PA bits 51:25 all set), two random.
  const uint64_t hi_mask = ((1ull << 52) - 1) & ~(GEN_HI_ALIGN - 1);
  g->hi_pool[0] = 0;
  g->hi_pool[1] = hi_mask;
  for (unsigned i = 2; i < GEN_HI_N; i++) {
    g->hi_pool[i] = tb_rand_u64(&g->r) & hi_mask;
  }
  // The wide EventIDs: any of the 16 EventID bits, the last two beyond them (17 to 32 bits of
  // the 32-bit field: walks of a DTE with Size 16..31, gen_its_plant_walk).
  for (unsigned i = 0; i < GEN_EVS; i++) {
    g->evs[i] = gen_its_wide(g, 16);
    if (i + 2 >= GEN_EVS) {
      unsigned b = 16 + (unsigned)tb_rand_below(&g->r, 16);
      g->evs[i] = (1ull << b) | tb_rand_below(&g->r, 1ull << b);
    }
  }
  g->phase_left = g->w[GW_PHASE];
  g->desc_on = true;
  gen_its_program(g);
  g->desc_on = false;
  // The latencies are on the line gen_random_config makes; this part adds the tables, the pools
  // and the weights.
  int k = snprintf(g->first_desc, sizeof(g->first_desc),
                   "%s hi=0x%" PRIx64 ",0x%" PRIx64 ",0x%" PRIx64 " evs=", g->desc, g->hi_pool[1],
                   g->hi_pool[2], g->hi_pool[3]);
  for (unsigned i = 0; i < GEN_EVS && k > 0 && (size_t)k < sizeof(g->first_desc); i++) {
    k += snprintf(g->first_desc + k, sizeof(g->first_desc) - (size_t)k, "%s0x%" PRIx64,
                  i ? "," : "", g->evs[i]);
  }
  if (k > 0 && (size_t)k < sizeof(g->first_desc)) {
    k += snprintf(g->first_desc + k, sizeof(g->first_desc) - (size_t)k, " weights=");
  }
  for (unsigned i = 0; i < GW_N && k > 0 && (size_t)k < sizeof(g->first_desc); i++) {
    k += snprintf(g->first_desc + k, sizeof(g->first_desc) - (size_t)k, "%s%s=%u", i ? "," : "",
                  gen_its_wdef[i].name, g->w[i]);
  }
}

// Address of 8-byte entry `idx` of table `n` as generated (spec/its.md section 4, index
// resolution); false when it has none the generator knows of (beyond the level-1 entries
// written, or an invalid one).
static bool gen_entry_addr(const gen_t *g, unsigned n, uint64_t idx, uint64_t *addr) {
  const gen_tab_t *t = &g->tab[n];
  if (idx >= t->n) {
    return false;
  }
  if (!t->indirect) {
    *addr = t->base + 8 * idx;
    return true;
  }
  uint64_t per = t->page / 8;
  uint64_t l1 = idx / per;
  if (l1 >= t->n_l1 || (t->l1_ok & (1u << l1)) == 0) {
    return false;
  }
  *addr = t->l2[l1] + 8 * (idx % per);
  return true;
}

// Plants an entry that software could have left in memory, written to both images while the
// block is idle: DTEs, CTEs and ITEs valid with junk in their reserved bits, invalid ones with
// junk, ITEs with IntType 0, an ICID beyond the collection table or an INTID outside the LPI
// range, CTEs naming a redistributor beyond #RD, level-1 entries made invalid or valid again.
static void gen_its_plant_ite(gen_t *g, uint64_t itt, uint64_t ev, uint64_t icid, bool bad) {
  unsigned q = gen_pct(g);
  uint64_t intid = q < 5    ? tb_rand_below(&g->r, 8192)
                   : q < 10 ? 65536 + tb_rand_below(&g->r, (1u << 24) - 65536)
                            : 8192 + tb_rand_below(&g->r, 512);
  if (gen_its_pct(g, GW_WIDEID) && tb_rand_pct(&g->r, 40)) {
    intid = tb_rand_below(&g->r, 1u << 24);  // any of the 24 INTID bits
  }
  uint64_t lo = (bad ? 0 : ITS_ITE_LO_VALID) | (tb_rand_pct(&g->r, 85) ? ITS_ITE_LO_INTTYPE : 0) |
                ITS_ITE_LO_INTID(intid) | ITS_ITE_LO_ICID(icid) |
                (tb_rand_u64(&g->r) & GEN_ITE_LO_RSVD);
  if (gen_its_pct(g, GW_WIDEID)) {
    lo |= ITS_ITE_LO_VPEID(tb_rand_u64(&g->r));  // any vPEID (unused, kept by MOVI)
  }
  uint64_t hi = ITS_ITE_HI_DOORBELL(ITS_DOORBELL_NONE) | (tb_rand_u64(&g->r) & GEN_ITE_HI_RSVD);
  gen_op(g, SCN_MEM_WRITE, itt + ITS_ITE_BYTES * ev, lo, 8, 0);
  gen_op(g, SCN_MEM_WRITE, itt + ITS_ITE_BYTES * ev + 8, hi, 4, 0);
}

// A command or an MSI that looks up the ITE of (dev, ev) (spec/its.md 3.2, section 5).
static void gen_its_lookup(gen_t *g, uint64_t dev, uint64_t ev) {
  static const uint8_t ops[] = {ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV, ITS_CMD_DISCARD,
                                ITS_CMD_MOVI};
  unsigned k = (unsigned)tb_rand_below(&g->r, 7);
  if (k < 5) {
    gen_its_cmd(g, ops[k],
                (its_cmd_fields_t){
                    .dev = dev, .ev = ev, .icid = g->icids[tb_rand_below(&g->r, GEN_ICIDS)]});
  } else if (k == 5) {
    gen_op(g, SCN_MSI, dev, ev, 0, 0);
  } else {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_TRANSLATER, ev, 4, dev);
  }
}

// A valid DTE for `dev` with its ITT, EventIDs up to 63 (pool events are below 40), so that a
// lookup of a planted ITE reaches the ITE and its collection.
static void gen_its_plant_dte(gen_t *g, uint64_t dev, uint64_t itt) {
  uint64_t addr;
  if (gen_entry_addr(g, 0, dev, &addr)) {
    uint64_t dte = ITS_DTE_VALID | ITS_DTE_SIZE(5 + tb_rand_below(&g->r, 3)) |
                   ITS_DTE_ITT_ADDR(itt >> 8) | (tb_rand_u64(&g->r) & GEN_DTE_RSVD);
    gen_op(g, SCN_MEM_WRITE, addr, dte, 8, 0);
  }
}

static void gen_its_plant(gen_t *g, uint64_t dev, uint64_t ev, uint64_t icid) {
  uint64_t itt = gen_its_itt(g, dev);
  uint64_t addr;
  unsigned k = (unsigned)tb_rand_below(&g->r, 4);
  bool bad = tb_rand_pct(&g->r, 25);
  if (k == 0 && gen_entry_addr(g, 0, dev, &addr)) {
    uint64_t size = tb_rand_pct(&g->r, 10) ? tb_rand_below(&g->r, 32) : 4 + tb_rand_below(&g->r, 4);
    uint64_t dte = (bad ? 0 : ITS_DTE_VALID) | ITS_DTE_SIZE(size) | ITS_DTE_ITT_ADDR(itt >> 8) |
                   (tb_rand_u64(&g->r) & GEN_DTE_RSVD);
    gen_op(g, SCN_MEM_WRITE, addr, dte, 8, 0);
  } else if (k == 1 && gen_entry_addr(g, 1, icid, &addr)) {
    uint64_t rd = tb_rand_pct(&g->r, 45) ? g->num_rd + tb_rand_below(&g->r, 3)
                                         : tb_rand_below(&g->r, g->num_rd);
    bool wide = gen_its_pct(g, GW_WIDEID);
    if (wide) {
      rd = tb_rand_below(&g->r, 65536);  // any 16-bit RDbase (mostly beyond #RD)
    }
    uint64_t cte = (bad ? 0 : ITS_CTE_VALID) | ITS_CTE_RDBASE(rd & 0xFFFF) |
                   (tb_rand_u64(&g->r) & GEN_CTE_RSVD);
    gen_op(g, SCN_MEM_WRITE, addr, cte, 8, 0);
    if (wide || tb_rand_pct(&g->r, 75)) {
      gen_its_plant_ite(g, itt, ev, icid, false);  // an ITE of that collection, looked up
      if (tb_rand_pct(&g->r, 60)) {
        gen_its_plant_dte(g, dev, itt);
      }
      if (wide) {
        // Through the MSI path (port or GITS_TRANSLATER), which reads the whole RDbase.
        gen_its_msi_to(g, dev, ev);
      } else {
        for (unsigned i = 1 + (unsigned)tb_rand_below(&g->r, 3); i > 0; i--) {
          gen_its_lookup(g, dev, ev);  // by 1-3 of the commands and MSIs that look it up
        }
      }
    }
  } else if (k == 2) {
    uint64_t ct_n = g->tab[1].n;
    uint64_t ite_icid = g->icids[tb_rand_below(&g->r, GEN_ICIDS)];
    if (tb_rand_pct(&g->r, 40) && ct_n < 65536) {
      ite_icid = ct_n + tb_rand_below(&g->r, 65536 - ct_n);  // beyond the collection table
    }
    gen_its_plant_ite(g, itt, ev, ite_icid, bad);
    if (tb_rand_pct(&g->r, 60)) {
      gen_its_plant_dte(g, dev, itt);
    }
    if (tb_rand_pct(&g->r, 80)) {
      for (unsigned i = 1 + (unsigned)tb_rand_below(&g->r, 3); i > 0; i--) {
        gen_its_lookup(g, dev, ev);
      }
    }
  } else if (k == 3) {
    unsigned n = (unsigned)tb_rand_below(&g->r, 2);
    gen_tab_t *t = &g->tab[n];
    if (t->indirect) {
      unsigned i = (unsigned)tb_rand_below(&g->r, t->n_l1);
      bool ok = !bad;
      uint64_t l1 = (ok ? 1ull << 63 : 0) | t->l2[i] | (tb_rand_u64(&g->r) & GEN_L1_RSVD);
      t->l1_ok = (uint16_t)((t->l1_ok & ~(1u << i)) | (ok ? 1u << i : 0));
      gen_op(g, SCN_MEM_WRITE, t->base + 8 * i, l1, 8, 0);
    }
  }
}

// The address range of one access class of the current geometry, for a fault. A write-only range
// goes to a class the ITS writes (device and collection entries, ITEs: classes 2-5), since the
// command queue and the level-1 entries are only read.
static void gen_its_fault_range(gen_t *g, tb_fault_kind_t kind, uint64_t *lo, uint64_t *hi) {
  unsigned c = kind == TB_FAULT_WRITE ? 2 + (unsigned)tb_rand_below(&g->r, 4)
                                      : (unsigned)tb_rand_below(&g->r, 6);
  unsigned n = (unsigned)tb_rand_below(&g->r, 2);
  const gen_tab_t *t = &g->tab[n];
  if (c == 0) {
    // Command fetch: the whole queue, or the slot the next command goes to.
    *lo = g->qbase;
    *hi = g->qbase + g->qsize;
    if (tb_rand_pct(&g->r, 50)) {
      *lo = g->qbase + g->cwriter;
      *hi = *lo + ITS_CMD_BYTES;
    }
  } else if (c == 1 && t->indirect) {
    *lo = t->base;  // level-1 entries
    *hi = t->base + 8 * t->n_l1;
  } else if (c <= 3 && !t->indirect) {
    *lo = t->base;  // the entries of a flat table (reads and writes)
    *hi = t->base + (t->size + 1ull) * t->page;
  } else if (c <= 3) {
    // The level-2 pages (those at 8-byte offsets, or those at an odd byte offset).
    *lo = t->l2hi + GEN_L2 + n * GEN_REGION;
    *hi = *lo + GEN_REGION;
    if (tb_rand_pct(&g->r, 30)) {
      *lo = t->l2hi + GEN_L2_ODD;  // every odd region, both tables (when at the same part)
      *hi = *lo + 14 * GEN_REGION;
    }
  } else if (c == 4) {
    *lo = g->itt_hi + GEN_ITT;  // ITEs (reads and writes)
    *hi = *lo + 64 * 0x1000;
  } else {
    // One beat: the second beat of the ITEs of odd EventIDs of one device, or a DTE.
    uint64_t itt = gen_its_itt(g, g->devs[tb_rand_below(&g->r, GEN_DEVS)]);
    *lo = itt + ITS_ITE_BYTES * (2 * tb_rand_below(&g->r, 8) + 1) + 4;
    *lo &= ~7ull;
    *hi = *lo + 8;
  }
}

static void gen_its_cmd_draw(gen_t *g, unsigned kind);

// Ends an active fault: the bench clears it and software writes CWRITER.Retry; sometimes a Retry
// while the range still faults (the rerun stalls again) or a CWRITER write without Retry first.
static void gen_its_fault_end(gen_t *g) {
  if (tb_rand_pct(&g->r, 30)) {
    gen_its_wait(g);
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->cwriter | 1, 8, 0);
  }
  gen_its_wait(g);
  gen_op(g, SCN_FAULT_CLEAR, 0, 0, 0, 0);
  if (tb_rand_pct(&g->r, 15)) {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->cwriter, 8, 0);
    gen_its_wait(g);
  }
  gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->cwriter | 1, 8, 0);
  g->fault_left = 0;
  g->faulting = false;
}

// A memory fault on one access class, faulting reads and writes, writes only (the table reads of
// the same entries pass: MAPD/MAPC/MAPTI/MAPI, DISCARD and MOVI stall on their write) or reads
// only (`kind`): either a window of a few commands and MSIs, or a range that stays for several
// draws of ordinary traffic (fault_hold), then ends (gen_its_fault_end).
static void gen_its_fault(gen_t *g, tb_fault_kind_t kind) {
  uint64_t lo, hi;
  gen_its_fault_range(g, kind, &lo, &hi);
  gen_op(g, SCN_FAULT_ADD, lo, hi, kind, 0);
  g->faulting = true;
  g->unrun = 0;
  if (kind == TB_FAULT_WRITE && tb_rand_pct(&g->r, 40)) {
    // A command that writes an ITE after reading it (its reads pass, its write faults).
    gen_its_cmd(g, tb_rand_pct(&g->r, 50) ? ITS_CMD_DISCARD : ITS_CMD_MOVI,
                (its_cmd_fields_t){.dev = tb_rand_below(&g->r, GEN_DEVS),
                                   .ev = tb_rand_below(&g->r, 40),
                                   .icid = tb_rand_below(&g->r, GEN_ICIDS)});
  }
  if (gen_its_pct(g, GW_FAULT_HOLD)) {
    g->fault_left = 2 + (unsigned)tb_rand_below(&g->r, 20);
    return;
  }
  unsigned n = 1 + (unsigned)tb_rand_below(&g->r, 4);
  for (unsigned i = 0; i < n; i++) {
    if (tb_rand_pct(&g->r, 30)) {
      gen_its_msi(g);
    } else {
      gen_its_cmd_draw(g, gen_its_pick(g, GW_MAPD, GW_BADCMD + 1));
    }
  }
  gen_its_fault_end(g);
}

// Disable, wait for quiescence, reprogram some of the tables and the queue with a new geometry
// (sometimes a table left invalid), rewrite registers with junk first, then enable again. With
// `geo` (a phase start, gen_its_phase) both tables take the kinds and page sizes geo[0], geo[1]
// and stay valid.
static void gen_its_reprogram(gen_t *g, const int *geo) {
  // With a fault range active (the queue may be stalled), half the time the queue is
  // reprogrammed with it: the CBASER write clears Stalled (spec/its.md section 1), no Retry.
  bool stalled = g->faulting && tb_rand_pct(&g->r, 50);
  if (g->faulting && !stalled) {
    gen_its_fault_end(g);
  }
  gen_its_ctlr(g, false);
  gen_its_wait(g);
  gen_op(g, SCN_REG_READ, ITS_GITS_CTLR, 0, 0, 0);         // Quiescent
  unsigned which = 1 + (unsigned)tb_rand_below(&g->r, 7);  // bit 0 DT, 1 CT, 2 queue
  if (geo != NULL) {
    which |= 3;
  }
  if (stalled) {
    which |= 4;
    gen_op(g, SCN_REG_READ, ITS_GITS_CREADR, 0, 0, 0);  // Stalled
  }
  if (gen_its_pct(g, GW_JUNK)) {
    // Values software may write while disabled before the real ones: any bits at all, to a
    // register about to be rewritten (or an unimplemented BASER, RAZ/WI).
    unsigned n = which & 1 ? 0 : which & 2 ? 1 : 2 + (unsigned)tb_rand_below(&g->r, 6);
    gen_op(g, SCN_REG_WRITE, ITS_GITS_BASER(n), tb_rand_u64(&g->r), 8, 0);
    gen_op(g, SCN_REG_READ, ITS_GITS_BASER(n), 0, 0, 0);
    if (which & 4) {
      gen_op(g, SCN_REG_WRITE, ITS_GITS_CBASER, tb_rand_u64(&g->r), 8, 0);
      gen_op(g, SCN_REG_READ, ITS_GITS_CBASER, 0, 0, 0);
    }
  }
  g->desc[0] = 0;
  gen_its_desc(g, "its reprogram:");
  for (unsigned n = 0; n < 2; n++) {
    if (which & (1u << n)) {
      gen_its_table(g, n, geo != NULL ? 100 : 80, geo != NULL ? geo[n] : -1);
    }
  }
  if (which & 4) {
    gen_its_queue(g, true);
  }
  if (stalled) {
    gen_op(g, SCN_FAULT_CLEAR, 0, 0, 0, 0);
    g->faulting = false;
    g->fault_left = 0;
  }
  for (unsigned i = (unsigned)tb_rand_below(&g->r, 3); i > 0; i--) {
    gen_its_msi(g);  // dropped: disabled
  }
  gen_op(g, SCN_REG_READ, which & 4 ? ITS_GITS_CBASER : ITS_GITS_BASER(which & 1 ? 0 : 1), 0, 0, 0);
  gen_its_ctlr(g, true);
}

// A register reset in the middle of traffic: every register to its reset value, memory kept
// (docs/scenarios.md `reset`); reads of the reset values, MSIs that must be dropped (disabled),
// then a new geometry.
static void gen_its_reset(gen_t *g) {
  gen_op(g, SCN_RESET, 0, 0, 0, 0);
  g->enabled = false;
  g->cwriter = 0;
  static const uint32_t regs[] = {ITS_GITS_CTLR,    ITS_GITS_CBASER,   ITS_GITS_CREADR,
                                  ITS_GITS_CWRITER, ITS_GITS_BASER(0), ITS_GITS_BASER(1)};
  gen_op(g, SCN_REG_READ, regs[tb_rand_below(&g->r, 6)], 0, 0, 0);
  if (tb_rand_pct(&g->r, 50)) {
    gen_its_msi(g);  // dropped: disabled
  }
  gen_its_program(g);
}

// Register writes the spec gives an outcome other than "store it": ignored while enabled
// (BASER, CBASER), read-only and RAZ/WI registers and fields, reserved offsets, a CWRITER high
// half, and unsupported widths or alignments (bus errors, IMPDEF-ITS-1).
static void gen_its_regwrite(gen_t *g, uint64_t dev) {
  unsigned q = gen_pct(g);
  uint64_t x = tb_rand_u64(&g->r);
  if (q < 25) {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_BASER(tb_rand_below(&g->r, 8)), x, 8, 0);
  } else if (q < 40) {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CBASER + 4 * tb_rand_below(&g->r, 2), x & 0xFFFFFFFFull, 4,
           0);
  } else if (q < 50) {
    gen_its_ctlr(g, true);  // junk in RES0 bits (at the junk rate), Enabled kept
  } else if (q < 58) {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER + 4, x & 0xFFFFFFFFull, 4, 0);  // changes nothing
  } else if (q < 66) {
    // Read-only registers, RAZ/WI offsets of both frames (a 64-bit write at 0 would be CTLR).
    static const uint32_t ro[][2] = {{ITS_GITS_CREADR, 8}, {ITS_GITS_TYPER, 8}, {ITS_GITS_IIDR, 4},
                                     {0x0010, 8},          {0xFFD0, 4},         {0xFFE8, 4},
                                     {0x8000, 8},          {0x10000, 8}};
    unsigned k = (unsigned)tb_rand_below(&g->r, 8);
    gen_op(g, SCN_REG_WRITE, ro[k][0], ro[k][1] == 8 ? x : x & 0xFFFFFFFFull, ro[k][1], 0);
  } else if (q < 76) {
    // A 64-bit GITS_TRANSLATER write: EventID = the low 32 bits (docs/interfaces.md 1.1).
    gen_op(g, SCN_REG_WRITE, ITS_GITS_TRANSLATER, tb_rand_pct(&g->r, 50) ? x : x & 0xFF, 8,
           dev & 0xFFFF);
  } else if (q < 84) {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_TYPER, x & 0xFFFF, 2, 0);  // 16 bits outside TRANSLATER
  } else if (q < 92) {
    static const uint32_t mis[][2] = {{0x82, 4}, {0x84, 8}, {0x89, 4}, {0x10042, 2}, {0x10044, 4}};
    unsigned k = (unsigned)tb_rand_below(&g->r, 5);
    uint64_t mask = mis[k][1] == 8 ? ~0ull : (1ull << (8 * mis[k][1])) - 1;
    gen_op(g, SCN_REG_WRITE, mis[k][0], x & mask, mis[k][1], dev & 0xFFFF);
  } else {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_CTLR + tb_rand_below(&g->r, 8), x & 0xFF, 1, 0);
  }
}

// One command of `kind` (GW_MAPD..GW_BADCMD) with drawn fields.
static void gen_its_cmd_draw(gen_t *g, unsigned kind) {
  uint64_t dev = gen_its_id(g, GEN_DEVS, 0);
  uint64_t ev = gen_its_ev(g);
  uint64_t icid = gen_its_id(g, GEN_ICIDS, 1);
  // 5 %: a redistributor at or just beyond #RD (MAPC/MOVALL/SYNC rd out of range).
  uint64_t rd = gen_its_rd(g);
  switch (kind) {
    case GW_MAPD: {
      // Size: 32..256 events mostly; up to 65536 (EventIDs of MAPI, which are INTIDs >= 8192);
      // 16..31 beyond ID_bits (MAPD_ITTSIZE_OOR).
      unsigned q = gen_pct(g);
      uint64_t size = q < 4    ? 16 + tb_rand_below(&g->r, 16)
                      : q < 20 ? 8 + tb_rand_below(&g->r, 8)
                               : 4 + tb_rand_below(&g->r, 4);
      uint64_t v = tb_rand_pct(&g->r, 88);
      gen_its_cmd(g, ITS_CMD_MAPD,
                  (its_cmd_fields_t){.dev = dev, .size = size, .itt = gen_its_itt(g, dev), .v = v});
      break;
    }
    case GW_MAPC:
      gen_its_cmd(g, ITS_CMD_MAPC,
                  (its_cmd_fields_t){.icid = icid, .rd = rd, .v = tb_rand_pct(&g->r, 90)});
      break;
    case GW_MAPTI: {
      unsigned q = gen_pct(g);
      uint64_t intid = q < 3   ? 8191
                       : q < 5 ? 1023
                       : q < 7 ? 65536
                       : q < 9 ? 65535
                               : 8192 + tb_rand_below(&g->r, 512);
      if (q >= 9 && gen_its_pct(g, GW_WIDEID)) {
        // Any LPI, or any width of the 32-bit field (outside the LPI range: PHYSICALID_OOR).
        intid = tb_rand_pct(&g->r, 60) ? 8192 + tb_rand_below(&g->r, 65536 - 8192)
                                       : gen_its_wide(g, 32);
      }
      // EventIDs of 16 bits at most: an ITE is written at ITT + 12 * EventID, which stays in the
      // ITT region (a planted DTE may have Size > 15).
      gen_its_cmd(g, ITS_CMD_MAPTI,
                  (its_cmd_fields_t){.dev = dev, .ev = ev & 0xFFFF, .intid = intid, .icid = icid});
      break;
    }
    case GW_MAPI:
      gen_its_cmd(g, ITS_CMD_MAPI,
                  (its_cmd_fields_t){
                      .dev = dev,
                      .ev = tb_rand_pct(&g->r, 70) ? 8192 + tb_rand_below(&g->r, 64) : ev & 0xFFFF,
                      .icid = icid});
      break;
    case GW_INT: {
      static const uint8_t ops[] = {ITS_CMD_INT, ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV,
                                    ITS_CMD_DISCARD};
      gen_its_cmd(g, ops[tb_rand_below(&g->r, 5)], (its_cmd_fields_t){.dev = dev, .ev = ev});
      break;
    }
    case GW_MOVI:
      gen_its_cmd(g, ITS_CMD_MOVI, (its_cmd_fields_t){.dev = dev, .ev = ev, .icid = icid});
      break;
    case GW_INVALL:
      gen_its_cmd(g, ITS_CMD_INVALL, (its_cmd_fields_t){.icid = icid});
      break;
    case GW_MOVALL: {
      uint64_t rd2 = gen_its_rd(g);
      gen_its_cmd(g, ITS_CMD_MOVALL, (its_cmd_fields_t){.rd = rd, .rd2 = rd2});
      break;
    }
    case GW_SYNC:
      gen_its_cmd(g, ITS_CMD_SYNC, (its_cmd_fields_t){.rd = rd});
      break;
    default: {
      static const uint8_t bad[] = {0x00, 0x02, 0x06, 0x2A, 0x22, 0xFF};
      // An unknown or GICv4 opcode, with DeviceID, EventID and ICID where MOVI has them.
      gen_its_cmd_op(g, bad[tb_rand_below(&g->r, 6)], ITS_CMD_MOVI,
                     (its_cmd_fields_t){.dev = dev, .ev = ev, .icid = icid});
      break;
    }
  }
}

// ---- Phases, planted walks and joint faults: the crosses by construction ----
// (docs/testplan.md "Cross bins": every command and MSI path x outcome x table kind x page size,
// every fault point x every command that meets it.)

// Shuffles a[0..n) (Fisher-Yates).
static void gen_shuffle(gen_t *g, uint8_t *a, unsigned n) {
  for (unsigned i = n; i > 1; i--) {
    unsigned j = (unsigned)tb_rand_below(&g->r, i);
    uint8_t x = a[i - 1];
    a[i - 1] = a[j];
    a[j] = x;
  }
}

// The next value of a cycle through 0..n-1 that is shuffled again at each round.
static unsigned gen_cycle(gen_t *g, uint8_t *a, unsigned *i, unsigned n) {
  if (*i % n == 0) {
    for (unsigned k = 0; k < n; k++) {
      a[k] = (uint8_t)k;
    }
    gen_shuffle(g, a, n);
    *i = 0;
  }
  return a[(*i)++];
}

// A phase starts: the ITS is reprogrammed with both tables at the next kind and page size of
// their cycles (flat or two-level x 4K/16K/64K, spec/its.md section 4), so that within six
// phases every command, MSI and fault meets every table configuration of both tables.
static void gen_its_phase(gen_t *g) {
  int geo[2];
  for (unsigned n = 0; n < 2; n++) {
    geo[n] = (int)gen_cycle(g, g->geo[n], &g->geo_i[n], 6);
  }
  gen_its_reprogram(g, geo);
}

// How a planted walk (gen_its_chain) ends: the checks of LOOKUP_ITE and LOOKUP_CTE in the
// order of spec/its.md 3.2 (the error codes of docs/impdef.md), or translated.
typedef enum {
  CH_OK,
  CH_DEV_OOR,   // DeviceID >= DT.n (01)
  CH_L1_DT,     // the device's level-1 entry invalid (04; flat table: DTE.V = 0)
  CH_DTE_INV,   // DTE.V = 0 (04)
  CH_EV_OOR,    // EventID >= 2^(DTE.Size + 1) (05)
  CH_ITE_INV,   // ITE.V = 0 or IntType virtual (07)
  CH_ICID_OOR,  // the ITE's ICID >= CT.n (03; two-level table: CTE.V = 0)
  CH_L1_CT,     // the collection's level-1 entry invalid (09; flat table: CTE.V = 0)
  CH_CTE_INV,   // CTE.V = 0 (09)
  CH_RD_OOR,    // CTE.RDbase >= #RD (02)
  CH_N
} gen_chain_t;
_Static_assert(CH_N <= sizeof(((gen_t *)0)->brk), "gen_t's cycle of walk ends");

// An ID of table `n` whose entry the generator can place (gen_entry_addr) with its level-1
// entry made valid: a pool ID that has one, else 0 (level-1 entry 0 is always written).
static uint64_t gen_its_placed_id(gen_t *g, unsigned n, uint64_t *addr) {
  const uint64_t *ids = n == 0 ? g->devs : g->icids;
  unsigned count = n == 0 ? GEN_DEVS : GEN_ICIDS;
  gen_tab_t *t = &g->tab[n];
  uint64_t id = 0;
  for (unsigned k = 0; k < 4; k++) {
    uint64_t c = ids[tb_rand_below(&g->r, count)];
    if (c < t->n && (!t->indirect || c / (t->page / 8) < t->n_l1)) {
      id = c;
      break;
    }
  }
  if (t->indirect) {
    unsigned i = (unsigned)(id / (t->page / 8));
    if ((t->l1_ok & (1u << i)) == 0) {
      t->l1_ok = (uint16_t)(t->l1_ok | 1u << i);
      gen_op(g, SCN_MEM_WRITE, t->base + 8 * i, (1ull << 63) | t->l2[i], 8, 0);
    }
  }
  if (!gen_entry_addr(g, n, id, addr)) {
    *addr = UINT64_MAX;  // a table with Valid = 0 (n = 0)
  }
  return id;
}

// Makes the level-1 entry of `id` in table `n` invalid (V = 0, address kept).
static void gen_its_l1_off(gen_t *g, unsigned n, uint64_t id) {
  gen_tab_t *t = &g->tab[n];
  unsigned i = (unsigned)(id / (t->page / 8));
  t->l1_ok = (uint16_t)(t->l1_ok & ~(1u << i));
  gen_op(g, SCN_MEM_WRITE, t->base + 8 * i, t->l2[i] | (tb_rand_u64(&g->r) & GEN_L1_RSVD), 8, 0);
}

// The bits an EventID needs (at least 5: the DTE Size of a planted walk is 4 or more).
static unsigned gen_ev_bits(uint64_t ev) {
  unsigned b = 5;
  while (b < 32 && (ev >> b) != 0) {
    b++;
  }
  return b;
}

typedef struct {
  uint64_t dev, ev, icid;
  uint64_t size;      // the DTE's Size
  uint64_t ite_icid;  // the ICID its ITE names (icid, or one beyond the collection table)
  uint64_t dte, cte;  // entry addresses (UINT64_MAX: none)
} gen_walk_t;

// Plants the entries of one walk of (dev, ev) through its ITE to its collection (spec/its.md
// 3.2, section 4), ending as `end` says: the DTE (with ITT and Size), the ITE, the CTE, and the
// level-1 entries; then every command and MSI path that walks it may be sent.
static void gen_its_plant_walk(gen_t *g, gen_walk_t *w, gen_chain_t end) {
  w->dev = gen_its_placed_id(g, 0, &w->dte);
  w->icid = gen_its_placed_id(g, 1, &w->cte);
  if (w->dte == UINT64_MAX) {
    return;  // the device table is off: every walk ends at DT.n = 0
  }
  // Wide EventIDs (beyond 16 bits at the `wideid` rate: a DTE Size up to 31 reaches them).
  uint64_t ev = gen_its_ev(g);
  unsigned bits = gen_ev_bits(ev);
  uint64_t size = bits - 1 + (bits < 31 && tb_rand_pct(&g->r, 30) ? 1 : 0);
  // A third of the walks have an EventID that is an LPI INTID, which MAPI maps (pINTID :=
  // EventID, spec/its.md 3.3).
  bool lpi = tb_rand_pct(&g->r, 33);
  if (lpi) {
    ev = 8192 + tb_rand_below(&g->r, 64);
    size = 13 + tb_rand_below(&g->r, 3);
  }
  if (end == CH_EV_OOR) {
    // Three classes of the check's bound, each as likely (LPI walks aside): a small Size, a
    // wide one (2^16 .. 2^30 events, at the `wideid` rate), and Size 30, whose first EventID
    // out of range has bit 31 set: the top bit of the 32-bit field (IMPDEF-ITS-6) reaches the
    // check on every path of the chain (commands and MSIs). Size 31 has none beyond.
    unsigned cls = lpi ? 0 : (unsigned)tb_rand_below(&g->r, 3);
    size = lpi ? 12 : 3 + tb_rand_below(&g->r, 5);
    ev = (2ull << size) + tb_rand_below(&g->r, lpi ? 64 : 4);
    if (cls == 2) {
      size = 30;
      ev = (2ull << size) + tb_rand_below(&g->r, 1ull << size);
    } else if (cls == 1 && gen_its_pct(g, GW_WIDEID)) {
      size = 15 + tb_rand_below(&g->r, 15);
      ev = (2ull << size) + tb_rand_below(&g->r, 1ull << size);
    }
  }
  w->ev = ev;
  w->size = size;
  uint64_t itt = gen_its_itt(g, w->dev);
  bool dte_ok = end != CH_DTE_INV && !(end == CH_L1_DT && !g->tab[0].indirect);
  uint64_t dte = (dte_ok ? ITS_DTE_VALID : 0) | ITS_DTE_SIZE(size) | ITS_DTE_ITT_ADDR(itt >> 8) |
                 (tb_rand_u64(&g->r) & GEN_DTE_RSVD);
  gen_op(g, SCN_MEM_WRITE, w->dte, dte, 8, 0);
  if (end == CH_L1_DT && g->tab[0].indirect) {
    gen_its_l1_off(g, 0, w->dev);
  }
  // The ITE: valid and physical unless the walk ends there; its ICID the walk's collection, or
  // one beyond the collection table.
  uint64_t ite_icid = w->icid;
  if (end == CH_ICID_OOR && g->tab[1].n < 65536) {
    ite_icid = g->tab[1].n + tb_rand_below(&g->r, 65536 - g->tab[1].n);
  }
  w->ite_icid = ite_icid;
  uint64_t intid = 8192 + tb_rand_below(&g->r, 512);
  if (gen_its_pct(g, GW_WIDEID) && tb_rand_pct(&g->r, 40)) {
    intid = gen_its_wide(g, 24);  // any of the 24 INTID bits (events carry it; spec section 6)
  }
  uint64_t lo =
      ITS_ITE_LO_INTID(intid) | ITS_ITE_LO_ICID(ite_icid) | (tb_rand_u64(&g->r) & GEN_ITE_LO_RSVD);
  if (end != CH_ITE_INV) {
    lo |= ITS_ITE_LO_VALID | ITS_ITE_LO_INTTYPE;
  } else {
    lo |= tb_rand_pct(&g->r, 50) ? ITS_ITE_LO_VALID : ITS_ITE_LO_INTTYPE;  // one of the two
  }
  uint64_t hi = ITS_ITE_HI_DOORBELL(ITS_DOORBELL_NONE) | (tb_rand_u64(&g->r) & GEN_ITE_HI_RSVD);
  gen_op(g, SCN_MEM_WRITE, itt + ITS_ITE_BYTES * ev, lo, 8, 0);
  gen_op(g, SCN_MEM_WRITE, itt + ITS_ITE_BYTES * ev + 8, hi, 4, 0);
  if (w->cte == UINT64_MAX) {
    return;
  }
  uint64_t rd = tb_rand_below(&g->r, g->num_rd);
  if (end == CH_RD_OOR) {
    rd = gen_its_pct(g, GW_WIDEID) ? g->num_rd + tb_rand_below(&g->r, 65536 - g->num_rd)
                                   : g->num_rd + tb_rand_below(&g->r, 3);
  }
  bool cte_ok = end != CH_CTE_INV && !(end == CH_ICID_OOR && g->tab[1].n >= 65536) &&
                !(end == CH_L1_CT && !g->tab[1].indirect);
  uint64_t cte = (cte_ok ? ITS_CTE_VALID : 0) | ITS_CTE_RDBASE(rd & 0xFFFF) |
                 (tb_rand_u64(&g->r) & GEN_CTE_RSVD);
  gen_op(g, SCN_MEM_WRITE, w->cte, cte, 8, 0);
  if (end == CH_L1_CT && g->tab[1].indirect) {
    gen_its_l1_off(g, 1, w->icid);
  }
}

// The command and MSI paths that walk (dev, ev) (spec/its.md 3.2, 3.3 and section 5).
enum {
  GEN_LK_INT,
  GEN_LK_CLEAR,
  GEN_LK_INV,
  GEN_LK_MSI,
  GEN_LK_XLATE,
  GEN_LK_MOVI,
  GEN_LK_DISCARD
};

static void gen_its_walk_op(gen_t *g, unsigned k, uint64_t dev, uint64_t ev, uint64_t icid) {
  static const uint8_t ops[] = {ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV};
  if (k < 3) {
    gen_its_cmd(g, ops[k], (its_cmd_fields_t){.dev = dev, .ev = ev});
  } else if (k == GEN_LK_MSI) {
    gen_op(g, SCN_MSI, dev & 0xFFFF, ev, 0, 0);  // the port carries 16 DeviceID bits
  } else if (k == GEN_LK_XLATE) {
    gen_op(g, SCN_REG_WRITE, ITS_GITS_TRANSLATER, ev & 0xFFFFFFFFull, 4, dev & 0xFFFF);
  } else {
    gen_its_cmd(g, k == GEN_LK_MOVI ? ITS_CMD_MOVI : ITS_CMD_DISCARD,
                (its_cmd_fields_t){.dev = dev, .ev = ev, .icid = icid});
  }
}

// A planted walk that ends at the next check of a shuffled cycle through all of them
// (gen_chain_t), then every command and MSI path that walks it: INT, CLEAR, INV, an MSI on the
// port and one through GITS_TRANSLATER in a drawn order, then MOVI (to the same collection
// mostly) and DISCARD last (a DISCARD that succeeds invalidates the ITE). Each path meets each
// way a walk ends, with the tables of the phase.
static void gen_its_chain(gen_t *g) {
  gen_chain_t end = (gen_chain_t)gen_cycle(g, g->brk, &g->brk_i, CH_N);
  gen_walk_t w;
  gen_its_plant_walk(g, &w, end);
  if (w.dte == UINT64_MAX) {
    return;
  }
  uint64_t dev = w.dev;
  if (end == CH_DEV_OOR) {
    dev = g->tab[0].n + tb_rand_below(&g->r, 4);  // MSIs carry 16 bits of it
  }
  uint8_t order[5] = {GEN_LK_INT, GEN_LK_CLEAR, GEN_LK_INV, GEN_LK_MSI, GEN_LK_XLATE};
  gen_shuffle(g, order, 5);
  for (unsigned i = 0; i < 5; i++) {
    gen_its_walk_op(g, order[i], dev, w.ev, w.icid);
  }
  uint64_t to = tb_rand_pct(&g->r, 70) ? w.icid : g->icids[tb_rand_below(&g->r, GEN_ICIDS)];
  gen_its_walk_op(g, GEN_LK_MOVI, dev, w.ev, to);
  gen_its_walk_op(g, GEN_LK_DISCARD, dev, w.ev, w.icid);
  // Then the commands that check the same entries without the whole walk (spec/its.md 3.3):
  // INVALL of the ITE's collection; MAPTI and MAPI of (dev, ev) to it (the device table
  // decides, and CT.n); MAPD of the device and MAPC of the collection (mapped again).
  gen_its_cmd(g, ITS_CMD_INVALL, (its_cmd_fields_t){.icid = w.ite_icid});
  its_cmd_fields_t f = {.dev = dev, .ev = w.ev, .icid = w.ite_icid};
  f.intid = 8192 + tb_rand_below(&g->r, 512);
  gen_its_cmd(g, ITS_CMD_MAPTI, f);
  gen_its_cmd(g, ITS_CMD_MAPI, f);
  gen_its_cmd(g, ITS_CMD_MAPD,
              (its_cmd_fields_t){.dev = dev, .size = w.size, .itt = gen_its_itt(g, w.dev), .v = 1});
  gen_its_cmd(
      g, ITS_CMD_MAPC,
      (its_cmd_fields_t){.icid = w.ite_icid, .rd = tb_rand_below(&g->r, g->num_rd), .v = 1});
}

// Fault points of the cross "fault point x command" (docs/testplan.md): the command fetch, a
// level-1 entry of either table, and each table entry read or written.
typedef enum {
  XF_FETCH,
  XF_L1_DT,
  XF_L1_CT,
  XF_DTE_R,
  XF_ITE_R,
  XF_CTE_R,
  XF_DTE_W,
  XF_ITE_W,
  XF_CTE_W,
  XF_N
} gen_xf_t;

// The sources that reach each point (spec/its.md 3.2, 3.3, section 5): commands by opcode, MSIs
// as 0x100 (port) and 0x101 (GITS_TRANSLATER). MAPD and MAPC write their entry without reading
// it; MAPTI and MAPI read the DTE and write the ITE; the lookups read DTE, ITE, CTE; DISCARD and
// MOVI write the ITE; INVALL reads the CTE.
#define GEN_XF_MSI 0x100u
#define GEN_XF_XLATE 0x101u
static const uint16_t gen_xf_src[XF_N][10] = {
    [XF_FETCH] = {ITS_CMD_INT, ITS_CMD_MAPD, ITS_CMD_SYNC, 0},
    [XF_L1_DT] = {ITS_CMD_MAPD, ITS_CMD_MAPTI, ITS_CMD_MAPI, ITS_CMD_INT, ITS_CMD_CLEAR,
                  ITS_CMD_INV, ITS_CMD_DISCARD, ITS_CMD_MOVI, GEN_XF_MSI, GEN_XF_XLATE},
    [XF_L1_CT] = {ITS_CMD_MAPC, ITS_CMD_INVALL, ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV,
                  ITS_CMD_DISCARD, ITS_CMD_MOVI, GEN_XF_MSI, GEN_XF_XLATE, 0},
    [XF_DTE_R] = {ITS_CMD_MAPTI, ITS_CMD_MAPI, ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV,
                  ITS_CMD_DISCARD, ITS_CMD_MOVI, GEN_XF_MSI, GEN_XF_XLATE, 0},
    [XF_ITE_R] = {ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV, ITS_CMD_DISCARD, ITS_CMD_MOVI,
                  GEN_XF_MSI, GEN_XF_XLATE, 0},
    [XF_CTE_R] = {ITS_CMD_INVALL, ITS_CMD_INT, ITS_CMD_CLEAR, ITS_CMD_INV, ITS_CMD_DISCARD,
                  ITS_CMD_MOVI, GEN_XF_MSI, GEN_XF_XLATE, 0},
    [XF_DTE_W] = {ITS_CMD_MAPD, 0},
    [XF_ITE_W] = {ITS_CMD_MAPTI, ITS_CMD_MAPI, ITS_CMD_DISCARD, ITS_CMD_MOVI, 0},
    [XF_CTE_W] = {ITS_CMD_MAPC, 0},
};

// The beats of `bytes` bytes at `a` (8-byte aligned bounds: a level-2 page may be at an odd
// byte offset, and an ITE is 12 bytes).
static void gen_beats(uint64_t a, uint64_t bytes, uint64_t *lo, uint64_t *hi) {
  *lo = a & ~7ull;
  *hi = (a + bytes + 7) & ~7ull;
}

// A fault on one access that one command or MSI makes, both chosen jointly: a point (reads for
// `kind` read or read-write, writes for write-only) and a source that reaches it, on a walk
// planted whole first (so the source gets to that access), the range on that access alone; then
// the fault ends (the bench clears it, Retry).
static void gen_its_xfault(gen_t *g, tb_fault_kind_t kind) {
  static const uint8_t rpts[] = {XF_FETCH, XF_L1_DT, XF_L1_CT, XF_DTE_R, XF_ITE_R, XF_CTE_R};
  static const uint8_t wpts[] = {XF_DTE_W, XF_ITE_W, XF_CTE_W};
  gen_xf_t pt = kind == TB_FAULT_WRITE ? (gen_xf_t)wpts[tb_rand_below(&g->r, 3)]
                                       : (gen_xf_t)rpts[tb_rand_below(&g->r, 6)];
  if ((pt == XF_L1_DT && !g->tab[0].indirect) || (pt == XF_L1_CT && !g->tab[1].indirect)) {
    pt = pt == XF_L1_DT ? XF_DTE_R : XF_CTE_R;  // a flat table has no level-1 entries
  }
  unsigned ns = 0;
  while (ns < 10 && gen_xf_src[pt][ns] != 0) {
    ns++;
  }
  unsigned src = gen_xf_src[pt][tb_rand_below(&g->r, ns)];
  gen_walk_t w;
  gen_its_plant_walk(g, &w, CH_OK);
  if (w.dte == UINT64_MAX || w.cte == UINT64_MAX) {
    return;
  }
  uint64_t ev = w.ev;
  uint64_t itt = gen_its_itt(g, w.dev);
  if (src == ITS_CMD_MAPI || src == ITS_CMD_MAPTI) {
    // MAPI's EventID is its INTID (an LPI): a DTE of 16 EventID bits for it.
    ev = src == ITS_CMD_MAPI ? 8192 + tb_rand_below(&g->r, 64) : ev & 0xFFFF;
    gen_op(g, SCN_MEM_WRITE, w.dte, ITS_DTE_VALID | ITS_DTE_SIZE(15) | ITS_DTE_ITT_ADDR(itt >> 8),
           8, 0);
  }
  uint64_t lo = 0, hi = 0;
  switch (pt) {
    case XF_FETCH:
      gen_beats(g->qbase + g->cwriter, ITS_CMD_BYTES, &lo, &hi);
      break;
    case XF_L1_DT:
    case XF_L1_CT: {
      const gen_tab_t *t = &g->tab[pt == XF_L1_DT ? 0 : 1];
      uint64_t id = pt == XF_L1_DT ? w.dev : w.icid;
      gen_beats(t->base + 8 * (id / (t->page / 8)), 8, &lo, &hi);
      break;
    }
    case XF_DTE_R:
    case XF_DTE_W:
      gen_beats(w.dte, 8, &lo, &hi);
      break;
    case XF_CTE_R:
    case XF_CTE_W:
      gen_beats(w.cte, 8, &lo, &hi);
      break;
    default:
      gen_beats(itt + ITS_ITE_BYTES * ev, ITS_ITE_BYTES, &lo, &hi);
      break;
  }
  if (hi - lo > 8 && tb_rand_pct(&g->r, 40)) {
    // One beat of a multi-beat access (a command, an ITE, an entry at an odd level-2 address):
    // the access faults though its other beats do not (docs/interfaces.md section 2).
    lo += 8 * tb_rand_below(&g->r, (hi - lo) / 8);
    hi = lo + 8;
  }
  gen_op(g, SCN_FAULT_ADD, lo, hi, kind, 0);
  g->faulting = true;
  g->unrun = 0;
  its_cmd_fields_t f = {.dev = w.dev, .ev = ev, .icid = w.icid};
  switch (src) {
    case GEN_XF_MSI:
    case GEN_XF_XLATE:
      gen_its_walk_op(g, src == GEN_XF_MSI ? GEN_LK_MSI : GEN_LK_XLATE, w.dev, ev, w.icid);
      break;
    case ITS_CMD_MAPD:
      f.size = 4 + tb_rand_below(&g->r, 12);
      f.itt = itt;
      f.v = tb_rand_pct(&g->r, 80);
      gen_its_cmd(g, ITS_CMD_MAPD, f);
      break;
    case ITS_CMD_MAPC:
      f.rd = tb_rand_below(&g->r, g->num_rd);
      f.v = tb_rand_pct(&g->r, 80);
      gen_its_cmd(g, ITS_CMD_MAPC, f);
      break;
    case ITS_CMD_MAPTI:
      f.intid = 8192 + tb_rand_below(&g->r, 512);
      gen_its_cmd(g, ITS_CMD_MAPTI, f);
      break;
    default:
      gen_its_cmd(g, (uint8_t)src, f);  // MAPI, the lookups, INVALL, SYNC
      break;
  }
  gen_its_fault_end(g);
}

static void gen_its_one(gen_t *g) {
  if (g->w[GW_PHASE] != 0 && --g->phase_left == 0) {
    g->phase_left = g->w[GW_PHASE];
    gen_its_phase(g);
  }
  if (g->faulting && g->fault_left > 0) {
    // A held fault ends after its draws, or before the commands queued behind a stall could
    // fill the queue (a full queue that does not run is an error of the scenario).
    if (--g->fault_left == 0 || g->unrun + 16 >= g->qsize / ITS_CMD_BYTES) {
      gen_its_fault_end(g);
    }
  }
  uint64_t dev = gen_its_id(g, GEN_DEVS, 0);
  uint64_t ev = gen_its_ev(g);
  unsigned kind = gen_its_pick(g, 0, GW_N_OPS);
  switch (kind) {
    case GW_MSI:
      gen_op(g, SCN_MSI, dev & 0xFFFF, ev, 0, 0);  // the MSI port carries 16 DeviceID bits
      if (gen_its_pct(g, GW_MSIBURST)) {
        // MSIs back to back, to pool devices: the translation slots, the MSI FIFO behind them and
        // the outstanding memory requests fill up.
        for (unsigned i = 3 + (unsigned)tb_rand_below(&g->r, 10); i > 0; i--) {
          gen_op(g, SCN_MSI, g->devs[tb_rand_below(&g->r, GEN_DEVS)], gen_its_ev(g), 0, 0);
        }
      }
      break;
    case GW_TRANSLATER: {
      // GITS_TRANSLATER: 16- or 32-bit writes with the side-band DeviceID.
      unsigned size = tb_rand_pct(&g->r, 30) ? 2 : 4;
      gen_op(g, SCN_REG_WRITE, ITS_GITS_TRANSLATER, size == 2 ? ev & 0xFFFF : ev, size,
             dev & 0xFFFF);
      break;
    }
    case GW_REGREAD: {
      static const uint32_t regs[] = {ITS_GITS_CTLR,
                                      ITS_GITS_CREADR,
                                      ITS_GITS_CWRITER,
                                      ITS_GITS_CBASER,
                                      ITS_GITS_BASER(0),
                                      ITS_GITS_BASER(1),
                                      ITS_GITS_TYPER,
                                      ITS_GITS_PIDR2,
                                      0x0010,
                                      ITS_GITS_BASER(2),
                                      0xFFF0,
                                      ITS_GITS_TRANSLATER,
                                      0x10000,
                                      ITS_GITS_BASER(7)};
      gen_op(g, SCN_REG_READ, regs[tb_rand_below(&g->r, 14)], 0, 0, 0);
      break;
    }
    case GW_REGWRITE:
      gen_its_regwrite(g, dev);
      break;
    case GW_FAULT:
    case GW_WFAULT:
    case GW_RFAULT:
      if (g->faulting) {
        gen_its_fault_end(g);
      } else if (gen_its_pct(g, GW_XFAULT)) {
        gen_its_xfault(g, kind == GW_FAULT    ? TB_FAULT_RW
                          : kind == GW_WFAULT ? TB_FAULT_WRITE
                                              : TB_FAULT_READ);
      } else {
        gen_its_fault(g, kind == GW_FAULT    ? TB_FAULT_RW
                         : kind == GW_WFAULT ? TB_FAULT_WRITE
                                             : TB_FAULT_READ);
      }
      break;
    case GW_TOGGLE: {
      // Disable (at once, or after the queue drained), an MSI that is dropped and a command that
      // must wait, then enable again. The command only after a wait: disabled with a queue that
      // is still full, it would not fit (a full queue that does not run is a scenario error).
      bool drained = tb_rand_pct(&g->r, 50);
      if (drained) {
        gen_its_wait(g);
      }
      gen_its_ctlr(g, false);
      gen_its_msi(g);
      if (drained) {
        gen_its_cmd(g, ITS_CMD_SYNC, (its_cmd_fields_t){0});
      }
      gen_its_ctlr(g, true);
      break;
    }
    case GW_CWRITER_OOR:
      // A CWRITER beyond the queue stops processing until a valid offset is written.
      gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->qsize + ITS_CMD_BYTES * tb_rand_below(&g->r, 8),
             8, 0);
      gen_its_wait(g);
      gen_op(g, SCN_REG_WRITE, ITS_GITS_CWRITER, g->cwriter, 8, 0);
      break;
    case GW_PLANT:
      // For pool IDs (the ones commands map) and a 16-bit EventID (its ITE stays in the ITTs).
      gen_its_plant(g, g->devs[tb_rand_below(&g->r, GEN_DEVS)], ev & 0xFFFF,
                    g->icids[tb_rand_below(&g->r, GEN_ICIDS)]);
      break;
    case GW_CHAIN:
      gen_its_chain(g);
      break;
    case GW_WAIT:
      gen_its_wait(g);
      break;
    case GW_BATCH: {
      // Several commands posted by one CWRITER write (docs/scenarios.md "Posting").
      unsigned n = 2 + (unsigned)tb_rand_below(&g->r, 7);
      g->nopost = true;
      for (unsigned i = 0; i < n; i++) {
        g->nopost = i + 1 < n;
        gen_its_cmd_draw(g, gen_its_pick(g, GW_MAPD, GW_BADCMD + 1));
      }
      g->nopost = false;
      break;
    }
    case GW_REPROGRAM:
      gen_its_reprogram(g, NULL);
      break;
    case GW_RESET:
      if (g->faulting) {
        gen_its_fault_end(g);
      }
      gen_its_reset(g);
      break;
    default:
      gen_its_cmd_draw(g, kind);
      break;
  }
}

// ---- stimer ----

#define GEN_SIM 0x100000ull  // + vp * 0x1000: each VP's home SIM page
#define GEN_ST_ANCHORS 8u    // recent deadlines the time steps may land on
#define GEN_ST_FAULTS 4u     // fault ranges active at once (TB_MEM_MAX_FAULTS is the bench's cap)
#define GEN_PICK_TAB_MAX 65536u  // weight sums up to this pick a kind through a table (gen_st_t)

// The kinds of operation gen_st_one draws, one weight each (`--gen-weights stimer.NAME=W`; the
// defaults, and what each kind makes, in docs/testplan.md "Random stimulus weights").
enum {
  GEN_ST_TIME,
  GEN_ST_ARM,
  GEN_ST_TIE,
  GEN_ST_STOP,
  GEN_ST_ACK,
  GEN_ST_EOI,
  GEN_ST_EOM,
  GEN_ST_SINT,
  GEN_ST_SIMP,
  GEN_ST_SCONTROL,
  GEN_ST_SIEFP,
  GEN_ST_FAULT,
  GEN_ST_WFAULT,
  GEN_ST_RFAULT,
  GEN_ST_GP,
  GEN_ST_READ,
  GEN_ST_BLAST,
  GEN_ST_WAIT,
  GEN_ST_RESET,
  GEN_ST_EPISODE,
  GEN_ST_HUGE,
  GEN_ST_NW
};

static const gen_wdef_t gen_st_wdefs[GEN_ST_NW] = {
    [GEN_ST_TIME] = {"stimer.time", 220, false},
    [GEN_ST_ARM] = {"stimer.arm", 170, false},
    [GEN_ST_TIE] = {"stimer.tie", 30, true},
    [GEN_ST_STOP] = {"stimer.stop", 30, true},
    [GEN_ST_ACK] = {"stimer.ack", 130, true},
    [GEN_ST_EOI] = {"stimer.eoi", 50, true},
    [GEN_ST_EOM] = {"stimer.eom", 30, true},
    [GEN_ST_SINT] = {"stimer.sint", 40, true},
    [GEN_ST_SIMP] = {"stimer.simp", 25, true},
    [GEN_ST_SCONTROL] = {"stimer.scontrol", 20, true},
    [GEN_ST_SIEFP] = {"stimer.siefp", 10, true},
    [GEN_ST_FAULT] = {"stimer.fault", 25, true},
    [GEN_ST_WFAULT] = {"stimer.wfault", 80, true},
    [GEN_ST_RFAULT] = {"stimer.rfault", 16, true},
    [GEN_ST_GP] = {"stimer.gp", 35, true},
    [GEN_ST_READ] = {"stimer.read", 80, true},
    [GEN_ST_BLAST] = {"stimer.blast", 20, true},
    [GEN_ST_WAIT] = {"stimer.wait", 30, true},
    [GEN_ST_RESET] = {"stimer.reset", 3, true},
    [GEN_ST_EPISODE] = {"stimer.episode", 40, false},  // gen_st_episode
    [GEN_ST_HUGE] = {"stimer.huge", 6, true},          // gen_st_huge
};

typedef struct {
  uint64_t base, period;  // a one-shot deadline (period 0), or a periodic grid base + k * period
} gen_st_anchor_t;

typedef struct {
  uint64_t now;
  unsigned num_vp;
  unsigned vp_w;  // VpW: the VP bits of an MSR address
  bool feat_direct;
  uint64_t left;  // draws still to make (gen_stream_get)
  // The drawn configuration (gen_st_setup; recorded in `desc`).
  unsigned w[GEN_ST_NW];
  uint64_t w_total;          // their sum (they never change after gen_st_setup)
  uint8_t *pick;             // pick[x]: the kind gen_pick_total gives for draw x (NULL: too many)
  unsigned tscale;           // time and period sizes: 0 small, 1 medium, 2 large, 3 any per draw
  unsigned vp_hot;           // most operations go to VPs below this
  unsigned sint_hot;         // most timers use SINTs below this
  unsigned vec_base, vec_n;  // SINT and EOI vectors: vec_base + below(vec_n) (few: shared)
  // Tracked stimulus state: the COUNT written to each timer and whether its CONFIG is periodic,
  // so `now + period < 2^64` holds (spec/stimer.md section 3: tests keep it); pmax is the
  // largest period stored, and the time never goes beyond UINT64_MAX - pmax.
  uint64_t cnt[STIMER_MAX_VP][STIMER_NUM_TIMERS];
  uint8_t per[STIMER_MAX_VP][STIMER_NUM_TIMERS];
  uint8_t sx[STIMER_MAX_VP][STIMER_NUM_TIMERS];  // the SINTx each timer was last armed with
  uint64_t pmax;
  uint64_t simp[STIMER_MAX_VP];  // the last SIMP value written
  gen_st_anchor_t anchor[GEN_ST_ANCHORS];
  unsigned n_anchor, next_anchor;
  unsigned faults;      // fault ranges active
  unsigned fault_left;  // draws until they are cleared
  char desc[768];
} gen_st_t;

static void gen_msr(gen_t *g, uint64_t vp, uint32_t msr, uint64_t value) {
  gen_op(g, SCN_MSR_WRITE, vp, msr, value, 2);  // 2: the #GP outcome is not asserted
}

// A write of `size` bytes (docs/scenarios.md `size=`: 4 is always a #GP, IMPDEF-ST-1).
static void gen_msr_sized(gen_t *g, uint64_t vp, uint32_t msr, uint64_t value, unsigned size) {
  scn_op_t op;
  memset(&op, 0, sizeof(op));
  op.kind = SCN_MSR_WRITE;
  op.a[0] = vp;
  op.a[1] = msr;
  op.a[2] = size == 4 ? value & 0xFFFFFFFFull : value;
  op.a[3] = 2;
  op.a[5] = size;
  op.has = 1u << 5;
  gen_push(g, &op);
}

// A value in [lo, hi] (lo <= hi), the whole 64-bit range included.
static uint64_t gen_range(gen_t *g, uint64_t lo, uint64_t hi) {
  uint64_t span = hi - lo;
  return span == UINT64_MAX ? tb_rand_u64(&g->r) : lo + tb_rand_below(&g->r, span + 1);
}

// a + b, at most lim.
static uint64_t gen_add_cap(uint64_t a, uint64_t b, uint64_t lim) {
  return (a > lim || b > lim - a) ? lim : a + b;
}

// A number about 2^bits: the bit and random bits below it.
static uint64_t gen_pow(gen_t *g, unsigned bits) {
  return bits >= 64 ? tb_rand_u64(&g->r) : (1ull << bits) | tb_rand_below(&g->r, 1ull << bits);
}

// The largest time the generator may drive.
static uint64_t gen_st_tmax(const gen_st_t *t) {
  return UINT64_MAX - t->pmax;
}

static uint64_t gen_st_vp(gen_t *g, const gen_st_t *t) {
  unsigned p = gen_pct(g);
  if (p < 70) {
    return tb_rand_below(&g->r, t->vp_hot);
  }
  if (p < 78) {
    return t->num_vp - 1;  // the highest VP: the top bits of the VP fields
  }
  return tb_rand_below(&g->r, t->num_vp);
}

static unsigned gen_st_sint(gen_t *g, const gen_st_t *t) {
  return (unsigned)(tb_rand_pct(&g->r, 80) ? tb_rand_below(&g->r, t->sint_hot)
                                           : tb_rand_below(&g->r, STIMER_NUM_SINTS));
}

static uint64_t gen_st_vector(gen_t *g, const gen_st_t *t) {
  return t->vec_base + tb_rand_below(&g->r, t->vec_n);
}

// The scale of one time step or period: the seed's, or a fresh one per draw (tscale 3).
static unsigned gen_st_scale(gen_t *g, const gen_st_t *t) {
  return t->tscale < 3 ? t->tscale : (unsigned)tb_rand_below(&g->r, 4);
}

// A time step of scale `sc`: 0 under 64, 1 under 5000, 2 up to 2^32, 3 up to 2^63.
static uint64_t gen_st_delta(gen_t *g, unsigned sc) {
  switch (sc) {
    case 0:
      return tb_rand_below(&g->r, 64);
    case 1:
      return tb_rand_below(&g->r, 5000);
    case 2:
      return gen_pow(g, 12 + (unsigned)tb_rand_below(&g->r, 21));
    default:
      return gen_pow(g, 32 + (unsigned)tb_rand_below(&g->r, 32));
  }
}

static void gen_st_anchor(gen_st_t *t, uint64_t base, uint64_t period) {
  t->anchor[t->next_anchor] = (gen_st_anchor_t){base, period};
  t->next_anchor = (t->next_anchor + 1) % GEN_ST_ANCHORS;
  if (t->n_anchor < GEN_ST_ANCHORS) {
    t->n_anchor++;
  }
}

// Records COUNT `c` of timer `n` of `vp` with its mode (pmax follows the periodic ones).
static void gen_st_track(gen_st_t *t, uint64_t vp, unsigned n, uint64_t c, bool periodic) {
  if (vp >= t->num_vp) {
    return;
  }
  bool was_max = t->per[vp][n] && t->cnt[vp][n] == t->pmax;
  t->cnt[vp][n] = c;
  t->per[vp][n] = periodic;
  if (periodic && c > t->pmax) {
    t->pmax = c;
  } else if (was_max && (!periodic || c < t->pmax)) {
    t->pmax = 0;  // the largest period went: find the next one
    for (unsigned v = 0; v < t->num_vp; v++) {
      for (unsigned k = 0; k < STIMER_NUM_TIMERS; k++) {
        if (t->per[v][k] && t->cnt[v][k] > t->pmax) {
          t->pmax = t->cnt[v][k];
        }
      }
    }
  }
}

// A periodic COUNT (the period) that keeps now + period < 2^64 for the rest of the run.
static uint64_t gen_st_period(gen_t *g, gen_st_t *t) {
  uint64_t room = UINT64_MAX - t->now;  // the period may take at most this
  unsigned p = gen_pct(g);
  uint64_t c;
  if (p < 5) {
    c = 0;  // stops the timer (spec section 3)
  } else if (p < 9) {
    c = 1 + tb_rand_below(&g->r, 2);  // due at every step
  } else {
    switch (gen_st_scale(g, t)) {
      case 0:
        c = 1 + tb_rand_below(&g->r, 64);
        break;
      case 1:
        c = 50 + tb_rand_below(&g->r, 4000);
        break;
      case 2:
        c = gen_pow(g, 12 + (unsigned)tb_rand_below(&g->r, 21));
        break;
      default:
        c = gen_pow(g, 32 + (unsigned)tb_rand_below(&g->r, 31));
        break;
    }
    if (tb_rand_pct(&g->r, 30)) {
      c |= 1;  // odd periods: the remainder path of the modulo
    }
  }
  if (c > room / 2 && c != 0) {
    c = room / 2 == 0 ? 0 : 1 + tb_rand_below(&g->r, room / 2);  // keep room for time to pass
  }
  return c;
}

// A one-shot COUNT (an absolute deadline): any value, of the shapes of spec section 3.
static uint64_t gen_st_deadline(gen_t *g, gen_st_t *t) {
  unsigned p = gen_pct(g);
  uint64_t now = t->now;
  if (p < 5) {
    return 0;  // disables the timer
  }
  if (p < 13) {
    return now;  // due at once: now >= COUNT
  }
  if (p < 22) {
    return now - tb_rand_below(&g->r, (now < 1000 ? now : 1000) + 1);  // just past
  }
  if (p < 26) {
    return now == 0 ? 1 : 1 + tb_rand_below(&g->r, now);  // long past
  }
  if (p < 28) {
    return 1;
  }
  if (p < 38 && t->n_anchor > 0) {
    const gen_st_anchor_t *a = &t->anchor[tb_rand_below(&g->r, t->n_anchor)];
    if (a->period == 0) {
      return a->base;  // another timer's deadline: due in the same pass
    }
    return gen_add_cap(a->base, a->period, UINT64_MAX);
  }
  if (p < 42) {
    return UINT64_MAX - tb_rand_below(&g->r, 1ull << 20);  // never due
  }
  return gen_add_cap(now, 1 + gen_st_delta(g, gen_st_scale(g, t)), UINT64_MAX);
}

// A SINT value: a vector of the pool (or any), the mode bits of spec section 2, and now and
// then junk in the preserved bits.
static uint64_t gen_st_sint_value(gen_t *g, const gen_st_t *t) {
  uint64_t v = tb_rand_pct(&g->r, 85) ? gen_st_vector(g, t) : 16 + tb_rand_below(&g->r, 240);
  unsigned q = gen_pct(g);
  if (q < 15) {
    v |= STIMER_SINT_MASKED;
  } else if (q < 25) {
    v |= STIMER_SINT_POLLING;
  } else if (q < 45) {
    v |= STIMER_SINT_AUTO_EOI;
  } else if (q < 50) {
    v |= STIMER_SINT_AUTO_EOI | STIMER_SINT_POLLING;
  } else if (q < 53) {
    v |= STIMER_SINT_MASKED | STIMER_SINT_AUTO_EOI;
  } else if (q < 58) {
    v = tb_rand_below(&g->r, 16) | STIMER_SINT_MASKED;  // a low vector, masked: accepted
  }
  if (tb_rand_pct(&g->r, 8)) {
    // Preserved bits: 15:8 and 63:19.
    v |= tb_rand_u64(&g->r) & ~(0xFFull | STIMER_SINT_MASKED | STIMER_SINT_AUTO_EOI |
                                STIMER_SINT_POLLING | 0x7ull << 16);
  }
  return v;
}

// A SIM page for `vp`: its own most of the time, else another VP's (a shared page) or one of a
// few far addresses (the high address bits). A small pool: memory stays bounded.
static uint64_t gen_st_page(gen_t *g, const gen_st_t *t, uint64_t vp) {
  static const uint64_t far[] = {0x7FFFF000ull, 0xFFFFFF000ull, 0x8000000000000000ull,
                                 0xFFFFFFFFFFFFF000ull};
  unsigned p = gen_pct(g);
  if (p < 65) {
    return GEN_SIM + vp * 0x1000;
  }
  if (p < 80) {
    return GEN_SIM + tb_rand_below(&g->r, t->num_vp) * 0x1000;
  }
  return far[tb_rand_below(&g->r, 4)];
}

static void gen_st_simp(gen_t *g, gen_st_t *t, uint64_t vp, uint64_t value) {
  gen_msr(g, vp, STIMER_MSR_SIMP, value);
  if (vp < t->num_vp) {
    t->simp[vp] = value;
  }
}

// One VP to working order: SynIC on, its SIM page, all 16 SINTs.
static void gen_st_setup_vp(gen_t *g, gen_st_t *t, uint64_t vp) {
  uint64_t junk = tb_rand_pct(&g->r, 10) ? tb_rand_u64(&g->r) & ~1ull : 0;  // 63:1 preserved
  gen_msr(g, vp, STIMER_MSR_SCONTROL, 1 | junk);
  gen_st_simp(g, t, vp, (GEN_SIM + vp * 0x1000) | 1);
  for (unsigned s = 0; s < STIMER_NUM_SINTS; s++) {
    gen_msr(g, vp, STIMER_MSR_SINT(s), gen_st_sint_value(g, t));
  }
}

// Draws the configuration of the run (bench settings, time and value shapes, the VPs, SINTs
// and vectors used, the weights: defaults scaled per seed, those given kept as given), records
// it in t->desc, and sets every VP up.
static void gen_st_setup(gen_t *g, gen_st_t *t, const unsigned *given_w, const bool *given) {
  scn_config_t *c = &g->s->cfg;
  c->mem_latency = tb_rand_pct(&g->r, 10) ? 1 + (unsigned)tb_rand_below(&g->r, 16)
                                          : 1 + (unsigned)tb_rand_below(&g->r, 5);
  c->mem_stall = tb_rand_pct(&g->r, 15) ? 0 : (unsigned)tb_rand_below(&g->r, 60);
  c->rsp_stall = tb_rand_pct(&g->r, 15) ? 0 : (unsigned)tb_rand_below(&g->r, 50);
  t->vp_w = 1;
  while ((1u << t->vp_w) < t->num_vp) {
    t->vp_w++;
  }
  unsigned start = gen_pct(g);
  if (start < 50) {
    t->now = 1000;
  } else if (start < 70) {
    t->now = tb_rand_u64(&g->r) >> 32;
  } else if (start < 85) {
    t->now = gen_pow(g, 40 + (unsigned)tb_rand_below(&g->r, 23));
  } else {
    t->now = UINT64_MAX - gen_pow(g, 24 + (unsigned)tb_rand_below(&g->r, 24));  // near the wrap
  }
  unsigned sc = gen_pct(g);
  t->tscale = sc < 20 ? 0 : sc < 55 ? 1 : sc < 70 ? 2 : 3;
  t->vp_hot = 1 + (unsigned)tb_rand_below(&g->r, t->num_vp < 8 ? t->num_vp : 8);
  if (tb_rand_pct(&g->r, 30)) {
    t->vp_hot = t->num_vp;
  }
  t->sint_hot = tb_rand_pct(&g->r, 30) ? 16 : 1 + (unsigned)tb_rand_below(&g->r, 6);
  if (tb_rand_pct(&g->r, 25)) {
    t->vec_base = 16;
    t->vec_n = 240;  // any vector: sharing is rare
  } else {
    t->vec_base = 0x20 + (unsigned)tb_rand_below(&g->r, 0xC0);
    t->vec_n = 1 + (unsigned)tb_rand_below(&g->r, 8);  // few vectors: shared by several SINTs
  }
  static const unsigned scale[] = {25, 50, 100, 100, 200, 400};  // percent
  for (unsigned i = 0; i < GEN_ST_NW; i++) {
    unsigned f = scale[tb_rand_below(&g->r, 6)];
    if (gen_st_wdefs[i].may_drop && tb_rand_pct(&g->r, 12)) {
      f = 0;  // some seeds never make this kind (no acknowledges: slots stay busy)
    }
    t->w[i] = given[i] ? given_w[i] : gen_st_wdefs[i].def * f / 100;
  }
  t->w_total = gen_wsum(t->w, GEN_ST_NW);
  t->pick = NULL;
  if (t->w_total <= GEN_PICK_TAB_MAX) {
    // The kind of every value of the draw, as gen_pick_total's search finds it: one load.
    t->pick = malloc(t->w_total + 1);
    if (t->pick == NULL) {
      fprintf(stderr, "gen: out of memory\n");
      exit(3);
    }
    uint64_t x = 0;
    for (unsigned i = 0; i < GEN_ST_NW; i++) {
      memset(t->pick + x, (int)i, t->w[i]);
      x += t->w[i];
    }
  }
  int n = snprintf(t->desc, sizeof(t->desc),
                   "start=0x%" PRIx64 " tscale=%u vp_hot=%u sint_hot=%u vectors=0x%x+%u weights=",
                   t->now, t->tscale, t->vp_hot, t->sint_hot, t->vec_base, t->vec_n);
  for (unsigned i = 0; i < GEN_ST_NW && n > 0 && (size_t)n < sizeof(t->desc); i++) {
    n += snprintf(t->desc + n, sizeof(t->desc) - (size_t)n, "%s%s=%u", i ? "," : "",
                  gen_st_wdefs[i].name + 7, t->w[i]);
  }
  gen_op(g, SCN_TIME, t->now, 0, 0, 0);
  for (uint64_t vp = 0; vp < t->num_vp; vp++) {
    gen_st_setup_vp(g, t, vp);
  }
}

// Arms timer `n` of `vp` (spec section 3): a mode, a SINT or direct mode, COUNT of the mode's
// shape, in one of the two driver orders (or CONFIG alone, restarting with the stored COUNT).
// Arms timer n of `vp` on SINT `sx` (below 0: one drawn); `autoen` 0 or 1 sets AutoEnable
// (below 0: drawn); `msg` keeps it a message-mode timer on that SINT (no direct mode, no SINTx 0
// rule, no RsvdZ bits).
static void gen_st_arm_opt(gen_t *g, gen_st_t *t, uint64_t vp, unsigned n, bool periodic,
                           uint64_t count, int sx, int autoen_sel, bool msg) {
  bool autoen = tb_rand_pct(&g->r, 30);
  bool direct = tb_rand_pct(&g->r, 8) && !msg;
  if (autoen_sel >= 0) {
    autoen = autoen_sel != 0;
  }
  uint64_t sint = sx >= 0 ? (uint64_t)sx : gen_st_sint(g, t);
  uint64_t cfg = STIMER_CFG_ENABLE | (periodic ? STIMER_CFG_PERIODIC : 0) |
                 (autoen ? STIMER_CFG_AUTO_ENABLE : 0) | STIMER_CFG_SINTX(sint) |
                 (tb_rand_pct(&g->r, 10) ? STIMER_CFG_LAZY : 0);
  if (direct) {
    uint64_t vec = tb_rand_pct(&g->r, 80) ? gen_st_vector(g, t) : tb_rand_below(&g->r, 256);
    cfg |= STIMER_CFG_DIRECT | STIMER_CFG_APIC_VECTOR(vec);
  }
  if (!msg && tb_rand_pct(&g->r, 5)) {
    cfg &= ~STIMER_CFG_SINTX(15);  // SINTx = 0 (the enabled-timer rule)
  }
  if (!msg && tb_rand_pct(&g->r, 4)) {
    cfg |= tb_rand_u64(&g->r) & 0xFFFFFFFFFFF0E000ull;  // RsvdZ bits: stored as written
  }
  bool old_per = vp < t->num_vp && t->per[vp][n];
  if (direct && !t->feat_direct) {
    // The CONFIG write is a #GP (spec section 3 step 1): the timer keeps its old mode, so COUNT
    // must suit it.
    periodic = old_per;
    if (periodic) {
      count = gen_st_period(g, t);
    }
  }
  if (autoen && tb_rand_pct(&g->r, 70)) {
    gen_msr(g, vp, STIMER_MSR_CONFIG(n), cfg & ~(uint64_t)STIMER_CFG_ENABLE);
    gen_msr(g, vp, STIMER_MSR_COUNT(n), count);
  } else if (old_per && !periodic) {
    // CONFIG first: COUNT is never a period it cannot be (the old periodic mode).
    gen_msr(g, vp, STIMER_MSR_CONFIG(n), cfg);
    gen_msr(g, vp, STIMER_MSR_COUNT(n), count);
  } else {
    gen_msr(g, vp, STIMER_MSR_COUNT(n), count);
    gen_msr(g, vp, STIMER_MSR_CONFIG(n), cfg);
  }
  gen_st_track(t, vp, n, count, periodic);
  if (vp < t->num_vp) {
    t->sx[vp][n] = (uint8_t)((cfg >> 16) & 0xF);
  }
  if (count != 0) {
    gen_st_anchor(t, periodic ? t->now : count, periodic ? count : 0);
  }
}

static void gen_st_arm_sx(gen_t *g, gen_st_t *t, uint64_t vp, unsigned n, bool periodic,
                          uint64_t count, int sx) {
  gen_st_arm_opt(g, t, vp, n, periodic, count, sx, -1, false);
}

static void gen_st_arm(gen_t *g, gen_st_t *t, uint64_t vp, unsigned n, bool periodic,
                       uint64_t count) {
  gen_st_arm_sx(g, t, vp, n, periodic, count, -1);
}

// The next time: small, medium or huge steps, exactly onto a deadline or a periodic grid point
// (re-arm with remainder 0), many periods at once (the modulo's catch-up), the same time again,
// and near the end of a run up to the 64-bit limit the periods allow.
static void gen_st_time(gen_t *g, gen_st_t *t) {
  uint64_t tmax = gen_st_tmax(t);
  uint64_t now = t->now;
  uint64_t to;
  unsigned p = gen_pct(g);
  if (now >= tmax) {
    to = now;
  } else if (p < 8) {
    to = now;
  } else if (p < 30 && t->n_anchor > 0) {
    const gen_st_anchor_t *a = &t->anchor[tb_rand_below(&g->r, t->n_anchor)];
    if (a->period == 0 || a->base > now) {
      to = a->base;
    } else {
      uint64_t k = (now - a->base) / a->period + 1;  // the next grid point
      if (tb_rand_pct(&g->r, 40)) {
        k += tb_rand_below(&g->r, 1ull << (1 + tb_rand_below(&g->r, 40)));  // many periods
      }
      to = k > (tmax - a->base) / a->period ? tmax : a->base + k * a->period;
    }
    if (to < now) {
      to = now;
    }
    unsigned q = gen_pct(g);
    if (q < 15) {
      to = gen_add_cap(to, 1, tmax);
    } else if (q < 25 && to > now) {
      to--;
    }
  } else if (p < 36) {
    to = gen_add_cap(now, gen_pow(g, (unsigned)tb_rand_below(&g->r, 64)), tmax);  // any size
  } else if (p < 37 && t->left < 100) {
    to = tmax - tb_rand_below(&g->r, tmax - now < 16 ? tmax - now + 1 : 16);  // the limit
  } else {
    to = gen_add_cap(now, gen_st_delta(g, gen_st_scale(g, t)), tmax);
  }
  if (to > tmax) {
    to = tmax;
  }
  t->now = to;
  gen_op(g, SCN_TIME, t->now, 0, 0, 0);
}

// Several timers due at the same time: on different VPs (one pass serves them all) and on one
// VP (ties by index, spec section 4), one-shots at the same deadline or periods that end there.
static void gen_st_tie(gen_t *g, gen_st_t *t) {
  uint64_t room = gen_st_tmax(t) - t->now;
  uint64_t d = tb_rand_pct(&g->r, 15) ? 0 : gen_st_delta(g, tb_rand_pct(&g->r, 70) ? 0 : 1);
  if (d > room / 2) {
    d = room / 2;
  }
  uint64_t dl = t->now + d;
  unsigned n = 2 + (unsigned)tb_rand_below(&g->r, 7);
  uint64_t v0 = tb_rand_below(&g->r, t->num_vp);
  bool same_vp = tb_rand_pct(&g->r, 30);
  for (unsigned i = 0; i < n; i++) {
    uint64_t vp = same_vp ? v0 : (v0 + i) % t->num_vp;
    unsigned timer = same_vp ? i % STIMER_NUM_TIMERS : (unsigned)tb_rand_below(&g->r, 4);
    bool periodic = d > 0 && tb_rand_pct(&g->r, 40);
    gen_st_arm(g, t, vp, timer, periodic, periodic ? d : dl);
  }
  if (tb_rand_pct(&g->r, 60) && dl > t->now) {
    // The periods just stored lowered the time limit.
    t->now =
        tb_rand_pct(&g->r, 70) ? dl : gen_add_cap(dl, tb_rand_below(&g->r, 50), gen_st_tmax(t));
    gen_op(g, SCN_TIME, t->now, 0, 0, 0);
  }
}

// Stops or restarts a timer: CONFIG 0 (shutdown), COUNT 0, CONFIG rewritten with the stored
// COUNT (a restart at now), COUNT rewritten (spec section 3).
static void gen_st_stop(gen_t *g, gen_st_t *t, uint64_t vp, unsigned n) {
  unsigned p = gen_pct(g);
  bool per = t->per[vp][n];
  if (p < 30) {
    gen_msr(g, vp, STIMER_MSR_CONFIG(n), 0);
    gen_st_track(t, vp, n, t->cnt[vp][n], false);
  } else if (p < 55) {
    gen_msr(g, vp, STIMER_MSR_COUNT(n), 0);
    gen_st_track(t, vp, n, 0, per);
  } else if (p < 80) {
    uint64_t cfg = STIMER_CFG_ENABLE | (per ? STIMER_CFG_PERIODIC : 0) |
                   STIMER_CFG_SINTX(gen_st_sint(g, t)) |
                   (tb_rand_pct(&g->r, 30) ? STIMER_CFG_AUTO_ENABLE : 0);
    gen_msr(g, vp, STIMER_MSR_CONFIG(n), cfg);
  } else {
    uint64_t c = per ? gen_st_period(g, t) : gen_st_deadline(g, t);
    gen_msr(g, vp, STIMER_MSR_COUNT(n), c);
    gen_st_track(t, vp, n, c, per);
  }
}

// A memory fault on a SIM page (IMPDEF-ST-2), faulting reads and writes, writes only or reads
// only (`kind`): the whole page, one slot's message beats only (the busy-check read passes, the
// message write faults), the header doubleword, one beat; for one time step, or left for a few
// draws and then cleared. A write-only range goes to one write class: a slot's header doubleword
// (the one-shot busy-flag write and the message_type beat, the busy-check read of the same
// doubleword passing), a slot's payload beats, or the whole page, then re-enabled (page zeroing);
// a read-only range to a slot's header (the busy-check read) or the whole page.
static void gen_st_fault(gen_t *g, gen_st_t *t, uint64_t vp, tb_fault_kind_t kind) {
  uint64_t page = t->simp[vp] & ~0xFFFull;
  unsigned sx = gen_st_sint(g, t);
  if (kind != TB_FAULT_RW && vp < t->num_vp && tb_rand_pct(&g->r, 60)) {
    // The slot of a timer of that VP, one with a COUNT if there is one.
    unsigned n = (unsigned)tb_rand_below(&g->r, STIMER_NUM_TIMERS);
    for (unsigned k = 0; k < STIMER_NUM_TIMERS && t->cnt[vp][n] == 0; k++) {
      n = (n + 1) % STIMER_NUM_TIMERS;
    }
    sx = t->sx[vp][n];
  }
  uint64_t slot = page + STIMER_SLOT_BYTES * sx;
  uint64_t lo, hi;
  unsigned p = gen_pct(g);
  if (kind != TB_FAULT_RW) {
    // write: 0-49 header, 50-79 payload, 80-99 page + SIMP enable; read: 0-69 header, else page.
    p = kind == TB_FAULT_WRITE ? (p < 50 ? 70 : p < 80 ? 40 : 0) : (p < 70 ? 70 : 0);
  }
  if (p < 35) {
    lo = page;
    hi = page + 0x1000;
  } else if (p < 65) {
    lo = slot + 8;
    hi = slot + 8 * (2 + tb_rand_below(&g->r, 4));
  } else if (p < 85) {
    lo = slot;
    hi = slot + 8;
  } else {
    lo = page + 8 * tb_rand_below(&g->r, 512);
    hi = lo + 8;
  }
  gen_op(g, SCN_FAULT_ADD, lo, hi, kind, 0);
  t->faults++;
  if (kind == TB_FAULT_WRITE && lo == page && hi == page + 0x1000) {
    gen_st_simp(g, t, vp, t->simp[vp] | 1);  // the zeroing beats fault and are ignored
  }
  // A write-only or read-only range stays more often. Half the time the guest frees the slot
  // first (slots are mostly busy, and a periodic timer writes nothing to a busy one), and half
  // the time a time step and an EOM follow at once: the attempt that fails on the range, then
  // its retry (spec section 5) meets it too.
  if (kind != TB_FAULT_RW && tb_rand_pct(&g->r, 50)) {
    gen_op(g, SCN_GUEST_ACK, vp, sx, 0, 0);
  }
  if (kind != TB_FAULT_RW && vp < t->num_vp && tb_rand_pct(&g->r, 50)) {
    // A timer of that slot, so an attempt meets the range while it stays.
    // Periodic more often (one whose slot is busy gives up without writing, so fewer of its
    // attempts meet a write fault); half the time the time goes to its first expiry at once
    // (within the time limit).
    bool periodic = tb_rand_pct(&g->r, 65);
    uint64_t count = periodic ? gen_st_period(g, t) : gen_st_deadline(g, t);
    gen_st_arm_sx(g, t, vp, (unsigned)tb_rand_below(&g->r, STIMER_NUM_TIMERS), periodic, count,
                  (int)sx);
    uint64_t due = periodic ? gen_add_cap(t->now, count, UINT64_MAX) : count;
    if (count != 0 && due > t->now && due <= gen_st_tmax(t) && tb_rand_pct(&g->r, 50)) {
      t->now = due;
      gen_op(g, SCN_TIME, t->now, 0, 0, 0);
    }
  }
  if (kind != TB_FAULT_RW && tb_rand_pct(&g->r, 50)) {
    gen_st_time(g, t);
    gen_msr(g, vp, STIMER_MSR_EOM, 0);
  }
  if (tb_rand_pct(&g->r, kind == TB_FAULT_RW ? 40 : 20)) {
    gen_st_time(g, t);
    gen_op(g, SCN_FAULT_CLEAR, 0, 0, 0, 0);
    t->faults = 0;
    t->fault_left = 0;
  } else if (t->fault_left == 0) {
    t->fault_left = 1 + (unsigned)tb_rand_below(&g->r, 16);
  }
}

// Whether MSR index `idx` (MSR_BASE + idx) is one of the block's MSRs (docs/enc/stimer.md).
static bool gen_st_known(uint32_t idx) {
  uint32_t msr = STIMER_MSR_BASE + idx;
  return msr == STIMER_MSR_TIME_REF_COUNT ||
         (msr >= STIMER_MSR_SCONTROL && msr <= STIMER_MSR_EOM) ||
         (msr >= STIMER_MSR_SINT(0) && msr <= STIMER_MSR_SINT(15)) ||
         (msr >= STIMER_MSR_CONFIG(0) && msr <= STIMER_MSR_COUNT(3));
}

// An access that must raise #GP (spec sections 1-3, IMPDEF-ST-1), or one on the edge of it.
static void gen_st_gp(gen_t *g, gen_st_t *t, uint64_t vp) {
  static const uint32_t known[] = {
      STIMER_MSR_SCONTROL,  STIMER_MSR_SIEFP,    STIMER_MSR_SIMP,      STIMER_MSR_EOM,
      STIMER_MSR_SINT(0),   STIMER_MSR_SINT(15), STIMER_MSR_CONFIG(0), STIMER_MSR_COUNT(0),
      STIMER_MSR_CONFIG(3), STIMER_MSR_COUNT(3), STIMER_MSR_SVERSION,  STIMER_MSR_TIME_REF_COUNT};
  // Unknown indices next to the known ones, and anywhere in the block's map.
  static const uint32_t unknown[] = {0x1F, 0x21, 0x7F, 0x85, 0x8F, 0xA0, 0xAF, 0xB8, 0xFF, 0x00};
  unsigned p = gen_pct(g);
  if (p < 20) {
    gen_msr(g, vp, tb_rand_pct(&g->r, 50) ? STIMER_MSR_SVERSION : STIMER_MSR_TIME_REF_COUNT,
            tb_rand_pct(&g->r, 50) ? 1 : tb_rand_u64(&g->r));
  } else if (p < 45) {
    uint32_t idx = tb_rand_pct(&g->r, 60) ? unknown[tb_rand_below(&g->r, 10)]
                                          : (uint32_t)tb_rand_below(&g->r, 256);
    if (gen_st_known(idx)) {
      idx = unknown[tb_rand_below(&g->r, 10)];  // an unknown MSR, not a write to a known one
    }
    uint32_t msr = STIMER_MSR_BASE + idx;
    if (tb_rand_pct(&g->r, 50)) {
      gen_msr(g, vp, msr, tb_rand_u64(&g->r));
    } else {
      gen_op(g, SCN_MSR_READ, vp, msr, 0, 2);
    }
  } else if (p < 65) {
    // A 32-bit write: #GP, nothing changes (IMPDEF-ST-1).
    gen_msr_sized(g, vp, known[tb_rand_below(&g->r, 12)], tb_rand_u64(&g->r), 4);
  } else if (p < 80) {
    // A VP at or beyond NumVp that the MSR address can carry (VpW bits).
    // With NumVp a power of two (not 1) no address names one: a read of the VP's MSR instead.
    uint64_t lim = 1ull << t->vp_w;
    bool any = t->num_vp < lim;
    uint64_t oor = any ? gen_range(g, t->num_vp, lim - 1) : vp;
    uint32_t msr = known[tb_rand_below(&g->r, 12)];
    if (any && tb_rand_pct(&g->r, 60)) {
      gen_msr(g, oor, msr, tb_rand_pct(&g->r, 50) ? 1 : tb_rand_u64(&g->r));
    } else {
      gen_op(g, SCN_MSR_READ, oor, msr, 0, 2);
    }
  } else {
    // A SINT vector below 16: a #GP unmasked, accepted masked (spec section 2).
    uint64_t v = tb_rand_below(&g->r, 16) | (tb_rand_pct(&g->r, 40) ? STIMER_SINT_MASKED : 0);
    gen_msr(g, vp, STIMER_MSR_SINT(gen_st_sint(g, t)), v);
  }
}

static void gen_st_read(gen_t *g, uint64_t vp) {
  static const uint32_t regs[] = {STIMER_MSR_TIME_REF_COUNT, STIMER_MSR_SCONTROL,
                                  STIMER_MSR_SVERSION,       STIMER_MSR_SIEFP,
                                  STIMER_MSR_SIMP,           STIMER_MSR_EOM};
  unsigned p = gen_pct(g);
  uint32_t msr;
  if (p < 30) {
    msr = regs[tb_rand_below(&g->r, 6)];
  } else if (p < 55) {
    msr = STIMER_MSR_SINT(tb_rand_below(&g->r, STIMER_NUM_SINTS));
  } else {
    unsigned n = (unsigned)tb_rand_below(&g->r, STIMER_NUM_TIMERS);
    msr = tb_rand_pct(&g->r, 50) ? STIMER_MSR_CONFIG(n) : STIMER_MSR_COUNT(n);
  }
  gen_op(g, SCN_MSR_READ, vp, msr, 0, 2);
}

// Register reset in the middle of traffic (docs/scenarios.md `reset`), then the VPs set up
// again (now and then only some of them: the others stay at their reset values).
static void gen_st_reset(gen_t *g, gen_st_t *t) {
  gen_op(g, SCN_RESET, 0, 0, 0, 0);
  memset(t->cnt, 0, sizeof(t->cnt));
  memset(t->per, 0, sizeof(t->per));
  memset(t->sx, 0, sizeof(t->sx));
  memset(t->simp, 0, sizeof(t->simp));
  t->pmax = 0;
  t->n_anchor = 0;
  bool all = tb_rand_pct(&g->r, 80);
  for (uint64_t vp = 0; vp < t->num_vp; vp++) {
    if (all || tb_rand_pct(&g->r, 50)) {
      gen_st_setup_vp(g, t, vp);
    }
  }
}

// Back-to-back MSR writes and EOIs to several VPs and timers, with no wait between them: the
// DUT must serve each one's pass, in order, while messages are in flight.
static void gen_st_blast(gen_t *g, gen_st_t *t) {
  unsigned n = 2 + (unsigned)tb_rand_below(&g->r, 6);
  for (unsigned i = 0; i < n; i++) {
    uint64_t vp = gen_st_vp(g, t);
    unsigned timer = (unsigned)tb_rand_below(&g->r, STIMER_NUM_TIMERS);
    unsigned p = gen_pct(g);
    if (p < 35) {
      bool periodic = tb_rand_pct(&g->r, 50);
      gen_st_arm(g, t, vp, timer, periodic, periodic ? gen_st_period(g, t) : gen_st_deadline(g, t));
    } else if (p < 55) {
      gen_msr(g, vp, STIMER_MSR_EOM, tb_rand_u64(&g->r));
    } else if (p < 75) {
      gen_op(g, SCN_EOI, vp, gen_st_vector(g, t), 0, 0);
    } else if (p < 85) {
      gen_st_stop(g, t, vp, timer);
    } else {
      gen_msr(g, vp, STIMER_MSR_SINT(gen_st_sint(g, t)), gen_st_sint_value(g, t));
    }
  }
}

// Periods and remainders at the top of the 64-bit range, within the limit of spec/stimer.md
// section 3 (now + period < 2^64 while the timer runs): a period that takes all the room left
// (never due: it is stopped, or its grid stays beyond the time limit), or a period of 2^59..2^63
// with a late expiry whose remainder (now - expiration) mod period is 2^59 or more.
static void gen_st_huge(gen_t *g, gen_st_t *t, uint64_t vp) {
  unsigned n = (unsigned)tb_rand_below(&g->r, STIMER_NUM_TIMERS);
  uint64_t room = UINT64_MAX - t->now;
  uint64_t p;
  uint64_t late = 0;
  unsigned b = 59 + (unsigned)tb_rand_below(&g->r, 4);
  if (tb_rand_pct(&g->r, 60) && room / 4 >= (2ull << b)) {
    p = (1ull << b) | tb_rand_below(&g->r, 1ull << b);  // 2^59 .. 2^63 - 1
    // The expiry late by r in [2^59, p): re-armed at now + p - r (below 2^64: now + 2p + r).
    uint64_t r = (1ull << 59) + tb_rand_below(&g->r, p - (1ull << 59));
    late = p + r;
  } else {
    p = room - tb_rand_below(&g->r, (room >> 20) + 1);  // all the room (but a millionth)
    if (p == 0) {
      return;
    }
  }
  gen_st_arm(g, t, vp, n, true, p);
  uint64_t due = t->now + late;
  if (late != 0 && t->per[vp][n] && t->cnt[vp][n] == p && due <= gen_st_tmax(t)) {
    t->now = due;
    gen_op(g, SCN_TIME, t->now, 0, 0, 0);
  }
  gen_op(g, SCN_MSR_READ, vp, STIMER_MSR_COUNT(n), 0, 2);
  if (late == 0 || tb_rand_pct(&g->r, 50)) {
    // Stopped (CONFIG 0, or COUNT 0): the time limit comes back.
    bool cfg0 = tb_rand_pct(&g->r, 50);
    gen_msr(g, vp, cfg0 ? STIMER_MSR_CONFIG(n) : STIMER_MSR_COUNT(n), 0);
    gen_st_track(t, vp, n, cfg0 ? t->cnt[vp][n] : 0, !cfg0 && t->per[vp][n]);
  }
}

// One attempt built whole (docs/testplan.md "Cross bins", stimer mode x attempt x SINT mode x
// outcome): the timer mode and AutoEnable, the SINT mode, a first attempt or a retry, and the
// slot state or fault it meets are drawn together, each uniformly, then made so (spec/stimer.md
// sections 3-6, IMPDEF-ST-2): a free slot (delivered, or no interrupt for a masked or polling
// SINT), a busy one, SIMP disabled (unavailable), a read-only fault on the slot header (the
// busy-check read), a write-only fault on the header of a busy slot (a one-shot's flag write) or
// on the message beats of a free one. A retry's first attempt finds SIMP disabled; the state is
// then made and an EOM acknowledges (spec section 5).
enum { GEN_EP_FREE, GEN_EP_BUSY, GEN_EP_OFF, GEN_EP_RFAULT, GEN_EP_MFAULT, GEN_EP_FFAULT };

// Makes the slot state `ep` for slot `sx` of `vp` whose page is `page`.
static void gen_st_slot_state(gen_t *g, gen_st_t *t, uint64_t vp, unsigned sx, unsigned ep) {
  uint64_t page = t->simp[vp] & ~0xFFFull;
  uint64_t slot = page + STIMER_SLOT_BYTES * sx;
  if (ep == GEN_EP_OFF) {
    gen_st_simp(g, t, vp, page);  // disabled, page kept
    return;
  }
  if ((t->simp[vp] & 1) == 0) {
    gen_st_simp(g, t, vp, page | 1);  // enabled again: the page is zeroed (every slot free)
  }
  // message_type HVMSG_TIMER_EXPIRED and payload_size 24: a busy slot (spec section 4).
  bool busy =
      ep == GEN_EP_BUSY || ep == GEN_EP_FFAULT || (ep == GEN_EP_RFAULT && tb_rand_pct(&g->r, 50));
  gen_op(g, SCN_MEM_WRITE, slot, busy ? 0x1880000010ull : 0, 8, 0);
  if (ep >= GEN_EP_RFAULT) {
    uint64_t lo = slot, hi = slot + 8;  // the header doubleword
    if (ep == GEN_EP_MFAULT && tb_rand_pct(&g->r, 50)) {
      lo = slot + 8 * (1 + tb_rand_below(&g->r, 4));  // a payload beat
      hi = lo + 8;
    }
    gen_op(g, SCN_FAULT_ADD, lo, hi, ep == GEN_EP_RFAULT ? TB_FAULT_READ : TB_FAULT_WRITE, 0);
    t->faults++;
  }
}

static void gen_st_episode(gen_t *g, gen_st_t *t, uint64_t vp) {
  unsigned mode = (unsigned)tb_rand_below(&g->r, 4);  // periodic, periodic_auto, one-shot, _auto
  bool periodic = mode < 2;
  unsigned smode = (unsigned)tb_rand_below(&g->r, 4);  // unmasked, auto_eoi, masked, polling
  bool retry = tb_rand_pct(&g->r, 50);
  // A periodic timer has no flag write (it gives up on a busy slot).
  unsigned ep = (unsigned)tb_rand_below(&g->r, periodic ? 5 : 6);
  if (ep >= GEN_EP_RFAULT && t->faults >= GEN_ST_FAULTS) {
    gen_op(g, SCN_FAULT_CLEAR, 0, 0, 0, 0);  // room for this one's range
    t->faults = 0;
    t->fault_left = 0;
  }
  // Any SINT but 0 (the CONFIG rule), not only the seed's hot ones: a slot that the timers
  // armed elsewhere seldom share (they would fill it first in the same pass).
  unsigned sx = 1 + (unsigned)tb_rand_below(&g->r, STIMER_NUM_SINTS - 1);
  unsigned n = (unsigned)tb_rand_below(&g->r, STIMER_NUM_TIMERS);
  // A period that fits the time limit twice (the step to its expiry, and its re-arm).
  uint64_t per = 1 + tb_rand_below(&g->r, 64);
  if (periodic && (t->now > UINT64_MAX - t->pmax || gen_st_tmax(t) - t->now < 2 * per)) {
    periodic = false;  // no room left before 2^64 (spec section 3)
  }
  static const uint64_t sbits[] = {0, STIMER_SINT_AUTO_EOI, STIMER_SINT_MASKED,
                                   STIMER_SINT_POLLING};
  gen_msr(g, vp, STIMER_MSR_SCONTROL, 1);
  gen_msr(g, vp, STIMER_MSR_SINT(sx), gen_st_vector(g, t) | sbits[smode]);
  gen_st_slot_state(g, t, vp, sx, retry ? GEN_EP_OFF : ep);
  uint64_t count = periodic ? per : t->now == 0 ? 1 : t->now;  // a one-shot due at once
  gen_st_arm_opt(g, t, vp, n, periodic, count, (int)sx, (int)(mode & 1), true);
  if (periodic) {
    uint64_t due = t->now + per;
    if (due <= gen_st_tmax(t)) {
      t->now = due;
      gen_op(g, SCN_TIME, t->now, 0, 0, 0);
    }
  }
  if (retry) {
    gen_st_slot_state(g, t, vp, sx, ep);
    gen_msr(g, vp, STIMER_MSR_EOM, 0);
  }
  if (t->faults > 0) {
    gen_op(g, SCN_FAULT_CLEAR, 0, 0, 0, 0);
    t->faults = 0;
    t->fault_left = 0;
  }
}

static void gen_st_one(gen_t *g, gen_st_t *t) {
  if (t->fault_left > 0 && --t->fault_left == 0) {
    gen_op(g, SCN_FAULT_CLEAR, 0, 0, 0, 0);
    t->faults = 0;
  }
  uint64_t vp = gen_st_vp(g, t);
  unsigned timer = (unsigned)tb_rand_below(&g->r, STIMER_NUM_TIMERS);
  unsigned kind = t->pick != NULL && t->w_total != 0
                      ? t->pick[tb_rand_below(&g->r, t->w_total)]
                      : gen_pick_total(g, t->w, GEN_ST_NW, t->w_total);
  switch (kind) {
    case GEN_ST_TIME:
      gen_st_time(g, t);
      break;
    case GEN_ST_ARM: {
      bool periodic = tb_rand_pct(&g->r, 50);
      gen_st_arm(g, t, vp, timer, periodic, periodic ? gen_st_period(g, t) : gen_st_deadline(g, t));
      break;
    }
    case GEN_ST_TIE:
      gen_st_tie(g, t);
      break;
    case GEN_ST_STOP:
      gen_st_stop(g, t, vp, timer);
      break;
    case GEN_ST_ACK: {
      unsigned sint = gen_st_sint(g, t);
      if (tb_rand_pct(&g->r, 15)) {
        // The guest's own words in a slot header (spec/stimer.md section 4: the slot is busy
        // iff message_type != 0): any bits, half the time with message_type 0 (free).
        uint64_t v = tb_rand_u64(&g->r);
        if (tb_rand_pct(&g->r, 50)) {
          v &= ~0xFFFFFFFFull;
        }
        gen_op(g, SCN_MEM_WRITE, (t->simp[vp] & ~0xFFFull) + STIMER_SLOT_BYTES * sint, v, 8, 0);
      } else {
        gen_op(g, SCN_GUEST_ACK, vp, sint, 0, 0);
      }
      break;
    }
    case GEN_ST_EOI:
      gen_op(g, SCN_EOI, vp,
             tb_rand_pct(&g->r, 85) ? gen_st_vector(g, t) : tb_rand_below(&g->r, 256), 0, 0);
      break;
    case GEN_ST_EOM:
      gen_msr(g, vp, STIMER_MSR_EOM, tb_rand_pct(&g->r, 70) ? 0 : tb_rand_u64(&g->r));
      break;
    case GEN_ST_SINT:
      gen_msr(g, vp, STIMER_MSR_SINT(gen_st_sint(g, t)), gen_st_sint_value(g, t));
      break;
    case GEN_ST_SIMP: {
      unsigned q = gen_pct(g);
      uint64_t junk = tb_rand_pct(&g->r, 20) ? tb_rand_u64(&g->r) & 0xFFEull : 0;  // 11:1
      if (q < 35) {
        gen_st_simp(g, t, vp, (t->simp[vp] & ~0xFFFull) | 1 | junk);  // enable: zeroes again
      } else if (q < 65) {
        gen_st_simp(g, t, vp, (t->simp[vp] & ~0xFFFull) | junk);  // disable, page kept
      } else {
        gen_st_simp(g, t, vp,
                    gen_st_page(g, t, vp) | (uint64_t)tb_rand_pct(&g->r, 85) | junk);  // move
      }
      break;
    }
    case GEN_ST_SCONTROL: {
      uint64_t junk = tb_rand_pct(&g->r, 20) ? tb_rand_u64(&g->r) & ~1ull : 0;
      gen_msr(g, vp, STIMER_MSR_SCONTROL, (uint64_t)tb_rand_pct(&g->r, 65) | junk);
      break;
    }
    case GEN_ST_SIEFP:
      gen_msr(g, vp, STIMER_MSR_SIEFP, tb_rand_pct(&g->r, 50) ? tb_rand_u64(&g->r) : 0);
      break;
    case GEN_ST_FAULT:
    case GEN_ST_WFAULT:
    case GEN_ST_RFAULT:
      if (t->faults < GEN_ST_FAULTS) {
        gen_st_fault(g, t, vp, (tb_fault_kind_t)(kind - GEN_ST_FAULT));
      } else {
        gen_st_time(g, t);
      }
      break;
    case GEN_ST_GP:
      gen_st_gp(g, t, vp);
      break;
    case GEN_ST_READ:
      gen_st_read(g, vp);
      break;
    case GEN_ST_BLAST:
      gen_st_blast(g, t);
      break;
    case GEN_ST_RESET:
      gen_st_reset(g, t);
      break;
    case GEN_ST_EPISODE:
      gen_st_episode(g, t, vp);
      break;
    case GEN_ST_HUGE:
      gen_st_huge(g, t, vp);
      break;
    default:
      gen_op(g, SCN_WAIT, 0, 0, 0, 0);
      break;
  }
}

// ---- Weights: every block's table, `--gen-weights` parsing ----

typedef struct {
  scn_block_t block;
  const gen_wdef_t *defs;
  unsigned n;
} gen_wtab_t;

static const gen_wtab_t gen_wtabs[] = {
    {SCN_BLOCK_ITS, gen_its_wdef, GW_N},
    {SCN_BLOCK_STIMER, gen_st_wdefs, GEN_ST_NW},
};

#define GEN_W_MAX 1000000u  // the largest weight
#define GEN_W_MAX_N 64u     // kinds per block at most

// Parses `spec` ("NAME=W,NAME=W", NULL or "" for none): the weights it gives the kinds of
// `block` go to w[]/given[] (indices of its table); a name of another block's table is checked
// and skipped, so one option can serve runs of either block. False, with `err`, on an unknown
// name, a name given twice, or a weight that is not a whole number in 0..GEN_W_MAX.
static bool gen_weights_parse(const char *spec, scn_block_t block, unsigned *w, bool *given,
                              char *err, size_t err_len) {
  const char *p = spec != NULL ? spec : "";
  bool seen[sizeof(gen_wtabs) / sizeof(gen_wtabs[0])][GEN_W_MAX_N];
  memset(seen, 0, sizeof(seen));
  while (*p != 0) {
    const char *end = strchr(p, ',');
    size_t len = end != NULL ? (size_t)(end - p) : strlen(p);
    const char *eq = memchr(p, '=', len);
    if (eq == NULL || eq == p) {
      snprintf(err, err_len, "--gen-weights: expected NAME=WEIGHT, got '%.*s'", (int)len, p);
      return false;
    }
    size_t nlen = (size_t)(eq - p);
    size_t k = 0;
    unsigned idx = 0;
    bool found = false;
    for (; k < sizeof(gen_wtabs) / sizeof(gen_wtabs[0]) && !found; k++) {
      for (idx = 0; idx < gen_wtabs[k].n; idx++) {
        const char *name = gen_wtabs[k].defs[idx].name;
        if (strlen(name) == nlen && strncmp(name, p, nlen) == 0) {
          found = true;
          break;
        }
      }
    }
    if (!found) {
      snprintf(err, err_len,
               "--gen-weights: unknown name '%.*s' (the names and defaults: docs/testplan.md, "
               "\"The random ITS generator\" and \"Random stimulus weights\")",
               (int)nlen, p);
      return false;
    }
    k--;
    uint64_t v = 0;
    const char *d = eq + 1;
    bool ok = d < p + len;
    for (; d < p + len && ok; d++) {
      ok = *d >= '0' && *d <= '9' && v <= GEN_W_MAX;
      v = v * 10 + (uint64_t)(*d - '0');
    }
    unsigned max = gen_wtabs[k].defs[idx].max != 0 ? gen_wtabs[k].defs[idx].max : GEN_W_MAX;
    if (!ok || v > max) {
      snprintf(err, err_len, "--gen-weights: %.*s: expected a whole number in 0..%u", (int)len, p,
               max);
      return false;
    }
    if (seen[k][idx]) {
      snprintf(err, err_len, "--gen-weights: %.*s: expected once, given twice", (int)nlen, p);
      return false;
    }
    seen[k][idx] = true;
    if (gen_wtabs[k].block == block) {
      w[idx] = (unsigned)v;
      given[idx] = true;
    }
    p = end != NULL ? end + 1 : p + len;
    if (end != NULL && *p == 0) {
      snprintf(err, err_len, "--gen-weights: expected NAME=WEIGHT after the last ','");
      return false;
    }
  }
  return true;
}

// The stream: setting-up operations at once, then one draw of gen_*_one at a time as the
// executor asks for operations, then the closing wait. The same calls in the same order as
// generating the whole list up front, so the same seed gives the same operations.
typedef struct {
  scn_stream_t base;  // first: the scn_stream_t pointer is this object
  gen_t g;
  gen_st_t t;
  scn_block_t block;
  uint64_t left;      // draws still to make
  bool ended;         // the closing wait is made
  size_t first;       // the index of g.buf[0]
  char config[2000];  // the drawn configuration (gen_random_config)
} gen_stream_t;

#define GEN_BATCH 256u  // operations made ahead at least, per refill (whole draws)

// Makes the next draws (or the closing wait) into the emptied buffer, GEN_BATCH operations or
// more unless the run ends first: the generator reads nothing of the run, so making operations
// ahead gives the same ones in the same order. False when the stream has ended.
static bool gen_stream_fill(gen_stream_t *gs) {
  gen_t *g = &gs->g;
  gs->first += g->n;
  g->n = 0;
  while (g->n < GEN_BATCH && gs->left > 0) {
    gs->left--;
    if (gs->block == SCN_BLOCK_ITS) {
      gen_its_one(g);
    } else {
      gs->t.left = gs->left;
      gen_st_one(g, &gs->t);
    }
  }
  if (g->n < GEN_BATCH && !gs->ended) {
    gen_op(g, SCN_WAIT, 0, 0, 0, 0);
    gs->ended = true;
  }
  gs->base.win = g->buf;
  gs->base.win_first = gs->first;
  gs->base.win_n = g->n;
  return g->n > 0;
}

static const scn_op_t *gen_stream_get(scn_stream_t *st, size_t i) {
  gen_stream_t *gs = (gen_stream_t *)st;
  gen_t *g = &gs->g;
  if (i < gs->first) {
    return NULL;  // forgotten: the executor never goes back
  }
  while (i >= gs->first + g->n) {
    // Every operation made so far comes before `i`: forget them, make the next ones.
    if (!gen_stream_fill(gs)) {
      return NULL;
    }
  }
  return &g->buf[i - gs->first];
}

bool gen_random_opt(scn_block_t block, uint64_t seed, uint64_t n_ops, const scn_config_t *build,
                    const char *weights, scn_t *s, char *err, size_t err_len) {
  unsigned w[GEN_W_MAX_N] = {0};
  bool given[GEN_W_MAX_N] = {false};
  unsigned its_w[GW_N];
  // Every entry is checked whichever block runs (a wrong name is an error on both); each block
  // takes its own.
  if (!gen_weights_parse(weights, block, w, given, err, err_len)) {
    return false;
  }
  if (block == SCN_BLOCK_ITS && !gen_its_weights(w, given, its_w, err, err_len)) {
    return false;
  }
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
  const char *more = "";
  if (block == SCN_BLOCK_ITS) {
    memcpy(g->w, its_w, sizeof(g->w));
    gen_its_setup(g);
    more = g->first_desc;
  } else {
    gs->t.num_vp = s->cfg.num_vp;
    gs->t.feat_direct = s->cfg.feat_direct;
    gen_st_setup(g, &gs->t, w, given);
    more = gs->t.desc;
  }
  // One line that names every choice of the seed (the stream follows from it and the seed).
  int len = snprintf(gs->config, sizeof(gs->config),
                     "%s seed=%" PRIu64
                     " num_rd=%u vps=%u feat_direct=%d scontrol_gate=%d "
                     "mem_latency=%u mem_stall=%u rsp_stall=%u%s%s",
                     s->path, seed, s->cfg.num_rd, s->cfg.num_vp, s->cfg.feat_direct,
                     s->cfg.scontrol_gate, s->cfg.mem_latency, s->cfg.mem_stall, s->cfg.rsp_stall,
                     more[0] != 0 ? " " : "", more);
  if (len < 0 || (size_t)len >= sizeof(gs->config) ||
      (block == SCN_BLOCK_ITS && strlen(g->first_desc) + 1 >= sizeof(g->first_desc))) {
    fprintf(stderr, "gen: the configuration line does not fit its buffer (gen.c)\n");
    exit(3);  // a record of the seed's choices is never cut short
  }
  gs->base.win = g->buf;  // the setting-up operations
  gs->base.win_n = g->n;
  s->stream = &gs->base;
  return true;
}

void gen_random(scn_block_t block, uint64_t seed, uint64_t n_ops, const scn_config_t *build,
                scn_t *s) {
  char err[200];
  if (!gen_random_opt(block, seed, n_ops, build, NULL, s, err, sizeof(err))) {
    fprintf(stderr, "gen: %s\n", err);  // no weights given: cannot happen
    exit(3);
  }
}

const char *gen_random_config(const scn_t *s) {
  if (s->stream != NULL && s->stream->get == gen_stream_get) {
    return ((const gen_stream_t *)s->stream)->config;
  }
  return NULL;
}

void gen_random_free(scn_t *s) {
  if (s->stream != NULL && s->stream->get == gen_stream_get) {
    gen_stream_t *gs = (gen_stream_t *)s->stream;
    free(gs->g.buf);
    free(gs->t.pick);
    free(gs);
    s->stream = NULL;
  }
}

// SPDX-License-Identifier: Apache-2.0
// Testbench memory: sparse 4 KiB pages in an open-addressing hash, and the DUT-side slave. The
// pages are cut from 2 MiB chunks advised as transparent huge pages (TB_CHUNK below).
// A 64-bit beat is one page lookup (the pages found last are remembered in a small direct-mapped
// cache, so beats in a page used lately skip the hash: the ITS walks several tables in turn) and
// one 8-byte load or masked store; bytes are little-endian whatever
// the host, assembled by tb_le_load/tb_le_store (which compilers turn into single moves).
// mmap's MAP_ANONYMOUS and madvise (the chunks the pages are cut from, below).
#define _DEFAULT_SOURCE 1
#include "tb_mem.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#define TB_PAGE 4096u
#define TB_MEM_CACHE 16u  // pages remembered (a power of two), indexed by the page number

// The cache slot of page key `key`: its low bits mixed with the bits of the MiB, so the first
// pages of regions 1 MiB apart (the ITS tables, the queue and the ITTs of a generated test all
// start at a MiB boundary) do not all take the same slot.
static inline unsigned tb_mem_cslot(uint64_t key) {
  return (unsigned)(key ^ (key >> 8)) & (TB_MEM_CACHE - 1);
}

typedef struct {
  uint64_t key;  // page number + 1 (0 = empty)
  uint8_t *data;
} tb_page_t;

// The pages are cut from chunks of TB_CHUNK bytes, aligned to their size; every chunk after the
// first is handed to the kernel as a candidate for a transparent huge page. A page of 4 KiB
// taken from the C heap was one or two page faults on its first write (10 % of a model-alone ITS
// run in the kernel, about 2900 guest pages) and a TLB entry of its own when a table walk reads
// it; a huge chunk is one fault and one TLB entry for 512 pages. The first chunk stays in 4 KiB
// pages: most images (an stimer run, a directed scenario) need a few pages only, and a huge page
// is 2 MiB cleared at its first write, sometimes after the kernel compacted memory for it. A
// chunk is zero when mapped, as calloc's pages were.
#define TB_CHUNK (2u << 20)

typedef struct tb_chunk {
  struct tb_chunk *next;
  void *base;  // the mapping, TB_CHUNK bytes
} tb_chunk_t;

struct tb_mem {
  tb_page_t *pages;
  size_t cap;
  size_t used;
  tb_chunk_t *chunks;  // every chunk, the newest first
  size_t n_chunks;
  uint8_t *next_page;             // the next free page of the newest chunk
  size_t pages_left;              // free pages in it
  tb_page_t cache[TB_MEM_CACHE];  // pages found lately (key as in pages[], 0 = none)
  uint64_t fault_lo[TB_MEM_MAX_FAULTS];
  uint64_t fault_hi[TB_MEM_MAX_FAULTS];
  tb_fault_kind_t fault_kind[TB_MEM_MAX_FAULTS];
  int n_faults;
  tb_mem_hook_t hook;  // an observer of the untracked writes (the trace recorder), or none
};

static void *tb_xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (p == NULL) {
    fprintf(stderr, "tb: out of memory\n");
    exit(3);
  }
  return p;
}

tb_mem_t *tb_mem_new(void) {
  tb_mem_t *m = tb_xcalloc(1, sizeof(*m));
  m->cap = 1024;
  m->pages = tb_xcalloc(m->cap, sizeof(*m->pages));
  return m;
}

void tb_mem_free(tb_mem_t *m) {
  if (m == NULL) {
    return;
  }
  while (m->chunks != NULL) {
    tb_chunk_t *c = m->chunks;
    m->chunks = c->next;
    munmap(c->base, TB_CHUNK);
    free(c);
  }
  free(m->pages);
  free(m);
}

// A new chunk: TB_CHUNK bytes at a multiple of TB_CHUNK (a mapping twice its size, trimmed), so
// the kernel may back it by one huge page.
static void tb_mem_new_chunk(tb_mem_t *m) {
  tb_chunk_t *c = tb_xcalloc(1, sizeof(*c));
  size_t len = 2 * (size_t)TB_CHUNK;
  uint8_t *map = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (map == MAP_FAILED) {
    fprintf(stderr, "tb: out of memory\n");
    exit(3);
  }
  uintptr_t a = ((uintptr_t)map + TB_CHUNK - 1) & ~(uintptr_t)(TB_CHUNK - 1);
  uint8_t *base = map + (a - (uintptr_t)map);
  if (base > map) {
    munmap(map, (size_t)(base - map));
  }
  if (map + len > base + TB_CHUNK) {
    munmap(base + TB_CHUNK, (size_t)(map + len - (base + TB_CHUNK)));
  }
#ifdef MADV_HUGEPAGE
  if (m->n_chunks > 0) {
    madvise(base, TB_CHUNK, MADV_HUGEPAGE);  // advice: without it the chunk is 4 KiB pages
  }
#endif
  c->base = base;
  c->next = m->chunks;
  m->chunks = c;
  m->n_chunks++;
  m->next_page = base;
  m->pages_left = TB_CHUNK / TB_PAGE;
}

// A zeroed page for the image, from the newest chunk.
static uint8_t *tb_mem_alloc_page(tb_mem_t *m) {
  if (m->pages_left == 0) {
    tb_mem_new_chunk(m);
  }
  uint8_t *p = m->next_page;
  m->next_page += TB_PAGE;
  m->pages_left--;
  return p;
}

uint64_t tb_mem_bytes(const tb_mem_t *m) {
  // The pages of the first chunk; with a second, whole chunks (a huge page is resident as soon
  // as one of its pages is written).
  uint64_t data = m->n_chunks <= 1 ? (uint64_t)m->used * TB_PAGE : (uint64_t)m->n_chunks * TB_CHUNK;
  return data + (uint64_t)m->cap * sizeof(*m->pages);
}

static size_t tb_mem_slot(const tb_mem_t *m, uint64_t key) {
  size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 17) & (m->cap - 1);
  while (m->pages[i].key != 0 && m->pages[i].key != key) {
    i = (i + 1) & (m->cap - 1);
  }
  return i;
}

static const uint8_t *tb_mem_page_ro(const tb_mem_t *m, uint64_t addr) {
  size_t i = tb_mem_slot(m, addr / TB_PAGE + 1);
  return m->pages[i].data;
}

// The page of a beat, through the cache; NULL when absent (reads as zero, not remembered). Pages
// are never freed before tb_mem_free, so a remembered pointer stays valid when the table grows.
static const uint8_t *tb_mem_beat_page_ro(tb_mem_t *m, uint64_t addr) {
  uint64_t key = addr / TB_PAGE + 1;
  unsigned c = tb_mem_cslot(key);
  if (key == m->cache[c].key) {
    return m->cache[c].data;
  }
  const uint8_t *p = tb_mem_page_ro(m, addr);
  if (p != NULL) {
    m->cache[c].key = key;
    m->cache[c].data = (uint8_t *)p;
  }
  return p;
}

// 8 little-endian bytes as one load or store (a byte swap on a big-endian host).
static uint64_t tb_le_load(const uint8_t *p) {
  uint64_t v;
  memcpy(&v, p, 8);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v;
}

static void tb_le_store(uint8_t *p, uint64_t v) {
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  memcpy(p, &v, 8);
}

// Out of line: the beat paths reach it only when their page is not remembered.
static uint8_t *__attribute__((noinline)) tb_mem_page(tb_mem_t *m, uint64_t addr) {
  uint64_t key = addr / TB_PAGE + 1;
  size_t i = tb_mem_slot(m, key);
  if (m->pages[i].key != 0) {
    return m->pages[i].data;
  }
  if (2 * (m->used + 1) > m->cap) {
    tb_page_t *old = m->pages;
    size_t old_cap = m->cap;
    m->cap *= 2;
    m->pages = tb_xcalloc(m->cap, sizeof(*m->pages));
    for (size_t k = 0; k < old_cap; k++) {
      if (old[k].key != 0) {
        m->pages[tb_mem_slot(m, old[k].key)] = old[k];
      }
    }
    free(old);
    i = tb_mem_slot(m, key);
  }
  m->pages[i].key = key;
  m->pages[i].data = tb_mem_alloc_page(m);
  m->used++;
  return m->pages[i].data;
}

// The page of a beat for writing (created when absent), through the cache.
static uint8_t *tb_mem_beat_page(tb_mem_t *m, uint64_t addr) {
  uint64_t key = addr / TB_PAGE + 1;
  unsigned c = tb_mem_cslot(key);
  if (key != m->cache[c].key) {
    m->cache[c].data = tb_mem_page(m, addr);
    m->cache[c].key = key;
  }
  return m->cache[c].data;
}

void tb_mem_set_hook(tb_mem_t *m, const tb_mem_hook_t *h) {
  memset(&m->hook, 0, sizeof(m->hook));
  if (h != NULL) {
    m->hook = *h;
  }
}

static void __attribute__((noinline))
tb_mem_poke_slow(tb_mem_t *m, uint64_t addr, uint64_t value, unsigned size) {
  if (m->hook.poke != NULL) {
    m->hook.poke(m->hook.ctx, addr, value, size);
  }
  if (size > 8) {
    size = 8;
  }
  if (size != 0 && addr % TB_PAGE + size <= TB_PAGE) {
    // Within one page: one lookup through the beat cache (the common case: set-up writes whole
    // entries, the executor writes commands into the queue), one store for 8 bytes.
    uint8_t *p = tb_mem_beat_page(m, addr) + addr % TB_PAGE;
    if (size == 8) {
      tb_le_store(p, value);
      return;
    }
    for (unsigned i = 0; i < size; i++) {
      p[i] = (uint8_t)(value >> (8 * i));
    }
    return;
  }
  for (unsigned i = 0; i < size; i++) {
    tb_mem_page(m, addr + i)[(addr + i) % TB_PAGE] = (uint8_t)(value >> (8 * i));
  }
}

// The common case inline (an 8-byte poke into a remembered page, no hook: the executor writes
// commands into the queue), the rest out of line.
void tb_mem_poke(tb_mem_t *m, uint64_t addr, uint64_t value, unsigned size) {
  uint64_t key = addr / TB_PAGE + 1;
  unsigned c = tb_mem_cslot(key);
  if (size == 8 && m->hook.poke == NULL && addr % TB_PAGE <= TB_PAGE - 8 &&
      key == m->cache[c].key) {
    tb_le_store(m->cache[c].data + addr % TB_PAGE, value);
    return;
  }
  tb_mem_poke_slow(m, addr, value, size);
}

uint64_t tb_mem_peek(const tb_mem_t *m, uint64_t addr, unsigned size) {
  uint64_t v = 0;
  for (unsigned i = 0; i < size && i < 8; i++) {
    const uint8_t *p = tb_mem_page_ro(m, addr + i);
    v |= (uint64_t)(p != NULL ? p[(addr + i) % TB_PAGE] : 0) << (8 * i);
  }
  return v;
}

bool tb_mem_add_fault_kind(tb_mem_t *m, uint64_t lo, uint64_t hi, tb_fault_kind_t kind) {
  if (m->n_faults >= TB_MEM_MAX_FAULTS || (unsigned)kind > TB_FAULT_WRITE) {
    return false;
  }
  if (m->hook.fault_add != NULL) {
    m->hook.fault_add(m->hook.ctx, lo, hi, (unsigned)kind);
  }
  m->fault_lo[m->n_faults] = lo;
  m->fault_hi[m->n_faults] = hi;
  m->fault_kind[m->n_faults] = kind;
  m->n_faults++;
  return true;
}

bool tb_mem_add_fault(tb_mem_t *m, uint64_t lo, uint64_t hi) {
  return tb_mem_add_fault_kind(m, lo, hi, TB_FAULT_RW);
}

void tb_mem_clear_faults(tb_mem_t *m) {
  if (m->hook.fault_clear != NULL) {
    m->hook.fault_clear(m->hook.ctx);
  }
  m->n_faults = 0;
}

bool tb_mem_faults(const tb_mem_t *m, uint64_t addr, bool write) {
  tb_fault_kind_t other = write ? TB_FAULT_READ : TB_FAULT_WRITE;  // the kind that spares it
  for (int i = 0; i < m->n_faults; i++) {
    if (addr >= m->fault_lo[i] && addr < m->fault_hi[i] && m->fault_kind[i] != other) {
      return true;
    }
  }
  return false;
}

// An aligned beat never crosses a page: one page lookup per beat, one 8-byte load or store. The
// common case (aligned, no fault range, a remembered page) is inline in the callers; the rest
// is out of line, so the fast path saves no registers.
static bool __attribute__((noinline))
tb_mem_read64_slow(tb_mem_t *m, uint64_t addr, uint64_t *data) {
  if ((addr & 7) != 0 || (m->n_faults != 0 && tb_mem_faults(m, addr, false))) {
    *data = 0;
    return false;
  }
  const uint8_t *p = tb_mem_beat_page_ro(m, addr);
  *data = p != NULL ? tb_le_load(p + addr % TB_PAGE) : 0;
  return true;
}

static inline bool tb_mem_read64_fast(tb_mem_t *m, uint64_t addr, uint64_t *data) {
  uint64_t key = addr / TB_PAGE + 1;
  unsigned c = tb_mem_cslot(key);
  if ((addr & 7) == 0 && m->n_faults == 0 && key == m->cache[c].key) {
    *data = tb_le_load(m->cache[c].data + addr % TB_PAGE);
    return true;
  }
  return tb_mem_read64_slow(m, addr, data);
}

bool tb_mem_read64(tb_mem_t *m, uint64_t addr, uint64_t *data) {
  return tb_mem_read64_fast(m, addr, data);
}

static bool __attribute__((noinline))
tb_mem_write64_slow(tb_mem_t *m, uint64_t addr, uint64_t data, uint8_t be) {
  if ((addr & 7) != 0 || (m->n_faults != 0 && tb_mem_faults(m, addr, true))) {
    return false;
  }
  if (be == 0) {
    return true;  // no lane enabled: no page is created
  }
  uint8_t *p = tb_mem_beat_page(m, addr) + addr % TB_PAGE;
  if (be == 0xFF) {
    tb_le_store(p, data);
  } else {
    uint64_t mask = cm_be_mask(be);
    tb_le_store(p, (tb_le_load(p) & ~mask) | (data & mask));
  }
  return true;
}

static inline bool tb_mem_write64_fast(tb_mem_t *m, uint64_t addr, uint64_t data, uint8_t be) {
  uint64_t key = addr / TB_PAGE + 1;
  unsigned c = tb_mem_cslot(key);
  if (be == 0xFF && (addr & 7) == 0 && m->n_faults == 0 && key == m->cache[c].key) {
    tb_le_store(m->cache[c].data + addr % TB_PAGE, data);
    return true;
  }
  return tb_mem_write64_slow(m, addr, data, be);
}

bool tb_mem_write64(tb_mem_t *m, uint64_t addr, uint64_t data, uint8_t be) {
  return tb_mem_write64_fast(m, addr, data, be);
}

static bool tb_mem_cb_read(void *ctx, uint64_t addr, uint64_t *data) {
  return tb_mem_read64_fast(ctx, addr, data);
}

static bool tb_mem_cb_write(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  return tb_mem_write64_fast(ctx, addr, data, be);
}

// Marks in `faults` the beats of the page at `page` that fault range i faults for a write:
// beat k (address page + 8k) when lo <= page + 8k < hi, as tb_mem_faults decides it.
static void tb_mem_page_fault_mask(const tb_mem_t *m, int i, uint64_t page,
                                   uint64_t faults[CM_PAGE_BEAT_WORDS]) {
  uint64_t lo = m->fault_lo[i];
  uint64_t hi = m->fault_hi[i];
  const uint64_t last = page + TB_PAGE - 8;  // the last beat (no wrap: page is 4 KiB aligned)
  if (m->fault_kind[i] == TB_FAULT_READ || hi <= lo || hi <= page || lo > last) {
    return;
  }
  unsigned k0 = lo <= page ? 0 : (unsigned)((lo - page + 7) / 8);
  unsigned k1 = hi > last ? TB_PAGE / 8 : (unsigned)((hi - page + 7) / 8);  // exclusive
  for (unsigned k = k0; k < k1; k++) {
    faults[k / 64] |= 1ull << (k % 64);
  }
}

bool tb_mem_zero_page(void *ctx, uint64_t addr, uint64_t faults[CM_PAGE_BEAT_WORDS]) {
  tb_mem_t *m = ctx;
  if (addr % TB_PAGE != 0) {
    return false;
  }
  memset(faults, 0, CM_PAGE_BEAT_WORDS * sizeof(faults[0]));
  if (m->n_faults == 0) {
    memset(tb_mem_beat_page(m, addr), 0, TB_PAGE);
    return true;
  }
  uint64_t any = 0;
  uint64_t all = ~0ull;
  for (int i = 0; i < m->n_faults; i++) {
    tb_mem_page_fault_mask(m, i, addr, faults);
  }
  for (unsigned w = 0; w < CM_PAGE_BEAT_WORDS; w++) {
    any |= faults[w];
    all &= faults[w];
  }
  if (all == ~0ull) {
    return true;  // every beat faults: nothing is written, no page is created (as beat by beat)
  }
  uint8_t *p = tb_mem_beat_page(m, addr);
  if (any == 0) {
    memset(p, 0, TB_PAGE);
    return true;
  }
  for (unsigned k = 0; k < TB_PAGE / 8; k++) {
    if (((faults[k / 64] >> (k % 64)) & 1u) == 0) {
      memset(p + 8 * k, 0, 8);  // a faulting beat writes nothing
    }
  }
  return true;
}

cm_mem_ops_t tb_mem_ops(tb_mem_t *m) {
  cm_mem_ops_t ops = {m, tb_mem_cb_read, tb_mem_cb_write};
  return ops;
}

uint64_t tb_mem_digest(const tb_mem_t *m, uint64_t *pages) {
  uint64_t sum = 0;
  *pages = 0;
  for (size_t i = 0; i < m->cap; i++) {
    if (m->pages[i].key == 0) {
      continue;
    }
    uint64_t h = 0xcbf29ce484222325ull ^ m->pages[i].key;
    for (unsigned k = 0; k < TB_PAGE; k += 8) {
      h = (h ^ tb_le_load(m->pages[i].data + k)) * 0x100000001b3ull;
    }
    h = (h ^ (h >> 31)) * 0xBF58476D1CE4E5B9ull;  // spread before the sum
    sum += h ^ (h >> 29);
    (*pages)++;
  }
  return sum;
}

// Finds the lowest differing byte in `a`'s pages against `b` (absent pages read as zero).
static bool tb_mem_diff_one_way(const tb_mem_t *a, const tb_mem_t *b, uint64_t *first) {
  bool found = false;
  for (size_t i = 0; i < a->cap; i++) {
    if (a->pages[i].key == 0) {
      continue;
    }
    uint64_t base = (a->pages[i].key - 1) * TB_PAGE;
    const uint8_t *pb = tb_mem_page_ro(b, base);
    if (pb != NULL && memcmp(pb, a->pages[i].data, TB_PAGE) == 0) {
      continue;  // the common case: equal pages, compared at memcmp speed
    }
    for (unsigned k = 0; k < TB_PAGE; k++) {
      uint8_t vb = pb != NULL ? pb[k] : 0;
      if (a->pages[i].data[k] != vb) {
        if (!found || base + k < *first) {
          *first = base + k;
        }
        found = true;
        break;
      }
    }
  }
  return found;
}

bool tb_mem_equal(const tb_mem_t *a, const tb_mem_t *b, uint64_t *addr, uint64_t *da,
                  uint64_t *db) {
  uint64_t x = 0;
  uint64_t y = 0;
  bool fa = tb_mem_diff_one_way(a, b, &x);
  bool fb = tb_mem_diff_one_way(b, a, &y);
  if (!fa && !fb) {
    return true;
  }
  uint64_t first = !fa ? y : (!fb ? x : (x < y ? x : y));
  *addr = first;
  *da = tb_mem_peek(a, first & ~7ull, 8);
  *db = tb_mem_peek(b, first & ~7ull, 8);
  return false;
}

// ---- DUT-side slave ----

#define TB_SLAVE_QUEUE 64

typedef struct {
  uint64_t due;  // cycle at which the response may be presented
  uint64_t rdata;
  bool err;
} tb_rsp_t;

struct tb_slave {
  tb_mem_t *mem;
  tb_slave_cfg_t cfg;
  tb_rand_t *rng;
  tb_rsp_t q[TB_SLAVE_QUEUE];
  unsigned head;
  unsigned count;
  uint64_t cycle;
  char error[160];
};

tb_slave_t *tb_slave_new(tb_mem_t *mem, const tb_slave_cfg_t *cfg, tb_rand_t *rng) {
  tb_slave_t *s = tb_xcalloc(1, sizeof(*s));
  s->mem = mem;
  s->cfg = *cfg;
  if (s->cfg.latency == 0) {
    s->cfg.latency = 1;
  }
  if (s->cfg.max_out == 0 || s->cfg.max_out > TB_SLAVE_QUEUE) {
    s->cfg.max_out = TB_SLAVE_QUEUE;
  }
  s->rng = rng;
  return s;
}

void tb_slave_free(tb_slave_t *s) {
  free(s);
}

unsigned tb_slave_outstanding(const tb_slave_t *s) {
  return s->count;
}

const char *tb_slave_error(const tb_slave_t *s) {
  return s->error[0] != 0 ? s->error : NULL;
}

bool tb_slave_edge(tb_slave_t *s, const tb_slave_in_t *in, tb_slave_out_t *out, tb_beat_t *wr) {
  bool wrote = false;
  // Response handshake at this edge.
  if (out->rsp_valid && in->rsp_ready) {
    s->head = (s->head + 1) % TB_SLAVE_QUEUE;
    s->count--;
  }
  // Request handshake at this edge: the access is performed when it is accepted.
  if (in->req_valid && out->req_ready) {
    // Random extra response delay when back-pressure is on (responses stay in order).
    unsigned jitter = s->cfg.req_stall != 0 ? (unsigned)tb_rand_below(s->rng, 4) : 0;
    tb_rsp_t r = {s->cycle + s->cfg.latency + jitter, 0, false};
    if ((in->addr & 7) != 0 && s->error[0] == 0) {
      snprintf(s->error, sizeof(s->error), "memory request address 0x%llx not 8-byte aligned",
               (unsigned long long)in->addr);
    }
    if (in->we) {
      r.err = !tb_mem_write64(s->mem, in->addr, in->wdata, in->be);
      wr->addr = in->addr;
      wr->data = in->wdata;
      wr->be = in->be;
      wr->fault = r.err;
      wrote = true;
    } else {
      // docs/interfaces.md section 2: a read beat carries be = FF and wdata 0.
      if ((in->be != 0xFF || in->wdata != 0) && s->error[0] == 0) {
        snprintf(s->error, sizeof(s->error), "memory read at 0x%llx with be 0x%02x, wdata 0x%llx",
                 (unsigned long long)in->addr, (unsigned)in->be, (unsigned long long)in->wdata);
      }
      r.err = !tb_mem_read64(s->mem, in->addr, &r.rdata);
    }
    s->q[(s->head + s->count) % TB_SLAVE_QUEUE] = r;
    s->count++;
  }
  s->cycle++;
  // Outputs for the next cycle. A presented response stays until taken (it is the head).
  out->req_ready = s->count < s->cfg.max_out && !tb_rand_pct(s->rng, s->cfg.req_stall);
  out->rsp_valid = s->count > 0 && s->q[s->head].due <= s->cycle;
  out->rsp_rdata = out->rsp_valid ? s->q[s->head].rdata : 0;
  out->rsp_err = out->rsp_valid && s->q[s->head].err;
  return wrote;
}

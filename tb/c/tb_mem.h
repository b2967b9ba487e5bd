// SPDX-License-Identifier: Apache-2.0
// Testbench memory: a sparse byte image with fault-injection ranges, usable as the model's
// cm_mem_ops_t, plus a DUT-side memory slave with latency and random back-pressure.
#ifndef TB_MEM_H
#define TB_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cm_mem.h"
#include "tb_rand.h"

#define TB_MEM_MAX_FAULTS 16

typedef struct tb_mem tb_mem_t;

tb_mem_t *tb_mem_new(void);
void tb_mem_free(tb_mem_t *m);
cm_mem_ops_t tb_mem_ops(tb_mem_t *m);
/** Bytes the image holds for the guest's data: its 4 KiB pages, or once they fill more than the
 *  first 2 MiB chunk they are cut from, the chunks (the later ones are transparent huge pages,
 *  resident as a whole), and their index. It grows with
 *  the number of distinct pages written (the stimulus's footprint), not with a run's length. */
uint64_t tb_mem_bytes(const tb_mem_t *m);
/**
 * The page-clearing call of the memory (cm_mem_zero_page_fn, `ctx` a tb_mem_t): the 4 KiB page
 * at `addr` zeroed at once but for the beats a fault range faults for a write (their bits set in
 * `faults`, nothing written there; the page is created unless every beat faults, as the beats
 * one by one would do); false, nothing written, when `addr` is not page-aligned.
 */
bool tb_mem_zero_page(void *ctx, uint64_t addr, uint64_t faults[CM_PAGE_BEAT_WORDS]);

/** A digest of the image's pages (address and content, in no particular order: two images of
 *  the same pages with the same bytes have the same digest), and how many pages it holds. */
uint64_t tb_mem_digest(const tb_mem_t *m, uint64_t *pages);

/** An observer of an image's untracked writes (pokes, fault ranges): the trace recorder
 *  (tb/c/trace.h) records them as host records. Any callback may be NULL. */
typedef struct {
  void (*poke)(void *ctx, uint64_t addr, uint64_t value, unsigned size);
  void (*fault_add)(void *ctx, uint64_t lo, uint64_t hi, unsigned kind);
  void (*fault_clear)(void *ctx);
  void *ctx;
} tb_mem_hook_t;

/** Sets (or, with NULL, removes) the observer of `m`'s untracked writes. */
void tb_mem_set_hook(tb_mem_t *m, const tb_mem_hook_t *h);

/** Untracked access (set-up, expect lines, checks): any size up to 8, any alignment. */
void tb_mem_poke(tb_mem_t *m, uint64_t addr, uint64_t value, unsigned size);
uint64_t tb_mem_peek(const tb_mem_t *m, uint64_t addr, unsigned size);

/** Which accesses a fault range faults (the values are the trace's HOST_FAULT_ADD aux field,
 *  docs/enc/trace.md): reads and writes alike, only reads, or only writes. */
typedef enum { TB_FAULT_RW = 0, TB_FAULT_READ = 1, TB_FAULT_WRITE = 2 } tb_fault_kind_t;

/** Beats in [lo, hi) fault from now on, reads and writes. Returns false when the table is full. */
bool tb_mem_add_fault(tb_mem_t *m, uint64_t lo, uint64_t hi);
/** Beats in [lo, hi) of the accesses `kind` names fault from now on (a write-only range lets the
 *  reads of the same doubleword through). Returns false when the table is full. */
bool tb_mem_add_fault_kind(tb_mem_t *m, uint64_t lo, uint64_t hi, tb_fault_kind_t kind);
void tb_mem_clear_faults(tb_mem_t *m);
/** Whether a read (`write` false) or a write beat at `addr` faults. */
bool tb_mem_faults(const tb_mem_t *m, uint64_t addr, bool write);

/** One beat through the fault check; a faulting write changes nothing. */
bool tb_mem_read64(tb_mem_t *m, uint64_t addr, uint64_t *data);
bool tb_mem_write64(tb_mem_t *m, uint64_t addr, uint64_t data, uint8_t be);

/**
 * Compares two images. Returns true when equal; else fills *addr with the lowest differing
 * byte address and *a / *b with the aligned doublewords there.
 */
bool tb_mem_equal(const tb_mem_t *a, const tb_mem_t *b, uint64_t *addr, uint64_t *da, uint64_t *db);

// ---- DUT-side slave (docs/interfaces.md section 2) ----

typedef struct {
  unsigned latency;    ///< cycles from request acceptance to response valid (>= 1)
  unsigned req_stall;  ///< percent of cycles the request channel is not ready
  unsigned max_out;    ///< outstanding requests accepted at most
} tb_slave_cfg_t;

/** What the DUT drives on the memory port at a clock edge. */
typedef struct {
  bool req_valid;
  uint64_t addr;
  bool we;
  uint64_t wdata;
  uint8_t be;
  bool rsp_ready;
} tb_slave_in_t;

/** What the slave drives into the DUT for the next cycle. */
typedef struct {
  bool req_ready;
  bool rsp_valid;
  uint64_t rsp_rdata;
  bool rsp_err;
} tb_slave_out_t;

/** A write beat the DUT issued (handshake completed), with whether it faulted. */
typedef struct {
  uint64_t addr;
  uint64_t data;
  uint8_t be;
  bool fault;
} tb_beat_t;

typedef struct tb_slave tb_slave_t;

tb_slave_t *tb_slave_new(tb_mem_t *mem, const tb_slave_cfg_t *cfg, tb_rand_t *rng);
void tb_slave_free(tb_slave_t *s);
/**
 * Advances one clock edge: `in` are the DUT's outputs sampled at the edge, `*out` the slave's
 * outputs before the edge (what the DUT saw) and, on return, for the next cycle. Returns true
 * and fills *wr when a write beat was accepted at this edge.
 */
bool tb_slave_edge(tb_slave_t *s, const tb_slave_in_t *in, tb_slave_out_t *out, tb_beat_t *wr);
/** Requests accepted and not yet responded. */
unsigned tb_slave_outstanding(const tb_slave_t *s);
/** Protocol violations seen (a response-channel or request-channel rule broken). */
const char *tb_slave_error(const tb_slave_t *s);

#endif  // TB_MEM_H

// SPDX-License-Identifier: Apache-2.0
// The capture of tb_sim --record (recorder.h).
#include "recorder.h"

#include <stdio.h>
#include <stdlib.h>

#include "tb_rand.h"

struct tb_recorder {
  trace_writer_t *w;
  tb_rand_t rng;
  unsigned stall;
  uint64_t edge;        // drain calls so far: the number of the current edge (1 for the first)
  bool synced;          // the HOST_SYNC record is written
  uint64_t empty_edge;  // the last edge the encoder had no word to give
  const rtl_be_t *r;
  tb_mem_t *image;
};

static uint64_t tb_recorder_clock(const void *ctx) {
  return rtl_be_cycle((const rtl_be_t *)ctx);
}

tb_recorder_t *tb_recorder_new(const char *path, unsigned stall_pct, uint64_t seed, rtl_be_t *r,
                               tb_mem_t *image, char *err, size_t errlen) {
  tb_recorder_t *rc = calloc(1, sizeof(*rc));
  if (rc == NULL) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  rc->w = trace_writer_open(path, err, errlen);
  if (rc->w == NULL) {
    free(rc);
    return NULL;
  }
  rc->stall = stall_pct;
  tb_rand_seed(&rc->rng, seed ^ 0x7ace5eedull);
  rc->r = r;
  rc->image = image;
  tb_mem_hook_t h = trace_writer_mem_hook(rc->w, tb_recorder_clock, r);
  tb_mem_set_hook(image, &h);
  return rc;
}

bool tb_recorder_drain(tb_recorder_t *rc, bool enc_rst_n, bool fire, bool valid, unsigned count,
                       const uint64_t *words) {
  rc->edge++;
  if (enc_rst_n && !rc->synced) {
    // The encoder's first edge out of reset stamps 0: it is this edge of the bench.
    uint64_t off = rc->edge;
    trace_writer_host(rc->w, TRACE_KIND_HOST_SYNC, 0, rtl_be_cycle(rc->r), &off, 1);
    rc->synced = true;
  }
  for (unsigned i = 0; fire && i < count; i++) {
    trace_writer_word(rc->w, words[i]);
  }
  if (!valid) {
    rc->empty_edge = rc->edge;
  }
  return rc->stall == 0 || !tb_rand_pct(&rc->rng, rc->stall);
}

bool tb_recorder_drained(const tb_recorder_t *rc, uint64_t cycle) {
  return rc->empty_edge >= cycle + 2;
}

bool tb_recorder_close(tb_recorder_t *rc, bool complete, uint64_t end_cycle, bool end_of_test,
                       char *err, size_t errlen) {
  tb_mem_set_hook(rc->image, NULL);
  bool ok = trace_writer_close(rc->w, complete, end_cycle, end_of_test, err, errlen);
  free(rc);
  return ok;
}

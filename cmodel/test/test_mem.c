// SPDX-License-Identifier: Apache-2.0
// Test memory for the model unit tests: the bench's sparse image (tb/c/tb_mem.c) plus counters
// of the beats that went through the callbacks.
#include "test_mem.h"

#include <stdlib.h>

#include "tb_mem.h"

struct test_mem {
  tb_mem_t *img;
  size_t reads;
  size_t writes;
  size_t zero_pages;
};

test_mem_t *test_mem_new(void) {
  test_mem_t *m = calloc(1, sizeof(*m));
  if (m == NULL) {
    abort();
  }
  m->img = tb_mem_new();
  return m;
}

void test_mem_free(test_mem_t *m) {
  if (m != NULL) {
    tb_mem_free(m->img);
    free(m);
  }
}

void test_mem_write(test_mem_t *m, uint64_t addr, uint64_t value, unsigned size) {
  tb_mem_poke(m->img, addr, value, size);
}

uint64_t test_mem_read(test_mem_t *m, uint64_t addr, unsigned size) {
  return tb_mem_peek(m->img, addr, size);
}

void test_mem_add_fault(test_mem_t *m, uint64_t lo, uint64_t hi) {
  tb_mem_add_fault(m->img, lo, hi);
}

void test_mem_add_fault_kind(test_mem_t *m, uint64_t lo, uint64_t hi, tb_fault_kind_t kind) {
  tb_mem_add_fault_kind(m->img, lo, hi, kind);
}

uint64_t test_mem_bytes(const test_mem_t *m) {
  return tb_mem_bytes(m->img);
}

void test_mem_clear_faults(test_mem_t *m) {
  tb_mem_clear_faults(m->img);
}

static bool test_mem_read64(void *ctx, uint64_t addr, uint64_t *data) {
  test_mem_t *m = ctx;
  m->reads++;
  return tb_mem_read64(m->img, addr, data);
}

static bool test_mem_write64(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  test_mem_t *m = ctx;
  m->writes++;
  return tb_mem_write64(m->img, addr, data, be);
}

cm_mem_ops_t test_mem_ops(test_mem_t *m) {
  cm_mem_ops_t ops = {m, test_mem_read64, test_mem_write64};
  return ops;
}

size_t test_mem_reads(const test_mem_t *m) {
  return m->reads;
}
size_t test_mem_writes(const test_mem_t *m) {
  return m->writes;
}

bool test_mem_zero_page(void *ctx, uint64_t addr, uint64_t faults[CM_PAGE_BEAT_WORDS]) {
  test_mem_t *m = ctx;
  bool done = tb_mem_zero_page(m->img, addr, faults);
  m->zero_pages += done ? 1 : 0;
  return done;
}

size_t test_mem_zero_pages(const test_mem_t *m) {
  return m->zero_pages;
}

// SPDX-License-Identifier: Apache-2.0
// Sparse test memory: 4 KiB pages in an open-addressing hash table.
#include "test_mem.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEST_MEM_PAGE 4096u
#define TEST_MEM_MAX_FAULTS 16

typedef struct {
  uint64_t key;  // page number + 1 (0 = empty slot)
  uint8_t *data;
} test_mem_page_t;

struct test_mem {
  test_mem_page_t *pages;
  size_t cap;
  size_t used;
  uint64_t fault_lo[TEST_MEM_MAX_FAULTS];
  uint64_t fault_hi[TEST_MEM_MAX_FAULTS];
  int n_faults;
  size_t reads;
  size_t writes;
};

static void *test_mem_xcalloc(size_t n, size_t size) {
  void *p = calloc(n, size);
  if (p == NULL) {
    fprintf(stderr, "test_mem: out of memory\n");
    exit(1);
  }
  return p;
}

test_mem_t *test_mem_new(void) {
  test_mem_t *m = test_mem_xcalloc(1, sizeof(*m));
  m->cap = 256;
  m->pages = test_mem_xcalloc(m->cap, sizeof(*m->pages));
  return m;
}

void test_mem_free(test_mem_t *m) {
  if (m == NULL) {
    return;
  }
  for (size_t i = 0; i < m->cap; i++) {
    free(m->pages[i].data);
  }
  free(m->pages);
  free(m);
}

static size_t test_mem_slot(const test_mem_t *m, uint64_t key) {
  size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (m->cap - 1);
  while (m->pages[i].key != 0 && m->pages[i].key != key) {
    i = (i + 1) & (m->cap - 1);
  }
  return i;
}

static void test_mem_grow(test_mem_t *m) {
  test_mem_page_t *old = m->pages;
  size_t old_cap = m->cap;
  m->cap *= 2;
  m->pages = test_mem_xcalloc(m->cap, sizeof(*m->pages));
  for (size_t i = 0; i < old_cap; i++) {
    if (old[i].key != 0) {
      m->pages[test_mem_slot(m, old[i].key)] = old[i];
    }
  }
  free(old);
}

// Returns the byte at `addr`, creating its page when `create` is set (else NULL if absent).
static uint8_t *test_mem_byte(test_mem_t *m, uint64_t addr, bool create) {
  uint64_t key = (addr / TEST_MEM_PAGE) + 1;
  size_t i = test_mem_slot(m, key);
  if (m->pages[i].key == 0) {
    if (!create) {
      return NULL;
    }
    if (2 * (m->used + 1) > m->cap) {
      test_mem_grow(m);
      i = test_mem_slot(m, key);
    }
    m->pages[i].key = key;
    m->pages[i].data = test_mem_xcalloc(1, TEST_MEM_PAGE);
    m->used++;
  }
  return &m->pages[i].data[addr % TEST_MEM_PAGE];
}

void test_mem_write(test_mem_t *m, uint64_t addr, uint64_t value, unsigned size) {
  for (unsigned i = 0; i < size; i++) {
    *test_mem_byte(m, addr + i, true) = (uint8_t)(value >> (8 * i));
  }
}

uint64_t test_mem_read(test_mem_t *m, uint64_t addr, unsigned size) {
  uint64_t v = 0;
  for (unsigned i = 0; i < size; i++) {
    const uint8_t *b = test_mem_byte(m, addr + i, false);
    v |= (uint64_t)(b != NULL ? *b : 0) << (8 * i);
  }
  return v;
}

void test_mem_add_fault(test_mem_t *m, uint64_t lo, uint64_t hi) {
  if (m->n_faults < TEST_MEM_MAX_FAULTS) {
    m->fault_lo[m->n_faults] = lo;
    m->fault_hi[m->n_faults] = hi;
    m->n_faults++;
  }
}

void test_mem_clear_faults(test_mem_t *m) {
  m->n_faults = 0;
}

static bool test_mem_faults(const test_mem_t *m, uint64_t addr) {
  for (int i = 0; i < m->n_faults; i++) {
    if (addr >= m->fault_lo[i] && addr < m->fault_hi[i]) {
      return true;
    }
  }
  return false;
}

static bool test_mem_read64(void *ctx, uint64_t addr, uint64_t *data) {
  test_mem_t *m = ctx;
  m->reads++;
  if ((addr & 7) != 0 || test_mem_faults(m, addr)) {
    *data = 0;
    return false;
  }
  *data = test_mem_read(m, addr, 8);
  return true;
}

static bool test_mem_write64(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  test_mem_t *m = ctx;
  m->writes++;
  if ((addr & 7) != 0 || test_mem_faults(m, addr)) {
    return false;
  }
  for (unsigned i = 0; i < 8; i++) {
    if (be & (1u << i)) {
      test_mem_write(m, addr + i, data >> (8 * i), 1);
    }
  }
  return true;
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

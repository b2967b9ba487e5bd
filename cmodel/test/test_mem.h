// SPDX-License-Identifier: Apache-2.0
// Sparse test memory behind cm_mem_ops_t, with fault-injection ranges and a write log.
#ifndef TEST_MEM_H
#define TEST_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "cm_mem.h"
#include "tb_mem.h"  // tb_fault_kind_t

typedef struct test_mem test_mem_t;

/** A new, all-zero memory. Aborts the test on allocation failure. */
test_mem_t *test_mem_new(void);
void test_mem_free(test_mem_t *m);
/** Callbacks that reach `m`. */
cm_mem_ops_t test_mem_ops(test_mem_t *m);

/** Direct (untracked, never faulting) access for test set-up and checks; any alignment. */
void test_mem_write(test_mem_t *m, uint64_t addr, uint64_t value, unsigned size);
uint64_t test_mem_read(test_mem_t *m, uint64_t addr, unsigned size);

/** Beats whose address lies in [lo, hi) fault from now on (reads and writes alike). */
void test_mem_add_fault(test_mem_t *m, uint64_t lo, uint64_t hi);
/** A fault range of one kind (tb_mem_add_fault_kind). */
void test_mem_add_fault_kind(test_mem_t *m, uint64_t lo, uint64_t hi, tb_fault_kind_t kind);
void test_mem_clear_faults(test_mem_t *m);
/** The bytes the image holds (tb_mem_bytes): grows with each page created. */
uint64_t test_mem_bytes(const test_mem_t *m);

/** Counts of beats seen through the callbacks (faulting ones included). */
size_t test_mem_reads(const test_mem_t *m);
size_t test_mem_writes(const test_mem_t *m);

/** The page-clearing call of the bench memory (tb_mem_zero_page) on `ctx`, a test_mem_t, counted
 *  when it clears the page (test_mem_zero_pages). */
bool test_mem_zero_page(void *ctx, uint64_t addr, uint64_t faults[CM_PAGE_BEAT_WORDS]);
size_t test_mem_zero_pages(const test_mem_t *m);

#endif  // TEST_MEM_H

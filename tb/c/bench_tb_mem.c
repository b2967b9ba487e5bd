// SPDX-License-Identifier: Apache-2.0
// Benchmark of the bench memory (tb_mem.c): 64-bit writes and reads spread over 256 sparse
// pages (1 MiB), as the models and the DUT-side slave issue them. Prints one figure a line.
//
// `bench_tb_mem --ops N` does N writes, then N reads, each through bench_measured_write64() or
// bench_measured_read64(), and prints nothing; scripts/bench.sh counts the instructions inside
// each with callgrind (--toggle-collect) for the instructions per 64-bit write and read.
// A benchmark prints figures; it never passes or fails on time.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "tb_mem.h"

#define BENCH_BASE 0x40000000ull
#define BENCH_SPAN (256ull * 4096)  // 256 pages

// The accesses callgrind counts (separate symbols, never inlined).
bool bench_measured_write64(tb_mem_t *m, uint64_t addr, uint64_t data, uint8_t be);
bool bench_measured_read64(tb_mem_t *m, uint64_t addr, uint64_t *data);
__attribute__((noinline)) bool bench_measured_write64(tb_mem_t *m, uint64_t addr, uint64_t data,
                                                      uint8_t be) {
  return tb_mem_write64(m, addr, data, be);
}
__attribute__((noinline)) bool bench_measured_read64(tb_mem_t *m, uint64_t addr, uint64_t *data) {
  return tb_mem_read64(m, addr, data);
}

// Access i: mostly sequential beats within a page (a table entry, a message), a new page
// every 8 beats; byte enables as the models use them (full beats, ITE halves, a flags byte).
static uint64_t bench_addr(unsigned long i) {
  uint64_t page = ((i / 8) * 2654435761u) % (BENCH_SPAN / 4096);
  return BENCH_BASE + page * 4096 + ((i * 8) % 4096);
}

static const uint8_t bench_be[8] = {0xFF, 0xFF, 0x0F, 0xFF, 0xF0, 0xFF, 0x20, 0xFF};

static unsigned long bench_run(tb_mem_t *m, unsigned long n, uint64_t *sum) {
  unsigned long ok = 0;
  for (unsigned long i = 0; i < n; i++) {
    ok += bench_measured_write64(m, bench_addr(i), i * 0x9E3779B97F4A7C15ull, bench_be[i % 8]);
  }
  for (unsigned long i = 0; i < n; i++) {
    uint64_t v;
    ok += bench_measured_read64(m, bench_addr(i), &v);
    *sum += v;
  }
  return ok;
}

static double bench_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  tb_mem_t *m = tb_mem_new();
  uint64_t sum = 0;
  if (argc == 3 && strcmp(argv[1], "--ops") == 0) {
    unsigned long n = strtoul(argv[2], NULL, 0);
    bool ok = bench_run(m, n, &sum) == 2 * n;
    tb_mem_free(m);
    return ok ? 0 : 1;
  }
  unsigned long n = 20000000;
  double t0 = bench_seconds();
  unsigned long done = bench_run(m, n, &sum);
  double dt = bench_seconds() - t0;
  printf("tb_mem: 64-bit accesses per second (half writes, half reads, 256 pages): %.0f\n",
         (double)done / dt);
  tb_mem_free(m);
  return done == 2 * n && sum != 1 ? 0 : 1;
}

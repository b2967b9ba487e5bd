// SPDX-License-Identifier: Apache-2.0
// ITS model benchmark: commands per second and MSI translations per second on a realistic
// table set (4096 devices x 32 events over 4 redistributors). Prints one figure a line.
// `bench_its --translate-only N` runs N translations after set-up and prints nothing else;
// scripts/bench.sh runs it under callgrind (--toggle-collect=its_translate) for the
// instructions per translation. `bench_its --cmd-only OP N` (OP: MAPTI, INT or MOVI) runs N
// commands of one kind after set-up, each through bench_measured_step(); scripts/bench.sh
// counts the instructions inside that function (--toggle-collect=bench_measured_step), so the
// figure per command covers the fetch, the lookups, the table writes and the retire record,
// and leaves out the set-up commands and the queue writes the bench makes as the driver.
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "its.h"

#define BENCH_MEM_BYTES (16u << 20)
#define BENCH_QUEUE 0x100000u  // 64 KiB command queue
#define BENCH_DT 0x200000u     // flat device table, one 64 KiB page
#define BENCH_CT 0x210000u     // flat collection table
#define BENCH_ITT 0x400000u    // ITTs, 512 bytes each (32 events x 12 bytes, 256-aligned)
#define BENCH_DEVICES 4096u
#define BENCH_EVENTS 32u
#define BENCH_RDS 4u

typedef struct {
  uint8_t *bytes;
} bench_mem_t;

static bool bench_read64(void *ctx, uint64_t addr, uint64_t *data) {
  bench_mem_t *m = ctx;
  if (addr + 8 > BENCH_MEM_BYTES) {
    return false;
  }
  memcpy(data, m->bytes + addr, 8);
  return true;
}

// Whole-beat merge under the byte enables (byte lane k is bit k of `be`; little-endian host).
static bool bench_write64(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  bench_mem_t *m = ctx;
  if (addr + 8 > BENCH_MEM_BYTES) {
    return false;
  }
  uint64_t mask = cm_be_mask(be);
  uint64_t old;
  memcpy(&old, m->bytes + addr, 8);
  old = (old & ~mask) | (data & mask);
  memcpy(m->bytes + addr, &old, 8);
  return true;
}

static double bench_now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

static void bench_drain(its_t *its) {
  its_event_t ev;
  while (its_pop_event(its, &ev)) {
  }
}

typedef struct {
  its_t *its;
  bench_mem_t *mem;
  uint32_t cwriter;
} bench_q_t;

// The one step callgrind counts in --cmd-only mode (a separate symbol, never inlined).
its_step_t bench_measured_step(its_t *its);
__attribute__((noinline)) its_step_t bench_measured_step(its_t *its) {
  return its_step(its);
}

// Queues one command and runs it (through `step`); returns the step result.
static its_step_t bench_cmd_with(bench_q_t *q, uint8_t opcode, its_cmd_fields_t f,
                                 its_step_t (*step)(its_t *)) {
  uint64_t dw[4];
  its_cmd_encode(opcode, &f, dw);
  memcpy(q->mem->bytes + BENCH_QUEUE + q->cwriter, dw, sizeof(dw));
  q->cwriter = (q->cwriter + 32) % 0x10000u;
  its_reg_write(q->its, ITS_GITS_CWRITER, q->cwriter, 8, 0);
  its_step_t s = step(q->its);
  bench_drain(q->its);
  return s;
}

static its_step_t bench_cmd(bench_q_t *q, uint8_t opcode, its_cmd_fields_t f) {
  return bench_cmd_with(q, opcode, f, its_step);
}

// --cmd-only: `n` commands of one kind over the mapped tables; false when one does not succeed.
// MAPTI remaps mapped events (an ITE write), INT looks both tables up and sends SET, MOVI moves
// an event to the next collection (a MOVE event and an ITE write).
static bool bench_cmd_only(bench_q_t *q, const char *name, unsigned long n) {
  uint8_t op;
  if (strcmp(name, "MAPTI") == 0) {
    op = ITS_CMD_MAPTI;
  } else if (strcmp(name, "INT") == 0) {
    op = ITS_CMD_INT;
  } else if (strcmp(name, "MOVI") == 0) {
    op = ITS_CMD_MOVI;
  } else {
    fprintf(stderr, "bench_its: --cmd-only takes MAPTI, INT or MOVI\n");
    return false;
  }
  static uint32_t moved[BENCH_DEVICES][BENCH_EVENTS];  // MOVI: moves so far per event
  for (unsigned long i = 0; i < n; i++) {
    uint64_t d = (i * 2654435761u) % BENCH_DEVICES;
    uint64_t e = i % BENCH_EVENTS;
    its_cmd_fields_t f = {.dev = d, .ev = e};
    if (op == ITS_CMD_MAPTI) {
      f.intid = 8192 + (d * BENCH_EVENTS + e + i) % 57344;
      f.icid = (d + e) % BENCH_RDS;
    } else if (op == ITS_CMD_MOVI) {
      f.icid = (d + e + ++moved[d][e]) % BENCH_RDS;  // the set-up mapped it to (d + e) % RDS
    }
    if (bench_cmd_with(q, op, f, bench_measured_step) != ITS_STEP_OK) {
      fprintf(stderr, "bench_its: %s failed\n", name);
      return false;
    }
  }
  return true;
}

// Maps every device, collection and event; returns the number of commands run.
static unsigned bench_setup(bench_q_t *q) {
  its_t *its = q->its;
  its_reg_write(its, ITS_GITS_BASER(0), ITS_GITS_BASER0_RESET | (1ull << 63) | BENCH_DT, 8, 0);
  its_reg_write(its, ITS_GITS_BASER(1), ITS_GITS_BASER1_RESET | (1ull << 63) | BENCH_CT, 8, 0);
  its_reg_write(its, ITS_GITS_CBASER, (1ull << 63) | BENCH_QUEUE | 15, 8, 0);
  its_reg_write(its, ITS_GITS_CTLR, 1, 4, 0);
  unsigned n = 0;
  unsigned bad = 0;
  for (uint64_t c = 0; c < BENCH_RDS; c++, n++) {
    bad +=
        bench_cmd(q, ITS_CMD_MAPC, (its_cmd_fields_t){.icid = c, .rd = c, .v = 1}) != ITS_STEP_OK;
  }
  for (uint64_t d = 0; d < BENCH_DEVICES; d++) {
    uint64_t itt = BENCH_ITT + d * 512;
    bad += bench_cmd(q, ITS_CMD_MAPD,
                     (its_cmd_fields_t){.dev = d, .size = 4, .itt = itt, .v = 1}) != ITS_STEP_OK;
    n++;
    for (uint64_t e = 0; e < BENCH_EVENTS; e++, n++) {
      uint64_t intid = 8192 + (d * BENCH_EVENTS + e) % 57344;
      its_cmd_fields_t f = {.dev = d, .ev = e, .intid = intid, .icid = (d + e) % BENCH_RDS};
      bad += bench_cmd(q, ITS_CMD_MAPTI, f) != ITS_STEP_OK;
    }
  }
  if (bad != 0) {
    fprintf(stderr, "bench_its: %u set-up commands did not succeed\n", bad);
    exit(1);
  }
  return n;
}

// Runs `n` translations over a pseudo-random (device, event) sequence; returns successes.
static unsigned long bench_translate(its_t *its, unsigned long n) {
  uint32_t x = 12345;
  unsigned long ok = 0;
  for (unsigned long i = 0; i < n; i++) {
    x = x * 1664525u + 1013904223u;
    uint32_t dev = (x >> 8) % BENCH_DEVICES;
    uint32_t ev = (x >> 24) % BENCH_EVENTS;
    ok += its_translate(its, ITS_RT_MSI, dev, ev, NULL, NULL) == ITS_OUT_OK;
    bench_drain(its);
  }
  return ok;
}

int main(int argc, char **argv) {
  bench_mem_t mem = {calloc(1, BENCH_MEM_BYTES)};
  cm_mem_ops_t ops = {&mem, bench_read64, bench_write64};
  its_config_t cfg = {BENCH_RDS};
  its_t *its = NULL;
  if (mem.bytes == NULL || its_create(&cfg, &ops, &its) != ITS_OK) {
    fprintf(stderr, "bench_its: set-up failed\n");
    return 1;
  }
  bench_q_t q = {its, &mem, 0};
  if (argc == 3 && strcmp(argv[1], "--translate-only") == 0) {
    bench_setup(&q);
    unsigned long n = strtoul(argv[2], NULL, 0);
    return bench_translate(its, n) == n ? 0 : 1;
  }
  if (argc == 4 && strcmp(argv[1], "--cmd-only") == 0) {
    bench_setup(&q);
    return bench_cmd_only(&q, argv[2], strtoul(argv[3], NULL, 0)) ? 0 : 1;
  }

  double t0 = bench_now();
  unsigned cmds = bench_setup(&q);
  double t1 = bench_now();
  // INT commands over the same tables: lookups plus an event, no table writes.
  unsigned ints = 0;
  for (uint64_t i = 0; i < 200000; i++, ints++) {
    uint64_t d = (i * 2654435761u) % BENCH_DEVICES;
    if (bench_cmd(&q, ITS_CMD_INT, (its_cmd_fields_t){.dev = d, .ev = i % BENCH_EVENTS}) !=
        ITS_STEP_OK) {
      fprintf(stderr, "bench_its: INT failed\n");
      return 1;
    }
  }
  double t2 = bench_now();
  unsigned long n = 2000000;
  unsigned long ok = bench_translate(its, n);
  double t3 = bench_now();
  if (ok != n) {
    fprintf(stderr, "bench_its: %lu of %lu translations failed\n", n - ok, n);
    return 1;
  }
  printf("its model: table set: %u devices x %u events, %u redistributors\n", BENCH_DEVICES,
         BENCH_EVENTS, BENCH_RDS);
  printf("its model: map commands per second (MAPC/MAPD/MAPTI): %.0f\n", cmds / (t1 - t0));
  printf("its model: INT commands per second: %.0f\n", ints / (t2 - t1));
  printf("its model: MSI translations per second: %.0f\n", n / (t3 - t2));
  its_destroy(its);
  free(mem.bytes);
  return 0;
}

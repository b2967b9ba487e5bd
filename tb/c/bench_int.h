// SPDX-License-Identifier: Apache-2.0
// Lockstep bench internals shared by bench.c (executor, reports), sb_its.c and sb_stimer.c.
#ifndef BENCH_INT_H
#define BENCH_INT_H

#include "bench.h"

#define BENCH_HIST 12
#define BENCH_FIFO 1024

/** One compared field of a mismatch report. */
typedef struct {
  const char *name;
  uint64_t expected;  // the model
  uint64_t actual;    // the DUT
} bench_field_t;

typedef struct {
  uint32_t devid;
  uint32_t eventid;
} bench_msi_t;

typedef struct {
  uint32_t kind, rd, rd2, intid;
} bench_rd_t;

typedef struct {
  uint32_t vp, vector;
  bool auto_eoi;
} bench_irq_t;

/** A bounded FIFO of DUT outputs waiting to be compared at the next retire. */
#define BENCH_QUEUE(name, type) \
  typedef struct {              \
    type v[BENCH_FIFO];         \
    unsigned head, n;           \
  } name

BENCH_QUEUE(bench_beatq_t, tb_beat_t);
BENCH_QUEUE(bench_rdq_t, bench_rd_t);
BENCH_QUEUE(bench_irqq_t, bench_irq_t);
BENCH_QUEUE(bench_msiq_t, bench_msi_t);

#define BENCH_PUSH(q, x)                                                                   \
  do {                                                                                     \
    if ((q).n < BENCH_FIFO) {                                                              \
      (q).v[((q).head + (q).n) % BENCH_FIFO] = (x);                                        \
      (q).n++;                                                                             \
    } else {                                                                               \
      bench_fatal("bench FIFO overflow (" #q "): the DUT emits outputs without retiring"); \
    }                                                                                      \
  } while (0)
#define BENCH_POP(q, x)                     \
  do {                                      \
    (x) = (q).v[(q).head];                  \
    (q).head = ((q).head + 1) % BENCH_FIFO; \
    (q).n--;                                \
  } while (0)

/** Kinds of history records: raw fields now, text only when a report prints them. */
typedef enum {
  BENCH_H_ITS_RETIRE = 1,  // kind, offset, opcode, outcome, error, (devid << 32 | eventid)
  BENCH_H_ITS_READ,        // addr, data
  BENCH_H_ITS_WRITE,       // addr, value, size, bus error
  BENCH_H_ST_PASS,         // now
  BENCH_H_ST_ATTEMPT,      // vp, timer, outcome, now, write beats, interrupts
  BENCH_H_ST_EOI,          // vp, vector
  BENCH_H_ST_READ,         // vp, msr, value, #GP
  BENCH_H_ST_WRITE         // vp, msr, value, #GP, write beats
} bench_hist_kind_t;

typedef struct {
  bench_hist_kind_t kind;
  uint64_t cycle;
  uint64_t op;
  uint64_t a[6];
  uint32_t n_writes, n_events;
} bench_hist_t;

typedef struct {
  // What runs.
  char test[256];
  char scn_path[512];
  uint64_t seed;
  bool random;
  unsigned random_ops;
  scn_t scn;
  // Options.
  bool lockstep;
  unsigned max_mismatch;
  char trace[512];
  uint64_t trace_start, trace_end;
  char cov[512];   // --cov: Verilator coverage data (coverage builds)
  char fcov[512];  // --fcov: functional coverage counts (fcov.c)
  uint64_t watchdog;
  bool verbose;
  char exe[512];
  char ops_arg[32];
  // RTL parameters (from the harness) and the model.
  bool configured;
  uint32_t num_rd, num_vp;
  bool feat_direct, scontrol_gate;
  its_t *its;
  stimer_t *st;
  // Run state.
  bool started;
  bool done;
  int failures;
  uint64_t cycle;
  uint64_t ops_compared;
  uint64_t lockstep_ns;  // time spent stepping and comparing the model
  uint64_t last_progress;
  size_t op_idx;
  int phase;
  unsigned phase_count;
  unsigned settle;
  bool dut_busy;
  // Drivers.
  bench_apb_t apb;
  bool apb_done;
  uint64_t apb_rdata;
  bool apb_slverr;
  bool translater_retired;
  bench_in_t in;
  tb_rand_t rng;
  // Memories.
  tb_mem_t *dut_mem, *model_mem;
  tb_slave_t *slave;
  // ITS scoreboard.
  bench_beatq_t dut_writes;
  bench_rdq_t dut_rd;
  bench_msiq_t msis;
  uint64_t creadr;  // from DUT retire records
  bool stalled;
  // stimer scoreboard.
  bench_irqq_t dut_irqs;
  uint64_t simp[256];  // shadow of the SIMP values written
  uint64_t last_pass_now;
  bool st_input_since_pass;  // an MSR write or EOI reached the model since the last PASS
  bool seen_pass;
  // Outputs for expect lines, and the history for reports.
  obs_log_t log;
  bench_hist_t hist[BENCH_HIST];
  unsigned hist_n;
} bench_t;

extern bench_t bench_g;

void bench_fatal(const char *msg);
void bench_hist_format(const bench_hist_t *h, char *buf, size_t len);
/** Prints the mismatch report; `fields` may be NULL. Ends the run past --max-mismatch. */
void bench_mismatch(const char *what, const bench_field_t *fields, size_t n, const char *detail);

/** Records one compared operation in the history ring (cheap: no formatting). */
void bench_hist(bench_hist_kind_t kind, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                uint64_t a4, uint64_t a5);
/** Compares DUT write beats against the model's, field by field; false after a report. */
bool bench_cmp_writes(bench_beatq_t *dut, const cm_mem_write_t *model, size_t n, const char *op);
void bench_progress(void);
/** Monotonic nanoseconds, for the lockstep share of run time. */
uint64_t bench_ns(void);

// sb_its.c / sb_stimer.c
void sb_its_edge(const bench_its_out_t *out);
bool sb_its_idle(void);
void sb_its_apb_done(void);
void sb_st_edge(const bench_st_out_t *out);
bool sb_st_idle(void);
void sb_st_apb_done(void);
/** End-of-test checks of the scoreboard (leftover outputs, model work). */
void sb_its_final(void);
void sb_st_final(void);

#endif  // BENCH_INT_H

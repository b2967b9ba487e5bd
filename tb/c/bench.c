// SPDX-License-Identifier: Apache-2.0
// Lockstep harness (bench.h): command line, stop decision, watchdog, reports, summary.
#include "bench.h"

#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <unistd.h>

#include "exec.h"
#include "fcov.h"
#include "gen.h"
#include "recorder.h"
#include "result.h"
#include "wave_save.h"

#define BENCH_TRACE_WINDOW 100000ull  // cycles --trace covers when no window is given
#define BENCH_TRACE_RUNON 1000ull     // at most this many cycles traced past the end of the run
#define BENCH_WATCHDOG_BASE 20000ull
#define BENCH_WATCHDOG_PER_LATENCY 16ull  // per cycle of configured memory latency
#define BENCH_MAX_OPS 1000000000ull       // memory does not grow with it (gen.h)
#define BENCH_MAX_CYCLES 200000000ull
#define BENCH_CYCLES_PER_OP 400ull    // a random draw takes about 25 cycles
#define BENCH_RECORD_RUNON 100000ull  // --record: cycles the encoder gets to drain after the end

struct bench {
  // What runs.
  char test[256];
  char scn_path[512];
  uint64_t seed;
  bool random;
  uint64_t random_ops;
  bool ops_given;  // --ops was given (a random test's only)
  scn_t scn;
  // Options.
  bool lockstep;
  uint64_t max_mismatch;
  char trace[512];
  uint64_t trace_start, trace_end;
  char cov[512];          // --cov: Verilator coverage data (coverage builds)
  char fcov_path[512];    // --fcov: functional coverage counts
  char result[512];       // --result: the machine-readable result (result.h)
  char record[512];       // --record: the trace encoder's stream (recorder.h, docs/trace.md)
  uint64_t record_stall;  // --record-stall: percent of cycles the capture is not ready
  tb_recorder_t *rec;
  uint64_t watchdog;
  bool watchdog_given;
  uint64_t stall;         // --stall: cycles one operation may take, bus activity or not (0: off)
  uint64_t longest_op;    // the most cycles one operation took (the end-of-test wait included)
  size_t longest_op_idx;  // that operation's number (1-based)
  bool verbose;
  bool strict;  // --strict: every block's outputs must be matched (docs/scenarios.md)
  char exe[512];
  char ops_arg[48 + 512];  // a random test's rerun options: --ops, --gen-weights
  char weights[512];       // --gen-weights: the random generator's weights (gen.h)
  // The run.
  fcov_t *fcov;
  obs_log_t log;
  rtl_be_t *rtl;
  its_lockstep_t *its;  // the checker of the block under test (the other is NULL)
  stimer_lockstep_t *st;
  exec_t *ex;
  bool configured;
  bool skipped;
  bool usage_error;  // an option this build cannot honour (exit 2, no result file)
  bool ops_finished;
  bool done;
  uint64_t done_cycle;
  uint64_t failures;
  size_t last_ops;
  uint64_t last_progress;
  uint64_t hist_printed;
  // For the result file: the first report, its waves window and rerun command, a skip reason.
  char first_mismatch[400];
  char rerun_waves[1400];
  uint64_t waves_start, waves_end;
  char skip_reason[400];
  // The waveform (tb.sv `*_exp_*`, `*_act_*`, `*_mismatch`; the save file beside a trace).
  uint64_t wave_seq;    // the checker's ls_wave_t seq the harness last copied
  bool wave_mismatch;   // what the harness's `mismatch` signal shows
  uint64_t fail_cycle;  // the first report: its cycle, failing interface, the agreeing history
  unsigned fail_iface;
  bool fail_check;  // the first failure is a scenario check's (wave_save_t.check)
  wave_mark_t marks[WAVE_MAX_MARKS];
  size_t n_marks;
};

// ---- A loop inside one clock edge (--stall) ----

// A loop in the model or the checker within one clock edge advances no cycle, so neither the
// watchdog nor the stall check sees it. With --stall, a CPU-time timer (ITIMER_VIRTUAL: the
// process's own user time, whatever the load) ticks every BENCH_EDGE_CPU_S seconds of it and
// fails the run when no edge began within a whole period; an edge takes microseconds. Disarmed
// when the run finishes (writing the results is no edge).
#define BENCH_EDGE_CPU_S 1
static volatile sig_atomic_t bench_edge_seen;

static void bench_cpu_tick(int sig) {
  (void)sig;
  if (!bench_edge_seen) {
    static const char msg[] =
        "FAIL: stall: no clock edge began in 1 s of CPU time (--stall): a loop in the model or "
        "the checker, a hang\n";
    ssize_t n = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
    (void)n;
    _exit(1);
  }
  bench_edge_seen = 0;
}

static bool bench_arm_cpu_check(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = bench_cpu_tick;
  sigemptyset(&sa.sa_mask);
  struct itimerval it = {{BENCH_EDGE_CPU_S, 0}, {BENCH_EDGE_CPU_S, 0}};
  bench_edge_seen = 1;  // the first period includes loading the test
  return sigaction(SIGVTALRM, &sa, NULL) == 0 && setitimer(ITIMER_VIRTUAL, &it, NULL) == 0;
}

// ---- Command line ----

static void bench_usage(const char *argv0) {
  fprintf(stderr,
          "usage: %s --test FILE.scn | --test random-its | --test random-stimer\n"
          "          [--seed N] [--ops N] [--no-lockstep] [--max-mismatch N]\n"
          "          [--trace FILE.fst [--trace-start CYCLE] [--trace-end CYCLE]]\n"
          "          [--watchdog CYCLES] [--stall CYCLES] [--verbose] [--strict]\n"
          "          [--fcov FILE] [--cov FILE]\n"
          "          [--result FILE] [--record FILE [--record-stall PCT]]\n"
          "          [--gen-weights NAME=W,...]\n"
          "  --seed N          0..2^64-1 (default 1): random stimulus, back-pressure, X init\n"
          "  --ops N           1..%llu operations of a random test (default 400)\n"
          "  --gen-weights W   a random test's generator weights, NAME=N,... (names and defaults:\n"
          "                    docs/testplan.md, \"The random ITS generator\")\n"
          "  --no-lockstep     compare nothing: the model only follows the DUT (for timing)\n"
          "  --strict          strict mode, as a `strict` line in the scenario: an output no\n"
          "                    `expect` of its block matched fails the run\n"
          "  --max-mismatch N  1..1000000 failures reported before the run stops (default 1)\n"
          "  --trace FILE      write an FST window: cycles CYCLE..CYCLE (--trace-start and\n"
          "                    --trace-end); either one alone spans %llu cycles, neither means\n"
          "                    0..%llu; the run goes on at most %llu cycles past its end\n"
          "  --watchdog N      1..1000000000 cycles without DUT bus activity that fail the run\n"
          "                    (default %llu + %llu x the scenario's mem_latency)\n"
          "  --stall N         1..10^12 cycles one operation may take, the end-of-test wait for\n"
          "                    idle included, with DUT bus activity or without (a livelock\n"
          "                    the watchdog does not see); prints the longest operation;\n"
          "                    and fails a run with no clock edge in 1 s of CPU time (a loop)\n"
          "  --fcov FILE       write the functional coverage bin counts (name count lines)\n"
          "  --cov FILE        write Verilator line/toggle coverage (tb_sim_cov builds only), and\n"
          "                    FILE.reset: the counts when the power-on reset ended\n"
          "  --result FILE     write the verdict as JSON (status, first mismatch, seed, cycles,\n"
          "                    operations, rerun command; docs/bench.md)\n"
          "  --record FILE     capture the trace encoder's stream of the DUT under test, for\n"
          "                    the offline replay (build/cmake/tb/replay FILE; docs/trace.md)\n"
          "  --record-stall P  0..100: percent of cycles the capture is not ready (tests the\n"
          "                    encoder's FIFO and overflow marker; default 0)\n"
          "  --gen-weights W   a random test's weights per kind of operation, e.g.\n"
          "                    stimer.ack=0,stimer.reset=20 (names, defaults: docs/testplan.md)\n",
          argv0, BENCH_MAX_OPS, BENCH_TRACE_WINDOW, BENCH_TRACE_WINDOW, BENCH_TRACE_RUNON,
          BENCH_WATCHDOG_BASE, BENCH_WATCHDOG_PER_LATENCY);
}

typedef struct {
  const char *name;
  uint64_t lo, hi;
  uint64_t *dst;
  bool *given;
} bench_numopt_t;

typedef struct {
  const char *name;
  char *dst;
  size_t size;
} bench_stropt_t;

// Parses the options; returns -1 to go on, else the exit code.
static int bench_parse(bench_t *b, int argc, char **argv, const char **test) {
  bool seen[8] = {false};
  const bench_numopt_t nums[] = {
      {"--seed", 0, UINT64_MAX, &b->seed, &seen[0]},
      {"--ops", 1, BENCH_MAX_OPS, &b->random_ops, &seen[1]},
      {"--max-mismatch", 1, 1000000, &b->max_mismatch, &seen[2]},
      {"--trace-start", 0, UINT64_MAX, &b->trace_start, &seen[3]},
      {"--trace-end", 0, UINT64_MAX, &b->trace_end, &seen[4]},
      {"--watchdog", 1, 1000000000, &b->watchdog, &seen[5]},
      {"--record-stall", 0, 100, &b->record_stall, &seen[6]},
      {"--stall", 1, 1000000000000ull, &b->stall, &seen[7]},
  };
  const bench_stropt_t strs[] = {{"--trace", b->trace, sizeof(b->trace)},
                                 {"--cov", b->cov, sizeof(b->cov)},
                                 {"--fcov", b->fcov_path, sizeof(b->fcov_path)},
                                 {"--result", b->result, sizeof(b->result)},
                                 {"--record", b->record, sizeof(b->record)},
                                 {"--gen-weights", b->weights, sizeof(b->weights)}};
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    if (strncmp(a, "+verilator", 10) == 0) {
      continue;  // Verilator's own plusargs
    }
    if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
      bench_usage(argv[0]);
      return 0;
    }
    if (strcmp(a, "--no-lockstep") == 0) {
      b->lockstep = false;
      continue;
    }
    if (strcmp(a, "--verbose") == 0) {
      b->verbose = true;
      continue;
    }
    if (strcmp(a, "--strict") == 0) {
      b->strict = true;
      continue;
    }
    const bench_numopt_t *num = NULL;
    for (size_t k = 0; k < sizeof(nums) / sizeof(nums[0]); k++) {
      if (strcmp(a, nums[k].name) == 0) {
        num = &nums[k];
      }
    }
    const bench_stropt_t *str = NULL;
    for (size_t k = 0; k < sizeof(strs) / sizeof(strs[0]); k++) {
      if (strcmp(a, strs[k].name) == 0) {
        str = &strs[k];
      }
    }
    if (num == NULL && str == NULL && strcmp(a, "--test") != 0) {
      fprintf(stderr, "%s: unknown option '%s' (--help lists them)\n", argv[0], a);
      return 2;
    }
    if (v == NULL) {
      fprintf(stderr, "%s: %s: expected a value after it\n", argv[0], a);
      return 2;
    }
    // An option given twice has two meanings: refuse it rather than let one of them win.
    for (int j = 1; j < i; j++) {
      if (strcmp(argv[j], a) == 0) {
        fprintf(stderr, "%s: %s: expected once, given twice\n", argv[0], a);
        return 2;
      }
    }
    i++;
    if (num != NULL) {
      uint64_t n;
      if (!scn_cli_number(v, &n) || n < num->lo || n > num->hi) {
        fprintf(stderr, "%s: %s: expected a whole number in %" PRIu64 "..%" PRIu64 ", got '%s'\n",
                argv[0], a, num->lo, num->hi, v);
        return 2;
      }
      *num->dst = n;
      *num->given = true;
    } else if (str != NULL) {
      if (strlen(v) >= str->size) {
        fprintf(stderr, "%s: %s: expected at most %zu characters\n", argv[0], a, str->size - 1);
        return 2;
      }
      snprintf(str->dst, str->size, "%s", v);
    } else {
      *test = v;
    }
  }
  // The trace window: bounded whatever is given (--help).
  if (seen[3] && !seen[4]) {
    b->trace_end = b->trace_start > UINT64_MAX - BENCH_TRACE_WINDOW
                       ? UINT64_MAX
                       : b->trace_start + BENCH_TRACE_WINDOW;
  } else if (!seen[3] && seen[4]) {
    b->trace_start = b->trace_end > BENCH_TRACE_WINDOW ? b->trace_end - BENCH_TRACE_WINDOW : 0;
  } else if (!seen[3] && !seen[4]) {
    b->trace_end = BENCH_TRACE_WINDOW;
  }
  if (b->trace_start > b->trace_end) {
    fprintf(stderr, "%s: --trace-start %" PRIu64 " is after --trace-end %" PRIu64 "\n", argv[0],
            b->trace_start, b->trace_end);
    return 2;
  }
  // The rerun command a report prints names a folder of its own: make it.
  if (b->trace[0] != 0 && !wave_mkdirs(b->trace)) {
    fprintf(stderr, "%s: cannot make the folder of --trace %s\n", argv[0], b->trace);
    return 2;
  }
  if (!seen[5]) {
    b->watchdog = 0;  // from the scenario's memory latency, once it is loaded
  }
  b->watchdog_given = seen[5];
  b->ops_given = seen[1];
  if (b->stall != 0 && !bench_arm_cpu_check()) {
    fprintf(stderr, "%s: --stall: cannot arm the CPU-time check\n", argv[0]);
    return 2;
  }
  return -1;
}

static int bench_load(bench_t *b, const char *test) {
  if (strcmp(test, "random-its") == 0 || strcmp(test, "random-stimer") == 0) {
    if (b->strict) {
      // A generated test has no expect lines: strict mode would fail every run.
      fprintf(stderr, "--strict: expected with a scenario file, not a random test\n");
      return 2;
    }
    b->random = true;
    snprintf(b->test, sizeof(b->test), "%s", test);
    snprintf(b->ops_arg, sizeof(b->ops_arg), " --ops %" PRIu64 "%s%s", b->random_ops,
             b->weights[0] != 0 ? " --gen-weights " : "", b->weights);
    // For the default parameters; bench_config generates again for the build's, if they differ.
    char err[300];
    if (!gen_random_opt(strcmp(test, "random-its") == 0 ? SCN_BLOCK_ITS : SCN_BLOCK_STIMER, b->seed,
                        b->random_ops, NULL, b->weights, &b->scn, err, sizeof(err))) {
      fprintf(stderr, "%s\n", err);
      return 2;
    }
    b->log.discard = true;  // no expect line: nothing reads the observations
    return -1;
  }
  if (b->weights[0] != 0 || b->ops_given) {
    // A scenario file's operations are its lines: an option that shapes a random stream only
    // would be ignored, so it is refused (as by scn_model).
    fprintf(stderr, "%s: expected with a random test, not a scenario file\n",
            b->weights[0] != 0 ? "--gen-weights" : "--ops");
    return 2;
  }
  char err[512];
  if (!scn_load(test, &b->scn, err, sizeof(err))) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }
  snprintf(b->scn_path, sizeof(b->scn_path), "%s", test);
  const char *base = strrchr(test, '/');
  snprintf(b->test, sizeof(b->test), "%s", base != NULL ? base + 1 : test);
  char *dot = strrchr(b->test, '.');
  if (dot != NULL) {
    *dot = 0;
  }
  return -1;
}

bench_t *bench_new(int argc, char **argv, int *rc) {
  bench_t *b = calloc(1, sizeof(*b));
  if (b == NULL) {
    *rc = 3;
    return NULL;
  }
  b->lockstep = true;
  b->max_mismatch = 1;
  b->random_ops = 400;
  b->seed = 1;
  snprintf(b->exe, sizeof(b->exe), "%s", argv[0]);
  obs_init(&b->log);
  const char *test = NULL;
  *rc = bench_parse(b, argc, argv, &test);
  if (*rc < 0 && test == NULL) {
    bench_usage(argv[0]);
    *rc = 2;
  }
  char err[1200];
  if (*rc < 0 && b->result[0] != 0 && !tb_result_writable(b->result, err, sizeof(err))) {
    fprintf(stderr, "bench: --result: %s\n", err);  // before the run, not after it
    *rc = 2;
  }
  if (*rc < 0) {
    *rc = bench_load(b, test);
  }
  if (*rc >= 0) {
    obs_free(&b->log);
    gen_random_free(&b->scn);
    scn_free(&b->scn);
    free(b);
    return NULL;
  }
  if (b->watchdog == 0) {
    b->watchdog = BENCH_WATCHDOG_BASE + BENCH_WATCHDOG_PER_LATENCY * b->scn.cfg.mem_latency;
  }
  if (b->fcov_path[0] != 0) {
    b->fcov = fcov_new();
  }
  return b;
}

uint64_t bench_max_cycles(const bench_t *b) {
  return BENCH_MAX_CYCLES + (b->random ? BENCH_CYCLES_PER_OP * b->random_ops : 0);
}

uint64_t bench_seed(const bench_t *b) {
  return b->seed;
}

static uint64_t bench_cycle(const bench_t *b) {
  return b->rtl != NULL ? rtl_be_cycle(b->rtl) : 0;
}

bool bench_done(const bench_t *b) {
  // With a trace window the simulation runs on a little, so the waves show what follows the
  // end or the divergence (no new stimulus; the DUT and the memory keep running).
  if (!b->done) {
    return false;
  }
  if (b->skipped) {
    return true;  // nothing was simulated: no DUT runs on, whatever the trace window says
  }
  if (b->rec != NULL && !tb_recorder_drained(b->rec, b->done_cycle) &&
      bench_cycle(b) < b->done_cycle + BENCH_RECORD_RUNON) {
    return false;  // --record: the encoder still holds transactions of the run
  }
  uint64_t end = b->trace_end;
  if (b->done_cycle < UINT64_MAX - BENCH_TRACE_RUNON && b->done_cycle + BENCH_TRACE_RUNON < end) {
    end = b->done_cycle + BENCH_TRACE_RUNON;
  }
  return b->trace[0] == 0 || bench_cycle(b) >= end;
}

bool bench_trace_cycle(const bench_t *b, uint64_t cycle) {
  return b->trace[0] != 0 && cycle >= b->trace_start && cycle <= b->trace_end;
}

const char *bench_trace_file(const bench_t *b) {
  return b->trace[0] != 0 ? b->trace : NULL;
}

const char *bench_cov_file(const bench_t *b) {
  return b->cov[0] != 0 ? b->cov : NULL;
}

bool bench_reset_done(const bench_t *b) {
  return b->rtl != NULL && rtl_be_started(b->rtl);
}

static const char *bench_block_name(const bench_t *b) {
  return b->scn.block == SCN_BLOCK_ITS ? "its" : "stimer";
}

// ---- Reports ----

// The log of the checker of the DUT under test (errors, history, counters); NULL without one.
static ls_log_t *bench_log(const bench_t *b) {
  if (b->rtl == NULL) {
    return NULL;
  }
  its_lockstep_t *its = rtl_be_its(b->rtl);
  return its != NULL ? its_lockstep_log(its) : stimer_lockstep_log(rtl_be_stimer(b->rtl));
}

static uint64_t bench_compared(const bench_t *b) {
  const ls_log_t *log = bench_log(b);
  return log != NULL ? log->compared : 0;
}

// The checker's history of compared operations: one record as a line.
static void bench_history(const bench_t *b, unsigned i, char *buf, size_t len) {
  its_lockstep_t *its = rtl_be_its(b->rtl);
  if (its != NULL) {
    its_lockstep_history(its, i, buf, len);
  } else {
    stimer_lockstep_history(rtl_be_stimer(b->rtl), i, buf, len);
  }
}

/**
 * The first mismatch as one line, for the result file: the report's headline (the first line of
 * `what`) and every differing field with both values; without fields, `what` with its lines
 * joined by "; ".
 */
static void bench_first_mismatch(bench_t *b, const ls_error_t *e, const char *prefix) {
  ls_error_line(e, prefix, b->first_mismatch, sizeof(b->first_mismatch));
}

/**
 * The interface whose outputs a scenario check of `op` looks at (the failing group of the waves
 * when the model and the DUT agree and the expectation does not): events and interrupts, memory
 * (the message slots too), register and MSR accesses, retire records and delivery attempts.
 */
static unsigned bench_check_iface(const scn_op_t *op) {
  switch (op != NULL ? op->kind : (scn_kind_t)0) {
    case SCN_EXPECT_RD:
    case SCN_EXPECT_IRQ:
      return LS_IF_EVENT;
    case SCN_EXPECT_MEM:
    case SCN_EXPECT_MSG:
    case SCN_EXPECT_SLOT_FREE:
      return LS_IF_MEM;
    case SCN_REG_WRITE:
    case SCN_REG_READ:
    case SCN_MSR_WRITE:
    case SCN_MSR_READ:
      return LS_IF_REG;
    default:
      return LS_IF_RETIRE;  // expect retire, expect attempt, expect none
  }
}

/**
 * The first report, for the save file beside the trace: cycle, interface, agreeing history.
 * `check`: a scenario check failed on `op` (the interface is the one it looks at, unless the
 * checker also found a divergence).
 */
static void bench_wave_first(bench_t *b, const ls_error_t *e, const scn_op_t *op, bool check) {
  b->fail_cycle = e->cycle;
  const ls_log_t *log = bench_log(b);
  b->fail_check = check && (log == NULL || log->wave.failed == LS_IF_NONE);
  b->fail_iface = log != NULL && log->wave.failed != LS_IF_NONE ? log->wave.failed
                  : check                                       ? bench_check_iface(op)
                                                                : LS_IF_OTHER;
  unsigned n = log != NULL ? ls_hist_count(&log->hist) : 0;
  unsigned first = n > WAVE_MAX_MARKS ? n - WAVE_MAX_MARKS : 0;
  b->n_marks = 0;
  for (unsigned i = first; i < n; i++) {
    const ls_hist_t *h = ls_hist_at(&log->hist, i);
    char line[320];
    bench_history(b, i, line, sizeof(line));
    wave_mark_t *m = &b->marks[b->n_marks++];
    m->cycle = h->cycle;
    snprintf(m->label, sizeof(m->label), "%.119s", line);
  }
}

/** Prints the mismatch report of one error record; `op` is the scenario operation, if known. */
static void bench_report(bench_t *b, const ls_error_t *e, const scn_op_t *op, const char *prefix,
                         bool check) {
  b->failures++;
  printf("==================== MISMATCH ====================\n");
  printf("test %s  seed %" PRIu64 "  cycle %" PRIu64 "  time %" PRIu64
         " ns  DUT operation #%" PRIu64 "\n",
         b->test, b->seed, e->cycle, e->cycle * 10, e->op);
  if (op != NULL && op->line != 0) {
    printf("scenario line %u (%s)\n", op->line, scn_kind_name(op->kind));
  }
  printf("%s%s\n", prefix, e->what);
  if (b->first_mismatch[0] == 0) {
    bench_first_mismatch(b, e, prefix);
  }
  if (e->n_fields > 0) {
    printf("  %-16s %-20s %-20s\n", "field", "expected (model)", "actual (DUT)");
    for (size_t i = 0; i < e->n_fields; i++) {
      const ls_field_t *f = &e->field[i];
      printf("  %-16s 0x%-18" PRIx64 " 0x%-18" PRIx64 "%s\n", f->name, f->expected, f->actual,
             f->expected != f->actual ? "  <-- differs" : "");
    }
  }
  if (e->detail[0] != 0) {
    printf("%s\n", e->detail);
  }
  unsigned n = b->rtl != NULL ? ls_hist_count(&bench_log(b)->hist) : 0;
  char line[320];
  printf("last %u operations (model and DUT agreed on each):\n", n);
  for (unsigned i = 0; i < n; i++) {
    bench_history(b, i, line, sizeof(line));
    printf("  %s\n", line);
  }
  uint64_t from = e->cycle > 200 ? e->cycle - 200 : 0;
  char dir[600];
  snprintf(dir, sizeof(dir), "build/sim/%.200s/%" PRIu64, b->test, b->seed);
  char waves[sizeof(b->rerun_waves)];
  snprintf(waves, sizeof(waves),
           "%.300s --test %.300s --seed %" PRIu64
           "%.100s%s"
           " --trace %.300s/fail.fst --trace-start %" PRIu64 " --trace-end %" PRIu64,
           b->exe, b->random ? b->test : b->scn_path, b->seed, b->random ? b->ops_arg : "",
           b->strict ? " --strict" : "", dir, from, e->cycle + 50);
  printf("rerun with waves: %s\n", waves);
  if (b->rerun_waves[0] == 0) {
    snprintf(b->rerun_waves, sizeof(b->rerun_waves), "%s", waves);
    b->waves_start = from;
    b->waves_end = e->cycle + 50;
    bench_wave_first(b, e, op, check);
  }
  printf(
      "open the waves:   scripts/wave %s/fail.fst   (the rerun writes fail.gtkw beside it: "
      "marker at the divergence, the model's expectation beside the DUT)\n",
      dir);
  printf("==================================================\n");
  fflush(stdout);
}

// A failure of the harness itself (watchdog, end of simulation), reported like a divergence.
static void bench_fail(bench_t *b, const char *what) {
  ls_error_t e;
  memset(&e, 0, sizeof(e));
  e.cycle = bench_cycle(b);
  e.op = bench_compared(b);
  snprintf(e.what, sizeof(e.what), "%s", what);
  bench_report(b, &e, b->ex != NULL ? exec_current(b->ex) : NULL, "", false);
}

// Reports the errors every source collected at this edge, then clears them.
static void bench_collect(bench_t *b) {
  ls_errors_t *own = rtl_be_errors(b->rtl);
  ls_errors_t *checker = &bench_log(b)->err;
  if (own->n == 0 && own->dropped == 0 && checker->n == 0 && checker->dropped == 0 &&
      exec_error_count(b->ex) == 0) {
    return;  // the common case, every edge
  }
  const scn_op_t *cur = exec_current(b->ex);
  ls_errors_t *sources[] = {own, checker};
  for (size_t k = 0; k < 2; k++) {
    for (size_t i = 0; i < sources[k]->n; i++) {
      bench_report(b, &sources[k]->v[i], cur, "", false);
    }
    b->failures += sources[k]->dropped;
    ls_errors_clear(sources[k]);
  }
  for (size_t i = 0; i < exec_error_count(b->ex); i++) {
    ls_error_t e = *exec_error(b->ex, i);
    e.cycle = bench_cycle(b);
    e.op = bench_compared(b);
    bench_report(b, &e, exec_error_op(b->ex, i), "scenario check failed: ", true);
  }
  exec_clear_errors(b->ex);
}

// --verbose: every compared operation as it is added to the checker's history.
static void bench_verbose(bench_t *b) {
  const ls_log_t *log = bench_log(b);
  uint64_t total = log->hist.n;
  unsigned n = ls_hist_count(&log->hist);
  char line[320];
  for (uint64_t k = b->hist_printed; k < total; k++) {
    if (total - k <= n) {
      bench_history(b, (unsigned)(n - (total - k)), line, sizeof(line));
      printf("%s\n", line);
    }
  }
  b->hist_printed = total;
}

// ---- Configuration from the harness (the RTL parameters are the single source) ----

scn_block_t bench_config(bench_t *b, uint32_t num_rd, uint32_t msi_burst, uint32_t num_vp,
                         bool feat_direct, bool scontrol_gate, bool record) {
  b->configured = true;
  if (b->record[0] != 0 && !record) {
    // The encoders cost half the simulation speed, so only tb_sim_rec builds them in.
    const char *why =
        "--record: this build has no trace encoder (tb.sv Record=0): record with "
        "build/cmake/sim/tb_sim_rec (docs/trace.md)";
    fprintf(stderr, "bench: %s\n", why);
    b->usage_error = true;  // as a bad option: nothing ran, no verdict to keep
    b->done = true;
    return (scn_block_t)0;
  }
  const scn_config_t *c = &b->scn.cfg;
  if (b->random && (c->num_rd != num_rd || c->num_vp != num_vp || c->feat_direct != feat_direct ||
                    c->scontrol_gate != scontrol_gate)) {
    // A random test runs on the parameters of the build it runs on (scripts/lockstep --config).
    scn_config_t build = *c;
    build.num_rd = num_rd;
    build.num_vp = num_vp;
    build.feat_direct = feat_direct;
    build.scontrol_gate = scontrol_gate;
    scn_block_t block = b->scn.block;
    gen_random_free(&b->scn);
    scn_free(&b->scn);
    char err[300];
    if (!gen_random_opt(block, b->seed, b->random_ops, &build, b->weights, &b->scn, err,
                        sizeof(err))) {
      abort();  // the same weights were accepted by bench_load
    }
    if (!b->watchdog_given) {
      b->watchdog = BENCH_WATCHDOG_BASE + BENCH_WATCHDOG_PER_LATENCY * c->mem_latency;
    }
  }
  // A scenario whose `config` line asks for other RTL parameters is not run here (exit 77):
  // scripts/lockstep runs it on the build of its parameters, building it if needed.
  if (b->scn.block == SCN_BLOCK_ITS && c->num_rd != num_rd) {
    snprintf(b->skip_reason, sizeof(b->skip_reason),
             "the scenario needs num_rd=%u, this build has NumRd=%u; run it with scripts/lockstep "
             "%.120s",
             c->num_rd, num_rd, b->scn_path);
    printf("SKIP %s: %s\n", b->test, b->skip_reason);
    b->skipped = true;
    b->done = true;
    return (scn_block_t)0;
  }
  if (b->scn.block == SCN_BLOCK_STIMER &&
      (c->num_vp != num_vp || c->feat_direct != feat_direct || c->scontrol_gate != scontrol_gate)) {
    snprintf(b->skip_reason, sizeof(b->skip_reason),
             "the scenario needs vps=%u feat_direct=%d scontrol_gate=%d; this build has "
             "NumVp=%u FeatDirect=%d ScontrolGate=%d; run it with scripts/lockstep %.120s",
             c->num_vp, c->feat_direct, c->scontrol_gate, num_vp, feat_direct, scontrol_gate,
             b->scn_path);
    printf("SKIP %s: %s\n", b->test, b->skip_reason);
    b->skipped = true;
    b->done = true;
    return (scn_block_t)0;
  }
  if (b->random) {
    // Every choice the seed made (with --gen-weights, the weights in effect): the run log
    // names it, and so does the result file (gen_config).
    printf("gen: %s\n", gen_random_config(&b->scn));
  }
  rtl_be_cfg_t rc = {b->scn.block,  *c,          num_rd,  msi_burst, num_vp, feat_direct,
                     scontrol_gate, b->lockstep, b->fcov, b->seed,   &b->log};
  char err[200];
  b->rtl = rtl_be_new(&rc, err, sizeof(err));
  if (b->rtl == NULL) {
    fprintf(stderr, "bench: %s\n", err);
    snprintf(b->first_mismatch, sizeof(b->first_mismatch), "bench: %s", err);
    b->failures++;
    b->done = true;
    return (scn_block_t)0;
  }
  b->its = rtl_be_its(b->rtl);
  b->st = rtl_be_stimer(b->rtl);
  if (b->record[0] != 0) {
    b->rec = tb_recorder_new(b->record, (unsigned)b->record_stall, b->seed, b->rtl,
                             rtl_be_model_mem(b->rtl), err, sizeof(err));
    if (b->rec == NULL) {
      fprintf(stderr, "bench: %s\n", err);
      snprintf(b->first_mismatch, sizeof(b->first_mismatch), "bench: %s", err);
      b->failures++;
      b->done = true;
      return (scn_block_t)0;
    }
  }
  exec_backend_t be = rtl_be_backend(b->rtl);
  b->ex = exec_new(&b->scn, &be, &b->log);
  exec_set_strict(b->ex, b->strict);
  return b->scn.block;
}

rtl_be_t *bench_rtl(const bench_t *b, scn_block_t block) {
  return block == b->scn.block ? b->rtl : NULL;
}

// ---- Per edge: executor, errors, stop decision, watchdog ----

static void bench_end_of_test(bench_t *b, uint64_t cycle) {
  its_lockstep_t *its = rtl_be_its(b->rtl);
  stimer_lockstep_t *st = rtl_be_stimer(b->rtl);
  if (its != NULL) {
    its_lockstep_final(its, cycle);
    its_lockstep_compare_memory(its, cycle, rtl_be_dut_mem(b->rtl));
  } else {
    stimer_lockstep_final(st, cycle);
    stimer_lockstep_compare_memory(st, cycle, rtl_be_dut_mem(b->rtl));
  }
}

static void bench_edge(bench_t *b) {
  bench_edge_seen = 1;
  if (b->done) {
    return;
  }
  uint64_t cycle = rtl_be_cycle(b->rtl);
  if (rtl_be_started(b->rtl)) {
    if (b->last_progress == 0) {
      b->last_progress = cycle;
    }
    if (exec_step(b->ex)) {
      b->ops_finished = true;
      bench_end_of_test(b, cycle);
    }
    if (exec_ops_done(b->ex) != b->last_ops || b->ops_finished) {
      if (cycle - b->last_progress > b->longest_op) {
        b->longest_op = cycle - b->last_progress;
        b->longest_op_idx = b->last_ops + 1;
      }
      b->last_ops = exec_ops_done(b->ex);
      b->last_progress = cycle;
    }
  }
  bench_collect(b);
  if (b->verbose) {
    bench_verbose(b);
  }
  uint64_t act = rtl_be_last_activity(b->rtl);
  uint64_t progress = act > b->last_progress ? act : b->last_progress;
  if (b->ops_finished || b->failures >= b->max_mismatch) {
    b->done = true;
  } else if (b->stall != 0 && b->last_progress != 0 && cycle - b->last_progress >= b->stall) {
    char what[300];
    const scn_op_t *op = exec_current(b->ex);
    snprintf(what, sizeof(what),
             "stall: operation %zu%s%s has not completed in %" PRIu64
             " cycles (--stall) though the DUT bus was active %" PRIu64
             " cycles ago (DUT busy=%d): a livelock",
             exec_ops_done(b->ex) + 1, op != NULL ? ": " : " (the end-of-test wait for idle)",
             op != NULL ? scn_kind_name(op->kind) : "", b->stall, cycle - act,
             rtl_be_dut_busy(b->rtl));
    bench_fail(b, what);
    b->done = true;
  } else if (b->last_progress != 0 && cycle - progress > b->watchdog) {
    char what[300];
    const scn_op_t *op = exec_current(b->ex);
    char total[48] = "";
    if (!b->random) {
      snprintf(total, sizeof(total), " of %zu", b->scn.n_ops);  // random: made as it goes
    }
    snprintf(what, sizeof(what),
             "watchdog: no DUT bus activity and no operation completed for %" PRIu64
             " cycles (DUT busy=%d, operation %zu%s%s%s)",
             b->watchdog, rtl_be_dut_busy(b->rtl), exec_ops_done(b->ex) + 1, total,
             op != NULL ? ": " : "", op != NULL ? scn_kind_name(op->kind) : "");
    bench_fail(b, what);
    b->done = true;
  }
  if (b->done) {
    b->done_cycle = cycle;
  }
}

// ---- The waveform: the model's side of the last comparison ----

bool bench_wave_pending(const bench_t *b) {
  if (b->trace[0] == 0) {
    return false;  // nothing traced: the harness's copy would be seen by no one
  }
  const ls_log_t *log = bench_log(b);
  return log != NULL && (log->wave.seq != b->wave_seq || (b->failures != 0) != b->wave_mismatch);
}

const ls_wave_t *bench_wave(bench_t *b, bool *mismatch) {
  const ls_log_t *log = bench_log(b);
  b->wave_seq = log->wave.seq;
  b->wave_mismatch = b->failures != 0;
  *mismatch = b->wave_mismatch;
  return &log->wave;
}

bool bench_its_drive(bench_t *b, const rtl_its_in_t *in, rtl_its_pins_t *out) {
  rtl_be_t *r = bench_rtl(b, SCN_BLOCK_ITS);
  if (r == NULL) {
    memset(out, 0, sizeof(*out));  // not under test (no clock edge in tb.sv): idle inputs
    return true;
  }
  rtl_its_sample(r, in);
  bench_edge(b);
  bool changed = rtl_its_pins(r, out);
  rtl_be_tick(r);
  return changed;
}

bool bench_st_drive(bench_t *b, const rtl_st_in_t *in, rtl_st_pins_t *out) {
  rtl_be_t *r = bench_rtl(b, SCN_BLOCK_STIMER);
  if (r == NULL) {
    memset(out, 0, sizeof(*out));
    return true;
  }
  rtl_st_sample(r, in);
  bench_edge(b);
  bool changed = rtl_st_pins(r, out);
  rtl_be_tick(r);
  return changed;
}

const rtl_its_pins_t *bench_its_ctl(const bench_t *b) {
  static const rtl_its_pins_t idle;  // not under test: idle inputs
  const rtl_be_t *r = bench_rtl(b, SCN_BLOCK_ITS);
  return r != NULL ? rtl_its_ctl(r) : &idle;
}

const rtl_st_pins_t *bench_st_ctl(const bench_t *b) {
  static const rtl_st_pins_t idle;
  const rtl_be_t *r = bench_rtl(b, SCN_BLOCK_STIMER);
  return r != NULL ? rtl_st_ctl(r) : &idle;
}

bool bench_trace_drain(bench_t *b, bool enc_rst_n, bool fire, bool valid, unsigned count,
                       const uint64_t *words) {
  return b->rec == NULL || tb_recorder_drain(b->rec, enc_rst_n, fire, valid, count, words);
}

// ---- End of run ----

static uint64_t bench_checker_ns(const bench_t *b) {
  const ls_log_t *log = bench_log(b);
  return log != NULL ? log->ns : 0;
}

// The peak resident set size of this program so far, in KiB: VmHWM of /proc/self/status (the
// peak of this executable's memory only; getrusage's ru_maxrss also counts what the process
// held before its exec, e.g. a Python parent's memory when a script forked it), else ru_maxrss.
static uint64_t bench_peak_rss_kb(void) {
  uint64_t kb = 0;
  FILE *f = fopen("/proc/self/status", "r");
  if (f != NULL) {
    char line[256];
    while (fgets(line, sizeof(line), f) != NULL) {
      if (strncmp(line, "VmHWM:", 6) == 0) {
        kb = strtoull(line + 6, NULL, 10);
        break;
      }
    }
    fclose(f);
  }
  struct rusage ru;
  if (kb == 0 && getrusage(RUSAGE_SELF, &ru) == 0 && ru.ru_maxrss > 0) {
    kb = (uint64_t)ru.ru_maxrss;  // Linux: KiB
  }
  return kb;
}

// The guest data the memory images hold, in KiB (rounded up): part of the peak RSS that grows
// with the stimulus's footprint (distinct pages written), not with the bench's own state.
static uint64_t bench_guest_mem_kb(const bench_t *b) {
  uint64_t bytes = b->rtl != NULL ? rtl_be_mem_bytes(b->rtl) : 0;
  return (bytes + 1023) / 1024;
}

// --result: the verdict as JSON, for scripts (never parsed from stdout).
static bool bench_write_result(bench_t *b, const char *status, double seconds) {
  if (b->result[0] == 0) {
    return true;
  }
  char rerun[1000];
  snprintf(rerun, sizeof(rerun), "%.300s --test %.300s --seed %" PRIu64 "%.100s%s", b->exe,
           b->random ? b->test : b->scn_path, b->seed, b->random ? b->ops_arg : "",
           b->strict ? " --strict" : "");
  tb_result_t r = {
      .tool = "tb_sim",
      .status = status,
      .block = bench_block_name(b),
      .test = b->test,
      .scenario = b->scn_path,
      .seed = b->seed,
      .ops = b->ex != NULL ? exec_ops_done(b->ex) : 0,
      .ops_digest = b->ex != NULL ? exec_ops_digest(b->ex) : 0,
      .compared = bench_compared(b),
      .cycles = bench_cycle(b),
      .failures = b->failures,
      .first_mismatch = b->first_mismatch,
      .skip_reason = b->skip_reason,
      .rerun = rerun,
      .rerun_waves = b->rerun_waves,
      .trace_start = b->waves_start,
      .trace_end = b->waves_end,
      .mismatch_cycle = b->fail_cycle,
      .seconds = seconds,
      .peak_rss_kb = bench_peak_rss_kb(),
      .guest_mem_kb = bench_guest_mem_kb(b),
      .gen_config =
          b->random && gen_random_config(&b->scn) != NULL ? gen_random_config(&b->scn) : "",
  };
  if (strcmp(status, "FAIL") == 0 && b->first_mismatch[0] == 0) {
    r.first_mismatch = "the run failed without a mismatch report (see its output)";
  }
  char err[1200];
  if (!tb_result_write(b->result, &r, err, sizeof(err))) {
    fprintf(stderr, "bench: %s\n", err);
    return false;
  }
  return true;
}

// A traced run that failed: the GTKWave save file beside the trace (tb/c/wave_save.h).
static void bench_write_wave_save(bench_t *b) {
  if (b->trace[0] == 0 || b->failures == 0 || b->rerun_waves[0] == 0) {
    return;
  }
  wave_save_t w = {
      .fst = b->trace,
      .block = bench_block_name(b),
      .iface = b->fail_iface,
      .check = b->fail_check,
      .cycle = b->fail_cycle,
      .headline = b->first_mismatch,
      .marks = b->marks,
      .n_marks = b->n_marks,
      .trace_start = b->trace_start,
      .trace_end = b->trace_end,
  };
  char path[600];
  char err[700];
  if (!wave_save_write(&w, path, sizeof(path), err, sizeof(err))) {
    fprintf(stderr, "bench: no save file for the waves: %s\n", err);
    return;
  }
  printf("waves: %s (marker at cycle %" PRIu64 ", time %" PRIu64 ")\n", path, b->fail_cycle,
         b->fail_cycle * 10);
}

int bench_finish(bench_t *b, double seconds) {
  int rc;
  if (b->stall != 0) {
    struct itimerval off = {{0, 0}, {0, 0}};
    (void)setitimer(ITIMER_VIRTUAL, &off, NULL);
  }
  if (b->usage_error) {
    rc = 2;  // no result file: the run never started
  } else if (b->skipped) {
    rc = 77;  // the scenario needs another build configuration
    if (!bench_write_result(b, "SKIP", seconds)) {
      rc = 1;
    }
  } else {
    if (!b->configured) {
      fprintf(stderr, "bench: the harness never passed the RTL parameters (tb_config)\n");
      b->failures++;
    } else if (!b->done && b->failures == 0) {
      char what[160];
      snprintf(what, sizeof(what),
               "the simulation ended before the test did (at cycle %" PRIu64
               ", the limit is %" PRIu64 ")",
               bench_cycle(b), bench_max_cycles(b));
      bench_fail(b, what);
    }
    if (b->fcov != NULL && !fcov_write(b->fcov, b->fcov_path, b->test, b->seed)) {
      fprintf(stderr, "bench: cannot write the functional coverage file %s\n", b->fcov_path);
      if (b->first_mismatch[0] == 0) {
        snprintf(b->first_mismatch, sizeof(b->first_mismatch),
                 "cannot write the functional coverage file %.300s", b->fcov_path);
      }
      b->failures++;
    }
    if (b->rec != NULL) {
      // Complete when the encoder gave every transaction up to the end of the run: the replay
      // (docs/trace.md) then runs the end-of-test checks if the test got to its end.
      char err[600];
      bool complete = b->done && tb_recorder_drained(b->rec, b->done_cycle);
      if (!tb_recorder_close(b->rec, complete, b->done_cycle, b->ops_finished, err, sizeof(err))) {
        fprintf(stderr, "bench: %s\n", err);
        b->failures++;
      } else if (!complete) {
        fprintf(stderr,
                "bench: --record: the trace encoder did not drain within %llu cycles of "
                "the end; the capture has no end record\n",
                (unsigned long long)BENCH_RECORD_RUNON);
      }
      b->rec = NULL;
    }
    uint64_t cycles = bench_cycle(b);
    double cps = seconds > 0 ? (double)cycles / seconds : 0;
    if (b->lockstep && seconds > 0) {
      // Measured inside this run, so load from other processes hits both parts alike.
      printf("lockstep share: %.1f %% of %.3f s stepping and comparing the model\n",
             100.0 * (double)bench_checker_ns(b) / (seconds * 1e9), seconds);
    }
    if (!b->configured) {
      snprintf(b->first_mismatch, sizeof(b->first_mismatch),
               "the harness never passed the RTL parameters (tb_config)");
    }
    bench_write_wave_save(b);
    if (!bench_write_result(b, b->failures == 0 ? "PASS" : "FAIL", seconds)) {
      b->failures++;
    }
    printf("peak memory: %" PRIu64 " KiB (peak resident set size)\n", bench_peak_rss_kb());
    if (b->stall != 0) {
      printf("longest operation: %" PRIu64 " cycles (operation %zu; --stall %" PRIu64 ")\n",
             b->longest_op, b->longest_op_idx, b->stall);
    }
    char compared[80];
    snprintf(compared, sizeof(compared), "%" PRIu64 " DUT operations compared", bench_compared(b));
    printf("%s %s %s seed=%" PRIu64 " ops=%zu cycles=%" PRIu64
           " cycles/s=%.0f (ops: scenario operations; %s)\n",
           b->failures == 0 ? "PASS" : "FAIL", bench_block_name(b), b->test, b->seed,
           b->ex != NULL ? exec_ops_done(b->ex) : 0, cycles, cps,
           b->lockstep ? compared : "lockstep off");
    rc = b->failures == 0 ? 0 : 1;
  }
  exec_free(b->ex);
  rtl_be_free(b->rtl);
  fcov_free(b->fcov);
  obs_free(&b->log);
  gen_random_free(&b->scn);
  scn_free(&b->scn);
  free(b);
  return rc;
}

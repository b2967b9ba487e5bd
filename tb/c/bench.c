// SPDX-License-Identifier: Apache-2.0
// Lockstep bench core: command line, operation executor, APB master, reports, trace window.
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_int.h"
#include "fcov.h"
#include "gen.h"
#include "run_model.h"

bench_t bench_g;

#define BENCH_RESET_CYCLES 4

static void bench_usage(const char *argv0) {
  fprintf(stderr,
          "usage: %s --test FILE.scn | --test random-its | --test random-stimer\n"
          "          [--seed N] [--ops N] [--no-lockstep] [--max-mismatch N]\n"
          "          [--trace FILE.fst --trace-start CYCLE --trace-end CYCLE]\n"
          "          [--watchdog CYCLES] [--verbose] [--fcov FILE] [--cov FILE]\n"
          "  --fcov FILE  write the functional coverage bin counts (name count lines)\n"
          "  --cov FILE   write Verilator line/toggle coverage (tb_sim_cov builds only), and\n"
          "               FILE.reset: the counts when the power-on reset ended\n",
          argv0);
}

static bool bench_arg_u64(const char *s, uint64_t *v) {
  char *end;
  *v = strtoull(s, &end, 0);
  return *s != 0 && *end == 0;
}

int bench_init(int argc, char **argv) {
  bench_t *b = &bench_g;
  memset(b, 0, sizeof(*b));
  b->lockstep = true;
  b->max_mismatch = 1;
  b->random_ops = 400;
  b->watchdog = 20000;
  b->seed = 1;
  b->trace_end = UINT64_MAX;
  const char *test = NULL;
  snprintf(b->exe, sizeof(b->exe), "%s", argv[0]);
  for (int i = 1; i < argc; i++) {
    const char *a = argv[i];
    const char *v = i + 1 < argc ? argv[i + 1] : NULL;
    uint64_t n = 0;
    if (strncmp(a, "+verilator", 10) == 0) {
      continue;  // Verilator's own plusargs
    } else if (strcmp(a, "--no-lockstep") == 0) {
      b->lockstep = false;
    } else if (strcmp(a, "--verbose") == 0) {
      b->verbose = true;
    } else if (v == NULL) {
      bench_usage(argv[0]);
      return 2;
    } else if (strcmp(a, "--test") == 0) {
      test = v;
    } else if (strcmp(a, "--trace") == 0) {
      snprintf(b->trace, sizeof(b->trace), "%s", v);
    } else if (strcmp(a, "--cov") == 0) {
      snprintf(b->cov, sizeof(b->cov), "%s", v);
    } else if (strcmp(a, "--fcov") == 0) {
      snprintf(b->fcov, sizeof(b->fcov), "%s", v);
    } else if (!bench_arg_u64(v, &n)) {
      fprintf(stderr, "%s: expected a number after %s, got '%s'\n", argv[0], a, v);
      return 2;
    } else if (strcmp(a, "--seed") == 0) {
      b->seed = n;
    } else if (strcmp(a, "--ops") == 0) {
      b->random_ops = (unsigned)n;
    } else if (strcmp(a, "--max-mismatch") == 0) {
      b->max_mismatch = n == 0 ? 1 : (unsigned)n;
    } else if (strcmp(a, "--trace-start") == 0) {
      b->trace_start = n;
    } else if (strcmp(a, "--trace-end") == 0) {
      b->trace_end = n;
    } else if (strcmp(a, "--watchdog") == 0) {
      b->watchdog = n;
    } else {
      bench_usage(argv[0]);
      return 2;
    }
    i++;
  }
  if (test == NULL) {
    bench_usage(argv[0]);
    return 2;
  }
  char err[512];
  if (strcmp(test, "random-its") == 0 || strcmp(test, "random-stimer") == 0) {
    b->random = true;
    snprintf(b->test, sizeof(b->test), "%s", test);
    snprintf(b->ops_arg, sizeof(b->ops_arg), " --ops %u", b->random_ops);
    gen_random(strcmp(test, "random-its") == 0 ? SCN_BLOCK_ITS : SCN_BLOCK_STIMER, b->seed,
               b->random_ops, &b->scn);
  } else {
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
  }
  if (b->fcov[0] != 0) {
    fcov_enable(b->fcov);
  }
  tb_rand_seed(&b->rng, b->seed ^ 0x5eedull);
  obs_init(&b->log);
  b->in.rst_n = false;
  return -1;
}

uint64_t bench_seed(void) {
  return bench_g.seed;
}
bool bench_done(void) {
  // With a trace window the simulation runs on to its end, so the waves show what follows
  // the divergence (the bench stops driving; the DUT keeps running).
  const bench_t *b = &bench_g;
  return b->done && (b->trace[0] == 0 || b->cycle >= b->trace_end);
}
const char *bench_trace_file(void) {
  return bench_g.trace[0] != 0 ? bench_g.trace : NULL;
}
const char *bench_cov_file(void) {
  return bench_g.cov[0] != 0 ? bench_g.cov : NULL;
}
bool bench_reset_done(void) {
  return bench_g.started;
}

int bench_trace_cycle(uint64_t cycle) {
  const bench_t *b = &bench_g;
  return b->trace[0] != 0 && cycle >= b->trace_start && cycle <= b->trace_end;
}

void bench_fatal(const char *msg) {
  fprintf(stderr, "[c=%" PRIu64 "] bench: FATAL: %s\n", bench_g.cycle, msg);
  bench_g.failures++;
  bench_g.done = true;
}

void bench_progress(void) {
  bench_g.last_progress = bench_g.cycle;
}

uint64_t bench_ns(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

void bench_hist(bench_hist_kind_t kind, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                uint64_t a4, uint64_t a5) {
  bench_t *b = &bench_g;
  bench_hist_t *h = &b->hist[b->hist_n % BENCH_HIST];
  h->kind = kind;
  h->cycle = b->cycle;
  h->op = b->ops_compared;
  h->a[0] = a0;
  h->a[1] = a1;
  h->a[2] = a2;
  h->a[3] = a3;
  h->a[4] = a4;
  h->a[5] = a5;
  b->hist_n++;
  if (b->verbose) {
    char line[300];
    bench_hist_format(h, line, sizeof(line));
    printf("%s\n", line);
  }
}

void bench_hist_format(const bench_hist_t *h, char *buf, size_t len) {
  int k = snprintf(buf, len, "#%" PRIu64 " c=%" PRIu64 " ", h->op, h->cycle);
  char *p = buf + k;
  size_t n = len - (size_t)k;
  char name[32];
  const uint64_t *a = h->a;
  switch (h->kind) {
    case BENCH_H_ITS_RETIRE:
      if (a[0] == ITS_RT_CMD) {
        snprintf(p, n,
                 "retire cmd %s @0x%05" PRIx64 " %s err=0x%06" PRIx64 ", %" PRIu64
                 " write beat(s), %" PRIu64 " event(s)",
                 its_opcode_name((uint8_t)a[2]), a[1], its_outcome_name((its_outcome_t)a[3]),
                 a[4] & 0xFFFFFF, a[5] & 0xFFFFFFFF, a[5] >> 32);
      } else {
        snprintf(p, n,
                 "retire %s dev=%" PRIu64 " ev=%" PRIu64 " %s err=0x%06" PRIx64 ", %" PRIu64
                 " event(s)",
                 a[0] == ITS_RT_MSI ? "msi" : "translater", a[1], a[2],
                 its_outcome_name((its_outcome_t)a[3]), a[4], a[5] >> 32);
      }
      break;
    case BENCH_H_ITS_READ:
      snprintf(p, n, "reg read 0x%05" PRIx64 " = 0x%016" PRIx64, a[0], a[1]);
      break;
    case BENCH_H_ITS_WRITE:
      snprintf(p, n, "reg write 0x%05" PRIx64 " = 0x%" PRIx64 " (%" PRIu64 " bytes)%s", a[0], a[1],
               a[2], a[3] ? " -> bus error" : "");
      break;
    case BENCH_H_ST_PASS:
      snprintf(p, n, "pass now=%" PRIu64, a[0]);
      break;
    case BENCH_H_ST_ATTEMPT:
      snprintf(p, n,
               "attempt vp=%" PRIu64 " timer=%" PRIu64 " %s now=%" PRIu64 ", %" PRIu64
               " write beat(s), %" PRIu64 " interrupt(s)",
               a[0], a[1], stimer_outcome_name((stimer_outcome_t)a[2]), a[3], a[4], a[5]);
      break;
    case BENCH_H_ST_EOI:
      snprintf(p, n, "eoi vp=%" PRIu64 " vector=0x%02" PRIx64, a[0], a[1]);
      break;
    case BENCH_H_ST_READ:
    case BENCH_H_ST_WRITE:
      snprintf(p, n, "msr %s vp %" PRIu64 " %s = 0x%" PRIx64 "%s",
               h->kind == BENCH_H_ST_READ ? "read" : "write", a[0],
               scn_stimer_msr_name((uint32_t)a[1], name, sizeof(name)), a[2], a[3] ? " #GP" : "");
      break;
    default:
      snprintf(p, n, "?");
      break;
  }
}

static const char *bench_block_name(void) {
  return bench_g.scn.block == SCN_BLOCK_ITS ? "its" : "stimer";
}

void bench_mismatch(const char *what, const bench_field_t *fields, size_t n, const char *detail) {
  bench_t *b = &bench_g;
  b->failures++;
  printf("==================== MISMATCH ====================\n");
  printf("test %s  seed %" PRIu64 "  cycle %" PRIu64 "  time %" PRIu64 " ns  operation #%" PRIu64
         "\n",
         b->test, b->seed, b->cycle, b->cycle * 10, b->ops_compared);
  if (b->op_idx < b->scn.n_ops && b->scn.ops[b->op_idx].line != 0) {
    printf("scenario line %u (%s)\n", b->scn.ops[b->op_idx].line,
           scn_kind_name(b->scn.ops[b->op_idx].kind));
  }
  printf("%s\n", what);
  if (n > 0) {
    printf("  %-16s %-20s %-20s\n", "field", "expected (model)", "actual (DUT)");
    for (size_t i = 0; i < n; i++) {
      printf("  %-16s 0x%-18" PRIx64 " 0x%-18" PRIx64 "%s\n", fields[i].name, fields[i].expected,
             fields[i].actual, fields[i].expected != fields[i].actual ? "  <-- differs" : "");
    }
  }
  if (detail != NULL && detail[0] != 0) {
    printf("%s\n", detail);
  }
  unsigned first = b->hist_n > BENCH_HIST ? b->hist_n - BENCH_HIST : 0;
  printf("last %u operations (model and DUT agreed on each):\n", b->hist_n - first);
  for (unsigned i = first; i < b->hist_n; i++) {
    char line[300];
    bench_hist_format(&b->hist[i % BENCH_HIST], line, sizeof(line));
    printf("  %s\n", line);
  }
  uint64_t from = b->cycle > 200 ? b->cycle - 200 : 0;
  char dir[600];
  snprintf(dir, sizeof(dir), "build/sim/%.200s/%" PRIu64, b->test, b->seed);
  printf("rerun with waves: %.300s --test %.300s --seed %" PRIu64
         "%.100s"
         " --trace %.300s/fail.fst --trace-start %" PRIu64 " --trace-end %" PRIu64 "\n",
         b->exe, b->random ? b->test : b->scn_path, b->seed, b->random ? b->ops_arg : "", dir, from,
         b->cycle + 50);
  printf("open the waves:   scripts/wave %s/fail.fst %s\n", dir, bench_block_name());
  printf("==================================================\n");
  fflush(stdout);
  if ((unsigned)b->failures >= b->max_mismatch) {
    b->done = true;
  }
}

bool bench_cmp_writes(bench_beatq_t *dut, const cm_mem_write_t *model, size_t n, const char *op) {
  char detail[256];
  for (size_t i = 0; i < n; i++) {
    if (dut->n == 0) {
      snprintf(detail, sizeof(detail),
               "the model wrote %zu beat(s) for this operation, the DUT %zu", n, i);
      bench_field_t f[] = {
          {"addr", model[i].addr, 0}, {"data", model[i].data, 0}, {"be", model[i].be, 0}};
      bench_mismatch(op, f, 3, detail);
      return false;
    }
    tb_beat_t d;
    BENCH_POP(*dut, d);
    if (d.addr != model[i].addr || d.data != model[i].data || d.be != model[i].be ||
        d.fault != model[i].fault) {
      snprintf(detail, sizeof(detail), "memory write beat %zu of %zu differs", i + 1, n);
      bench_field_t f[] = {{"addr", model[i].addr, d.addr},
                           {"data", model[i].data, d.data},
                           {"be", model[i].be, d.be},
                           {"fault", model[i].fault, d.fault}};
      bench_mismatch(op, f, 4, detail);
      return false;
    }
  }
  if (dut->n != 0) {
    tb_beat_t d = dut->v[dut->head];
    snprintf(detail, sizeof(detail), "the DUT wrote %u extra beat(s); the model wrote %zu", dut->n,
             n);
    bench_field_t f[] = {{"addr", 0, d.addr}, {"data", 0, d.data}, {"be", 0, d.be}};
    bench_mismatch(op, f, 3, detail);
    dut->n = 0;
    return false;
  }
  return true;
}

// ---- Configuration from the harness (the RTL parameters are the single source) ----

void bench_config(uint32_t num_rd, uint32_t num_vp, bool feat_direct, bool scontrol_gate) {
  bench_t *b = &bench_g;
  b->num_rd = num_rd;
  b->num_vp = num_vp;
  b->feat_direct = feat_direct;
  b->scontrol_gate = scontrol_gate;
  const scn_config_t *c = &b->scn.cfg;
  if (b->scn.block == SCN_BLOCK_ITS && c->num_rd != num_rd) {
    printf("SKIP %s: the scenario needs num_rd=%u, this build has NumRd=%u\n", b->test, c->num_rd,
           num_rd);
    b->done = true;
    b->failures = -1;
    return;
  }
  if (b->scn.block == SCN_BLOCK_STIMER &&
      (c->num_vp != num_vp || c->feat_direct != feat_direct || c->scontrol_gate != scontrol_gate)) {
    printf(
        "SKIP %s: the scenario needs vps=%u feat_direct=%d scontrol_gate=%d; this build has "
        "NumVp=%u FeatDirect=%d ScontrolGate=%d\n",
        b->test, c->num_vp, c->feat_direct, c->scontrol_gate, num_vp, feat_direct, scontrol_gate);
    b->done = true;
    b->failures = -1;
    return;
  }
  b->dut_mem = tb_mem_new();
  b->model_mem = tb_mem_new();
  tb_slave_cfg_t sc = {c->mem_latency, c->mem_stall, 16};
  b->slave = tb_slave_new(b->dut_mem, &sc, &b->rng);
  cm_mem_ops_t ops = fcov_wrap_mem(tb_mem_ops(b->model_mem));
  if (b->scn.block == SCN_BLOCK_ITS) {
    its_config_t ic = {num_rd};
    if (its_create(&ic, &ops, &b->its) != ITS_OK) {
      bench_fatal("its_create failed");
    }
  } else {
    stimer_config_t stc = run_stimer_config(c);
    if (stimer_create(&stc, &ops, &b->st) != STIMER_OK) {
      bench_fatal("stimer_create failed");
    }
  }
  b->configured = true;
}

// ---- APB master ----

static void bench_apb_start(bool write, uint32_t addr, uint64_t wdata, uint8_t strb, uint32_t devid,
                            unsigned line) {
  bench_t *b = &bench_g;
  // The side-band DeviceID pin is DevIdW = 16 bits wide: record what the DUT receives.
  b->apb = (bench_apb_t){true, false, write, addr, wdata, strb, devid & 0xFFFFu, line};
  b->apb_done = false;
  b->translater_retired = false;
}

// Register write of `size` bytes at `off` (docs/interfaces.md section 1): lanes by address.
static void bench_apb_reg_write(uint32_t off, uint64_t value, unsigned size, uint32_t devid,
                                unsigned line) {
  uint8_t strb = size == 8 ? 0xFF : size == 4 ? (uint8_t)(0x0Fu << (off & 4)) : 0x03;
  uint64_t data =
      size == 8 ? value : (value & (size == 4 ? 0xFFFFFFFFull : 0xFFFFull)) << (8 * (off & 4));
  bench_apb_start(true, off, data, strb, devid, line);
}

// Tracks the transfer at this edge; returns true when it completed at this edge.
static bool bench_apb_edge(bool pready, uint64_t prdata, bool pslverr) {
  bench_t *b = &bench_g;
  if (b->apb.active && b->apb.access && pready) {
    b->apb.active = false;
    b->apb_done = true;
    b->apb_rdata = prdata;
    b->apb_slverr = pslverr;
    b->settle = 2;
    bench_progress();
    return true;
  }
  if (b->apb.active && !b->apb.access && b->in.psel) {
    b->apb.access = true;  // the setup phase lasted one cycle
  }
  return false;
}

static void bench_apb_drive(void) {
  bench_t *b = &bench_g;
  b->in.psel = b->apb.active;
  b->in.penable = b->apb.active && b->apb.access;
  b->in.pwrite = b->apb.active && b->apb.write;
  b->in.paddr = b->apb.active ? b->apb.addr : 0;
  b->in.pwdata = b->apb.active && b->apb.write ? b->apb.wdata : 0;
  b->in.pstrb = b->apb.active && b->apb.write ? b->apb.strb : 0;
  b->in.pdevid = b->apb.active ? b->apb.devid : 0;
}

// ---- Operation executor ----

static void bench_fail_op(const scn_op_t *op, const char *msg) {
  char what[700];
  snprintf(what, sizeof(what), "scenario check failed: %s", msg);
  bench_mismatch(what, NULL, 0, op->line != 0 ? NULL : "(generated operation)");
}

static bool bench_idle(void) {
  bench_t *b = &bench_g;
  if (b->apb.active || b->settle > 0 || b->in.msi_valid || b->in.eoi_valid) {
    return false;
  }
  return b->scn.block == SCN_BLOCK_ITS ? sb_its_idle() : sb_st_idle();
}

// The scenario's own checks of a finished APB access (gp flags, read values).
static void bench_apb_checks(const scn_op_t *op) {
  bench_t *b = &bench_g;
  char msg[300];
  char name[32];
  if (op->kind == SCN_REG_READ && (op->has & 2) &&
      (b->apb_rdata & op->a[2]) != (op->a[1] & op->a[2])) {
    snprintf(msg, sizeof(msg),
             "line %u: reg read 0x%" PRIx64 ": expected 0x%" PRIx64 " (mask 0x%" PRIx64
             "), got 0x%" PRIx64,
             op->line, op->a[0], op->a[1], op->a[2], b->apb_rdata);
    bench_fail_op(op, msg);
  } else if (op->kind == SCN_REG_WRITE && op->a[4] <= 1 && b->apb_slverr != (op->a[4] == 1)) {
    snprintf(msg, sizeof(msg), "line %u: reg write 0x%" PRIx64 ": %s", op->line, op->a[0],
             b->apb_slverr ? "unexpected bus error" : "expected a bus error, none");
    bench_fail_op(op, msg);
  } else if (op->kind == SCN_MSR_WRITE || op->kind == SCN_MSR_READ) {
    scn_stimer_msr_name((uint32_t)op->a[1], name, sizeof(name));
    if (op->a[3] <= 1 && b->apb_slverr != (op->a[3] != 0)) {
      snprintf(msg, sizeof(msg), "line %u: msr %s vp %" PRIu64 " %s: %s", op->line,
               op->kind == SCN_MSR_WRITE ? "write" : "read", op->a[0], name,
               b->apb_slverr ? "unexpected #GP" : "expected #GP, none raised");
      bench_fail_op(op, msg);
    } else if (op->kind == SCN_MSR_READ && (op->has & 4) && b->apb_rdata != op->a[2]) {
      snprintf(msg, sizeof(msg),
               "line %u: msr read vp %" PRIu64 " %s: expected 0x%" PRIx64 ", got 0x%" PRIx64,
               op->line, op->a[0], name, op->a[2], b->apb_rdata);
      bench_fail_op(op, msg);
    }
  }
}

// Number of VPs the MSR address can encode: 2^VpW, VpW = max(1, clog2(NumVp)).
static uint64_t bench_vp_space(void) {
  unsigned w = 1;
  while ((1u << w) < bench_g.num_vp) {
    w++;
  }
  return 1ull << w;
}

static void bench_model_only_msr(const scn_op_t *op) {
  bench_t *b = &bench_g;
  uint64_t v = 0;
  stimer_status_t st =
      op->kind == SCN_MSR_WRITE
          ? stimer_msr_write(b->st, (uint32_t)op->a[0], (uint32_t)op->a[1], op->a[2])
          : stimer_msr_read(b->st, (uint32_t)op->a[0], (uint32_t)op->a[1], &v);
  b->apb_slverr = st != STIMER_OK;
  b->apb_rdata = v;
  bench_apb_checks(op);
}

static uint32_t bench_msr_addr(uint64_t vp, uint64_t msr) {
  return (uint32_t)((vp << 11) | ((msr & 0xFF) << 3));
}

// Memory operations act on both images, so they wait until the block is idle.
static bool bench_exec_mem(const scn_op_t *op) {
  bench_t *b = &bench_g;
  char msg[600];
  switch (op->kind) {
    case SCN_MEM_WRITE:
      tb_mem_poke(b->dut_mem, op->a[0], op->a[1], (unsigned)op->a[2]);
      tb_mem_poke(b->model_mem, op->a[0], op->a[1], (unsigned)op->a[2]);
      return true;
    case SCN_FAULT_ADD:
      if (!tb_mem_add_fault(b->dut_mem, op->a[0], op->a[1]) ||
          !tb_mem_add_fault(b->model_mem, op->a[0], op->a[1])) {
        bench_fatal("too many memory fault ranges");
      }
      return true;
    case SCN_FAULT_CLEAR:
      tb_mem_clear_faults(b->dut_mem);
      tb_mem_clear_faults(b->model_mem);
      return true;
    case SCN_EXPECT_MEM:
      if (!obs_check_mem(b->model_mem, op, msg, sizeof(msg)) ||
          (b->lockstep && !obs_check_mem(b->dut_mem, op, msg, sizeof(msg)))) {
        bench_fail_op(op, msg);
      }
      return true;
    case SCN_EXPECT_MSG:
    case SCN_EXPECT_SLOT_FREE: {
      uint64_t base = b->simp[op->a[0] & 0xFF] & ~0xFFFull;
      if (!obs_check_slot(b->dut_mem, base, op, msg, sizeof(msg))) {
        bench_fail_op(op, msg);
      }
      return true;
    }
    default:
      return false;
  }
}

// Executes `op`; returns true when it is complete.
static bool bench_exec(const scn_op_t *op) {
  bench_t *b = &bench_g;
  char msg[600];
  // Stimulus goes out at once; checks (expect lines, and reads with an expected value) and
  // memory operations first wait until the block is idle (docs/scenarios.md).
  bool checked_read =
      (op->kind == SCN_REG_READ && (op->has & 2)) || (op->kind == SCN_MSR_READ && (op->has & 4));
  bool needs_idle = checked_read ||
                    (op->kind != SCN_REG_WRITE && op->kind != SCN_REG_READ &&
                     op->kind != SCN_MSR_WRITE && op->kind != SCN_MSR_READ && op->kind != SCN_MSI &&
                     op->kind != SCN_TIME && op->kind != SCN_EOI && op->kind != SCN_CMD);
  if (b->phase == 0) {
    if (b->apb.active || (needs_idle && !bench_idle())) {
      return false;
    }
    obs_note_op(&b->log, op);
  }
  if (bench_exec_mem(op)) {
    return true;
  }
  switch (op->kind) {
    case SCN_WAIT:
      return true;
    case SCN_EXPECT_NONE:
    case SCN_EXPECT_RD:
    case SCN_EXPECT_RETIRE:
    case SCN_EXPECT_IRQ:
    case SCN_EXPECT_ATTEMPT:
      if (!obs_check(&b->log, op, msg, sizeof(msg))) {
        bench_fail_op(op, msg);
      }
      return true;
    case SCN_REG_WRITE:
    case SCN_REG_READ:
    case SCN_MSR_WRITE:
    case SCN_MSR_READ:
      if (b->phase == 0) {
        if (op->kind == SCN_REG_WRITE) {
          bench_apb_reg_write((uint32_t)op->a[0], op->a[1], (unsigned)op->a[2], (uint32_t)op->a[3],
                              op->line);
        } else if (op->kind == SCN_REG_READ) {
          bench_apb_start(false, (uint32_t)op->a[0], 0, 0, 0, op->line);
        } else if (op->a[0] >= bench_vp_space()) {
          // The VP field of the MSR address cannot name this VP: the access never reaches
          // the DUT, so only the model's answer (#GP for vp >= NumVp) can be checked.
          bench_model_only_msr(op);
          return true;
        } else if (op->kind == SCN_MSR_WRITE) {
          bench_apb_start(true, bench_msr_addr(op->a[0], op->a[1]), op->a[2], 0xFF, 0, op->line);
        } else {
          bench_apb_start(false, bench_msr_addr(op->a[0], op->a[1]), 0, 0, 0, op->line);
        }
        b->phase = 1;
        return false;
      }
      if (!b->apb_done) {
        return false;
      }
      bench_apb_checks(op);
      return true;
    case SCN_CMD: {
      if (b->phase == 0) {
        uint64_t cbaser;
        uint64_t cwriter;
        uint64_t cw;
        its_reg_read(b->its, ITS_GITS_CBASER, &cbaser);
        its_reg_read(b->its, ITS_GITS_CWRITER, &cwriter);
        uint64_t creadr = b->creadr | (b->stalled ? 1 : 0);
        if (!run_its_enqueue_at(cbaser, cwriter, creadr, b->dut_mem, op->a, &cw, msg,
                                sizeof(msg))) {
          if (strstr(msg, "full") != NULL && !bench_idle()) {
            return false;  // the queue drains as the DUT runs: wait
          }
          bench_fail_op(op, msg);
          return true;
        }
        run_its_enqueue_at(cbaser, cwriter, creadr, b->model_mem, op->a, &cw, msg, sizeof(msg));
        bench_apb_reg_write(ITS_GITS_CWRITER, cw, 8, 0, op->line);
        b->phase = 1;
        return false;
      }
      return b->apb_done;
    }
    case SCN_MSI:
      if (b->phase == 0) {
        b->in.msi_valid = true;
        b->in.msi_devid = (uint32_t)op->a[0] & 0xFFFFu;  // the port is DevIdW = 16 bits wide
        b->in.msi_eventid = (uint32_t)op->a[1];
        b->phase = 1;
      }
      return !b->in.msi_valid;  // cleared by the scoreboard when accepted
    case SCN_RESET:
      if (b->phase == 0) {
        b->in.rst_n = false;
        b->phase = 1;
        b->phase_count = 0;
        return false;
      }
      if (++b->phase_count < BENCH_RESET_CYCLES) {
        return false;
      }
      b->in.rst_n = true;
      b->settle = 2;
      b->creadr = 0;
      b->stalled = false;
      if (b->its != NULL) {
        its_reset(b->its);
      }
      return true;
    case SCN_TIME:
      if (op->a[0] < b->in.now) {
        bench_fail_op(op, "time goes backwards");
      } else {
        b->in.now = op->a[0];
        b->settle = 2;
      }
      return true;
    case SCN_EOI:
      if (b->phase == 0) {
        b->in.eoi_valid = true;
        b->in.eoi_vp = (uint32_t)op->a[0];
        b->in.eoi_vector = (uint32_t)op->a[1];
        b->phase = 1;
      }
      return !b->in.eoi_valid;
    case SCN_GUEST_ACK: {
      if (b->phase == 1) {
        return b->apb_done;
      }
      // The guest ISR (spec/stimer.md section 5) on both images: clear message_type, then
      // EOM if flags.msg_pending was set.
      uint64_t slot = (b->simp[op->a[0] & 0xFF] & ~0xFFFull) + STIMER_SLOT_BYTES * op->a[1];
      uint64_t flags = tb_mem_peek(b->dut_mem, slot + 5, 1);
      tb_mem_poke(b->dut_mem, slot, 0, 4);
      tb_mem_poke(b->model_mem, slot, 0, 4);
      if ((flags & 1) == 0) {
        return true;
      }
      bench_apb_start(true, bench_msr_addr(op->a[0], STIMER_MSR_EOM), 0, 0xFF, 0, op->line);
      b->phase = 1;
      return false;
    }
    default:
      snprintf(msg, sizeof(msg), "'%s' is not supported on this block", scn_kind_name(op->kind));
      bench_fail_op(op, msg);
      return true;
  }
}

static void bench_run_ops(void) {
  bench_t *b = &bench_g;
  while (!b->done && b->op_idx < b->scn.n_ops) {
    if (!bench_exec(&b->scn.ops[b->op_idx])) {
      return;
    }
    b->op_idx++;
    b->phase = 0;
    bench_progress();
  }
  if (!b->done && b->op_idx >= b->scn.n_ops && bench_idle()) {
    // End of test: the scoreboard's final checks, then the two memory images.
    if (b->scn.block == SCN_BLOCK_ITS) {
      sb_its_final();
    } else {
      sb_st_final();
    }
    uint64_t addr;
    uint64_t dm;
    uint64_t dd;
    if (b->lockstep && !b->done && !tb_mem_equal(b->model_mem, b->dut_mem, &addr, &dm, &dd)) {
      char what[200];
      snprintf(what, sizeof(what),
               "end of test: the memory images differ (lowest differing byte 0x%" PRIx64 ")", addr);
      bench_field_t f[] = {{"doubleword", dm, dd}};
      bench_mismatch(what, f, 1, NULL);
    }
    b->done = true;
  }
}

// Common per-edge work after the block's monitors ran: watchdog, executor, pin drive.
static void bench_after_edge(bool busy) {
  bench_t *b = &bench_g;
  b->dut_busy = busy;
  if (b->settle > 0) {
    b->settle--;
  }
  bench_run_ops();  // bench_edge_start() returned only after the power-on reset
  if (!b->done && b->cycle - b->last_progress > b->watchdog) {
    char what[200];
    snprintf(what, sizeof(what),
             "watchdog: no progress for %" PRIu64 " cycles (DUT busy=%d, operation %zu of %zu)",
             b->watchdog, busy, b->op_idx + 1, b->scn.n_ops);
    bench_mismatch(what, NULL, 0, NULL);
    b->done = true;
  }
  bench_apb_drive();
  b->in.out_ready = !tb_rand_pct(&b->rng, b->scn.cfg.rsp_stall);
}

static bool bench_edge_start(bool its) {
  bench_t *b = &bench_g;
  if (!b->configured || (its != (b->scn.block == SCN_BLOCK_ITS))) {
    return false;
  }
  b->cycle++;
  if (b->done) {
    return false;
  }
  if (!b->started) {
    // Hold reset for a few cycles, then release it and start the operations.
    if (b->cycle >= BENCH_RESET_CYCLES) {
      b->in.rst_n = true;
      b->started = true;
      b->settle = 2;
      bench_progress();
    }
    return false;
  }
  return true;
}

// The block under test gets the bench's pins; the other one is held in reset with idle inputs.
static void bench_drive(bool its, bench_in_t *in) {
  bench_t *b = &bench_g;
  if (b->configured && its == (b->scn.block == SCN_BLOCK_ITS)) {
    *in = b->in;
  } else {
    memset(in, 0, sizeof(*in));
  }
}

void bench_its_edge(const bench_its_out_t *out, bench_in_t *in) {
  if (bench_edge_start(true)) {
    bool apb_completed = bench_apb_edge(out->pready, out->prdata, out->pslverr);
    sb_its_edge(out);  // memory, events and retire of this edge come before the APB completion
    if (apb_completed) {
      sb_its_apb_done();
    }
    bench_after_edge(out->busy);
  }
  bench_drive(true, in);
}

void bench_st_edge(const bench_st_out_t *out, bench_in_t *in) {
  if (bench_edge_start(false)) {
    bool apb_completed = bench_apb_edge(out->pready, out->prdata, out->pslverr);
    sb_st_edge(out);
    if (apb_completed) {
      sb_st_apb_done();
    }
    bench_after_edge(out->busy);
  }
  bench_drive(false, in);
}

int bench_finish(double seconds) {
  bench_t *b = &bench_g;
  if (b->failures < 0) {
    return 77;  // skipped: the scenario needs another build configuration
  }
  if (!b->done && b->failures == 0) {
    bench_mismatch("the simulation ended before the test did", NULL, 0, NULL);
  }
  if (b->fcov[0] != 0 && !fcov_write(b->test, b->seed)) {
    fprintf(stderr, "bench: cannot write the functional coverage file %s\n", b->fcov);
    b->failures++;
  }
  double cps = seconds > 0 ? (double)b->cycle / seconds : 0;
  if (b->lockstep && seconds > 0) {
    // Measured inside this run, so load from other processes hits both parts alike.
    printf("lockstep share: %.1f %% of %.3f s stepping and comparing the model\n",
           100.0 * (double)b->lockstep_ns / (seconds * 1e9), seconds);
  }
  printf("%s %s %s seed=%" PRIu64 " ops=%" PRIu64 " cycles=%" PRIu64 " cycles/s=%.0f%s\n",
         b->failures == 0 ? "PASS" : "FAIL", bench_block_name(), b->test, b->seed, b->ops_compared,
         b->cycle, cps, b->lockstep ? "" : " (lockstep off)");
  its_destroy(b->its);
  stimer_destroy(b->st);
  tb_slave_free(b->slave);
  tb_mem_free(b->dut_mem);
  tb_mem_free(b->model_mem);
  obs_free(&b->log);
  scn_free(&b->scn);
  return b->failures == 0 ? 0 : 1;
}

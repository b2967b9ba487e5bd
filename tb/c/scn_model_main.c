// SPDX-License-Identifier: Apache-2.0
// scn_model: runs scenario files on the golden model alone (no Verilator), for fast checks:
// the scenario executor (exec.h) on the model back end (model_be.h), the same executor and the
// same checks as `tb_sim` runs in lockstep. Usage: scn_model [--strict] [--result FILE]
// [--ops N] [--gen-weights W] [--config 'KEY=V ...'] SCENARIO... where SCENARIO is a file or
// `random-its:SEED` / `random-stimer:SEED`: the random test tb_sim runs with `--test
// random-<block> --seed SEED --ops N [--gen-weights W]` (the same generator, seed, operations
// and configuration; `--ops` as tb_sim's, default 400) on the build of the RTL parameters
// `--config` gives (scripts/lockstep's keys; default: tb_sim's default build). Exit status 0 when
// every scenario passes, 1 when a check failed, 2 when a file is malformed or the command line is
// wrong (as tb_sim: one scenario, one verdict). `--strict`: every file runs in strict mode
// (docs/scenarios.md), as if it began with a `strict` line.
// `--result FILE` (one scenario) also writes the verdict as JSON (result.h).
// `--state`: prints after each scenario a `state:` line, a digest of every output of the model in
// order and of its memory at the end (model_be_get_state); `--per-beat`: the model zeroes a SIM
// page beat by beat, one write event each, as in lockstep (without it the model-alone shortcut:
// the bench memory clears the page at once, the beats are counted in runs). Both together
// check that the shortcut changes nothing (scripts/test_model_paths.py).
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "exec.h"
#include "gen.h"
#include "model_be.h"
#include "result.h"

// The verdict of the run, for --result.
typedef struct {
  char first[400];
  size_t ops;
  uint64_t digest;
} scn_model_verdict_t;

// The options of a random test: its weights and RTL parameters (NULL: none given).
typedef struct {
  const char *weights;  // --gen-weights, as tb_sim's (gen.h)
  const char *config;   // --config, as scripts/lockstep's (scn_config_words)
  bool ops_given;       // --ops was given
} scn_model_gen_t;

#define SCN_MODEL_MAX_OPS 1000000000ull  // as tb_sim's --ops

// A random test named `random-its:SEED` or `random-stimer:SEED`: true with its block and seed.
// `*bad` is set when the name starts like one but the seed is not a number.
static bool scn_model_random_name(const char *name, scn_block_t *block, uint64_t *seed, bool *bad) {
  const char *p;
  *bad = false;
  if (strncmp(name, "random-its:", 11) == 0) {
    *block = SCN_BLOCK_ITS;
    p = name + 11;
  } else if (strncmp(name, "random-stimer:", 14) == 0) {
    *block = SCN_BLOCK_STIMER;
    p = name + 14;
  } else {
    return false;
  }
  if (!scn_cli_number(p, seed)) {
    *bad = true;  // as tb_sim's --seed: decimal or 0x hex, nothing else
    return false;
  }
  return true;
}

// Runs one loaded scenario; prints its failures and its summary line; returns the failures.
static int scn_model_run(const char *path, const scn_t *s, bool strict, const model_be_opt_t *opt,
                         scn_model_verdict_t *v) {
  char err[512];
  obs_log_t log;
  obs_init(&log);
  log.discard = s->stream != NULL;  // a random test has no expect line: nothing reads the log
  model_be_t *mb = model_be_new_opt(s, &log, opt, err, sizeof(err));
  if (mb == NULL) {
    printf("%s: FAIL (model): %s\n", path, err);
    snprintf(v->first, sizeof(v->first), "%.390s", err);
    obs_free(&log);
    return 1;
  }
  exec_backend_t be = model_be_backend(mb);
  exec_t *ex = exec_new(s, &be, &log);
  exec_set_strict(ex, strict);
  // The model back end never makes the executor wait; a step that does not finish is a bug.
  bool finished = exec_step(ex);
  int failures = (int)exec_error_count(ex);
  for (size_t i = 0; i < exec_error_count(ex); i++) {
    const scn_op_t *op = exec_error_op(ex, i);
    const ls_error_t *e = exec_error(ex, i);
    char where[140];
    if (op->line != 0) {
      snprintf(where, sizeof(where), "%.100s:%u", path, op->line);
    } else {  // a generated operation: its kind (the run stops at the end, not at the failure)
      snprintf(where, sizeof(where), "%.100s: %s", path, scn_kind_name(op->kind));
    }
    printf("%s: FAIL (model): %s%s%s\n", where, e->what, e->detail[0] != 0 ? " " : "", e->detail);
    if (v->first[0] == 0) {
      snprintf(v->first, sizeof(v->first), "%.130s: %.260s", where, e->what);
    }
  }
  if (!finished) {
    printf("%s: FAIL (model): the executor stopped before the end of the scenario\n", path);
    if (v->first[0] == 0) {
      snprintf(v->first, sizeof(v->first), "the executor stopped before the end of the scenario");
    }
    failures++;
  }
  v->ops = exec_ops_done(ex);
  v->digest = exec_ops_digest(ex);
  printf("%s %s (model alone) ops=%zu (scenario operations)%s\n", failures == 0 ? "PASS" : "FAIL",
         path, exec_ops_done(ex), s->strict || strict ? " strict" : "");
  if (opt->state) {
    model_be_state_t st;
    model_be_get_state(mb, &st);
    printf("state: %s outputs=0x%016" PRIx64 " writes=%" PRIu64 " records=%" PRIu64
           " mem=0x%016" PRIx64 " mem_pages=%" PRIu64 " ops_digest=0x%016" PRIx64 "\n",
           path, st.outputs, st.writes, st.records, st.mem, st.mem_pages, exec_ops_digest(ex));
  }
  exec_free(ex);
  model_be_free(mb);
  obs_free(&log);
  return failures;
}

static int scn_model_result(const char *result, const char *exe, const char *path, const scn_t *s,
                            bool loaded, uint64_t seed, uint64_t ops_arg,
                            const scn_model_gen_t *gen, const scn_model_verdict_t *v, int failed,
                            double seconds) {
  bool random = loaded && s->stream != NULL;
  const char *base = strrchr(path, '/');
  char test[256];
  snprintf(test, sizeof(test), "%s", base != NULL ? base + 1 : path);
  char *dot = strrchr(test, random ? ':' : '.');  // random-its:SEED -> random-its
  if (dot != NULL) {
    *dot = 0;
  }
  char rerun[4096];
  int len;
  if (random) {
    // With the options that shape the stream (the quotes keep --config one word).
    len =
        snprintf(rerun, sizeof(rerun), "%s --ops %" PRIu64 "%s%s%s%s%s %s", exe, ops_arg,
                 gen->weights != NULL ? " --gen-weights " : "",
                 gen->weights != NULL ? gen->weights : "", gen->config != NULL ? " --config '" : "",
                 gen->config != NULL ? gen->config : "", gen->config != NULL ? "'" : "", path);
  } else {
    len = snprintf(rerun, sizeof(rerun), "%s %s", exe, path);
  }
  if (len < 0 || (size_t)len >= sizeof(rerun)) {
    fprintf(stderr, "%s: --result: the rerun command is longer than %zu characters\n", exe,
            sizeof(rerun) - 1);
    return 1;  // never a shortened command
  }
  tb_result_t r = {
      .tool = "scn_model",
      .status = failed == 0 ? "PASS" : "FAIL",
      .block = !loaded                     ? "?"
               : s->block == SCN_BLOCK_ITS ? "its"
                                           : "stimer",
      .test = test,
      .scenario = random ? "" : path,
      .seed = seed,
      .ops = v->ops,
      .ops_digest = v->digest,
      .failures = (uint64_t)failed,
      .first_mismatch = failed == 0        ? ""
                        : v->first[0] != 0 ? v->first
                                           : "the scenario failed",
      .skip_reason = "",
      .rerun = rerun,
      .rerun_waves = "",
      .gen_config = random && gen_random_config(s) != NULL ? gen_random_config(s) : "",
      .seconds = seconds,
  };
  char err[1200];
  if (!tb_result_write(result, &r, err, sizeof(err))) {
    fprintf(stderr, "%s: %s\n", exe, err);
    return 1;
  }
  return 0;
}

static void scn_model_usage(FILE *f, const char *exe) {
  fprintf(f,
          "usage: %s [--strict] [--result FILE] [--ops N] [--gen-weights W] [--config C]\n"
          "          [--state] [--per-beat] SCENARIO...\n"
          "  SCENARIO: a scenario file, or random-its:SEED / random-stimer:SEED (the random test\n"
          "  of tb_sim --test random-<block> --seed SEED --ops N; N 1..%llu, default 400)\n"
          "  --gen-weights W  a random test's weights, NAME=N,... as tb_sim's (docs/testplan.md)\n"
          "  --config C       a random test's RTL parameters, 'KEY=V ...' as scripts/lockstep's:\n"
          "                   num_rd (its); vps, feat_direct, scontrol_gate (stimer); default:\n"
          "                   tb_sim's default build (the twin of tb_sim_vp1 is --config vps=1)\n"
          "  --state          print a digest of the model's outputs and final memory\n"
          "  --per-beat       zero a SIM page beat by beat, one event each (as in lockstep)\n",
          exe, SCN_MODEL_MAX_OPS);
}

// Loads scenario `name` (a file or a random test) into `s`; false, with the reason in `err`.
static bool scn_model_load(const char *name, uint64_t ops, bool strict, const scn_model_gen_t *gen,
                           scn_t *s, uint64_t *seed, char *err, size_t errlen) {
  scn_block_t block;
  bool bad;
  if (scn_model_random_name(name, &block, seed, &bad)) {
    if (strict) {
      // A generated test has no expect lines: strict mode would fail every run (as tb_sim).
      snprintf(err, errlen, "%s: --strict: expected with a scenario file, not a random test", name);
      return false;
    }
    // The parameters of the build tb_sim runs on (gen_random_opt takes only those of cfg).
    scn_config_t build = scn_default_config();
    if (gen->config != NULL && !scn_config_words(block, gen->config, &build, err, errlen)) {
      return false;
    }
    return gen_random_opt(block, *seed, ops, &build, gen->weights, s, err, errlen);
  }
  if (gen->weights != NULL || gen->config != NULL || gen->ops_given) {
    snprintf(err, errlen, "%s: %s: expected with a random test, not a scenario file", name,
             gen->weights != NULL  ? "--gen-weights"
             : gen->config != NULL ? "--config"
                                   : "--ops");
    return false;
  }
  if (bad) {
    snprintf(err, errlen,
             "%s: expected random-its:SEED or random-stimer:SEED, SEED 0..2^64-1 in decimal or 0x "
             "hex (as tb_sim's --seed)",
             name);
    return false;
  }
  *seed = 1;
  return scn_load(name, s, err, errlen);
}

int main(int argc, char **argv) {
  const char *result = NULL;
  bool strict = false;
  uint64_t ops = 400;
  bool ops_given = false;
  scn_model_gen_t gen = {NULL, NULL, false};
  model_be_opt_t opt = {false, false};
  char **files = argv + 1;  // the scenarios, compacted in place
  int n = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--result") == 0) {
      if (i + 1 >= argc || result != NULL) {
        fprintf(stderr, "%s: --result: expected once, with a file name after it\n", argv[0]);
        return 2;
      }
      result = argv[++i];
    } else if (strcmp(argv[i], "--ops") == 0) {
      uint64_t x = 0;
      if (ops_given || i + 1 >= argc || !scn_cli_number(argv[i + 1], &x) || x < 1 ||
          x > SCN_MODEL_MAX_OPS) {
        fprintf(stderr, "%s: --ops: expected once, with a number 1..%llu after it\n", argv[0],
                SCN_MODEL_MAX_OPS);
        return 2;
      }
      ops = x;
      ops_given = true;
      gen.ops_given = true;
      i++;
    } else if (strcmp(argv[i], "--gen-weights") == 0 || strcmp(argv[i], "--config") == 0) {
      bool w = argv[i][2] == 'g';
      const char **dst = w ? &gen.weights : &gen.config;
      if (i + 1 >= argc || *dst != NULL) {
        fprintf(stderr, "%s: %s: expected once, with a value after it\n", argv[0], argv[i]);
        return 2;
      }
      *dst = argv[++i];
    } else if (strcmp(argv[i], "--strict") == 0) {
      strict = true;
    } else if (strcmp(argv[i], "--state") == 0) {
      opt.state = true;
    } else if (strcmp(argv[i], "--per-beat") == 0) {
      opt.per_beat = true;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      scn_model_usage(stdout, argv[0]);
      return 0;
    } else if (strncmp(argv[i], "--", 2) == 0) {
      fprintf(stderr, "%s: unknown option %s\n", argv[0], argv[i]);
      scn_model_usage(stderr, argv[0]);
      return 2;
    } else {
      files[n++] = argv[i];
    }
  }
  if (n < 1) {
    scn_model_usage(stderr, argv[0]);
    return 2;
  }
  if (result != NULL && n != 1) {
    fprintf(stderr, "%s: --result: expected one scenario, got %d\n", argv[0], n);
    return 2;
  }
  char werr[1200];
  if (result != NULL && !tb_result_writable(result, werr, sizeof(werr))) {
    fprintf(stderr, "%s: --result: %s\n", argv[0], werr);  // before the run, not after it
    return 2;
  }
  int failed = 0;
  int malformed = 0;
  int write_failed = 0;
  for (int i = 0; i < n; i++) {
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    scn_model_verdict_t v;
    memset(&v, 0, sizeof(v));
    scn_t s;
    memset(&s, 0, sizeof(s));
    char err[512];
    uint64_t seed = 1;
    bool loaded = scn_model_load(files[i], ops, strict, &gen, &s, &seed, err, sizeof(err));
    int f = 1;
    if (!loaded) {
      fprintf(stderr, "%s\n", err);
      snprintf(v.first, sizeof(v.first), "%.390s", err);
      malformed++;
    } else {
      f = scn_model_run(files[i], &s, strict, &opt, &v) != 0;
    }
    failed += f;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (result != NULL) {
      double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
      write_failed +=
          scn_model_result(result, argv[0], files[i], &s, loaded, seed, ops, &gen, &v, f, secs);
    }
    if (loaded) {
      gen_random_free(&s);
      scn_free(&s);
    }
  }
  printf("%d passed, %d failed\n", n - failed, failed);
  return malformed > 0 ? 2 : failed == 0 && write_failed == 0 ? 0 : 1;
}

// SPDX-License-Identifier: Apache-2.0
// scn_model: runs scenario files on the golden model alone (no Verilator), for fast checks:
// the scenario executor (exec.h) on the model back end (model_be.h), the same executor and the
// same checks as `tb_sim` runs in lockstep. Usage: scn_model [--strict] [--result FILE] FILE...
// Exit status 0 when every file passes, 1 when a check failed, 2 when a file is malformed or the
// command line is wrong (as tb_sim: one file, one verdict). `--strict`: every file runs in
// strict mode (docs/scenarios.md), as if it began with a `strict` line. `--result FILE` (one
// scenario) also writes the verdict as JSON (result.h).
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "exec.h"
#include "model_be.h"
#include "result.h"

// The verdict of the run, for --result.
typedef struct {
  char first[400];
  size_t ops;
} scn_model_verdict_t;

// Runs one loaded scenario; prints its failures and its summary line; returns the failures.
static int scn_model_run(const char *path, const scn_t *s, bool strict, scn_model_verdict_t *v) {
  char err[512];
  obs_log_t log;
  obs_init(&log);
  model_be_t *mb = model_be_new(s, &log, err, sizeof(err));
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
    printf("%s:%u: FAIL (model): %s\n", path, exec_error_op(ex, i)->line, exec_error(ex, i)->what);
    if (v->first[0] == 0) {
      snprintf(v->first, sizeof(v->first), "%.100s:%u: %.280s", path, exec_error_op(ex, i)->line,
               exec_error(ex, i)->what);
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
  printf("%s %s (model alone) ops=%zu (scenario operations)%s\n", failures == 0 ? "PASS" : "FAIL",
         path, exec_ops_done(ex), s->strict || strict ? " strict" : "");
  exec_free(ex);
  model_be_free(mb);
  obs_free(&log);
  return failures;
}

static int scn_model_result(const char *result, const char *exe, const char *path, const scn_t *s,
                            bool loaded, const scn_model_verdict_t *v, int failed, double seconds) {
  const char *base = strrchr(path, '/');
  char test[256];
  snprintf(test, sizeof(test), "%s", base != NULL ? base + 1 : path);
  char *dot = strrchr(test, '.');
  if (dot != NULL) {
    *dot = 0;
  }
  char rerun[1100];
  snprintf(rerun, sizeof(rerun), "%.500s %.500s", exe, path);
  tb_result_t r = {
      .tool = "scn_model",
      .status = failed == 0 ? "PASS" : "FAIL",
      .block = !loaded                     ? "?"
               : s->block == SCN_BLOCK_ITS ? "its"
                                           : "stimer",
      .test = test,
      .scenario = path,
      .seed = 1,
      .ops = v->ops,
      .failures = (uint64_t)failed,
      .first_mismatch = failed == 0        ? ""
                        : v->first[0] != 0 ? v->first
                                           : "the scenario failed",
      .skip_reason = "",
      .rerun = rerun,
      .rerun_waves = "",
      .seconds = seconds,
  };
  char err[1200];
  if (!tb_result_write(result, &r, err, sizeof(err))) {
    fprintf(stderr, "%s: %s\n", exe, err);
    return 1;
  }
  return 0;
}

int main(int argc, char **argv) {
  const char *result = NULL;
  bool strict = false;
  char **files = argv + 1;  // the scenario files, compacted in place
  int n = 0;
  for (int i = 1; i < argc; i++) {
    if (strcmp(argv[i], "--result") == 0) {
      if (i + 1 >= argc || result != NULL) {
        fprintf(stderr, "%s: --result: expected once, with a file name after it\n", argv[0]);
        return 2;
      }
      result = argv[++i];
    } else if (strcmp(argv[i], "--strict") == 0) {
      strict = true;
    } else if (strncmp(argv[i], "--", 2) == 0) {
      fprintf(stderr, "%s: unknown option %s\nusage: %s [--strict] [--result FILE] SCENARIO...\n",
              argv[0], argv[i], argv[0]);
      return 2;
    } else {
      files[n++] = argv[i];
    }
  }
  if (n < 1) {
    fprintf(stderr, "usage: %s [--strict] [--result FILE] SCENARIO...\n", argv[0]);
    return 2;
  }
  if (result != NULL && n != 1) {
    fprintf(stderr, "%s: --result: expected one scenario file, got %d\n", argv[0], n);
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
    bool loaded = scn_load(files[i], &s, err, sizeof(err));
    int f = 1;
    if (!loaded) {
      fprintf(stderr, "%s\n", err);
      snprintf(v.first, sizeof(v.first), "%.390s", err);
      malformed++;
    } else {
      f = scn_model_run(files[i], &s, strict, &v) != 0;
    }
    failed += f;
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (result != NULL) {
      double secs = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
      write_failed += scn_model_result(result, argv[0], files[i], &s, loaded, &v, f, secs);
    }
    if (loaded) {
      scn_free(&s);
    }
  }
  printf("%d passed, %d failed\n", n - failed, failed);
  return malformed > 0 ? 2 : failed == 0 && write_failed == 0 ? 0 : 1;
}

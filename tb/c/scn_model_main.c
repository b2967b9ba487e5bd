// SPDX-License-Identifier: Apache-2.0
// scn_model: runs scenario files on the golden model alone (no Verilator), for fast checks:
// the scenario executor (exec.h) on the model back end (model_be.h), the same executor and the
// same checks as `tb_sim` runs in lockstep. Usage: scn_model [--strict] FILE...   Exit status 0
// when every file passes, 1 when a check failed, 2 when a file is malformed or the command line
// is wrong (as tb_sim: one file, one verdict). `--strict`: every file runs in strict mode
// (docs/scenarios.md), as if it began with a `strict` line.
#include <stdio.h>
#include <string.h>

#include "exec.h"
#include "model_be.h"

// Runs one loaded scenario; prints its failures and its summary line; returns the failures.
static int scn_model_run(const char *path, const scn_t *s, bool strict) {
  char err[512];
  obs_log_t log;
  obs_init(&log);
  model_be_t *mb = model_be_new(s, &log, err, sizeof(err));
  if (mb == NULL) {
    printf("%s: FAIL (model): %s\n", path, err);
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
  }
  if (!finished) {
    printf("%s: FAIL (model): the executor stopped before the end of the scenario\n", path);
    failures++;
  }
  printf("%s %s (model alone) ops=%zu (scenario operations)%s\n", failures == 0 ? "PASS" : "FAIL",
         path, exec_ops_done(ex), s->strict || strict ? " strict" : "");
  exec_free(ex);
  model_be_free(mb);
  obs_free(&log);
  return failures;
}

int main(int argc, char **argv) {
  int first = 1;
  bool strict = false;
  while (first < argc && strncmp(argv[first], "--", 2) == 0) {
    if (strcmp(argv[first], "--strict") != 0) {
      fprintf(stderr, "%s: unknown option %s\nusage: %s [--strict] SCENARIO...\n", argv[0],
              argv[first], argv[0]);
      return 2;
    }
    strict = true;
    first++;
  }
  if (first >= argc) {
    fprintf(stderr, "usage: %s [--strict] SCENARIO...\n", argv[0]);
    return 2;
  }
  int failed = 0;
  int malformed = 0;
  for (int i = first; i < argc; i++) {
    scn_t s;
    char err[512];
    if (!scn_load(argv[i], &s, err, sizeof(err))) {
      fprintf(stderr, "%s\n", err);
      failed++;
      malformed++;
      continue;
    }
    failed += scn_model_run(argv[i], &s, strict) != 0;
    scn_free(&s);
  }
  printf("%d passed, %d failed\n", argc - first - failed, failed);
  return malformed > 0 ? 2 : failed == 0 ? 0 : 1;
}

// SPDX-License-Identifier: Apache-2.0
// `replay`: checks a captured trace (tb_sim --record FILE, or an FPGA capture; docs/trace.md)
// against the golden model with the lockstep checkers, offline. Prints tb_sim's mismatch
// report and a summary line; exit 0 on a pass, 1 on a divergence or a stream that cannot be
// checked (missing, unreadable, truncated, corrupted, overflowed), 2 on a usage error.
//
//   replay [--test NAME] [--result FILE.json] TRACE
#include <stdio.h>
#include <string.h>

#include "replay.h"
#include "result.h"
#include "trace.h"

static int replay_usage(const char *argv0) {
  fprintf(stderr, "usage: %s [--test NAME] [--result FILE.json] TRACE\n", argv0);
  return 2;
}

int main(int argc, char **argv) {
  const char *test = NULL;
  const char *result = NULL;
  const char *path = NULL;
  for (int i = 1; i < argc; i++) {
    if ((strcmp(argv[i], "--test") == 0 || strcmp(argv[i], "--result") == 0) && i + 1 < argc) {
      *(argv[i][2] == 't' ? &test : &result) = argv[i + 1];
      i++;
    } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
      replay_usage(argv[0]);
      return 0;
    } else if (argv[i][0] == '-' || path != NULL) {
      return replay_usage(argv[0]);
    } else {
      path = argv[i];
    }
  }
  if (path == NULL) {
    return replay_usage(argv[0]);
  }
  if (test == NULL) {
    test = path;
  }
  trace_file_t f;
  char err[600];
  replay_result_t res;
  memset(&res, 0, sizeof(res));
  if (!trace_read(path, &f, err, sizeof(err))) {
    printf("==================== MISMATCH ====================\n");
    printf("test %s  (replay)  the trace cannot be checked\n%s\n", test, err);
    printf("==================================================\n");
    snprintf(res.first_mismatch, sizeof(res.first_mismatch), "%s", err);
    res.failures = 1;
  } else {
    replay_run(&f, test, stdout, &res);
    trace_file_free(&f);
  }
  bool pass = res.failures == 0;
  const char *blk = res.block == 1 ? "its" : res.block == 2 ? "stimer" : "";
  printf("%s %s %s (replay of %s) cycles=%llu (%llu DUT operations compared)\n",
         pass ? "PASS" : "FAIL", blk, test, path, (unsigned long long)res.cycles,
         (unsigned long long)res.compared);
  if (result != NULL) {
    tb_result_t r = {
        .tool = "replay",
        .status = pass ? "PASS" : "FAIL",
        .block = blk,
        .test = test,
        .scenario = path,
        .compared = res.compared,
        .cycles = res.cycles,
        .failures = res.failures,
        .first_mismatch = res.first_mismatch,
        .skip_reason = "",
        .rerun = "",
        .rerun_waves = "",
    };
    char rerr[1200];
    if (!tb_result_write(result, &r, rerr, sizeof(rerr))) {
      fprintf(stderr, "replay: %s\n", rerr);
      return 1;
    }
  }
  return pass ? 0 : 1;
}

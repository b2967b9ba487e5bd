// SPDX-License-Identifier: Apache-2.0
// scn_model: runs scenario files on the golden model alone (no Verilator), for fast checks.
// Usage: scn_model FILE...   Exit status 0 when every file passes, 1 when a check failed, 2 when
// a file is malformed (the same code tb_sim gives it: one file, one verdict).
#include <stdio.h>

#include "run_model.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s SCENARIO...\n", argv[0]);
    return 2;
  }
  int failed = 0;
  int malformed = 0;
  for (int i = 1; i < argc; i++) {
    scn_t s;
    char err[512];
    if (!scn_load(argv[i], &s, err, sizeof(err))) {
      fprintf(stderr, "%s\n", err);
      failed++;
      malformed++;
      continue;
    }
    int f = run_model(&s, stdout);
    printf("%s %s (model alone, %zu operations)\n", f == 0 ? "PASS" : "FAIL", argv[i], s.n_ops);
    failed += f != 0;
    scn_free(&s);
  }
  printf("%d passed, %d failed\n", argc - 1 - failed, failed);
  return malformed > 0 ? 2 : failed == 0 ? 0 : 1;
}

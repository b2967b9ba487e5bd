// SPDX-License-Identifier: Apache-2.0
// Runner for the model unit tests: runs one named case, or lists them all.
#include <stdio.h>
#include <string.h>

#define TEST_CASE(fn, name) void fn(void);
#include "test_list.h"
#undef TEST_CASE

typedef struct {
  const char *name;
  void (*fn)(void);
} test_entry_t;

static const test_entry_t test_entries[] = {
#define TEST_CASE(fn, name) {name, fn},
#include "test_list.h"
#undef TEST_CASE
    {NULL, NULL}};

static int test_usage(const char *argv0) {
  fprintf(stderr, "usage: %s NAME | --list | --all\n", argv0);
  return 2;
}

int main(int argc, char **argv) {
  if (argc != 2) {
    return test_usage(argv[0]);
  }
  if (strcmp(argv[1], "--list") == 0) {
    for (const test_entry_t *t = test_entries; t->name != NULL; t++) {
      printf("%s\n", t->name);
    }
    return 0;
  }
  if (strcmp(argv[1], "--all") == 0) {
    // One process for all cases: the first failure ends the run (for quick local loops).
    int n = 0;
    for (const test_entry_t *t = test_entries; t->name != NULL; t++, n++) {
      t->fn();
    }
    printf("%d passed, 0 failed\n", n);
    return 0;
  }
  for (const test_entry_t *t = test_entries; t->name != NULL; t++) {
    if (strcmp(argv[1], t->name) == 0) {
      t->fn();
      return 0;
    }
  }
  fprintf(stderr, "%s: no test case named '%s' (see --list)\n", argv[0], argv[1]);
  return 2;
}

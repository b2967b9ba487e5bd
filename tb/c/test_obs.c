// SPDX-License-Identifier: Apache-2.0
// The observation log's checks and messages (docs/scenarios.md "Blocks and expectations",
// "Strict mode"): a failed expect names only the fields of its line and lists the nearest outputs
// first; write beats are counted per block and per retire record or attempt, never matched by
// `expect none any` or asked for by strict mode; `expect none write` sees them.
#include <stdio.h>
#include <string.h>

#include "its.h"
#include "obs.h"
#include "scn.h"
#include "stimer.h"

#define CHECK(c)                                                   \
  do {                                                             \
    if (!(c)) {                                                    \
      printf("%s:%d: check failed: %s\n", __FILE__, __LINE__, #c); \
      fails++;                                                     \
    }                                                              \
  } while (0)

// The first operation of `block` + `line`, parsed as a scenario would be.
static scn_op_t test_op(const char *block, const char *line) {
  char text[400];
  char err[300];
  scn_t s;
  scn_op_t op;
  memset(&op, 0, sizeof(op));
  snprintf(text, sizeof(text), "block %s\n%s\n", block, line);
  if (!scn_parse("test", text, &s, err, sizeof(err))) {
    printf("test_obs: cannot parse '%s': %s\n", line, err);
    return op;
  }
  op = s.ops[0];
  scn_free(&s);
  return op;
}

static void test_retire(obs_log_t *log, uint64_t opcode, uint64_t offset) {
  uint64_t a[SCN_NA] = {ITS_RT_CMD, opcode, 0, 0, 0, 0, offset, 0};
  obs_add(log, SCN_OBS_RETIRE, a);
}

static void test_write(obs_log_t *log, uint64_t addr) {
  cm_mem_write_t w = {addr, 0x1234, 0xFF, false};
  obs_add_write(log, &w);
}

// A failed expect: only the line's fields; the nearest output (most fields in common) first.
static int test_nearest(void) {
  int fails = 0;
  obs_log_t log;
  obs_init(&log);
  test_write(&log, 0x200010);  // MAPD: the DTE
  test_retire(&log, ITS_CMD_MAPD, 0);
  test_write(&log, 0x300018);  // MAPC: the CTE
  test_retire(&log, ITS_CMD_MAPC, 0x20);
  test_write(&log, 0x4000F0);  // MAPTI: the ITE, two beats
  test_write(&log, 0x4000F8);
  test_retire(&log, ITS_CMD_MAPTI, 0x40);
  CHECK(log.v[0].a[7] == 1 && log.v[1].a[7] == 1 && log.v[2].a[7] == 2);
  CHECK(log.writes == 4);
  char err[2000];
  scn_op_t op = test_op("its", "expect retire cmd op=MAPTI offset=0x40 writes=1");
  CHECK(!obs_check(&log, &op, err, sizeof(err)));
  CHECK(strstr(err, "line 2: expected retire cmd op=MAPTI offset=0x40 writes=1, not seen") == err);
  const char *first = strstr(err, "seen: ");
  CHECK(first != NULL && strncmp(first, "seen: retire cmd op=MAPTI", 25) == 0);
  CHECK(strstr(err, "outcome=ok err=") == NULL || strstr(err, "outcome=ok err=") > first);
  op = test_op("its", "expect retire cmd op=MAPTI offset=0x40 writes=2");
  CHECK(obs_check(&log, &op, err, sizeof(err)));
  // No output of the kind: the other outputs are named instead.
  op = test_op("its", "expect rd SET rd=3");
  CHECK(!obs_check(&log, &op, err, sizeof(err)));
  CHECK(strstr(err, "expected rd SET rd=3, not seen; no unconsumed rd output") != NULL);
  CHECK(strstr(err, "other: retire cmd op=MAPD") != NULL);
  // Strict: the two unconsumed records, not the writes.
  char list[1000] = "";
  CHECK(obs_unmatched(&log, list, sizeof(list)) == 2);
  CHECK(strstr(list, "unmatched: retire cmd op=MAPD") != NULL);
  CHECK(strstr(list, "write addr") == NULL);
  // `expect none any` is about events: it sees the records, never the writes.
  op = test_op("its", "expect none any");
  CHECK(!obs_check(&log, &op, err, sizeof(err)));
  CHECK(strstr(err, "write addr") == NULL);
  op = test_op("its", "expect none write");
  CHECK(!obs_check(&log, &op, err, sizeof(err)));
  CHECK(strstr(err, "expected no memory write in this block, but 4:") != NULL);
  CHECK(strstr(err, "seen: write addr=0x4000f8") != NULL);
  obs_free(&log);
  return fails;
}

// Many outputs: a few are listed and the rest counted; a new block forgets the writes.
static int test_many(void) {
  int fails = 0;
  obs_log_t log;
  obs_init(&log);
  for (unsigned i = 0; i < 10; i++) {
    test_write(&log, 0x1000 + 8 * i);
    test_retire(&log, ITS_CMD_SYNC, 0x20 * i);
  }
  char err[2000];
  scn_op_t op = test_op("its", "expect retire cmd op=INT");
  CHECK(!obs_check(&log, &op, err, sizeof(err)));
  CHECK(strstr(err, "(6 more unconsumed)") != NULL);
  char list[1000] = "";
  CHECK(obs_unmatched(&log, list, sizeof(list)) == 10);
  CHECK(strstr(list, "(6 more unmatched)") != NULL);
  op = test_op("its", "expect none write");
  CHECK(!obs_check(&log, &op, err, sizeof(err)));
  CHECK(strstr(err, "(6 more write beats)") != NULL);
  scn_op_t stim = test_op("its", "wait");
  obs_note_op(&log, &op);    // an expect
  obs_note_op(&log, &stim);  // a stimulus after it: a new block
  CHECK(log.n == 0 && log.writes == 0);
  CHECK(obs_check(&log, &op, err, sizeof(err)));
  obs_free(&log);
  return fails;
}

// stimer: an attempt counts the beats since the previous attempt or the start of its pass.
static int test_attempt_writes(void) {
  int fails = 0;
  obs_log_t log;
  obs_init(&log);
  for (unsigned i = 0; i < 512; i++) {
    test_write(&log, 0x10000 + 8 * i);  // a SIMP enable: no attempt's
  }
  obs_pass_start(&log);
  for (unsigned i = 0; i < 5; i++) {
    test_write(&log, 0x10200 + 8 * i);
  }
  uint64_t a[SCN_NA] = {0, 0, STIMER_OUT_DELIVERED, 2000, 0, 0, 0, 0};
  obs_add(&log, SCN_OBS_ATTEMPT, a);
  test_write(&log, 0x10200);
  a[1] = 1;
  a[2] = STIMER_OUT_BUSY_PENDING;
  obs_add(&log, SCN_OBS_ATTEMPT, a);
  CHECK(log.v[0].a[4] == 5 && log.v[1].a[4] == 1);
  char err[2000];
  scn_op_t op = test_op("stimer", "expect attempt vp=0 timer=0 outcome=delivered writes=4");
  CHECK(!obs_check(&log, &op, err, sizeof(err)));
  CHECK(strstr(err, "expected attempt vp=0 timer=0 outcome=delivered writes=4, not seen") != NULL);
  op = test_op("stimer", "expect attempt vp=0 timer=1 outcome=busy_pending writes=1");
  CHECK(obs_check(&log, &op, err, sizeof(err)));
  obs_free(&log);
  return fails;
}

int main(void) {
  int fails = test_nearest() + test_many() + test_attempt_writes();
  printf("%s: expect messages, write counts, strict lists\n", fails == 0 ? "PASS" : "FAIL");
  return fails == 0 ? 0 : 1;
}

// SPDX-License-Identifier: Apache-2.0
// Out-of-memory paths of the model, run for real: this runner is linked with
// -Wl,--wrap=malloc,--wrap=calloc,--wrap=free (cmodel/CMakeLists.txt), so every allocation of
// the model goes through oom_* below, which can fail the Nth one and tracks what is live.
// Contracts checked: its_create/stimer_create return the BAD_ARG status with `*out` unchanged
// and nothing allocated (its.h, stimer.h: "nothing happened"); the event ring (cm_evq.h) fails
// init cleanly and, when it cannot grow, counts the lost record and keeps the queued ones.
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "cm_evq.h"
#include "its.h"
#include "stimer.h"
#include "stimer_int.h"  // the model's event ring, to see its room and its lost count
#include "test.h"

void *__real_malloc(size_t size);
void *__real_calloc(size_t n, size_t size);
void __real_free(void *p);
void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t n, size_t size);
void __wrap_free(void *p);

// ---- The allocator wrapper ----

#define OOM_LIVE_MAX 64

static struct {
  bool on;                   // counting and tracking (between oom_arm and oom_disarm)
  unsigned fail_at;          // the allocation number that fails (1 = the first), 0 = none
  bool fail_after;           // every allocation from `fail_at` on fails, not just that one
  unsigned count;            // allocations attempted since oom_arm
  unsigned failed;           // allocations failed since oom_arm
  void *live[OOM_LIVE_MAX];  // blocks allocated since oom_arm and not yet freed
} oom;

static void oom_track(void *p) {
  for (size_t i = 0; i < OOM_LIVE_MAX; i++) {
    if (oom.live[i] == NULL) {
      oom.live[i] = p;
      return;
    }
  }
  TEST_FAIL_AT(__FILE__, __LINE__, "more than %d live blocks", OOM_LIVE_MAX);
}

static bool oom_fail_now(void) {
  if (!oom.on) {
    return false;
  }
  oom.count++;
  if (oom.fail_at != 0 &&
      (oom.count == oom.fail_at || (oom.fail_after && oom.count > oom.fail_at))) {
    oom.failed++;
    return true;
  }
  return false;
}

void *__wrap_malloc(size_t size) {
  if (oom_fail_now()) {
    return NULL;
  }
  void *p = __real_malloc(size);
  if (oom.on && p != NULL) {
    oom_track(p);
  }
  return p;
}

void *__wrap_calloc(size_t n, size_t size) {
  if (oom_fail_now()) {
    return NULL;
  }
  void *p = __real_calloc(n, size);
  if (oom.on && p != NULL) {
    oom_track(p);
  }
  return p;
}

void __wrap_free(void *p) {
  for (size_t i = 0; p != NULL && i < OOM_LIVE_MAX; i++) {
    if (oom.live[i] == p) {
      oom.live[i] = NULL;
    }
  }
  __real_free(p);
}

// Starts counting allocations; the `fail_at`th fails (0: none).
static void oom_arm(unsigned fail_at) {
  memset(&oom, 0, sizeof(oom));
  oom.on = true;
  oom.fail_at = fail_at;
}

static void oom_disarm(void) {
  oom.on = false;
}

// Blocks allocated since oom_arm and still live.
static size_t oom_live(void) {
  size_t n = 0;
  for (size_t i = 0; i < OOM_LIVE_MAX; i++) {
    n += oom.live[i] != NULL;
  }
  return n;
}

// ---- A memory that is never reached: creating a model issues no access (IMPDEF-ST-3) ----

static unsigned oom_mem_accesses;

static bool oom_mem_read64(void *ctx, uint64_t addr, uint64_t *data) {
  (void)ctx;
  (void)addr;
  oom_mem_accesses++;
  *data = 0;
  return true;
}

static bool oom_mem_write64(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  (void)ctx;
  (void)addr;
  (void)data;
  (void)be;
  oom_mem_accesses++;
  return true;
}

static const cm_mem_ops_t oom_ops = {NULL, oom_mem_read64, oom_mem_write64};

// ---- Cases ----

// Fails each allocation its_create makes in turn: every failure is ITS_ERR_BAD_ARG with
// `*out` unchanged and nothing left allocated; with no failure the model works and its_destroy
// frees everything.
static void test_oom_its_create(void) {
  its_config_t cfg = {4};
  unsigned points = 0;
  for (unsigned n = 1;; n++) {
    its_t *its = (its_t *)&cfg;  // a sentinel
    oom_arm(n);
    its_status_t s = its_create(&cfg, &oom_ops, &its);
    if (oom.failed == 0) {
      // n is past the last allocation: created.
      ASSERT_EQ(s, ITS_OK);
      ASSERT_TRUE(its != NULL && its != (its_t *)&cfg);
      uint64_t v = 0;
      ASSERT_EQ(its_reg_read(its, ITS_GITS_CTLR, &v), ITS_OK);
      ASSERT_EQ(v & ITS_GITS_CTLR_QUIESCENT, ITS_GITS_CTLR_QUIESCENT);
      its_destroy(its);
      ASSERT_EQ(oom_live(), 0);
      oom_disarm();
      break;
    }
    points++;
    ASSERT_EQ(s, ITS_ERR_BAD_ARG);
    ASSERT_TRUE(its == (its_t *)&cfg);
    ASSERT_EQ(oom_live(), 0);
    oom_disarm();
    ASSERT_TRUE(n < 16);
  }
  ASSERT_TRUE(points >= 1);
  ASSERT_EQ(oom_mem_accesses, 0);
}

static void test_oom_stimer_create(void) {
  stimer_config_t cfg = stimer_default_config(3);
  unsigned points = 0;
  for (unsigned n = 1;; n++) {
    stimer_t *st = (stimer_t *)&cfg;  // a sentinel
    oom_arm(n);
    stimer_status_t s = stimer_create(&cfg, &oom_ops, &st);
    if (oom.failed == 0) {
      ASSERT_EQ(s, STIMER_OK);
      ASSERT_TRUE(st != NULL && st != (stimer_t *)&cfg);
      uint64_t v = 0;
      ASSERT_EQ(stimer_msr_read(st, 2, STIMER_MSR_SINT(0), &v), STIMER_OK);
      ASSERT_EQ(v, STIMER_SINT_RESET);
      stimer_destroy(st);
      ASSERT_EQ(oom_live(), 0);
      oom_disarm();
      break;
    }
    points++;
    ASSERT_EQ(s, STIMER_ERR_BAD_ARG);
    ASSERT_TRUE(st == (stimer_t *)&cfg);
    ASSERT_EQ(oom_live(), 0);
    oom_disarm();
    ASSERT_TRUE(n < 16);
  }
  ASSERT_TRUE(points >= 1);
  ASSERT_EQ(oom_mem_accesses, 0);
}

// cm_evq.h: init allocates the ring; false when memory ran out, with nothing to free.
static void test_oom_evq_init(void) {
  cm_evq_t q;
  oom_arm(1);
  ASSERT_FALSE(cm_evq_init(&q, sizeof(uint64_t)));
  ASSERT_EQ(oom.failed, 1);
  ASSERT_EQ(oom_live(), 0);
  ASSERT_EQ(q.count, 0);
  ASSERT_TRUE(cm_evq_front(&q) == NULL);
  cm_evq_free(&q);  // harmless
  oom_disarm();
}

static void evq_push(cm_evq_t *q, uint64_t v) {
  uint64_t *slot = cm_evq_push_slot(q);
  ASSERT_TRUE(slot != NULL);
  *slot = v;
}

// cm_evq.h: a push on a full ring that cannot grow returns the spare record; the record is
// counted in `lost` and never popped; the queued records stay, oldest first. Growth works again
// once memory is back; `lost` is sticky until cm_evq_clear.
static void test_oom_evq_grow(void) {
  cm_evq_t q;
  oom_arm(0);
  ASSERT_TRUE(cm_evq_init(&q, sizeof(uint64_t)));
  size_t cap = q.cap;
  ASSERT_TRUE(cap > 0);
  // Wrap the ring once so that growth has to unwrap it: push 3, pop 3, then fill.
  for (uint64_t i = 0; i < 3; i++) {
    evq_push(&q, 1000 + i);
  }
  for (uint64_t i = 0; i < 3; i++) {
    ASSERT_EQ(*(const uint64_t *)cm_evq_front(&q), 1000 + i);
    cm_evq_drop(&q);
  }
  for (uint64_t i = 0; i < cap; i++) {
    evq_push(&q, i);
  }
  ASSERT_EQ(q.count, cap);
  oom.fail_at = oom.count + 1;  // the next allocation fails
  evq_push(&q, 0xDEAD);
  ASSERT_EQ(oom.failed, 1);
  ASSERT_EQ(q.count, cap);
  ASSERT_EQ(q.lost, 1);
  evq_push(&q, 0xBEEF);  // memory is back: this push grows the ring
  ASSERT_EQ(q.count, cap + 1);
  ASSERT_EQ(q.lost, 1);
  ASSERT_TRUE(q.cap > cap);
  for (uint64_t i = 0; i < cap; i++) {
    ASSERT_EQ(*(const uint64_t *)cm_evq_front(&q), i);
    cm_evq_drop(&q);
  }
  ASSERT_EQ(*(const uint64_t *)cm_evq_front(&q), 0xBEEF);
  cm_evq_drop(&q);
  ASSERT_TRUE(cm_evq_front(&q) == NULL);
  ASSERT_EQ(q.lost, 1);
  cm_evq_clear(&q);
  ASSERT_EQ(q.lost, 0);
  cm_evq_free(&q);
  ASSERT_EQ(oom_live(), 0);
  oom_disarm();
}

// The model over a ring that cannot grow: the SIMP zeroing queues 512 beats; with growth
// failing, the queued ones stay poppable in order (addresses ascending) and the model goes on.
static void test_oom_model_events(void) {
  stimer_config_t cfg = stimer_default_config(1);
  stimer_t *st = NULL;
  ASSERT_EQ(stimer_create(&cfg, &oom_ops, &st), STIMER_OK);
  ASSERT_EQ(stimer_msr_write(st, 0, STIMER_MSR_SCONTROL, 1), STIMER_OK);
  oom_arm(1);  // every growth of the event ring fails
  oom.fail_after = true;
  ASSERT_EQ(stimer_msr_write(st, 0, STIMER_MSR_SIMP, 0x200001), STIMER_OK);
  unsigned failed = oom.failed;
  oom_disarm();
  ASSERT_TRUE(failed >= 1);
  ASSERT_EQ(oom_mem_accesses, 512);  // every beat was issued
  size_t n = stimer_event_count(st);
  ASSERT_TRUE(n > 0 && n < 512);  // the beats after the ring filled could not be queued
  stimer_event_t ev;
  for (size_t i = 0; i < n; i++) {
    ASSERT_TRUE(stimer_pop_event(st, &ev));
    ASSERT_EQ(ev.kind, STIMER_EV_MEM_WRITE);
    ASSERT_EQ(ev.u.mem.addr, 0x200000 + 8 * i);
  }
  ASSERT_FALSE(stimer_pop_event(st, &ev));
  uint64_t v = 0;
  ASSERT_EQ(stimer_msr_read(st, 0, STIMER_MSR_SIMP, &v), STIMER_OK);
  ASSERT_EQ(v, 0x200001);
  stimer_destroy(st);
}

// A page-clearing call (cm_mem.h) that clears nothing and reports beat k of every page faulted
// when k % 3 == 0 or k % 64 == 5; counts its calls.
static unsigned oom_zero_calls;

static bool oom_beat_fault(unsigned k) {
  return k % 3 == 0 || k % 64 == 5;
}

static bool oom_zero_page(void *ctx, uint64_t addr, uint64_t faults[CM_PAGE_BEAT_WORDS]) {
  (void)ctx;
  (void)addr;
  oom_zero_calls++;
  for (unsigned w = 0; w < CM_PAGE_BEAT_WORDS; w++) {
    faults[w] = 0;
  }
  for (unsigned k = 0; k < 512; k++) {
    faults[k / 64] |= (uint64_t)oom_beat_fault(k) << (k % 64);
  }
  return true;
}

// Pops the zeroing beat `k` of the page at `base` (per-beat events), fault flag as reported.
static void oom_expect_beat(stimer_t *st, uint64_t base, unsigned k, bool faulted_page) {
  stimer_event_t ev;
  ASSERT_TRUE(stimer_pop_event(st, &ev));
  ASSERT_EQ(ev.kind, STIMER_EV_MEM_WRITE);
  ASSERT_EQ(ev.u.mem.addr, base + 8ull * k);
  ASSERT_EQ(ev.u.mem.data, 0);
  ASSERT_EQ(ev.u.mem.be, 0xFF);
  ASSERT_EQ(ev.u.mem.fault, faulted_page && oom_beat_fault(k));
}

// The SIMP zeroing through a page-clearing call (per-beat events) when the ring, whose head is
// not 0 and which holds older events, has no room for the 512 beats and cannot grow: the older
// events stay first and intact, the beats that fit follow in address order with their faults,
// the rest are counted as lost (cm_evq.h), and once memory is back the ring grows and drains.
static void test_oom_simp_zero_page_full(void) {
  static const size_t pops[] = {1, 100, 257, 511};
  for (size_t pi = 0; pi < sizeof(pops) / sizeof(pops[0]); pi++) {
    const uint64_t old_page = 0x100000, new_page = 0x300000;
    stimer_config_t cfg = stimer_default_config(2);
    stimer_t *st = NULL;
    ASSERT_EQ(stimer_create(&cfg, &oom_ops, &st), STIMER_OK);
    ASSERT_EQ(stimer_set_zero_page(st, oom_zero_page), STIMER_OK);
    ASSERT_EQ(stimer_set_zero_runs(st, false), STIMER_OK);
    oom_zero_calls = 0;
    oom_mem_accesses = 0;
    // 512 events of VP 0's page (the call reports faults, and they are not checked here), then
    // pop some so that the head is not 0.
    ASSERT_EQ(stimer_msr_write(st, 0, STIMER_MSR_SIMP, old_page | 1), STIMER_OK);
    ASSERT_EQ(stimer_event_count(st), 512);
    for (unsigned k = 0; k < pops[pi]; k++) {
      oom_expect_beat(st, old_page, k, true);
    }
    size_t room = st->events.cap - st->events.count;
    ASSERT_TRUE(room < 512);  // the ring must grow for a whole page
    ASSERT_TRUE(st->events.head != 0);
    oom_arm(1);  // every allocation fails
    oom.fail_after = true;
    ASSERT_EQ(stimer_msr_write(st, 1, STIMER_MSR_SIMP, new_page | 1), STIMER_OK);
    unsigned failed = oom.failed;
    oom_disarm();
    ASSERT_TRUE(failed >= 1);
    ASSERT_EQ(oom_zero_calls, 2);
    ASSERT_EQ(oom_mem_accesses, 0);  // the call cleared the page: no write64
    ASSERT_EQ(stimer_event_count(st), 512 - pops[pi] + room);
    ASSERT_EQ(st->events.lost, 512 - room);
    for (unsigned k = (unsigned)pops[pi]; k < 512; k++) {
      oom_expect_beat(st, old_page, k, true);
    }
    for (unsigned k = 0; k < room; k++) {
      oom_expect_beat(st, new_page, k, true);
    }
    stimer_event_t ev;
    ASSERT_FALSE(stimer_pop_event(st, &ev));
    // Memory is back: a later page queues whole, behind nothing, and drains in order.
    ASSERT_EQ(stimer_msr_write(st, 0, STIMER_MSR_SIMP, old_page | 1), STIMER_OK);
    ASSERT_EQ(stimer_event_count(st), 512);
    for (unsigned k = 0; k < 512; k++) {
      oom_expect_beat(st, old_page, k, true);
    }
    ASSERT_FALSE(stimer_pop_event(st, &ev));
    stimer_destroy(st);
  }
}

// ---- Runner: one case per process (ctest), as cmodel_tests ----

typedef struct {
  const char *name;
  void (*fn)(void);
} oom_case_t;

static const oom_case_t oom_cases[] = {
    {"oom/its_create", test_oom_its_create},
    {"oom/stimer_create", test_oom_stimer_create},
    {"oom/evq_init", test_oom_evq_init},
    {"oom/evq_grow", test_oom_evq_grow},
    {"oom/model_events", test_oom_model_events},
    {"oom/simp_zero_page_full", test_oom_simp_zero_page_full},
};

int main(int argc, char **argv) {
  size_t n = sizeof(oom_cases) / sizeof(oom_cases[0]);
  if (argc == 2 && strcmp(argv[1], "--list") == 0) {
    for (size_t i = 0; i < n; i++) {
      printf("%s\n", oom_cases[i].name);
    }
    return 0;
  }
  if (argc == 2 && strcmp(argv[1], "--all") == 0) {
    // every case in this process, in order (scripts/mutate's unit-test run); a failing check
    // ends the process with a non-zero status
    for (size_t i = 0; i < n; i++) {
      oom_cases[i].fn();
    }
    printf("%zu passed, 0 failed\n", n);
    return 0;
  }
  for (size_t i = 0; argc == 2 && i < n; i++) {
    if (strcmp(argv[1], oom_cases[i].name) == 0) {
      oom_cases[i].fn();
      return 0;
    }
  }
  fprintf(stderr, "usage: %s NAME | --list | --all\n", argv[0]);
  return 2;
}

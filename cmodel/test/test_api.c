// SPDX-License-Identifier: Apache-2.0
// API misuse (STYLE.md 1.5): a bad argument returns the error status and changes nothing.
// Added after mutation testing found these checks untested.
#include <string.h>

#include "its.h"
#include "stimer.h"
#include "test.h"
#include "test_mem.h"

void test_its_api_offset_oor(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  its_config_t cfg = {4};
  its_t *its = NULL;
  ASSERT_EQ(its_create(&cfg, &ops, &its), ITS_OK);
  uint64_t v = 0x1234;
  // The two frames end at 0x20000; offset 0x1FFF8 is the last doubleword (RAZ).
  ASSERT_EQ(its_reg_read(its, 0x1FFF8, &v), ITS_OK);
  ASSERT_EQ(v, 0);
  ASSERT_EQ(its_reg_read(its, 0x20000, &v), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_reg_write(its, 0x20000, 1, 4, 0), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_reg_write(its, 0x20000 + ITS_GITS_CTLR, 1, 4, 0), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_reg_read(its, ITS_GITS_CTLR, &v), ITS_OK);
  ASSERT_EQ(v & 1, 0);  // the out-of-range write did not reach GITS_CTLR
  ASSERT_EQ(its_event_count(its), 0);
  its_destroy(its);
  test_mem_free(m);
}

void test_its_api_translate_bad_kind(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  its_config_t cfg = {4};
  its_t *its = NULL;
  ASSERT_EQ(its_create(&cfg, &ops, &its), ITS_OK);
  // A translation is an MSI from the port or from GITS_TRANSLATER; any other kind is misuse:
  // no retire record, no event, no memory access.
  its_translate(its, ITS_RT_CMD, 1, 2, NULL, NULL);
  ASSERT_EQ(its_event_count(its), 0);
  ASSERT_EQ(test_mem_reads(m), 0);
  its_translate(its, ITS_RT_MSI, 1, 2, NULL, NULL);
  ASSERT_EQ(its_event_count(its), 1);  // the real kind retires (IGNORED: the ITS is disabled)
  its_destroy(its);
  test_mem_free(m);
}

void test_stimer_api_eoi_vp_oor(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  stimer_config_t cfg = stimer_default_config(2);
  stimer_t *st = NULL;
  ASSERT_EQ(stimer_create(&cfg, &ops, &st), STIMER_OK);
  ASSERT_EQ(stimer_eoi(st, 1, 0x20), STIMER_OK);
  ASSERT_EQ(stimer_eoi(st, 2, 0x20), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_event_count(st), 0);
  stimer_destroy(st);
  test_mem_free(m);
}

// ---- A NULL model or a NULL result pointer is API misuse (STYLE.md 1.5) ----

void test_its_api_create_null_callbacks(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  its_config_t cfg = {4};
  its_t *its = (its_t *)&cfg;  // a sentinel: a failed create leaves `*out` alone
  cm_mem_ops_t no_read = ops;
  no_read.read64 = NULL;
  cm_mem_ops_t no_write = ops;
  no_write.write64 = NULL;
  ASSERT_EQ(its_create(&cfg, &no_read, &its), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_create(&cfg, &no_write, &its), ITS_ERR_BAD_ARG);
  ASSERT_TRUE(its == (its_t *)&cfg);
  ASSERT_EQ(test_mem_reads(m) + test_mem_writes(m), 0);
  test_mem_free(m);
}

void test_its_api_null_model(void) {
  uint64_t v = 0x77;
  ASSERT_EQ(its_reg_write(NULL, ITS_GITS_CTLR, 1, 4, 0), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_reg_read(NULL, ITS_GITS_CTLR, &v), ITS_ERR_BAD_ARG);
  ASSERT_EQ(v, 0x77);
  ASSERT_EQ(its_step(NULL), ITS_STEP_IDLE);
  ASSERT_EQ(its_run(NULL, 10), 0);
  uint32_t rd = 0x1111;
  uint32_t intid = 0x2222;
  // No model, no translation: not OK, and the outputs are not written.
  ASSERT_NE(its_translate(NULL, ITS_RT_MSI, 0, 0, &rd, &intid), ITS_OUT_OK);
  ASSERT_EQ(rd, 0x1111);
  ASSERT_EQ(intid, 0x2222);
  its_event_t ev;
  ASSERT_FALSE(its_pop_event(NULL, &ev));
  ASSERT_EQ(its_event_count(NULL), 0);
  its_reset(NULL);    // nothing to do
  its_destroy(NULL);  // as free(NULL)
}

void test_its_api_null_result(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  its_config_t cfg = {4};
  its_t *its = NULL;
  ASSERT_EQ(its_create(&cfg, &ops, &its), ITS_OK);
  ASSERT_EQ(its_reg_read(its, ITS_GITS_CTLR, NULL), ITS_ERR_BAD_ARG);
  // An MSI while disabled retires IGNORED: one event, which a NULL `ev` must not consume.
  its_translate(its, ITS_RT_MSI, 1, 2, NULL, NULL);
  ASSERT_EQ(its_event_count(its), 1);
  ASSERT_FALSE(its_pop_event(its, NULL));
  ASSERT_EQ(its_event_count(its), 1);
  its_event_t ev;
  ASSERT_TRUE(its_pop_event(its, &ev));
  ASSERT_EQ(ev.kind, ITS_EV_RETIRE);
  ASSERT_EQ(ev.u.retire.kind, ITS_RT_MSI);
  ASSERT_FALSE(its_pop_event(its, &ev));  // empty
  its_destroy(its);
  test_mem_free(m);
}

// its_event_run / its_drop_events: the oldest events in place, in order, nothing popped by
// reading; a drop of more than are queued drops them all; NULL arguments do nothing.
void test_its_api_event_run(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  its_config_t cfg = {4};
  its_t *its = NULL;
  ASSERT_EQ(its_create(&cfg, &ops, &its), ITS_OK);
  const its_event_t *run = NULL;
  ASSERT_EQ(its_event_run(its, &run), 0);
  its_event_t stale;
  run = &stale;  // a caller's leftover pointer must not survive an empty run
  ASSERT_EQ(its_event_run(NULL, &run), 0);
  ASSERT_TRUE(run == NULL);
  for (uint32_t e = 0; e < 3; e++) {
    its_translate(its, ITS_RT_MSI, 7, 100 + e, NULL, NULL);  // disabled: one retire each
  }
  ASSERT_EQ(its_event_run(its, NULL), 0);
  ASSERT_EQ(its_event_run(its, &run), 3);
  for (uint32_t e = 0; e < 3; e++) {
    ASSERT_EQ(run[e].kind, ITS_EV_RETIRE);
    ASSERT_EQ(run[e].u.retire.eventid, 100 + e);
  }
  ASSERT_EQ(its_event_count(its), 3);  // reading in place pops nothing
  its_drop_events(its, 1);
  ASSERT_EQ(its_event_count(its), 2);
  ASSERT_EQ(its_event_run(its, &run), 2);
  ASSERT_EQ(run[0].u.retire.eventid, 101);
  its_drop_events(NULL, 1);  // nothing to do
  its_drop_events(its, 10);  // at most those queued
  ASSERT_EQ(its_event_count(its), 0);
  ASSERT_TRUE(run != NULL);
  ASSERT_EQ(its_event_run(its, &run), 0);
  ASSERT_TRUE(run == NULL);  // none: NULL, never a stale pointer into the ring
  its_event_t ev;
  ASSERT_FALSE(its_pop_event(its, &ev));
  // Every queue length from one, each partly dropped: the run holds every queued event (the
  // ring's head stays far from its wrap here) and after a drop of d it starts at the d-th.
  uint32_t eid = 1000;
  for (uint32_t q = 1; q <= 8; q++) {
    for (uint32_t e = 0; e < q; e++) {
      its_translate(its, ITS_RT_MSI, 7, eid + e, NULL, NULL);
    }
    ASSERT_EQ(its_event_run(its, &run), q);
    ASSERT_EQ(run[0].u.retire.eventid, eid);
    ASSERT_EQ(run[q - 1].u.retire.eventid, eid + q - 1);
    uint32_t d = (q + 1) / 2;
    its_drop_events(its, d);
    ASSERT_EQ(its_event_count(its), q - d);
    ASSERT_EQ(its_event_run(its, &run), q - d);
    if (q > d) {
      ASSERT_EQ(run[0].u.retire.eventid, eid + d);
    }
    its_drop_events(its, q - d);
    ASSERT_EQ(its_event_count(its), 0);
    eid += q;
  }
  its_destroy(its);
  test_mem_free(m);
}

// Runs across the ring's wrap: each run stops at the wrap, the next one starts at the ring's
// start, and together they give every queued event once, oldest first (as its_pop_event would).
void test_its_api_event_run_wrap(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  its_config_t cfg = {4};
  its_t *its = NULL;
  ASSERT_EQ(its_create(&cfg, &ops, &its), ITS_OK);
  for (size_t head = 1; head < 64; head += 13) {
    uint32_t next = 0;  // the EventID of the oldest queued event
    uint32_t made = 0;
    for (; made < head; made++) {
      its_translate(its, ITS_RT_MSI, 1, made, NULL, NULL);
    }
    its_drop_events(its, head);  // the ring's head moves on
    next = made;
    for (; made < head + 60; made++) {
      its_translate(its, ITS_RT_MSI, 1, made, NULL, NULL);
    }
    const its_event_t *run = NULL;
    size_t n;
    size_t runs = 0;
    while ((n = its_event_run(its, &run)) > 0) {
      for (size_t i = 0; i < n; i++) {
        ASSERT_EQ(run[i].u.retire.eventid, next);
        next++;
      }
      its_drop_events(its, n);
      runs++;
    }
    ASSERT_EQ(next, made);
    ASSERT_TRUE(runs >= 1 && runs <= 2);
    ASSERT_EQ(its_event_count(its), 0);
  }
  its_destroy(its);
  test_mem_free(m);
}

// An unknown opcode gets DW0[7:0] only (its_enc.h), whatever the fields hold.
void test_its_api_cmd_encode_unknown(void) {
  its_cmd_fields_t f = {~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull};
  static const uint8_t unknown[] = {0x00, 0x02, 0x06, 0x07, 0x10, 0x29, 0xFF};
  for (size_t i = 0; i < sizeof(unknown); i++) {
    uint64_t dw[4] = {~0ull, ~0ull, ~0ull, ~0ull};
    its_cmd_encode(unknown[i], &f, dw);
    ASSERT_EQ(dw[0], unknown[i]);
    ASSERT_EQ(dw[1], 0);
    ASSERT_EQ(dw[2], 0);
    ASSERT_EQ(dw[3], 0);
  }
}

// The names for logs: the docs/enc/its.toml name of each value; a value with none still gets
// a printable string that is no value's name.
static void api_check_unnamed(const char *n, const char *const *known, size_t k) {
  ASSERT_TRUE(n != NULL && n[0] != '\0');
  for (size_t i = 0; i < k; i++) {
    if (strcmp(n, known[i]) == 0) {
      TEST_FAIL_AT(__FILE__, __LINE__, "an unnamed value is called '%s'", n);
    }
  }
}

void test_its_api_names_values(void) {
  ASSERT_EQ(strcmp(its_opcode_name(ITS_CMD_MAPTI), "MAPTI"), 0);
  ASSERT_EQ(strcmp(its_outcome_name(ITS_OUT_STALLED), "STALLED"), 0);
  ASSERT_EQ(strcmp(its_rd_kind_name(ITS_RD_MOVALL), "MOVALL"), 0);
  ASSERT_EQ(strcmp(its_retire_kind_name(ITS_RT_TRANSLATER), "TRANSLATER"), 0);
  ASSERT_EQ(strcmp(its_ee_name(ITS_EE_ID_OOR), "ID_OOR"), 0);
  ASSERT_EQ(strcmp(its_ee_name(ITS_EE_UNMAPPED_COLLECTION), "UNMAPPED_COLLECTION"), 0);
  ASSERT_EQ(strcmp(its_ee_name(ITS_EE_UNSUPPORTED), "UNSUPPORTED"), 0);
  static const char *const ops[] = {"MOVI",  "INT",  "CLEAR", "SYNC",   "MAPD",   "MAPC",
                                    "MAPTI", "MAPI", "INV",   "INVALL", "MOVALL", "DISCARD"};
  static const char *const outs[] = {"OK", "IGNORED", "STALLED", "FAULT"};
  static const char *const rds[] = {"NONE",   "SET", "CLEAR",  "MOVE",
                                    "MOVALL", "INV", "INVALL", "SYNC"};
  static const char *const rts[] = {"NONE", "CMD", "MSI", "TRANSLATER"};
  static const char *const ees[] = {
      "DEVICE_OOR",         "MOVALL_PROCNUM_OOR",  "PROCNUM_OOR", "ITTSIZE_OOR",
      "COLLECTION_OOR",     "UNMAPPED_DEVICE",     "ID_OOR",      "PHYSICALID_OOR",
      "UNMAPPED_INTERRUPT", "UNMAPPED_COLLECTION", "DISABLED",    "UNSUPPORTED"};
  api_check_unnamed(its_opcode_name(0x02), ops, sizeof(ops) / sizeof(ops[0]));
  api_check_unnamed(its_outcome_name((its_outcome_t)4), outs, sizeof(outs) / sizeof(outs[0]));
  api_check_unnamed(its_rd_kind_name((its_rd_kind_t)8), rds, sizeof(rds) / sizeof(rds[0]));
  api_check_unnamed(its_retire_kind_name((its_retire_kind_t)4), rts, sizeof(rts) / sizeof(rts[0]));
  api_check_unnamed(its_ee_name(0x08), ees, sizeof(ees) / sizeof(ees[0]));
  api_check_unnamed(its_ee_name(0x00), ees, sizeof(ees) / sizeof(ees[0]));
}

void test_stimer_api_names_values(void) {
  static const char *const outs[] = {"DELIVERED",    "NO_IRQ",      "DIRECT", "BUSY_LOST",
                                     "BUSY_PENDING", "UNAVAILABLE", "FAULT"};
  for (int o = STIMER_OUT_DELIVERED; o <= STIMER_OUT_FAULT; o++) {
    ASSERT_EQ(strcmp(stimer_outcome_name((stimer_outcome_t)o), outs[o]), 0);
  }
  api_check_unnamed(stimer_outcome_name((stimer_outcome_t)7), outs, sizeof(outs) / sizeof(outs[0]));
}

void test_stimer_api_create_bad_args(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  stimer_config_t cfg = stimer_default_config(2);
  stimer_t *st = (stimer_t *)&cfg;  // a sentinel: a failed create leaves `*out` alone
  cm_mem_ops_t no_read = ops;
  no_read.read64 = NULL;
  cm_mem_ops_t no_write = ops;
  no_write.write64 = NULL;
  ASSERT_EQ(stimer_create(NULL, &ops, &st), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_create(&cfg, NULL, &st), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_create(&cfg, &ops, NULL), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_create(&cfg, &no_read, &st), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_create(&cfg, &no_write, &st), STIMER_ERR_BAD_ARG);
  ASSERT_TRUE(st == (stimer_t *)&cfg);
  cfg = stimer_default_config(256);  // the largest NumVp (stimer.h: 1..256)
  ASSERT_EQ(stimer_create(&cfg, &ops, &st), STIMER_OK);
  ASSERT_TRUE(st != NULL && st != (stimer_t *)&cfg);
  stimer_destroy(st);
  ASSERT_EQ(test_mem_reads(m) + test_mem_writes(m), 0);
  test_mem_free(m);
}

void test_stimer_api_null_model(void) {
  uint64_t v = 0x77;
  ASSERT_EQ(stimer_msr_write(NULL, 0, STIMER_MSR_SCONTROL, 1), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_msr_write_sized(NULL, 0, STIMER_MSR_SCONTROL, 1, 8), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_msr_write_sized(NULL, 0, STIMER_MSR_SCONTROL, 1, 4), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_msr_read(NULL, 0, STIMER_MSR_SCONTROL, &v), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(v, 0x77);
  ASSERT_EQ(stimer_eoi(NULL, 0, 0x20), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_set_now(NULL, 5), STIMER_ERR_BAD_ARG);
  ASSERT_FALSE(stimer_step(NULL));
  ASSERT_EQ(stimer_advance(NULL, 5), 0);
  stimer_event_t ev;
  ASSERT_FALSE(stimer_pop_event(NULL, &ev));
  ASSERT_EQ(stimer_event_count(NULL), 0);
  stimer_reset(NULL);    // nothing to do
  stimer_destroy(NULL);  // as free(NULL)
}

void test_stimer_api_null_result(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  stimer_config_t cfg = stimer_default_config(1);
  stimer_t *st = NULL;
  ASSERT_EQ(stimer_create(&cfg, &ops, &st), STIMER_OK);
  ASSERT_EQ(stimer_msr_write(st, 0, STIMER_MSR_SCONTROL, 1), STIMER_OK);
  ASSERT_EQ(stimer_msr_read(st, 0, STIMER_MSR_SCONTROL, NULL), STIMER_ERR_BAD_ARG);
  // SIMP Enable = 1 queues the 512 zeroing beats; a NULL `ev` consumes none of them.
  ASSERT_EQ(stimer_msr_write(st, 0, STIMER_MSR_SIMP, 0x100001), STIMER_OK);
  size_t n = stimer_event_count(st);
  ASSERT_EQ(n, 512);
  ASSERT_FALSE(stimer_pop_event(st, NULL));
  ASSERT_EQ(stimer_event_count(st), n);
  stimer_destroy(st);
  test_mem_free(m);
}

// stimer_advance() is stimer_set_now() first: a `now` below the last sample is refused, no
// attempt is made and the time stays (stimer.h).
void test_stimer_api_advance_backwards(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  stimer_config_t cfg = stimer_default_config(1);
  stimer_t *st = NULL;
  ASSERT_EQ(stimer_create(&cfg, &ops, &st), STIMER_OK);
  // A direct-mode one-shot due at 100 (no SIM page needed).
  ASSERT_EQ(stimer_msr_write(st, 0, STIMER_MSR_COUNT(0), 100), STIMER_OK);
  ASSERT_EQ(stimer_msr_write(st, 0, STIMER_MSR_CONFIG(0),
                             STIMER_CFG_ENABLE | STIMER_CFG_DIRECT | STIMER_CFG_APIC_VECTOR(0x40)),
            STIMER_OK);
  ASSERT_EQ(stimer_advance(st, 90), 0);
  ASSERT_EQ(stimer_advance(st, 89), 0);
  uint64_t v = 0;
  ASSERT_EQ(stimer_msr_read(st, 0, STIMER_MSR_TIME_REF_COUNT, &v), STIMER_OK);
  ASSERT_EQ(v, 90);
  ASSERT_EQ(stimer_event_count(st), 0);
  ASSERT_EQ(stimer_advance(st, 100), 1);  // the timer is still armed
  ASSERT_EQ(stimer_event_count(st), 2);   // interrupt and retire
  stimer_destroy(st);
  test_mem_free(m);
}

// SPDX-License-Identifier: Apache-2.0
// API misuse (STYLE.md 1.5): a bad argument returns the error status and changes nothing.
// Added after mutation testing found these checks untested.
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

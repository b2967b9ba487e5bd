// SPDX-License-Identifier: Apache-2.0
// Shared fixture and assertions for the stimer model tests.
#include "test_stimer_util.h"

#include <stdio.h>

// ---- Fixture ----

ts_fx_t ts_fx_new_cfg(const stimer_config_t *cfg) {
  ts_fx_t fx;
  fx.mem = test_mem_new();
  fx.cfg = *cfg;
  fx.st = NULL;
  cm_mem_ops_t ops = test_mem_ops(fx.mem);
  stimer_status_t s = stimer_create(cfg, &ops, &fx.st);
  if (s != STIMER_OK || fx.st == NULL) {
    TEST_FAIL_AT(__FILE__, __LINE__, "stimer_create failed (%d)", (int)s);
  }
  return fx;
}

ts_fx_t ts_fx_new(uint32_t num_vp) {
  stimer_config_t cfg = stimer_default_config(num_vp);
  return ts_fx_new_cfg(&cfg);
}

void ts_fx_free(ts_fx_t *fx) {
  stimer_destroy(fx->st);
  test_mem_free(fx->mem);
  fx->st = NULL;
  fx->mem = NULL;
}

// ---- MSR wrappers ----

void ts_msr_write_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t msr,
                     uint64_t value, stimer_status_t expect) {
  stimer_status_t s = stimer_msr_write(fx->st, vp, msr, value);
  if (s != expect) {
    TEST_FAIL_AT(file, line, "msr_write(vp=%u, msr=0x%08x, 0x%016llx) = %d, expected %d",
                 (unsigned)vp, (unsigned)msr, (unsigned long long)value, (int)s, (int)expect);
  }
}

uint64_t ts_msr_read_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t msr) {
  uint64_t v = 0xDEADBEEFDEADBEEFull;
  stimer_status_t s = stimer_msr_read(fx->st, vp, msr, &v);
  if (s != STIMER_OK) {
    TEST_FAIL_AT(file, line, "msr_read(vp=%u, msr=0x%08x) = %d, expected OK", (unsigned)vp,
                 (unsigned)msr, (int)s);
  }
  return v;
}

void ts_msr_read_gp_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t msr) {
  uint64_t v = 0xA5A5A5A5A5A5A5A5ull;  // a #GP read writes 0 (stimer.h)
  stimer_status_t s = stimer_msr_read(fx->st, vp, msr, &v);
  if (s != STIMER_GP) {
    TEST_FAIL_AT(file, line, "msr_read(vp=%u, msr=0x%08x) = %d, expected #GP", (unsigned)vp,
                 (unsigned)msr, (int)s);
  }
  if (v != 0) {
    TEST_FAIL_AT(file, line, "msr_read(vp=%u, msr=0x%08x) #GP left *value 0x%016llx, not 0",
                 (unsigned)vp, (unsigned)msr, (unsigned long long)v);
  }
}

// ---- Events ----

static const char *ts_outcome_str(stimer_outcome_t o) {
  static const char *const names[] = {"DELIVERED",    "NO_IRQ",      "DIRECT", "BUSY_LOST",
                                      "BUSY_PENDING", "UNAVAILABLE", "FAULT"};
  if ((unsigned)o < sizeof(names) / sizeof(names[0])) {
    return names[o];
  }
  return "?";
}

static void ts_describe(const stimer_event_t *ev, char *buf, size_t size) {
  switch (ev->kind) {
    case STIMER_EV_MEM_WRITE:
      snprintf(buf, size, "MEM_WRITE{addr=0x%llx data=0x%016llx be=0x%02x fault=%d}",
               (unsigned long long)ev->u.mem.addr, (unsigned long long)ev->u.mem.data,
               (unsigned)ev->u.mem.be, (int)ev->u.mem.fault);
      break;
    case STIMER_EV_IRQ:
      snprintf(buf, size, "IRQ{vp=%u vector=0x%02x auto_eoi=%d}", (unsigned)ev->u.irq.vp,
               (unsigned)ev->u.irq.vector, (int)ev->u.irq.auto_eoi);
      break;
    case STIMER_EV_RETIRE:
      snprintf(buf, size, "RETIRE{vp=%u timer=%u outcome=%s now=0x%llx}", (unsigned)ev->u.retire.vp,
               (unsigned)ev->u.retire.timer, ts_outcome_str(ev->u.retire.outcome),
               (unsigned long long)ev->u.retire.now);
      break;
    default:
      snprintf(buf, size, "event kind %d", (int)ev->kind);
      break;
  }
}

static stimer_event_t ts_pop(const char *file, int line, ts_fx_t *fx, const char *want) {
  stimer_event_t ev;
  if (!stimer_pop_event(fx->st, &ev)) {
    TEST_FAIL_AT(file, line, "no event left, expected %s", want);
  }
  return ev;
}

static void ts_mismatch(const char *file, int line, const stimer_event_t *ev, const char *want) {
  char got[160];
  ts_describe(ev, got, sizeof(got));
  TEST_FAIL_AT(file, line, "event %s, expected %s", got, want);
}

void ts_expect_mem_write_at(const char *file, int line, ts_fx_t *fx, uint64_t addr, uint64_t data,
                            uint8_t be, bool fault) {
  char want[160];
  snprintf(want, sizeof(want), "MEM_WRITE{addr=0x%llx data=0x%016llx be=0x%02x fault=%d}",
           (unsigned long long)addr, (unsigned long long)data, (unsigned)be, (int)fault);
  stimer_event_t ev = ts_pop(file, line, fx, want);
  if (ev.kind != STIMER_EV_MEM_WRITE || ev.u.mem.addr != addr || ev.u.mem.be != be ||
      ev.u.mem.fault != fault) {
    ts_mismatch(file, line, &ev, want);
  }
  // Only the enabled bytes of the beat carry data.
  uint64_t mask = 0;
  for (unsigned i = 0; i < 8; i++) {
    if (be & (1u << i)) {
      mask |= 0xFFull << (8 * i);
    }
  }
  if ((ev.u.mem.data & mask) != (data & mask)) {
    ts_mismatch(file, line, &ev, want);
  }
}

void ts_expect_irq_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint8_t vector,
                      bool auto_eoi) {
  char want[160];
  snprintf(want, sizeof(want), "IRQ{vp=%u vector=0x%02x auto_eoi=%d}", (unsigned)vp,
           (unsigned)vector, (int)auto_eoi);
  stimer_event_t ev = ts_pop(file, line, fx, want);
  if (ev.kind != STIMER_EV_IRQ || ev.u.irq.vp != vp || ev.u.irq.vector != vector ||
      ev.u.irq.auto_eoi != auto_eoi) {
    ts_mismatch(file, line, &ev, want);
  }
}

void ts_expect_retire_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t timer,
                         stimer_outcome_t outcome, uint64_t now) {
  char want[160];
  snprintf(want, sizeof(want), "RETIRE{vp=%u timer=%u outcome=%s now=0x%llx}", (unsigned)vp,
           (unsigned)timer, ts_outcome_str(outcome), (unsigned long long)now);
  stimer_event_t ev = ts_pop(file, line, fx, want);
  if (ev.kind != STIMER_EV_RETIRE || ev.u.retire.vp != vp || ev.u.retire.timer != timer ||
      ev.u.retire.outcome != outcome || ev.u.retire.now != now) {
    ts_mismatch(file, line, &ev, want);
  }
}

void ts_expect_no_event_at(const char *file, int line, ts_fx_t *fx) {
  size_t n = stimer_event_count(fx->st);
  stimer_event_t ev;
  if (stimer_pop_event(fx->st, &ev)) {
    ts_mismatch(file, line, &ev, "no event");
  }
  if (n != 0) {
    TEST_FAIL_AT(file, line, "stimer_event_count() = %zu, expected 0", n);
  }
}

void ts_expect_msg_beats_at(const char *file, int line, ts_fx_t *fx, uint64_t slot, uint32_t timer,
                            uint64_t exp, uint64_t delivery) {
  // docs/interfaces.md section 2: +08, +10, +18, +20, then +00 (payload before message_type).
  ts_expect_mem_write_at(file, line, fx, slot + 0x08, 0, 0xFF, false);
  ts_expect_mem_write_at(file, line, fx, slot + 0x10, timer, 0xFF, false);
  ts_expect_mem_write_at(file, line, fx, slot + 0x18, exp, 0xFF, false);
  ts_expect_mem_write_at(file, line, fx, slot + 0x20, delivery, 0xFF, false);
  ts_expect_mem_write_at(file, line, fx, slot + 0x00, TS_MSG_HEADER, 0xFF, false);
}

void ts_expect_slot_msg_at(const char *file, int line, ts_fx_t *fx, uint64_t slot, uint32_t timer,
                           uint64_t exp, uint64_t delivery, uint8_t flags) {
  struct {
    unsigned off;
    unsigned size;
    uint64_t value;
    const char *name;
  } const fields[] = {
      {0x00, 4, STIMER_MSG_TIMER_EXPIRED, "message_type"},
      {0x04, 1, 24, "payload_size"},
      {0x05, 1, flags, "flags"},
      {0x06, 2, 0, "reserved"},
      {0x08, 8, 0, "sender"},
      {0x10, 4, timer, "timer_index"},
      {0x14, 4, 0, "reserved2"},
      {0x18, 8, exp, "expiration_time"},
      {0x20, 8, delivery, "delivery_time"},
  };
  for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
    uint64_t got = test_mem_read(fx->mem, slot + fields[i].off, fields[i].size);
    if (got != fields[i].value) {
      TEST_FAIL_AT(file, line, "slot 0x%llx %s (+0x%02x) = 0x%llx, expected 0x%llx",
                   (unsigned long long)slot, fields[i].name, fields[i].off, (unsigned long long)got,
                   (unsigned long long)fields[i].value);
    }
  }
}

void ts_expect_delivery_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t sint,
                           uint32_t timer, uint64_t exp, uint64_t now, stimer_outcome_t outcome,
                           uint8_t vector, bool auto_eoi, uint8_t flags) {
  uint64_t slot = TS_SLOT(vp, sint);
  ts_expect_msg_beats_at(file, line, fx, slot, timer, exp, now);
  ts_expect_slot_msg_at(file, line, fx, slot, timer, exp, now, flags);
  if (outcome == STIMER_OUT_DELIVERED) {
    ts_expect_irq_at(file, line, fx, vp, vector, auto_eoi);
  }
  ts_expect_retire_at(file, line, fx, vp, timer, outcome, now);
}

void ts_expect_direct_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t timer,
                         uint8_t vector, uint64_t now) {
  ts_expect_irq_at(file, line, fx, vp, vector, false);
  ts_expect_retire_at(file, line, fx, vp, timer, STIMER_OUT_DIRECT, now);
}

void ts_expect_busy_pending_at(const char *file, int line, ts_fx_t *fx, uint32_t vp, uint32_t sint,
                               uint32_t timer, uint8_t old_flags, uint64_t now) {
  // One beat at the slot base, be = 0x20: byte 5 = flags | 1 (IMPDEF-ST-5).
  uint64_t data = (uint64_t)(uint8_t)(old_flags | 1u) << 40;
  ts_expect_mem_write_at(file, line, fx, TS_SLOT(vp, sint), data, 0x20, false);
  ts_expect_retire_at(file, line, fx, vp, timer, STIMER_OUT_BUSY_PENDING, now);
}

// ---- Set-up ----

void ts_synic_on_at(const char *file, int line, ts_fx_t *fx, uint32_t vp) {
  ts_msr_write_at(file, line, fx, vp, STIMER_MSR_SCONTROL, 1, STIMER_OK);
  ts_msr_write_at(file, line, fx, vp, STIMER_MSR_SIMP, TS_SIMP_BASE(vp) | 1, STIMER_OK);
  for (unsigned i = 0; i < 512; i++) {
    ts_expect_mem_write_at(file, line, fx, TS_SIMP_BASE(vp) + 8ull * i, 0, 0xFF, false);
  }
  ts_expect_no_event_at(file, line, fx);
}

void ts_kut_sints_at(const char *file, int line, ts_fx_t *fx, uint32_t vp) {
  ts_msr_write_at(file, line, fx, vp, STIMER_MSR_SINT(TS_SINT_EOI), TS_VEC_EOI, STIMER_OK);
  ts_msr_write_at(file, line, fx, vp, STIMER_MSR_SINT(TS_SINT_AUTO),
                  TS_VEC_AUTO | STIMER_SINT_AUTO_EOI, STIMER_OK);
}

// ---- Guest side ----

void ts_fill_slot(ts_fx_t *fx, uint32_t vp, uint32_t sint) {
  test_mem_write(fx->mem, TS_SLOT(vp, sint), STIMER_MSG_TIMER_EXPIRED, 4);
  test_mem_write(fx->mem, TS_SLOT(vp, sint) + 4, 24, 1);
}

uint32_t ts_slot_type(ts_fx_t *fx, uint32_t vp, uint32_t sint) {
  return (uint32_t)test_mem_read(fx->mem, TS_SLOT(vp, sint), 4);
}

uint8_t ts_slot_flags(ts_fx_t *fx, uint32_t vp, uint32_t sint) {
  return (uint8_t)test_mem_read(fx->mem, TS_SLOT(vp, sint) + 5, 1);
}

bool ts_guest_release(ts_fx_t *fx, uint32_t vp, uint32_t sint) {
  // spec section 5: read slot, message_type := 0, then EOM if flags.msg_pending.
  bool pending = (ts_slot_flags(fx, vp, sint) & 1u) != 0;
  test_mem_write(fx->mem, TS_SLOT(vp, sint), 0, 4);
  if (pending) {
    ts_msr_write_at(__FILE__, __LINE__, fx, vp, STIMER_MSR_EOM, 0, STIMER_OK);
  }
  return pending;
}

bool ts_page_is_zero(ts_fx_t *fx, uint32_t vp) {
  for (uint64_t off = 0; off < 4096; off += 8) {
    if (test_mem_read(fx->mem, TS_SIMP_BASE(vp) + off, 8) != 0) {
      return false;
    }
  }
  return true;
}

// SPDX-License-Identifier: Apache-2.0
// Observation log and expect matching.
#include "obs.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "its.h"
#include "stimer.h"

void obs_init(obs_log_t *log) {
  memset(log, 0, sizeof(*log));
}

void obs_free(obs_log_t *log) {
  free(log->v);
  memset(log, 0, sizeof(*log));
}

void obs_add(obs_log_t *log, scn_obs_kind_t kind, const uint64_t a[6]) {
  if (log->discard) {
    log->discarded++;
    return;
  }
  if (log->n == log->cap) {
    log->cap = log->cap == 0 ? 64 : 2 * log->cap;
    log->v = realloc(log->v, log->cap * sizeof(*log->v));
    if (log->v == NULL) {
      fprintf(stderr, "obs: out of memory\n");
      exit(3);
    }
  }
  obs_t *o = &log->v[log->n++];
  o->kind = kind;
  memcpy(o->a, a, sizeof(o->a));
  o->consumed = false;
}

bool obs_is_expect(const scn_op_t *op) {
  switch (op->kind) {
    case SCN_EXPECT_MEM:
    case SCN_EXPECT_NONE:
    case SCN_EXPECT_RD:
    case SCN_EXPECT_RETIRE:
    case SCN_EXPECT_IRQ:
    case SCN_EXPECT_ATTEMPT:
    case SCN_EXPECT_MSG:
    case SCN_EXPECT_SLOT_FREE:
      return true;
    default:
      return false;
  }
}

void obs_note_op(obs_log_t *log, const scn_op_t *op) {
  bool expect = obs_is_expect(op);
  if (!expect && log->last_was_expect) {
    log->n = 0;
  }
  log->last_was_expect = expect;
}

void obs_format(const obs_t *o, char *buf, size_t len) {
  switch (o->kind) {
    case SCN_OBS_RD:
      snprintf(buf, len, "rd %s rd=%" PRIu64 " rd2=%" PRIu64 " intid=%" PRIu64,
               its_rd_kind_name((its_rd_kind_t)o->a[0]), o->a[1], o->a[2], o->a[3]);
      break;
    case SCN_OBS_RETIRE:
      snprintf(buf, len,
               "retire kind=%" PRIu64 " op=%s outcome=%s err=0x%06" PRIx64 " dev=%" PRIu64
               " ev=%" PRIu64,
               o->a[0], its_opcode_name((uint8_t)o->a[1]), its_outcome_name((its_outcome_t)o->a[2]),
               o->a[3], o->a[4], o->a[5]);
      break;
    case SCN_OBS_IRQ:
      snprintf(buf, len, "irq vp=%" PRIu64 " vector=0x%02" PRIx64 " auto_eoi=%" PRIu64, o->a[0],
               o->a[1], o->a[2]);
      break;
    case SCN_OBS_ATTEMPT:
      snprintf(buf, len, "attempt vp=%" PRIu64 " timer=%" PRIu64 " outcome=%s now=%" PRIu64,
               o->a[0], o->a[1], stimer_outcome_name((stimer_outcome_t)o->a[2]), o->a[3]);
      break;
    default:
      snprintf(buf, len, "?");
      break;
  }
}

// The observation kind an expect op looks for, and the fields it always compares.
static scn_obs_kind_t obs_kind_of(const scn_op_t *op, uint32_t *required) {
  switch (op->kind) {
    case SCN_EXPECT_RD:
      *required = 1u;
      return SCN_OBS_RD;
    case SCN_EXPECT_RETIRE:
      *required = 1u;
      return SCN_OBS_RETIRE;
    case SCN_EXPECT_IRQ:
      *required = 3u;
      return SCN_OBS_IRQ;
    case SCN_EXPECT_ATTEMPT:
      *required = 3u;
      return SCN_OBS_ATTEMPT;
    default:
      *required = 0;
      return SCN_OBS_ANY;
  }
}

static void obs_list(const obs_log_t *log, scn_obs_kind_t kind, char *buf, size_t len) {
  size_t used = strlen(buf);
  for (size_t i = 0; i < log->n && used + 2 < len; i++) {
    if (log->v[i].consumed || (kind != SCN_OBS_ANY && log->v[i].kind != kind)) {
      continue;
    }
    char one[160];
    obs_format(&log->v[i], one, sizeof(one));
    snprintf(buf + used, len - used, "\n    seen: %s", one);
    used = strlen(buf);
  }
}

bool obs_check(obs_log_t *log, const scn_op_t *op, char *err, size_t errlen) {
  if (op->kind == SCN_EXPECT_NONE) {
    scn_obs_kind_t kind = (scn_obs_kind_t)op->a[0];
    for (size_t i = 0; i < log->n; i++) {
      if (!log->v[i].consumed && (kind == SCN_OBS_ANY || log->v[i].kind == kind)) {
        snprintf(err, errlen, "line %u: expected no more outputs, but:", op->line);
        obs_list(log, kind, err, errlen);
        return false;
      }
    }
    return true;
  }
  uint32_t required;
  scn_obs_kind_t kind = obs_kind_of(op, &required);
  uint32_t fields = required | op->has;
  for (size_t i = 0; i < log->n; i++) {
    obs_t *o = &log->v[i];
    if (o->consumed || o->kind != kind) {
      continue;
    }
    bool match = true;
    for (int f = 0; f < 6 && match; f++) {
      match = !(fields & (1u << f)) || o->a[f] == op->a[f];
    }
    if (match) {
      o->consumed = true;
      return true;
    }
  }
  obs_t want = {kind, {0}, false};
  memcpy(want.a, op->a, sizeof(want.a));
  char desc[160];
  obs_format(&want, desc, sizeof(desc));
  snprintf(err, errlen, "line %u: expected %s (fields given on the line), not seen", op->line,
           desc);
  obs_list(log, kind, err, errlen);
  return false;
}

bool obs_check_mem(const tb_mem_t *mem, const scn_op_t *op, char *err, size_t errlen) {
  unsigned size = (unsigned)op->a[2];
  uint64_t mask = size >= 8 ? ~0ull : ((1ull << (8 * size)) - 1);
  uint64_t got = tb_mem_peek(mem, op->a[0], size);
  if (got != (op->a[1] & mask)) {
    snprintf(err, errlen,
             "line %u: expected mem[0x%" PRIx64 "] (%u bytes) = 0x%" PRIx64 ", got 0x%" PRIx64,
             op->line, op->a[0], size, op->a[1] & mask, got);
    return false;
  }
  return true;
}

bool obs_check_slot(const tb_mem_t *mem, uint64_t simp_base, const scn_op_t *op, char *err,
                    size_t errlen) {
  uint64_t slot = simp_base + STIMER_SLOT_BYTES * op->a[1];
  if (op->kind == SCN_EXPECT_SLOT_FREE) {
    uint64_t type = tb_mem_peek(mem, slot, 4);
    if (type != 0) {
      snprintf(err, errlen,
               "line %u: expected slot %" PRIu64 " of vp %" PRIu64
               " free, message_type = 0x%" PRIx64,
               op->line, op->a[1], op->a[0], type);
      return false;
    }
    return true;
  }
  // The 40-byte HVMSG_TIMER_EXPIRED message of spec/stimer.md section 4.
  const uint64_t want[5] = {0x0000001800000000ull | STIMER_MSG_TIMER_EXPIRED, 0, op->a[2], op->a[3],
                            op->a[4]};
  static const char *const what[5] = {"header (type, size, flags)", "sender", "timer_index",
                                      "expiration_time", "delivery_time"};
  for (int i = 0; i < 5; i++) {
    uint64_t got = tb_mem_peek(mem, slot + 8 * (uint64_t)i, 8);
    if (got != want[i]) {
      snprintf(err, errlen,
               "line %u: message in slot %" PRIu64 " of vp %" PRIu64
               ": %s at +0x%02x: expected 0x%016" PRIx64 ", got 0x%016" PRIx64,
               op->line, op->a[1], op->a[0], what[i], 8 * i, want[i], got);
      return false;
    }
  }
  return true;
}

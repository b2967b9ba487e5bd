// SPDX-License-Identifier: Apache-2.0
// Observation log and expect matching.
#include "obs.h"

#include <ctype.h>
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

void obs_add(obs_log_t *log, scn_obs_kind_t kind, const uint64_t a[SCN_NA]) {
  if (log->discard) {
    log->discarded++;
    log->writes_pending = 0;
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
  if (kind == SCN_OBS_RETIRE || kind == SCN_OBS_ATTEMPT) {
    o->a[kind == SCN_OBS_RETIRE ? 7 : 4] = log->writes_pending;
    log->writes_pending = 0;
  }
}

void obs_pass_start(obs_log_t *log) {
  log->writes_pending = 0;
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
    log->writes = 0;
  }
  log->last_was_expect = expect;
}

// An opcode as `op=` takes it: the command's name, or the number when no command has it (an
// unknown opcode; 0 in an MSI's record).
static const char *obs_opcode(uint64_t opcode, char *buf, size_t len) {
  const char *n = enc_name(enc_enum(its_enc(), "opcode"), opcode);
  if (n == NULL) {
    snprintf(buf, len, "0x%02" PRIx64, opcode);
    return buf;
  }
  return n;
}

// `name` in lower case, as scenario lines write kinds and outcomes.
static const char *obs_lower(const char *name, char *buf, size_t len) {
  size_t i = 0;
  for (; name[i] != 0 && i + 1 < len; i++) {
    buf[i] = (char)tolower((unsigned char)name[i]);
  }
  buf[i] = 0;
  return buf;
}

void obs_format(const obs_t *o, char *buf, size_t len) {
  char k[32];
  char v[32];
  char n[16];
  switch (o->kind) {
    case SCN_OBS_RD:
      snprintf(buf, len, "rd %s rd=%" PRIu64 " rd2=%" PRIu64 " intid=%" PRIu64,
               its_rd_kind_name((its_rd_kind_t)o->a[0]), o->a[1], o->a[2], o->a[3]);
      break;
    case SCN_OBS_RETIRE:
      snprintf(buf, len,
               "retire %s op=%s outcome=%s err=0x%06" PRIx64 " dev=%" PRIu64 " ev=%" PRIu64
               " offset=0x%" PRIx64 " writes=%" PRIu64,
               obs_lower(its_retire_kind_name((its_retire_kind_t)o->a[0]), k, sizeof(k)),
               obs_opcode(o->a[1], n, sizeof(n)),
               obs_lower(its_outcome_name((its_outcome_t)o->a[2]), v, sizeof(v)), o->a[3], o->a[4],
               o->a[5], o->a[6], o->a[7]);
      break;
    case SCN_OBS_IRQ:
      snprintf(buf, len, "irq vp=%" PRIu64 " vector=0x%02" PRIx64 " auto_eoi=%" PRIu64, o->a[0],
               o->a[1], o->a[2]);
      break;
    case SCN_OBS_ATTEMPT:
      snprintf(
          buf, len,
          "attempt vp=%" PRIu64 " timer=%" PRIu64 " outcome=%s now=%" PRIu64 " writes=%" PRIu64,
          o->a[0], o->a[1], obs_lower(stimer_outcome_name((stimer_outcome_t)o->a[2]), v, sizeof(v)),
          o->a[3], o->a[4]);
      break;
    case SCN_OBS_WRITE:
      snprintf(buf, len, "write addr=0x%" PRIx64 " data=0x%016" PRIx64 " be=0x%02" PRIx64 "%s",
               o->a[0], o->a[1], o->a[2], o->a[3] ? " fault" : "");
      break;
    default:
      snprintf(buf, len, "?");
      break;
  }
}

// Appends `key=value` for field `f` of an expect op, only when the line gave it.
static void obs_want_field(uint32_t fields, int f, const char *key, const char *value, char *buf,
                           size_t len) {
  size_t used = strlen(buf);
  if ((fields & (1u << f)) && used + 1 < len) {
    snprintf(buf + used, len - used, " %s=%s", key, value);
  }
}

// Appends a numeric field of an expect op, when the line gave it.
// Hex for codes and addresses (err, offset, vector), decimal for IDs and counts, as obs_format.
static void obs_want_num(const scn_op_t *op, uint32_t fields, int f, const char *key, char *buf,
                         size_t len) {
  char v[32];
  bool hex = strcmp(key, "err") == 0 || strcmp(key, "offset") == 0 || strcmp(key, "vector") == 0;
  snprintf(v, sizeof(v), hex ? "0x%" PRIx64 : "%" PRIu64, op->a[f]);
  obs_want_field(fields, f, key, v, buf, len);
}

// The expectation as the line wrote it: its kind and the fields it gave, nothing else.
static void obs_format_want(const scn_op_t *op, uint32_t fields, char *buf, size_t len) {
  const uint64_t *a = op->a;
  char k[32];
  char v[32];
  char n[16];
  switch (op->kind) {
    case SCN_EXPECT_RD:
      snprintf(buf, len, "rd %s", its_rd_kind_name((its_rd_kind_t)a[0]));
      obs_want_num(op, fields, 1, "rd", buf, len);
      obs_want_num(op, fields, 2, "rd2", buf, len);
      obs_want_num(op, fields, 3, "intid", buf, len);
      break;
    case SCN_EXPECT_RETIRE:
      snprintf(buf, len, "retire %s",
               obs_lower(its_retire_kind_name((its_retire_kind_t)a[0]), k, sizeof(k)));
      obs_want_field(fields, 1, "op", obs_opcode(a[1], n, sizeof(n)), buf, len);
      obs_want_field(fields, 2, "outcome",
                     obs_lower(its_outcome_name((its_outcome_t)a[2]), v, sizeof(v)), buf, len);
      obs_want_num(op, fields, 3, "err", buf, len);
      obs_want_num(op, fields, 4, "dev", buf, len);
      obs_want_num(op, fields, 5, "ev", buf, len);
      obs_want_num(op, fields, 6, "offset", buf, len);
      obs_want_num(op, fields, 7, "writes", buf, len);
      break;
    case SCN_EXPECT_IRQ:
      snprintf(buf, len, "irq");
      obs_want_num(op, fields, 0, "vp", buf, len);
      obs_want_num(op, fields, 1, "vector", buf, len);
      obs_want_num(op, fields, 2, "auto_eoi", buf, len);
      break;
    case SCN_EXPECT_ATTEMPT:
      snprintf(buf, len, "attempt");
      obs_want_num(op, fields, 0, "vp", buf, len);
      obs_want_num(op, fields, 1, "timer", buf, len);
      obs_want_field(fields, 2, "outcome",
                     obs_lower(stimer_outcome_name((stimer_outcome_t)a[2]), v, sizeof(v)), buf,
                     len);
      obs_want_num(op, fields, 4, "writes", buf, len);
      break;
    default:
      snprintf(buf, len, "%s", scn_kind_name(op->kind));
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

// An observation of the kinds `expect` lines match (memory writes are only counted).
static bool obs_is_event(const obs_t *o) {
  return o->kind != SCN_OBS_WRITE;
}

// How many lines a failure lists; the rest is counted.
#define OBS_LIST_MAX 4

static void obs_append(char *buf, size_t len, const char *fmt, const char *one) {
  size_t used = strlen(buf);
  if (used + 1 < len) {
    snprintf(buf + used, len - used, fmt, one);
  }
}

static void obs_append_more(char *buf, size_t len, size_t more, const char *what) {
  char m[96];
  if (more > 0) {
    snprintf(m, sizeof(m), "%zu more %s", more, what);
    obs_append(buf, len, "\n    (%s)", m);
  }
}

// Lists the unconsumed outputs of `kind` (SCN_OBS_ANY: every event kind), up to a few.
static size_t obs_list(const obs_log_t *log, scn_obs_kind_t kind, const char *label, char *buf,
                       size_t len) {
  size_t count = 0;
  for (size_t i = 0; i < log->n; i++) {
    const obs_t *o = &log->v[i];
    if (o->consumed || !obs_is_event(o) || (kind != SCN_OBS_ANY && o->kind != kind)) {
      continue;
    }
    if (count++ < OBS_LIST_MAX) {
      char one[200];
      char fmt[64];
      obs_format(o, one, sizeof(one));
      snprintf(fmt, sizeof(fmt), "\n    %s: %%s", label);
      obs_append(buf, len, fmt, one);
    }
  }
  obs_append_more(buf, len, count > OBS_LIST_MAX ? count - OBS_LIST_MAX : 0,
                  strcmp(label, "unmatched") == 0 ? "unmatched" : "unconsumed");
  return count;
}

// Lists the write beats of the block (the first few kept).
static void obs_list_writes(const obs_log_t *log, char *buf, size_t len) {
  for (uint64_t i = 0; i < log->writes && i < OBS_KEEP_WRITES; i++) {
    const cm_mem_write_t *w = &log->first_writes[i];
    obs_t o = {SCN_OBS_WRITE, {w->addr, w->data, w->be, w->fault, 0, 0, 0, 0}, false};
    char one[200];
    obs_format(&o, one, sizeof(one));
    obs_append(buf, len, "\n    seen: %s", one);
  }
  obs_append_more(buf, len, log->writes > OBS_KEEP_WRITES ? log->writes - OBS_KEEP_WRITES : 0,
                  "write beats");
}

size_t obs_unmatched(const obs_log_t *log, char *buf, size_t len) {
  return obs_list(log, SCN_OBS_ANY, "unmatched", buf, len);
}

static const char *obs_kind_word(scn_obs_kind_t kind) {
  static const char *const words[] = {"", "rd", "retire", "irq", "attempt", "write"};
  return (unsigned)kind < sizeof(words) / sizeof(words[0]) ? words[kind] : "?";
}

// `expect none [KIND]`: no unconsumed output of that kind (any: every kind but writes).
static bool obs_check_none(const obs_log_t *log, const scn_op_t *op, char *err, size_t errlen) {
  scn_obs_kind_t kind = (scn_obs_kind_t)op->a[0];
  if (kind == SCN_OBS_WRITE) {
    if (log->writes == 0) {
      return true;
    }
    snprintf(err, errlen, "line %u: expected no memory write in this block, but %" PRIu64 ":",
             op->line, log->writes);
    obs_list_writes(log, err, errlen);
    return false;
  }
  for (size_t i = 0; i < log->n; i++) {
    const obs_t *o = &log->v[i];
    if (!o->consumed && obs_is_event(o) && (kind == SCN_OBS_ANY || o->kind == kind)) {
      snprintf(err, errlen, "line %u: expected no more %s%soutputs, but:", op->line,
               kind == SCN_OBS_ANY ? "" : obs_kind_word(kind), kind == SCN_OBS_ANY ? "" : " ");
      obs_list(log, kind, "seen", err, errlen);
      return false;
    }
  }
  return true;
}

// How many of the fields an expect gave an observation matches (to list the nearest first).
static int obs_score(const obs_t *o, const scn_op_t *op, uint32_t fields) {
  int score = 0;
  for (int f = 0; f < SCN_NA; f++) {
    score += (fields & (1u << f)) && o->a[f] == op->a[f];
  }
  return score;
}

// A failed expect: the fields of the line, then the nearest unconsumed outputs of its kind
// (most fields in common first), or the other outputs of the block when there are none.
static void obs_explain(const obs_log_t *log, const scn_op_t *op, scn_obs_kind_t kind,
                        uint32_t fields, char *err, size_t errlen) {
  char desc[200];
  obs_format_want(op, fields, desc, sizeof(desc));
  snprintf(err, errlen, "line %u: expected %s, not seen", op->line, desc);
  size_t count = 0;
  for (size_t i = 0; i < log->n; i++) {
    count += !log->v[i].consumed && log->v[i].kind == kind;
  }
  if (count == 0) {
    snprintf(desc, sizeof(desc), "; no unconsumed %s output in this block", obs_kind_word(kind));
    obs_append(err, errlen, "%s", desc);
    if (obs_list(log, SCN_OBS_ANY, "other", err, errlen) == 0) {
      obs_append(err, errlen, "%s", " (nor any other)");
    }
    return;
  }
  obs_append(err, errlen, "%s", "; the nearest outputs of that kind:");
  size_t listed = 0;
  for (int score = SCN_NA; score >= 0 && listed < OBS_LIST_MAX; score--) {
    for (size_t i = 0; i < log->n && listed < OBS_LIST_MAX; i++) {
      const obs_t *o = &log->v[i];
      if (!o->consumed && o->kind == kind && obs_score(o, op, fields) == score) {
        char one[200];
        obs_format(o, one, sizeof(one));
        obs_append(err, errlen, "\n    seen: %s", one);
        listed++;
      }
    }
  }
  obs_append_more(err, errlen, count - listed, "unconsumed");
}

bool obs_check(obs_log_t *log, const scn_op_t *op, char *err, size_t errlen) {
  if (op->kind == SCN_EXPECT_NONE) {
    return obs_check_none(log, op, err, errlen);
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
    for (int f = 0; f < SCN_NA && match; f++) {
      match = !(fields & (1u << f)) || o->a[f] == op->a[f];
    }
    if (match) {
      o->consumed = true;
      return true;
    }
  }
  obs_explain(log, op, kind, fields, err, errlen);
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
  // flags (byte 5): `flags=` of the line, 0 when not given (the value a delivery writes).
  const uint64_t want[5] = {0x0000001800000000ull | (op->a[5] << 40) | STIMER_MSG_TIMER_EXPIRED, 0,
                            op->a[2], op->a[3], op->a[4]};
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

// SPDX-License-Identifier: Apache-2.0
// Scenario parser: one operation per line, errors as "file:line: expected ...".
#include "scn.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "its.h"
#include "stimer.h"

#define SCN_MAX_WORDS 16
#define SCN_ITT_MASK 0x000FFFFFFFFFFF00ull  // MAPD DW2[51:8]

typedef struct {
  const char *file;
  unsigned line;
  char *words[SCN_MAX_WORDS];
  int n;
  char *err;
  size_t errlen;
} scn_ctx_t;

scn_config_t scn_default_config(void) {
  scn_config_t c = {4, 4, true, true, 2, 20, 10};
  return c;
}

static bool scn_fail(scn_ctx_t *c, const char *fmt, ...) {
  int k = snprintf(c->err, c->errlen, "%s:%u: expected ", c->file, c->line);
  if (k >= 0 && (size_t)k < c->errlen) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + k, c->errlen - (size_t)k, fmt, ap);
    va_end(ap);
  }
  return false;
}

static bool scn_num(const char *s, uint64_t *v) {
  if (s == NULL || *s == 0 || *s == '-') {
    return false;
  }
  char *end;
  errno = 0;
  *v = strtoull(s, &end, 0);
  return errno == 0 && *end == 0;
}

// Positional word `i` as a number.
static bool scn_pos(scn_ctx_t *c, int i, const char *what, uint64_t *v) {
  if (i >= c->n || strchr(c->words[i], '=') != NULL) {
    return scn_fail(c, "%s as word %d", what, i + 1);
  }
  if (!scn_num(c->words[i], v)) {
    return scn_fail(c, "%s (a number) as word %d, got '%s'", what, i + 1, c->words[i]);
  }
  return true;
}

// Finds key=value among words[from..]; returns 1 found, 0 absent, -1 malformed (error set).
static int scn_key(scn_ctx_t *c, int from, const char *key, uint64_t *v) {
  size_t kl = strlen(key);
  for (int i = from; i < c->n; i++) {
    if (strncmp(c->words[i], key, kl) == 0 && c->words[i][kl] == '=') {
      if (!scn_num(c->words[i] + kl + 1, v)) {
        scn_fail(c, "a number after '%s=', got '%s'", key, c->words[i] + kl + 1);
        return -1;
      }
      return 1;
    }
  }
  return 0;
}

// Checks that every word from `from` on is `key=...` with a key in `keys` (NULL-terminated),
// or one of the bare `flags`.
static bool scn_only(scn_ctx_t *c, int from, const char *const *keys, const char *const *flags) {
  for (int i = from; i < c->n; i++) {
    const char *w = c->words[i];
    const char *eq = strchr(w, '=');
    bool ok = false;
    for (const char *const *k = keys; k != NULL && *k != NULL && eq != NULL; k++) {
      ok |= strlen(*k) == (size_t)(eq - w) && strncmp(*k, w, (size_t)(eq - w)) == 0;
    }
    for (const char *const *f = flags; f != NULL && *f != NULL && eq == NULL; f++) {
      ok |= strcmp(*f, w) == 0;
    }
    if (!ok) {
      char list[200] = "";
      for (const char *const *k = keys; k != NULL && *k != NULL; k++) {
        strncat(list, *k, sizeof(list) - strlen(list) - 4);
        strncat(list, "= ", sizeof(list) - strlen(list) - 1);
      }
      for (const char *const *f = flags; f != NULL && *f != NULL; f++) {
        strncat(list, *f, sizeof(list) - strlen(list) - 2);
        strncat(list, " ", sizeof(list) - strlen(list) - 1);
      }
      return scn_fail(c, "one of: %s; got '%s'", list[0] ? list : "(nothing more)", w);
    }
  }
  return true;
}

static bool scn_flag(scn_ctx_t *c, int from, const char *flag) {
  for (int i = from; i < c->n; i++) {
    if (strcmp(c->words[i], flag) == 0) {
      return true;
    }
  }
  return false;
}

// Reads an optional key into op->a[slot], setting `has` bit `slot`.
static bool scn_opt(scn_ctx_t *c, int from, const char *key, scn_op_t *op, int slot) {
  uint64_t v;
  int r = scn_key(c, from, key, &v);
  if (r < 0) {
    return false;
  }
  if (r > 0) {
    op->a[slot] = v;
    op->has |= 1u << slot;
  }
  return true;
}

static bool scn_req(scn_ctx_t *c, int from, const char *key, scn_op_t *op, int slot) {
  if (!scn_opt(c, from, key, op, slot)) {
    return false;
  }
  if (!(op->has & (1u << slot))) {
    return scn_fail(c, "'%s=' on this line", key);
  }
  return true;
}

// ---- Names ----

static const struct {
  const char *name;
  uint8_t op;
} scn_cmds[] = {
    {"MOVI", ITS_CMD_MOVI},     {"INT", ITS_CMD_INT},       {"CLEAR", ITS_CMD_CLEAR},
    {"SYNC", ITS_CMD_SYNC},     {"MAPD", ITS_CMD_MAPD},     {"MAPC", ITS_CMD_MAPC},
    {"MAPTI", ITS_CMD_MAPTI},   {"MAPI", ITS_CMD_MAPI},     {"INV", ITS_CMD_INV},
    {"INVALL", ITS_CMD_INVALL}, {"MOVALL", ITS_CMD_MOVALL}, {"DISCARD", ITS_CMD_DISCARD}};

static bool scn_cmd_code(const char *name, uint8_t *op) {
  for (size_t i = 0; i < sizeof(scn_cmds) / sizeof(scn_cmds[0]); i++) {
    if (strcasecmp(name, scn_cmds[i].name) == 0) {
      *op = scn_cmds[i].op;
      return true;
    }
  }
  return false;
}

static const char *const scn_rd_names[] = {"SET", "CLEAR",  "MOVE", "MOVALL",
                                           "INV", "INVALL", "SYNC"};
static const char *const scn_outcomes_its[] = {"ok", "ignored", "stalled", "fault"};
static const char *const scn_outcomes_st[] = {"delivered",    "no_irq",      "direct", "busy_lost",
                                              "busy_pending", "unavailable", "fault"};

static int scn_index(const char *w, const char *const *names, int n) {
  for (int i = 0; i < n; i++) {
    if (strcasecmp(w, names[i]) == 0) {
      return i;
    }
  }
  return -1;
}

bool scn_stimer_msr(const char *name, uint32_t *msr) {
  static const struct {
    const char *name;
    uint32_t msr;
  } fixed[] = {{"TIME_REF_COUNT", STIMER_MSR_TIME_REF_COUNT},
               {"SCONTROL", STIMER_MSR_SCONTROL},
               {"SVERSION", STIMER_MSR_SVERSION},
               {"SIEFP", STIMER_MSR_SIEFP},
               {"SIMP", STIMER_MSR_SIMP},
               {"EOM", STIMER_MSR_EOM}};
  for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
    if (strcasecmp(name, fixed[i].name) == 0) {
      *msr = fixed[i].msr;
      return true;
    }
  }
  uint64_t n;
  if (strncasecmp(name, "SINT", 4) == 0 && scn_num(name + 4, &n) && n < 16) {
    *msr = STIMER_MSR_SINT(n);
    return true;
  }
  if (strncasecmp(name, "CONFIG", 6) == 0 && scn_num(name + 6, &n) && n < 4) {
    *msr = STIMER_MSR_CONFIG(n);
    return true;
  }
  if (strncasecmp(name, "COUNT", 5) == 0 && scn_num(name + 5, &n) && n < 4) {
    *msr = STIMER_MSR_COUNT(n);
    return true;
  }
  if (scn_num(name, &n) && n <= 0xFFFFFFFFu) {
    *msr = (uint32_t)n;
    return true;
  }
  return false;
}

const char *scn_stimer_msr_name(uint32_t msr, char *buf, size_t len) {
  static const char *const fixed[] = {"SCONTROL", "SVERSION", "SIEFP", "SIMP", "EOM"};
  if (msr >= STIMER_MSR_SCONTROL && msr <= STIMER_MSR_EOM) {
    snprintf(buf, len, "%s", fixed[msr - STIMER_MSR_SCONTROL]);
  } else if (msr == STIMER_MSR_TIME_REF_COUNT) {
    snprintf(buf, len, "TIME_REF_COUNT");
  } else if (msr >= STIMER_MSR_SINT(0) && msr <= STIMER_MSR_SINT(15)) {
    snprintf(buf, len, "SINT%u", msr - STIMER_MSR_SINT(0));
  } else if (msr >= STIMER_MSR_CONFIG(0) && msr <= STIMER_MSR_COUNT(3)) {
    snprintf(buf, len, "%s%u", (msr & 1) ? "COUNT" : "CONFIG", (msr - STIMER_MSR_CONFIG(0)) / 2);
  } else {
    snprintf(buf, len, "0x%08x", msr);
  }
  return buf;
}

const char *scn_kind_name(scn_kind_t kind) {
  static const char *const names[] = {"?",
                                      "mem write",
                                      "mem fault",
                                      "mem nofault",
                                      "wait",
                                      "reset",
                                      "expect mem",
                                      "expect none",
                                      "reg write",
                                      "reg read",
                                      "cmd",
                                      "msi",
                                      "expect rd",
                                      "expect retire",
                                      "msr write",
                                      "msr read",
                                      "time",
                                      "eoi",
                                      "guest ack",
                                      "expect irq",
                                      "expect attempt",
                                      "expect msg",
                                      "expect slot-free"};
  return (unsigned)kind < sizeof(names) / sizeof(names[0]) ? names[kind] : "?";
}

// ---- Line parsers ----

static bool scn_parse_config(scn_ctx_t *c, scn_t *s) {
  static const char *const keys[] = {"num_rd",      "vps",       "feat_direct", "scontrol_gate",
                                     "mem_latency", "mem_stall", "rsp_stall",   NULL};
  if (!scn_only(c, 1, keys, NULL)) {
    return false;
  }
  uint64_t v;
  int r;
  if ((r = scn_key(c, 1, "num_rd", &v)) < 0) {
    return false;
  } else if (r > 0) {
    if (v < 1 || v > 65536) {
      return scn_fail(c, "num_rd in 1..65536");
    }
    s->cfg.num_rd = (uint32_t)v;
  }
  if ((r = scn_key(c, 1, "vps", &v)) < 0) {
    return false;
  } else if (r > 0) {
    if (v < 1 || v > 256) {
      return scn_fail(c, "vps in 1..256");
    }
    s->cfg.num_vp = (uint32_t)v;
  }
  if ((r = scn_key(c, 1, "feat_direct", &v)) < 0) {
    return false;
  } else if (r > 0) {
    s->cfg.feat_direct = v != 0;
  }
  if ((r = scn_key(c, 1, "scontrol_gate", &v)) < 0) {
    return false;
  } else if (r > 0) {
    s->cfg.scontrol_gate = v != 0;
  }
  if ((r = scn_key(c, 1, "mem_latency", &v)) < 0) {
    return false;
  } else if (r > 0) {
    if (v < 1 || v > 1000) {
      return scn_fail(c, "mem_latency in 1..1000");
    }
    s->cfg.mem_latency = (unsigned)v;
  }
  if ((r = scn_key(c, 1, "mem_stall", &v)) < 0) {
    return false;
  } else if (r > 0) {
    if (v > 90) {
      return scn_fail(c, "mem_stall in 0..90 (percent)");
    }
    s->cfg.mem_stall = (unsigned)v;
  }
  if ((r = scn_key(c, 1, "rsp_stall", &v)) < 0) {
    return false;
  } else if (r > 0) {
    if (v > 90) {
      return scn_fail(c, "rsp_stall in 0..90 (percent)");
    }
    s->cfg.rsp_stall = (unsigned)v;
  }
  return true;
}

static bool scn_parse_mem(scn_ctx_t *c, scn_op_t *op, bool expect) {
  int base = expect ? 2 : 2;
  static const char *const keys[] = {"size", NULL};
  op->kind = expect ? SCN_EXPECT_MEM : SCN_MEM_WRITE;
  if (!scn_pos(c, base, "an address", &op->a[0]) || !scn_pos(c, base + 1, "a value", &op->a[1]) ||
      !scn_only(c, base + 2, keys, NULL)) {
    return false;
  }
  op->a[2] = 8;
  if (!scn_opt(c, base + 2, "size", op, 2)) {
    return false;
  }
  if (op->a[2] < 1 || op->a[2] > 8) {
    return scn_fail(c, "size in 1..8");
  }
  return true;
}

// `cmd NAME key=value...` or `cmd raw DW0 DW1 DW2 DW3`, encoded per spec/its.md section 3.
static bool scn_parse_cmd(scn_ctx_t *c, scn_op_t *op) {
  op->kind = SCN_CMD;
  if (c->n < 2) {
    return scn_fail(c, "a command name (MAPD, MAPC, MAPTI, ... or raw)");
  }
  if (strcasecmp(c->words[1], "raw") == 0) {
    for (int i = 0; i < 4; i++) {
      if (!scn_pos(c, 2 + i, "four doublewords DW0..DW3", &op->a[i])) {
        return false;
      }
    }
    return c->n == 6 || scn_fail(c, "nothing after DW3");
  }
  uint8_t code;
  if (!scn_cmd_code(c->words[1], &code)) {
    return scn_fail(c,
                    "a command name (MOVI INT CLEAR SYNC MAPD MAPC MAPTI MAPI INV INVALL "
                    "MOVALL DISCARD raw), got '%s'",
                    c->words[1]);
  }
  static const char *const keys[] = {"dev", "ev", "icid", "intid", "size",
                                     "itt", "v",  "rd",   "rd2",   NULL};
  if (!scn_only(c, 2, keys, NULL)) {
    return false;
  }
  scn_op_t f = {0};
  const char *names[] = {"dev", "ev", "icid", "intid", "size", "itt"};
  for (int i = 0; i < 6; i++) {
    if (!scn_opt(c, 2, names[i], &f, i)) {
      return false;
    }
  }
  uint64_t v = 0;
  uint64_t rd = 0;
  uint64_t rd2 = 0;
  if (scn_key(c, 2, "v", &v) < 0 || scn_key(c, 2, "rd", &rd) < 0 ||
      scn_key(c, 2, "rd2", &rd2) < 0) {
    return false;
  }
  op->a[0] = code | (f.a[0] << 32);
  op->a[1] = (f.a[1] & 0xFFFFFFFFull);
  op->a[2] = f.a[2] & 0xFFFF;
  switch (code) {
    case ITS_CMD_MAPD:
      op->a[1] = f.a[4] & 0x1F;
      op->a[2] = (f.a[5] & SCN_ITT_MASK) | ((v & 1) << 63);
      break;
    case ITS_CMD_MAPC:
      op->a[2] |= ((rd & 0xFFFFFFFFFull) << 16) | ((v & 1) << 63);
      break;
    case ITS_CMD_MAPTI:
      op->a[1] |= f.a[3] << 32;
      break;
    case ITS_CMD_SYNC:
      op->a[2] = (rd & 0xFFFFFFFFFull) << 16;
      break;
    case ITS_CMD_MOVALL:
      op->a[2] = (rd & 0xFFFFFFFFFull) << 16;
      op->a[3] = (rd2 & 0xFFFFFFFFFull) << 16;
      break;
    default:
      break;
  }
  return true;
}

static bool scn_parse_expect_its(scn_ctx_t *c, scn_op_t *op) {
  if (strcmp(c->words[1], "rd") == 0) {
    op->kind = SCN_EXPECT_RD;
    static const char *const keys[] = {"rd", "rd2", "intid", NULL};
    int k = c->n > 2 ? scn_index(c->words[2], scn_rd_names, 7) : -1;
    if (k < 0) {
      return scn_fail(c, "an event kind (SET CLEAR MOVE MOVALL INV INVALL SYNC) as word 3");
    }
    op->a[0] = (uint64_t)k + 1;
    return scn_only(c, 3, keys, NULL) && scn_opt(c, 3, "rd", op, 1) &&
           scn_opt(c, 3, "rd2", op, 2) && scn_opt(c, 3, "intid", op, 3);
  }
  op->kind = SCN_EXPECT_RETIRE;
  static const char *const kinds[] = {"cmd", "msi", "translater"};
  int k = c->n > 2 ? scn_index(c->words[2], kinds, 3) : -1;
  if (k < 0) {
    return scn_fail(c, "a retire kind (cmd msi translater) as word 3");
  }
  op->a[0] = (uint64_t)k + 1;
  for (int i = 3; i < c->n; i++) {
    const char *w = c->words[i];
    if (strncmp(w, "op=", 3) == 0) {
      uint8_t code;
      if (!scn_cmd_code(w + 3, &code)) {
        uint64_t n;
        if (!scn_num(w + 3, &n) || n > 255) {
          return scn_fail(c, "a command name or opcode after 'op=', got '%s'", w + 3);
        }
        code = (uint8_t)n;
      }
      op->a[1] = code;
      op->has |= 1u << 1;
    } else if (strncmp(w, "outcome=", 8) == 0) {
      int o = scn_index(w + 8, scn_outcomes_its, 4);
      if (o < 0) {
        return scn_fail(c, "outcome=ok|ignored|stalled|fault, got '%s'", w);
      }
      op->a[2] = (uint64_t)o;
      op->has |= 1u << 2;
    } else if (strchr(w, '=') == NULL) {
      return scn_fail(c, "key=value, got '%s'", w);
    }
  }
  static const char *const keys[] = {"op", "outcome", "err", "dev", "ev", NULL};
  return scn_only(c, 3, keys, NULL) && scn_opt(c, 3, "err", op, 3) && scn_opt(c, 3, "dev", op, 4) &&
         scn_opt(c, 3, "ev", op, 5);
}

static bool scn_parse_msr(scn_ctx_t *c, scn_op_t *op, bool write) {
  static const char *const wkeys[] = {NULL};
  static const char *const rkeys[] = {"expect", NULL};
  static const char *const flags[] = {"gp", NULL};
  uint32_t msr;
  op->kind = write ? SCN_MSR_WRITE : SCN_MSR_READ;
  if (!scn_pos(c, 2, "a VP number", &op->a[0])) {
    return false;
  }
  if (c->n < 4 || !scn_stimer_msr(c->words[3], &msr)) {
    return scn_fail(c,
                    "an MSR name (SCONTROL SVERSION SIEFP SIMP EOM SINTn CONFIGn COUNTn "
                    "TIME_REF_COUNT) or number as word 4");
  }
  op->a[1] = msr;
  int rest = 4;
  if (write) {
    if (!scn_pos(c, 4, "a value", &op->a[2])) {
      return false;
    }
    rest = 5;
  }
  if (!scn_only(c, rest, write ? wkeys : rkeys, flags)) {
    return false;
  }
  op->a[3] = scn_flag(c, rest, "gp");
  return write || scn_opt(c, rest, "expect", op, 2);
}

static bool scn_parse_expect_stimer(scn_ctx_t *c, scn_op_t *op) {
  const char *what = c->words[1];
  if (strcmp(what, "irq") == 0) {
    static const char *const keys[] = {"vp", "vector", "auto_eoi", NULL};
    op->kind = SCN_EXPECT_IRQ;
    return scn_only(c, 2, keys, NULL) && scn_req(c, 2, "vp", op, 0) &&
           scn_req(c, 2, "vector", op, 1) && scn_opt(c, 2, "auto_eoi", op, 2);
  }
  if (strcmp(what, "attempt") == 0) {
    op->kind = SCN_EXPECT_ATTEMPT;
    for (int i = 2; i < c->n; i++) {
      if (strncmp(c->words[i], "outcome=", 8) == 0) {
        int o = scn_index(c->words[i] + 8, scn_outcomes_st, 7);
        if (o < 0) {
          return scn_fail(c,
                          "outcome=delivered|no_irq|direct|busy_lost|busy_pending|"
                          "unavailable|fault, got '%s'",
                          c->words[i]);
        }
        op->a[2] = (uint64_t)o;
        op->has |= 1u << 2;
      }
    }
    static const char *const keys[] = {"vp", "timer", "outcome", NULL};
    return scn_only(c, 2, keys, NULL) && scn_req(c, 2, "vp", op, 0) &&
           scn_req(c, 2, "timer", op, 1);
  }
  if (strcmp(what, "msg") == 0) {
    static const char *const keys[] = {"vp", "sint", "timer", "exp", "deliv", NULL};
    op->kind = SCN_EXPECT_MSG;
    return scn_only(c, 2, keys, NULL) && scn_req(c, 2, "vp", op, 0) &&
           scn_req(c, 2, "sint", op, 1) && scn_req(c, 2, "timer", op, 2) &&
           scn_req(c, 2, "exp", op, 3) && scn_req(c, 2, "deliv", op, 4);
  }
  if (strcmp(what, "slot-free") == 0) {
    static const char *const keys[] = {"vp", "sint", NULL};
    op->kind = SCN_EXPECT_SLOT_FREE;
    return scn_only(c, 2, keys, NULL) && scn_req(c, 2, "vp", op, 0) && scn_req(c, 2, "sint", op, 1);
  }
  return scn_fail(c, "expect irq|attempt|msg|slot-free|mem|none, got '%s'", what);
}

static bool scn_parse_expect(scn_ctx_t *c, scn_t *s, scn_op_t *op) {
  if (c->n < 2) {
    return scn_fail(c, "what to expect after 'expect'");
  }
  if (strcmp(c->words[1], "mem") == 0) {
    return scn_parse_mem(c, op, true);
  }
  if (strcmp(c->words[1], "none") == 0) {
    static const char *const kinds[] = {"any", "rd", "retire", "irq", "attempt"};
    op->kind = SCN_EXPECT_NONE;
    int k = c->n > 2 ? scn_index(c->words[2], kinds, 5) : 0;
    if (k < 0 || c->n > 3) {
      return scn_fail(c, "expect none [any|rd|retire|irq|attempt]");
    }
    op->a[0] = (uint64_t)k;
    return true;
  }
  if (s->block == SCN_BLOCK_ITS) {
    if (strcmp(c->words[1], "rd") != 0 && strcmp(c->words[1], "retire") != 0) {
      return scn_fail(c, "expect rd|retire|mem|none, got '%s'", c->words[1]);
    }
    return scn_parse_expect_its(c, op);
  }
  return scn_parse_expect_stimer(c, op);
}

static bool scn_parse_its(scn_ctx_t *c, scn_op_t *op) {
  const char *w0 = c->words[0];
  if (strcmp(w0, "reg") == 0 && c->n >= 2 && strcmp(c->words[1], "write") == 0) {
    static const char *const keys[] = {"size", "devid", NULL};
    static const char *const flags[] = {"buserr", NULL};
    op->kind = SCN_REG_WRITE;
    op->a[2] = 8;
    if (!scn_pos(c, 2, "a register offset", &op->a[0]) || !scn_pos(c, 3, "a value", &op->a[1]) ||
        !scn_only(c, 4, keys, flags) || !scn_opt(c, 4, "size", op, 2) ||
        !scn_opt(c, 4, "devid", op, 3)) {
      return false;
    }
    op->a[4] = scn_flag(c, 4, "buserr");
    if (op->a[2] != 2 && op->a[2] != 4 && op->a[2] != 8) {
      return scn_fail(c, "size=2, 4 or 8");
    }
    return op->a[0] < 0x20000 || scn_fail(c, "a register offset below 0x20000");
  }
  if (strcmp(w0, "reg") == 0 && c->n >= 2 && strcmp(c->words[1], "read") == 0) {
    static const char *const keys[] = {"expect", "mask", NULL};
    op->kind = SCN_REG_READ;
    op->a[2] = ~0ull;
    if (!scn_pos(c, 2, "a register offset", &op->a[0]) || !scn_only(c, 3, keys, NULL) ||
        !scn_opt(c, 3, "expect", op, 1) || !scn_opt(c, 3, "mask", op, 2)) {
      return false;
    }
    return op->a[0] < 0x20000 || scn_fail(c, "a register offset below 0x20000");
  }
  if (strcmp(w0, "cmd") == 0) {
    return scn_parse_cmd(c, op);
  }
  if (strcmp(w0, "msi") == 0) {
    static const char *const keys[] = {"dev", "ev", NULL};
    op->kind = SCN_MSI;
    if (!scn_only(c, 1, keys, NULL) || !scn_req(c, 1, "dev", op, 0) ||
        !scn_req(c, 1, "ev", op, 1)) {
      return false;
    }
    return (op->a[0] < 0x10000 && op->a[1] <= 0xFFFFFFFFull) ||
           scn_fail(c, "dev= below 0x10000 (the MSI port is 16 bits) and ev= below 2^32");
  }
  return scn_fail(c,
                  "an ITS operation (reg write, reg read, cmd, msi, mem, wait, reset, "
                  "expect, config), got '%s'",
                  w0);
}

static bool scn_parse_stimer(scn_ctx_t *c, scn_op_t *op) {
  const char *w0 = c->words[0];
  if (strcmp(w0, "msr") == 0 && c->n >= 2 && strcmp(c->words[1], "write") == 0) {
    return scn_parse_msr(c, op, true);
  }
  if (strcmp(w0, "msr") == 0 && c->n >= 2 && strcmp(c->words[1], "read") == 0) {
    return scn_parse_msr(c, op, false);
  }
  if (strcmp(w0, "time") == 0) {
    op->kind = SCN_TIME;
    return scn_pos(c, 1, "a time (100 ns units)", &op->a[0]) &&
           (c->n == 2 || scn_fail(c, "nothing after the time"));
  }
  if (strcmp(w0, "eoi") == 0) {
    op->kind = SCN_EOI;
    return scn_pos(c, 1, "a VP number", &op->a[0]) && scn_pos(c, 2, "a vector", &op->a[1]) &&
           (op->a[1] < 256 || scn_fail(c, "a vector below 256"));
  }
  if (strcmp(w0, "guest") == 0 && c->n >= 2 && strcmp(c->words[1], "ack") == 0) {
    op->kind = SCN_GUEST_ACK;
    return scn_pos(c, 2, "a VP number", &op->a[0]) && scn_pos(c, 3, "a SINT number", &op->a[1]) &&
           (op->a[1] < 16 || scn_fail(c, "a SINT number below 16"));
  }
  return scn_fail(c,
                  "a stimer operation (msr write, msr read, time, eoi, guest ack, mem, "
                  "wait, reset, expect, config), got '%s'",
                  w0);
}

void scn_push(scn_t *s, const scn_op_t *op) {
  if (s->n_ops == s->cap) {
    s->cap = s->cap == 0 ? 64 : 2 * s->cap;
    s->ops = realloc(s->ops, s->cap * sizeof(*s->ops));
    if (s->ops == NULL) {
      fprintf(stderr, "scn: out of memory\n");
      exit(3);
    }
  }
  s->ops[s->n_ops++] = *op;
}

static bool scn_parse_line(scn_ctx_t *c, scn_t *s) {
  const char *w0 = c->words[0];
  if (s->block == 0) {
    if (strcmp(w0, "block") != 0 || c->n != 2) {
      return scn_fail(c, "'block its' or 'block stimer' as the first line");
    }
    if (strcmp(c->words[1], "its") == 0) {
      s->block = SCN_BLOCK_ITS;
    } else if (strcmp(c->words[1], "stimer") == 0) {
      s->block = SCN_BLOCK_STIMER;
    } else {
      return scn_fail(c, "'its' or 'stimer' after 'block', got '%s'", c->words[1]);
    }
    return true;
  }
  if (strcmp(w0, "config") == 0) {
    return scn_parse_config(c, s);
  }
  scn_op_t op;
  memset(&op, 0, sizeof(op));
  op.line = c->line;
  bool ok;
  if (strcmp(w0, "mem") == 0 && c->n >= 2 && strcmp(c->words[1], "write") == 0) {
    ok = scn_parse_mem(c, &op, false);
  } else if (strcmp(w0, "mem") == 0 && c->n >= 2 && strcmp(c->words[1], "fault") == 0) {
    op.kind = SCN_FAULT_ADD;
    ok = scn_pos(c, 2, "the low address", &op.a[0]) &&
         scn_pos(c, 3, "the high address (exclusive)", &op.a[1]);
  } else if (strcmp(w0, "mem") == 0 && c->n == 2 && strcmp(c->words[1], "nofault") == 0) {
    op.kind = SCN_FAULT_CLEAR;
    ok = true;
  } else if (strcmp(w0, "wait") == 0 && c->n == 1) {
    op.kind = SCN_WAIT;
    ok = true;
  } else if (strcmp(w0, "reset") == 0 && c->n == 1) {
    op.kind = SCN_RESET;
    ok = true;
  } else if (strcmp(w0, "expect") == 0) {
    ok = scn_parse_expect(c, s, &op);
  } else if (s->block == SCN_BLOCK_ITS) {
    ok = scn_parse_its(c, &op);
  } else {
    ok = scn_parse_stimer(c, &op);
  }
  if (ok) {
    scn_push(s, &op);
  }
  return ok;
}

bool scn_parse(const char *name, const char *text, scn_t *s, char *err, size_t errlen) {
  memset(s, 0, sizeof(*s));
  s->cfg = scn_default_config();
  s->path = strdup(name);
  char *buf = strdup(text);
  if (s->path == NULL || buf == NULL) {
    free(buf);
    snprintf(err, errlen, "%s: out of memory", name);
    return false;
  }
  scn_ctx_t c = {name, 0, {0}, 0, err, errlen};
  bool ok = true;
  char *save = NULL;
  // strtok_r would merge empty lines and break line numbers: split by hand.
  for (char *line = buf; ok && line != NULL; line = save) {
    char *nl = strchr(line, '\n');
    save = nl != NULL ? nl + 1 : NULL;
    if (nl != NULL) {
      *nl = 0;
    }
    c.line++;
    char *hash = strchr(line, '#');
    if (hash != NULL) {
      *hash = 0;
    }
    c.n = 0;
    for (char *p = line; *p != 0;) {
      while (*p != 0 && isspace((unsigned char)*p)) {
        *p++ = 0;
      }
      if (*p == 0) {
        break;
      }
      if (c.n == SCN_MAX_WORDS) {
        ok = scn_fail(&c, "at most %d words on a line", SCN_MAX_WORDS);
        break;
      }
      c.words[c.n++] = p;
      while (*p != 0 && !isspace((unsigned char)*p)) {
        p++;
      }
    }
    if (ok && c.n > 0) {
      ok = scn_parse_line(&c, s);
    }
  }
  if (ok && s->block == 0) {
    c.line = 1;
    ok = scn_fail(&c, "'block its' or 'block stimer' (the file has no operations)");
  }
  free(buf);
  if (!ok) {
    scn_free(s);
  }
  return ok;
}

bool scn_load(const char *path, scn_t *s, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    return false;
  }
  size_t cap = 4096;
  size_t n = 0;
  char *text = malloc(cap);
  while (text != NULL) {
    n += fread(text + n, 1, cap - n - 1, f);
    if (n < cap - 1) {
      break;
    }
    cap *= 2;
    char *t = realloc(text, cap);
    if (t == NULL) {
      free(text);
      text = NULL;
    } else {
      text = t;
    }
  }
  fclose(f);
  if (text == NULL) {
    snprintf(err, errlen, "%s: out of memory", path);
    return false;
  }
  text[n] = 0;
  bool ok = scn_parse(path, text, s, err, errlen);
  free(text);
  return ok;
}

void scn_free(scn_t *s) {
  free(s->ops);
  free(s->path);
  memset(s, 0, sizeof(*s));
}

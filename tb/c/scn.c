// SPDX-License-Identifier: Apache-2.0
// Scenario parser: one operation per line, errors as "file:line: expected ...".
#include "scn.h"

#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "its.h"
#include "stimer.h"
#include "tb_mem.h"

// Every value is checked against the width of the field it goes into, from the generated
// encoding tables (docs/enc/*.toml): a value that does not fit is a malformed line, never
// truncated, so one file means the same on the model alone and in lockstep.
#define SCN_MAX_WORDS 16

typedef struct {
  const char *file;
  unsigned line;
  char *words[SCN_MAX_WORDS];
  int n;
  char *err;
  size_t errlen;
  unsigned cfg_seen;  // config keys given so far (bit per key)
  uint64_t now;       // the last `time` (stimer): time never goes backwards
  unsigned unposted;  // line of the first `cmd ... nopost` not posted yet (0: none)
  unsigned depth;     // `repeat` loops the line being read is in
  uint64_t visits;    // lines read and loop passes made so far, loops expanded (scn_lines_t)
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

// One C literal (42, 0x2A, 052) at *p; advances *p past it.
static bool scn_literal(const char **p, uint64_t *v) {
  if (!isdigit((unsigned char)**p)) {
    return false;  // no sign, no blank
  }
  char *end;
  errno = 0;
  *v = strtoull(*p, &end, 0);
  if (errno != 0 || end == *p || isalnum((unsigned char)*end)) {
    return false;
  }
  *p = end;
  return true;
}

// A number: a C literal, or literals joined by `+` and `*` (`*` first), as loops write
// `ev=8192+$i` once `$i` is replaced. No blanks, no wrap past 2^64.
static bool scn_num(const char *s, uint64_t *v) {
  if (s == NULL) {
    return false;
  }
  const char *p = s;
  uint64_t sum = 0;
  for (;;) {
    uint64_t prod;
    if (!scn_literal(&p, &prod)) {
      return false;
    }
    while (*p == '*') {
      uint64_t f;
      p++;
      if (!scn_literal(&p, &f) || (f != 0 && prod > UINT64_MAX / f)) {
        return false;
      }
      prod *= f;
    }
    if (sum > UINT64_MAX - prod) {
      return false;
    }
    sum += prod;
    if (*p == 0) {
      *v = sum;
      return true;
    }
    if (*p++ != '+') {
      return false;
    }
  }
}

// "0..MAX" for a field of `width` bits, for messages.
static const char *scn_range(unsigned width, char *buf, size_t len) {
  snprintf(buf, len, "0..0x%" PRIx64 " (%u bits)", enc_max(width), width);
  return buf;
}

// Positional word `i` as a number that fits `width` bits.
static bool scn_pos_w(scn_ctx_t *c, int i, const char *what, unsigned width, uint64_t *v) {
  char r[64];
  if (i >= c->n || strchr(c->words[i], '=') != NULL) {
    return scn_fail(c, "%s as word %d", what, i + 1);
  }
  if (!scn_num(c->words[i], v)) {
    return scn_fail(c, "%s (a number) as word %d, got '%s'", what, i + 1, c->words[i]);
  }
  if (*v > enc_max(width)) {
    return scn_fail(c, "%s in %s as word %d, got '%s'", what, scn_range(width, r, sizeof(r)), i + 1,
                    c->words[i]);
  }
  return true;
}

static bool scn_pos(scn_ctx_t *c, int i, const char *what, uint64_t *v) {
  return scn_pos_w(c, i, what, 64, v);
}

// Nothing may follow word `n - 1`.
static bool scn_end(scn_ctx_t *c, int n, const char *after) {
  return c->n <= n || scn_fail(c, "nothing after %s, got '%s'", after, c->words[n]);
}

// Finds key=value among words[from..]; returns 1 found, 0 absent, -1 malformed (error set).
static int scn_key_w(scn_ctx_t *c, int from, const char *key, unsigned width, uint64_t *v) {
  size_t kl = strlen(key);
  char r[64];
  for (int i = from; i < c->n; i++) {
    if (strncmp(c->words[i], key, kl) == 0 && c->words[i][kl] == '=') {
      if (!scn_num(c->words[i] + kl + 1, v)) {
        scn_fail(c, "a number after '%s=', got '%s'", key, c->words[i] + kl + 1);
        return -1;
      }
      if (*v > enc_max(width)) {
        scn_fail(c, "%s= in %s, got '%s'", key, scn_range(width, r, sizeof(r)),
                 c->words[i] + kl + 1);
        return -1;
      }
      return 1;
    }
  }
  return 0;
}

static int scn_key(scn_ctx_t *c, int from, const char *key, uint64_t *v) {
  return scn_key_w(c, from, key, 64, v);
}

// Length of the key of `w` ("dev" of "dev=2"), or of the whole word when it has no '='.
static size_t scn_keylen(const char *w) {
  const char *eq = strchr(w, '=');
  return eq != NULL ? (size_t)(eq - w) : strlen(w);
}

// No key or flag may appear twice on a line.
static bool scn_no_dup(scn_ctx_t *c, int from) {
  for (int i = from; i < c->n; i++) {
    for (int j = from; j < i; j++) {
      size_t li = scn_keylen(c->words[i]);
      if (li == scn_keylen(c->words[j]) && strncmp(c->words[i], c->words[j], li) == 0) {
        return scn_fail(c, "each key once, got '%.*s' twice", (int)li, c->words[i]);
      }
    }
  }
  return true;
}

// Checks that every word from `from` on is `key=...` with a key in `keys` (NULL-terminated),
// or one of the bare `flags`.
static bool scn_only(scn_ctx_t *c, int from, const char *const *keys, const char *const *flags) {
  if (!scn_no_dup(c, from)) {
    return false;
  }
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

// Reads an optional key of `width` bits into op->a[slot], setting `has` bit `slot`.
static bool scn_opt_w(scn_ctx_t *c, int from, const char *key, unsigned width, scn_op_t *op,
                      int slot) {
  uint64_t v;
  int r = scn_key_w(c, from, key, width, &v);
  if (r < 0) {
    return false;
  }
  if (r > 0) {
    op->a[slot] = v;
    op->has |= 1u << slot;
  }
  return true;
}

static bool scn_req_w(scn_ctx_t *c, int from, const char *key, unsigned width, scn_op_t *op,
                      int slot) {
  if (!scn_opt_w(c, from, key, width, op, slot)) {
    return false;
  }
  if (!(op->has & (1u << slot))) {
    return scn_fail(c, "'%s=' on this line", key);
  }
  return true;
}

// ---- Names, from the generated encoding tables ----

static int scn_index(const char *w, const char *const *names, int n) {
  for (int i = 0; i < n; i++) {
    if (strcasecmp(w, names[i]) == 0) {
      return i;
    }
  }
  return -1;
}

// "A B C" of the names of `e` (skipping value `skip`, UINT64_MAX for none), for messages.
static const char *scn_names(const enc_enum_t *e, uint64_t skip, char *buf, size_t len) {
  size_t k = 0;
  buf[0] = 0;
  for (size_t i = 0; e != NULL && i < e->n && k + 1 < len; i++) {
    if (e->values[i].value != skip) {
      int w = snprintf(buf + k, len - k, "%s%s", k > 0 ? " " : "", e->values[i].name);
      k += w > 0 ? (size_t)w : 0;
    }
  }
  return buf;
}

// Looks a name up in enumeration `en` of block `b`; value `skip` is not a name scenarios use
// (the RTL's "no record" codes). Fails the line when absent.
static bool scn_enum(scn_ctx_t *c, const enc_block_t *b, const char *en, const char *what,
                     const char *word, uint64_t skip, uint64_t *v) {
  const enc_enum_t *e = enc_enum(b, en);
  char list[256];
  if (!enc_value(e, word, v) || *v == skip) {
    return scn_fail(c, "%s (%s), got '%s'", what, scn_names(e, skip, list, sizeof(list)), word);
  }
  return true;
}

// A register or MSR name of `b`, optionally followed by `+N` (a number, as `GITS_CBASER+4`
// names the high half): the name's offset (index) plus N.
static bool scn_reg_name(const enc_block_t *b, const char *w, uint64_t *v) {
  char name[64];
  const char *plus = strchr(w, '+');
  size_t len = plus != NULL ? (size_t)(plus - w) : strlen(w);
  uint32_t off;
  uint64_t add = 0;
  if (len == 0 || len >= sizeof(name) || isdigit((unsigned char)w[0])) {
    return false;
  }
  memcpy(name, w, len);
  name[len] = 0;
  if (!enc_reg_by_name(b, name, &off) || (plus != NULL && !scn_num(plus + 1, &add)) ||
      add > UINT32_MAX) {
    return false;
  }
  *v = off + add;
  return true;
}

bool scn_stimer_msr(const char *name, uint32_t *msr) {
  uint64_t idx;
  uint64_t n;
  if (scn_reg_name(stimer_enc(), name, &idx)) {
    if (idx > 0xFFu) {
      return false;
    }
    *msr = STIMER_MSR_BASE + (uint32_t)idx;
    return true;
  }
  // A number: the APB address carries the low byte of 0x400000xx only (docs/interfaces.md 1.2).
  if (scn_num(name, &n) && n >= STIMER_MSR_BASE && n <= STIMER_MSR_BASE + 0xFFu) {
    *msr = (uint32_t)n;
    return true;
  }
  return false;
}

const char *scn_stimer_msr_name(uint32_t msr, char *buf, size_t len) {
  if (msr < STIMER_MSR_BASE || msr > STIMER_MSR_BASE + 0xFFu ||
      enc_reg_name(stimer_enc(), msr - STIMER_MSR_BASE, buf, len) == NULL) {
    snprintf(buf, len, "0x%08x", msr);
  }
  return buf;
}

const char *scn_kind_name(scn_kind_t kind) {
  // By kind, so the table cannot drift from the enumeration.
  static const char *const names[] = {
      [0] = "?",
      [SCN_MEM_WRITE] = "mem write",
      [SCN_FAULT_ADD] = "mem fault",
      [SCN_FAULT_CLEAR] = "mem nofault",
      [SCN_WAIT] = "wait",
      [SCN_RESET] = "reset",
      [SCN_EXPECT_MEM] = "expect mem",
      [SCN_EXPECT_NONE] = "expect none",
      [SCN_REG_WRITE] = "reg write",
      [SCN_REG_READ] = "reg read",
      [SCN_CMD] = "cmd",
      [SCN_MSI] = "msi",
      [SCN_EXPECT_RD] = "expect rd",
      [SCN_EXPECT_RETIRE] = "expect retire",
      [SCN_POST] = "post",
      [SCN_MSR_WRITE] = "msr write",
      [SCN_MSR_READ] = "msr read",
      [SCN_TIME] = "time",
      [SCN_EOI] = "eoi",
      [SCN_GUEST_ACK] = "guest ack",
      [SCN_EXPECT_IRQ] = "expect irq",
      [SCN_EXPECT_ATTEMPT] = "expect attempt",
      [SCN_EXPECT_MSG] = "expect msg",
      [SCN_EXPECT_SLOT_FREE] = "expect slot-free",
  };
  if ((unsigned)kind >= sizeof(names) / sizeof(names[0]) || names[kind] == NULL) {
    return "?";
  }
  return names[kind];
}

// ---- Line parsers ----

// One `config` key: its name, the blocks it applies to, its range and where it goes.
typedef struct {
  const char *key;
  unsigned blocks;  // bit per scn_block_t
  uint64_t lo, hi;
  const char *unit;
} scn_cfg_key_t;

static const scn_cfg_key_t scn_cfg_keys[] = {
    {"num_rd", 1u << SCN_BLOCK_ITS, 1, 65536, ""},
    {"vps", 1u << SCN_BLOCK_STIMER, 1, STIMER_MAX_VP, ""},
    {"feat_direct", 1u << SCN_BLOCK_STIMER, 0, 1, ""},
    {"scontrol_gate", 1u << SCN_BLOCK_STIMER, 0, 1, ""},
    {"mem_latency", 3u << 1, 1, 1000, " cycles"},
    {"mem_stall", 3u << 1, 0, 90, " percent"},
    {"rsp_stall", 3u << 1, 0, 90, " percent"},
};

static void scn_cfg_set(scn_config_t *cfg, size_t key, uint64_t v) {
  switch (key) {
    case 0:
      cfg->num_rd = (uint32_t)v;
      break;
    case 1:
      cfg->num_vp = (uint32_t)v;
      break;
    case 2:
      cfg->feat_direct = v != 0;
      break;
    case 3:
      cfg->scontrol_gate = v != 0;
      break;
    case 4:
      cfg->mem_latency = (unsigned)v;
      break;
    case 5:
      cfg->mem_stall = (unsigned)v;
      break;
    default:
      cfg->rsp_stall = (unsigned)v;
      break;
  }
}

bool scn_config_words(scn_block_t block, const char *text, scn_config_t *cfg, char *err,
                      size_t errlen) {
  scn_config_t out = *cfg;
  unsigned seen = 0;
  const char *p = text;
  for (;;) {
    p += strspn(p, " \t,");
    if (*p == 0) {
      break;
    }
    size_t wl = strcspn(p, " \t,");
    char w[128];
    if (wl >= sizeof(w)) {
      snprintf(err, errlen, "--config: expected KEY=VALUE words, got one of %zu characters", wl);
      return false;
    }
    memcpy(w, p, wl);
    w[wl] = 0;
    p += wl;
    size_t kl = scn_keylen(w);
    size_t k = 0;
    const size_t n_rtl = 4;  // scn_cfg_keys: the RTL parameters come first
    while (k < n_rtl &&
           (strlen(scn_cfg_keys[k].key) != kl || strncmp(scn_cfg_keys[k].key, w, kl) != 0 ||
            !(scn_cfg_keys[k].blocks & (1u << block)))) {
      k++;
    }
    if (k == n_rtl || w[kl] != '=') {
      snprintf(err, errlen, "--config: expected a build parameter of %s (%s), got '%s'",
               block == SCN_BLOCK_ITS ? "its" : "stimer",
               block == SCN_BLOCK_ITS ? "num_rd" : "vps feat_direct scontrol_gate", w);
      return false;
    }
    const scn_cfg_key_t *ck = &scn_cfg_keys[k];
    uint64_t v;
    if (!scn_num(w + kl + 1, &v) || v < ck->lo || v > ck->hi) {
      snprintf(err, errlen, "--config: expected %s=%" PRIu64 "..%" PRIu64 ", got '%s'", ck->key,
               ck->lo, ck->hi, w);
      return false;
    }
    if (seen & (1u << k)) {
      snprintf(err, errlen, "--config: expected %s once, got it again", ck->key);
      return false;
    }
    seen |= 1u << k;
    scn_cfg_set(&out, k, v);
  }
  *cfg = out;
  return true;
}

static bool scn_parse_config(scn_ctx_t *c, scn_t *s) {
  if (s->n_ops > 0) {
    return scn_fail(c, "'config' before the first operation (it sets the build and the bench)");
  }
  if (c->n < 2) {
    return scn_fail(c, "key=value after 'config'");
  }
  if (!scn_no_dup(c, 1)) {
    return false;
  }
  for (int i = 1; i < c->n; i++) {
    const char *w = c->words[i];
    size_t kl = scn_keylen(w);
    size_t k = 0;
    const size_t nk = sizeof(scn_cfg_keys) / sizeof(scn_cfg_keys[0]);
    while (k < nk &&
           (strlen(scn_cfg_keys[k].key) != kl || strncmp(scn_cfg_keys[k].key, w, kl) != 0 ||
            !(scn_cfg_keys[k].blocks & (1u << s->block)))) {
      k++;
    }
    if (k == nk || w[kl] != '=') {
      return scn_fail(c, "a config key of this block (%s), got '%s'",
                      s->block == SCN_BLOCK_ITS
                          ? "num_rd mem_latency mem_stall rsp_stall"
                          : "vps feat_direct scontrol_gate mem_latency mem_stall rsp_stall",
                      w);
    }
    const scn_cfg_key_t *ck = &scn_cfg_keys[k];
    uint64_t v;
    if (!scn_num(w + kl + 1, &v) || v < ck->lo || v > ck->hi) {
      return scn_fail(c, "%s in %" PRIu64 "..%" PRIu64 "%s, got '%s'", ck->key, ck->lo, ck->hi,
                      ck->unit, w + kl + 1);
    }
    if (c->cfg_seen & (1u << k)) {
      return scn_fail(c, "%s set once, got it again", ck->key);
    }
    c->cfg_seen |= 1u << k;
    scn_cfg_set(&s->cfg, k, v);
  }
  return true;
}

// `mem write|expect mem ADDR VALUE [size=N]`: VALUE must fit N bytes.
static bool scn_parse_mem(scn_ctx_t *c, scn_op_t *op, bool expect) {
  static const char *const keys[] = {"size", NULL};
  op->kind = expect ? SCN_EXPECT_MEM : SCN_MEM_WRITE;
  if (!scn_pos(c, 2, "an address", &op->a[0]) || !scn_pos(c, 3, "a value", &op->a[1]) ||
      !scn_only(c, 4, keys, NULL)) {
    return false;
  }
  op->a[2] = 8;
  if (!scn_opt_w(c, 4, "size", 4, op, 2)) {
    return false;
  }
  if (op->a[2] < 1 || op->a[2] > 8) {
    return scn_fail(c, "size in 1..8");
  }
  if (op->a[1] > enc_max(8 * (unsigned)op->a[2])) {
    return scn_fail(c, "a value that fits size=%" PRIu64 " bytes, got 0x%" PRIx64, op->a[2],
                    op->a[1]);
  }
  if (op->a[0] > UINT64_MAX - (op->a[2] - 1)) {
    return scn_fail(c, "an address whose %" PRIu64 " bytes stay below 2^64", op->a[2]);
  }
  return true;
}

// `mem fault LO HI [read|write]`: beats in [LO, HI) fault; with `read` only read beats, with
// `write` only write beats (a[2]: tb_fault_kind_t).
static bool scn_parse_fault(scn_ctx_t *c, scn_op_t *op) {
  op->kind = SCN_FAULT_ADD;
  if (!scn_pos(c, 2, "the low address", &op->a[0]) ||
      !scn_pos(c, 3, "the high address (exclusive)", &op->a[1])) {
    return false;
  }
  op->a[2] = TB_FAULT_RW;
  if (c->n > 4) {
    if (strcmp(c->words[4], "read") == 0) {
      op->a[2] = TB_FAULT_READ;
    } else if (strcmp(c->words[4], "write") == 0) {
      op->a[2] = TB_FAULT_WRITE;
    } else {
      return scn_fail(c,
                      "the access kind after the high address: 'read' or 'write' (none: both), "
                      "got '%s'",
                      c->words[4]);
    }
  }
  if (!scn_end(c, 5, "the access kind")) {
    return false;
  }
  return op->a[0] < op->a[1] ||
         scn_fail(c, "LO below HI (the range [LO, HI) is empty or inverted)");
}

// Puts `v` into command field `f` of `dw`; the value must fit the field (an address field
// takes a byte address aligned to 2^lsb_in).
static bool scn_cmd_field(scn_ctx_t *c, const enc_field_t *f, uint64_t v, uint64_t dw[4]) {
  char r[64];
  if (f->lsb_in > 0) {
    if ((v & enc_max(f->lsb_in)) != 0 || (v >> f->lsb_in) > enc_max(f->width)) {
      return scn_fail(c, "%s= a byte address aligned to %u bytes below 2^%u, got 0x%" PRIx64,
                      f->name, 1u << f->lsb_in, f->lsb_in + f->width, v);
    }
    v >>= f->lsb_in;
  } else if (v > enc_max(f->width)) {
    return scn_fail(c, "%s= in %s, got 0x%" PRIx64, f->name, scn_range(f->width, r, sizeof(r)), v);
  }
  dw[f->dw] |= v << f->lsb;
  return true;
}

// `cmd NAME key=value...` or `cmd raw DW0 DW1 DW2 DW3`, laid out by docs/enc/its.toml: each
// command takes only its own fields, each value must fit its field.
static bool scn_parse_cmd(scn_ctx_t *c, scn_op_t *op) {
  const enc_block_t *enc = its_enc();
  op->kind = SCN_CMD;
  if (c->n < 2) {
    return scn_fail(c, "a command name (MAPD, MAPC, MAPTI, ... or raw)");
  }
  // `nopost` (the last word): the command goes into the queue, CWRITER is written later by a
  // `post` line or the next `cmd` without it, as drivers post several commands at once.
  if (c->n > 2 && strcmp(c->words[c->n - 1], "nopost") == 0) {
    op->a[4] = 1;
    c->n--;
  }
  if (strcasecmp(c->words[1], "raw") == 0) {
    for (int i = 0; i < 4; i++) {
      if (!scn_pos(c, 2 + i, "four doublewords DW0..DW3", &op->a[i])) {
        return false;
      }
    }
    return scn_end(c, 6, "DW3 (or nopost)");
  }
  const enc_cmd_t *cmd = enc_cmd_by_name(enc, c->words[1]);
  if (cmd == NULL) {
    char list[256];
    return scn_fail(c, "a command name (%s raw), got '%s'",
                    scn_names(enc_enum(enc, "opcode"), UINT64_MAX, list, sizeof(list)),
                    c->words[1]);
  }
  const char *keys[16] = {NULL};
  for (size_t i = 0; i < cmd->n_fields && i < 15; i++) {
    keys[i] = enc->cmd_fields[cmd->fields[i]].name;
  }
  static const char *const flags[] = {"nopost", NULL};
  if (!scn_only(c, 2, keys, flags)) {
    return false;
  }
  if (scn_flag(c, 2, "nopost")) {
    return scn_fail(c, "'nopost' as the last word of the line");
  }
  uint64_t dw[4] = {cmd->opcode, 0, 0, 0};
  for (size_t i = 0; i < cmd->n_fields; i++) {
    const enc_field_t *f = &enc->cmd_fields[cmd->fields[i]];
    uint64_t v;
    int r = scn_key(c, 2, f->name, &v);
    if (r < 0 || (r > 0 && !scn_cmd_field(c, f, v, dw))) {
      return false;
    }
  }
  memcpy(op->a, dw, sizeof(dw));
  return true;
}

// `op=NAME|N` of `expect retire`: a command name or an opcode.
static bool scn_retire_op(scn_ctx_t *c, const char *v, uint64_t *n) {
  const enc_cmd_t *cmd = enc_cmd_by_name(its_enc(), v);
  if (cmd != NULL) {
    *n = cmd->opcode;
    return true;
  }
  return (scn_num(v, n) && *n <= enc_max(ITS_RETIRE_OPCODE_WIDTH)) ||
         scn_fail(c, "a command name or an opcode 0..0xff after 'op=', got '%s'", v);
}

static bool scn_parse_expect_its(scn_ctx_t *c, scn_op_t *op) {
  const enc_block_t *enc = its_enc();
  uint64_t k;
  if (strcmp(c->words[1], "rd") == 0) {
    static const char *const keys[] = {"rd", "rd2", "intid", NULL};
    op->kind = SCN_EXPECT_RD;
    if (c->n < 3) {
      return scn_fail(c, "an event kind as word 3");
    }
    if (!scn_enum(c, enc, "rd_kind", "an event kind as word 3", c->words[2], ITS_RD_NONE, &k)) {
      return false;
    }
    op->a[0] = k;
    return scn_only(c, 3, keys, NULL) && scn_opt_w(c, 3, "rd", ITS_RD_EV_RD_WIDTH, op, 1) &&
           scn_opt_w(c, 3, "rd2", ITS_RD_EV_RD2_WIDTH, op, 2) &&
           scn_opt_w(c, 3, "intid", ITS_RD_EV_INTID_WIDTH, op, 3);
  }
  static const char *const keys[] = {"op", "outcome", "err", "dev", "ev", "offset", "writes", NULL};
  op->kind = SCN_EXPECT_RETIRE;
  if (c->n < 3) {
    return scn_fail(c, "a retire kind as word 3");
  }
  if (!scn_enum(c, enc, "rt_kind", "a retire kind as word 3", c->words[2], ITS_RT_NONE, &k) ||
      !scn_only(c, 3, keys, NULL)) {
    return false;
  }
  op->a[0] = k;
  for (int i = 3; i < c->n; i++) {
    const char *w = c->words[i];
    if (strncmp(w, "op=", 3) == 0) {
      uint64_t n = 0;
      if (!scn_retire_op(c, w + 3, &n)) {
        return false;
      }
      op->a[1] = n;
      op->has |= 1u << 1;
    } else if (strncmp(w, "outcome=", 8) == 0) {
      if (!scn_enum(c, enc, "outcome", "outcome=", w + 8, UINT64_MAX, &k)) {
        return false;
      }
      op->a[2] = k;
      op->has |= 1u << 2;
    }
  }
  // offset: the command's byte offset in the queue (docs/interfaces.md 3.3), 32-byte aligned;
  // writes: the memory write beats of the operation (at most the ITE's 2 + a DTE, say; any
  // count below 2^16 is a valid expectation).
  if (!scn_opt_w(c, 3, "err", ITS_RETIRE_ERROR_WIDTH, op, 3) ||
      !scn_opt_w(c, 3, "dev", ITS_RETIRE_DEVID_WIDTH, op, 4) ||
      !scn_opt_w(c, 3, "ev", ITS_RETIRE_EVENTID_WIDTH, op, 5) ||
      !scn_opt_w(c, 3, "offset", ITS_RETIRE_OFFSET_WIDTH, op, 6) ||
      !scn_opt_w(c, 3, "writes", 16, op, 7)) {
    return false;
  }
  return !(op->has & (1u << 6)) || (op->a[6] & 31) == 0 ||
         scn_fail(c, "offset= a multiple of 32 (commands are 32 bytes), got 0x%" PRIx64, op->a[6]);
}

// Bits of the VP number in the MSR address: VpW = max(1, clog2(NumVp)).
static unsigned scn_vp_width(const scn_t *s) {
  unsigned w = 1;
  while ((1u << w) < s->cfg.num_vp) {
    w++;
  }
  return w;
}

// A VP that must exist (EOIs, guest acks and expectations name existing VPs).
static bool scn_vp_exists(scn_ctx_t *c, const scn_t *s, uint64_t vp) {
  return vp < s->cfg.num_vp ||
         scn_fail(c, "a VP below %u (config vps), got %" PRIu64, s->cfg.num_vp, vp);
}

static bool scn_parse_msr(scn_ctx_t *c, const scn_t *s, scn_op_t *op, bool write) {
  static const char *const wkeys[] = {"size", NULL};
  static const char *const rkeys[] = {"expect", NULL};
  static const char *const flags[] = {"gp", NULL};
  uint32_t msr;
  op->kind = write ? SCN_MSR_WRITE : SCN_MSR_READ;
  // A VP at or beyond NumVp is an architectural #GP; one the MSR address cannot carry is not
  // an input the block can receive.
  if (!scn_pos_w(c, 2, "a VP number that fits the MSR address", scn_vp_width(s), &op->a[0])) {
    return false;
  }
  if (c->n < 4 || !scn_stimer_msr(c->words[3], &msr)) {
    return scn_fail(c,
                    "an MSR name (SCONTROL SVERSION SIEFP SIMP EOM SINTn CONFIGn COUNTn "
                    "TIME_REF_COUNT), a name+N or a number, in 0x40000000..0x400000ff, as word 4");
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
  if (write) {
    // The width on the bus: 8 (every MSR is 64 bits) or 4, which is a #GP (IMPDEF-ST-1).
    if (!scn_opt_w(c, rest, "size", 4, op, 5)) {
      return false;
    }
    return !(op->has & (1u << 5)) || op->a[5] == 4 || op->a[5] == 8 ||
           scn_fail(c, "size=4 or 8 (bytes on the bus)");
  }
  return scn_opt_w(c, rest, "expect", 64, op, 2);
}

static bool scn_parse_expect_stimer(scn_ctx_t *c, const scn_t *s, scn_op_t *op) {
  const char *what = c->words[1];
  if (strcmp(what, "irq") == 0) {
    static const char *const keys[] = {"vp", "vector", "auto_eoi", NULL};
    op->kind = SCN_EXPECT_IRQ;
    return scn_only(c, 2, keys, NULL) && scn_req_w(c, 2, "vp", 32, op, 0) &&
           scn_vp_exists(c, s, op->a[0]) &&
           scn_req_w(c, 2, "vector", STIMER_IRQ_VECTOR_WIDTH, op, 1) &&
           scn_opt_w(c, 2, "auto_eoi", STIMER_IRQ_AUTO_EOI_WIDTH, op, 2);
  }
  if (strcmp(what, "attempt") == 0) {
    static const char *const keys[] = {"vp", "timer", "outcome", "writes", NULL};
    op->kind = SCN_EXPECT_ATTEMPT;
    if (!scn_only(c, 2, keys, NULL)) {
      return false;
    }
    for (int i = 2; i < c->n; i++) {
      if (strncmp(c->words[i], "outcome=", 8) == 0) {
        uint64_t o;
        if (!scn_enum(c, stimer_enc(), "outcome", "outcome=", c->words[i] + 8, UINT64_MAX, &o)) {
          return false;
        }
        op->a[2] = o;
        op->has |= 1u << 2;
      }
    }
    // writes: the memory write beats of the attempt (a message is 5, docs/interfaces.md 2).
    return scn_req_w(c, 2, "vp", 32, op, 0) && scn_vp_exists(c, s, op->a[0]) &&
           scn_req_w(c, 2, "timer", STIMER_RETIRE_TIMER_WIDTH, op, 1) &&
           scn_opt_w(c, 2, "writes", 16, op, 4);
  }
  if (strcmp(what, "msg") == 0) {
    static const char *const keys[] = {"vp", "sint", "timer", "exp", "deliv", "flags", NULL};
    op->kind = SCN_EXPECT_MSG;
    // flags: the message's flags byte (spec/stimer.md section 4: bit 0 msg_pending, 7:1
    // reserved); 0 when not given, the value the block writes with a message.
    return scn_only(c, 2, keys, NULL) && scn_req_w(c, 2, "vp", 32, op, 0) &&
           scn_vp_exists(c, s, op->a[0]) && scn_req_w(c, 2, "sint", 4, op, 1) &&
           scn_req_w(c, 2, "timer", STIMER_RETIRE_TIMER_WIDTH, op, 2) &&
           scn_req_w(c, 2, "exp", 64, op, 3) && scn_req_w(c, 2, "deliv", 64, op, 4) &&
           scn_opt_w(c, 2, "flags", 8, op, 5);
  }
  if (strcmp(what, "slot-free") == 0) {
    static const char *const keys[] = {"vp", "sint", NULL};
    op->kind = SCN_EXPECT_SLOT_FREE;
    return scn_only(c, 2, keys, NULL) && scn_req_w(c, 2, "vp", 32, op, 0) &&
           scn_vp_exists(c, s, op->a[0]) && scn_req_w(c, 2, "sint", 4, op, 1);
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
    static const char *const its_kinds[] = {"any", "rd", "retire", "write"};
    static const char *const st_kinds[] = {"any", "irq", "attempt", "write"};
    static const scn_obs_kind_t its_codes[] = {SCN_OBS_ANY, SCN_OBS_RD, SCN_OBS_RETIRE,
                                               SCN_OBS_WRITE};
    static const scn_obs_kind_t st_codes[] = {SCN_OBS_ANY, SCN_OBS_IRQ, SCN_OBS_ATTEMPT,
                                              SCN_OBS_WRITE};
    bool its = s->block == SCN_BLOCK_ITS;
    op->kind = SCN_EXPECT_NONE;
    op->a[0] = SCN_OBS_ANY;
    if (c->n > 3) {
      return scn_fail(c, "nothing after the kind, got '%s'", c->words[3]);
    }
    if (c->n == 3) {
      int k = scn_index(c->words[2], its ? its_kinds : st_kinds, 4);
      if (k < 0) {
        return scn_fail(c, "expect none [%s], got '%s'",
                        its ? "any|rd|retire|write" : "any|irq|attempt|write", c->words[2]);
      }
      op->a[0] = its ? its_codes[k] : st_codes[k];
    }
    return true;
  }
  if (s->block == SCN_BLOCK_ITS) {
    if (strcmp(c->words[1], "rd") != 0 && strcmp(c->words[1], "retire") != 0) {
      return scn_fail(c, "expect rd|retire|mem|none, got '%s'", c->words[1]);
    }
    return scn_parse_expect_its(c, op);
  }
  return scn_parse_expect_stimer(c, s, op);
}

// A register offset: a number below 2^ADDR_W, a register name (GITS_CBASER) or a name plus a
// number (GITS_CBASER+4: the high half).
static bool scn_reg_off(scn_ctx_t *c, int i, uint64_t *off) {
  char r[64];
  if (i < c->n && !isdigit((unsigned char)c->words[i][0]) && strchr(c->words[i], '=') == NULL) {
    if (!scn_reg_name(its_enc(), c->words[i], off)) {
      return scn_fail(c,
                      "a register name of docs/enc/its.md (GITS_CTLR ...), optionally +N, as "
                      "word %d, got '%s'",
                      i + 1, c->words[i]);
    }
    return *off <= enc_max(ITS_ADDR_W) ||
           scn_fail(c, "a register offset in %s, got '%s' (0x%" PRIx64 ")",
                    scn_range(ITS_ADDR_W, r, sizeof(r)), c->words[i], *off);
  }
  return scn_pos_w(c, i, "a register offset or name (GITS_CTLR ...)", ITS_ADDR_W, off);
}

static bool scn_parse_its(scn_ctx_t *c, scn_op_t *op) {
  const char *w0 = c->words[0];
  if (strcmp(w0, "reg") == 0 && c->n >= 2 && strcmp(c->words[1], "write") == 0) {
    static const char *const keys[] = {"size", "devid", NULL};
    static const char *const flags[] = {"buserr", NULL};
    op->kind = SCN_REG_WRITE;
    op->a[2] = 8;
    if (!scn_reg_off(c, 2, &op->a[0]) || !scn_pos(c, 3, "a value", &op->a[1]) ||
        !scn_only(c, 4, keys, flags) || !scn_opt_w(c, 4, "size", 4, op, 2) ||
        !scn_opt_w(c, 4, "devid", ITS_DEV_BITS, op, 3)) {
      return false;
    }
    op->a[4] = scn_flag(c, 4, "buserr");
    // A 1-byte write is always an unsupported access (docs/interfaces.md section 1): a bus
    // error that tests need to express.
    if (op->a[2] != 1 && op->a[2] != 2 && op->a[2] != 4 && op->a[2] != 8) {
      return scn_fail(c, "size=1, 2, 4 or 8");
    }
    if (op->a[1] > enc_max(8 * (unsigned)op->a[2])) {
      return scn_fail(c, "a value that fits size=%" PRIu64 " bytes, got 0x%" PRIx64, op->a[2],
                      op->a[1]);
    }
    return true;
  }
  if (strcmp(w0, "reg") == 0 && c->n >= 2 && strcmp(c->words[1], "read") == 0) {
    static const char *const keys[] = {"expect", "mask", NULL};
    op->kind = SCN_REG_READ;
    op->a[2] = ~0ull;
    return scn_reg_off(c, 2, &op->a[0]) && scn_only(c, 3, keys, NULL) &&
           scn_opt_w(c, 3, "expect", 64, op, 1) && scn_opt_w(c, 3, "mask", 64, op, 2);
  }
  if (strcmp(w0, "cmd") == 0) {
    return scn_parse_cmd(c, op);
  }
  if (strcmp(w0, "post") == 0) {
    op->kind = SCN_POST;
    if (!scn_end(c, 1, "'post'")) {
      return false;
    }
    return c->unposted != 0 ||
           scn_fail(c, "a 'cmd ... nopost' line before 'post' (no command waits to be posted)");
  }
  if (strcmp(w0, "msi") == 0) {
    static const char *const keys[] = {"dev", "ev", NULL};
    op->kind = SCN_MSI;
    return scn_only(c, 1, keys, NULL) && scn_req_w(c, 1, "dev", ITS_MSI_DEVID_WIDTH, op, 0) &&
           scn_req_w(c, 1, "ev", ITS_MSI_EVENTID_WIDTH, op, 1);
  }
  return scn_fail(c,
                  "an ITS operation (reg write, reg read, cmd, post, msi, mem, wait, reset, "
                  "expect, config, strict), got '%s'",
                  w0);
}

static bool scn_parse_stimer(scn_ctx_t *c, const scn_t *s, scn_op_t *op) {
  const char *w0 = c->words[0];
  if (strcmp(w0, "msr") == 0 && c->n >= 2 && strcmp(c->words[1], "write") == 0) {
    return scn_parse_msr(c, s, op, true);
  }
  if (strcmp(w0, "msr") == 0 && c->n >= 2 && strcmp(c->words[1], "read") == 0) {
    return scn_parse_msr(c, s, op, false);
  }
  if (strcmp(w0, "time") == 0) {
    op->kind = SCN_TIME;
    if (!scn_pos(c, 1, "a time (100 ns units)", &op->a[0]) || !scn_end(c, 2, "the time")) {
      return false;
    }
    if (op->a[0] < c->now) {
      return scn_fail(c, "a time not below the previous one (%" PRIu64 "): time never goes back",
                      c->now);
    }
    c->now = op->a[0];
    return true;
  }
  if (strcmp(w0, "eoi") == 0) {
    op->kind = SCN_EOI;
    return scn_pos_w(c, 1, "a VP number", 32, &op->a[0]) && scn_vp_exists(c, s, op->a[0]) &&
           scn_pos_w(c, 2, "a vector", STIMER_EOI_VECTOR_WIDTH, &op->a[1]) &&
           scn_end(c, 3, "the vector");
  }
  if (strcmp(w0, "guest") == 0 && c->n >= 2 && strcmp(c->words[1], "ack") == 0) {
    op->kind = SCN_GUEST_ACK;
    return scn_pos_w(c, 2, "a VP number", 32, &op->a[0]) && scn_vp_exists(c, s, op->a[0]) &&
           scn_pos_w(c, 3, "a SINT number", 4, &op->a[1]) && scn_end(c, 4, "the SINT number");
  }
  return scn_fail(c,
                  "a stimer operation (msr write, msr read, time, eoi, guest ack, mem, "
                  "wait, reset, expect, config, strict), got '%s'",
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
  if (strcmp(w0, "block") == 0) {
    return scn_fail(c, "one 'block' line, the first");
  }
  if (strcmp(w0, "config") == 0) {
    return scn_parse_config(c, s);
  }
  if (strcmp(w0, "strict") == 0) {
    if (s->n_ops > 0 || s->strict) {
      return scn_fail(c, "one 'strict' line, before the first operation");
    }
    s->strict = true;
    return scn_end(c, 1, "'strict'");
  }
  scn_op_t op;
  memset(&op, 0, sizeof(op));
  op.line = c->line;
  bool ok;
  if (strcmp(w0, "mem") == 0 && c->n >= 2 && strcmp(c->words[1], "write") == 0) {
    ok = scn_parse_mem(c, &op, false);
  } else if (strcmp(w0, "mem") == 0 && c->n >= 2 && strcmp(c->words[1], "fault") == 0) {
    ok = scn_parse_fault(c, &op);
  } else if (strcmp(w0, "mem") == 0 && c->n >= 2 && strcmp(c->words[1], "nofault") == 0) {
    op.kind = SCN_FAULT_CLEAR;
    ok = scn_end(c, 2, "'mem nofault'");
  } else if (strcmp(w0, "wait") == 0) {
    op.kind = SCN_WAIT;
    ok = scn_end(c, 1, "'wait'");
  } else if (strcmp(w0, "reset") == 0) {
    op.kind = SCN_RESET;
    ok = scn_end(c, 1, "'reset'");
  } else if (strcmp(w0, "expect") == 0) {
    ok = scn_parse_expect(c, s, &op);
  } else if (s->block == SCN_BLOCK_ITS) {
    ok = scn_parse_its(c, &op);
  } else {
    ok = scn_parse_stimer(c, s, &op);
  }
  if (!ok) {
    return false;
  }
  // Commands written with `nopost` wait for a `post` or a `cmd` without it; a register write
  // or a reset in between would change the queue under them (docs/scenarios.md).
  if (c->unposted != 0 && (op.kind == SCN_REG_WRITE || op.kind == SCN_RESET)) {
    return scn_fail(c,
                    "a 'post' line before a register write or reset: the commands written with "
                    "'nopost' since line %u are not posted yet",
                    c->unposted);
  }
  if (op.kind == SCN_CMD && op.a[4] != 0) {
    c->unposted = c->unposted != 0 ? c->unposted : c->line;
  } else if (op.kind == SCN_CMD || op.kind == SCN_POST) {
    c->unposted = 0;  // this line's CWRITER write posts them
  }
  scn_push(s, &op);
  return true;
}

// A scenario is text: a control byte other than tab, CR and LF (a NUL, say) is an error, never
// the silent end of the file.
static bool scn_text(scn_ctx_t *c, const char *line, size_t len) {
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)line[i];
    if ((ch < 0x20 && ch != '\t' && ch != '\r') || ch == 0x7F) {
      return scn_fail(c, "text, got the control byte 0x%02x at column %zu", ch, i + 1);
    }
    if (ch == '\r' && i + 1 != len) {
      // CR ends a line only as CRLF (or at the end of the file): a bare one would split the
      // line for a reader that takes it as a line end and not for another.
      return scn_fail(c, "a line ending LF or CRLF, got a CR inside the line at column %zu", i + 1);
    }
  }
  return true;
}

#define SCN_MAX_DEPTH 4
#define SCN_MAX_LINE 1024

// Loop variables in scope: `repeat N VAR` binds VAR to 0..N-1 (docs/scenarios.md).
typedef struct {
  char name[SCN_MAX_DEPTH][16];
  uint64_t value[SCN_MAX_DEPTH];
  int n;
} scn_env_t;

typedef struct {
  char **text;  // line i (0-based) of the file, comment removed
  unsigned n;
  uint64_t max_ops;  // bound on the operations a file may expand to
  // Bound on the lines read with loops expanded, blank and comment lines and every pass through
  // a loop included: loops whose bodies make few operations or none still end soon.
  uint64_t max_visits;
} scn_lines_t;

// Replaces `$VAR` by its value; false (error set) for an unknown variable or a long line.
static bool scn_subst(scn_ctx_t *c, const scn_env_t *env, const char *in, char *out) {
  size_t k = 0;
  for (const char *p = in; *p != 0;) {
    if (*p != '$') {
      if (k + 1 >= SCN_MAX_LINE) {
        return scn_fail(c, "a line of at most %d characters once loop variables are replaced",
                        SCN_MAX_LINE - 1);
      }
      out[k++] = *p++;
      continue;
    }
    size_t len = 1;
    while (isalnum((unsigned char)p[len]) || p[len] == '_') {
      len++;
    }
    int i = env->n - 1;
    while (i >= 0 && (strlen(env->name[i]) != len - 1 || strncmp(env->name[i], p + 1, len - 1))) {
      i--;
    }
    if (i < 0) {
      return scn_fail(c, "a loop variable of an enclosing 'repeat' after '$', got '%.*s'", (int)len,
                      p);
    }
    int w = snprintf(out + k, SCN_MAX_LINE - k, "%" PRIu64, env->value[i]);
    if (w < 0 || k + (size_t)w + 1 >= SCN_MAX_LINE) {
      return scn_fail(c, "a shorter line once loop variables are replaced");
    }
    k += (size_t)w;
    p += len;
  }
  out[k] = 0;
  return true;
}

// Splits `line` into c->words (modifies it).
static bool scn_words(scn_ctx_t *c, char *line) {
  c->n = 0;
  for (char *p = line; *p != 0;) {
    while (*p != 0 && isspace((unsigned char)*p)) {
      *p++ = 0;
    }
    if (*p == 0) {
      break;
    }
    if (c->n == SCN_MAX_WORDS) {
      return scn_fail(c, "at most %d words on a line", SCN_MAX_WORDS);
    }
    c->words[c->n++] = p;
    while (*p != 0 && !isspace((unsigned char)*p)) {
      p++;
    }
  }
  return true;
}

// Finds the `end` of the `repeat` at line `from` within [from, to); false (error set) if none.
static bool scn_loop_end(scn_ctx_t *c, const scn_lines_t *L, unsigned from, unsigned to,
                         unsigned *end) {
  int depth = 0;
  char buf[SCN_MAX_LINE];
  for (unsigned i = from; i < to; i++) {
    snprintf(buf, sizeof(buf), "%s", L->text[i]);
    char *w = strtok(buf, " \t\r");
    if (w != NULL && strcmp(w, "repeat") == 0) {
      depth++;
    } else if (w != NULL && strcmp(w, "end") == 0 && --depth == 0) {
      *end = i;
      return true;
    }
  }
  return scn_fail(c, "an 'end' line closing this 'repeat'");
}

static bool scn_parse_range(scn_ctx_t *c, scn_t *s, const scn_lines_t *L, unsigned from,
                            unsigned to, scn_env_t *env);

// `repeat N [VAR]` ... `end`: the lines between run N times with $VAR = 0..N-1.
static bool scn_parse_repeat(scn_ctx_t *c, scn_t *s, const scn_lines_t *L, unsigned at, unsigned to,
                             scn_env_t *env, unsigned *next) {
  uint64_t n;
  unsigned end = to;
  if (!scn_pos_w(c, 1, "a repeat count", 24, &n) || !scn_end(c, 3, "the loop variable")) {
    return false;
  }
  // A body that never runs would never be read either: its lines could say anything.
  if (n == 0) {
    return scn_fail(
        c, "a repeat count of at least 1 (the lines of a loop run zero times are never checked)");
  }
  const char *var = c->n == 3 ? c->words[2] : "i";
  bool name_ok = strlen(var) < sizeof(env->name[0]) && isalpha((unsigned char)var[0]);
  for (const char *p = var; name_ok && *p != 0; p++) {
    name_ok = isalnum((unsigned char)*p) || *p == '_';
  }
  if (!name_ok) {
    return scn_fail(c, "a loop variable name (letters, digits, _), got '%s'", var);
  }
  if (env->n == SCN_MAX_DEPTH) {
    return scn_fail(c, "at most %d nested 'repeat' loops", SCN_MAX_DEPTH);
  }
  if (!scn_loop_end(c, L, at, to, &end)) {
    return false;
  }
  snprintf(env->name[env->n], sizeof(env->name[0]), "%s", var);
  env->n++;
  bool ok = true;
  c->depth++;
  for (uint64_t i = 0; ok && i < n; i++) {
    env->value[env->n - 1] = i;
    ok = scn_parse_range(c, s, L, at + 1, end, env);
    if (ok && ++c->visits > L->max_visits) {
      c->line = end + 1;
      ok = scn_fail(c, "at most %" PRIu64 " lines and loop passes after loops are expanded",
                    L->max_visits);
    }
  }
  c->depth--;
  env->n--;
  *next = end + 1;
  return ok;
}

static bool scn_parse_range(scn_ctx_t *c, scn_t *s, const scn_lines_t *L, unsigned from,
                            unsigned to, scn_env_t *env) {
  char line[SCN_MAX_LINE];
  for (unsigned i = from; i < to;) {
    c->line = i + 1;
    if (!scn_subst(c, env, L->text[i], line) || !scn_words(c, line)) {
      return false;
    }
    if (++c->visits > L->max_visits) {
      return scn_fail(c, "at most %" PRIu64 " lines and loop passes after loops are expanded",
                      L->max_visits);
    }
    if (c->n > 0 && c->depth > 0 &&
        (strcmp(c->words[0], "block") == 0 || strcmp(c->words[0], "config") == 0 ||
         strcmp(c->words[0], "strict") == 0)) {
      // They say what the whole file is: read once, outside loops (as scripts/lockstep reads
      // the config line to choose the build).
      return scn_fail(c, "'%s' outside any 'repeat' loop", c->words[0]);
    }
    if (c->n > 0 && strcmp(c->words[0], "repeat") == 0) {
      if (s->block == 0) {
        return scn_fail(c, "'block its' or 'block stimer' as the first line");
      }
      if (!scn_parse_repeat(c, s, L, i, to, env, &i)) {
        return false;
      }
      continue;
    }
    if (c->n > 0 && strcmp(c->words[0], "end") == 0) {
      return scn_fail(c, "an operation; this 'end' closes no 'repeat'");
    }
    if (c->n > 0 && !scn_parse_line(c, s)) {
      return false;
    }
    if (s->n_ops > L->max_ops) {
      return scn_fail(c, "at most %" PRIu64 " operations after loops are expanded", L->max_ops);
    }
    i++;
  }
  return true;
}

static bool scn_parse_n(const char *name, const char *text, size_t len, scn_t *s, char *err,
                        size_t errlen) {
  memset(s, 0, sizeof(*s));
  s->cfg = scn_default_config();
  s->path = strdup(name);
  char *buf = malloc(len + 1);
  // 2 M operations: 160 MB of scn_op_t (80 bytes); 8 M lines read: a second or so.
  scn_lines_t L = {NULL, 0, 2000000, 8000000};
  size_t cap = 1;
  for (size_t i = 0; i < len; i++) {
    cap += text[i] == '\n';
  }
  L.text = calloc(cap, sizeof(char *));
  if (s->path == NULL || buf == NULL || L.text == NULL) {
    free(buf);
    free(L.text);
    snprintf(err, errlen, "%s: out of memory", name);
    scn_free(s);
    return false;
  }
  memcpy(buf, text, len);
  buf[len] = 0;
  scn_ctx_t c = {name, 0, {0}, 0, err, errlen, 0, 0, 0, 0, 0};
  bool ok = true;
  // Split by hand (strtok would merge empty lines and break line numbers); check each is text.
  for (size_t pos = 0; ok && pos < len;) {
    char *line = buf + pos;
    char *nl = memchr(line, '\n', len - pos);
    size_t ll = nl != NULL ? (size_t)(nl - line) : len - pos;
    pos += ll + 1;
    line[ll] = 0;
    c.line = L.n + 1;
    ok = scn_text(&c, line, ll);
    char *hash = strchr(line, '#');
    if (hash != NULL) {
      *hash = 0;
    }
    if (ok && strlen(line) >= SCN_MAX_LINE) {
      ok = scn_fail(&c, "a line of at most %d characters", SCN_MAX_LINE - 1);
    }
    L.text[L.n++] = line;
  }
  scn_env_t env = {{{0}}, {0}, 0};
  if (ok) {
    ok = scn_parse_range(&c, s, &L, 0, L.n, &env);
  }
  if (ok && s->block == 0) {
    c.line = 1;
    ok = scn_fail(&c, "'block its' or 'block stimer' (the file has no operations)");
  }
  if (ok && c.unposted != 0) {
    c.line = c.unposted;
    ok = scn_fail(&c, "a 'post' line after this 'cmd ... nopost' (the file ends before it)");
  }
  free(L.text);
  free(buf);
  if (!ok) {
    scn_free(s);
  }
  return ok;
}

bool scn_cli_number(const char *s, uint64_t *v) {
  unsigned base = 10;
  const char *p = s;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    base = 16;
    p += 2;
  }
  if (*p == 0) {
    return false;
  }
  uint64_t x = 0;
  for (; *p != 0; p++) {
    unsigned d;
    if (*p >= '0' && *p <= '9') {
      d = (unsigned)(*p - '0');
    } else if (base == 16 && *p >= 'a' && *p <= 'f') {
      d = (unsigned)(*p - 'a') + 10;
    } else if (base == 16 && *p >= 'A' && *p <= 'F') {
      d = (unsigned)(*p - 'A') + 10;
    } else {
      return false;
    }
    if (x > (UINT64_MAX - d) / base) {
      return false;
    }
    x = x * base + d;
  }
  *v = x;
  return true;
}

bool scn_parse(const char *name, const char *text, scn_t *s, char *err, size_t errlen) {
  return scn_parse_n(name, text, strlen(text), s, err, errlen);
}

bool scn_load(const char *path, scn_t *s, char *err, size_t errlen) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
    return false;
  }
  errno = 0;  // a read error below names its own cause
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
  // A directory opens, and its read fails (EISDIR).
  int read_errno = ferror(f) ? (errno != 0 ? errno : EIO) : 0;
  fclose(f);
  if (text == NULL) {
    snprintf(err, errlen, "%s: out of memory", path);
    return false;
  }
  if (read_errno != 0) {
    free(text);
    snprintf(err, errlen, "%s: cannot read: %s", path, strerror(read_errno));
    return false;
  }
  text[n] = 0;
  bool ok = scn_parse_n(path, text, n, s, err, errlen);
  free(text);
  return ok;
}

void scn_free(scn_t *s) {
  free(s->ops);
  free(s->path);
  memset(s, 0, sizeof(*s));
}

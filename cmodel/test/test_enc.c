// SPDX-License-Identifier: Apache-2.0
// The encoding-table look-ups of cmodel/include/enc.h, checked against the descriptions
// docs/enc/its.toml and docs/enc/stimer.toml (names, values, offsets, record layouts).
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "enc.h"
#include "its.h"
#include "stimer.h"
#include "test.h"

#define ASSERT_STR(a, b)                                              \
  do {                                                                \
    const char *test_sa_ = (a);                                       \
    const char *test_sb_ = (b);                                       \
    if (test_sa_ == NULL || strcmp(test_sa_, test_sb_) != 0) {        \
      TEST_FAIL_AT(__FILE__, __LINE__, "%s: \"%s\" != \"%s\"", #a,    \
                   test_sa_ != NULL ? test_sa_ : "(null)", test_sb_); \
    }                                                                 \
  } while (0)

// ---- Enumerations ----

void test_enc_enum_lookup(void) {
  // docs/enc/its.toml [[enum]] opcode (8 bits) and ee; docs/enc/stimer.toml outcome (3 bits).
  const enc_enum_t *op = enc_enum(its_enc(), "opcode");
  ASSERT_TRUE(op != NULL);
  ASSERT_EQ(op->width, 8);
  ASSERT_EQ(op->n, 12);  // MOVI INT CLEAR SYNC MAPD MAPC MAPTI MAPI INV INVALL MOVALL DISCARD
  const enc_enum_t *out = enc_enum(stimer_enc(), "outcome");
  ASSERT_TRUE(out != NULL);
  ASSERT_EQ(out->width, 3);
  // Names are exact: an unknown or differently spelt enumeration is NULL.
  ASSERT_TRUE(enc_enum(its_enc(), "opcodes") == NULL);
  ASSERT_TRUE(enc_enum(its_enc(), "") == NULL);
  ASSERT_TRUE(enc_enum(stimer_enc(), "opcode") == NULL);  // an ITS enumeration, not stimer's
}

void test_enc_enum_name(void) {
  const enc_enum_t *op = enc_enum(its_enc(), "opcode");
  ASSERT_STR(enc_name(op, ITS_CMD_MAPD), "MAPD");
  ASSERT_STR(enc_name(op, ITS_CMD_DISCARD), "DISCARD");
  ASSERT_STR(enc_name(op, ITS_CMD_MOVI), "MOVI");
  // 0x02 and 0x10 name no GICv3 physical command; 0x108 does not fit the 8-bit enumeration.
  ASSERT_TRUE(enc_name(op, 0x02) == NULL);
  ASSERT_TRUE(enc_name(op, 0x10) == NULL);
  ASSERT_TRUE(enc_name(op, 0x108) == NULL);
  // The enumeration a failed enc_enum() gave: no name (enc.h).
  ASSERT_TRUE(enc_name(NULL, ITS_CMD_MAPD) == NULL);
  ASSERT_TRUE(enc_name(enc_enum(its_enc(), "no_such_enum"), 0) == NULL);
}

void test_enc_enum_value(void) {
  const enc_enum_t *op = enc_enum(its_enc(), "opcode");
  uint64_t v = 0;
  ASSERT_TRUE(enc_value(op, "MAPTI", &v));
  ASSERT_EQ(v, ITS_CMD_MAPTI);
  ASSERT_TRUE(enc_value(op, "invall", &v));  // case-insensitive
  ASSERT_EQ(v, ITS_CMD_INVALL);
  ASSERT_TRUE(enc_value(op, "Sync", &v));
  ASSERT_EQ(v, ITS_CMD_SYNC);
  // Absent: false, and `*value` is left alone.
  v = 0x5A5A;
  ASSERT_FALSE(enc_value(op, "VMAPP", &v));
  ASSERT_FALSE(enc_value(op, "MAP", &v));    // a prefix of MAPD/MAPC/... is not a name
  ASSERT_FALSE(enc_value(op, "MAPDX", &v));  // nor is a longer word
  ASSERT_FALSE(enc_value(op, "", &v));
  ASSERT_FALSE(enc_value(NULL, "MAPD", &v));
  ASSERT_FALSE(enc_value(enc_enum(its_enc(), "no_such_enum"), "MAPD", &v));
  ASSERT_EQ(v, 0x5A5A);
  // Every value of the stimer outcome enumeration round-trips through its name.
  const enc_enum_t *out = enc_enum(stimer_enc(), "outcome");
  for (size_t i = 0; i < out->n; i++) {
    ASSERT_TRUE(enc_value(out, out->values[i].name, &v));
    ASSERT_EQ(v, out->values[i].value);
    ASSERT_STR(enc_name(out, v), out->values[i].name);
  }
  ASSERT_TRUE(enc_value(out, "busy_pending", &v));
  ASSERT_EQ(v, STIMER_OUT_BUSY_PENDING);
}

void test_enc_max(void) {
  ASSERT_EQ(enc_max(1), 1);
  ASSERT_EQ(enc_max(8), 0xFF);
  ASSERT_EQ(enc_max(ITS_RETIRE_OFFSET_WIDTH), 0xFFFFF);
  ASSERT_EQ(enc_max(63), 0x7FFFFFFFFFFFFFFFull);
  ASSERT_EQ(enc_max(64), ~0ull);
}

// ---- Commands ----

void test_enc_cmd_lookup(void) {
  const enc_block_t *b = its_enc();
  // docs/enc/its.toml [[command]]: opcode and the fields each takes.
  static const struct {
    const char *name;
    uint8_t opcode;
    size_t n_fields;
  } cmds[] = {
      {"MOVI", ITS_CMD_MOVI, 3},     {"INT", ITS_CMD_INT, 2},       {"CLEAR", ITS_CMD_CLEAR, 2},
      {"SYNC", ITS_CMD_SYNC, 1},     {"MAPD", ITS_CMD_MAPD, 4},     {"MAPC", ITS_CMD_MAPC, 3},
      {"MAPTI", ITS_CMD_MAPTI, 4},   {"MAPI", ITS_CMD_MAPI, 3},     {"INV", ITS_CMD_INV, 2},
      {"INVALL", ITS_CMD_INVALL, 1}, {"MOVALL", ITS_CMD_MOVALL, 2}, {"DISCARD", ITS_CMD_DISCARD, 2},
  };
  ASSERT_EQ(b->n_cmds, sizeof(cmds) / sizeof(cmds[0]));
  for (size_t i = 0; i < sizeof(cmds) / sizeof(cmds[0]); i++) {
    const enc_cmd_t *byop = enc_cmd_by_opcode(b, cmds[i].opcode);
    ASSERT_TRUE(byop != NULL);
    ASSERT_STR(byop->name, cmds[i].name);
    ASSERT_EQ(byop->n_fields, cmds[i].n_fields);
    const enc_cmd_t *byname = enc_cmd_by_name(b, cmds[i].name);
    ASSERT_TRUE(byname == byop);
  }
  // MAPTI takes dev, ev, intid and icid, in that order.
  const enc_cmd_t *mapti = enc_cmd_by_name(b, "mapti");  // case-insensitive
  ASSERT_TRUE(mapti != NULL);
  ASSERT_STR(b->cmd_fields[mapti->fields[0]].name, "dev");
  ASSERT_STR(b->cmd_fields[mapti->fields[1]].name, "ev");
  ASSERT_STR(b->cmd_fields[mapti->fields[2]].name, "intid");
  ASSERT_STR(b->cmd_fields[mapti->fields[3]].name, "icid");
  // No command: opcodes 0x00, 0x02, 0x06, 0x07 and the GICv4 ones; unknown names.
  ASSERT_TRUE(enc_cmd_by_opcode(b, 0x00) == NULL);
  ASSERT_TRUE(enc_cmd_by_opcode(b, 0x02) == NULL);
  ASSERT_TRUE(enc_cmd_by_opcode(b, 0x06) == NULL);
  ASSERT_TRUE(enc_cmd_by_opcode(b, 0x29) == NULL);  // VMAPP
  ASSERT_TRUE(enc_cmd_by_opcode(b, 0xFF) == NULL);
  ASSERT_TRUE(enc_cmd_by_name(b, "VMAPP") == NULL);
  ASSERT_TRUE(enc_cmd_by_name(b, "MAP") == NULL);
  // stimer has no commands.
  ASSERT_TRUE(enc_cmd_by_opcode(stimer_enc(), ITS_CMD_MAPD) == NULL);
  ASSERT_TRUE(enc_cmd_by_name(stimer_enc(), "MAPD") == NULL);
}

// ---- Registers and MSRs ----

static uint32_t enc_test_reg(const enc_block_t *b, const char *name) {
  uint32_t off = 0xDEADBEEF;
  if (!enc_reg_by_name(b, name, &off)) {
    TEST_FAIL_AT(__FILE__, __LINE__, "register %s not found", name);
  }
  return off;
}

void test_enc_reg_by_name(void) {
  const enc_block_t *its = its_enc();
  ASSERT_EQ(enc_test_reg(its, "GITS_CTLR"), ITS_GITS_CTLR);
  ASSERT_EQ(enc_test_reg(its, "GITS_CBASER"), ITS_GITS_CBASER);
  ASSERT_EQ(enc_test_reg(its, "GITS_BASER1"), ITS_GITS_BASER(1));
  ASSERT_EQ(enc_test_reg(its, "GITS_TRANSLATER"), ITS_GITS_TRANSLATER);
  const enc_block_t *st = stimer_enc();
  // docs/enc/stimer.toml: the MSR index (low byte of 0x400000xx); SINTn, CONFIGn, COUNTn arrays.
  ASSERT_EQ(enc_test_reg(st, "TIME_REF_COUNT"), STIMER_MSR_TIME_REF_COUNT - STIMER_MSR_BASE);
  ASSERT_EQ(enc_test_reg(st, "EOM"), STIMER_MSR_EOM - STIMER_MSR_BASE);
  ASSERT_EQ(enc_test_reg(st, "SINT0"), STIMER_MSR_SINT(0) - STIMER_MSR_BASE);
  ASSERT_EQ(enc_test_reg(st, "SINT3"), STIMER_MSR_SINT(3) - STIMER_MSR_BASE);
  ASSERT_EQ(enc_test_reg(st, "SINT15"), STIMER_MSR_SINT(15) - STIMER_MSR_BASE);
  ASSERT_EQ(enc_test_reg(st, "CONFIG2"), STIMER_MSR_CONFIG(2) - STIMER_MSR_BASE);
  ASSERT_EQ(enc_test_reg(st, "COUNT3"), STIMER_MSR_COUNT(3) - STIMER_MSR_BASE);
}

void test_enc_reg_by_name_unknown(void) {
  const enc_block_t *its = its_enc();
  const enc_block_t *st = stimer_enc();
  static const char *const its_bad[] = {
      "GITS_CTLRX",   // a single register takes no suffix
      "GITS_CTLR0",   // nor an index
      "GITS_",        // a prefix of several names
      "GITS",         // a shorter prefix
      "",             // no name
      "GITS_BASER2",  // BASER2..7 are not described
      "CTLR",         // the name without its prefix
  };
  static const char *const st_bad[] = {
      "SINT",      // an array needs its index
      "SINT16",    // index = count
      "SINT99",    // far beyond
      "SINT1000",  // more digits than any index below 16 has
      "SINT1x",    // not a decimal index
      "SINTx",     // no digits at all
      "SINT-1",    // not a decimal index
      "CONFIG4",   // four timers: CONFIG0..3
      "COUNT",     // array without index
      "EOM1",      // a single MSR takes no index
      "SIM",       // a prefix of SIMP
      "NOPE",
  };
  uint32_t off = 0x5A5A;
  for (size_t i = 0; i < sizeof(its_bad) / sizeof(its_bad[0]); i++) {
    if (enc_reg_by_name(its, its_bad[i], &off)) {
      TEST_FAIL_AT(__FILE__, __LINE__, "its register '%s' resolved", its_bad[i]);
    }
  }
  for (size_t i = 0; i < sizeof(st_bad) / sizeof(st_bad[0]); i++) {
    if (enc_reg_by_name(st, st_bad[i], &off)) {
      TEST_FAIL_AT(__FILE__, __LINE__, "stimer MSR '%s' resolved", st_bad[i]);
    }
  }
  ASSERT_EQ(off, 0x5A5A);  // untouched by every failed look-up
}

void test_enc_reg_name(void) {
  char buf[32];
  const enc_block_t *its = its_enc();
  ASSERT_STR(enc_reg_name(its, ITS_GITS_CBASER, buf, sizeof(buf)), "GITS_CBASER");
  ASSERT_STR(enc_reg_name(its, ITS_GITS_TRANSLATER, buf, sizeof(buf)), "GITS_TRANSLATER");
  ASSERT_TRUE(enc_reg_name(its, 0x200, buf, sizeof(buf)) == NULL);    // no register there
  ASSERT_TRUE(enc_reg_name(its, 0x20000, buf, sizeof(buf)) == NULL);  // beyond both frames
  const enc_block_t *st = stimer_enc();
  uint32_t base = STIMER_MSR_BASE;
  ASSERT_STR(enc_reg_name(st, STIMER_MSR_SINT(3) - base, buf, sizeof(buf)), "SINT3");
  ASSERT_STR(enc_reg_name(st, STIMER_MSR_SINT(15) - base, buf, sizeof(buf)), "SINT15");
  ASSERT_STR(enc_reg_name(st, STIMER_MSR_CONFIG(2) - base, buf, sizeof(buf)), "CONFIG2");
  ASSERT_STR(enc_reg_name(st, STIMER_MSR_COUNT(2) - base, buf, sizeof(buf)), "COUNT2");
  ASSERT_STR(enc_reg_name(st, STIMER_MSR_SIMP - base, buf, sizeof(buf)), "SIMP");
  ASSERT_TRUE(enc_reg_name(st, STIMER_MSR_SINT(16) - base, buf, sizeof(buf)) == NULL);   // 0xA0
  ASSERT_TRUE(enc_reg_name(st, STIMER_MSR_CONFIG(4) - base, buf, sizeof(buf)) == NULL);  // 0xB8
  ASSERT_TRUE(enc_reg_name(st, 0x00, buf, sizeof(buf)) == NULL);
  ASSERT_TRUE(enc_reg_name(st, 0x85, buf, sizeof(buf)) == NULL);  // after EOM
}

// Every register and every array element of both blocks: its name resolves to its offset and
// the offset names it back.
void test_enc_reg_round_trip(void) {
  const enc_block_t *blocks[] = {its_enc(), stimer_enc()};
  for (size_t k = 0; k < 2; k++) {
    const enc_block_t *b = blocks[k];
    for (size_t i = 0; i < b->n_regs; i++) {
      const enc_reg_t *r = &b->regs[i];
      for (unsigned e = 0; e < (r->count > 1 ? r->count : 1); e++) {
        uint32_t want = r->offset + e * r->stride;
        char buf[32];
        const char *name = enc_reg_name(b, want, buf, sizeof(buf));
        ASSERT_TRUE(name == buf);
        uint32_t got = 0xFFFFFFFF;
        ASSERT_TRUE(enc_reg_by_name(b, name, &got));
        ASSERT_EQ(got, want);
      }
    }
  }
}

// ---- Records ----

// Bits [lsb, lsb + width) of a vector held 32 bits per word (svBitVecVal), written by the test.
static void enc_test_put(uint32_t *words, unsigned lsb, unsigned width, uint64_t v) {
  for (unsigned i = 0; i < width; i++) {
    unsigned at = lsb + i;
    if ((v >> i) & 1u) {
      words[at / 32] |= 1u << (at % 32);
    }
  }
}

void test_enc_rec_unpack_its_retire(void) {
  // docs/enc/its.md, record retire: 104 bits, first field most significant:
  // kind[103:102] offset[101:82] opcode[81:74] outcome[73:72] error[71:48] devid[47:32]
  // eventid[31:0].
  ASSERT_EQ(its_rec_retire.bits, 104);
  uint32_t w[4] = {0, 0, 0, 0};
  enc_test_put(w, 102, 2, ITS_RT_CMD);
  enc_test_put(w, 82, 20, 0xABCDE);
  enc_test_put(w, 74, 8, ITS_CMD_MAPTI);
  enc_test_put(w, 72, 2, ITS_OUT_IGNORED);
  enc_test_put(w, 48, 24, ITS_ERROR(ITS_CMD_MAPTI, ITS_EE_ID_OOR));
  enc_test_put(w, 32, 16, 0xFEDC);
  enc_test_put(w, 0, 32, 0x89ABCDEF);
  its_retire_t r;
  memset(&r, 0xA5, sizeof(r));
  enc_rec_unpack(&its_rec_retire, w, &r);
  ASSERT_EQ(r.kind, ITS_RT_CMD);
  ASSERT_EQ(r.offset, 0xABCDE);
  ASSERT_EQ(r.opcode, ITS_CMD_MAPTI);
  ASSERT_EQ(r.outcome, ITS_OUT_IGNORED);
  ASSERT_EQ(r.error, 0x10A05);
  ASSERT_EQ(r.devid, 0xFEDC);
  ASSERT_EQ(r.eventid, 0x89ABCDEF);
  // enc_rec_get reads the same members.
  uint64_t want[7] = {ITS_RT_CMD, 0xABCDE, ITS_CMD_MAPTI, ITS_OUT_IGNORED,
                      0x10A05,    0xFEDC,  0x89ABCDEF};
  ASSERT_EQ(its_rec_retire.n, 7);
  for (size_t i = 0; i < 7; i++) {
    ASSERT_EQ(enc_rec_get(&its_rec_retire.fields[i], &r), want[i]);
  }
}

void test_enc_rec_unpack_stimer_retire(void) {
  // docs/enc/stimer.md, record retire: kind 1, vp 8, timer 2, sint 4, outcome 3, now 64 = 82
  // bits; `now` straddles the three words.
  ASSERT_EQ(stimer_rec_retire.bits, 82);
  uint32_t w[3] = {0, 0, 0};
  enc_test_put(w, 81, 1, STIMER_RT_ATTEMPT);
  enc_test_put(w, 73, 8, 0xC3);
  enc_test_put(w, 71, 2, 2);
  enc_test_put(w, 67, 4, 0xB);
  enc_test_put(w, 64, 3, STIMER_OUT_BUSY_PENDING);
  enc_test_put(w, 0, 64, 0xF123456789ABCDEFull);
  stimer_retire_t r;
  memset(&r, 0x5A, sizeof(r));
  enc_rec_unpack(&stimer_rec_retire, w, &r);
  ASSERT_EQ(r.kind, STIMER_RT_ATTEMPT);
  ASSERT_EQ(r.vp, 0xC3);
  ASSERT_EQ(r.timer, 2);
  ASSERT_EQ(r.sint, 0xB);
  ASSERT_EQ(r.outcome, STIMER_OUT_BUSY_PENDING);
  ASSERT_EQ(r.now, 0xF123456789ABCDEFull);
  ASSERT_EQ(enc_rec_get(&stimer_rec_retire.fields[5], &r), 0xF123456789ABCDEFull);
  // All-ones vector: every member holds its field's maximum.
  uint32_t ones[3] = {~0u, ~0u, 0x3FFFF};
  enc_rec_unpack(&stimer_rec_retire, ones, &r);
  for (size_t i = 0; i < stimer_rec_retire.n; i++) {
    ASSERT_EQ(enc_rec_get(&stimer_rec_retire.fields[i], &r),
              enc_max(stimer_rec_retire.fields[i].width));
  }
}

void test_enc_rec_set_get(void) {
  // enc_rec_set changes its member only, and keeps what fits the member (enc.h).
  stimer_retire_t r;
  memset(&r, 0, sizeof(r));
  const enc_rec_field_t *f = stimer_rec_retire.fields;
  enc_rec_set(&f[5], &r, 0x8000000000000001ull);  // now, 8 bytes
  enc_rec_set(&f[1], &r, 0x1FF);                  // vp, a uint32_t: all 9 bits stay
  ASSERT_EQ(r.now, 0x8000000000000001ull);
  ASSERT_EQ(r.vp, 0x1FF);
  ASSERT_EQ(r.kind, 0);
  ASSERT_EQ(r.timer, 0);
  ASSERT_EQ(r.sint, 0);
  stimer_irq_t irq;
  memset(&irq, 0, sizeof(irq));
  const enc_rec_field_t *g = stimer_rec_irq.fields;
  enc_rec_set(&g[1], &irq, 0x1F1);  // vector, a uint8_t: cut to 0xF1
  ASSERT_EQ(irq.vector, 0xF1);
  ASSERT_EQ(enc_rec_get(&g[1], &irq), 0xF1);
  ASSERT_EQ(irq.vp, 0);
  ASSERT_FALSE(irq.auto_eoi);
}

// A record with members of every size enc.h allows (1, 2, 4 and 8 bytes), described by hand.
typedef struct {
  uint16_t half;
  uint64_t wide;
  uint8_t byte;
  uint32_t word;
} enc_test_rec_t;

static const enc_rec_field_t enc_test_fields[] = {
    {"half", 12, offsetof(enc_test_rec_t, half), sizeof(uint16_t), NULL},
    {"wide", 40, offsetof(enc_test_rec_t, wide), sizeof(uint64_t), NULL},
    {"byte", 3, offsetof(enc_test_rec_t, byte), sizeof(uint8_t), NULL},
    {"word", 17, offsetof(enc_test_rec_t, word), sizeof(uint32_t), NULL},
};
static const enc_record_t enc_test_record = {"test", enc_test_fields, 4, 72};

void test_enc_rec_member_sizes(void) {
  enc_test_rec_t r;
  memset(&r, 0, sizeof(r));
  enc_rec_set(&enc_test_fields[0], &r, 0x12345);  // cut to 16 bits
  enc_rec_set(&enc_test_fields[1], &r, 0xFEDCBA9876543210ull);
  enc_rec_set(&enc_test_fields[2], &r, 0x107);
  enc_rec_set(&enc_test_fields[3], &r, 0x123456789ull);
  ASSERT_EQ(r.half, 0x2345);
  ASSERT_EQ(r.wide, 0xFEDCBA9876543210ull);
  ASSERT_EQ(r.byte, 0x07);
  ASSERT_EQ(r.word, 0x23456789);
  ASSERT_EQ(enc_rec_get(&enc_test_fields[0], &r), 0x2345);
  ASSERT_EQ(enc_rec_get(&enc_test_fields[1], &r), 0xFEDCBA9876543210ull);
  ASSERT_EQ(enc_rec_get(&enc_test_fields[2], &r), 0x07);
  ASSERT_EQ(enc_rec_get(&enc_test_fields[3], &r), 0x23456789);
  // Unpacked from 72 bits: half[71:60] wide[59:20] byte[19:17] word[16:0].
  uint32_t w[3] = {0, 0, 0};
  enc_test_put(w, 60, 12, 0xABC);
  enc_test_put(w, 20, 40, 0x123456789Aull);
  enc_test_put(w, 17, 3, 5);
  enc_test_put(w, 0, 17, 0x1FFFF);
  enc_rec_unpack(&enc_test_record, w, &r);
  ASSERT_EQ(r.half, 0xABC);
  ASSERT_EQ(r.wide, 0x123456789Aull);
  ASSERT_EQ(r.byte, 5);
  ASSERT_EQ(r.word, 0x1FFFF);
}

void test_enc_rec_format(void) {
  its_retire_t r;
  memset(&r, 0, sizeof(r));
  r.kind = ITS_RT_CMD;
  r.offset = 0x40;
  r.opcode = ITS_CMD_MAPD;
  r.outcome = ITS_OUT_IGNORED;
  r.error = 0x10802;
  char buf[256];
  ASSERT_TRUE(enc_rec_format(&its_rec_retire, &r, buf, sizeof(buf)) == buf);
  // Every field as name=value in record order, enumerated values by name.
  ASSERT_STR(buf,
             "kind=CMD offset=0x40 opcode=MAPD outcome=IGNORED error=0x10802 devid=0x0 "
             "eventid=0x0");
  // A value its enumeration does not name is shown as a number.
  r.opcode = 0x02;
  enc_rec_format(&its_rec_retire, &r, buf, sizeof(buf));
  ASSERT_TRUE(strstr(buf, " opcode=0x2 ") != NULL);
  // A record whose first field has no enumeration.
  enc_test_rec_t t = {0x12, 0x3456789ABull, 7, 0};
  enc_rec_format(&enc_test_record, &t, buf, sizeof(buf));
  ASSERT_STR(buf, "half=0x12 wide=0x3456789ab byte=0x7 word=0x0");
}

void test_enc_rec_format_truncated(void) {
  its_retire_t r;
  memset(&r, 0, sizeof(r));
  r.kind = ITS_RT_MSI;
  r.devid = 0x1234;
  r.eventid = 0x55;
  char full[256];
  enc_rec_format(&its_rec_retire, &r, full, sizeof(full));
  // Truncated to `len` (a C string of at most len - 1 characters), a prefix of the whole.
  for (size_t len = 1; len < strlen(full) + 2; len += 3) {
    char buf[256];
    memset(buf, 'x', sizeof(buf));
    ASSERT_TRUE(enc_rec_format(&its_rec_retire, &r, buf, len) == buf);
    size_t n = strlen(buf);
    ASSERT_TRUE(n < len);
    ASSERT_EQ(n, len - 1 < strlen(full) ? len - 1 : strlen(full));
    ASSERT_EQ(memcmp(buf, full, n), 0);
    ASSERT_EQ(buf[len], 'x');  // nothing written beyond `len`
  }
  // len 0: nothing is written at all.
  char none[4] = {'a', 'b', 'c', 0};
  ASSERT_TRUE(enc_rec_format(&its_rec_retire, &r, none, 0) == none);
  ASSERT_STR(none, "abc");
}

// enc.h: `stride` is the step between array elements, so a single register (count 1) may have
// none (0); a hand-built table with such a register still names and resolves it.
void test_enc_reg_single_no_stride(void) {
  static const enc_reg_t regs[] = {
      {"ONE", 0x10u, 64, "rw", 0, 0, 1, 0, ""},
      {"ARR", 0x20u, 64, "rw", 0, 0, 4, 8, ""},
  };
  static const enc_block_t b = {"test", regs, 2, NULL, 0, NULL, 0, NULL, 0};
  char buf[16];
  ASSERT_STR(enc_reg_name(&b, 0x10, buf, sizeof(buf)), "ONE");
  ASSERT_TRUE(enc_reg_name(&b, 0x11, buf, sizeof(buf)) == NULL);
  ASSERT_STR(enc_reg_name(&b, 0x38, buf, sizeof(buf)), "ARR3");
  ASSERT_TRUE(enc_reg_name(&b, 0x24, buf, sizeof(buf)) == NULL);  // between two elements
  ASSERT_TRUE(enc_reg_name(&b, 0x40, buf, sizeof(buf)) == NULL);  // past the last
  uint32_t off = 0;
  ASSERT_TRUE(enc_reg_by_name(&b, "ONE", &off));
  ASSERT_EQ(off, 0x10);
  ASSERT_TRUE(enc_reg_by_name(&b, "ARR2", &off));
  ASSERT_EQ(off, 0x30);
}

// enc.h enc_rec_unpack: any field of 1..64 bits at any position of the vector, including every
// way it can straddle the 32-bit words of svBitVecVal, comes back whole (the reference packer
// is enc_test_put, bit by bit). The field is the most significant one; one or two fields below
// it put it at bit `lsb`.
void test_enc_rec_unpack_any_position(void) {
  static const uint64_t pats[] = {~0ull, 0xAAAAAAAAAAAAAAAAull, 0x5555555555555555ull,
                                  0x8000000000000001ull, 0xF0E1D2C3B4A59687ull};
  for (unsigned lsb = 0; lsb <= 100; lsb++) {
    for (unsigned width = 1; width <= 64; width++) {
      for (size_t k = 0; k < sizeof(pats) / sizeof(pats[0]); k++) {
        uint64_t v = pats[k] & enc_max(width);
        uint64_t rec[3] = {0, 0, 0};  // field, low field a, low field b
        enc_rec_field_t f[3] = {
            {"x", width, 0, 8, NULL},
            {"a", lsb > 64 ? lsb - 64 : lsb, 8, 8, NULL},
            {"b", 64, 16, 8, NULL},
        };
        enc_record_t r = {"t", f, lsb == 0 ? 1 : (lsb > 64 ? 3 : 2), width + lsb};
        uint32_t w[6] = {0, 0, 0, 0, 0, 0};
        enc_test_put(w, lsb, width, v);
        enc_test_put(w, 0, lsb > 64 ? 64 : lsb, ~0ull);  // the fields below: all ones
        if (lsb > 64) {
          enc_test_put(w, 64, lsb - 64, ~0ull);
        }
        enc_rec_unpack(&r, w, rec);
        if (rec[0] != v) {
          TEST_FAIL_AT(__FILE__, __LINE__, "lsb %u width %u: 0x%llx != 0x%llx", lsb, width,
                       (unsigned long long)rec[0], (unsigned long long)v);
        }
      }
    }
  }
}

// enc.h enc_rec_set: a value is written into its member only, whatever the member's size; the
// members beside it keep theirs (2-byte members packed next to each other).
typedef struct {
  uint16_t a;
  uint16_t b;
  uint8_t c;
  uint8_t d;
  uint16_t e;
} enc_test_packed_t;

void test_enc_rec_set_neighbours(void) {
  static const enc_rec_field_t f[] = {
      {"a", 16, offsetof(enc_test_packed_t, a), 2, NULL},
      {"b", 16, offsetof(enc_test_packed_t, b), 2, NULL},
      {"c", 8, offsetof(enc_test_packed_t, c), 1, NULL},
      {"d", 8, offsetof(enc_test_packed_t, d), 1, NULL},
      {"e", 16, offsetof(enc_test_packed_t, e), 2, NULL},
  };
  enc_test_packed_t r;
  memset(&r, 0, sizeof(r));
  // set from the last member to the first: a wider store would clobber the ones already set
  enc_rec_set(&f[4], &r, 0x5555);
  enc_rec_set(&f[3], &r, 0x44);
  enc_rec_set(&f[2], &r, 0x33);
  enc_rec_set(&f[1], &r, 0x2222);
  enc_rec_set(&f[0], &r, 0x1111);
  ASSERT_EQ(r.a, 0x1111);
  ASSERT_EQ(r.b, 0x2222);
  ASSERT_EQ(r.c, 0x33);
  ASSERT_EQ(r.d, 0x44);
  ASSERT_EQ(r.e, 0x5555);
}

// enc.h enc_rec_format: a record with no fields gives the empty string (any len > 0).
void test_enc_rec_format_empty(void) {
  static const enc_record_t r = {"none", NULL, 0, 0};
  char buf[4] = {'x', 'y', 'z', 0};
  ASSERT_STR(enc_rec_format(&r, &buf, buf, 1), "");
  buf[0] = 'x';
  ASSERT_STR(enc_rec_format(&r, &buf, buf, sizeof(buf)), "");
}

// enc.h enc_reg_by_name / enc_reg_name on arrays: a two-element array, an array of more than a
// hundred elements (three-digit indices), an array whose base is not a multiple of its stride,
// and the first enumeration of a block.
void test_enc_reg_arrays(void) {
  static const enc_reg_t regs[] = {
      {"PAIR", 0x100u, 64, "rw", 0, 0, 2, 8, ""},
      {"BIG", 0x1000u, 32, "rw", 0, 0, 128, 4, ""},
      {"ODD", 0x22u, 64, "rw", 0, 0, 3, 8, ""},
  };
  static const enc_value_t vals[] = {{"ONE", 1, ""}};
  static const enc_enum_t enums[] = {{"first", 1, vals, 1}, {"second", 1, vals, 1}};
  static const enc_block_t b = {"test", regs, 3, NULL, 0, NULL, 0, enums, 2};
  char buf[16];
  uint32_t off = 0;
  ASSERT_STR(enc_reg_name(&b, 0x100, buf, sizeof(buf)), "PAIR0");
  ASSERT_STR(enc_reg_name(&b, 0x108, buf, sizeof(buf)), "PAIR1");
  ASSERT_TRUE(enc_reg_name(&b, 0x110, buf, sizeof(buf)) == NULL);
  ASSERT_FALSE(enc_reg_by_name(&b, "PAIR", &off));  // an array element needs its index
  ASSERT_TRUE(enc_reg_by_name(&b, "PAIR1", &off));
  ASSERT_EQ(off, 0x108);
  ASSERT_FALSE(enc_reg_by_name(&b, "PAIR2", &off));
  ASSERT_TRUE(enc_reg_by_name(&b, "BIG127", &off));
  ASSERT_EQ(off, 0x1000 + 127 * 4);
  ASSERT_TRUE(enc_reg_by_name(&b, "big99", &off));  // names are case-insensitive
  ASSERT_EQ(off, 0x1000 + 99 * 4);
  ASSERT_FALSE(enc_reg_by_name(&b, "BIG128", &off));
  ASSERT_STR(enc_reg_name(&b, 0x1000 + 127 * 4, buf, sizeof(buf)), "BIG127");
  ASSERT_STR(enc_reg_name(&b, 0x2A, buf, sizeof(buf)), "ODD1");
  ASSERT_STR(enc_reg_name(&b, 0x32, buf, sizeof(buf)), "ODD2");
  ASSERT_TRUE(enc_reg_name(&b, 0x26, buf, sizeof(buf)) == NULL);
  ASSERT_TRUE(enc_enum(&b, "first") == &enums[0]);
  ASSERT_TRUE(enc_enum(&b, "second") == &enums[1]);
}

// SPDX-License-Identifier: Apache-2.0
// The encoding-table look-ups of cmodel/include/enc.h, checked against the descriptions
// docs/enc/its.toml and docs/enc/stimer.toml (names, values, offsets, record layouts).
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "enc.h"
#include "its.h"
#include "stimer.h"
#include "test.h"
#include "test_mem.h"

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
      "SINT",                      // an array needs its index
      "SINT16",                    // index = count
      "SINT99",                    // far beyond
      "SINT1000",                  // more digits than any index below 16 has
      "SINT03",                    // a leading zero: the name is SINT3
      "SINT0003",                  // leading zeros, as many digits as fit
      "SINT00",                    // SINT0 written with two digits
      "SINT99999999999999999999",  // digits that would wrap an unsigned index
      "SINT1x",                    // not a decimal index
      "SINTx",                     // no digits at all
      "SINT-1",                    // not a decimal index
      "CONFIG4",                   // four timers: CONFIG0..3
      "COUNT",                     // array without index
      "EOM1",                      // a single MSR takes no index
      "SIM",                       // a prefix of SIMP
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

// ---- Every column of the generated tables against an independent source ----
//
// The expected values below are written by hand from the specs (cited at each table), never
// taken from docs/enc/*.toml or the generated files: each check fails if one value of
// cmodel/src/its_enc.c or stimer_enc.c is edited.

// The entry of `b` called `name` (exact name, as the table spells it); fails when absent.
static const enc_reg_t *enc_spec_reg(const enc_block_t *b, const char *name) {
  for (size_t i = 0; i < b->n_regs; i++) {
    if (strcmp(b->regs[i].name, name) == 0) {
      return &b->regs[i];
    }
  }
  TEST_FAIL_AT(__FILE__, __LINE__, "%s: no register %s", b->name, name);
  return NULL;
}

// ITS register map, spec/its.md section 1 (offsets, widths, access, resets) with section 9
// (TYPER) and docs/impdef.md IMPDEF-ITS-3 (CBASER, BASER0/1 writable masks), IMPDEF-ITS-4
// (CWRITER keeps only Offset [19:5]); GITS_CTLR: only Enabled [0] is writable (bit 31
// Quiescent is RO, the GICv4 bits are not implemented). PIDR2 is the seventh ID register of
// 0xFFD0..0xFFFC (PIDR4..7, PIDR0..3): 0xFFE8, value 0x3B.
typedef struct {
  const char *name;
  uint32_t offset;
  unsigned width;
  const char *access;
  uint64_t reset;
  uint64_t wmask;
} enc_spec_its_reg_t;

static const enc_spec_its_reg_t enc_spec_its_regs[] = {
    {"GITS_CTLR", 0x0, 32, "rw", 0x80000000u, 0x1u},
    {"GITS_IIDR", 0x4, 32, "ro", 0x0000043Bu, 0},
    {"GITS_TYPER", 0x8, 64, "ro", 0x0000001F0001EFB1ull, 0},
    {"GITS_CBASER", 0x80, 64, "rw", 0, 0xB8EFFFFFFFFFFCFFull},
    {"GITS_CWRITER", 0x88, 64, "rw", 0, 0x00000000000FFFE0ull},
    {"GITS_CREADR", 0x90, 64, "ro", 0, 0},
    {"GITS_BASER0", 0x100, 64, "rw", 0x0107000000000200ull, 0xF8E0FFFFFFFFFFFFull},
    {"GITS_BASER1", 0x108, 64, "rw", 0x0407000000000200ull, 0xF8E0FFFFFFFFFFFFull},
    {"GITS_PIDR2", 0xFFE8, 32, "ro", 0x3Bu, 0},
    {"GITS_TRANSLATER", 0x10040, 32, "wo", 0, 0},  // reads 0 (translation frame RAZ)
};
#define ENC_SPEC_N_ITS_REGS (sizeof(enc_spec_its_regs) / sizeof(enc_spec_its_regs[0]))

void test_enc_spec_its_regs(void) {
  const enc_block_t *b = its_enc();
  ASSERT_EQ(b->n_regs, ENC_SPEC_N_ITS_REGS);  // exactly these (BASER2..7 are RAZ/WI, not listed)
  for (size_t i = 0; i < ENC_SPEC_N_ITS_REGS; i++) {
    const enc_spec_its_reg_t *e = &enc_spec_its_regs[i];
    const enc_reg_t *r = enc_spec_reg(b, e->name);
    ASSERT_EQ(r->offset, e->offset);
    ASSERT_EQ(r->width, e->width);
    ASSERT_STR(r->access, e->access);
    ASSERT_EQ(r->reset, e->reset);
    ASSERT_EQ(r->wmask, e->wmask);
    ASSERT_EQ(r->count, 1);   // no ITS register is an array
    ASSERT_EQ(r->stride, 0);  // enc.h: a single register has no stride
    uint32_t off = 0xDEADBEEF;
    ASSERT_TRUE(enc_reg_by_name(b, e->name, &off));
    ASSERT_EQ(off, e->offset);
  }
  // Every offset of both frames names exactly the register the spec puts there, or none.
  char buf[32];
  for (uint32_t off = 0; off < 0x20000; off++) {
    const char *want = NULL;
    for (size_t i = 0; i < ENC_SPEC_N_ITS_REGS; i++) {
      if (enc_spec_its_regs[i].offset == off) {
        want = enc_spec_its_regs[i].name;
      }
    }
    const char *got = enc_reg_name(b, off, buf, sizeof(buf));
    if (want == NULL ? got != NULL : (got == NULL || strcmp(got, want) != 0)) {
      TEST_FAIL_AT(__FILE__, __LINE__, "offset 0x%x: \"%s\", spec \"%s\"", off,
                   got != NULL ? got : "(none)", want != NULL ? want : "(none)");
    }
  }
}

// stimer MSR map, spec/stimer.md sections 2 and 3 and docs/interfaces.md section 1.2: the
// index is the low byte of 0x400000xx; every MSR is 64 bits; SVERSION resets to 1, SINTn to
// 0x10000 (Masked), all others to 0 (SCONTROL: IMPDEF-ST-7); TIME_REF_COUNT and SVERSION are
// read-only (write #GP), EOM write-only (reads 0). No MSR has a writable mask in the tables.
typedef struct {
  const char *name;
  uint32_t msr;  // the full MSR number of element 0
  const char *access;
  uint64_t reset;
  unsigned count;
  unsigned stride;
} enc_spec_msr_t;

static const enc_spec_msr_t enc_spec_msrs[] = {
    {"TIME_REF_COUNT", 0x40000020u, "ro", 0, 1, 1}, {"SCONTROL", 0x40000080u, "rw", 0, 1, 1},
    {"SVERSION", 0x40000081u, "ro", 1, 1, 1},       {"SIEFP", 0x40000082u, "rw", 0, 1, 1},
    {"SIMP", 0x40000083u, "rw", 0, 1, 1},           {"EOM", 0x40000084u, "wo", 0, 1, 1},
    {"SINT", 0x40000090u, "rw", 0x10000u, 16, 1},  // SINTn = 0x40000090 + n, n = 0..15
    {"CONFIG", 0x400000B0u, "rw", 0, 4, 2},        // STIMERn_CONFIG = 0x400000B0 + 2n
    {"COUNT", 0x400000B1u, "rw", 0, 4, 2},         // STIMERn_COUNT = 0x400000B1 + 2n
};
#define ENC_SPEC_N_MSRS (sizeof(enc_spec_msrs) / sizeof(enc_spec_msrs[0]))

// The name the spec gives MSR index `idx` (SINT3, CONFIG2...) into `buf`, or NULL.
static const char *enc_spec_msr_name(uint32_t idx, char *buf, size_t len) {
  for (size_t i = 0; i < ENC_SPEC_N_MSRS; i++) {
    const enc_spec_msr_t *e = &enc_spec_msrs[i];
    for (unsigned n = 0; n < e->count; n++) {
      if (e->msr - 0x40000000u + n * e->stride == idx) {
        if (e->count > 1) {
          snprintf(buf, len, "%s%u", e->name, n);
        } else {
          snprintf(buf, len, "%s", e->name);
        }
        return buf;
      }
    }
  }
  return NULL;
}

void test_enc_spec_stimer_msrs(void) {
  const enc_block_t *b = stimer_enc();
  ASSERT_EQ(b->n_regs, ENC_SPEC_N_MSRS);
  char name[32];
  for (size_t i = 0; i < ENC_SPEC_N_MSRS; i++) {
    const enc_spec_msr_t *e = &enc_spec_msrs[i];
    const enc_reg_t *r = enc_spec_reg(b, e->name);
    ASSERT_EQ(r->offset, e->msr - 0x40000000u);
    ASSERT_EQ(r->width, 64);
    ASSERT_STR(r->access, e->access);
    ASSERT_EQ(r->reset, e->reset);
    ASSERT_EQ(r->wmask, 0);
    ASSERT_EQ(r->count, e->count);
    ASSERT_EQ(r->stride, e->count > 1 ? e->stride : 0);  // enc.h: a single register has none
    // Every element by name, and nothing beyond the last one.
    for (unsigned n = 0; n <= e->count; n++) {
      if (e->count > 1) {
        snprintf(name, sizeof(name), "%s%u", e->name, n);
      } else {
        snprintf(name, sizeof(name), "%s", e->name);
      }
      uint32_t off = 0xDEADBEEF;
      bool found = enc_reg_by_name(b, name, &off);
      if (n < e->count) {
        if (!found || off != e->msr - 0x40000000u + n * e->stride) {
          TEST_FAIL_AT(__FILE__, __LINE__, "%s: found %d at 0x%x", name, found, off);
        }
      } else if (e->count > 1 && found) {
        TEST_FAIL_AT(__FILE__, __LINE__, "%s (one past the last) resolved to 0x%x", name, off);
      }
    }
  }
  // Every MSR index 0x00..0xFF names exactly what the spec puts there, or nothing.
  char want[32];
  char got[32];
  for (uint32_t idx = 0; idx < 0x100; idx++) {
    const char *w = enc_spec_msr_name(idx, want, sizeof(want));
    const char *g = enc_reg_name(b, idx, got, sizeof(got));
    if (w == NULL ? g != NULL : (g == NULL || strcmp(g, w) != 0)) {
      TEST_FAIL_AT(__FILE__, __LINE__, "MSR 0x400000%02x: \"%s\", spec \"%s\"", idx,
                   g != NULL ? g : "(none)", w != NULL ? w : "(none)");
    }
  }
}

// ---- Reset values and writable masks against the model (tested against the spec elsewhere) ----

// A fresh ITS model with the default parameters (docs/interfaces.md 3.1: NumRd = 4).
static its_t *enc_spec_its_new(test_mem_t **mem) {
  *mem = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(*mem);
  its_config_t cfg = {4};
  its_t *its = NULL;
  ASSERT_EQ(its_create(&cfg, &ops, &its), ITS_OK);
  return its;
}

// The register `r` as read from `its`: its_reg_read gives the aligned doubleword, a 32-bit
// register is its half (docs/interfaces.md 1.1: +0 low, +4 high).
static uint64_t enc_spec_its_read(its_t *its, const enc_reg_t *r) {
  uint64_t dw = 0xDEADBEEFDEADBEEFull;
  ASSERT_EQ(its_reg_read(its, r->offset, &dw), ITS_OK);
  if (r->width == 32) {
    return (dw >> (8u * (r->offset & 4u))) & 0xFFFFFFFFu;
  }
  ASSERT_EQ(r->width, 64);
  return dw;
}

// Every readable ITS register of the table reads its `reset` on a fresh model, and the value fits
// in `width` bits. GITS_TRANSLATER (wo) reads 0 like the rest of the translation frame
// (docs/interfaces.md 1.1), which is its `reset`.
void test_enc_spec_its_reset(void) {
  const enc_block_t *b = its_enc();
  test_mem_t *mem = NULL;
  its_t *its = enc_spec_its_new(&mem);
  for (size_t i = 0; i < b->n_regs; i++) {
    const enc_reg_t *r = &b->regs[i];
    uint64_t got = enc_spec_its_read(its, r);
    if (got != r->reset) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s reads 0x%" PRIx64 ", table reset 0x%" PRIx64, r->name,
                   got, r->reset);
    }
    if (r->width < 64 && (r->reset >> r->width) != 0) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s reset 0x%" PRIx64 " exceeds %u bits", r->name, r->reset,
                   r->width);
    }
    if (r->width < 64 && (r->wmask >> r->width) != 0) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s wmask 0x%" PRIx64 " exceeds %u bits", r->name, r->wmask,
                   r->width);
    }
  }
  its_destroy(its);
  test_mem_free(mem);
}

// Writes `value` with the register's width to a fresh model and returns what the register reads.
static uint64_t enc_spec_its_write_read(const enc_reg_t *r, uint64_t value) {
  test_mem_t *mem = NULL;
  its_t *its = enc_spec_its_new(&mem);
  ASSERT_EQ(its_reg_write(its, r->offset, value, r->width / 8u, 0), ITS_OK);
  uint64_t got = enc_spec_its_read(its, r);
  its_destroy(its);
  test_mem_free(mem);
  return got;
}

// ITS registers with access rw and a writable mask: writing all ones reads
// (reset & ~wmask) | wmask, writing 0 reads reset & ~wmask. GITS_CTLR.Enabled is 0 at reset, so
// the CBASER and BASER writes are taken (spec/its.md section 9); every rw register of the table
// has a mask, and only rw registers have one.
//  - GITS_CTLR all ones sets Enabled; no queue is valid, so the ITS stays quiescent (bit 31 reads
//    1, RO) and the rest of the written ones are dropped (GICv4 bits not implemented).
//  - GITS_CWRITER all ones: Retry [0] reads 0 and has no effect while not stalled; the Offset
//    lies beyond the (invalid) queue, so nothing runs (IMPDEF-ITS-4).
//  - GITS_CBASER / BASERn all ones: only the architected fields are kept (IMPDEF-ITS-3); Type and
//    Entry_Size keep their reset values (RO).
void test_enc_spec_its_wmask(void) {
  const enc_block_t *b = its_enc();
  size_t checked = 0;
  for (size_t i = 0; i < b->n_regs; i++) {
    const enc_reg_t *r = &b->regs[i];
    bool rw = strcmp(r->access, "rw") == 0;
    if (r->wmask != 0 && !rw) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s (%s) has a writable mask 0x%" PRIx64, r->name, r->access,
                   r->wmask);
    }
    if (!rw) {
      continue;
    }
    if (r->wmask == 0) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s (rw) has no writable mask", r->name);
    }
    uint64_t ones = r->width == 64 ? ~0ull : 0xFFFFFFFFull;
    uint64_t got = enc_spec_its_write_read(r, ones);
    uint64_t want = (r->reset & ~r->wmask) | r->wmask;
    if (got != want) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s after all ones: 0x%" PRIx64 ", table says 0x%" PRIx64,
                   r->name, got, want);
    }
    got = enc_spec_its_write_read(r, 0);
    want = r->reset & ~r->wmask;
    if (got != want) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s after 0: 0x%" PRIx64 ", table says 0x%" PRIx64, r->name,
                   got, want);
    }
    checked++;
  }
  ASSERT_EQ(checked, 5);  // CTLR, CBASER, CWRITER, BASER0, BASER1 (spec/its.md section 1)
}

// Every MSR of every VP (all elements of arrays) reads the table's `reset` on a fresh model with
// the default configuration (all features on), and no MSR has a writable mask. EOM (wo) reads 0
// (docs/interfaces.md 1.2), its `reset`.
void test_enc_spec_stimer_reset(void) {
  const enc_block_t *b = stimer_enc();
  test_mem_t *mem = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(mem);
  const uint32_t num_vp = 4;
  stimer_config_t cfg = stimer_default_config(num_vp);
  stimer_t *st = NULL;
  ASSERT_EQ(stimer_create(&cfg, &ops, &st), STIMER_OK);
  size_t reads = 0;
  for (uint32_t vp = 0; vp < num_vp; vp++) {
    for (size_t i = 0; i < b->n_regs; i++) {
      const enc_reg_t *r = &b->regs[i];
      ASSERT_EQ(r->wmask, 0);
      ASSERT_EQ(r->width, 64);
      for (unsigned n = 0; n < r->count; n++) {
        uint32_t msr = 0x40000000u + r->offset + n * r->stride;
        uint64_t v = 0xDEADBEEFull;
        if (stimer_msr_read(st, vp, msr, &v) != STIMER_OK || v != r->reset) {
          TEST_FAIL_AT(__FILE__, __LINE__,
                       "vp %u MSR 0x%x (%s%u) reads 0x%" PRIx64 ", table reset 0x%" PRIx64, vp, msr,
                       r->name, n, v, r->reset);
        }
        reads++;
      }
    }
  }
  ASSERT_EQ(reads, num_vp * (6 + 16 + 4 + 4));
  stimer_destroy(st);
  test_mem_free(mem);
}

// ---- Command fields and commands, spec/its.md section 3 (the command table) ----

// DevID = DW0[63:32], EvID = DW1[31:0], pINTID = DW1[63:32] (MAPTI), Size = DW1[4:0] (MAPD),
// ICID = DW2[15:0], ITT_addr[51:8] = DW2[51:8] (MAPD: the field holds address bits from 8 up),
// RDbase = DW2[51:16], V = DW2[63], RDbase2 = DW3[51:16] (MOVALL), opcode = DW0[7:0].
typedef struct {
  const char *name;
  unsigned dw, lsb, width, lsb_in;
} enc_spec_field_t;

static const enc_spec_field_t enc_spec_fields[] = {
    {"dev", 0, 32, 32, 0}, {"ev", 1, 0, 32, 0},    {"intid", 1, 32, 32, 0}, {"size", 1, 0, 5, 0},
    {"icid", 2, 0, 16, 0}, {"itt", 2, 8, 44, 8},   {"rd", 2, 16, 36, 0},    {"v", 2, 63, 1, 0},
    {"rd2", 3, 16, 36, 0}, {"opcode", 0, 0, 8, 0},
};
#define ENC_SPEC_N_FIELDS (sizeof(enc_spec_fields) / sizeof(enc_spec_fields[0]))

void test_enc_spec_cmd_fields(void) {
  const enc_block_t *b = its_enc();
  ASSERT_EQ(b->n_cmd_fields, ENC_SPEC_N_FIELDS);
  for (size_t i = 0; i < ENC_SPEC_N_FIELDS; i++) {
    const enc_spec_field_t *e = &enc_spec_fields[i];
    const enc_field_t *f = NULL;
    for (size_t j = 0; j < b->n_cmd_fields; j++) {
      if (strcmp(b->cmd_fields[j].name, e->name) == 0) {
        f = &b->cmd_fields[j];
      }
    }
    if (f == NULL) {
      TEST_FAIL_AT(__FILE__, __LINE__, "no command field %s", e->name);
    }
    if (f->dw != e->dw || f->lsb != e->lsb || f->width != e->width || f->lsb_in != e->lsb_in) {
      TEST_FAIL_AT(__FILE__, __LINE__,
                   "field %s: DW%u lsb %u width %u lsb_in %u, spec DW%u lsb %u width %u lsb_in %u",
                   e->name, f->dw, f->lsb, f->width, f->lsb_in, e->dw, e->lsb, e->width, e->lsb_in);
    }
  }
}

// Each command's opcode and the fields it takes, in doubleword order (spec/its.md section 3).
typedef struct {
  const char *name;
  uint8_t opcode;
  const char *fields[4];
  size_t n;
} enc_spec_cmd_t;

static const enc_spec_cmd_t enc_spec_cmds[] = {
    {"MOVI", 0x01, {"dev", "ev", "icid"}, 3},
    {"INT", 0x03, {"dev", "ev"}, 2},
    {"CLEAR", 0x04, {"dev", "ev"}, 2},
    {"SYNC", 0x05, {"rd"}, 1},
    {"MAPD", 0x08, {"dev", "size", "itt", "v"}, 4},
    {"MAPC", 0x09, {"icid", "rd", "v"}, 3},
    {"MAPTI", 0x0A, {"dev", "ev", "intid", "icid"}, 4},
    {"MAPI", 0x0B, {"dev", "ev", "icid"}, 3},
    {"INV", 0x0C, {"dev", "ev"}, 2},
    {"INVALL", 0x0D, {"icid"}, 1},
    {"MOVALL", 0x0E, {"rd", "rd2"}, 2},
    {"DISCARD", 0x0F, {"dev", "ev"}, 2},
};
#define ENC_SPEC_N_CMDS (sizeof(enc_spec_cmds) / sizeof(enc_spec_cmds[0]))

void test_enc_spec_cmds(void) {
  const enc_block_t *b = its_enc();
  ASSERT_EQ(b->n_cmds, ENC_SPEC_N_CMDS);
  for (size_t i = 0; i < ENC_SPEC_N_CMDS; i++) {
    const enc_spec_cmd_t *e = &enc_spec_cmds[i];
    const enc_cmd_t *c = enc_cmd_by_name(b, e->name);
    if (c == NULL || enc_cmd_by_opcode(b, e->opcode) != c) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s: not found as opcode 0x%02x", e->name, e->opcode);
    }
    ASSERT_STR(c->name, e->name);
    ASSERT_EQ(c->opcode, e->opcode);
    ASSERT_EQ(c->n_fields, e->n);
    for (size_t k = 0; k < e->n; k++) {
      ASSERT_TRUE(c->fields[k] < b->n_cmd_fields);
      if (strcmp(b->cmd_fields[c->fields[k]].name, e->fields[k]) != 0) {
        TEST_FAIL_AT(__FILE__, __LINE__, "%s field %zu: %s, spec %s", e->name, k,
                     b->cmd_fields[c->fields[k]].name, e->fields[k]);
      }
    }
  }
  // Opcodes without a command (0x00, 0x02, 0x06, 0x07, 0x10..0xFF with the GICv4 ones).
  for (unsigned op = 0; op < 0x100; op++) {
    bool known = false;
    for (size_t i = 0; i < ENC_SPEC_N_CMDS; i++) {
      known = known || enc_spec_cmds[i].opcode == op;
    }
    if (!known && enc_cmd_by_opcode(b, (uint8_t)op) != NULL) {
      TEST_FAIL_AT(__FILE__, __LINE__, "opcode 0x%02x has a command", op);
    }
  }
}

// its_cmd_encode of every command with the fields `f`: the doublewords are `p`, the fields' spec
// bit ranges (dev, ev, intid, size, icid, itt, rd, v, rd2 in that order), of the commands that
// take them (spec/its.md section 3).
static void enc_spec_encode_all(const its_cmd_fields_t *f, const uint64_t p[9]) {
  const uint64_t dev = p[0], ev = p[1], intid = p[2], size = p[3], icid = p[4], itt = p[5],
                 rd = p[6], v = p[7], rd2 = p[8];
  static const uint8_t ops[] = {0x01, 0x03, 0x04, 0x05, 0x08, 0x09,
                                0x0A, 0x0B, 0x0C, 0x0D, 0x0E, 0x0F};
  const uint64_t want[][4] = {
      {0x01 | dev, ev, icid, 0},          // MOVI
      {0x03 | dev, ev, 0, 0},             // INT
      {0x04 | dev, ev, 0, 0},             // CLEAR
      {0x05, 0, rd, 0},                   // SYNC
      {0x08 | dev, size, itt | v, 0},     // MAPD
      {0x09, 0, icid | rd | v, 0},        // MAPC
      {0x0A | dev, ev | intid, icid, 0},  // MAPTI
      {0x0B | dev, ev, icid, 0},          // MAPI
      {0x0C | dev, ev, 0, 0},             // INV
      {0x0D, 0, icid, 0},                 // INVALL
      {0x0E, 0, rd, rd2},                 // MOVALL
      {0x0F | dev, ev, 0, 0},             // DISCARD
  };
  for (size_t i = 0; i < sizeof(ops); i++) {
    uint64_t dw[4] = {~0ull, ~0ull, ~0ull, ~0ull};
    its_cmd_encode(ops[i], f, dw);
    for (unsigned k = 0; k < 4; k++) {
      if (dw[k] != want[i][k]) {
        TEST_FAIL_AT(__FILE__, __LINE__, "opcode 0x%02x DW%u: 0x%016" PRIx64 ", spec 0x%016" PRIx64,
                     ops[i], k, dw[k], want[i][k]);
      }
    }
  }
  // An unknown opcode gets DW0[7:0] only.
  uint64_t dw[4] = {~0ull, ~0ull, ~0ull, ~0ull};
  its_cmd_encode(0x02, f, dw);
  ASSERT_EQ(dw[0], 0x02);
  ASSERT_EQ(dw[1] | dw[2] | dw[3], 0);
}

// its_cmd_encode (generated with the tables) lays each field where the spec puts it: all fields
// ones (every bit of every field, nothing outside), then distinct patterns (positions, and the
// ITT address bits [51:8] in DW2[51:8]).
void test_enc_spec_cmd_encode(void) {
  const its_cmd_fields_t ones = {~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull, ~0ull};
  const uint64_t ones_want[9] = {
      0xFFFFFFFFull << 32,    // DevID: DW0[63:32]
      0xFFFFFFFFull,          // EvID: DW1[31:0]
      0xFFFFFFFFull << 32,    // pINTID: DW1[63:32]
      0x1Full,                // Size: DW1[4:0]
      0xFFFFull,              // ICID: DW2[15:0]
      0x000FFFFFFFFFFF00ull,  // ITT_addr[51:8]: DW2[51:8]
      0xFFFFFFFFFull << 16,   // RDbase: DW2[51:16]
      1ull << 63,             // V: DW2[63]
      0xFFFFFFFFFull << 16,   // RDbase2: DW3[51:16]
  };
  enc_spec_encode_all(&ones, ones_want);
  const its_cmd_fields_t f = {
      .dev = 0xA1B2C3D4E5F60718ull,
      .ev = 0x1122334455667788ull,
      .intid = 0x99AABBCCDDEEFF01ull,
      .size = 0xFFFFFFFFFFFFFFF5ull,
      .icid = 0x0123456789ABCDEFull,
      .itt = 0xFEDCBA9876543210ull,
      .rd = 0x13579BDF2468ACE0ull,
      .v = 0xFFFFFFFFFFFFFFFFull,
      .rd2 = 0x0FEDCBA987654321ull,
  };
  const uint64_t f_want[9] = {
      0xE5F60718ull << 32,    // DevID[31:0]
      0x55667788ull,          // EvID[31:0]
      0xDDEEFF01ull << 32,    // pINTID[31:0]
      0x15ull,                // Size[4:0]
      0xCDEFull,              // ICID[15:0]
      0x000CBA9876543200ull,  // the address's bits [51:8], in place
      0xF2468ACE0ull << 16,   // RDbase[35:0]
      1ull << 63,             // V[0]
      0x987654321ull << 16,   // RDbase2[35:0]
  };
  enc_spec_encode_all(&f, f_want);
}

// ---- Enumerations ----

typedef struct {
  const char *name;
  uint64_t value;
} enc_spec_val_t;

typedef struct {
  const char *name;
  unsigned width;
  const enc_spec_val_t *values;
  size_t n;
} enc_spec_enum_t;

#define ENC_SPEC_ENUM(name, width, vals) \
  { name, width, vals, sizeof(vals) / sizeof(vals[0]) }

// GITS_BASER<n>.Page_Size [9:8], spec/its.md section 1.
static const enc_spec_val_t enc_spec_page_size[] = {{"4K", 0}, {"16K", 1}, {"64K", 2}};
// Retire kind[1:0], docs/interfaces.md 3.3 (1 command, 2 MSI port, 3 GITS_TRANSLATER) and
// docs/enc/its.md (0 NONE: no record, RTL only).
static const enc_spec_val_t enc_spec_its_rt_kind[] = {
    {"NONE", 0}, {"CMD", 1}, {"MSI", 2}, {"TRANSLATER", 3}};
// Retire outcome[1:0], docs/interfaces.md 3.3.
static const enc_spec_val_t enc_spec_its_outcome[] = {
    {"OK", 0}, {"IGNORED", 1}, {"STALLED", 2}, {"FAULT", 3}};
// Redistributor event kind[2:0], docs/interfaces.md 3.2 (0 NONE: docs/enc/its.md).
static const enc_spec_val_t enc_spec_rd_kind[] = {{"NONE", 0},   {"SET", 1},    {"CLEAR", 2},
                                                  {"MOVE", 3},   {"MOVALL", 4}, {"INV", 5},
                                                  {"INVALL", 6}, {"SYNC", 7}};
// Error code EE byte (0x01CCEE), docs/impdef.md "ITS error codes" and spec/its.md section 3.1.
static const enc_spec_val_t enc_spec_ee[] = {{"DEVICE_OOR", 0x01},
                                             {"MOVALL_PROCNUM_OOR", 0x01},
                                             {"PROCNUM_OOR", 0x02},
                                             {"ITTSIZE_OOR", 0x02},
                                             {"COLLECTION_OOR", 0x03},
                                             {"UNMAPPED_DEVICE", 0x04},
                                             {"ID_OOR", 0x05},
                                             {"PHYSICALID_OOR", 0x06},
                                             {"UNMAPPED_INTERRUPT", 0x07},
                                             {"UNMAPPED_COLLECTION", 0x09},
                                             {"DISABLED", 0xFE},
                                             {"UNSUPPORTED", 0xFF}};
// Command opcodes DW0[7:0], spec/its.md section 3 (GICv3 physical commands).
static const enc_spec_val_t enc_spec_opcode[] = {
    {"MOVI", 0x01}, {"INT", 0x03},    {"CLEAR", 0x04},  {"SYNC", 0x05},
    {"MAPD", 0x08}, {"MAPC", 0x09},   {"MAPTI", 0x0A},  {"MAPI", 0x0B},
    {"INV", 0x0C},  {"INVALL", 0x0D}, {"MOVALL", 0x0E}, {"DISCARD", 0x0F}};
// stimer retire kind (0 PASS, 1 ATTEMPT) and ATTEMPT outcome[2:0], docs/interfaces.md 4.1 and
// 4.3, docs/enc/stimer.md.
static const enc_spec_val_t enc_spec_st_rt_kind[] = {{"PASS", 0}, {"ATTEMPT", 1}};
static const enc_spec_val_t enc_spec_st_outcome[] = {
    {"DELIVERED", 0},    {"NO_IRQ", 1},      {"DIRECT", 2}, {"BUSY_LOST", 3},
    {"BUSY_PENDING", 4}, {"UNAVAILABLE", 5}, {"FAULT", 6}};

static const enc_spec_enum_t enc_spec_its_enums[] = {
    ENC_SPEC_ENUM("page_size", 2, enc_spec_page_size),
    ENC_SPEC_ENUM("rt_kind", 2, enc_spec_its_rt_kind),
    ENC_SPEC_ENUM("outcome", 2, enc_spec_its_outcome),
    ENC_SPEC_ENUM("rd_kind", 3, enc_spec_rd_kind),
    ENC_SPEC_ENUM("ee", 8, enc_spec_ee),
    ENC_SPEC_ENUM("opcode", 8, enc_spec_opcode),
};
static const enc_spec_enum_t enc_spec_st_enums[] = {
    ENC_SPEC_ENUM("rt_kind", 1, enc_spec_st_rt_kind),
    ENC_SPEC_ENUM("outcome", 3, enc_spec_st_outcome),
};

// The spec's names for `value` in `e`: true when `name` is one of them; `*any` counts them.
static bool enc_spec_names(const enc_spec_enum_t *e, uint64_t value, const char *name,
                           size_t *any) {
  bool match = false;
  *any = 0;
  for (size_t i = 0; i < e->n; i++) {
    if (e->values[i].value == value) {
      (*any)++;
      match = match || (name != NULL && strcmp(name, e->values[i].name) == 0);
    }
  }
  return match;
}

// Enumeration `e` of block `b` has exactly the spec's values: name -> value for each, and
// value -> name over every value of the width (no name where the spec has none; where two
// names share a value, the name given is one of them).
static void enc_spec_check_enum(const enc_block_t *b, const enc_spec_enum_t *e) {
  const enc_enum_t *t = enc_enum(b, e->name);
  if (t == NULL) {
    TEST_FAIL_AT(__FILE__, __LINE__, "%s: no enumeration %s", b->name, e->name);
  }
  if (t->width != e->width || t->n != e->n) {
    TEST_FAIL_AT(__FILE__, __LINE__, "%s.%s: width %u, %zu values; spec width %u, %zu values",
                 b->name, e->name, t->width, t->n, e->width, e->n);
  }
  for (size_t i = 0; i < e->n; i++) {
    uint64_t v = ~0ull;
    if (!enc_value(t, e->values[i].name, &v) || v != e->values[i].value) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s.%s %s = 0x%" PRIx64 ", spec 0x%" PRIx64, b->name,
                   e->name, e->values[i].name, v, e->values[i].value);
    }
  }
  for (uint64_t v = 0; v < (1ull << e->width); v++) {
    const char *got = enc_name(t, v);
    size_t any = 0;
    bool ok = enc_spec_names(e, v, got, &any);
    if (any == 0 ? got != NULL : !ok) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s.%s value 0x%" PRIx64 " is named %s", b->name, e->name, v,
                   got != NULL ? got : "(none)");
    }
  }
}

void test_enc_spec_its_enums(void) {
  const enc_block_t *b = its_enc();
  ASSERT_EQ(b->n_enums, sizeof(enc_spec_its_enums) / sizeof(enc_spec_its_enums[0]));
  for (size_t i = 0; i < b->n_enums; i++) {
    enc_spec_check_enum(b, &enc_spec_its_enums[i]);
  }
}

void test_enc_spec_stimer_enums(void) {
  const enc_block_t *b = stimer_enc();
  ASSERT_EQ(b->n_enums, sizeof(enc_spec_st_enums) / sizeof(enc_spec_st_enums[0]));
  for (size_t i = 0; i < b->n_enums; i++) {
    enc_spec_check_enum(b, &enc_spec_st_enums[i]);
  }
  // stimer has no commands (docs/enc/stimer.md).
  ASSERT_EQ(b->n_cmds, 0);
  ASSERT_EQ(b->n_cmd_fields, 0);
}

// The spec name of `v` in `e`, or `none`; for a value with two names, the first one listed.
static const char *enc_spec_first(const enc_spec_enum_t *e, uint64_t v, const char *none) {
  for (size_t i = 0; i < e->n; i++) {
    if (e->values[i].value == v) {
      return e->values[i].name;
    }
  }
  return none;
}

// The named helpers of its.h and stimer.h on every value of their field: the spec's name, or
// their placeholder ("UNKNOWN" for an opcode, "?" otherwise) where the spec has none.
void test_enc_spec_name_helpers(void) {
  for (unsigned v = 0; v < 0x100; v++) {
    ASSERT_STR(its_opcode_name((uint8_t)v), enc_spec_first(&enc_spec_its_enums[5], v, "UNKNOWN"));
    const char *ee = its_ee_name((uint8_t)v);
    size_t any = 0;
    if (!(enc_spec_names(&enc_spec_its_enums[4], v, ee, &any) ||
          (any == 0 && strcmp(ee, "?") == 0))) {
      TEST_FAIL_AT(__FILE__, __LINE__, "its_ee_name(0x%02x) = %s", v, ee);
    }
  }
  for (unsigned v = 0; v < 8; v++) {
    ASSERT_STR(its_outcome_name((its_outcome_t)v), enc_spec_first(&enc_spec_its_enums[2], v, "?"));
    ASSERT_STR(its_retire_kind_name((its_retire_kind_t)v),
               enc_spec_first(&enc_spec_its_enums[1], v, "?"));
    ASSERT_STR(its_rd_kind_name((its_rd_kind_t)v), enc_spec_first(&enc_spec_its_enums[3], v, "?"));
    ASSERT_STR(stimer_outcome_name((stimer_outcome_t)v),
               enc_spec_first(&enc_spec_st_enums[1], v, "?"));
  }
  ASSERT_STR(its_rd_kind_name((its_rd_kind_t)8), "?");
  ASSERT_STR(stimer_outcome_name((stimer_outcome_t)7), "?");
}

// ---- Records, docs/interfaces.md 3.1 (ITS) and 4.1 (stimer) ----

typedef struct {
  const char *name;
  unsigned width;
  const char *names;  // the enumeration naming the values, or NULL
} enc_spec_rec_field_t;

static void enc_spec_check_record(const enc_block_t *b, const enc_record_t *r, const char *name,
                                  const enc_spec_rec_field_t *want, size_t n, unsigned bits) {
  ASSERT_STR(r->name, name);
  ASSERT_EQ(r->n, n);
  ASSERT_EQ(r->bits, bits);
  unsigned sum = 0;
  for (size_t i = 0; i < n; i++) {
    const enc_rec_field_t *f = &r->fields[i];
    if (strcmp(f->name, want[i].name) != 0 || f->width != want[i].width) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s field %zu: %s[%u], spec %s[%u]", name, i, f->name,
                   f->width, want[i].name, want[i].width);
    }
    const enc_enum_t *e = want[i].names != NULL ? enc_enum(b, want[i].names) : NULL;
    ASSERT_TRUE(want[i].names == NULL || e != NULL);
    if (f->names != e) {
      TEST_FAIL_AT(__FILE__, __LINE__, "%s.%s: named by %s, spec %s", name, f->name,
                   f->names != NULL ? f->names->name : "(none)",
                   want[i].names != NULL ? want[i].names : "(none)");
    }
    sum += f->width;
  }
  ASSERT_EQ(sum, bits);
}

// Where each field lives in the C struct.
#define ENC_SPEC_MEMBER(rec, i, type, member)                     \
  do {                                                            \
    ASSERT_EQ((rec).fields[i].offset, offsetof(type, member));    \
    ASSERT_EQ((rec).fields[i].size, sizeof(((type *)0)->member)); \
  } while (0)

void test_enc_spec_records(void) {
  // retire_t: kind[1:0], offset[19:0], opcode[7:0], outcome[1:0], error[23:0], devid[15:0],
  // eventid[31:0] = 104 bits, first field most significant (docs/interfaces.md 3.1).
  static const enc_spec_rec_field_t its_retire[] = {
      {"kind", 2, "rt_kind"},    {"offset", 20, NULL}, {"opcode", 8, "opcode"},
      {"outcome", 2, "outcome"}, {"error", 24, NULL},  {"devid", 16, NULL},
      {"eventid", 32, NULL}};
  enc_spec_check_record(its_enc(), &its_rec_retire, "retire", its_retire, 7, 104);
  ENC_SPEC_MEMBER(its_rec_retire, 0, its_retire_t, kind);
  ENC_SPEC_MEMBER(its_rec_retire, 1, its_retire_t, offset);
  ENC_SPEC_MEMBER(its_rec_retire, 2, its_retire_t, opcode);
  ENC_SPEC_MEMBER(its_rec_retire, 3, its_retire_t, outcome);
  ENC_SPEC_MEMBER(its_rec_retire, 4, its_retire_t, error);
  ENC_SPEC_MEMBER(its_rec_retire, 5, its_retire_t, devid);
  ENC_SPEC_MEMBER(its_rec_retire, 6, its_retire_t, eventid);
  // rd_ev_t: kind[2:0], rd[15:0], rd2[15:0], intid[31:0] = 67 bits.
  static const enc_spec_rec_field_t its_rd_ev[] = {
      {"kind", 3, "rd_kind"}, {"rd", 16, NULL}, {"rd2", 16, NULL}, {"intid", 32, NULL}};
  enc_spec_check_record(its_enc(), &its_rec_rd_ev, "rd_ev", its_rd_ev, 4, 67);
  ENC_SPEC_MEMBER(its_rec_rd_ev, 0, its_rd_event_t, kind);
  ENC_SPEC_MEMBER(its_rec_rd_ev, 1, its_rd_event_t, rd);
  ENC_SPEC_MEMBER(its_rec_rd_ev, 2, its_rd_event_t, rd2);
  ENC_SPEC_MEMBER(its_rec_rd_ev, 3, its_rd_event_t, intid);
  // stimer retire_t: kind (0 PASS, 1 ATTEMPT), vp[7:0], timer[1:0], sint[3:0], outcome[2:0],
  // now[63:0] = 82 bits (docs/interfaces.md 4.1).
  static const enc_spec_rec_field_t st_retire[] = {{"kind", 1, "rt_kind"},    {"vp", 8, NULL},
                                                   {"timer", 2, NULL},        {"sint", 4, NULL},
                                                   {"outcome", 3, "outcome"}, {"now", 64, NULL}};
  enc_spec_check_record(stimer_enc(), &stimer_rec_retire, "retire", st_retire, 6, 82);
  ENC_SPEC_MEMBER(stimer_rec_retire, 0, stimer_retire_t, kind);
  ENC_SPEC_MEMBER(stimer_rec_retire, 1, stimer_retire_t, vp);
  ENC_SPEC_MEMBER(stimer_rec_retire, 2, stimer_retire_t, timer);
  ENC_SPEC_MEMBER(stimer_rec_retire, 3, stimer_retire_t, sint);
  ENC_SPEC_MEMBER(stimer_rec_retire, 4, stimer_retire_t, outcome);
  ENC_SPEC_MEMBER(stimer_rec_retire, 5, stimer_retire_t, now);
  // irq_t: vp[7:0], vec[7:0] (C `vector`), auto_eoi = 17 bits.
  static const enc_spec_rec_field_t st_irq[] = {
      {"vp", 8, NULL}, {"vector", 8, NULL}, {"auto_eoi", 1, NULL}};
  enc_spec_check_record(stimer_enc(), &stimer_rec_irq, "irq", st_irq, 3, 17);
  ENC_SPEC_MEMBER(stimer_rec_irq, 0, stimer_irq_t, vp);
  ENC_SPEC_MEMBER(stimer_rec_irq, 1, stimer_irq_t, vector);
  ENC_SPEC_MEMBER(stimer_rec_irq, 2, stimer_irq_t, auto_eoi);
}

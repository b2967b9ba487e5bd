// SPDX-License-Identifier: Apache-2.0
// Shapes of the encoding tables generated from docs/enc/<block>.toml by scripts/encgen.py:
// registers, command formats and field widths, named values, MSRs. The model, the bench and
// the scenario parser read names and widths here instead of writing them again.
#ifndef ENC_H
#define ENC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** A named value of an enumeration (an opcode, an outcome, an event kind). */
typedef struct {
  const char *name;
  uint64_t value;
  const char *doc;
} enc_value_t;

/** An enumeration: `n` values that fit in `width` bits. */
typedef struct {
  const char *name;
  unsigned width;
  const enc_value_t *values;
  size_t n;
} enc_enum_t;

/** A bit field: bits [lsb + width - 1 : lsb] of a register, entry or command doubleword. */
typedef struct {
  const char *name;
  unsigned dw;      ///< command doubleword (commands only)
  unsigned lsb;     ///< position of the field
  unsigned width;   ///< width in bits (1..64)
  unsigned lsb_in;  ///< > 0: the value is a byte address whose bits [lsb_in-1:0] are 0 and
                    ///< whose bits [lsb_in + width - 1 : lsb_in] the field holds
  const char *doc;
} enc_field_t;

/** A command (ITS): its opcode and the fields it takes, by index into the block's fields. */
typedef struct {
  const char *name;
  uint8_t opcode;
  const uint8_t *fields;
  size_t n_fields;
} enc_cmd_t;

/** A register (ITS) or an MSR (stimer, `count` > 1 for an array such as SINT0..15). */
typedef struct {
  const char *name;
  uint32_t offset;  ///< byte offset (ITS) or MSR index, the low byte of 0x400000xx (stimer)
  unsigned width;   ///< bits (32 or 64)
  const char *access;
  uint64_t reset;
  uint64_t wmask;
  unsigned count;   ///< array length (1 for a single register)
  unsigned stride;  ///< offset step between array elements; 0 for a single register (count 1)
  const char *doc;
} enc_reg_t;

/** Everything one block encodes. */
typedef struct {
  const char *name;
  const enc_reg_t *regs;
  size_t n_regs;
  const enc_field_t *cmd_fields;
  size_t n_cmd_fields;
  const enc_cmd_t *cmds;
  size_t n_cmds;
  const enc_enum_t *enums;
  size_t n_enums;
} enc_block_t;

/**
 * One field of a record the lockstep checker compares (docs/enc `[[record]]`): its width on the
 * RTL port, where it lives in the C struct, and the enumeration that names its values.
 */
typedef struct {
  const char *name;
  unsigned width;           ///< bits on the RTL port (1..64)
  size_t offset;            ///< offsetof() the member in the C struct
  size_t size;              ///< sizeof() the member: 1, 2, 4 or 8
  const enc_enum_t *names;  ///< the enumeration naming the values, or NULL
} enc_rec_field_t;

/** A record: the C struct and the packed SV struct (first field = most significant bits). */
typedef struct {
  const char *name;
  const enc_rec_field_t *fields;
  size_t n;
  unsigned bits;  ///< width of the packed SV struct, the sum of the field widths
} enc_record_t;

/** Field `f` of the C record at `rec`. */
uint64_t enc_rec_get(const enc_rec_field_t *f, const void *rec);
/** Sets field `f` of the C record at `rec` (the value is cut to the member's size only). */
void enc_rec_set(const enc_rec_field_t *f, void *rec, uint64_t value);
/**
 * Fills the C record `rec` from a packed SV struct passed through DPI as `bit [bits-1:0]`
 * (svBitVecVal: 32 bits per word, bit 0 of word 0 is bit 0 of the vector).
 */
void enc_rec_unpack(const enc_record_t *r, const uint32_t *words, void *rec);
/**
 * Writes `name=value` pairs of every field of `rec` into `buf` (enumerated values by name),
 * truncated to `len`; returns `buf`.
 */
char *enc_rec_format(const enc_record_t *r, const void *rec, char *buf, size_t len);

/**
 * The name of `value` in `e`, or NULL when it has none. `e` may be NULL (what enc_enum() gives
 * for an unknown name), here and in enc_value(): no names then.
 */
const char *enc_name(const enc_enum_t *e, uint64_t value);
/** Looks `name` up in `e` (case-insensitive); false when absent, `*value` unchanged then. */
bool enc_value(const enc_enum_t *e, const char *name, uint64_t *value);
/** The enumeration called `name` of block `b`, or NULL. */
const enc_enum_t *enc_enum(const enc_block_t *b, const char *name);
/** The command called `name` (case-insensitive), or NULL. */
const enc_cmd_t *enc_cmd_by_name(const enc_block_t *b, const char *name);
/** The command with `opcode`, or NULL. */
const enc_cmd_t *enc_cmd_by_opcode(const enc_block_t *b, uint8_t opcode);
/** The largest value a field of `width` bits holds. */
uint64_t enc_max(unsigned width);
/**
 * Resolves a register or MSR name: `NAME` or, for an array, `NAMEn` (`SINT3`) with n the index
 * in decimal without leading zeros, as enc_reg_name writes it (`SINT03` is unknown). Names are
 * matched without regard to case. Returns the offset / MSR index in `*offset`; false when the
 * name is unknown (`*offset` is then untouched).
 */
bool enc_reg_by_name(const enc_block_t *b, const char *name, uint32_t *offset);
/** The name of the register or MSR at `offset` into `buf` (`SINT3`); NULL when none. */
const char *enc_reg_name(const enc_block_t *b, uint32_t offset, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif  // ENC_H

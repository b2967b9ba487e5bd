// SPDX-License-Identifier: Apache-2.0
// Scenario files (grammar in docs/scenarios.md): parsed into a list of operations that the
// model-alone runner and the lockstep bench both execute.
#ifndef SCN_H
#define SCN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum { SCN_BLOCK_ITS = 1, SCN_BLOCK_STIMER = 2 } scn_block_t;

typedef enum {
  // Both blocks.
  SCN_MEM_WRITE = 1,  // a[0] addr, a[1] value, a[2] size
  SCN_FAULT_ADD,      // a[0] lo, a[1] hi, a[2] the accesses that fault (tb_fault_kind_t)
  SCN_FAULT_CLEAR,
  SCN_WAIT,         // run until the block is idle
  SCN_RESET,        // reset the block's registers (memory kept)
  SCN_EXPECT_MEM,   // a[0] addr, a[1] value, a[2] size
  SCN_EXPECT_NONE,  // a[0] observation kind (0 = any event; SCN_OBS_WRITE: memory writes)
  // ITS.
  SCN_REG_WRITE,      // a[0] offset, a[1] value, a[2] size, a[3] devid
  SCN_REG_READ,       // a[0] offset, a[1] expected, a[2] mask (0 = no check)
  SCN_CMD,            // a[0..3] the four doublewords, a[4] 1: nopost (CWRITER not written)
  SCN_MSI,            // a[0] devid, a[1] eventid
  SCN_EXPECT_RD,      // a[0] kind, then rd, rd2, intid with `has` bits 1, 2, 3
  SCN_EXPECT_RETIRE,  // a[0] kind, opcode, outcome, error, devid, eventid, offset, writes:
                      // `has` bits 1..7
  SCN_POST,           // write GITS_CWRITER past the commands written with `nopost`
  // stimer.
  SCN_MSR_WRITE,   // a[0] vp, a[1] msr, a[2] value, a[3] expect #GP, a[5] size (`has` bit 5)
  SCN_MSR_READ,    // a[0] vp, a[1] msr, a[2] expected, a[3] expect #GP, `has` bit 2: check value
  SCN_TIME,        // a[0] now
  SCN_EOI,         // a[0] vp, a[1] vector
  SCN_GUEST_ACK,   // a[0] vp, a[1] sint: clear message_type; EOM if flags.msg_pending
  SCN_EXPECT_IRQ,  // a[0] vp, a[1] vector, a[2] auto_eoi (`has` bit 2)
  SCN_EXPECT_ATTEMPT,   // a[0] vp, a[1] timer, a[2] outcome, a[4] writes (`has` bits 2, 4)
  SCN_EXPECT_MSG,       // a[0] vp, a[1] sint, a[2] timer, a[3] exp, a[4] deliv, a[5] flags
  SCN_EXPECT_SLOT_FREE  // a[0] vp, a[1] sint: message_type == 0
} scn_kind_t;

/** Kinds of observations (the outputs expect lines look for). */
typedef enum {
  SCN_OBS_ANY = 0,
  SCN_OBS_RD = 1,
  SCN_OBS_RETIRE = 2,
  SCN_OBS_IRQ = 3,
  SCN_OBS_ATTEMPT = 4,
  SCN_OBS_WRITE = 5  // a memory write beat: never matched by an expect, counted (obs.h)
} scn_obs_kind_t;

/** Fields of an operation or observation. */
#define SCN_NA 8

typedef struct {
  scn_kind_t kind;
  uint64_t a[SCN_NA];
  uint32_t has;  // bit i: a[i] was given (for optional fields)
  unsigned line;
} scn_op_t;

/** Block configuration from `config` lines (the RTL parameters and the bench settings). */
typedef struct {
  uint32_t num_rd;
  uint32_t num_vp;
  bool feat_direct;
  bool scontrol_gate;
  unsigned mem_latency;
  unsigned mem_stall;  // percent
  unsigned rsp_stall;  // percent of cycles the bench is not ready for DUT outputs
} scn_config_t;

/**
 * Operations made as they are asked for (the random generator, gen.h), so a run holds a few
 * operations, never the whole list. `get` returns operation `i` or NULL past the end; it is
 * asked for increasing `i` and may forget every operation before `i` (the pointer it returned
 * for an earlier one is then invalid).
 */
typedef struct scn_stream scn_stream_t;
struct scn_stream {
  const scn_op_t *(*get)(scn_stream_t *st, size_t i);
  // The operations made and not yet forgotten: operations win_first .. win_first + win_n - 1
  // at win[0 ..] (set by `get`; scn_op reads them without a call while they last).
  const scn_op_t *win;
  size_t win_first, win_n;
};

typedef struct {
  char *path;
  scn_block_t block;
  scn_config_t cfg;
  bool strict;  // a `strict` line: every output of a block must be matched (docs/scenarios.md)
  scn_op_t *ops;
  size_t n_ops;
  size_t cap;
  scn_stream_t *stream;  // non-NULL: the operations come from it (ops is empty)
} scn_t;

/** Operation `i` of `s` (from its list or its stream), or NULL past the end. */
static inline const scn_op_t *scn_op(const scn_t *s, size_t i) {
  if (s->stream != NULL) {
    scn_stream_t *st = s->stream;
    size_t k = i - st->win_first;  // below win_first: wraps round, so `get` answers
    return k < st->win_n ? &st->win[k] : st->get(st, i);
  }
  return i < s->n_ops ? &s->ops[i] : NULL;
}

/**
 * A number given on a command line (a seed, `--ops`): decimal (a leading zero does not make it
 * octal: `010` is ten), or hexadecimal after `0x`; no sign, blank or suffix, at most 2^64 - 1.
 * tb_sim and scn_model read their options with it, so the same words name the same run on both (a
 * scenario file's numbers are C literals: scn_parse).
 */
bool scn_cli_number(const char *s, uint64_t *v);

/** The default configuration of a block (matches the RTL parameter defaults). */
scn_config_t scn_default_config(void);

/**
 * Sets the RTL parameters of `block` in `cfg` from `text`, words `KEY=VALUE` separated by blanks
 * or commas (the keys and ranges of a `config` line: num_rd for the ITS; vps, feat_direct,
 * scontrol_gate for the stimer; as `scripts/lockstep --config`). The bench settings are not
 * accepted: a random test's seed draws them. False, with `--config: expected ...` in `err`, on
 * another key, a key given twice or a value out of range; `cfg` is then untouched.
 */
bool scn_config_words(scn_block_t block, const char *text, scn_config_t *cfg, char *err,
                      size_t errlen);

/**
 * Parses `path`. On error returns false and writes "file:line: expected ..." into `err`.
 */
bool scn_load(const char *path, scn_t *s, char *err, size_t errlen);
/** Parses text held in memory (`name` is used in messages). */
bool scn_parse(const char *name, const char *text, scn_t *s, char *err, size_t errlen);
void scn_free(scn_t *s);
/** Appends an operation (used by the random generator). */
void scn_push(scn_t *s, const scn_op_t *op);

/** Name <-> code helpers shared with the reports. */
const char *scn_kind_name(scn_kind_t kind);
bool scn_stimer_msr(const char *name, uint32_t *msr);
const char *scn_stimer_msr_name(uint32_t msr, char *buf, size_t len);

#endif  // SCN_H

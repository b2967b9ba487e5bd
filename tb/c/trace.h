// SPDX-License-Identifier: Apache-2.0
// The transaction trace stream (docs/trace.md): the words the RTL trace encoder
// (rtl/common/cmn_trace_enc.sv) emits, the file a capture writes (a magic word, the encoder's
// words and the host's records interleaved, an end record) and its validating reader. The
// layout is docs/enc/trace.toml (trace_enc.h). No globals; the replay (replay.h) feeds the
// records to the lockstep checkers.
#ifndef TRACE_H
#define TRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "tb_mem.h"
#include "trace_enc.h"

#ifdef __cplusplus
extern "C" {
#endif

/** One record: the decoded header and its payload. */
typedef struct {
  unsigned kind;
  unsigned len;
  unsigned seq;
  unsigned aux;
  uint64_t stamp;  ///< the header's CYCLE field (encoder records: 40 bits, wrapping)
  uint64_t p[TRACE_MAX_LEN];
  size_t word;  ///< index of the header word in the file (the magic word is 0)
} trace_rec_t;

/** The header word of a record, with its check byte (the XOR of every byte of the header, its
 *  check field taken as 0, and of the payload words). */
uint64_t trace_header(unsigned kind, unsigned len, unsigned seq, unsigned aux, uint64_t stamp,
                      const uint64_t *p);
/** The kind's name ("ITS_RETIRE"), or NULL for an unknown kind. */
const char *trace_kind_name(unsigned kind);
/** True for the kinds the capture software writes (HOST_*), false for the encoder's. */
bool trace_kind_is_host(unsigned kind);

// ---- Writing a capture ----

typedef struct trace_writer trace_writer_t;

/** Creates `path` and writes the magic word; NULL with the reason in `err`. */
trace_writer_t *trace_writer_open(const char *path, char *err, size_t errlen);
/** One word of the encoder's stream, as it came off the valid/ready port. */
void trace_writer_word(trace_writer_t *w, uint64_t word);
/** A host record stamped with the host's cycle `cycle`; `n` payload words. */
void trace_writer_host(trace_writer_t *w, unsigned kind, unsigned aux, uint64_t cycle,
                       const uint64_t *p, unsigned n);
/**
 * The hook that records the untracked writes of a memory image (pokes, fault ranges) as host
 * records, stamped with `clock(ctx)`.
 */
tb_mem_hook_t trace_writer_mem_hook(trace_writer_t *w, uint64_t (*clock)(const void *ctx),
                                    const void *ctx);
/**
 * Writes HOST_END (`end_cycle`: the host's cycle of the end-of-test checks; `end_of_test`: the
 * test ran to its end, so the replay makes them) unless `complete` is false, then closes the
 * file. False with the reason when a write failed. Frees `w`.
 */
bool trace_writer_close(trace_writer_t *w, bool complete, uint64_t end_cycle, bool end_of_test,
                        char *err, size_t errlen);

// ---- Reading a capture ----

typedef struct {
  trace_rec_t *v;
  size_t n;
  size_t words;  ///< words in the file, the magic word included
} trace_file_t;

/**
 * Reads and validates a capture: the magic word, every record's kind, length, check byte and
 * sequence number (per source), and the end record with the word count. False with the first
 * problem (naming the word and the record) in `err`: a missing, unreadable, truncated or
 * corrupted file never reads as a stream.
 */
bool trace_read(const char *path, trace_file_t *out, char *err, size_t errlen);
void trace_file_free(trace_file_t *f);

#ifdef __cplusplus
}
#endif

#endif  // TRACE_H

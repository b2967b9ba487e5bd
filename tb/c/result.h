// SPDX-License-Identifier: Apache-2.0
// The machine-readable result of one run (`tb_sim --result FILE`, `scn_model --result FILE`):
// one JSON object that scripts/simlib.py reads instead of parsing stdout. Format in
// docs/bench.md ("The result file").
#ifndef TB_RESULT_H
#define TB_RESULT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  const char *tool;      // "tb_sim" or "scn_model"
  const char *status;    // "PASS", "FAIL" or "SKIP"
  const char *block;     // "its" or "stimer"
  const char *test;      // test name (scenario base name or random-<block>)
  const char *scenario;  // scenario path, or "" for a random test
  uint64_t seed;
  uint64_t ops;                     // scenario operations done
  uint64_t ops_digest;              // exec_ops_digest of those operations
  uint64_t compared;                // DUT operations compared (0 on the model alone)
  uint64_t cycles;                  // simulated cycles (0 on the model alone)
  uint64_t failures;                // mismatch and check reports
  const char *first_mismatch;       // the line saying what differs, "" when none
  const char *skip_reason;          // "" unless SKIP
  const char *rerun;                // the command that reproduces the run
  const char *rerun_waves;          // the same with an FST window around the first mismatch, or ""
  uint64_t trace_start, trace_end;  // that window (0, 0 without one)
  uint64_t mismatch_cycle;          // the cycle of the first mismatch (its edge: time 10 * cycle)
  double seconds;
  uint64_t guest_mem_kb;   // of it, the memory images' guest data (tb_mem_bytes), 0: none
  uint64_t peak_rss_kb;    // the process's peak resident set size (getrusage), 0: not measured
  const char *gen_config;  // a random test: the configuration its seed drew (gen.h), else ""
} tb_result_t;

/** Writes `r` as JSON to `path` (to a temporary name, then renamed, so a reader never sees half a
 *  file). Returns false and fills `err` when it cannot. */
bool tb_result_write(const char *path, const tb_result_t *r, char *err, size_t err_len);
/**
 * Whether the result file `path` can be written (its temporary file is created and removed), so
 * a run whose verdict could not be kept is refused before it starts (exit 2) instead of failing
 * at its end; false with the reason in `err`.
 */
bool tb_result_writable(const char *path, char *err, size_t err_len);

#ifdef __cplusplus
}
#endif

#endif  // TB_RESULT_H

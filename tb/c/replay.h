// SPDX-License-Identifier: Apache-2.0
// Offline check of a captured trace (trace.h, docs/trace.md) against the golden model: the
// records are turned back into the transactions the SV monitors report in a live run and fed,
// in the same order and with the same cycle stamps, to the same lockstep checker objects
// (its_lockstep_t / stimer_lockstep_t), with the two memory images rebuilt from the host's
// records and the DUT's write beats. No Verilator.
#ifndef REPLAY_H
#define REPLAY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "trace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct {
  bool pass;
  unsigned block;             ///< 1 ITS, 2 stimer, 0 unknown (no START record)
  uint64_t compared;          ///< DUT operations compared
  uint64_t cycles;            ///< the last cycle replayed
  uint64_t failures;          ///< reports printed
  char first_mismatch[1024];  ///< the first report as one line (tb_sim's `first_mismatch`)
} replay_result_t;

/**
 * Replays `f` (already validated by trace_read) and prints one mismatch report per divergence
 * to `out` in tb_sim's format, stopping after the first edge with one. `test` names the run in
 * the reports.
 */
void replay_run(const trace_file_t *f, const char *test, FILE *out, replay_result_t *res);

#ifdef __cplusplus
}
#endif

#endif  // REPLAY_H

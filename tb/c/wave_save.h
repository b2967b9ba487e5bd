// SPDX-License-Identifier: Apache-2.0
// The GTKWave save file a failing traced run writes beside its FST (FILE.fst -> FILE.gtkw): the
// block's generated view (sim/waves/<block>.gtkw, scripts/wave_views.py) with the group of the
// failing interface first and expanded, then the DUT internals, the other groups closed; the
// primary marker at the divergence, named markers at the last agreeing operations, and a zoom at
// which one-cycle pulses are readable. Time: 10 units per cycle, cycle C's edge at 10*C.
#ifndef WAVE_SAVE_H
#define WAVE_SAVE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define WAVE_MAX_MARKS 6  // named markers: the last agreeing operations of the history
#define WAVE_TIME_PER_CYCLE 10u
#define WAVE_CYCLES_BEFORE 14u  // shown left of the divergence

/** A named marker: an operation the model and the DUT agreed on. */
typedef struct {
  uint64_t cycle;
  char label[120];
} wave_mark_t;

typedef struct {
  const char *fst;    // the trace, as given to --trace
  const char *block;  // "its" or "stimer": the view sim/waves/<block>.gtkw
  unsigned iface;     // LS_IF_* (ls_util.h) of the first divergence
  bool check;      // a scenario check failed there, not a comparison: expected and actual may agree
  uint64_t cycle;  // the cycle of the first divergence
  const char *headline;
  const wave_mark_t *marks;
  size_t n_marks;
  uint64_t trace_start, trace_end;  // the traced window, in cycles
} wave_save_t;

/** The view group that shows interface `iface` of `block` (the failing group). */
const char *wave_save_group(const char *block, unsigned iface);

/**
 * Writes the save file (path into `path`). `views_dir` NULL means the views of the source tree
 * this binary was built from. False with a reason in `err` when the view cannot be read or the
 * file written.
 */
bool wave_save_write_from(const wave_save_t *w, const char *views_dir, char *path, size_t path_len,
                          char *err, size_t err_len);
bool wave_save_write(const wave_save_t *w, char *path, size_t path_len, char *err, size_t err_len);

/** Makes the missing folders of file `path` (mkdir -p of its dirname); false on failure. */
bool wave_mkdirs(const char *path);

#ifdef __cplusplus
}
#endif

#endif  // WAVE_SAVE_H

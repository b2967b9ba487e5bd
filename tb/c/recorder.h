// SPDX-License-Identifier: Apache-2.0
// `tb_sim --record FILE`: drains the trace encoder of the DUT under test (tb/sv/tb.sv, one DPI
// call per edge) into a capture file (trace.h) and adds the host's records: the cycle offset
// of the encoder's stamps and every untracked write of the bench to the memory images (the
// scenario's `mem` lines, command queue entries, fault ranges). Optional random back-pressure
// (`--record-stall PCT`) exercises the encoder's FIFO and its overflow marker.
#ifndef RECORDER_H
#define RECORDER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "rtl_be.h"
#include "tb_mem.h"
#include "trace.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct tb_recorder tb_recorder_t;

/** Creates the capture file and hooks `image` (the model's memory image of the back end `r`). */
tb_recorder_t *tb_recorder_new(const char *path, unsigned stall_pct, uint64_t seed, rtl_be_t *r,
                               tb_mem_t *image, char *err, size_t errlen);
/**
 * One clock edge: `enc_rst_n` the encoder's reset, `fire` whether a beat was handed over at this
 * edge (valid and the ready returned by the previous call), `words[0..count)` its words. Returns
 * the ready for the next cycle.
 */
bool tb_recorder_drain(tb_recorder_t *rc, bool enc_rst_n, bool fire, bool valid, unsigned count,
                       const uint64_t *words);
/** True once the encoder was seen empty two edges after `cycle` (everything up to it is out). */
bool tb_recorder_drained(const tb_recorder_t *rc, uint64_t cycle);
/** Closes the file (an end record only when `complete`); frees `rc`. */
bool tb_recorder_close(tb_recorder_t *rc, bool complete, uint64_t end_cycle, bool end_of_test,
                       char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif  // RECORDER_H

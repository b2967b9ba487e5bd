// SPDX-License-Identifier: Apache-2.0
// The lockstep harness of `tb_sim`: command line, the scenario (file or random), the executor
// on the lockstep back end (rtl_be.h), the stop decision (first divergence, or --max-mismatch),
// the watchdog, the mismatch report and the summary line. One `bench_t` object, created by the
// C++ main and handed to tb/sv/tb.sv (`tb_attach`), which passes it back in every DPI call.
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stdint.h>

#include "ls_util.h"
#include "rtl_be.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct bench bench_t;

/**
 * Parses the command line and loads the scenario. NULL with `*rc` set when the program must
 * stop: 0 after --help, 2 after a usage or scenario error (the message is printed).
 */
bench_t *bench_new(int argc, char **argv, int *rc);
/** Seed for Verilator's randomised X initialisation. */
uint64_t bench_seed(const bench_t *b);
/** True once the run has ended (pass or fail) and any trace window has been written. */
bool bench_done(const bench_t *b);
/** Whether the main dumps waves at main-loop cycle `cycle` (the --trace window). */
bool bench_trace_cycle(const bench_t *b, uint64_t cycle);
const char *bench_trace_file(const bench_t *b);
/** Where a coverage build writes its Verilator coverage data (`--cov FILE`), or NULL. */
const char *bench_cov_file(const bench_t *b);
/** True once the bench released the power-on reset (a coverage build snapshots its counters). */
bool bench_reset_done(const bench_t *b);
/**
 * The most cycles the main simulates (a safety net behind the watchdog): 2x10^8, plus
 * BENCH_CYCLES_PER_OP per operation of a random run, so a long soak run is not cut short.
 */
uint64_t bench_max_cycles(const bench_t *b);
/** Prints the summary line, frees the bench; returns the process exit code. */
int bench_finish(bench_t *b, double seconds);

// ---- DPI-facing (tb/dpi/tb_dpi.c) ----

/**
 * The RTL parameters, from tb.sv at time 0: creates the back end, the model and the checker.
 * `msi_burst`: its_top's MsiBurst (IMPDEF-ITS-14). `record`: the build has the trace encoders
 * (tb.sv parameter Record; `--record` needs them). Returns the block under test, or 0 when the run
 * is skipped (the build does not fit the scenario) or cannot start; tb.sv then drives neither DUT.
 */
scn_block_t bench_config(bench_t *b, uint32_t num_rd, uint32_t msi_burst, uint32_t num_vp,
                         bool feat_direct, bool scontrol_gate, bool record);
/** The back end whose monitors get the transactions of `block`'s DUT; NULL for the DUT that
 *  is not under test (tb.sv gives it no clock edge, so it makes no call) or before
 *  bench_config(). */
rtl_be_t *bench_rtl(const bench_t *b, scn_block_t block);
/** Once per clock edge per DUT: the drivers sample, the executor runs, the drivers drive. */
/**
 * The waveform: whether the checker's record of its last comparison (ls_wave_t) or the
 * mismatch state changed since the harness last copied them (one compare per edge), and the
 * copy itself (`*mismatch`: a divergence was reported). The block's records come from
 * its_lockstep_wave / stimer_lockstep_wave (bench_rtl, rtl_be_its, rtl_be_stimer).
 */
bool bench_wave_pending(const bench_t *b);
const ls_wave_t *bench_wave(bench_t *b, bool *mismatch);

/** The drivers of one edge (rtl_its_sample, the executor, rtl_its_pins): true when the APB and
 *  MSI (ITS) or APB, `now` and EOI (stimer) pins changed; they are then read with
 *  bench_its_ctl / bench_st_ctl (tb.sv makes that call only then). */
bool bench_its_drive(bench_t *b, const rtl_its_in_t *in, rtl_its_pins_t *out);
bool bench_st_drive(bench_t *b, const rtl_st_in_t *in, rtl_st_pins_t *out);
const rtl_its_pins_t *bench_its_ctl(const bench_t *b);
const rtl_st_pins_t *bench_st_ctl(const bench_t *b);
/** Once per clock edge: a beat of the trace encoder's stream (`tb_sim --record`, recorder.h);
 * returns its ready for the next cycle (always 1 without --record). */
bool bench_trace_drain(bench_t *b, bool enc_rst_n, bool fire, bool valid, unsigned count,
                       const uint64_t *words);

#ifdef __cplusplus
}
#endif

#endif  // BENCH_H

// SPDX-License-Identifier: Apache-2.0
// The ITS lockstep checker (DESIGN.md section 5, STYLE.md 1.9; the shape of ibex's `Cosim`):
// one object per DUT, fed the transactions the SV monitors observe on the DUT's ports. Inputs
// the DUT accepted go to the golden model in DUT order; at each retire record the model runs
// the same operation and the checker compares the record, every memory write beat of the
// operation (in order) and every redistributor event (in order); register reads are compared
// when their data returns. Divergences are collected as error records; the checker never
// stops anything, the harness reads the errors and decides. No globals: several checkers may
// live in one process.
//
// Every call takes the cycle stamp of its transaction (for the error records and the history).
#ifndef ITS_LOCKSTEP_H
#define ITS_LOCKSTEP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "fcov.h"
#include "its.h"
#include "ls_util.h"
#include "tb_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct its_lockstep its_lockstep_t;

typedef struct {
  its_config_t model;  ///< the RTL parameters, passed to the model
  /** false: the model follows the DUT (inputs forwarded, stepped at every retire) but nothing
   *  is compared (`tb_sim --no-lockstep`: the bench still asks the model for CREADR). */
  bool compare;
  fcov_t *fcov;  ///< functional coverage counters, or NULL
  /** The RTL's `MsiBurst` (its_top parameter): at most this many port MSIs overtake a command
   *  that waits to run, and the waiting ones do (docs/interfaces.md 3.4, IMPDEF-ITS-14).
   *  0: the order of MSIs and commands is not checked (unit tests of the checker alone). */
  uint32_t msi_burst;
} its_lockstep_cfg_t;

/** A completed register access as the APB monitor saw it (docs/interfaces.md section 1). */
typedef struct {
  uint32_t addr;
  bool write;
  uint64_t wdata;
  uint8_t strb;
  uint32_t devid;  ///< side band, meaningful with a GITS_TRANSLATER write
  uint64_t rdata;
  bool slverr;
} its_ls_access_t;

/**
 * Creates a checker whose model works on `image` (the model's memory image, which the caller
 * owns and initialises like the DUT's). NULL when the model rejects the configuration.
 */
its_lockstep_t *its_lockstep_new(const its_lockstep_cfg_t *cfg, tb_mem_t *image);
void its_lockstep_free(its_lockstep_t *ls);

// ---- Transactions (from the monitors) ----

/** The DUT was reset (its registers return to reset values; memory is kept). */
void its_lockstep_reset(its_lockstep_t *ls, uint64_t cycle);
/** The MSI port accepted {devid, eventid}. */
void its_lockstep_msi(its_lockstep_t *ls, uint64_t cycle, uint32_t devid, uint32_t eventid);
/** A memory write beat of the DUT, with the fault its response reported. */
void its_lockstep_mem_write(its_lockstep_t *ls, uint64_t cycle, const cm_mem_write_t *beat);
/** The redistributor port accepted an event. */
void its_lockstep_rd(its_lockstep_t *ls, uint64_t cycle, const its_rd_event_t *ev);
/** A retire record: the model performs the same operation and the outputs are compared. */
void its_lockstep_retire(its_lockstep_t *ls, uint64_t cycle, const its_retire_t *rt);
/** A register access completed: reads are compared, writes go to the model. */
void its_lockstep_reg(its_lockstep_t *ls, uint64_t cycle, const its_ls_access_t *a);
/** End of test: outputs or accepted MSIs that no retire record accounted for. */
void its_lockstep_final(its_lockstep_t *ls, uint64_t cycle);
/** End of test: the DUT's memory image against the model's. */
void its_lockstep_compare_memory(its_lockstep_t *ls, uint64_t cycle, const tb_mem_t *dut);

// ---- Queries ----

/** The model, for the architectural state the bench needs (CBASER, CWRITER, CREADR...). */
its_t *its_lockstep_model(const its_lockstep_t *ls);
/**
 * True while the model says the DUT still owes retire records: accepted MSIs not retired yet,
 * or a queue with a command to run (Enabled, not Stalled, CBASER.Valid, CWRITER inside the
 * queue, CREADR != CWRITER), all read from the model's registers. `why` (may be NULL) then
 * says what is owed.
 */
bool its_lockstep_pending(const its_lockstep_t *ls, char *why, size_t whylen);

// ---- Errors and history ----

/** The checker's errors, history and counters (ls_util.h); the harness reads and clears them. */
/**
 * The records of the last comparison, for the waveform (tb.sv `its_exp_*`/`_act_*`): the model's
 * and the DUT's retire record, and the last event pair compared (the first that differs
 * after a divergence; a missing one is all zero). `log->wave.seq` changes when they do.
 */
typedef struct {
  its_retire_t exp_rt, act_rt;
  its_rd_event_t exp_rd, act_rd;
} its_lockstep_wave_t;
const its_lockstep_wave_t *its_lockstep_wave(const its_lockstep_t *ls);
ls_log_t *its_lockstep_log(its_lockstep_t *ls);
/** History record `i` of the log (0 = oldest kept) as one line. */
void its_lockstep_history(const its_lockstep_t *ls, unsigned i, char *buf, size_t len);

#ifdef __cplusplus
}
#endif

#endif  // ITS_LOCKSTEP_H

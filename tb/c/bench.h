// SPDX-License-Identifier: Apache-2.0
// The lockstep bench: drivers, monitors, scoreboards and the operation executor, in C.
// The SV harness (tb/sv/tb.sv) calls in once per block per clock edge through tb/dpi.
#ifndef BENCH_H
#define BENCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "its.h"
#include "obs.h"
#include "scn.h"
#include "stimer.h"
#include "tb_mem.h"
#include "tb_rand.h"

#ifdef __cplusplus
extern "C" {
#endif

// ---- Pins, as the harness passes them ----

/** An APB4 master transfer in progress (docs/interfaces.md section 1). */
typedef struct {
  bool active;
  bool access;  // false: setup phase, true: access phase
  bool write;
  uint32_t addr;
  uint64_t wdata;
  uint8_t strb;
  uint32_t devid;
  unsigned line;  // scenario line that issued it (0 = the bench itself)
} bench_apb_t;

typedef struct {
  bool pready;
  uint64_t prdata;
  bool pslverr;
  bool msi_ready;
  tb_slave_in_t mem;
  bool rd_valid;
  uint32_t rd_kind, rd_rd, rd_rd2, rd_intid;
  bool rt_valid;
  uint32_t rt_kind, rt_offset, rt_opcode, rt_outcome, rt_error, rt_devid, rt_eventid;
  bool busy;
} bench_its_out_t;

typedef struct {
  bool pready;
  uint64_t prdata;
  bool pslverr;
  tb_slave_in_t mem;
  bool irq_valid;
  uint32_t irq_vp, irq_vector;
  bool irq_auto_eoi;
  bool eoi_ready;
  bool rt_valid;
  uint32_t rt_kind, rt_vp, rt_timer, rt_outcome;
  uint64_t rt_now;
  bool busy;
} bench_st_out_t;

/** The inputs the bench drives into a DUT (fields a block does not have stay 0). */
typedef struct {
  bool rst_n;
  bool psel, penable, pwrite;
  uint32_t paddr;
  uint64_t pwdata;
  uint32_t pstrb;
  uint32_t pdevid;
  bool msi_valid;
  uint32_t msi_devid, msi_eventid;
  tb_slave_out_t mem;
  bool out_ready;  // rd_ready (ITS) / irq_ready (stimer)
  uint64_t now;
  bool eoi_valid;
  uint32_t eoi_vp, eoi_vector;
} bench_in_t;

// ---- Bench API for the thin C++ main ----

/** Parses the command line; returns -1 to go on, else the exit code to stop with. */
int bench_init(int argc, char **argv);
/** Seed for Verilator's randomised X initialisation. */
uint64_t bench_seed(void);
/** True once the run has ended (pass or fail). */
bool bench_done(void);
/** Called by the main once per clock cycle before the rising edge; returns the trace state:
 *  0 closed, 1 open (dump this cycle). */
int bench_trace_cycle(uint64_t cycle);
const char *bench_trace_file(void);
/** Where a coverage build writes its Verilator coverage data (`--cov FILE`), or NULL. */
const char *bench_cov_file(void);
/** True once the bench released the power-on reset (a coverage build snapshots its counters). */
bool bench_reset_done(void);
/** Prints the summary line; returns the process exit code. */
int bench_finish(double seconds);

// ---- DPI-facing entry points (tb/dpi/tb_dpi.c) ----
void bench_config(uint32_t num_rd, uint32_t num_vp, bool feat_direct, bool scontrol_gate);
void bench_its_edge(const bench_its_out_t *out, bench_in_t *in);
void bench_st_edge(const bench_st_out_t *out, bench_in_t *in);

#ifdef __cplusplus
}
#endif

#endif  // BENCH_H

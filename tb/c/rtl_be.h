// SPDX-License-Identifier: Apache-2.0
// Back end 2 of the scenario executor (exec.h): the RTL in lockstep. It holds the drivers of the
// DUT's inputs (APB master, MSI driver, EOI driver, `now`, reset, memory slave, output ready)
// and the lockstep checker (its_lockstep.h / stimer_lockstep.h), and takes the transactions the
// SV monitors of tb/sv/tb.sv report (one DPI call per completed handshake, tb/dpi/tb_dpi.c):
// each goes to the checker and, for outputs, to the observation log the executor checks.
//
// Drivers only drive: each samples the ready signal of its own handshake in the per-cycle drive
// call, and no monitor touches driver state. A driver never narrows a value to fit a port: a
// request whose value does not fit is refused (an error report), not truncated.
#ifndef RTL_BE_H
#define RTL_BE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "exec.h"
#include "fcov.h"
#include "its_lockstep.h"
#include "ls_util.h"
#include "obs.h"
#include "scn.h"
#include "stimer_lockstep.h"
#include "tb_mem.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Cycles the reset driver holds reset (power-on and the `reset` line). */
#define RTL_BE_RESET_CYCLES 4

typedef struct {
  scn_block_t block;
  scn_config_t scn;  ///< bench settings: memory latency and stalls, output back-pressure
  // The RTL parameters, from the harness (tb.sv): the model gets the same.
  uint32_t num_rd;
  uint32_t msi_burst;  ///< its_top's MsiBurst (IMPDEF-ITS-14)
  uint32_t num_vp;
  bool feat_direct;
  bool scontrol_gate;
  bool compare;  ///< false: `--no-lockstep` (the model follows, nothing is compared)
  fcov_t *fcov;
  uint64_t seed;  ///< the bench's random back-pressure
  obs_log_t *log;
} rtl_be_cfg_t;

/** DUT outputs the ITS drivers sample at a clock edge. */
typedef struct {
  bool pready;
  bool msi_ready;
  tb_slave_in_t mem;  ///< the memory request and response-ready pins
  bool busy;
} rtl_its_in_t;

/** The ITS inputs the drivers drive for the next cycle. */
typedef struct {
  bool rst_n;
  bool psel, penable, pwrite;
  uint32_t paddr;
  uint64_t pwdata;
  uint8_t pstrb;
  uint32_t pdevid;
  bool msi_valid;
  uint32_t msi_devid, msi_eventid;
  tb_slave_out_t mem;
  bool rd_ready;
} rtl_its_pins_t;

typedef struct {
  bool pready;
  bool eoi_ready;
  tb_slave_in_t mem;
  bool busy;
} rtl_st_in_t;

typedef struct {
  bool rst_n;
  bool psel, penable, pwrite;
  uint32_t paddr;
  uint64_t pwdata;
  uint8_t pstrb;
  uint64_t now;
  tb_slave_out_t mem;
  bool irq_ready;
  bool eoi_valid;
  uint32_t eoi_vp, eoi_vector;
} rtl_st_pins_t;

typedef struct rtl_be rtl_be_t;

/** NULL, with the reason in `err`, when the model refuses the configuration. */
rtl_be_t *rtl_be_new(const rtl_be_cfg_t *cfg, char *err, size_t errlen);
void rtl_be_free(rtl_be_t *r);
exec_backend_t rtl_be_backend(rtl_be_t *r);

// ---- Per-cycle driver calls (one per block per clock edge) ----
// `sample` sees the DUT outputs of the cycle that ends at the edge and completes the drivers'
// handshakes; `pins` gives the inputs for the next cycle. The harness runs the executor between
// the two and then ends the cycle with rtl_be_tick().

// `pins` returns true when a pin of the APB master or of the MSI (ITS) or `now` and EOI
// (stimer) drivers differs from what the previous call gave, or at the first call: these change
// only when a request starts or completes, so tb.sv fetches them (`*_ctl`) only then; the reset,
// memory slave and output-ready pins are new at every edge.

void rtl_its_sample(rtl_be_t *r, const rtl_its_in_t *in);
bool rtl_its_pins(rtl_be_t *r, rtl_its_pins_t *out);
void rtl_st_sample(rtl_be_t *r, const rtl_st_in_t *in);
bool rtl_st_pins(rtl_be_t *r, rtl_st_pins_t *out);
/** The pins of the last `pins` call that returned true: their APB, MSI, `now` and EOI pins are
 *  those of the last call. */
const rtl_its_pins_t *rtl_its_ctl(const rtl_be_t *r);
const rtl_st_pins_t *rtl_st_ctl(const rtl_be_t *r);
void rtl_be_tick(rtl_be_t *r);

// ---- Monitors (one call per completed handshake, in the order of tb.sv) ----

void rtl_reset_seen(rtl_be_t *r);
void rtl_mem_req(rtl_be_t *r, uint64_t addr, bool we, uint64_t wdata, uint8_t be);
void rtl_mem_rsp(rtl_be_t *r, bool err);
void rtl_its_apb(rtl_be_t *r, const its_ls_access_t *a);
void rtl_its_msi(rtl_be_t *r, uint32_t devid, uint32_t eventid);
void rtl_its_rd(rtl_be_t *r, const its_rd_event_t *ev);
void rtl_its_retire(rtl_be_t *r, const its_retire_t *rt);
void rtl_st_apb(rtl_be_t *r, const stimer_ls_access_t *a);
void rtl_st_now(rtl_be_t *r, uint64_t now);
void rtl_st_eoi(rtl_be_t *r, uint32_t vp, uint32_t vector);
void rtl_st_irq(rtl_be_t *r, const stimer_irq_t *irq);
void rtl_st_retire(rtl_be_t *r, const stimer_retire_t *rt);

// ---- For the harness ----

/** The number of the clock edge being processed (1 for the first). */
uint64_t rtl_be_cycle(const rtl_be_t *r);
/** The last cycle with DUT bus activity (any handshake, retire or register completion). */
uint64_t rtl_be_last_activity(const rtl_be_t *r);
/** busy_o of the DUT at the last edge. */
bool rtl_be_dut_busy(const rtl_be_t *r);
/** True once the power-on reset was released. */
bool rtl_be_started(const rtl_be_t *r);
/** The checker of the block (the other one is NULL). */
its_lockstep_t *rtl_be_its(const rtl_be_t *r);
stimer_lockstep_t *rtl_be_stimer(const rtl_be_t *r);
/** The DUT's memory image. */
const tb_mem_t *rtl_be_dut_mem(const rtl_be_t *r);
/** Bytes of guest data held by the DUT's and the model's memory images (tb_mem_bytes). */
uint64_t rtl_be_mem_bytes(const rtl_be_t *r);
/** The model's memory image (the trace recorder observes the bench's writes to it). */
tb_mem_t *rtl_be_model_mem(rtl_be_t *r);
/** Errors of the bench itself (memory protocol, monitor and driver disagreements). */
ls_errors_t *rtl_be_errors(rtl_be_t *r);

#ifdef __cplusplus
}
#endif

#endif  // RTL_BE_H

// SPDX-License-Identifier: Apache-2.0
// DPI imports of the lockstep harness (tb.sv); the C side is tb/dpi/tb_dpi.c, checked against
// the generated Vtb__Dpi.h. Every call passes the bench object the C++ main attached
// (`tb_attach`). Monitors make one call per completed handshake, one import per transaction
// kind; the drivers of each DUT make one call per clock edge.
package tb_dpi_pkg;
  // The DUT a shared monitor reports for (tb/c/scn.h `scn_block_t`).
  localparam int unsigned BlkIts = 1;
  localparam int unsigned BlkStimer = 2;

  // The RTL parameters, at time 0: the model and the checker are built with the same. Returns
  // the DUT under test (BlkIts, BlkStimer, or 0: none, the run is skipped).
  import "DPI-C" function int unsigned tb_config(input chandle bench, input int unsigned num_rd,
                                         input int unsigned msi_burst,
                                         input int unsigned num_vp, input int unsigned feat_direct,
                                         input int unsigned scontrol_gate,
                                         input int unsigned record);

  // ---- Monitors (both DUTs) ----
  // The DUT's reset was asserted.
  import "DPI-C" function void tb_reset_mon(input chandle bench, input int unsigned blk);
  // A memory request was accepted (reads and writes: the responses come back in this order).
  import "DPI-C" function void tb_mem_req_mon(input chandle bench, input int unsigned blk,
                                              input longint unsigned addr, input bit we,
                                              input longint unsigned wdata, input int unsigned be);
  // A memory response was accepted; `err`: the access faulted.
  import "DPI-C" function void tb_mem_rsp_mon(input chandle bench, input int unsigned blk,
                                              input bit err);

  // ---- ITS monitors ----
  import "DPI-C" function void tb_its_apb_mon(input chandle bench, input int unsigned addr,
                                              input bit write, input longint unsigned wdata,
                                              input int unsigned strb, input int unsigned devid,
                                              input longint unsigned rdata, input bit slverr);
  import "DPI-C" function void tb_its_msi_mon(input chandle bench, input int unsigned devid,
                                              input int unsigned eventid);
  // The records the checker compares travel whole, as the packed structs of docs/enc/its.toml;
  // tb/dpi/tb_dpi.c unpacks them with the generated field tables (enc_rec_unpack).
  import "DPI-C" function void tb_its_rd_mon(input chandle bench,
                                             input bit [its_pkg::RD_EV_BITS-1:0] ev);
  import "DPI-C" function void tb_its_retire_mon(input chandle bench,
                                                 input bit [its_pkg::RETIRE_BITS-1:0] rt);

  // ---- stimer monitors ----
  import "DPI-C" function void tb_st_apb_mon(input chandle bench, input int unsigned addr,
                                             input bit write, input longint unsigned wdata,
                                             input int unsigned strb, input longint unsigned rdata,
                                             input bit slverr);
  import "DPI-C" function void tb_st_now_mon(input chandle bench, input longint unsigned now);
  import "DPI-C" function void tb_st_eoi_mon(input chandle bench, input int unsigned vp,
                                             input int unsigned vec);
  import "DPI-C" function void tb_st_irq_mon(input chandle bench,
                                             input bit [stimer_pkg::IRQ_BITS-1:0] irq);
  import "DPI-C" function void tb_st_retire_mon(input chandle bench,
                                                input bit [stimer_pkg::RETIRE_BITS-1:0] rt);

  // ---- Drivers: the ready/valid pins of their own handshakes in, the next pin values out ----
  // One call per edge gives the pins that change at any edge (reset, memory slave, output
  // ready) and `ctl`: the APB master's or the MSI driver's pins (stimer: APB, `now`, EOI)
  // changed, which happens only when a request starts or completes; only then does a second
  // call (`*_ctl`) fetch them, so the per-edge crossing carries 8 outputs instead of 18.
  import "DPI-C" function void tb_its_drive(
    input chandle bench, input bit pready, input bit msi_ready,
    input bit mreq_valid, input longint unsigned maddr, input bit mwe,
    input longint unsigned mwdata, input int unsigned mbe, input bit mrsp_ready, input bit busy,
    output bit ctl, output bit rst_n, output bit mreq_ready, output bit mrsp_valid,
    output longint unsigned mrdata, output bit mrsp_err, output bit rd_ready, output bit wave);
  import "DPI-C" function void tb_its_ctl(
    input chandle bench, output bit psel, output bit penable, output bit pwrite,
    output int unsigned paddr, output longint unsigned pwdata, output int unsigned pstrb,
    output int unsigned pdevid, output bit msi_valid, output int unsigned msi_devid,
    output int unsigned msi_eventid);

  import "DPI-C" function void tb_st_drive(
    input chandle bench, input bit pready, input bit eoi_ready,
    input bit mreq_valid, input longint unsigned maddr, input bit mwe,
    input longint unsigned mwdata, input int unsigned mbe, input bit mrsp_ready, input bit busy,
    output bit ctl, output bit rst_n, output bit mreq_ready, output bit mrsp_valid,
    output longint unsigned mrdata, output bit mrsp_err, output bit irq_ready, output bit wave);
  import "DPI-C" function void tb_st_ctl(
    input chandle bench, output bit psel, output bit penable, output bit pwrite,
    output int unsigned paddr, output longint unsigned pwdata, output int unsigned pstrb,
    output longint unsigned now, output bit eoi_valid, output int unsigned eoi_vp,
    output int unsigned eoi_vector);

  // ---- The waveform: the model's side of the last comparison (tb/c/ls_util.h ls_wave_t) ----
  // Called only at an edge whose driver call returned `wave` = 1 (the checker compared
  // something or the first divergence was reported), so the lockstep speed stays: the records
  // the checker compared last, the model's (exp) and the DUT's (act), the last write beats and
  // register read compared, and whether a divergence was reported.
  import "DPI-C" function void tb_its_wave(
    input chandle bench, output bit [its_pkg::RETIRE_BITS-1:0] exp_rt,
    output bit [its_pkg::RETIRE_BITS-1:0] act_rt, output bit [its_pkg::RD_EV_BITS-1:0] exp_rd,
    output bit [its_pkg::RD_EV_BITS-1:0] act_rd, output longint unsigned exp_mw_addr,
    output longint unsigned act_mw_addr, output longint unsigned exp_mw_data,
    output longint unsigned act_mw_data, output int unsigned exp_mw_be,
    output int unsigned act_mw_be, output bit exp_mw_fault, output bit act_mw_fault,
    output longint unsigned exp_rdata, output longint unsigned act_rdata, output bit mismatch);
  import "DPI-C" function void tb_st_wave(
    input chandle bench, output bit [stimer_pkg::RETIRE_BITS-1:0] exp_rt,
    output bit [stimer_pkg::RETIRE_BITS-1:0] act_rt, output bit [stimer_pkg::IRQ_BITS-1:0] exp_irq,
    output bit [stimer_pkg::IRQ_BITS-1:0] act_irq, output longint unsigned exp_mw_addr,
    output longint unsigned act_mw_addr, output longint unsigned exp_mw_data,
    output longint unsigned act_mw_data, output int unsigned exp_mw_be,
    output int unsigned act_mw_be, output bit exp_mw_fault, output bit act_mw_fault,
    output longint unsigned exp_rdata, output longint unsigned act_rdata, output bit mismatch);


  // ---- Trace encoder (tb_sim --record, docs/trace.md): once per edge, the stream of the DUT
  // under test's encoder (`fire`: a beat of `count` words was handed over at this edge);
  // returns its ready. ----
  import "DPI-C" function bit tb_trace_drain(input chandle bench, input bit enc_rst_n,
                                             input bit fire, input bit valid,
                                             input int unsigned count, input bit [511:0] beat);
endpackage

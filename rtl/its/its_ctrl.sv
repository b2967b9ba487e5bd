// SPDX-License-Identifier: Apache-2.0
// ITS serializer: the single point that orders register accesses, GITS_TRANSLATER MSIs, port
// MSIs and commands (docs/interfaces.md section 3.4).
//
// - An APB access in its access phase blocks every new dispatch and completes in the first cycle
//   with nothing in flight (so never in a retire cycle). A GITS_TRANSLATER write is first
//   dispatched as an MSI (kind 3) and completes after that MSI retired.
// - Otherwise port MSIs and commands share the engines: MSIs may overlap each other, a command
//   runs alone. IMPDEF-ITS-14: while a command waits, the waiting MSIs are dispatched first, at
//   most MsiBurst of them (counted since the last command dispatch), before the MSIs in flight
//   drain and the command goes; the lockstep checker holds both bounds.
`include "prj_assert.svh"

module its_ctrl #(
  parameter int unsigned MsiBurst = 4
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  // APB access waiting for completion (its_regs)
  input  logic               acc_i,
  input  logic               acc_msi_i,
  output logic               apb_done_o,
  // work sources
  input  logic               cmd_run_i,   // the command queue has work
  input  logic               xl_pend_i,   // an MSI waits in the input FIFO
  input  logic               xl_free_i,   // a translation slot is free
  // engines in flight (through their retire cycle)
  input  logic               ex_busy_i,
  input  logic               xl_busy_i,
  // retire
  input  logic               rt_valid_i,
  input  its_pkg::rt_kind_e  rt_kind_i,
  // dispatch
  output logic               disp_cmd_o,
  output logic               disp_msi_o,
  output logic               disp_tr_o
);

  localparam int unsigned BurstW = $clog2(MsiBurst + 1);

  logic              tr_done_q, tr_done_d;   // the TRANSLATER MSI of this access has retired
  logic [BurstW-1:0] burst_q, burst_d;       // MSIs dispatched while a command waits
  logic              inflight;

  assign inflight = ex_busy_i || xl_busy_i;

  always_comb begin
    apb_done_o = 1'b0;
    disp_cmd_o = 1'b0;
    disp_msi_o = 1'b0;
    disp_tr_o  = 1'b0;
    tr_done_d  = tr_done_q;
    burst_d    = burst_q;

    if (acc_i) begin
      if (acc_msi_i && !tr_done_q) begin
        disp_tr_o = !inflight;
      end else begin
        apb_done_o = !inflight;
      end
    end else if (!ex_busy_i) begin
      if (xl_pend_i && xl_free_i && (!cmd_run_i || burst_q < BurstW'(MsiBurst))) begin
        disp_msi_o = 1'b1;
      end else if (cmd_run_i && !xl_busy_i) begin
        disp_cmd_o = 1'b1;
      end
    end

    if (rt_valid_i && rt_kind_i == its_pkg::RT_TRANSLATER) tr_done_d = 1'b1;
    if (apb_done_o) tr_done_d = 1'b0;

    if (disp_cmd_o)                    burst_d = '0;
    else if (disp_msi_o && cmd_run_i)  burst_d = burst_q + BurstW'(1);
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      tr_done_q <= 1'b0;
      burst_q   <= '0;
    end else begin
      tr_done_q <= tr_done_d;
      burst_q   <= burst_d;
    end
  end

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(MsiBurstRange_A, MsiBurst >= 1)
  // The serialization rules of docs/interfaces.md section 3.4.
  `PRJ_ASSERT(NoApbDoneAtRetire_A, !(apb_done_o && rt_valid_i))
  `PRJ_ASSERT_IMPLY(NoApbDoneInFlight_A, apb_done_o, !inflight)
  `PRJ_ASSERT(OneDispatch_A, $onehot0({disp_cmd_o, disp_msi_o, disp_tr_o, apb_done_o}))
  `PRJ_ASSERT(CmdAlone_A, !(ex_busy_i && xl_busy_i))
  `PRJ_ASSERT_IMPLY(TrRetireOnlyInAccess_A, rt_valid_i && rt_kind_i == its_pkg::RT_TRANSLATER,
                    acc_i && acc_msi_i && !tr_done_q)
`endif

endmodule

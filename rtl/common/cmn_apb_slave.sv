// SPDX-License-Identifier: Apache-2.0
// APB4 slave handshake (64-bit data) shared by both blocks: the access phase is a request to the
// block, and pready/prdata/pslverr come from the block's completion.
//
// - RegOut = 0 (its): the block completes an access in the cycle it raises `done_i`; pready,
//   prdata and pslverr follow `done_i` combinationally and prdata is 0 in every other cycle.
//   `req_valid_o` is high for the whole access phase (`req_ready_i` is not used).
// - RegOut = 1 (stimer): `req_valid_o` offers the access once, until `req_ready_i` takes it;
//   pready, prdata and pslverr are registered and rise the cycle after `done_i`; prdata keeps its
//   last value in between.
// In both modes `err_i` and `rdata_i` are sampled with `done_i`, while the master still holds the
// access (asserted below); a write or an error completion reads 0.
`include "prj_assert.svh"

module cmn_apb_slave #(
  parameter int unsigned AddrW  = 17,
  parameter bit          RegOut = 1'b0
) (
  input  logic             clk_i,
  input  logic             rst_ni,
  // APB4 slave
  input  logic             apb_psel_i,
  input  logic             apb_penable_i,
  input  logic             apb_pwrite_i,
  input  logic [AddrW-1:0] apb_paddr_i,
  input  logic [63:0]      apb_pwdata_i,
  input  logic [7:0]       apb_pstrb_i,
  output logic             apb_pready_o,
  output logic [63:0]      apb_prdata_o,
  output logic             apb_pslverr_o,
  // towards the block
  output logic             req_valid_o,  // the access (RegOut = 1: not yet handed over)
  input  logic             req_ready_i,  // RegOut = 1: the block takes the access
  input  logic             done_i,       // the block completes the access (see RegOut)
  input  logic             err_i,        // with done_i: the access fails (pslverr)
  input  logic [63:0]      rdata_i,      // with done_i: the read data
  output logic             cpl_o         // the access completes (pready) in this cycle
);

  logic        acc;
  logic [63:0] rsp_data;

  assign acc      = apb_psel_i && apb_penable_i;
  assign rsp_data = (err_i || apb_pwrite_i) ? '0 : rdata_i;

  if (RegOut) begin : g_reg
    logic        busy_q, busy_d;        // handed over, not yet done
    logic        pready_q, pready_d;
    logic [63:0] prdata_q, prdata_d;
    logic        pslverr_q, pslverr_d;

    assign req_valid_o = acc && !busy_q && !pready_q;

    always_comb begin
      busy_d    = busy_q;
      pready_d  = 1'b0;
      prdata_d  = prdata_q;
      pslverr_d = 1'b0;
      if (req_valid_o && req_ready_i) begin
        busy_d = 1'b1;
      end
      if (busy_q && done_i) begin
        busy_d    = 1'b0;
        pready_d  = 1'b1;
        pslverr_d = err_i;
        prdata_d  = rsp_data;
      end
    end

    always_ff @(posedge clk_i or negedge rst_ni) begin
      if (!rst_ni) begin
        busy_q    <= 1'b0;
        pready_q  <= 1'b0;
      end else begin
        busy_q    <= busy_d;
        pready_q  <= pready_d;
      end
    end

    // No reset: the response, read by the requester only with pready_q (APB: PRDATA and PSLVERR are
    // valid in the cycle PREADY is high); pslverr_d is 0 outside that cycle.
    always_ff @(posedge clk_i) begin
      prdata_q  <= prdata_d;
      pslverr_q <= pslverr_d;
    end

    assign apb_pready_o  = pready_q;
    assign apb_prdata_o  = prdata_q;
    assign apb_pslverr_o = pslverr_q;
    assign cpl_o         = pready_q && acc;
  end else begin : g_comb
    assign req_valid_o   = acc;
    assign apb_pready_o  = done_i;
    assign apb_prdata_o  = done_i ? rsp_data : '0;
    assign apb_pslverr_o = done_i && err_i;
    assign cpl_o         = done_i;

    // No state: the clock, the reset and the hand-over are not needed.
    logic unused_comb;
    assign unused_comb = ^{clk_i, rst_ni, req_ready_i};
  end

  // The address, data and strobes are decoded by the block; here they are only checked.
  logic unused_apb;
  assign unused_apb = ^{apb_paddr_i, apb_pwdata_i, apb_pstrb_i};

`ifdef PRJ_ASSERT_ON
  // APB4: the access phase follows the setup phase, and address, control and data are stable
  // until pready.
  `PRJ_ASSERT_IMPLY(ApbSetup_A, apb_penable_i, apb_psel_i)
  `PRJ_ASSERT_NEXT_STABLE(ApbStable_A, acc && !apb_pready_o, apb_psel_i && apb_penable_i,
                          {apb_paddr_i, apb_pwrite_i, apb_pwdata_i, apb_pstrb_i})
  `PRJ_ASSERT_IMPLY(PreadyInAccess_A, apb_pready_o, acc)
`endif

endmodule

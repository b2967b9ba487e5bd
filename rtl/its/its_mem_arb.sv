// SPDX-License-Identifier: Apache-2.0
// ITS memory port: fixed-priority arbiter over the request sources (command fetch, table walker,
// MSI slots) with an in-order tag FIFO that routes each response back to its source. Only one
// source is active at a time in practice (the serializer runs a command alone), so the priority
// order does not matter for performance; the grant is locked while a request is back-pressured.
// Responses are always accepted (mem_rsp_ready_o = 1).
`include "prj_assert.svh"

module its_mem_arb #(
  parameter int unsigned NumSrc = 3,
  parameter int unsigned MaxOut = 8,
  localparam int unsigned RW    = its_pkg::MEM_REQ_W,
  localparam int unsigned SrcW  = (NumSrc > 1) ? $clog2(NumSrc) : 1
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // sources
  input  logic [NumSrc-1:0]    src_valid_i,
  output logic [NumSrc-1:0]    src_ready_o,
  input  logic [NumSrc*RW-1:0] src_req_i,
  output logic [NumSrc-1:0]    src_rsp_valid_o,
  // memory master
  output logic                 mem_req_valid_o,
  input  logic                 mem_req_ready_i,
  output its_pkg::mem_req_t    mem_req_o,
  input  logic                 mem_rsp_valid_i,
  output logic                 mem_rsp_ready_o
);

  logic            lock_q, lock_d;
  logic [SrcW-1:0] lock_src_q, lock_src_d;
  logic [SrcW-1:0] grant;
  logic            any, tag_full, tag_empty, hs;
  logic [SrcW-1:0] tag_head;

  always_comb begin
    any   = 1'b0;
    grant = '0;
    for (int i = NumSrc - 1; i >= 0; i--) begin
      if (src_valid_i[i]) begin
        any   = 1'b1;
        grant = SrcW'(i);
      end
    end
    if (lock_q) begin
      any   = 1'b1;
      grant = lock_src_q;
    end
  end

  assign mem_req_valid_o = any && !tag_full;
  assign mem_req_o       = src_req_i[grant*RW +: RW];
  assign hs              = mem_req_valid_o && mem_req_ready_i;
  assign lock_d          = mem_req_valid_o && !mem_req_ready_i;
  assign lock_src_d      = grant;

  // Two processes: the response routing must not look combinationally dependent on the request
  // valids (a source may issue in the cycle its response arrives).
  always_comb begin
    src_ready_o        = '0;
    src_ready_o[grant] = mem_req_ready_i && !tag_full;
  end
  always_comb begin
    src_rsp_valid_o           = '0;
    src_rsp_valid_o[tag_head] = mem_rsp_valid_i;
  end
  assign mem_rsp_ready_o = 1'b1;

  cmn_fifo #(.Width(SrcW), .Depth(MaxOut)) u_tag_fifo (
    .clk_i,
    .rst_ni,
    .push_i  (hs),
    .data_i  (grant),
    .pop_i   (mem_rsp_valid_i),
    .data_o  (tag_head),
    .empty_o (tag_empty),
    .full_o  (tag_full)
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lock_q     <= 1'b0;
      lock_src_q <= '0;
    end else begin
      lock_q     <= lock_d;
      lock_src_q <= lock_src_d;
    end
  end

  logic unused_arb;
  assign unused_arb = tag_empty;  // assertions only

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(Params_A, NumSrc >= 1 && MaxOut >= 1)
  `PRJ_ASSERT(RspExpected_A, mem_rsp_valid_i |-> !tag_empty)
  `PRJ_ASSERT(LockedSrcHolds_A, lock_q |-> src_valid_i[lock_src_q])
`endif

endmodule

// SPDX-License-Identifier: Apache-2.0
// ITS memory port: fixed-priority arbitration (cmn_arb) over the request sources (command fetch,
// table walker, MSI slots) with an in-order tag FIFO that routes each response back to its
// source. Only one source is active at a time in practice (the serializer runs a command alone),
// so the priority order does not matter for performance; the grant is locked while a request is
// back-pressured. Responses are always accepted (mem_rsp_ready_o = 1).
`include "prj_assert.svh"

module its_mem_arb #(
  parameter int unsigned NumSrc = 3,
  parameter int unsigned MaxOut = 8,
  localparam int unsigned RW    = cmn_pkg::MEM_REQ_W,
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
  output cmn_pkg::mem_req_t    mem_req_o,
  input  logic                 mem_rsp_valid_i,
  output logic                 mem_rsp_ready_o
);

  logic            lock;
  logic [SrcW-1:0] grant;
  logic            any, tag_full, tag_empty, hs;
  logic [SrcW-1:0] tag_head;

  // Lowest source index first; the grant stays while the request is back-pressured.
  cmn_arb #(
    .NumReq (NumSrc)
  ) u_arb (
    .clk_i,
    .rst_ni,
    .req_i    (src_valid_i),
    .first_i  ('0),
    .hold_i   (mem_req_valid_o && !mem_req_ready_i),
    .valid_o  (any),
    .idx_o    (grant),
    .locked_o (lock)
  );

  assign mem_req_valid_o = any && !tag_full;
  assign mem_req_o       = src_req_i[grant*RW +: RW];
  assign hs              = mem_req_valid_o && mem_req_ready_i;

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

  logic unused_arb;
  assign unused_arb = ^{tag_empty, lock};  // assertions only

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(Params_A, NumSrc >= 1 && MaxOut >= 1)
  `PRJ_ASSERT(RspExpected_A, mem_rsp_valid_i |-> !tag_empty)
  `PRJ_ASSERT(LockedSrcHolds_A, lock |-> src_valid_i[grant])
`endif

endmodule

// SPDX-License-Identifier: Apache-2.0
// ITS memory port: fixed-priority arbitration (a parked grant register, below) over the
// request sources (command fetch, table walker, MSI slots) with an in-order tag FIFO that
// routes each response back to its source. Only one source is active at a time in practice
// (the serializer runs a command alone), so the port is parked on one source: the grant is a
// register that moves, for the next cycle, to
// the lowest-numbered requesting source when the granted source does not request; a switch costs
// one cycle. A source's ready therefore depends on registers only (no valid-to-ready path through
// the arbitration). Responses are always accepted (mem_rsp_ready_o = 1).
//
// The memory request leaves through a register slice (an output register and a skid register):
// mem_req_valid_o and the request come from flops, and mem_req_ready_i only reaches flops, so no
// source logic (the MSI slot multiplexers, the address arithmetic) is on a path from or to the
// memory port. A source's request is taken when the skid register is empty (a registered ready):
// full throughput, one cycle more of latency per beat.
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

  logic [SrcW-1:0] grant_q, grant_d;
  logic            tag_full, tag_empty, take;
  logic [SrcW-1:0] tag_head;
  logic            in_ready;
  logic [RW-1:0]   in_req;

  // Register slice: output register (ov/od) and skid register (sv/sd).
  logic            ov_q, ov_d, sv_q, sv_d;
  logic [RW-1:0]   od_q, od_d, sd_q, sd_d;

  // Parked grant: stays while the granted source requests (its request, once presented, is held
  // until taken), else moves to the lowest-numbered requesting source.
  always_comb begin
    grant_d = grant_q;
    if (!src_valid_i[grant_q]) begin
      for (int i = NumSrc - 1; i >= 0; i--) begin
        if (src_valid_i[i]) grant_d = SrcW'(i);
      end
    end
  end

  assign in_ready = !sv_q && !tag_full;
  assign in_req   = src_req_i[grant_q*RW +: RW];
  assign take     = src_valid_i[grant_q] && in_ready;

  always_comb begin
    ov_d = ov_q;
    od_d = od_q;
    sv_d = sv_q;
    sd_d = sd_q;
    // The data registers load whenever they may (from the output register's and the skid
    // register's state and mem_req_ready_i only): only the valid bits depend on `take`, so the
    // sources' request valids do not reach the data registers' enables.
    if (!ov_q || mem_req_ready_i) begin
      // The output register is free at the next edge: refill it from the skid register first.
      if (sv_q) begin
        ov_d = 1'b1;
        od_d = sd_q;
        sv_d = 1'b0;
      end else begin
        ov_d = take;
        od_d = in_req;
      end
    end else if (!sv_q) begin
      sv_d = take;
      sd_d = in_req;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      grant_q <= '0;
      ov_q    <= 1'b0;
      sv_q    <= 1'b0;
    end else begin
      grant_q <= grant_d;
      ov_q    <= ov_d;
      sv_q    <= sv_d;
    end
  end

  // No reset: the slice's data registers, read only while ov_q / sv_q is set (docs/its-uarch.md,
  // Resets).
  always_ff @(posedge clk_i) begin
    od_q <= od_d;
    sd_q <= sd_d;
  end

  assign mem_req_valid_o = ov_q;
  assign mem_req_o       = od_q;

  // Two processes: the response routing must not look combinationally dependent on the request
  // valids (a source may issue in the cycle its response arrives).
  always_comb begin
    src_ready_o        = '0;
    src_ready_o[grant_q] = in_ready;
  end
  always_comb begin
    src_rsp_valid_o           = '0;
    src_rsp_valid_o[tag_head] = mem_rsp_valid_i;
  end
  assign mem_rsp_ready_o = 1'b1;

  // The tag of a request is pushed when the slice takes it: the slice keeps the order, so the
  // tags are in response order.
  cmn_fifo #(.Width(SrcW), .Depth(MaxOut)) u_tag_fifo (
    .clk_i,
    .rst_ni,
    .push_i  (take),
    .data_i  (grant_q),
    .pop_i   (mem_rsp_valid_i),
    .data_o  (tag_head),
    .empty_o (tag_empty),
    .full_o  (tag_full)
  );

  logic unused_arb;
  assign unused_arb = tag_empty;  // assertions only

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(Params_A, NumSrc >= 1 && MaxOut >= 1)
  `PRJ_ASSERT_IMPLY(RspExpected_A, mem_rsp_valid_i, !tag_empty)
  // A request presented to the port stays until taken (so the parked grant cannot leave it).
  `PRJ_ASSERT_NEXT_PAST(SrcHolds_A, src_valid_i[grant_q] && !in_ready, grant_q,
                        src_valid_i[SrcHolds_A_past])
  `PRJ_ASSERT_IMPLY(SkidOnlyWhenFull_A, sv_q, ov_q)
`endif

endmodule

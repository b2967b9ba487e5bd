// SPDX-License-Identifier: Apache-2.0
// Word ring of the trace encoder (cmn_trace_enc, docs/trace.md): takes a group of up to `Lanes`
// words per cycle (whole records: `in_end_i` marks the last word of each) and gives beats of up
// to `Lanes` words, every beat the whole records of the first `Lanes` words held. So a beat may
// carry the records of several clock edges, and a sink that is not ready only fills the ring.
//
// Storage is `Lanes` banks of `Rows` words (word n in bank n mod Lanes, row n / Lanes), each bank
// written and read at its own row, so a group at any position is a rotation of the lanes, never
// a crossbar of every word; the banks have no reset (read only below the fill level) and map to
// distributed RAM.
`include "prj_assert.svh"

module cmn_trace_ring #(
  parameter int unsigned Lanes = 8,  // words per group and beat (a power of two, >= 2)
  parameter int unsigned Rows  = 16, // words per bank (a power of two, >= 2)
  localparam int unsigned LaneW = $clog2(Lanes),
  localparam int unsigned RowW  = $clog2(Rows),
  localparam int unsigned PtrW  = LaneW + RowW,
  localparam int unsigned CntW  = $clog2(Lanes + 1)
) (
  input  logic                  clk_i,
  input  logic                  rst_ni,
  input  logic                  in_valid_i,
  input  logic [Lanes*64-1:0]   in_data_i,   // word 0 in bits 63:0
  input  logic [Lanes-1:0]      in_end_i,    // word k is the last of its record
  input  logic [CntW-1:0]       in_count_i,  // words of the group (1..Lanes)
  output logic                  in_ready_o,  // room for the group
  output logic                  out_valid_o,
  output logic [Lanes*64-1:0]   out_data_o,  // words past out_count_o are not defined
  output logic [CntW-1:0]       out_count_o,
  input  logic                  out_ready_i
);
  logic [PtrW-1:0] wp_q, wp_d, rp_q, rp_d;
  logic [PtrW:0]   fill_q, fill_d;
  logic            push, pop;

  // Per bank, flat (Yosys 0.23 reads no slice of an unpacked array element).
  logic [Lanes-1:0]       bk_we;
  logic [Lanes*RowW-1:0]  bk_wrow, bk_rrow;
  logic [Lanes*65-1:0]    bk_wdata, bk_rdata;
  logic [Lanes*LaneW-1:0] bk_j, bk_k;
  logic [LaneW-1:0]       wlo, rlo;
  logic [Lanes-1:0]       out_end;

  assign wlo = wp_q[LaneW-1:0];
  assign rlo = rp_q[LaneW-1:0];
  assign in_ready_o = (32'(fill_q) + 32'(in_count_i)) <= Lanes * Rows;
  assign push = in_valid_i && in_ready_o;

  // Bank b takes group word j = (b - wp) mod Lanes, in the row after wp's when it wraps.
  always_comb begin
    for (int unsigned b = 0; b < Lanes; b++) begin
      bk_j[b*LaneW +: LaneW] = LaneW'(b) - wlo;
      bk_we[b] = push && (CntW'(bk_j[b*LaneW +: LaneW]) < in_count_i);
      bk_wrow[b*RowW +: RowW] = wp_q[PtrW-1:LaneW] + RowW'(LaneW'(b) < wlo);
      bk_wdata[b*65 +: 65] = {in_end_i[bk_j[b*LaneW +: LaneW]],
                              in_data_i[32'(bk_j[b*LaneW +: LaneW])*64 +: 64]};
      bk_rrow[b*RowW +: RowW] = rp_q[PtrW-1:LaneW] + RowW'(LaneW'(b) < rlo);
    end
  end

  for (genvar b = 0; b < Lanes; b++) begin : g_bank
    logic [64:0] mem_q [Rows];
    always_ff @(posedge clk_i) begin
      if (bk_we[b]) mem_q[bk_wrow[b*RowW +: RowW]] <= bk_wdata[b*65 +: 65];
    end
    assign bk_rdata[b*65 +: 65] = mem_q[bk_rrow[b*RowW +: RowW]];
  end

  // Beat lane k is word rp + k, in bank (rp + k) mod Lanes; the beat ends after the last record
  // end within the fill level (records are at most Lanes words, so a non-empty ring always has
  // one).
  always_comb begin
    out_count_o = '0;
    for (int unsigned k = 0; k < Lanes; k++) begin
      bk_k[k*LaneW +: LaneW] = rlo + LaneW'(k);
      out_data_o[k*64 +: 64] = bk_rdata[32'(bk_k[k*LaneW +: LaneW])*65 +: 64];
      out_end[k] = bk_rdata[32'(bk_k[k*LaneW +: LaneW])*65 + 64];
      if (32'(fill_q) > k && out_end[k]) out_count_o = CntW'(k + 1);
    end
  end
  assign out_valid_o = (fill_q != '0);
  assign pop = out_valid_o && out_ready_i;

  always_comb begin
    wp_d   = push ? wp_q + PtrW'(in_count_i) : wp_q;
    rp_d   = pop ? rp_q + PtrW'(out_count_o) : rp_q;
    fill_d = fill_q + (push ? (PtrW + 1)'(in_count_i) : '0) - (pop ? (PtrW + 1)'(out_count_o) : '0);
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      wp_q   <= '0;
      rp_q   <= '0;
      fill_q <= '0;
    end else begin
      wp_q   <= wp_d;
      rp_q   <= rp_d;
      fill_q <= fill_d;
    end
  end

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(LanesPow2_A, Lanes >= 2 && (Lanes & (Lanes - 1)) == 0)
  `PRJ_ASSERT_INIT(RowsPow2_A, Rows >= 2 && (Rows & (Rows - 1)) == 0)
  `PRJ_ASSERT_IMPLY(GroupCount_A, in_valid_i, in_count_i != '0 && 32'(in_count_i) <= Lanes)
  `PRJ_ASSERT_IMPLY(GroupEnds_A, in_valid_i, in_end_i[LaneW'(in_count_i - CntW'(1))])
  `PRJ_ASSERT_IMPLY(BeatWhole_A, out_valid_o, out_count_o != '0)
`endif
endmodule

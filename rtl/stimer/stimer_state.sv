// SPDX-License-Identifier: Apache-2.0
// stimer per-VP state. The 64-bit registers of every VP (SINT0..15, SCONTROL, SIEFP, SIMP,
// STIMERn_CONFIG/COUNT) and the internal exp_time of each timer live in one single-port RAM of
// 32 doublewords per VP; only a 2-bit scheduling state per timer (stimer_pkg::tstate_e) is kept in
// flops, so that the pass scan can find candidate timers without reading the RAM. After reset the
// RAM is written with the register reset values (one word per cycle) before any access is served.
module stimer_state #(
  parameter int unsigned NumVp = 4,
  localparam int unsigned VpW   = (NumVp > 1) ? $clog2(NumVp) : 1,
  localparam int unsigned Depth = NumVp * stimer_pkg::VpWords,
  localparam int unsigned RamAw = $clog2(Depth)
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  output logic                         init_busy_o,
  // RAM port, requester 0 = the MSR engine, requester 1 = the scheduler (`sel_sched_i`)
  input  logic                         sel_sched_i,
  input  logic                         msr_req_i,
  input  logic                         msr_we_i,
  input  logic [VpW-1:0]               msr_vp_i,
  input  logic [stimer_pkg::WordW-1:0] msr_widx_i,
  input  logic [63:0]                  msr_wdata_i,
  input  logic                         sch_req_i,
  input  logic                         sch_we_i,
  input  logic [VpW-1:0]               sch_vp_i,
  input  logic [stimer_pkg::WordW-1:0] sch_widx_i,
  input  logic [63:0]                  sch_wdata_i,
  output logic [63:0]                  rdata_o,
  // timer state write (one timer) and acknowledge (TS_PEND -> TS_ACKED for the masked timers)
  input  logic                         ts_we_i,
  input  logic [VpW-1:0]               ts_vp_i,
  input  logic [1:0]                   ts_timer_i,
  input  stimer_pkg::tstate_e          ts_state_i,
  input  logic                         ack_i,
  input  logic [VpW-1:0]               ack_vp_i,
  input  logic [3:0]                   ack_mask_i,
  // timer state read-out
  input  logic [VpW-1:0]               rd_vp_a_i,     // scheduler's VP
  output logic [3:0]                   cand_a_o,      // timers of that VP that may be due
  input  logic [VpW-1:0]               rd_vp_b_i,     // MSR engine's VP
  output logic [3:0]                   pend_b_o,      // timers of that VP waiting for an ack
  output logic [NumVp-1:0]             vp_cand_o,     // VP has a timer that may be due
  output logic                         any_acked_o    // some timer was acknowledged
);

  // ---------------------------------------------------------------------------------------------
  // Reset initialisation of the RAM: every word gets its register reset value.
  // IMPDEF: IMPDEF-ST-3 reset touches only this RAM, never the SIM page (the bench zeroes it).
  // ---------------------------------------------------------------------------------------------
  logic             init_d, init_q;
  logic [RamAw-1:0] init_addr_d, init_addr_q;

  always_comb begin
    init_d      = init_q;
    init_addr_d = init_addr_q;
    if (init_q) begin
      init_addr_d = init_addr_q + RamAw'(1);
      if (init_addr_q == RamAw'(Depth - 1)) begin
        init_d = 1'b0;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      init_q      <= 1'b1;
      init_addr_q <= '0;
    end else begin
      init_q      <= init_d;
      init_addr_q <= init_addr_d;
    end
  end

  assign init_busy_o = init_q;

  // ---------------------------------------------------------------------------------------------
  // RAM and its port multiplexer
  // ---------------------------------------------------------------------------------------------
  logic             ram_req, ram_we;
  logic [RamAw-1:0] ram_addr;
  logic [63:0]      ram_wdata;

  always_comb begin
    if (init_q) begin
      ram_req   = 1'b1;
      ram_we    = 1'b1;
      ram_addr  = init_addr_q;
      // SINT0..15 (words 0..15) reset to Masked; every other register to 0.
      // IMPDEF: IMPDEF-ST-7 SCONTROL resets to 0 (TLFS).
      ram_wdata = (init_addr_q[stimer_pkg::WordW-1:4] == '0) ? stimer_pkg::SINT_RESET_Q : '0;
    end else if (sel_sched_i) begin
      ram_req   = sch_req_i;
      ram_we    = sch_we_i;
      ram_addr  = RamAw'({sch_vp_i, sch_widx_i});
      ram_wdata = sch_wdata_i;
    end else begin
      ram_req   = msr_req_i;
      ram_we    = msr_we_i;
      ram_addr  = RamAw'({msr_vp_i, msr_widx_i});
      ram_wdata = msr_wdata_i;
    end
  end

  stimer_ram_1p #(
    .Depth(Depth),
    .Width(64)
  ) u_ram (
    .clk_i,
    .req_i  (ram_req),
    .we_i   (ram_we),
    .addr_i (ram_addr),
    .wdata_i(ram_wdata),
    .rdata_o(rdata_o)
  );

  // ---------------------------------------------------------------------------------------------
  // Timer scheduling state: 2 flops per timer; timer t of VP v is ts_q[2*(4*v+t) +: 2] (flat
  // vectors: Yosys 0.23 reads no multi-dimensional packed arrays)
  // ---------------------------------------------------------------------------------------------
  logic [8*NumVp-1:0] ts_d, ts_q;

  always_comb begin
    ts_d = ts_q;
    for (int v = 0; v < NumVp; v++) begin
      for (int t = 0; t < 4; t++) begin
        if (ack_i && (ack_vp_i == VpW'(v)) && ack_mask_i[t] &&
            (ts_q[2*(4*v+t)+:2] == stimer_pkg::TS_PEND)) begin
          ts_d[2*(4*v+t)+:2] = stimer_pkg::TS_ACKED;
        end
        if (ts_we_i && (ts_vp_i == VpW'(v)) && (ts_timer_i == 2'(t))) begin
          ts_d[2*(4*v+t)+:2] = ts_state_i;
        end
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      ts_q <= '0;  // TS_IDLE
    end else begin
      ts_q <= ts_d;
    end
  end

  // Per timer (bit 4*v+t): may be due (armed or acknowledged), waiting, acknowledged.
  logic [4*NumVp-1:0] cand, pend, acked;

  always_comb begin
    for (int i = 0; i < 4 * NumVp; i++) begin
      cand[i]  = (ts_q[2*i+:2] == stimer_pkg::TS_ARMED) || (ts_q[2*i+:2] == stimer_pkg::TS_ACKED);
      pend[i]  = (ts_q[2*i+:2] == stimer_pkg::TS_PEND);
      acked[i] = (ts_q[2*i+:2] == stimer_pkg::TS_ACKED);
    end
    for (int v = 0; v < NumVp; v++) begin
      vp_cand_o[v] = |cand[4*v+:4];
    end
  end

  // A VP index at or above NumVp (only possible when NumVp is not a power of two) reads as idle.
  assign cand_a_o    = (32'(rd_vp_a_i) < NumVp) ? cand[4*rd_vp_a_i+:4] : 4'h0;
  assign pend_b_o    = (32'(rd_vp_b_i) < NumVp) ? pend[4*rd_vp_b_i+:4] : 4'h0;
  assign any_acked_o = |acked;

endmodule

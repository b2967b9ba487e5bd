// SPDX-License-Identifier: Apache-2.0
// ITS block testbench (not synthesized, no delays: everything runs from the clock that the C++
// main toggles). A sequencer steps through a program of operations (APB accesses, command
// queue writes, MSIs, memory back-door accesses, expectations); a checker compares every memory
// write beat, redistributor event and retire record of the DUT, in order, against the expected
// stream. Any mismatch or timeout is a $fatal; a clean run ends with "PASS" and $finish.
//
// Plusargs: +bench selects the benchmark program (prints cycle figures, checks outcomes only),
// +stress a random mix of MSIs, GITS_TRANSLATER writes, commands and register polls (checks
// outcomes, counts and every assertion, not the order between operations).
module tb_its #(
  parameter int unsigned MsiSlots     = 4,  // DUT configuration (variants: -G on the command line)
  parameter int unsigned MsiFifoDepth = 4,
  parameter int unsigned MemMaxOut    = 8,
  parameter int unsigned MsiBurst     = 4,
  parameter bit          MsiRspBypass = 1'b1
) (
  input  logic clk_i,
  output logic pass_o,  // set with the final $finish of a clean run
  output logic done_o   // benchmark: the run ended (no $finish, so only figures are printed)
);

  localparam int unsigned NumRd = 4;

  // -------------------------------------------------------------------------------------------
  // Clock cycle counter and reset
  // -------------------------------------------------------------------------------------------
  logic [31:0] cyc;
  logic        rst_n;
  initial begin
    cyc    = '0;
    rst_n  = 1'b0;
    pass_o = 1'b0;
    done_o = 1'b0;
  end
  always @(posedge clk_i) begin
    cyc <= cyc + 1;
    if (cyc == 32'd4) rst_n <= 1'b1;
  end

  // -------------------------------------------------------------------------------------------
  // DUT
  // -------------------------------------------------------------------------------------------
  logic        psel, penable, pwrite, pready, pslverr;
  logic [16:0] paddr;
  logic [63:0] pwdata, prdata;
  logic [7:0]  pstrb;
  logic [15:0] pdevid;
  logic        msi_valid, msi_ready;
  logic [15:0] msi_devid;
  logic [31:0] msi_eventid;
  logic        mreq_valid, mreq_ready, mreq_we, mrsp_valid, mrsp_ready, mrsp_err;
  logic [63:0] mreq_addr, mreq_wdata, mrsp_rdata;
  logic [7:0]  mreq_be;
  logic        rd_valid, rd_ready;
  logic [2:0]  rd_kind;
  logic [15:0] rd_rd, rd_rd2;
  logic [31:0] rd_intid;
  logic        rt_valid;
  logic [1:0]  rt_kind, rt_outcome;
  logic [19:0] rt_offset;
  logic [7:0]  rt_opcode;
  logic [23:0] rt_error;
  logic [15:0] rt_devid;
  logic [31:0] rt_eventid;
  logic        busy;

  its_top #(
    .NumRd        (NumRd),
    .MsiFifoDepth (MsiFifoDepth),
    .MsiSlots     (MsiSlots),
    .MemMaxOut    (MemMaxOut),
    .MsiBurst     (MsiBurst),
    .MsiRspBypass (MsiRspBypass)
  ) dut (
    .clk_i,
    .rst_ni          (rst_n),
    .apb_psel_i      (psel),
    .apb_penable_i   (penable),
    .apb_pwrite_i    (pwrite),
    .apb_paddr_i     (paddr),
    .apb_pwdata_i    (pwdata),
    .apb_pstrb_i     (pstrb),
    .apb_pdevid_i    (pdevid),
    .apb_pready_o    (pready),
    .apb_prdata_o    (prdata),
    .apb_pslverr_o   (pslverr),
    .msi_valid_i     (msi_valid),
    .msi_ready_o     (msi_ready),
    .msi_devid_i     (msi_devid),
    .msi_eventid_i   (msi_eventid),
    .mem_req_valid_o (mreq_valid),
    .mem_req_ready_i (mreq_ready),
    .mem_req_addr_o  (mreq_addr),
    .mem_req_we_o    (mreq_we),
    .mem_req_wdata_o (mreq_wdata),
    .mem_req_be_o    (mreq_be),
    .mem_rsp_valid_i (mrsp_valid),
    .mem_rsp_ready_o (mrsp_ready),
    .mem_rsp_rdata_i (mrsp_rdata),
    .mem_rsp_err_i   (mrsp_err),
    .rd_valid_o      (rd_valid),
    .rd_ready_i      (rd_ready),
    .rd_kind_o       (rd_kind),
    .rd_rd_o         (rd_rd),
    .rd_rd2_o        (rd_rd2),
    .rd_intid_o      (rd_intid),
    .rt_valid_o      (rt_valid),
    .rt_kind_o       (rt_kind),
    .rt_offset_o     (rt_offset),
    .rt_opcode_o     (rt_opcode),
    .rt_outcome_o    (rt_outcome),
    .rt_error_o      (rt_error),
    .rt_devid_o      (rt_devid),
    .rt_eventid_o    (rt_eventid),
    .busy_o          (busy)
  );

  // -------------------------------------------------------------------------------------------
  // Memory
  // -------------------------------------------------------------------------------------------
  logic [31:0]  mem_lat;
  logic         mem_bp, rd_bp;
  logic [63:0]  flo, fhi;
  logic [3:0]   bd_we;
  logic [63:0]  bd_addr, bd_raddr, bd_rdata;
  logic [255:0] bd_wdata;

  tb_its_mem u_mem (
    .clk_i,
    .rst_ni      (rst_n),
    .cyc_i       (cyc),
    .req_valid_i (mreq_valid),
    .req_ready_o (mreq_ready),
    .req_addr_i  (mreq_addr),
    .req_we_i    (mreq_we),
    .req_wdata_i (mreq_wdata),
    .req_be_i    (mreq_be),
    .rsp_valid_o (mrsp_valid),
    .rsp_ready_i (mrsp_ready),
    .rsp_rdata_o (mrsp_rdata),
    .rsp_err_o   (mrsp_err),
    .lat_i       (mem_lat),
    .bp_i        (mem_bp),
    .flo_i       (flo),
    .fhi_i       (fhi),
    .bd_we_i     (bd_we),
    .bd_addr_i   (bd_addr),
    .bd_wdata_i  (bd_wdata),
    .bd_raddr_i  (bd_raddr),
    .bd_rdata_o  (bd_rdata)
  );

  // -------------------------------------------------------------------------------------------
  // Program, expected stream, MSI queue
  // -------------------------------------------------------------------------------------------
  `include "tb_its_prog.svh"

  // Redistributor back-pressure.
  always @(posedge clk_i) rd_ready <= !rd_bp || (($urandom % 3) != 0);

  // MSI driver: presents queued MSIs back to back.
  int unsigned mq_rp;
  assign msi_valid   = rst_n && (mq_rp != mq_wp);
  assign msi_devid   = mq_dev[mq_rp % MQ];
  assign msi_eventid = mq_ev[mq_rp % MQ];
  always @(posedge clk_i) begin
    if (!rst_n) mq_rp <= 0;
    else if (msi_valid && msi_ready) mq_rp <= mq_rp + 1;
  end

  // -------------------------------------------------------------------------------------------
  // Checker: memory write beats, then events, then the retire record of a cycle, in order
  // -------------------------------------------------------------------------------------------
  int unsigned ex_rp, n_rt, n_rt_ok, n_mw, n_ev;
  logic [31:0] t_last_rt;

  function automatic void mismatch(string what, logic [63:0] e, logic [63:0] a);
    $display("[t=%0d] tb_its: MISMATCH %s expected 0x%0h actual 0x%0h (expected item %0d)",
             cyc, what, e, a, ex_rp);
    $fatal(1, "tb_its: FAIL");
  endfunction

  always @(posedge clk_i) begin
    if (!rst_n) begin
      ex_rp     <= 0;
      n_rt      <= 0;
      n_rt_ok   <= 0;
      n_mw      <= 0;
      n_ev      <= 0;
      t_last_rt <= '0;
    end else begin
      automatic int unsigned p = ex_rp;
      if (mreq_valid && mreq_ready && mreq_we) begin
        n_mw <= n_mw + 1;
        if (!relaxed) begin
          if (p == ex_wp) mismatch("unexpected memory write addr", 0, mreq_addr);
          if (ex_t[p] != EX_MW) mismatch("memory write instead of item type", 64'(ex_t[p]), 0);
          if (mreq_addr != ex_a[p]) mismatch("mem write addr", ex_a[p], mreq_addr);
          if (mreq_be != ex_m[p][7:0]) mismatch("mem write be", ex_m[p], 64'(mreq_be));
          if (mreq_wdata != ex_d[p]) mismatch("mem write data", ex_d[p], mreq_wdata);
          p = p + 1;
        end
      end
      if (rd_valid && rd_ready) begin
        n_ev <= n_ev + 1;
        // Stress mapping: device d, event e -> LPI 8192 + 256 d + e on rd (d + e) % 4.
        if (stress && (rd_kind == E_SET || rd_kind == E_INV)) begin
          automatic int unsigned l = rd_intid - 8192;
          if (rd_intid < 8192 + 256 || l / 256 > 4 || l % 256 > 7 ||
              32'(rd_rd) != (l / 256 + l % 256) % 4)
            mismatch("stress event {rd, intid}", 0, {16'b0, rd_rd, rd_intid});
        end
        if (!relaxed) begin
          if (p == ex_wp) mismatch("unexpected event kind", 0, 64'(rd_kind));
          if (ex_t[p] != EX_EV) mismatch("event instead of item type", 64'(ex_t[p]), 0);
          if ({rd_rd2, rd_rd, 13'b0, rd_kind} != ex_a[p][47:0])
            mismatch("event {rd2,rd,kind}", ex_a[p], 64'({rd_rd2, rd_rd, 13'b0, rd_kind}));
          if (rd_intid != ex_d[p][31:0]) mismatch("event intid", ex_d[p], 64'(rd_intid));
          p = p + 1;
        end
      end
      if (rt_valid) begin
        n_rt      <= n_rt + 1;
        t_last_rt <= cyc;
        if (rt_outcome == 2'd0) n_rt_ok <= n_rt_ok + 1;
        if (relaxed) begin
          if (rt_outcome != 2'd0) mismatch("retire outcome", 0, 64'(rt_outcome));
        end else begin
          if (p == ex_wp) mismatch("unexpected retire {opcode,offset,outcome,kind}", 0,
                                   64'({rt_opcode, rt_offset, rt_outcome, rt_kind}));
          if (ex_t[p] != EX_RT) mismatch("retire instead of item type", 64'(ex_t[p]), 0);
          if ({rt_opcode, rt_offset, rt_outcome, rt_kind} != ex_a[p][31:0])
            mismatch("retire {opcode,offset,outcome,kind}", ex_a[p],
                     64'({rt_opcode, rt_offset, rt_outcome, rt_kind}));
          if (rt_error != ex_d[p][23:0]) mismatch("retire error", ex_d[p], 64'(rt_error));
          if ({rt_eventid, rt_devid} != ex_m[p][47:0])
            mismatch("retire {eventid,devid}", ex_m[p], 64'({rt_eventid, rt_devid}));
          p = p + 1;
        end
      end
      ex_rp <= p;
    end
  end

  // Watchdog.
  always @(posedge clk_i) begin
    if (cyc > (relaxed ? 32'd2_000_000 : 32'd400_000)) $fatal(1, "tb_its: FAIL global timeout");
  end

  // -------------------------------------------------------------------------------------------
  // Sequencer
  // -------------------------------------------------------------------------------------------
  `include "tb_its_seq.svh"

endmodule

// SPDX-License-Identifier: Apache-2.0
// ITS cycle benchmark testbench (not synthesized, no delays: everything runs from the clock that
// the C++ main toggles). A sequencer steps through the benchmark program of tb_its_bench.svh
// (APB writes, command queue writes through the memory back door, MSIs, waits and measurement
// marks) and prints one figure a line. It checks only that every retire record is OK; the
// behaviour itself is checked by the scenarios and the random tests in lockstep with the model
// (sim/tests, tb/c). The run ends with done_o, and pass_o with it when nothing failed (any
// failure is a $fatal).
module tb_its #(
  parameter int unsigned MsiSlots     = 4,  // DUT configuration (variants: -G on the command line)
  parameter int unsigned MsiFifoDepth = 4,
  parameter int unsigned MemMaxOut    = 8,
  parameter int unsigned MsiBurst     = 4,
  parameter bit          MsiRspBypass = 1'b0
) (
  input  logic clk_i,
  output logic pass_o,  // set with done_o at the end of a clean run
  output logic done_o   // the run ended (the figures are printed)
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
  logic        msi_valid, msi_ready;
  logic [15:0] msi_devid;
  logic [31:0] msi_eventid;
  logic        mreq_valid, mreq_ready, mreq_we, mrsp_valid, mrsp_ready, mrsp_err;
  logic [63:0] mreq_addr, mreq_wdata, mrsp_rdata;
  logic [7:0]  mreq_be;
  logic        rd_valid;
  its_pkg::rd_ev_t  rd_ev;
  logic        rt_valid;
  its_pkg::retire_t rt;
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
    .apb_pstrb_i     (8'hFF),   // every benchmark register write is 64-bit
    .apb_pdevid_i    (16'd0),
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
    .rd_ready_i      (1'b1),    // events always accepted
    .rd_o            (rd_ev),
    .rt_valid_o      (rt_valid),
    .rt_o            (rt),
    .busy_o          (busy)
  );

  // -------------------------------------------------------------------------------------------
  // Memory (no back-pressure, fixed latency)
  // -------------------------------------------------------------------------------------------
  logic [31:0]  mem_lat;
  logic         bd_we;
  logic [63:0]  bd_addr;
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
    .bd_we_i     (bd_we),
    .bd_addr_i   (bd_addr),
    .bd_wdata_i  (bd_wdata)
  );

  // -------------------------------------------------------------------------------------------
  // Program (operations and the benchmark itself), MSI queue
  // -------------------------------------------------------------------------------------------
  `include "tb_its_bench.svh"

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
  // Retire monitor: counts retires, stamps the last one; every benchmark operation succeeds
  // -------------------------------------------------------------------------------------------
  int unsigned n_rt;
  logic [31:0] t_last_rt;

  always @(posedge clk_i) begin
    if (!rst_n) begin
      n_rt      <= 0;
      t_last_rt <= '0;
    end else if (rt_valid) begin
      n_rt      <= n_rt + 1;
      t_last_rt <= cyc;
      if (rt.outcome != its_pkg::OUT_OK) begin
        $display("[t=%0d] tb_its: retire opcode 0x%0h offset 0x%0h outcome %0d error 0x%0h: not OK",
                 cyc, rt.opcode, rt.offset, rt.outcome, rt.error);
        $fatal(1, "tb_its: FAIL");
      end
    end
  end

  // Watchdog.
  always @(posedge clk_i) begin
    if (cyc > 32'd2_000_000) $fatal(1, "tb_its: FAIL global timeout");
  end

  // -------------------------------------------------------------------------------------------
  // Sequencer
  // -------------------------------------------------------------------------------------------
  typedef enum logic [2:0] {
    SNext   = 3'd0,
    SSetup  = 3'd1,
    SAccess = 3'd2,
    SWait   = 3'd3,
    SReport = 3'd4,
    SDone   = 3'd5
  } seq_e;

  seq_e        sst;
  int unsigned pc, wcnt, tcnt, rt_base;
  op_t         cur;
  logic        armed;
  logic [31:0] t_start;

  function automatic string fmt_fixed(int unsigned num, int unsigned den);
    // num/den with two decimals
    int unsigned q = (num * 100 + den / 2) / den;
    return $sformatf("%0d.%02d", q / 100, q % 100);
  endfunction

  always @(posedge clk_i) begin
    bd_we <= 1'b0;
    if (!rst_n) begin
      sst      <= SNext;
      pc       <= 0;
      wcnt     <= 0;
      tcnt     <= 0;
      rt_base  <= 0;
      cur      <= '0;
      armed    <= 1'b0;
      t_start  <= '0;
      psel     <= 1'b0;
      penable  <= 1'b0;
      pwrite   <= 1'b0;
      paddr    <= '0;
      pwdata   <= '0;
      mq_wp    <= 0;
      mem_lat  <= 32'd2;
      bd_addr  <= '0;
      bd_wdata <= '0;
    end else begin
      // Start stamp: the first APB completion or MSI acceptance after OP_T0.
      if (armed && ((psel && penable && pready) || (msi_valid && msi_ready))) begin
        t_start <= cyc;
        armed   <= 1'b0;
      end
      unique case (sst)
        SNext: begin
          automatic op_t o = prog[pc];
          cur  <= o;
          pc   <= pc + 1;
          wcnt <= 0;
          tcnt <= 0;
          unique case (o.op)
            OP_APBW: begin
              psel    <= 1'b1;
              penable <= 1'b0;
              pwrite  <= 1'b1;
              paddr   <= o.a[16:0];
              pwdata  <= o.d[63:0];
              sst     <= SSetup;
            end
            OP_CMD: begin
              bd_we    <= 1'b1;
              bd_addr  <= o.a;
              bd_wdata <= o.d;
            end
            OP_MSI: begin
              if (mq_wp - mq_rp >= MQ) begin
                pc <= pc;  // queue full: retry this op
              end else begin
                mq_dev[mq_wp % MQ] <= o.a[15:0];
                mq_ev[mq_wp % MQ]  <= o.d[31:0];
                mq_wp              <= mq_wp + 1;
              end
            end
            OP_WAIT:   sst <= SWait;
            OP_LAT:    mem_lat <= o.a[31:0];
            OP_T0: begin
              armed   <= 1'b1;
              rt_base <= n_rt;
            end
            OP_REPORT: sst <= SReport;
            OP_END:    sst <= SDone;
            default:   $fatal(1, "tb_its: bad program op %0d at %0d", o.op, pc);
          endcase
        end

        SSetup: begin
          penable <= 1'b1;
          sst     <= SAccess;
        end

        SAccess: begin
          tcnt <= tcnt + 1;
          if (tcnt > 20000) $fatal(1, "tb_its: FAIL APB access to 0x%0h never completed", paddr);
          if (pready) begin
            psel    <= 1'b0;
            penable <= 1'b0;
            sst     <= SNext;
            if (pslverr) $fatal(1, "tb_its: FAIL bus error on the write to 0x%0h", paddr);
          end
        end

        SWait, SDone: begin
          tcnt <= tcnt + 1;
          if (tcnt > 100000) begin
            $display("[t=%0d] tb_its: FAIL timeout waiting at op %0d: MSIs %0d/%0d", cyc, pc - 1,
                     mq_rp, mq_wp);
            $fatal(1, "tb_its: FAIL");
          end
          if (mq_rp == mq_wp && !busy) begin
            wcnt <= wcnt + 1;
            if (wcnt >= 30) begin
              if (sst == SWait) begin
                sst <= SNext;
              end else begin
                pass_o <= 1'b1;
                done_o <= 1'b1;
              end
            end
          end else begin
            wcnt <= 0;
          end
        end

        SReport: begin
          tcnt <= tcnt + 1;
          if (tcnt > 100000) $fatal(1, "tb_its: FAIL timeout in benchmark %s", bench_name(cur.s));
          // Wait for the figure's retires since OP_T0, then print cycles per operation.
          if (n_rt - rt_base >= cur.a[31:0] && !armed) begin
            $display("its_rtl mem_latency=%0d %s: %s cycles", mem_lat, bench_name(cur.s),
                     fmt_fixed(t_last_rt - t_start, cur.a[31:0]));
            sst <= SNext;
          end
        end

        default: sst <= SNext;
      endcase
    end
  end

  logic unused_tb;
  assign unused_tb = ^{prdata, rd_valid, rd_ev, rt.kind, rt.devid, rt.eventid};

endmodule

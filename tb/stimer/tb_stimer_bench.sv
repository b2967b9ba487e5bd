// SPDX-License-Identifier: Apache-2.0
// Cycle benchmark of stimer_top (not synthesized), one figure a line. Memory latency 2 cycles,
// no back-pressure, interrupts always accepted; the guest consumes every message at once
// (tb_stimer_mem Consume), so no slot is ever busy.
//  1. Latency from the cycle `now_i` reaches an expiration to the handshake of the message's
//     last write beat (message_type, +00) and to the interrupt handshake: a lone one-shot timer
//     (VP 0 timer 0), then the worst position (VP NumVp-1 timer 3) with every other timer of
//     every VP armed but not due (the pass scans all of them first).
//  2. Sustained rate: every timer periodic with period 1 while now_i advances every cycle, so
//     every pass finds every timer due; attempts per cycle over a window.
module tb_stimer_bench #(
  parameter int unsigned NumVp  = 1,
  parameter int unsigned Window = 20000  // cycles of the rate measurement
) (
  input  logic clk_i,
  output logic done_o,
  output logic pass_o
);
  import tb_stimer_pkg::*;

  localparam int unsigned VpW   = (NumVp > 1) ? $clog2(NumVp) : 1;
  localparam int unsigned AddrW = VpW + 11;
  localparam int unsigned Limit = 2000000;  // cycles any phase may take

  // Reset for the first cycles, from a counter that starts at zero (an initial block, not a
  // declaration initialiser, which is no reset of a variable a process assigns: PROCASSINIT). The
  // reset is a flop of its own: the DUT's asynchronous reset must not be combinational logic.
  logic [3:0] rst_cnt;
  logic       rst_n;
  initial {rst_cnt, rst_n} = '0;
  always @(posedge clk_i) begin
    if (rst_cnt != 4'hF) begin
      rst_cnt <= rst_cnt + 4'd1;
    end
    rst_n <= (rst_cnt > 4'd4);
  end

  logic             psel, penable, pwrite, pready, pslverr;
  logic [AddrW-1:0] paddr;
  logic [63:0]      pwdata, prdata, now;
  logic             mreq_valid, mreq_ready, mwe, mrsp_valid, mrsp_ready, mrsp_err;
  logic [63:0]      maddr, mwdata, mrdata;
  logic [7:0]       mbe;
  logic             irq_valid;
  stimer_pkg::irq_t irq;
  logic             eoi_ready;
  logic             rt_valid;
  stimer_pkg::retire_t rt;
  logic             busy;

  stimer_top #(
    .NumVp(NumVp)
  ) dut (
    .clk_i,
    .rst_ni         (rst_n),
    .apb_psel_i     (psel),
    .apb_penable_i  (penable),
    .apb_pwrite_i   (pwrite),
    .apb_paddr_i    (paddr),
    .apb_pwdata_i   (pwdata),
    .apb_pstrb_i    (8'hFF),
    .apb_pready_o   (pready),
    .apb_prdata_o   (prdata),
    .apb_pslverr_o  (pslverr),
    .now_i          (now),
    .mem_req_valid_o(mreq_valid),
    .mem_req_ready_i(mreq_ready),
    .mem_req_addr_o (maddr),
    .mem_req_we_o   (mwe),
    .mem_req_wdata_o(mwdata),
    .mem_req_be_o   (mbe),
    .mem_rsp_valid_i(mrsp_valid),
    .mem_rsp_ready_o(mrsp_ready),
    .mem_rsp_rdata_i(mrdata),
    .mem_rsp_err_i  (mrsp_err),
    .irq_valid_o    (irq_valid),
    .irq_ready_i    (1'b1),
    .irq_o          (irq),
    .eoi_valid_i    (1'b0),
    .eoi_ready_o    (eoi_ready),
    .eoi_vp_i       ('0),
    .eoi_vector_i   (8'h0),
    .rt_valid_o     (rt_valid),
    .rt_o           (rt),
    .busy_o         (busy)
  );

  tb_stimer_mem #(
    .Words  (65536),
    .Latency(2),
    .Consume(1'b1)
  ) u_mem (
    .clk_i,
    .rst_ni     (rst_n),
    .req_valid_i(mreq_valid),
    .req_ready_o(mreq_ready),
    .req_addr_i (maddr),
    .req_we_i   (mwe),
    .req_wdata_i(mwdata),
    .req_be_i   (mbe),
    .rsp_valid_o(mrsp_valid),
    .rsp_ready_i(mrsp_ready),
    .rsp_rdata_o(mrdata),
    .rsp_err_o  (mrsp_err)
  );

  // ---------------------------------------------------------------------------------------------
  // Write lists of the phases (APB writes {vp, msr, data})
  // ---------------------------------------------------------------------------------------------
  typedef struct packed {
    logic [7:0]  vp;
    logic [7:0]  msr;
    logic [63:0] data;
  } w_t;

  w_t wl [4][$];  // 0 setup + lone timer, 1 worst-position timers, 2 periodic, 3 stop all

  localparam logic [63:0] T1 = 64'd1000;       // lone timer expiry
  localparam logic [63:0] T2 = 64'd2000;       // worst-position timer expiry
  localparam logic [63:0] TFar = 64'd1000000;  // armed, never due during the test

  function automatic void add(input int list, input int vp, input int msr, input logic [63:0] d);
    w_t w;
    w.vp   = 8'(vp);
    w.msr  = 8'(msr);
    w.data = d;
    wl[list].push_back(w);
  endfunction

  initial begin
    for (int v = 0; v < int'(NumVp); v++) begin
      add(0, v, 32'(stimer_pkg::MSR_SCONTROL), 64'h1);
      add(0, v, 32'(stimer_pkg::MSR_SIMP), 64'h10001 + 64'(v) * 64'h1000);
      for (int s = 0; s < 4; s++) begin
        add(0, v, 32'(stimer_pkg::MSR_SINT) + s, 64'h40 + 64'(s));
      end
    end
    add(0, 0, 32'(stimer_pkg::MSR_COUNT), T1);
    add(0, 0, 32'(stimer_pkg::MSR_CONFIG), 64'h1);  // one-shot, SINT0
    for (int v = 0; v < int'(NumVp); v++) begin
      for (int t = 0; t < 4; t++) begin
        add(1, v, 32'(stimer_pkg::MSR_COUNT) + 2 * t, ((v == int'(NumVp) - 1) && (t == 3)) ? T2 : TFar);
        add(1, v, 32'(stimer_pkg::MSR_CONFIG) + 2 * t, 64'h1 | (64'(t) << 16));
      end
    end
    for (int v = 0; v < int'(NumVp); v++) begin
      for (int t = 0; t < 4; t++) begin
        add(2, v, 32'(stimer_pkg::MSR_COUNT) + 2 * t, 64'h1);
        add(2, v, 32'(stimer_pkg::MSR_CONFIG) + 2 * t, 64'h3 | (64'(t) << 16));  // periodic 1, SINTt
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Sequencer and measurement
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [3:0] {
    PhWrite,    // issue the writes of list `lst`
    PhApb,      // APB access phase
    PhQuiet,    // wait until the block is idle
    PhMeasure,  // latency: wait for the message and the interrupt
    PhRate,     // sustained rate: now advances every cycle
    PhDone
  } ph_e;

  ph_e         ph;
  int unsigned lst, idx, step;
  int unsigned errors;
  logic        setup_q;      // PhApb came from PhWrite: the next cycle is the access phase
  logic [63:0] cycle, mark, t_msg, t_irq, wait_start;
  int unsigned quiet_cnt, atts, dlv, win_start;
  logic        got_msg, got_irq;
  logic        done_q;  // defined before the reset: the C++ main polls done_o
  initial {errors, done_q} = '0;

  wire hdr_hs = mreq_valid && mreq_ready && mwe && (maddr[7:0] == 8'h00) && (mbe == 8'hFF) &&
                (mwdata == MSG_HEADER);
  wire irq_hs = irq_valid;  // irq_ready is tied to 1

  function automatic void report(input string what, input logic [63:0] v);
    $display("stimer rtl NumVp=%0d: %s = %0d", NumVp, what, v);
  endfunction

  always @(posedge clk_i) begin
    if (!rst_n) begin
      ph        <= PhWrite;
      lst       = 0;
      idx       = 0;
      step      = 0;
      errors    = 0;
      setup_q   <= 1'b0;
      cycle     <= '0;
      mark      = '0;
      t_msg     = '0;
      t_irq     = '0;
      quiet_cnt = 0;
      atts      = 0;
      dlv       = 0;
      win_start = 0;
      got_msg   = 1'b0;
      got_irq   = 1'b0;
      wait_start = '0;
      psel      <= 1'b0;
      penable   <= 1'b0;
      pwrite    <= 1'b0;
      paddr     <= '0;
      pwdata    <= '0;
      now       <= '0;
      done_q    <= 1'b0;
    end else begin
      cycle     <= cycle + 64'd1;
      quiet_cnt = busy ? 0 : quiet_cnt + 1;
      if (rt_valid && rt.kind == stimer_pkg::RT_ATTEMPT) begin
        atts = atts + 1;
        if (rt.outcome == stimer_pkg::OUT_DELIVERED) begin
          dlv = dlv + 1;
        end
      end
      if (hdr_hs && !got_msg) begin
        got_msg = 1'b1;
        t_msg   = cycle - mark;
      end
      if (irq_hs && !got_irq) begin
        got_irq = 1'b1;
        t_irq   = cycle - mark;
      end
      if ((ph != PhDone) && (cycle - wait_start > 64'(Limit))) begin
        $display("stimer rtl NumVp=%0d: FAIL: phase %s step %0d timed out", NumVp, ph.name(),
                 step);
        errors = errors + 1;
        ph <= PhDone;
      end
      unique case (ph)
        PhWrite: begin
          if (idx < wl[lst].size()) begin
            psel    <= 1'b1;
            penable <= 1'b0;
            pwrite  <= 1'b1;
            paddr   <= AddrW'({wl[lst][idx].vp[VpW-1:0], wl[lst][idx].msr, 3'b000});
            pwdata  <= wl[lst][idx].data;
            idx     = idx + 1;
            ph      <= PhApb;
            setup_q <= 1'b1;
          end else begin
            wait_start = cycle;
            ph <= PhQuiet;
          end
        end
        PhApb: begin
          penable <= 1'b1;
          setup_q <= 1'b0;
          if (!setup_q && pready) begin
            if (pslverr) begin
              $display("stimer rtl NumVp=%0d: FAIL: #GP on a setup write", NumVp);
              errors = errors + 1;
            end
            psel    <= 1'b0;
            penable <= 1'b0;
            ph      <= PhWrite;
          end
        end
        PhQuiet: begin
          if (quiet_cnt >= 4) begin
            // Steps: 0 setup done -> lone timer; 1 lone measured -> worst writes; 2 worst
            // armed -> measure; 3 measured -> periodic writes; 4 armed -> rate.
            got_msg    = 1'b0;
            got_irq    = 1'b0;
            wait_start = cycle;
            unique case (step)
              0, 2: begin
                mark = cycle + 64'd1;  // now_i changes with the next edge
                now <= (step == 0) ? T1 : T2;
                ph  <= PhMeasure;
              end
              1, 3: begin
                lst = (step == 1) ? 1 : 2;
                idx = 0;
                ph  <= PhWrite;
                step = step + 1;
              end
              default: begin
                win_start = atts;
                mark      = cycle;
                ph <= PhRate;
              end
            endcase
          end
        end
        PhMeasure: begin
          if (got_msg && got_irq) begin
            report((step == 0) ?
                   "cycles now>=exp to message write, lone timer (VP0 timer0)" :
                   "cycles now>=exp to message write, last timer (all others armed)", t_msg);
            report((step == 0) ?
                   "cycles now>=exp to interrupt, lone timer (VP0 timer0)" :
                   "cycles now>=exp to interrupt, last timer (all others armed)", t_irq);
            step = step + 1;
            wait_start = cycle;
            ph <= PhQuiet;
          end
        end
        PhRate: begin
          now <= now + 64'd1;
          if (cycle - mark == 64'(Window)) begin
            report("sustained attempts in window", 64'(atts) - 64'(win_start));
            report("window cycles", 64'(Window));
            $display("stimer rtl NumVp=%0d: sustained expiries per cycle = %0.4f", NumVp,
                     real'(atts - win_start) / real'(Window));
            $display("stimer rtl NumVp=%0d: cycles per delivered message (sustained) = %0.2f",
                     NumVp, real'(Window) / real'(atts - win_start));
            if (dlv != atts) begin
              $display("stimer rtl NumVp=%0d: FAIL: %0d of %0d attempts not DELIVERED", NumVp,
                       atts - dlv, atts);
              errors = errors + 1;
            end
            ph <= PhDone;
          end
        end
        default: begin
          done_q <= 1'b1;  // the C++ main stops on done_o (no $finish banner in the figures)
        end
      endcase
    end
  end

  assign done_o = done_q;
  assign pass_o = done_q && (errors == 0);

  logic unused_bench;
  assign unused_bench = ^{prdata, mrdata[0], irq, eoi_ready, rt.vp, rt.timer, rt.now, mrsp_err};

endmodule

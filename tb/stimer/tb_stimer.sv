// SPDX-License-Identifier: Apache-2.0
// Block-level smoke test of stimer_top (no C model): a directed command list, built at time 0,
// run by a clocked sequencer (no delays: --no-timing). APB driver, `now` driver, EOI driver,
// interrupt sink with pseudo-random back-pressure, the behavioural memory slave, and monitors
// that log interrupts, ATTEMPT records and memory write beats. Each `expect` command pops the
// oldest logged item and compares every field; any mismatch or timeout fails the test.
// `done_o` rises at the end, `pass_o` with it when nothing failed; the test ends with $finish.
module tb_stimer #(
  parameter int unsigned NumVp = 3
) (
  input  logic clk_i,
  output logic done_o,
  output logic pass_o
);
  localparam int unsigned VpW   = (NumVp > 1) ? $clog2(NumVp) : 1;
  localparam int unsigned AddrW = VpW + 11;
  localparam int unsigned Timeout = 20000;  // cycles one command may wait

  import tb_stimer_pkg::*;

  // ---------------------------------------------------------------------------------------------
  // Reset, DUT and memory
  // ---------------------------------------------------------------------------------------------
  logic [3:0] rst_cnt = '0;
  logic       rst_n;
  always @(posedge clk_i) begin
    if (rst_cnt != 4'hF) begin
      rst_cnt <= rst_cnt + 4'd1;
    end
  end
  assign rst_n = (rst_cnt > 4'd4);

  logic             psel, penable, pwrite, pready, pslverr;
  logic [AddrW-1:0] paddr;
  logic [63:0]      pwdata, prdata, now;
  logic [7:0]       pstrb;
  logic             mreq_valid, mreq_ready, mwe, mrsp_valid, mrsp_ready, mrsp_err;
  logic [63:0]      maddr, mwdata, mrdata;
  logic [7:0]       mbe;
  logic             irq_valid, irq_ready, irq_aeoi;
  logic [VpW-1:0]   irq_vp, eoi_vp, rt_vp;
  logic [7:0]       irq_vector, eoi_vector;
  logic             eoi_valid, eoi_ready;
  logic             rt_valid, rt_kind;
  logic [1:0]       rt_timer;
  logic [2:0]       rt_outcome;
  logic [63:0]      rt_now;
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
    .apb_pstrb_i    (pstrb),
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
    .irq_ready_i    (irq_ready),
    .irq_vp_o       (irq_vp),
    .irq_vector_o   (irq_vector),
    .irq_auto_eoi_o (irq_aeoi),
    .eoi_valid_i    (eoi_valid),
    .eoi_ready_o    (eoi_ready),
    .eoi_vp_i       (eoi_vp),
    .eoi_vector_i   (eoi_vector),
    .rt_valid_o     (rt_valid),
    .rt_kind_o      (rt_kind),
    .rt_vp_o        (rt_vp),
    .rt_timer_o     (rt_timer),
    .rt_outcome_o   (rt_outcome),
    .rt_now_o       (rt_now),
    .busy_o         (busy)
  );

  tb_stimer_mem #(
    .Latency(2),
    .Random (1'b1)
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
  // Monitors
  // ---------------------------------------------------------------------------------------------
  typedef struct packed {
    logic [7:0] vp;
    logic [7:0] vec;
    logic       aeoi;
  } irq_t;

  typedef struct packed {
    logic [7:0]  vp;
    logic [1:0]  timer;
    logic [2:0]  outcome;
  } att_t;

  // Ordering (docs/interfaces.md section 4.2): after an accepted MSR write (#GP or not) or EOI,
  // a pass starts before the next APB completion or EOI handshake.
  logic        need_pass;
  irq_t        irqs [$];
  att_t        atts [$];
  logic [63:0] last_pass_now;
  int unsigned n_pass, n_att, n_irq;
  logic [31:0] lfsr;

  assign irq_ready = lfsr[3] || lfsr[11];  // 75 % ready

  always @(posedge clk_i) begin
    if (!rst_n) begin
      lfsr          <= $urandom | 32'h1;  // seeded by +verilator+seed
      last_pass_now <= '0;
      n_pass        <= 0;
      n_att         <= 0;
      n_irq         <= 0;
      need_pass     <= 1'b0;
    end else begin
      if ((psel && penable && pready) || (eoi_valid && eoi_ready)) begin
        if (need_pass) begin
          fail("an MSR access or EOI was accepted before the pass of the previous write/EOI");
        end
        need_pass <= (psel && penable && pready && pwrite) || (eoi_valid && eoi_ready);
      end
      if (rt_valid && (rt_kind == 1'b0)) begin
        need_pass <= 1'b0;
      end
      lfsr <= {lfsr[30:0], lfsr[31] ^ lfsr[21] ^ lfsr[1] ^ lfsr[0]};
      if (irq_valid && irq_ready) begin
        irq_t r;
        r.vp     = 8'(irq_vp);
        r.vec    = irq_vector;
        r.aeoi   = irq_aeoi;
        irqs.push_back(r);
        n_irq <= n_irq + 1;
      end
      if (rt_valid && (rt_kind == 1'b0)) begin
        // PASS: now never goes back and is a value the bench drove.
        if (rt_now < last_pass_now) begin
          fail($sformatf("PASS now 0x%0h below the previous 0x%0h", rt_now, last_pass_now));
        end
        last_pass_now <= rt_now;
        n_pass        <= n_pass + 1;
      end
      if (rt_valid && (rt_kind == 1'b1)) begin
        att_t r;
        if (rt_now != last_pass_now) begin
          fail($sformatf("ATTEMPT now 0x%0h != pass now 0x%0h", rt_now, last_pass_now));
        end
        r.vp      = 8'(rt_vp);
        r.timer   = rt_timer;
        r.outcome = rt_outcome;
        atts.push_back(r);
        n_att <= n_att + 1;
      end
    end
  end

  // ---------------------------------------------------------------------------------------------
  // Sequencer
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [2:0] {
    SqFetch,
    SqApbSetup,
    SqApbAccess,
    SqWait,
    SqEoi,
    SqDone
  } sq_e;

  cmd_t        prog [$];
  logic [63:0] now_d;
  int unsigned pc, waited, quiet_cnt, errors;
  sq_e         sq;
  cmd_t        cur;
  logic        done_q;

  `include "tb_stimer_prog.svh"

  initial begin
    build_program();
  end

  function automatic void fail(input string msg);
    $display("[%0t] tb_stimer: FAIL (command %0d, op %s): %s", $time, pc, cur.op.name(), msg);
    errors = errors + 1;
  endfunction

  // A command that waits for something: true when it is satisfied.
  function automatic bit cmd_ready();
    unique case (cur.op)
      C_WAIT:    return waited >= int'(cur.a);
      C_QUIET:   return quiet_cnt >= 4;
      C_EXP_RT:  return atts.size() != 0;
      C_EXP_IRQ: return irqs.size() != 0;
      C_EXP_WR:  return u_mem.wlog_size() != 0;
      C_DROP_WR: return u_mem.wlog_size() >= int'(cur.a);
      default:   return 1'b1;
    endcase
  endfunction

  // Execute a command that is ready (no bus activity).
  function automatic void cmd_exec();
    unique case (cur.op)
      C_NOW: now_d = cur.a;
      C_SET_MEM: u_mem.poke(cur.a, cur.b);
      C_EXP_MEM: begin
        logic [63:0] v = u_mem.peek(cur.a);
        if (v != cur.b) begin
          fail($sformatf("mem[0x%0h] = 0x%016h, expected 0x%016h", cur.a, v, cur.b));
        end
      end
      C_EXP_RT: begin
        att_t r = atts.pop_front();
        if ((r.vp != 8'(cur.a)) || (r.timer != 2'(cur.b)) || (r.outcome != 3'(cur.c))) begin
          fail($sformatf("attempt vp=%0d timer=%0d outcome=%0d, expected vp=%0d timer=%0d outcome=%0d",
                         r.vp, r.timer, r.outcome, cur.a, cur.b, cur.c));
        end
      end
      C_EXP_IRQ: begin
        irq_t r = irqs.pop_front();
        if ((r.vp != 8'(cur.a)) || (r.vec != 8'(cur.b)) || (r.aeoi != cur.c[0])) begin
          fail($sformatf("irq vp=%0d vector=0x%0h auto_eoi=%0d, expected vp=%0d vector=0x%0h auto_eoi=%0d",
                         r.vp, r.vec, r.aeoi, cur.a, cur.b, cur.c));
        end
      end
      C_EXP_WR: begin
        wr_t w;
        w = u_mem.wlog_pop();
        if ((w.addr != cur.a) || (w.data != cur.b) || (w.be != 8'(cur.c))) begin
          fail($sformatf("write beat 0x%0h=0x%016h be=0x%02h, expected 0x%0h=0x%016h be=0x%02h",
                         w.addr, w.data, w.be, cur.a, cur.b, cur.c));
        end
      end
      C_DROP_WR: begin
        u_mem.wlog_drop(int'(cur.a));
      end
      C_EXP_NONE: begin
        if ((atts.size() != 0) || (irqs.size() != 0) || (u_mem.wlog_size() != 0)) begin
          fail($sformatf("unexpected activity: %0d attempts, %0d irqs, %0d write beats",
                         atts.size(), irqs.size(), u_mem.wlog_size()));
          atts.delete();
          irqs.delete();
          u_mem.wlog_clear();
        end
      end
      default: ;
    endcase
  endfunction

  always @(posedge clk_i) begin
    if (!rst_n) begin
      sq        <= SqFetch;
      pc        = 0;
      waited    = 0;
      quiet_cnt = 0;
      errors    = 0;
      psel      <= 1'b0;
      penable   <= 1'b0;
      pwrite    <= 1'b0;
      paddr     <= '0;
      pwdata    <= '0;
      pstrb     <= '0;
      eoi_valid <= 1'b0;
      eoi_vp    <= '0;
      eoi_vector <= '0;
      now_d     = '0;
      now       <= '0;
      done_q    <= 1'b0;
    end else begin
      quiet_cnt = busy ? 0 : quiet_cnt + 1;
      if (eoi_valid && eoi_ready) begin
        eoi_valid <= 1'b0;
      end
      unique case (sq)
        SqFetch: begin
          if (pc >= prog.size()) begin
            sq <= SqDone;
          end else begin
            cur    = prog[pc];
            waited = 0;
            unique case (cur.op)
              C_WR, C_RD: begin
                psel    <= 1'b1;
                penable <= 1'b0;
                pwrite  <= (cur.op == C_WR);
                paddr   <= AddrW'({cur.a[VpW-1:0], cur.b[7:0], 3'b000}) | AddrW'(cur.d[19:16]);
                pwdata  <= cur.c;
                pstrb   <= (cur.op == C_WR) ? cur.d[15:8] : 8'h00;
                sq      <= SqApbSetup;
              end
              C_EOI: begin
                // c[0] = 1: in the background (the next command starts at once).
                if (!eoi_valid || eoi_ready) begin
                  eoi_valid  <= 1'b1;
                  eoi_vp     <= VpW'(cur.a);
                  eoi_vector <= cur.b[7:0];
                  if (cur.c[0]) begin
                    pc = pc + 1;
                  end else begin
                    sq <= SqEoi;
                  end
                end
              end
              default: begin
                if (cmd_ready()) begin
                  cmd_exec();
                  pc = pc + 1;
                end else begin
                  sq <= SqWait;
                end
              end
            endcase
          end
        end
        SqApbSetup: begin
          penable <= 1'b1;
          sq      <= SqApbAccess;
        end
        SqApbAccess: begin
          waited = waited + 1;
          if (pready) begin
            if (pslverr != cur.d[0]) begin
              fail($sformatf("pslverr=%0d, expected %0d", pslverr, cur.d[0]));
            end
            if ((cur.op == C_RD) && !pslverr && (prdata != cur.c)) begin
              fail($sformatf("read 0x%016h, expected 0x%016h", prdata, cur.c));
            end
            psel    <= 1'b0;
            penable <= 1'b0;
            pc = pc + 1;
            sq <= SqFetch;
          end else if (waited > Timeout) begin
            fail("APB access timed out");
            sq <= SqDone;
          end
        end
        SqEoi: begin
          if (eoi_valid && eoi_ready) begin
            pc = pc + 1;
            sq <= SqFetch;
          end
        end
        SqWait: begin
          waited = waited + 1;
          if (cmd_ready()) begin
            cmd_exec();
            pc = pc + 1;
            sq <= SqFetch;
          end else if (waited > Timeout) begin
            fail("wait timed out");
            sq <= SqDone;
          end
        end
        SqDone: begin
          if (!done_q) begin
            done_q <= 1'b1;
            $display("[%0t] tb_stimer: %s: %0d commands, %0d passes, %0d attempts, %0d irqs, %0d errors",
                     $time, (errors == 0) ? "PASS" : "FAIL", pc, n_pass, n_att, n_irq, errors);
            $finish;
          end
        end
        default: sq <= SqDone;
      endcase
      now <= now_d;
    end
  end

  assign done_o = done_q;
  assign pass_o = done_q && (errors == 0);

endmodule

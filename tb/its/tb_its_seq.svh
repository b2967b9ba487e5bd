// SPDX-License-Identifier: Apache-2.0
// ITS testbench sequencer (included in tb_its): runs the program built by tb_its_prog.svh.

typedef enum logic [2:0] {
  SNext   = 3'd0,
  SSetup  = 3'd1,
  SAccess = 3'd2,
  SWait   = 3'd3,
  SChk    = 3'd4,
  SReport = 3'd5,
  SDone   = 3'd6
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
  bd_we <= '0;
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
    pstrb    <= '0;
    pdevid   <= '0;
    ex_wp    <= 0;
    mq_wp    <= 0;
    mem_lat  <= 32'd2;
    mem_bp   <= 1'b0;
    rd_bp    <= 1'b0;
    flo      <= '1;
    fhi      <= '1;
    bd_addr  <= '0;
    bd_wdata <= '0;
    bd_raddr <= '0;
  end else begin
    // Benchmark start stamp: the first APB completion or MSI acceptance after OP_T0.
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
          OP_APBW, OP_APBR, OP_POLL: begin
            psel    <= 1'b1;
            penable <= 1'b0;
            pwrite  <= (o.op == OP_APBW);
            paddr   <= o.a[16:0];
            pwdata  <= (o.op == OP_APBW) ? o.d : 64'd0;
            pstrb   <= (o.op == OP_APBW) ? o.s : 8'd0;
            pdevid  <= (o.op == OP_APBW) ? o.m[15:0] : 16'd0;
            sst     <= SSetup;
          end
          OP_MEMW: begin
            bd_we    <= 4'b0001;
            bd_addr  <= o.a;
            bd_wdata <= {192'b0, o.d};
          end
          OP_CMD: begin
            bd_we    <= 4'b1111;
            bd_addr  <= o.a;
            bd_wdata <= {o.y, o.x, o.m, o.d};
          end
          OP_MEMCHK: begin
            bd_raddr <= o.a;
            sst      <= SChk;
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
          OP_EXP: begin
            if (ex_wp >= NEX) $fatal(1, "tb_its: expected stream overflow");
            ex_t[ex_wp] <= o.s[1:0];
            ex_a[ex_wp] <= o.a;
            ex_d[ex_wp] <= o.d;
            ex_m[ex_wp] <= o.m;
            ex_wp       <= ex_wp + 1;
          end
          OP_WAIT:   sst <= SWait;
          OP_FAULT: begin
            flo <= o.a;
            fhi <= o.d;
          end
          OP_CFG: begin
            mem_lat <= o.a[31:0];
            mem_bp  <= o.d[0];
            rd_bp   <= o.d[1];
          end
          OP_T0: begin
            armed   <= 1'b1;
            rt_base <= n_rt;
          end
          OP_REPORT: sst <= SReport;
          OP_CHKCNT: begin
            if (n_rt != o.a[31:0] || n_ev != o.d[31:0]) begin
              $display("[t=%0d] tb_its: MISMATCH counts: retires %0d (expected %0d), events %0d",
                       cyc, n_rt, o.a, n_ev, " (expected %0d)", o.d);
              $fatal(1, "tb_its: FAIL");
            end
          end
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
          if (cur.op == OP_APBW) begin
            if (pslverr != cur.m[16]) begin
              $display("[t=%0d] tb_its: MISMATCH pslverr of write to 0x%0h strb 0x%0h: %0d",
                       cyc, paddr, pstrb, pslverr);
              $fatal(1, "tb_its: FAIL");
            end
          end else if (pslverr || ((prdata & cur.m) != (cur.d & cur.m))) begin
            if (cur.op == OP_POLL && wcnt < 5000 && !pslverr) begin
              wcnt    <= wcnt + 1;
              tcnt    <= 0;
              psel    <= 1'b1;
              sst     <= SSetup;
            end else begin
              $display("[t=%0d] tb_its: MISMATCH read 0x%0h expected 0x%0h (mask 0x%0h) actual",
                       cyc, paddr, cur.d, cur.m, " 0x%0h pslverr %0d", prdata, pslverr);
              $fatal(1, "tb_its: FAIL");
            end
          end
        end
      end

      SChk: begin
        if (bd_rdata != cur.d) begin
          $display("[t=%0d] tb_its: MISMATCH memory 0x%0h expected 0x%0h actual 0x%0h", cyc,
                   cur.a, cur.d, bd_rdata);
          $fatal(1, "tb_its: FAIL");
        end
        sst <= SNext;
      end

      SWait, SDone: begin
        tcnt <= tcnt + 1;
        if (tcnt > 100000) begin
          $display("[t=%0d] tb_its: FAIL timeout waiting at op %0d: expected items %0d/%0d, ",
                   cyc, pc - 1, ex_rp, ex_wp, "MSIs %0d/%0d", mq_rp, mq_wp);
          $fatal(1, "tb_its: FAIL");
        end
        if (ex_rp == ex_wp && mq_rp == mq_wp && !busy) begin
          wcnt <= wcnt + 1;
          if (wcnt >= 30) begin
            if (sst == SWait) begin
              sst <= SNext;
            end else if (bench) begin
              pass_o <= 1'b1;
              done_o <= 1'b1;
            end else begin
              $display("[t=%0d] tb_its: PASS %s: %0d ops, %0d retires (%0d OK), %0d events, ",
                       cyc, mode_name(), np, n_rt, n_rt_ok, n_ev,
                       "%0d memory writes", n_mw);
              pass_o <= 1'b1;
              $finish;
            end
          end
        end else begin
          wcnt <= 0;
        end
      end

      SReport: begin
        tcnt <= tcnt + 1;
        if (tcnt > 100000) $fatal(1, "tb_its: FAIL timeout in benchmark %s", bench_name(cur.s));
        // Figure s = 0: just wait until a retires happened since the start of the run.
        if ((cur.s == 8'd0 && n_rt >= cur.a[31:0]) ||
            (cur.s != 8'd0 && n_rt - rt_base >= cur.a[31:0] && !armed)) begin
          if (cur.s != 8'd0) begin
            $display("its_rtl mem_latency=%0d %s: %s cycles", mem_lat, bench_name(cur.s),
                     fmt_fixed(t_last_rt - t_start, cur.a[31:0]));
          end
          sst <= SNext;
        end
      end

      default: sst <= SNext;
    endcase
  end
end

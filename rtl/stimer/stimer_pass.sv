// SPDX-License-Identifier: Apache-2.0
// stimer pass engine: one scanning pass over the candidate timers in service order (VP
// 0..NumVp-1, timer 0..3). Each due timer gets one attempt: its context is read from the RAM
// (stimer_ctx), stimer_deliver writes the SIM page and raises the interrupt, then the timer is
// updated (one-shot Enable := 0, periodic re-arm through the sequential modulo, or wait for an
// acknowledge) and its ATTEMPT record is reported to the scheduler (stimer_sched).
//
// It also keeps `min_exp`, a lower bound of exp_time over every armed timer: lowered by every
// MSR start, set exactly at the end of every pass (the minimum over every candidate it saw). The
// scheduler skips the scan (fast pass) while now is below it and no timer was acknowledged.
`include "prj_assert.svh"

module stimer_pass #(
  parameter int unsigned NumVp        = 4,
  parameter bit          ScontrolGate = 1'b1,
  localparam int unsigned VpW = (NumVp > 1) ? $clog2(NumVp) : 1
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  // from/to the scheduler
  input  logic                         start_i,        // scan from VP 0 (pass start, not fast)
  input  logic [63:0]                  now_i,          // the sampled now of the pass
  output logic                         done_o,         // pulse: every candidate was visited
  output logic                         rec_o,          // pulse: an attempt is complete
  output stimer_pkg::outcome_e         rec_outcome_o,  // its outcome (vp_o, ts_timer_o: its timer)
  output logic [63:0]                  min_exp_o,
  input  logic                         msr_start_i,    // a timer was armed by an MSR write
  input  logic [63:0]                  msr_start_exp_i,
  // timer state
  input  logic [NumVp-1:0]             vp_cand_i,
  input  logic [3:0]                   cand_i,         // candidates of vp_o
  output logic [VpW-1:0]               vp_o,
  output logic                         ts_we_o,
  output logic [1:0]                   ts_timer_o,
  output stimer_pkg::tstate_e          ts_state_o,
  // RAM port
  output logic                         ram_req_o,
  output logic                         ram_we_o,
  output logic [stimer_pkg::WordW-1:0] ram_widx_o,
  output logic [63:0]                  ram_wdata_o,
  input  logic [63:0]                  ram_rdata_i,
  // delivery
  output logic                         att_start_o,
  output stimer_pkg::attempt_t         att_o,
  input  logic                         att_done_i,
  input  stimer_pkg::outcome_e         att_outcome_i
);

  localparam logic [63:0] NoExp = '1;

  stimer_pkg::pass_state_e state_d, state_q;
  logic [63:0]          min_exp_d, min_exp_q;    // lower bound of exp_time of armed timers
  logic [63:0]          scan_min_d, scan_min_q;  // exact minimum seen by this pass
  // The re-arm time's two 64-bit comparisons, registered (their carry chains off the update
  // path): rearm_exp < scan_min_q and rearm_exp != 0 as of the cycle before, used in PassUpdate
  // only when the re-arm time was already final then (rstab_q) and scan_min_q cannot have
  // changed (the cycle before a PassUpdate cycle is PassDeliver or PassUpdate, which write it
  // only when they leave); asserted equal to the comparisons where they are used.
  logic                 rlt_q, rnz_q, rstab_q;
  logic [VpW-1:0]       vp_d, vp_q;
  logic [VpW-1:0]       cursor_d, cursor_q;
  logic [1:0]           t_d, t_q;
  logic [2:0]           tfrom_d, tfrom_q;        // next timer of vp_q to look at (0..4)
  logic [2:0]           ctx_d, ctx_q;
  logic                 rdw_d, rdw_q;            // PassExp: the exp_time read is still on its way
  logic [63:0]          exp_d, exp_q;
  logic                 due_q;                   // PassDue: exp_q is due (registered compare)
  stimer_pkg::outcome_e out_d, out_q;

  // ---------------------------------------------------------------------------------------------
  // Helpers: next VP with a candidate, next candidate timer, the attempt context
  // ---------------------------------------------------------------------------------------------
  logic           ffs_found;
  logic [VpW-1:0] ffs_idx;

  cmn_ffs #(
    .Width(NumVp)
  ) u_ffs (
    .vec_i  (vp_cand_i),
    .from_i (cursor_q),
    .found_o(ffs_found),
    .idx_o  (ffs_idx)
  );

  // Lowest candidate timer at or above `pick_from` (0..4): the first candidate of the VP in
  // PassTimer, the one after the current timer otherwise.
  logic [2:0] pick_from;
  logic       pick_any;
  logic [1:0] pick_t;
  assign pick_from = (state_q == stimer_pkg::PassTimer) ? tfrom_q : ({1'b0, t_q} + 3'd1);
  always_comb begin
    pick_any = 1'b0;
    pick_t   = 2'd0;
    for (int t = 3; t >= 0; t--) begin
      if (cand_i[t] && (3'(t) >= pick_from)) begin
        pick_any = 1'b1;
        pick_t   = 2'(t);
      end
    end
  end

  // Attempt context: captures CONFIG/COUNT/SINT/SIMP, builds att_o, computes the re-arm time.
  logic        cap_cfg, cap_cnt, cap_sint, cap_simp, periodic, rearm_busy;
  logic [3:0]  sintx;
  logic [63:0] cfg_off, rearm_exp;

  stimer_ctx #(
    .ScontrolGate(ScontrolGate)
  ) u_ctx (
    .clk_i,
    .rst_ni,
    .cap_cfg_i   (cap_cfg),
    .cap_cnt_i   (cap_cnt),
    .cap_sint_i  (cap_sint),
    .cap_simp_i  (cap_simp),
    .ram_rdata_i,
    .timer_i     (t_q),
    .exp_i       (exp_q),
    .now_i,
    .sintx_o     (sintx),
    .periodic_o  (periodic),
    .cfg_off_o   (cfg_off),
    .att_o,
    .rearm_busy_o(rearm_busy),
    .rearm_exp_o (rearm_exp)
  );

  logic exp_due, last_vp, upd, out_success;
  assign exp_due   = (ram_rdata_i != '0) && (now_i >= ram_rdata_i);
  assign last_vp   = (32'(vp_q) == NumVp - 1);
  // Outcomes that are a success of the notification (spec section 4 "expire"; direct mode and
  // a periodic tick lost on a busy slot count as success). (A package function would be simpler,
  // but Yosys 0.23 does not resolve enum names inside one.)
  assign out_success = (out_q == stimer_pkg::OUT_DELIVERED) || (out_q == stimer_pkg::OUT_NO_IRQ) ||
                       (out_q == stimer_pkg::OUT_DIRECT) || (out_q == stimer_pkg::OUT_BUSY_LOST);

  // ---------------------------------------------------------------------------------------------
  // The pass
  // ---------------------------------------------------------------------------------------------
  always_comb begin
    state_d     = state_q;
    min_exp_d   = min_exp_q;
    scan_min_d  = scan_min_q;
    vp_d        = vp_q;
    cursor_d    = cursor_q;
    t_d         = t_q;
    tfrom_d     = tfrom_q;
    ctx_d       = ctx_q;
    rdw_d       = 1'b0;
    exp_d       = exp_q;
    out_d       = out_q;
    done_o      = 1'b0;
    ram_req_o   = 1'b0;
    ram_we_o    = 1'b0;
    ram_widx_o  = stimer_pkg::W_EXP0 + {3'b000, pick_t};
    ram_wdata_o = '0;
    ts_we_o     = 1'b0;
    ts_state_o  = stimer_pkg::TS_IDLE;
    cap_cfg     = 1'b0;
    cap_cnt     = 1'b0;
    cap_sint    = 1'b0;
    cap_simp    = 1'b0;
    att_start_o = 1'b0;
    upd         = 1'b0;

    if (msr_start_i && (msr_start_exp_i < min_exp_q)) begin
      min_exp_d = msr_start_exp_i;
    end

    unique case (state_q)
      stimer_pkg::PassIdle: begin
        // Loaded while idle, whether or not a pass starts (neither is read before PassScan), so
        // the start decision (the scheduler's `now < min_exp`) reaches only state_q.
        scan_min_d = NoExp;
        cursor_d   = '0;
        if (start_i) begin
          state_d = stimer_pkg::PassScan;
        end
      end

      stimer_pkg::PassScan: begin
        if (ffs_found) begin
          vp_d    = ffs_idx;
          tfrom_d = 3'd0;
          state_d = stimer_pkg::PassTimer;
        end else begin
          state_d = stimer_pkg::PassEnd;
        end
      end

      stimer_pkg::PassTimer: begin
        if (pick_any) begin
          t_d       = pick_t;
          ram_req_o = 1'b1;
          rdw_d     = 1'b1;  // the read data arrives 2 cycles later (stimer_ram_1p)
          state_d   = stimer_pkg::PassExp;
        end else if (last_vp) begin
          state_d = stimer_pkg::PassEnd;
        end else begin
          cursor_d = vp_q + VpW'(1);
          state_d  = stimer_pkg::PassScan;
        end
      end

      stimer_pkg::PassExp: begin
        if (rdw_q) begin
          // The exp_time read was issued in the previous cycle: wait for its data.
        end else begin
          // The due comparison is registered (due_q, decided in PassDue), so it never drives
          // the RAM request. The next candidate's exp_time read is issued now, speculatively:
          // if this timer is not due its data arrives in the cycle after PassDue (one
          // candidate per 2 cycles), else the data is not used.
          exp_d   = ram_rdata_i;
          state_d = stimer_pkg::PassDue;
          if (pick_any) begin
            ram_req_o = 1'b1;
          end
        end
      end

      stimer_pkg::PassDue: begin
        if (due_q) begin
          ram_req_o  = 1'b1;
          ram_widx_o = stimer_pkg::W_CONFIG0 + {3'b000, t_q};
          ctx_d      = 3'd1;
          state_d    = stimer_pkg::PassCtx;
        end else begin
          // Not due: it bounds the next pass; look at the next candidate of this VP (the
          // timer states of the VP do not change between PassExp and here, so pick_t is the
          // timer whose exp_time PassExp requested).
          if (exp_q < scan_min_q) begin
            scan_min_d = exp_q;
          end
          if (pick_any) begin
            t_d     = pick_t;
            state_d = stimer_pkg::PassExp;  // rdw_d = 0: the data arrives next cycle
          end else if (last_vp) begin
            state_d = stimer_pkg::PassEnd;
          end else begin
            cursor_d = vp_q + VpW'(1);
            state_d  = stimer_pkg::PassScan;
          end
        end
      end

      stimer_pkg::PassCtx: begin
        // Read data arrives 2 cycles after its request (stimer_ram_1p), so the reads overlap:
        // CONFIG was requested in PassExp; SINT[SINTx] is requested once CONFIG is captured.
        ctx_d = ctx_q + 3'd1;
        unique case (ctx_q)
          3'd1: begin
            ram_req_o  = 1'b1;
            ram_widx_o = stimer_pkg::W_COUNT0 + {3'b000, t_q};
          end
          3'd2: begin
            cap_cfg    = 1'b1;
            ram_req_o  = 1'b1;
            ram_widx_o = stimer_pkg::W_SIMP;
          end
          3'd3: begin
            cap_cnt    = 1'b1;  // starts the re-arm modulo of a periodic timer
            ram_req_o  = 1'b1;
            ram_widx_o = stimer_pkg::W_SINT0 + {1'b0, sintx};
          end
          3'd4: begin
            cap_simp   = 1'b1;
            ram_req_o  = 1'b1;
            ram_widx_o = stimer_pkg::W_SCONTROL;
          end
          3'd5: begin
            cap_sint   = 1'b1;
          end
          default: begin  // 6: SCONTROL arrives, start the delivery
            att_start_o = 1'b1;
            state_d     = stimer_pkg::PassDeliver;
          end
        endcase
      end

      stimer_pkg::PassDeliver: begin
        if (att_done_i) begin
          out_d   = att_outcome_i;
          state_d = stimer_pkg::PassUpdate;
        end
      end

      stimer_pkg::PassUpdate: begin
        // spec section 4 "expire" and Evaluation step 2.
        if (!out_success) begin
          // Failure: msg_pending stays 1, no re-arm until an acknowledge (spec section 5).
          // IMPDEF: IMPDEF-ST-2 a FAULT outcome is such a failure.
          upd        = 1'b1;
          ts_we_o    = 1'b1;
          ts_state_o = stimer_pkg::TS_PEND;
        end else if (!periodic) begin
          // One-shot success: Enable := 0 (CONFIG reads back with bit 0 clear), then cancel.
          ram_req_o   = 1'b1;
          ram_we_o    = 1'b1;
          ram_widx_o  = stimer_pkg::W_CONFIG0 + {3'b000, t_q};
          ram_wdata_o = cfg_off;
          upd         = 1'b1;
          ts_we_o     = 1'b1;
          ts_state_o  = stimer_pkg::TS_IDLE;
        end else if (rstab_q) begin
          // Periodic success: re-arm on the grid (one cycle after the re-arm time is final, for
          // the registered comparisons). rstab_q alone says so: the modulo starts in PassCtx
          // (ctx 3), four cycles or more before the PassUpdate of its attempt, and its busy
          // rises the cycle after its start, so the cycle before a PassUpdate cycle shows a
          // modulo that runs (busy) or has ended for this attempt (RearmStab_A). Reading busy
          // here again put the modulo's state decode on the RAM write path
          // (docs/stimer-uarch.md section 7).
          ram_req_o   = 1'b1;
          ram_we_o    = 1'b1;
          ram_widx_o  = stimer_pkg::W_EXP0 + {3'b000, t_q};
          ram_wdata_o = rearm_exp;
          upd         = 1'b1;
          ts_we_o     = 1'b1;
          ts_state_o  = rnz_q ? stimer_pkg::TS_ARMED : stimer_pkg::TS_IDLE;
          if (rlt_q) begin
            scan_min_d = rearm_exp;
          end
        end
        if (upd) begin
          // The ATTEMPT record (stimer_sched): its memory beats were responded and its
          // interrupt accepted.
          tfrom_d = {1'b0, t_q} + 3'd1;  // continue after this timer
          state_d = stimer_pkg::PassTimer;
        end
      end

      stimer_pkg::PassEnd: begin
        // Every candidate was visited: the minimum seen is exact for the next pass.
        min_exp_d = scan_min_q;
        done_o    = 1'b1;
        state_d   = stimer_pkg::PassIdle;
      end

      default: state_d = stimer_pkg::PassIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= stimer_pkg::PassIdle;
      min_exp_q  <= NoExp;
    end else begin
      state_q    <= state_d;
      min_exp_q  <= min_exp_d;
    end
  end

  // No reset: each is written in the state that starts its use (PassIdle: scan_min_q, cursor_q;
  // PassScan: vp_q, tfrom_q; PassTimer: t_q, rdw_q; PassExp: exp_q, ctx_q, due_q (read in PassDue);
  // PassDeliver: out_q), and state_q is PassIdle after reset (docs/stimer-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    scan_min_q <= scan_min_d;
    vp_q       <= vp_d;
    cursor_q   <= cursor_d;
    t_q        <= t_d;
    tfrom_q    <= tfrom_d;
    ctx_q      <= ctx_d;
    rdw_q      <= rdw_d;
    exp_q      <= exp_d;
    due_q      <= exp_due;
    out_q      <= out_d;
    // Written every cycle, read only in PassUpdate (many cycles after any reset).
    rlt_q      <= rearm_exp < scan_min_q;
    rnz_q      <= rearm_exp != '0;
    rstab_q    <= !rearm_busy;
  end

  assign rec_o         = upd;
  assign rec_outcome_o = out_q;
  assign min_exp_o     = min_exp_q;
  assign vp_o          = vp_q;
  assign ts_timer_o    = t_q;

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_IMPLY(RearmStab_A, state_q == stimer_pkg::PassUpdate && rstab_q, !rearm_busy)
  `PRJ_ASSERT_IMPLY(RearmCmp_A, state_q == stimer_pkg::PassUpdate && rstab_q,
                    rlt_q == (rearm_exp < scan_min_q) && rnz_q == (rearm_exp != '0))
  // The scheduler starts a pass only when the previous one has ended.
  `PRJ_ASSERT_IMPLY(StartIdle_A, start_i, state_q == stimer_pkg::PassIdle)
`endif

endmodule

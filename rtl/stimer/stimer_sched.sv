// SPDX-License-Identifier: Apache-2.0
// stimer scheduler: arbitrates the idle block between an APB MSR access, an EOI and a pass
// (docs/interfaces.md section 4.2), and runs the pass: sample now, emit the PASS record, visit
// the candidate timers in service order (VP 0..NumVp-1, timer 0..3), attempt each due one
// (context read from the RAM, stimer_deliver for the SIM page and the interrupt), update its
// state (one-shot Enable := 0, periodic re-arm through the sequential modulo, or wait for an
// acknowledge) and emit its ATTEMPT record.
//
// Fast pass: `min_exp_q` is a lower bound of exp_time over every armed timer. A pass whose now is
// below it, with no acknowledged timer, has nothing due and ends after its PASS record.
module stimer_sched #(
  parameter int unsigned NumVp        = 4,
  parameter bit          ScontrolGate = 1'b1,
  localparam int unsigned VpW = (NumVp > 1) ? $clog2(NumVp) : 1
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic                         init_busy_i,
  input  logic [63:0]                  now_i,
  output logic [63:0]                  now_o,          // the sampled now
  output logic                         pass_o,         // a pass is running
  output logic                         busy_o,         // not idle, or a pass is wanted
  output logic                         sel_o,          // the scheduler owns RAM and timer state
  // idle operations
  input  logic                         op_valid_i,     // an APB access waits (stimer_regs)
  output logic                         op_start_o,     // granted: MSR engine starts it
  input  logic                         apb_cpl_i,      // an APB access completes this cycle
  input  logic                         eoi_valid_i,
  output logic                         eoi_ready_o,    // granted: MSR engine starts the EOI
  input  logic                         msr_done_i,
  input  logic                         msr_work_i,
  input  logic                         msr_start_i,    // a timer was armed by an MSR write
  input  logic [63:0]                  msr_start_exp_i,
  // timer state
  input  logic [NumVp-1:0]             vp_cand_i,
  input  logic [3:0]                   cand_i,         // candidates of vp_o
  input  logic                         any_acked_i,
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
  input  stimer_pkg::outcome_e         att_outcome_i,
  // retire
  output logic                         rt_valid_o,
  output stimer_pkg::rt_kind_e         rt_kind_o,
  output logic [VpW-1:0]               rt_vp_o,
  output logic [1:0]                   rt_timer_o,
  output stimer_pkg::outcome_e         rt_outcome_o,
  output logic [63:0]                  rt_now_o
);

  localparam logic [63:0] NoExp = '1;

  stimer_pkg::sched_state_e state_d, state_q;
  logic [63:0]          now_d, now_q;
  logic                 work_d, work_q;          // an input may have made work
  logic                 prefer_d, prefer_q;      // an EOI was served: a pending pass goes next
  logic [63:0]          min_exp_d, min_exp_q;    // lower bound of exp_time of armed timers
  logic [63:0]          scan_min_d, scan_min_q;  // exact minimum seen by this pass
  logic [VpW-1:0]       vp_d, vp_q;
  logic [VpW-1:0]       cursor_d, cursor_q;
  logic [1:0]           t_d, t_q;
  logic [2:0]           tfrom_d, tfrom_q;        // next timer of vp_q to look at (0..4)
  logic [2:0]           ctx_d, ctx_q;
  logic [63:0]          exp_d, exp_q;
  stimer_pkg::outcome_e out_d, out_q;
  logic                 rt_valid_d, rt_valid_q;
  stimer_pkg::rt_kind_e rt_kind_d, rt_kind_q;
  logic [VpW-1:0]       rt_vp_d, rt_vp_q;
  logic [1:0]           rt_timer_d, rt_timer_q;
  stimer_pkg::outcome_e rt_out_d, rt_out_q;
  logic [63:0]          rt_now_d, rt_now_q;

  // ---------------------------------------------------------------------------------------------
  // Helpers: next VP with a candidate, next candidate timer, the modulo unit
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
  // SchedTimer, the one after the current timer otherwise.
  logic [2:0] pick_from;
  logic       pick_any;
  logic [1:0] pick_t;
  assign pick_from = (state_q == stimer_pkg::SchedTimer) ? tfrom_q : ({1'b0, t_q} + 3'd1);
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
    .now_i       (now_q),
    .sintx_o     (sintx),
    .periodic_o  (periodic),
    .cfg_off_o   (cfg_off),
    .att_o,
    .rearm_busy_o(rearm_busy),
    .rearm_exp_o (rearm_exp)
  );

  logic quiet, pass_want, fast_ok, exp_due, last_vp, upd, out_success;
  // Nothing else completes or retires in this cycle: an input may be accepted or a pass start.
  assign quiet     = !init_busy_i && !rt_valid_q && !apb_cpl_i;
  assign pass_want = work_q || (now_i != now_q);

  // Idle arbitration, in priority order. An accepted MSR write or EOI (work_q) gets its pass
  // before any further MSR access or EOI is accepted (docs/interfaces.md section 4.2).
  // Otherwise an APB access first, then a pass for a new now, alternating with waiting EOIs.
  localparam logic [1:0] IdleOp   = 2'd0;
  localparam logic [1:0] IdlePass = 2'd1;
  localparam logic [1:0] IdleEoi  = 2'd2;
  logic [2:0] idle_req;
  logic       idle_any, idle_locked;
  logic [1:0] idle_grant;

  assign idle_req[IdleOp]   = op_valid_i && !work_q;
  assign idle_req[IdlePass] = work_q || (pass_want && (prefer_q || !eoi_valid_i));
  assign idle_req[IdleEoi]  = eoi_valid_i;

  cmn_arb #(
    .NumReq (3)
  ) u_idle_arb (
    .clk_i,
    .rst_ni,
    .req_i    (idle_req),
    .first_i  (2'd0),
    .hold_i   (1'b0),  // a grant takes effect at once
    .valid_o  (idle_any),
    .idx_o    (idle_grant),
    .locked_o (idle_locked)
  );
  // A pass must scan if a timer was acknowledged or an armed timer may be due.
  assign fast_ok   = !any_acked_i && (now_i < min_exp_q);
  assign exp_due   = (ram_rdata_i != '0) && (now_q >= ram_rdata_i);
  assign last_vp   = (32'(vp_q) == NumVp - 1);
  // Outcomes that are a success of the notification (spec section 4 "expire"; direct mode and
  // a periodic tick lost on a busy slot count as success). (A package function would be simpler,
  // but Yosys 0.23 does not resolve enum names inside one.)
  assign out_success = (out_q == stimer_pkg::OUT_DELIVERED) || (out_q == stimer_pkg::OUT_NO_IRQ) ||
                       (out_q == stimer_pkg::OUT_DIRECT) || (out_q == stimer_pkg::OUT_BUSY_LOST);

  always_comb begin
    state_d     = state_q;
    now_d       = now_q;
    work_d      = work_q || msr_work_i;
    prefer_d    = prefer_q;
    min_exp_d   = min_exp_q;
    scan_min_d  = scan_min_q;
    vp_d        = vp_q;
    cursor_d    = cursor_q;
    t_d         = t_q;
    tfrom_d     = tfrom_q;
    ctx_d       = ctx_q;
    exp_d       = exp_q;
    out_d       = out_q;
    rt_valid_d  = 1'b0;
    rt_kind_d   = rt_kind_q;
    rt_vp_d     = rt_vp_q;
    rt_timer_d  = rt_timer_q;
    rt_out_d    = rt_out_q;
    rt_now_d    = rt_now_q;
    op_start_o  = 1'b0;
    eoi_ready_o = 1'b0;
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
      stimer_pkg::SchedIdle: begin
        if (quiet && idle_any) begin
          unique case (idle_grant)
            IdleOp: begin
              op_start_o = 1'b1;
              state_d    = stimer_pkg::SchedOp;
            end
            IdlePass: begin
              // Pass start: sample now, PASS record (docs/interfaces.md section 4.2).
              // IMPDEF: IMPDEF-ST-6 now is sampled once per pass.
              now_d      = now_i;
              work_d     = 1'b0;
              prefer_d   = 1'b0;
              rt_valid_d = 1'b1;
              rt_kind_d  = stimer_pkg::RT_PASS;
              rt_vp_d    = '0;
              rt_timer_d = '0;
              rt_out_d   = stimer_pkg::OUT_DELIVERED;
              rt_now_d   = now_i;
              if (!fast_ok) begin
                scan_min_d = NoExp;
                cursor_d   = '0;
                state_d    = stimer_pkg::SchedScan;
              end
            end
            default: begin  // IdleEoi
              eoi_ready_o = 1'b1;
              prefer_d    = 1'b1;
              state_d     = stimer_pkg::SchedOp;
            end
          endcase
        end
      end

      stimer_pkg::SchedOp: begin
        if (msr_done_i) begin
          state_d = stimer_pkg::SchedIdle;
        end
      end

      stimer_pkg::SchedScan: begin
        if (ffs_found) begin
          vp_d    = ffs_idx;
          tfrom_d = 3'd0;
          state_d = stimer_pkg::SchedTimer;
        end else begin
          state_d = stimer_pkg::SchedEnd;
        end
      end

      stimer_pkg::SchedTimer: begin
        if (pick_any) begin
          t_d       = pick_t;
          ram_req_o = 1'b1;
          state_d   = stimer_pkg::SchedExp;
        end else if (last_vp) begin
          state_d = stimer_pkg::SchedEnd;
        end else begin
          cursor_d = vp_q + VpW'(1);
          state_d  = stimer_pkg::SchedScan;
        end
      end

      stimer_pkg::SchedExp: begin
        if (exp_due) begin
          exp_d     = ram_rdata_i;
          ram_req_o = 1'b1;
          ram_widx_o = stimer_pkg::W_CONFIG0 + {3'b000, t_q};
          ctx_d     = 3'd1;
          state_d   = stimer_pkg::SchedCtx;
        end else begin
          // Not due: it bounds the next pass; look at the next candidate of this VP.
          if (ram_rdata_i < scan_min_q) begin
            scan_min_d = ram_rdata_i;
          end
          if (pick_any) begin
            t_d       = pick_t;
            ram_req_o = 1'b1;
          end else if (last_vp) begin
            state_d = stimer_pkg::SchedEnd;
          end else begin
            cursor_d = vp_q + VpW'(1);
            state_d  = stimer_pkg::SchedScan;
          end
        end
      end

      stimer_pkg::SchedCtx: begin
        ctx_d     = ctx_q + 3'd1;
        ram_req_o = (ctx_q != 3'd5);
        unique case (ctx_q)
          3'd1: begin
            cap_cfg    = 1'b1;
            ram_widx_o = stimer_pkg::W_COUNT0 + {3'b000, t_q};
          end
          3'd2: begin
            cap_cnt    = 1'b1;  // starts the re-arm modulo of a periodic timer
            ram_widx_o = stimer_pkg::W_SINT0 + {1'b0, sintx};
          end
          3'd3: begin
            cap_sint   = 1'b1;
            ram_widx_o = stimer_pkg::W_SIMP;
          end
          3'd4: begin
            cap_simp   = 1'b1;
            ram_widx_o = stimer_pkg::W_SCONTROL;
          end
          default: begin  // 5: SCONTROL arrives, start the delivery
            att_start_o = 1'b1;
            state_d     = stimer_pkg::SchedDeliver;
          end
        endcase
      end

      stimer_pkg::SchedDeliver: begin
        if (att_done_i) begin
          out_d   = att_outcome_i;
          state_d = stimer_pkg::SchedUpdate;
        end
      end

      stimer_pkg::SchedUpdate: begin
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
        end else if (!rearm_busy) begin
          // Periodic success: re-arm on the grid.
          ram_req_o   = 1'b1;
          ram_we_o    = 1'b1;
          ram_widx_o  = stimer_pkg::W_EXP0 + {3'b000, t_q};
          ram_wdata_o = rearm_exp;
          upd         = 1'b1;
          ts_we_o     = 1'b1;
          ts_state_o  = (rearm_exp != '0) ? stimer_pkg::TS_ARMED : stimer_pkg::TS_IDLE;
          if ((rearm_exp != '0) && (rearm_exp < scan_min_q)) begin
            scan_min_d = rearm_exp;
          end
        end
        if (upd) begin
          // The ATTEMPT record: its memory beats were responded and its interrupt accepted.
          rt_valid_d = 1'b1;
          rt_kind_d  = stimer_pkg::RT_ATTEMPT;
          rt_vp_d    = vp_q;
          rt_timer_d = t_q;
          rt_out_d   = out_q;
          rt_now_d   = now_q;
          tfrom_d    = {1'b0, t_q} + 3'd1;  // continue after this timer
          state_d    = stimer_pkg::SchedTimer;
        end
      end

      stimer_pkg::SchedEnd: begin
        // Every candidate was visited: the minimum seen is exact for the next pass.
        min_exp_d = scan_min_q;
        state_d   = stimer_pkg::SchedIdle;
      end

      default: state_d = stimer_pkg::SchedIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= stimer_pkg::SchedIdle;
      now_q      <= '0;
      work_q     <= 1'b0;
      prefer_q   <= 1'b0;
      min_exp_q  <= NoExp;
      scan_min_q <= NoExp;
      vp_q       <= '0;
      cursor_q   <= '0;
      t_q        <= '0;
      tfrom_q    <= '0;
      ctx_q      <= '0;
      exp_q      <= '0;
      out_q      <= stimer_pkg::OUT_DELIVERED;
      rt_valid_q <= 1'b0;
      rt_kind_q  <= stimer_pkg::RT_PASS;
      rt_vp_q    <= '0;
      rt_timer_q <= '0;
      rt_out_q   <= stimer_pkg::OUT_DELIVERED;
      rt_now_q   <= '0;
    end else begin
      state_q    <= state_d;
      now_q      <= now_d;
      work_q     <= work_d;
      prefer_q   <= prefer_d;
      min_exp_q  <= min_exp_d;
      scan_min_q <= scan_min_d;
      vp_q       <= vp_d;
      cursor_q   <= cursor_d;
      t_q        <= t_d;
      tfrom_q    <= tfrom_d;
      ctx_q      <= ctx_d;
      exp_q      <= exp_d;
      out_q      <= out_d;
      rt_valid_q <= rt_valid_d;
      rt_kind_q  <= rt_kind_d;
      rt_vp_q    <= rt_vp_d;
      rt_timer_q <= rt_timer_d;
      rt_out_q   <= rt_out_d;
      rt_now_q   <= rt_now_d;
    end
  end

  // The idle arbiter never holds a grant.
  logic unused_idle_locked;
  assign unused_idle_locked = idle_locked;

  assign now_o  = now_q;
  assign pass_o = (state_q != stimer_pkg::SchedIdle) && (state_q != stimer_pkg::SchedOp);
  assign busy_o = init_busy_i || (state_q != stimer_pkg::SchedIdle) || pass_want;
  assign sel_o  = pass_o;
  assign vp_o   = vp_q;
  assign ts_timer_o = t_q;

  assign rt_valid_o   = rt_valid_q;
  assign rt_kind_o    = rt_kind_q;
  assign rt_vp_o      = rt_vp_q;
  assign rt_timer_o   = rt_timer_q;
  assign rt_outcome_o = rt_out_q;
  assign rt_now_o     = rt_now_q;

endmodule

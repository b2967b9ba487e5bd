// SPDX-License-Identifier: Apache-2.0
// stimer scheduler: arbitrates the idle block between an APB MSR access, an EOI and a pass
// (docs/interfaces.md section 4.2), starts each pass (sample now, PASS record) and emits the
// retire records: the PASS record and the ATTEMPT record of each attempt of the pass engine
// (stimer_pass), which visits the candidate timers.
//
// Fast pass: stimer_pass keeps `min_exp`, a lower bound of exp_time over every armed timer. A
// pass whose now is below it, with no acknowledged timer, has nothing due and ends after its
// PASS record without starting the pass engine.
`include "prj_assert.svh"

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
  output stimer_pkg::retire_t          rt_o    // docs/enc/stimer.md, record `retire`
);

  stimer_pkg::sched_state_e state_d, state_q;
  logic [63:0]          now_d, now_q;
  logic                 work_d, work_q;          // an input may have made work
  logic                 rt_valid_d, rt_valid_q;
  stimer_pkg::retire_t  rt_d, rt_q;

  // ---------------------------------------------------------------------------------------------
  // Pass engine
  // ---------------------------------------------------------------------------------------------
  logic                 pass_start, pass_done, rec;
  stimer_pkg::outcome_e rec_outcome;
  logic [63:0]          min_exp;

  stimer_pass #(
    .NumVp       (NumVp),
    .ScontrolGate(ScontrolGate)
  ) u_pass (
    .clk_i,
    .rst_ni,
    .start_i        (pass_start),
    .now_i          (now_q),
    .done_o         (pass_done),
    .rec_o          (rec),
    .rec_outcome_o  (rec_outcome),
    .min_exp_o      (min_exp),
    .msr_start_i,
    .msr_start_exp_i,
    .vp_cand_i,
    .cand_i,
    .vp_o,
    .ts_we_o,
    .ts_timer_o,
    .ts_state_o,
    .ram_req_o,
    .ram_we_o,
    .ram_widx_o,
    .ram_wdata_o,
    .ram_rdata_i,
    .att_start_o,
    .att_o,
    .att_done_i,
    .att_outcome_i
  );

  // ---------------------------------------------------------------------------------------------
  // Idle arbitration
  // ---------------------------------------------------------------------------------------------
  logic quiet, pass_want, fast_ok;
  // Nothing else completes or retires in this cycle: an input may be accepted or a pass start.
  assign quiet     = !init_busy_i && !rt_valid_q && !apb_cpl_i;
  assign pass_want = work_q || (now_i != now_q);
  // A pass must scan if a timer was acknowledged or an armed timer may be due.
  assign fast_ok   = !any_acked_i && (now_i < min_exp);

  // In priority order. An accepted MSR write or EOI (work_q) gets its pass before any further
  // MSR access or EOI is accepted (docs/interfaces.md section 4.2). Otherwise an APB access
  // first, then a waiting EOI, then a pass for a new now: an accepted EOI always owes a pass
  // (work_q), which samples the new now too, so waiting EOIs and passes alternate.
  localparam logic [1:0] IdleOp   = 2'd0;
  localparam logic [1:0] IdlePass = 2'd1;
  localparam logic [1:0] IdleEoi  = 2'd2;
  logic [2:0] idle_req;
  logic       idle_any, idle_locked;
  logic [1:0] idle_grant;

  assign idle_req[IdleOp]   = op_valid_i && !work_q;
  assign idle_req[IdlePass] = work_q || (pass_want && !eoi_valid_i);
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

  // A pass that is not fast starts the pass engine (a separate process: the engine's attempt
  // records come back into the FSM process below).
  assign pass_start = (state_q == stimer_pkg::SchedIdle) && quiet && idle_any &&
                      (idle_grant == IdlePass) && !fast_ok;

  always_comb begin
    state_d     = state_q;
    now_d       = now_q;
    work_d      = work_q || msr_work_i;
    rt_valid_d  = 1'b0;
    // The record register is loaded in every cycle (it is read only while rt_valid_q is set): the
    // PASS record in SchedIdle, the ATTEMPT record in SchedPass, whatever the grant or `rec`
    // decide, so the idle arbitration reaches only rt_valid_q, not the record's enables.
    rt_d        = '0;
    op_start_o  = 1'b0;
    eoi_ready_o = 1'b0;

    unique case (state_q)
      stimer_pkg::SchedIdle: begin
        // Fields a PASS record does not define are 0.
        rt_d.kind = stimer_pkg::RT_PASS;
        rt_d.now  = now_i;
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
              rt_valid_d = 1'b1;
              if (pass_start) begin
                state_d = stimer_pkg::SchedPass;
              end
            end
            default: begin  // IdleEoi
              eoi_ready_o = 1'b1;
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

      stimer_pkg::SchedPass: begin
        // The ATTEMPT record: valid with `rec` (its memory beats were responded and its
        // interrupt accepted). Every field is assigned.
        rt_d.kind    = stimer_pkg::RT_ATTEMPT;
        rt_d.vp      = stimer_pkg::RETIRE_VP_W'(vp_o);
        rt_d.timer   = ts_timer_o;
        rt_d.sint    = att_o.direct ? '0 : att_o.slot_addr[11:8];  // CONFIG.SINTx
        rt_d.outcome = rec_outcome;
        rt_d.now     = now_q;
        if (rec) begin
          rt_valid_d = 1'b1;
        end
        if (pass_done) begin
          state_d = stimer_pkg::SchedIdle;
        end
      end

      default: state_d = stimer_pkg::SchedIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q    <= stimer_pkg::SchedIdle;
      now_q      <= '0;
      work_q     <= 1'b0;
      rt_valid_q <= 1'b0;
    end else begin
      state_q    <= state_d;
      now_q      <= now_d;
      work_q     <= work_d;
      rt_valid_q <= rt_valid_d;
    end
  end

  // No reset: the retire record, read only while rt_valid_q is set (docs/stimer-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    rt_q <= rt_d;
  end

  // The idle arbiter never holds a grant.
  logic unused_idle_locked;
  assign unused_idle_locked = idle_locked;

  assign now_o  = now_q;
  assign pass_o = (state_q == stimer_pkg::SchedPass);
  assign busy_o = init_busy_i || (state_q != stimer_pkg::SchedIdle) || pass_want;
  assign sel_o  = pass_o;

  assign rt_valid_o   = rt_valid_q;
  assign rt_o         = rt_q;

`ifdef PRJ_ASSERT_ON
  // The pass engine runs exactly while the scheduler is in SchedPass, and reports attempts only
  // then.
  `PRJ_ASSERT_IMPLY(PassDoneInPass_A, pass_done, state_q == stimer_pkg::SchedPass)
  `PRJ_ASSERT_IMPLY(RecInPass_A, rec, state_q == stimer_pkg::SchedPass)
`endif

endmodule

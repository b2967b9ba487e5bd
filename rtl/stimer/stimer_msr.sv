// SPDX-License-Identifier: Apache-2.0
// stimer MSR engine: executes one decoded MSR access (from stimer_regs) or one local-APIC EOI at
// a time, only while no pass runs (the scheduler grants it). Implements spec/stimer.md section 3
// (CONFIG/COUNT writes: cancel, KVM SINTx=0 rule, AutoEnable, start with the sampled now),
// section 2 (SIMP enable zeroes the page) and section 5 (EOM and EOI acknowledge).
module stimer_msr #(
  parameter int unsigned NumVp = 4,
  localparam int unsigned VpW  = (NumVp > 1) ? $clog2(NumVp) : 1
) (
  input  logic                         clk_i,
  input  logic                         rst_ni,
  input  logic [63:0]                  now_i,         // the sampled now (IMPDEF-ST-6)
  // MSR operation (start pulse from the scheduler's grant)
  input  logic                         op_start_i,
  input  logic [VpW-1:0]               op_vp_i,
  input  stimer_pkg::msr_req_t         op_i,
  // EOI (start pulse = the accepted EOI handshake)
  input  logic                         eoi_start_i,
  input  logic [VpW-1:0]               eoi_vp_i,
  input  logic [7:0]                   eoi_vector_i,
  // completion
  output logic                         done_o,        // pulse, MSR access or EOI finished
  output logic [63:0]                  rdata_o,       // MSR read data (valid with done_o)
  output logic                         work_o,        // pulse: state changed, run a pass
  output logic                         start_o,       // pulse: a timer was armed at start_exp_o
  output logic [63:0]                  start_exp_o,
  // RAM port
  output logic                         ram_req_o,
  output logic                         ram_we_o,
  output logic [VpW-1:0]               ram_vp_o,      // VP of the RAM port, ts, ack and pend
  output logic [stimer_pkg::WordW-1:0] ram_widx_o,
  output logic [63:0]                  ram_wdata_o,
  input  logic [63:0]                  ram_rdata_i,
  // timer state
  output logic                         ts_we_o,
  output logic [1:0]                   ts_timer_o,
  output stimer_pkg::tstate_e          ts_state_o,
  output logic                         ack_o,
  output logic [3:0]                   ack_mask_o,
  input  logic [3:0]                   pend_i,        // TS_PEND timers of ram_vp_o
  // SIM page zeroing (stimer_deliver)
  output logic                         zero_start_o,
  output logic [51:0]                  zero_page_o,
  input  logic                         zero_done_i
);

  stimer_pkg::msr_state_e state_d, state_q;
  logic [VpW-1:0]       vp_d, vp_q;
  stimer_pkg::msr_req_t op_d, op_q;
  logic [7:0]           eoi_vec_d, eoi_vec_q;
  logic [3:0]           todo_d, todo_q;      // EOI: waiting timers still to check
  logic [3:0]           amask_d, amask_q;    // EOI: timers to acknowledge
  logic [1:0]           et_d, et_q;          // EOI: timer being checked
  logic [63:0]          cfg_d, cfg_q;        // timer write: old CONFIG, then the new one
  logic [63:0]          cnt_d, cnt_q;        // timer write: the COUNT in effect
  logic [63:0]          exp_d, exp_q;
  logic                 arm_d, arm_q;        // timer write: start the timer
  logic [63:0]          rdata_d, rdata_q;
  logic                 work_d, work_q;
  // RAM read data arrives 2 cycles after its request (stimer_ram_1p): the cycle after a read
  // request is a wait cycle in which the FSM does nothing, so the state that uses the data sees
  // it.
  logic                 rdw_d, rdw_q;

  // Lowest set bit of the EOI to-do mask.
  logic [1:0] todo_first;
  always_comb begin
    todo_first = 2'd3;
    for (int t = 3; t >= 0; t--) begin
      if (todo_q[t]) begin
        todo_first = 2'(t);
      end
    end
  end

  logic [63:0] new_cfg;   // CONFIG after a CONFIG write (KVM SINTx=0 rule)
  logic [63:0] cnt_cfg;   // CONFIG after a COUNT write (Enable by COUNT / AutoEnable)
  always_comb begin
    // spec section 3, CONFIG step 3: old Enable = 1, new not direct, new SINTx = 0 -> Enable 0.
    new_cfg = op_q.data;
    if (cfg_q[stimer_pkg::CFG_ENABLE_LSB] && !op_q.data[stimer_pkg::CFG_DIRECT_LSB] &&
        (op_q.data[stimer_pkg::CFG_SINTX_LSB+:4] == 4'h0)) begin
      new_cfg[stimer_pkg::CFG_ENABLE_LSB] = 1'b0;
    end
    // spec section 3, COUNT step 2: COUNT = 0 -> Enable 0; else AutoEnable -> Enable 1.
    cnt_cfg = cfg_q;
    if (op_q.data == '0) begin
      cnt_cfg[stimer_pkg::CFG_ENABLE_LSB] = 1'b0;
    end else if (cfg_q[stimer_pkg::CFG_AUTO_ENABLE_LSB]) begin
      cnt_cfg[stimer_pkg::CFG_ENABLE_LSB] = 1'b1;
    end
  end

  always_comb begin
    state_d      = state_q;
    vp_d         = vp_q;
    op_d         = op_q;
    eoi_vec_d    = eoi_vec_q;
    todo_d       = todo_q;
    amask_d      = amask_q;
    et_d         = et_q;
    cfg_d        = cfg_q;
    cnt_d        = cnt_q;
    exp_d        = exp_q;
    arm_d        = arm_q;
    rdata_d      = rdata_q;
    work_d       = work_q;
    done_o       = 1'b0;
    start_o      = 1'b0;
    ram_req_o    = 1'b0;
    ram_we_o     = 1'b0;
    ram_widx_o   = op_q.widx;
    ram_wdata_o  = op_q.data;
    ts_we_o      = 1'b0;
    ts_state_o   = stimer_pkg::TS_IDLE;
    ack_o        = 1'b0;
    ack_mask_o   = 4'h0;
    zero_start_o = 1'b0;

    if (rdw_q) begin
      // wait for the read data
    end else begin
      unique case (state_q)
        stimer_pkg::MsrIdle: begin
          // The operands are loaded in every idle cycle (they matter only after a start), so
          // that the scheduler's grant drives only the state and these few selects, not the
          // enables of the operand registers.
          op_d      = op_i;
          eoi_vec_d = eoi_vector_i;
          amask_d   = 4'h0;
          rdata_d   = '0;
          vp_d      = eoi_start_i ? eoi_vp_i : op_vp_i;
          // docs/interfaces.md section 4.2: every accepted MSR write, #GP included, is followed
          // by a pass before the next MSR access or EOI is accepted; so is every EOI.
          work_d    = eoi_start_i || op_i.wr;
          if (op_start_i) begin
            state_d = stimer_pkg::MsrExec;
          end else if (eoi_start_i) begin
            state_d = stimer_pkg::MsrEoiInit;
          end
        end

        stimer_pkg::MsrExec: begin
          state_d = stimer_pkg::MsrDone;
          unique case (op_q.op)
            stimer_pkg::MSR_OP_RD_NOW: rdata_d = now_i;  // IMPDEF: IMPDEF-ST-6 the sampled now
            stimer_pkg::MSR_OP_RD_CONST: rdata_d = op_q.data;
            stimer_pkg::MSR_OP_RD_RAM: begin
              ram_req_o = 1'b1;
              state_d   = stimer_pkg::MsrRdWait;
            end
            stimer_pkg::MSR_OP_WR_RAM: begin
              ram_req_o = 1'b1;
              ram_we_o  = 1'b1;
            end
            stimer_pkg::MSR_OP_WR_SIMP: begin
              // spec section 2 Normative: a SIMP write with Enable = 1 zeroes the page; the
              // zeroing belongs to this write (docs/interfaces.md section 4.2).
              // IMPDEF: IMPDEF-ST-3 only the guest SIMP write zeroes the page, not reset.
              ram_req_o = 1'b1;
              ram_we_o  = 1'b1;
              if (op_q.data[stimer_pkg::SYNIC_ENABLE_LSB]) begin
                zero_start_o = 1'b1;
                state_d      = stimer_pkg::MsrZero;
              end
            end
            stimer_pkg::MSR_OP_EOM: begin
              // spec section 5: EOM acknowledges every SINT: each waiting timer is re-evaluated.
              ack_o      = 1'b1;
              ack_mask_o = 4'hF;
            end
            stimer_pkg::MSR_OP_WR_CFG, stimer_pkg::MSR_OP_WR_CNT: begin
              ram_req_o  = 1'b1;
              ram_widx_o = stimer_pkg::W_CONFIG0 + {3'b000, op_q.timer};
              state_d    = stimer_pkg::MsrTmCfg;
            end
            default: ;  // MSR_OP_GP: no effect
          endcase
        end

        stimer_pkg::MsrRdWait: begin
          rdata_d = ram_rdata_i;
          state_d = stimer_pkg::MsrDone;
        end

        stimer_pkg::MsrZero: begin
          // IMPDEF: IMPDEF-ST-2 faults during SIMP zeroing are ignored.
          if (zero_done_i) begin
            state_d = stimer_pkg::MsrDone;
          end
        end

        stimer_pkg::MsrTmCfg: begin
          cfg_d     = ram_rdata_i;  // the old CONFIG
          ram_req_o = 1'b1;
          if (op_q.op == stimer_pkg::MSR_OP_WR_CFG) begin
            ram_widx_o = stimer_pkg::W_COUNT0 + {3'b000, op_q.timer};  // read COUNT
          end else begin
            ram_we_o   = 1'b1;                                          // store COUNT
            ram_widx_o = stimer_pkg::W_COUNT0 + {3'b000, op_q.timer};
          end
          state_d = stimer_pkg::MsrTmCnt;
        end

        stimer_pkg::MsrTmCnt: begin
          if (op_q.op == stimer_pkg::MSR_OP_WR_CFG) begin
            cnt_d = ram_rdata_i;
            cfg_d = new_cfg;
          end else begin
            cnt_d = op_q.data;
            cfg_d = cnt_cfg;
          end
          state_d = stimer_pkg::MsrTmStart;
        end

        stimer_pkg::MsrTmStart: begin
          ram_req_o   = 1'b1;
          ram_we_o    = 1'b1;
          ram_widx_o  = stimer_pkg::W_CONFIG0 + {3'b000, op_q.timer};
          ram_wdata_o = cfg_q;
          // Both writes cancel the timer first (exp_time := 0, msg_pending := 0), then start it
          // (spec section 4) if Enable = 1 and COUNT != 0. It is a fresh start: periodic
          // exp = now + count with the sampled now, one-shot exp = count.
          arm_d   = cfg_q[stimer_pkg::CFG_ENABLE_LSB] && (cnt_q != '0);
          exp_d   = cfg_q[stimer_pkg::CFG_PERIODIC_LSB] ? (now_i + cnt_q) : cnt_q;
          state_d = stimer_pkg::MsrTmExp;
        end

        stimer_pkg::MsrTmExp: begin
          ram_req_o   = arm_q;
          ram_we_o    = arm_q;
          ram_widx_o  = stimer_pkg::W_EXP0 + {3'b000, op_q.timer};
          ram_wdata_o = exp_q;
          // The timer state is written once: cancelled (TS_IDLE) or started (TS_ARMED). The spec's
          // "exp_time != 0" test: a start that yields exp_time = 0 leaves the timer idle.
          ts_we_o     = 1'b1;
          ts_state_o  = (arm_q && (exp_q != '0)) ? stimer_pkg::TS_ARMED : stimer_pkg::TS_IDLE;
          start_o     = arm_q && (exp_q != '0);
          state_d     = stimer_pkg::MsrDone;
        end

        stimer_pkg::MsrEoiInit: begin
          todo_d  = pend_i;  // the timers of this VP waiting for an acknowledge
          state_d = stimer_pkg::MsrEoiSel;
        end

        stimer_pkg::MsrEoiSel: begin
          // spec section 5: an EOI of vector V acknowledges every unmasked SINT with vector V;
          // each waiting timer on such a SINT is re-evaluated.
          // IMPDEF: IMPDEF-ST-4 AutoEOI SINTs are included (the APIC never EOIs them anyway).
          if (todo_q == 4'h0) begin
            ack_o      = 1'b1;
            ack_mask_o = amask_q;
            state_d    = stimer_pkg::MsrDone;
          end else begin
            et_d       = todo_first;
            ram_req_o  = 1'b1;
            ram_widx_o = stimer_pkg::W_CONFIG0 + {3'b000, todo_first};
            state_d    = stimer_pkg::MsrEoiCfg;
          end
        end

        stimer_pkg::MsrEoiCfg: begin
          ram_req_o  = 1'b1;
          // SINT[SINTx]
          ram_widx_o = stimer_pkg::W_SINT0 + {1'b0, ram_rdata_i[stimer_pkg::CFG_SINTX_LSB+:4]};
          state_d    = stimer_pkg::MsrEoiSint;
        end

        stimer_pkg::MsrEoiSint: begin
          if (!ram_rdata_i[stimer_pkg::SINT_MASKED_LSB] && (ram_rdata_i[7:0] == eoi_vec_q)) begin
            amask_d[et_q] = 1'b1;
          end
          todo_d[et_q] = 1'b0;
          state_d      = stimer_pkg::MsrEoiSel;
        end

        stimer_pkg::MsrDone: begin
          done_o  = 1'b1;
          state_d = stimer_pkg::MsrIdle;
        end

        default: state_d = stimer_pkg::MsrIdle;
      endcase
    end
    rdw_d = ram_req_o && !ram_we_o;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q   <= stimer_pkg::MsrIdle;
    end else begin
      state_q   <= state_d;
    end
  end

  // No reset: written in MsrIdle (every cycle) or in the state before the one that reads them; the
  // RAM, ts and ack strobes that carry vp_q / op_q are 0 in MsrIdle (docs/stimer-uarch.md, Resets).
  // rdw_q is written every cycle; a stale 1 in the first cycle after a reset only makes that
  // MsrIdle cycle a wait cycle, and no start comes then: the scheduler starts nothing while
  // stimer_state initialises the RAM (init_busy, NumVp * 32 cycles from the reset).
  always_ff @(posedge clk_i) begin
    rdw_q     <= rdw_d;
    vp_q      <= vp_d;
    op_q      <= op_d;
    eoi_vec_q <= eoi_vec_d;
    todo_q    <= todo_d;
    amask_q   <= amask_d;
    et_q      <= et_d;
    cfg_q     <= cfg_d;
    cnt_q     <= cnt_d;
    exp_q     <= exp_d;
    arm_q     <= arm_d;
    rdata_q   <= rdata_d;
    work_q    <= work_d;
  end

  assign rdata_o     = rdata_q;
  assign work_o      = done_o && work_q;
  assign start_exp_o = exp_q;
  assign ram_vp_o    = vp_q;
  assign ts_timer_o  = op_q.timer;
  assign zero_page_o = op_q.data[63:12];

endmodule

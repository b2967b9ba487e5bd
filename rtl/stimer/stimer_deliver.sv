// SPDX-License-Identifier: Apache-2.0
// stimer delivery: the SIM page memory master and the interrupt request of one attempt
// (spec/stimer.md sections 4 and 6, beat rules of docs/interfaces.md section 2), and the SIM page
// zeroing of a SIMP write. Requests are issued from flops and held stable until accepted; every
// response is accepted at once (in order), so any latency and back-pressure is tolerated and
// several requests may be outstanding.
`include "prj_assert.svh"

module stimer_deliver #(
  parameter int unsigned NumVp = 4,
  localparam int unsigned VpW  = (NumVp > 1) ? $clog2(NumVp) : 1
) (
  input  logic                    clk_i,
  input  logic                    rst_ni,
  // attempt
  input  logic                    start_i,     // pulse, with vp_i/att_i
  input  logic [VpW-1:0]          vp_i,
  input  stimer_pkg::attempt_t    att_i,
  output logic                    done_o,      // pulse: all beats responded, interrupt accepted
  output stimer_pkg::outcome_e    outcome_o,   // valid with done_o
  // SIM page zeroing
  input  logic                    zero_start_i,
  input  logic [51:0]             zero_page_i,
  output logic                    zero_done_o,
  // memory master
  output logic                    mem_req_valid_o,
  input  logic                    mem_req_ready_i,
  output cmn_pkg::mem_req_t       mem_req_o,
  input  logic                    mem_rsp_valid_i,
  output logic                    mem_rsp_ready_o,
  input  cmn_pkg::mem_rsp_t       mem_rsp_i,
  // interrupt request
  output logic                    irq_valid_o,
  input  logic                    irq_ready_i,
  output logic [VpW-1:0]          irq_vp_o,
  output logic [7:0]              irq_vector_o,
  output logic                    irq_auto_eoi_o
);

  stimer_pkg::dlv_state_e   state_d, state_q;
  stimer_pkg::dlv_burst_e   burst_d, burst_q;
  logic [VpW-1:0]           vp_d, vp_q;
  stimer_pkg::attempt_t     att_d, att_q;
  stimer_pkg::outcome_e     out_d, out_q;
  logic [51:0]              page_d, page_q;
  logic [9:0]               issue_d, issue_q;  // index of the next beat to issue
  logic [9:0]               nbeat_d, nbeat_q;  // beats in the burst
  logic [9:0]               rsp_d, rsp_q;      // responses still expected
  logic                     err_d, err_q;      // a response of the burst faulted
  logic [7:0]               flags_d, flags_q;  // slot flags byte from the busy check
  logic                     req_valid_d, req_valid_q;
  cmn_pkg::mem_req_t        req_d, req_q;      // the request beat, stable while valid
  logic                     irq_valid_d, irq_valid_q;
  logic [7:0]               irq_vec_d, irq_vec_q;
  logic                     irq_aeoi_d, irq_aeoi_q;

  // ---------------------------------------------------------------------------------------------
  // Beat payload of beat `issue_q` of the current burst
  // ---------------------------------------------------------------------------------------------
  logic [63:0] slot;
  logic [63:0] b_addr, b_wdata;
  logic        b_we;
  logic [7:0]  b_be;

  assign slot = att_q.slot_addr;

  always_comb begin
    b_addr  = slot;
    b_wdata = '0;
    b_we    = 1'b1;
    b_be    = 8'hFF;
    unique case (burst_q)
      stimer_pkg::BurstBusy: begin
        b_we = 1'b0;  // reads carry be = FF and wdata 0
      end
      stimer_pkg::BurstFlag: begin
        // IMPDEF: IMPDEF-ST-5 byte 5 = flags | 1 even when bit 0 is already set.
        // Only byte 5 is enabled; the other byte lanes carry 0.
        b_be    = 8'h20;
        b_wdata = {16'h0, flags_q | 8'h01, 40'h0};
      end
      stimer_pkg::BurstMsg: begin
        // Payload first, message_type last (spec section 4 Normative).
        unique case (issue_q[2:0])
          3'd0: begin b_addr = slot + 64'h08; b_wdata = '0; end  // sender id
          3'd1: begin b_addr = slot + 64'h10; b_wdata = {32'h0, 30'h0, att_q.timer}; end
          3'd2: begin b_addr = slot + 64'h18; b_wdata = att_q.exp_time; end
          3'd3: begin b_addr = slot + 64'h20; b_wdata = att_q.now; end  // delivery_time
          default: begin b_addr = slot; b_wdata = stimer_pkg::MSG_HEADER; end
        endcase
      end
      default: begin  // BurstZero
        b_addr  = {page_q, issue_q[8:0], 3'b000};
        b_wdata = '0;
      end
    endcase
  end

  // ---------------------------------------------------------------------------------------------
  // Control
  // ---------------------------------------------------------------------------------------------
  logic req_hs, rsp_hs, rsp_last;

  assign req_hs          = req_valid_q && mem_req_ready_i;
  assign mem_rsp_ready_o = 1'b1;
  assign rsp_hs          = mem_rsp_valid_i;
  // The last response of the burst arrives (responses come in request order, one per beat).
  assign rsp_last        = rsp_hs && (rsp_q == 10'd1);

  // A new burst of `bst_n` beats of kind `bst_k` starts when `bst_go` (first beat loaded next
  // cycle).
  logic                   bst_go;
  stimer_pkg::dlv_burst_e bst_k;
  logic [9:0]             bst_n;

  always_comb begin
    state_d     = state_q;
    burst_d     = burst_q;
    vp_d        = vp_q;
    att_d       = att_q;
    out_d       = out_q;
    page_d      = page_q;
    issue_d     = issue_q;
    nbeat_d     = nbeat_q;
    rsp_d       = rsp_q;
    err_d       = err_q;
    flags_d     = flags_q;
    req_valid_d = req_valid_q;
    req_d       = req_q;
    irq_valid_d = irq_valid_q;
    irq_vec_d   = irq_vec_q;
    irq_aeoi_d  = irq_aeoi_q;
    done_o      = 1'b0;
    zero_done_o = 1'b0;
    bst_go      = 1'b0;
    bst_k       = stimer_pkg::BurstBusy;
    bst_n       = '0;

    // Request stream: load the next beat when the request register is free or just accepted.
    if (req_hs) begin
      req_valid_d = 1'b0;
    end
    if (((state_q == stimer_pkg::DlvBusy) || (state_q == stimer_pkg::DlvFlag) ||
         (state_q == stimer_pkg::DlvMsg) || (state_q == stimer_pkg::DlvZero)) &&
        (!req_valid_q || req_hs) &&
        (issue_q != nbeat_q)) begin
      req_valid_d = 1'b1;
      req_d.addr  = b_addr;
      req_d.we    = b_we;
      req_d.wdata = b_wdata;
      req_d.be    = b_be;
      issue_d     = issue_q + 10'd1;
    end
    // Response stream: count down; any faulting beat faults the access. Responses come only for
    // issued beats, so rsp_q is not 0 when one arrives.
    if (rsp_hs) begin
      rsp_d = rsp_q - 10'd1;
      err_d = err_q || mem_rsp_i.err;
    end

    unique case (state_q)
      stimer_pkg::DlvIdle: begin
        if (zero_start_i) begin
          page_d  = zero_page_i;
          bst_go = 1'b1;
          bst_k  = stimer_pkg::BurstZero;
          bst_n  = 10'(stimer_pkg::SIM_PAGE_BEATS);
          state_d = stimer_pkg::DlvZero;
        end else if (start_i) begin
          vp_d  = vp_i;
          att_d = att_i;
          if (att_i.direct) begin
            // Direct mode: no SIM access, interrupt with ApicVector, always a success
            // (spec section 4 Normative); AutoEOI is 0.
            out_d       = stimer_pkg::OUT_DIRECT;
            irq_valid_d = 1'b1;
            irq_vec_d   = att_i.apic_vec;
            irq_aeoi_d  = 1'b0;
            state_d     = stimer_pkg::DlvIrq;
          end else if (!att_i.slot_avail) begin
            out_d   = stimer_pkg::OUT_UNAVAILABLE;
            state_d = stimer_pkg::DlvDone;
          end else begin
            bst_go = 1'b1;
            bst_k  = stimer_pkg::BurstBusy;
            bst_n  = 10'd1;
            state_d = stimer_pkg::DlvBusy;
          end
        end
      end

      stimer_pkg::DlvBusy: begin
        if (rsp_last) begin
          flags_d = mem_rsp_i.rdata[47:40];
          if (mem_rsp_i.err) begin
            // IMPDEF: IMPDEF-ST-2 a faulting busy check fails the attempt; nothing is written.
            out_d   = stimer_pkg::OUT_FAULT;
            state_d = stimer_pkg::DlvDone;
          end else if (mem_rsp_i.rdata[31:0] != 32'h0) begin
            if (att_q.periodic) begin
              // Periodic: tick lost, slot untouched, counts as success (KVM no_retry).
              out_d   = stimer_pkg::OUT_BUSY_LOST;
              state_d = stimer_pkg::DlvDone;
            end else begin
              bst_go = 1'b1;
              bst_k  = stimer_pkg::BurstFlag;
              bst_n  = 10'd1;
              state_d = stimer_pkg::DlvFlag;
            end
          end else begin
            bst_go = 1'b1;
            bst_k  = stimer_pkg::BurstMsg;
            bst_n  = 10'd5;
            state_d = stimer_pkg::DlvMsg;
          end
        end
      end

      stimer_pkg::DlvFlag: begin
        if (rsp_last) begin
          // IMPDEF: IMPDEF-ST-2 a faulting flags write makes the attempt a FAULT.
          out_d   = (err_q || mem_rsp_i.err) ? stimer_pkg::OUT_FAULT : stimer_pkg::OUT_BUSY_PENDING;
          state_d = stimer_pkg::DlvDone;
        end
      end

      stimer_pkg::DlvMsg: begin
        if (rsp_last) begin
          if (err_q || mem_rsp_i.err) begin
            // IMPDEF: IMPDEF-ST-2 all 5 beats were issued; a fault fails it, no interrupt.
            out_d   = stimer_pkg::OUT_FAULT;
            state_d = stimer_pkg::DlvDone;
          end else if (att_q.sint_irq) begin
            // The interrupt only after the message is in the slot (spec section 6).
            out_d       = stimer_pkg::OUT_DELIVERED;
            irq_valid_d = 1'b1;
            irq_vec_d   = att_q.sint_vec;
            irq_aeoi_d  = att_q.sint_auto_eoi;
            state_d     = stimer_pkg::DlvIrq;
          end else begin
            // Masked or polling SINT: message written, interrupt lost (spec section 4).
            out_d   = stimer_pkg::OUT_NO_IRQ;
            state_d = stimer_pkg::DlvDone;
          end
        end
      end

      stimer_pkg::DlvZero: begin
        if (rsp_last) begin
          zero_done_o = 1'b1;
          state_d     = stimer_pkg::DlvIdle;
        end
      end

      stimer_pkg::DlvIrq: begin
        if (irq_ready_i) begin
          irq_valid_d = 1'b0;
          state_d     = stimer_pkg::DlvDone;
        end
      end

      stimer_pkg::DlvDone: begin
        done_o  = 1'b1;
        state_d = stimer_pkg::DlvIdle;
      end

      default: state_d = stimer_pkg::DlvIdle;
    endcase

    if (bst_go) begin
      burst_d = bst_k;
      issue_d = '0;
      nbeat_d = bst_n;
      rsp_d   = bst_n;
      err_d   = 1'b0;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q     <= stimer_pkg::DlvIdle;
      req_valid_q <= 1'b0;
      irq_valid_q <= 1'b0;
    end else begin
      state_q     <= state_d;
      req_valid_q <= req_valid_d;
      irq_valid_q <= irq_valid_d;
    end
  end

  // No reset: the attempt, the burst and the outputs' payloads are written when a delivery or a
  // zeroing starts (DlvIdle) or when their valid is set, and read only outside DlvIdle or while
  // req_valid_q / irq_valid_q is set (docs/stimer-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    burst_q    <= burst_d;
    vp_q       <= vp_d;
    att_q      <= att_d;
    out_q      <= out_d;
    page_q     <= page_d;
    issue_q    <= issue_d;
    nbeat_q    <= nbeat_d;
    rsp_q      <= rsp_d;
    err_q      <= err_d;
    flags_q    <= flags_d;
    req_q      <= req_d;
    irq_vec_q  <= irq_vec_d;
    irq_aeoi_q <= irq_aeoi_d;
  end

  assign outcome_o       = out_q;
  assign mem_req_valid_o = req_valid_q;
  assign mem_req_o       = req_q;
  assign irq_valid_o     = irq_valid_q;
  assign irq_vp_o        = vp_q;
  assign irq_vector_o    = irq_vec_q;
  assign irq_auto_eoi_o  = irq_aeoi_q;

  // Every response answers an issued request of the current burst.
  `PRJ_ASSERT_IMPLY(MemRspExpected_A, mem_rsp_valid_i, (rsp_q != '0))
  // The scheduler starts an attempt only when the previous one is done.
  `PRJ_ASSERT_IMPLY(StartWhenIdle_A, start_i || zero_start_i, (state_q == stimer_pkg::DlvIdle))

  // The rest of the read data (busy check uses message_type and the flags byte only).
  logic unused_rdata;
  assign unused_rdata = ^{mem_rsp_i.rdata[63:48], mem_rsp_i.rdata[39:32]};

endmodule

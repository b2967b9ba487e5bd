// SPDX-License-Identifier: Apache-2.0
// stimer: Hyper-V SynIC synthetic timer block for NumVp virtual processors (spec/stimer.md,
// ports and protocol of docs/interfaces.md sections 1, 2 and 4). Micro-architecture in
// docs/stimer-uarch.md.
`include "prj_assert.svh"

module stimer_top #(
  parameter int unsigned NumVp        = 4,
  parameter bit          FeatTimeRef  = 1'b1,  // CPUID 0x40000003.EAX bit 1
  parameter bit          FeatSynic    = 1'b1,  // EAX bit 2
  parameter bit          FeatStimer   = 1'b1,  // EAX bit 3
  parameter bit          FeatDirect   = 1'b1,  // EDX bit 19
  parameter bit          ScontrolGate = 1'b1,  // 1: SCONTROL.Enable = 0 makes slots unavailable
  localparam int unsigned VpW   = (NumVp > 1) ? $clog2(NumVp) : 1,
  localparam int unsigned AddrW = VpW + 11
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  // APB4 register slave (64-bit)
  input  logic               apb_psel_i,
  input  logic               apb_penable_i,
  input  logic               apb_pwrite_i,
  input  logic [AddrW-1:0]   apb_paddr_i,
  input  logic [63:0]        apb_pwdata_i,
  input  logic [7:0]         apb_pstrb_i,
  output logic               apb_pready_o,
  output logic [63:0]        apb_prdata_o,
  output logic               apb_pslverr_o,
  // reference time
  input  logic [63:0]        now_i,
  // memory master
  output logic               mem_req_valid_o,
  input  logic               mem_req_ready_i,
  output logic [63:0]        mem_req_addr_o,
  output logic               mem_req_we_o,
  output logic [63:0]        mem_req_wdata_o,
  output logic [7:0]         mem_req_be_o,
  input  logic               mem_rsp_valid_i,
  output logic               mem_rsp_ready_o,
  input  logic [63:0]        mem_rsp_rdata_i,
  input  logic               mem_rsp_err_i,
  // interrupt out
  output logic               irq_valid_o,
  input  logic               irq_ready_i,
  output stimer_pkg::irq_t   irq_o,  // vp: VpW bits used, the rest 0
  // EOI in
  input  logic               eoi_valid_i,
  output logic               eoi_ready_o,
  input  logic [VpW-1:0]     eoi_vp_i,
  input  logic [7:0]         eoi_vector_i,
  // retire (no ready: one record per cycle at most)
  output logic               rt_valid_o,
  output stimer_pkg::retire_t rt_o,   // vp: VpW bits used, the rest 0
  // status for the bench (not part of the architecture): the block is initialising, running a
  // pass, an MSR access or an EOI, or will start a pass (now_i changed, or an input made work).
  // Low means every accepted input and time sample has been fully processed.
  output logic               busy_o
);

  // ---------------------------------------------------------------------------------------------
  // Interconnect
  // ---------------------------------------------------------------------------------------------
  logic                 op_valid, op_start, op_done, apb_cpl;
  logic [VpW-1:0]       op_vp;
  stimer_pkg::msr_req_t op;
  logic [63:0]          op_rdata;

  logic                 eoi_start;
  logic                 msr_work, msr_start;
  logic [63:0]          msr_start_exp, now_s;

  logic                 init_busy, sel_sched, pass_active;
  logic                 msr_ram_req, msr_ram_we, sch_ram_req, sch_ram_we;
  logic [VpW-1:0]       msr_vp, sch_vp;
  logic [stimer_pkg::WordW-1:0] msr_ram_widx, sch_ram_widx;
  logic [63:0]          msr_ram_wdata, sch_ram_wdata, ram_rdata;

  logic                 msr_ts_we, sch_ts_we, ts_we;
  logic [1:0]           msr_ts_timer, sch_ts_timer, ts_timer;
  stimer_pkg::tstate_e  msr_ts_state, sch_ts_state, ts_state;
  logic                 ack;
  logic [3:0]           ack_mask, sch_cand, msr_pend;
  logic [NumVp-1:0]     vp_cand;
  logic                 any_acked;

  logic                 zero_start, zero_done;
  logic [51:0]          zero_page;
  logic                 att_start, att_done;
  cmn_pkg::mem_req_t    mem_req;
  cmn_pkg::mem_rsp_t    mem_rsp;
  stimer_pkg::attempt_t att;
  stimer_pkg::outcome_e att_outcome;
  logic [VpW-1:0]       irq_vp;
  logic [7:0]           irq_vector;
  logic                 irq_auto_eoi;

  // ---------------------------------------------------------------------------------------------
  // Submodules
  // ---------------------------------------------------------------------------------------------
  stimer_regs #(
    .NumVp      (NumVp),
    .FeatTimeRef(FeatTimeRef),
    .FeatSynic  (FeatSynic),
    .FeatStimer (FeatStimer),
    .FeatDirect (FeatDirect)
  ) u_regs (
    .clk_i,
    .rst_ni,
    .apb_psel_i,
    .apb_penable_i,
    .apb_pwrite_i,
    .apb_paddr_i,
    .apb_pwdata_i,
    .apb_pstrb_i,
    .apb_pready_o,
    .apb_prdata_o,
    .apb_pslverr_o,
    .op_valid_o (op_valid),
    .op_ready_i (op_start),
    .op_vp_o    (op_vp),
    .op_o       (op),
    .op_done_i  (op_done),
    .op_rdata_i (op_rdata),
    .cpl_o      (apb_cpl)
  );

  stimer_msr #(
    .NumVp(NumVp)
  ) u_msr (
    .clk_i,
    .rst_ni,
    .now_i        (now_s),
    .op_start_i   (op_start),
    .op_vp_i      (op_vp),
    .op_i         (op),
    .eoi_start_i  (eoi_start),
    .eoi_vp_i,
    .eoi_vector_i,
    .done_o       (op_done),
    .rdata_o      (op_rdata),
    .work_o       (msr_work),
    .start_o      (msr_start),
    .start_exp_o  (msr_start_exp),
    .ram_req_o    (msr_ram_req),
    .ram_we_o     (msr_ram_we),
    .ram_vp_o     (msr_vp),
    .ram_widx_o   (msr_ram_widx),
    .ram_wdata_o  (msr_ram_wdata),
    .ram_rdata_i  (ram_rdata),
    .ts_we_o      (msr_ts_we),
    .ts_timer_o   (msr_ts_timer),
    .ts_state_o   (msr_ts_state),
    .ack_o        (ack),
    .ack_mask_o   (ack_mask),
    .pend_i       (msr_pend),
    .zero_start_o (zero_start),
    .zero_page_o  (zero_page),
    .zero_done_i  (zero_done)
  );

  stimer_sched #(
    .NumVp       (NumVp),
    .ScontrolGate(ScontrolGate)
  ) u_sched (
    .clk_i,
    .rst_ni,
    .init_busy_i    (init_busy),
    .now_i,
    .now_o          (now_s),
    .pass_o         (pass_active),
    .busy_o,
    .sel_o          (sel_sched),
    .op_valid_i     (op_valid),
    .op_start_o     (op_start),
    .apb_cpl_i      (apb_cpl),
    .eoi_valid_i,
    .eoi_ready_o    (eoi_start),
    .msr_done_i     (op_done),
    .msr_work_i     (msr_work),
    .msr_start_i    (msr_start),
    .msr_start_exp_i(msr_start_exp),
    .vp_cand_i      (vp_cand),
    .cand_i         (sch_cand),
    .any_acked_i    (any_acked),
    .vp_o           (sch_vp),
    .ts_we_o        (sch_ts_we),
    .ts_timer_o     (sch_ts_timer),
    .ts_state_o     (sch_ts_state),
    .ram_req_o      (sch_ram_req),
    .ram_we_o       (sch_ram_we),
    .ram_widx_o     (sch_ram_widx),
    .ram_wdata_o    (sch_ram_wdata),
    .ram_rdata_i    (ram_rdata),
    .att_start_o    (att_start),
    .att_o          (att),
    .att_done_i     (att_done),
    .att_outcome_i  (att_outcome),
    .rt_valid_o,
    .rt_o
  );

  // The MSR engine and the scheduler never use the timer state port in the same cycle.
  assign ts_we    = sel_sched ? sch_ts_we : msr_ts_we;
  assign ts_timer = sel_sched ? sch_ts_timer : msr_ts_timer;
  assign ts_state = sel_sched ? sch_ts_state : msr_ts_state;

  stimer_state #(
    .NumVp(NumVp)
  ) u_state (
    .clk_i,
    .rst_ni,
    .init_busy_o (init_busy),
    .sel_sched_i (sel_sched),
    .msr_req_i   (msr_ram_req),
    .msr_we_i    (msr_ram_we),
    .msr_vp_i    (msr_vp),
    .msr_widx_i  (msr_ram_widx),
    .msr_wdata_i (msr_ram_wdata),
    .sch_req_i   (sch_ram_req),
    .sch_we_i    (sch_ram_we),
    .sch_vp_i    (sch_vp),
    .sch_widx_i  (sch_ram_widx),
    .sch_wdata_i (sch_ram_wdata),
    .rdata_o     (ram_rdata),
    .ts_we_i     (ts_we),
    .ts_vp_i     (sel_sched ? sch_vp : msr_vp),
    .ts_timer_i  (ts_timer),
    .ts_state_i  (ts_state),
    .ack_i       (ack),
    .ack_vp_i    (msr_vp),
    .ack_mask_i  (ack_mask),
    .rd_vp_a_i   (sch_vp),
    .cand_a_o    (sch_cand),
    .rd_vp_b_i   (msr_vp),
    .pend_b_o    (msr_pend),
    .vp_cand_o   (vp_cand),
    .any_acked_o (any_acked)
  );

  stimer_deliver #(
    .NumVp(NumVp)
  ) u_deliver (
    .clk_i,
    .rst_ni,
    .start_i        (att_start),
    .vp_i           (sch_vp),
    .att_i          (att),
    .done_o         (att_done),
    .outcome_o      (att_outcome),
    .zero_start_i   (zero_start),
    .zero_page_i    (zero_page),
    .zero_done_o    (zero_done),
    .mem_req_valid_o,
    .mem_req_ready_i,
    .mem_req_o      (mem_req),
    .mem_rsp_valid_i,
    .mem_rsp_ready_o,
    .mem_rsp_i      (mem_rsp),
    .irq_valid_o,
    .irq_ready_i,
    .irq_vp_o       (irq_vp),
    .irq_vector_o   (irq_vector),
    .irq_auto_eoi_o (irq_auto_eoi)
  );

  assign mem_req_addr_o  = mem_req.addr;
  assign mem_req_we_o    = mem_req.we;
  assign mem_req_wdata_o = mem_req.wdata;
  assign mem_req_be_o    = mem_req.be;
  assign mem_rsp         = {mem_rsp_rdata_i, mem_rsp_err_i};  // cmn_pkg::mem_rsp_t
  assign eoi_ready_o     = eoi_start;

  // Used by the assertions only.
  logic unused_pass_active;
  assign unused_pass_active = pass_active;
  // The interrupt record port (docs/enc/stimer.md): the VP widened to the record's 8 bits.
  always_comb begin
    irq_o.vp       = stimer_pkg::IRQ_VP_W'(irq_vp);
    irq_o.vec      = irq_vector;
    irq_o.auto_eoi = irq_auto_eoi;
  end

  // ---------------------------------------------------------------------------------------------
  // Assertions
  // ---------------------------------------------------------------------------------------------
  `PRJ_ASSERT_INIT(NumVpRange_A, (NumVp >= 1) && (NumVp <= 256))

  // Outputs are known after reset.
  `PRJ_ASSERT_KNOWN(ApbPreadyKnown_A, apb_pready_o)
  // Payloads are known while their valid (pready) is set: their registers have no reset
  // (docs/stimer-uarch.md, Resets).
  `PRJ_ASSERT_KNOWN(ApbRspKnown_A, apb_pready_o ? {apb_prdata_o, apb_pslverr_o} : '0)
  `PRJ_ASSERT_KNOWN(MemReqValidKnown_A, mem_req_valid_o)
  `PRJ_ASSERT_KNOWN(MemReqKnown_A, mem_req_valid_o ? {mem_req_addr_o, mem_req_we_o,
                                   mem_req_wdata_o, mem_req_be_o} : '0)
  `PRJ_ASSERT_KNOWN(MemRspReadyKnown_A, mem_rsp_ready_o)
  `PRJ_ASSERT_KNOWN(IrqValidKnown_A, irq_valid_o)
  `PRJ_ASSERT_KNOWN(IrqKnown_A, irq_valid_o ? irq_o : '0)
  `PRJ_ASSERT_KNOWN(EoiReadyKnown_A, eoi_ready_o)
  `PRJ_ASSERT_KNOWN(BusyKnown_A, busy_o)
  `PRJ_ASSERT_KNOWN(RtValidKnown_A, rt_valid_o)
  `PRJ_ASSERT_KNOWN(RtKnown_A, rt_valid_o ? rt_o : '0)

  // Valid/ready sources of this block: valid held, payload stable until accepted.
  `PRJ_ASSERT_VALID_READY(MemReq, mem_req_valid_o, mem_req_ready_i,
                          {mem_req_addr_o, mem_req_we_o, mem_req_wdata_o, mem_req_be_o})
  `PRJ_ASSERT_VALID_READY(Irq, irq_valid_o, irq_ready_i, irq_o)
  // ... and what this block expects of its valid/ready inputs.
  `PRJ_ASSERT_VALID_READY(Eoi, eoi_valid_i, eoi_ready_o, {eoi_vp_i, eoi_vector_i})
  `PRJ_ASSERT_VALID_READY(MemRsp, mem_rsp_valid_i, mem_rsp_ready_o,
                          {mem_rsp_rdata_i, mem_rsp_err_i})
  // Memory addresses are doubleword aligned.
  `PRJ_ASSERT_IMPLY(MemReqAligned_A, mem_req_valid_o, (mem_req_addr_o[2:0] == 3'b000))
  // APB4: the access phase follows the setup phase and holds until pready.
  `PRJ_ASSERT_NEXT_STABLE(ApbAccessHeld_A, apb_psel_i && apb_penable_i && !apb_pready_o,
                          apb_psel_i && apb_penable_i, {apb_paddr_i, apb_pwrite_i})
  `PRJ_ASSERT_IMPLY(ApbPreadyInAccess_A, apb_pready_o, apb_psel_i && apb_penable_i)

  // Serialization (docs/interfaces.md section 4.2): no APB completion and no accepted EOI during
  // a pass, and neither in a cycle with a retire record.
  `PRJ_ASSERT_IMPLY(NoApbCplInPass_A, apb_pready_o, !pass_active && !rt_valid_o)
  `PRJ_ASSERT_IMPLY(NoEoiInPass_A, eoi_valid_i && eoi_ready_o, !pass_active && !rt_valid_o)
  `PRJ_ASSERT(NoApbAndEoi_A, !(apb_pready_o && eoi_valid_i && eoi_ready_o))
  // Memory traffic only during a pass (attempts) or an MSR access (SIMP zeroing).
  `PRJ_ASSERT_IMPLY(IrqOnlyInPass_A, irq_valid_o, pass_active)
  // Timer state port: one owner per cycle.
  `PRJ_ASSERT(OneTsWriter_A, !(sch_ts_we && msr_ts_we))
  `PRJ_ASSERT(OneRamUser_A, !(sch_ram_req && msr_ram_req))

endmodule

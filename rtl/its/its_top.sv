// SPDX-License-Identifier: Apache-2.0
// GICv3 ITS, physical LPIs (spec/its.md; ports and ordering per docs/interfaces.md section 3).
//
//   APB --> its_regs <--> its_ctrl (serializer) --> its_cmdq --> its_exec <--> its_walk --+
//   MSI --> its_xlate (FIFO + translation slots) -----------------------------------------+
//            |                        its_mem_arb (tag FIFO) <-- cmdq / walk / xlate <----+
//            +--> its_retire --> redistributor events, retire records
// See docs/its-uarch.md.
`include "prj_assert.svh"

module its_top #(
  parameter int unsigned NumRd        = 4,   // number of redistributors (1..65536)
  parameter int unsigned DevIdW       = 16,  // DeviceID bits (TYPER.Devbits + 1)
  parameter int unsigned EvIdW        = 16,  // EventID bits (TYPER.ID_bits + 1)
  parameter int unsigned CidW         = 16,  // ICID bits (TYPER.CIDbits + 1)
  parameter int unsigned MsiFifoDepth = 4,   // MSI input FIFO entries
  parameter int unsigned MsiSlots     = 4,   // MSIs translated concurrently
  parameter int unsigned MemMaxOut    = 8,   // outstanding memory requests
  parameter int unsigned MsiBurst     = 4,   // MSIs dispatched ahead of a waiting command
  parameter bit          MsiRspBypass = 1'b0 // 1: response-to-address bypass (its_xlate)
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  // APB4 register slave (docs/interfaces.md section 1)
  input  logic              apb_psel_i,
  input  logic              apb_penable_i,
  input  logic              apb_pwrite_i,
  input  logic [16:0]       apb_paddr_i,
  input  logic [63:0]       apb_pwdata_i,
  input  logic [7:0]        apb_pstrb_i,
  input  logic [DevIdW-1:0] apb_pdevid_i,
  output logic              apb_pready_o,
  output logic [63:0]       apb_prdata_o,
  output logic              apb_pslverr_o,
  // MSI in
  input  logic              msi_valid_i,
  output logic              msi_ready_o,
  input  logic [DevIdW-1:0] msi_devid_i,
  input  logic [31:0]       msi_eventid_i,
  // memory master (docs/interfaces.md section 2)
  output logic              mem_req_valid_o,
  input  logic              mem_req_ready_i,
  output logic [63:0]       mem_req_addr_o,
  output logic              mem_req_we_o,
  output logic [63:0]       mem_req_wdata_o,
  output logic [7:0]        mem_req_be_o,
  input  logic              mem_rsp_valid_i,
  output logic              mem_rsp_ready_o,
  input  logic [63:0]       mem_rsp_rdata_i,
  input  logic              mem_rsp_err_i,
  // redistributor events (docs/interfaces.md section 3.2; fields in docs/enc/its.md)
  output logic              rd_valid_o,
  input  logic              rd_ready_i,
  output its_pkg::rd_ev_t   rd_o,
  // retire records (trace, no ready; docs/interfaces.md section 3.3)
  output logic              rt_valid_o,
  output its_pkg::retire_t  rt_o,
  // status: an operation in flight, an accepted MSI waiting, or a command to run
  output logic              busy_o
);

  localparam int unsigned RW = cmn_pkg::MEM_REQ_W;

  // Registers and serializer
  logic              acc, acc_msi, apb_done, enabled, cmd_run;
  logic [15:0]       tr_devid;
  logic [31:0]       tr_eventid;
  logic [63:0]       cmd_addr;
  logic [19:0]       creadr;
  its_pkg::tbl_cfg_t dt, ct;
  logic              disp_cmd, disp_msi, disp_tr;
  logic              ex_busy, xl_busy, xl_pend, xl_free;
  logic              rt_cmd, rt_stalled;
  its_pkg::retire_t  ex_rt, xl_rt;
  logic              ex_rt_valid, xl_rt_valid;
  its_pkg::rd_ev_t   ex_ev, xl_ev;
  logic              ex_ev_valid, ex_ev_ready, xl_ev_valid, xl_ev_ready;

  // Memory sources: 0 command fetch, 1 table walker, 2 MSI slots
  logic [2:0]        src_valid, src_ready, src_rsp_valid;
  cmn_pkg::mem_req_t fetch_req, walk_req, xl_req, mem_req;
  cmn_pkg::mem_rsp_t mem_rsp;
  logic [63:0]       fetch_addr, xl_addr;

  // Command path
  logic              fetch_done, fetch_fault;
  logic [255:0]      cmd;
  logic              wk_valid, wk_ready, wk_we, wk_done, wk_fault, wk_noentry;
  its_pkg::tbl_e     wk_tbl;
  logic [31:0]       wk_idx;
  logic [51:0]       wk_itt;
  logic [95:0]       wk_wdata, wk_rdata;

  its_regs #(
    .DevIdW (DevIdW),
    .EvIdW  (EvIdW),
    .CidW   (CidW)
  ) u_regs (
    .clk_i,
    .rst_ni,
    .apb_psel_i,
    .apb_penable_i,
    .apb_pwrite_i,
    .apb_paddr_i,
    .apb_pwdata_i,
    .apb_pstrb_i,
    .apb_pdevid_i,
    .apb_pready_o,
    .apb_prdata_o,
    .apb_pslverr_o,
    .acc_o        (acc),
    .acc_msi_o    (acc_msi),
    .tr_devid_o   (tr_devid),
    .tr_eventid_o (tr_eventid),
    .done_i       (apb_done),
    .enabled_o    (enabled),
    .dt_o         (dt),
    .ct_o         (ct),
    .cmd_run_o    (cmd_run),
    .cmd_addr_o   (cmd_addr),
    .creadr_o     (creadr),
    .rt_cmd_i     (rt_cmd),
    .rt_stalled_i (rt_stalled)
  );

  its_ctrl #(
    .MsiBurst (MsiBurst)
  ) u_ctrl (
    .clk_i,
    .rst_ni,
    .acc_i      (acc),
    .acc_msi_i  (acc_msi),
    .apb_done_o (apb_done),
    .cmd_run_i  (cmd_run),
    .xl_pend_i  (xl_pend),
    .xl_free_i  (xl_free),
    .ex_busy_i  (ex_busy),
    .xl_busy_i  (xl_busy),
    .rt_valid_i (rt_valid_o),
    .rt_kind_i  (rt_o.kind),
    .disp_cmd_o (disp_cmd),
    .disp_msi_o (disp_msi),
    .disp_tr_o  (disp_tr)
  );

  its_cmdq u_cmdq (
    .clk_i,
    .rst_ni,
    .start_i      (disp_cmd),
    .addr_i       (cmd_addr),
    .mreq_valid_o (src_valid[0]),
    .mreq_ready_i (src_ready[0]),
    .mreq_addr_o  (fetch_addr),
    .mrsp_valid_i (src_rsp_valid[0]),
    .mrsp_i       (mem_rsp),
    .done_o       (fetch_done),
    .fault_o      (fetch_fault),
    .cmd_o        (cmd)
  );

  its_exec #(
    .NumRd (NumRd),
    .EvIdW (EvIdW)
  ) u_exec (
    .clk_i,
    .rst_ni,
    .start_i       (disp_cmd),
    .creadr_i      (creadr),
    .busy_o        (ex_busy),
    .fetch_done_i  (fetch_done),
    .fetch_fault_i (fetch_fault),
    .cmd_i         (cmd),
    .dt_n_i        (dt.n),
    .ct_n_i        (ct.n),
    .wk_valid_o    (wk_valid),
    .wk_ready_i    (wk_ready),
    .wk_tbl_o      (wk_tbl),
    .wk_idx_o      (wk_idx),
    .wk_itt_o      (wk_itt),
    .wk_we_o       (wk_we),
    .wk_wdata_o    (wk_wdata),
    .wk_done_i     (wk_done),
    .wk_fault_i    (wk_fault),
    .wk_noentry_i  (wk_noentry),
    .wk_rdata_i    (wk_rdata),
    .ev_valid_o    (ex_ev_valid),
    .ev_ready_i    (ex_ev_ready),
    .ev_o          (ex_ev),
    .rt_valid_o    (ex_rt_valid),
    .rt_o          (ex_rt)
  );

  its_walk u_walk (
    .clk_i,
    .rst_ni,
    .req_valid_i  (wk_valid),
    .req_ready_o  (wk_ready),
    .req_tbl_i    (wk_tbl),
    .req_idx_i    (wk_idx),
    .req_itt_i    (wk_itt),
    .req_we_i     (wk_we),
    .req_wdata_i  (wk_wdata),
    .dt_i         (dt),
    .ct_i         (ct),
    .done_o       (wk_done),
    .fault_o      (wk_fault),
    .noentry_o    (wk_noentry),
    .rdata_o      (wk_rdata),
    .mreq_valid_o (src_valid[1]),
    .mreq_ready_i (src_ready[1]),
    .mreq_o       (walk_req),
    .mrsp_valid_i (src_rsp_valid[1]),
    .mrsp_i       (mem_rsp)
  );

  its_xlate #(
    .NumRd     (NumRd),
    .DevIdW    (DevIdW),
    .NumSlots  (MsiSlots),
    .FifoDepth (MsiFifoDepth),
    .MaxOut    (MemMaxOut),
    .RspBypass (MsiRspBypass)
  ) u_xlate (
    .clk_i,
    .rst_ni,
    .msi_valid_i,
    .msi_ready_o,
    .msi_devid_i,
    .msi_eventid_i,
    .pend_o       (xl_pend),
    .free_o       (xl_free),
    .busy_o       (xl_busy),
    .disp_msi_i   (disp_msi),
    .disp_tr_i    (disp_tr),
    .tr_src_i     (acc && acc_msi),
    .tr_devid_i   (tr_devid),
    .tr_eventid_i (tr_eventid),
    .enabled_i    (enabled),
    .dt_i         (dt),
    .ct_i         (ct),
    .mreq_valid_o (src_valid[2]),
    .mreq_ready_i (src_ready[2]),
    .mreq_addr_o  (xl_addr),
    .mrsp_valid_i (src_rsp_valid[2]),
    .mrsp_i       (mem_rsp),
    .ev_valid_o   (xl_ev_valid),
    .ev_ready_i   (xl_ev_ready),
    .ev_o         (xl_ev),
    .rt_valid_o   (xl_rt_valid),
    .rt_o         (xl_rt)
  );

  // Read-only sources.
  always_comb begin
    fetch_req       = '0;
    fetch_req.addr  = fetch_addr;
    fetch_req.be    = 8'hFF;
    xl_req          = '0;
    xl_req.addr     = xl_addr;
    xl_req.be       = 8'hFF;
  end

  its_mem_arb #(
    .NumSrc (3),
    .MaxOut (MemMaxOut)
  ) u_mem_arb (
    .clk_i,
    .rst_ni,
    .src_valid_i     (src_valid),
    .src_ready_o     (src_ready),
    .src_req_i       ({RW'(xl_req), RW'(walk_req), RW'(fetch_req)}),
    .src_rsp_valid_o (src_rsp_valid),
    .mem_req_valid_o,
    .mem_req_ready_i,
    .mem_req_o       (mem_req),
    .mem_rsp_valid_i,
    .mem_rsp_ready_o
  );

  assign mem_rsp         = {mem_rsp_rdata_i, mem_rsp_err_i};  // cmn_pkg::mem_rsp_t
  assign mem_req_addr_o  = mem_req.addr;
  assign mem_req_we_o    = mem_req.we;
  assign mem_req_wdata_o = mem_req.wdata;
  assign mem_req_be_o    = mem_req.be;

  its_retire u_retire (
    .ex_ev_valid_i (ex_ev_valid),
    .ex_ev_ready_o (ex_ev_ready),
    .ex_ev_i       (ex_ev),
    .ex_rt_valid_i (ex_rt_valid),
    .ex_rt_i       (ex_rt),
    .xl_ev_valid_i (xl_ev_valid),
    .xl_ev_ready_o (xl_ev_ready),
    .xl_ev_i       (xl_ev),
    .xl_rt_valid_i (xl_rt_valid),
    .xl_rt_i       (xl_rt),
    .rd_valid_o,
    .rd_ready_i,
    .rd_ev_o       (rd_o),
    .rt_valid_o,
    .rt_o,
    .rt_cmd_o      (rt_cmd),
    .rt_stalled_o  (rt_stalled)
  );

  assign busy_o       = ex_busy || xl_busy || xl_pend || cmd_run;

  // -------------------------------------------------------------------------------------------
  // Assertions
  // -------------------------------------------------------------------------------------------
`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(NumRdRange_A, NumRd >= 1 && NumRd <= 65536)
  `PRJ_ASSERT_INIT(IdWidths_A, DevIdW >= 1 && DevIdW <= 16 && EvIdW >= 1 && EvIdW <= 16 &&
                   CidW >= 1 && CidW <= 16)
  `PRJ_ASSERT_INIT(Depths_A, MsiFifoDepth >= 1 && MsiSlots >= 1 && MemMaxOut >= 1 &&
                   MsiBurst >= 1)
  `PRJ_ASSERT_INIT(MemReqW_A, $bits(cmn_pkg::mem_req_t) == cmn_pkg::MEM_REQ_W)

  // Valid/ready interfaces: sources hold valid and payload until accepted.
  `PRJ_ASSERT_VALID_READY(MemReq, mem_req_valid_o, mem_req_ready_i,
                          {mem_req_addr_o, mem_req_we_o, mem_req_wdata_o, mem_req_be_o})
  `PRJ_ASSERT_VALID_READY(MemRsp, mem_rsp_valid_i, mem_rsp_ready_o,
                          {mem_rsp_rdata_i, mem_rsp_err_i})
  `PRJ_ASSERT_VALID_READY(Rd, rd_valid_o, rd_ready_i, rd_o)
  `PRJ_ASSERT_VALID_READY(Msi, msi_valid_i, msi_ready_o, {msi_devid_i, msi_eventid_i})
  `PRJ_ASSERT_IMPLY(MemAddrAligned_A, mem_req_valid_o, mem_req_addr_o[2:0] == 3'd0)
  `PRJ_ASSERT_IMPLY(MemReadBe_A, mem_req_valid_o && !mem_req_we_o, mem_req_be_o == 8'hFF)

  // Ordering (docs/interfaces.md section 3.4).
  `PRJ_ASSERT(NoApbCompletionAtRetire_A, !(apb_psel_i && apb_penable_i && apb_pready_o &&
                                           rt_valid_o))
  `PRJ_ASSERT(OneEventSource_A, !(ex_ev_valid && xl_ev_valid))
  `PRJ_ASSERT(OneRetireSource_A, !(ex_rt_valid && xl_rt_valid))
  `PRJ_ASSERT_IMPLY(MemWriteOnlyCmd_A, mem_req_valid_o && mem_req_we_o, ex_busy)
  `PRJ_ASSERT_IMPLY(BusyWhileOutput_A, rd_valid_o || rt_valid_o || mem_req_valid_o, busy_o)

  // Outputs are known after reset.
  `PRJ_ASSERT_KNOWN(ApbKnown_A, {apb_pready_o, apb_prdata_o, apb_pslverr_o})
  `PRJ_ASSERT_KNOWN(MsiReadyKnown_A, {msi_ready_o, busy_o})
  `PRJ_ASSERT_KNOWN(MemReqValidKnown_A, mem_req_valid_o)
  `PRJ_ASSERT_KNOWN(MemReqKnown_A, mem_req_valid_o ? {mem_req_addr_o, mem_req_we_o,
                                   mem_req_wdata_o, mem_req_be_o} : '0)
  `PRJ_ASSERT_KNOWN(MemRspReadyKnown_A, mem_rsp_ready_o)
  // Payloads are known while their valid is set (their registers have no reset: docs/its-uarch.md).
  `PRJ_ASSERT_KNOWN(RdKnown_A, rd_valid_o ? rd_o : '0)
  `PRJ_ASSERT_KNOWN(RdValidKnown_A, rd_valid_o)
  `PRJ_ASSERT_KNOWN(RtKnown_A, rt_valid_o ? rt_o : '0)
  `PRJ_ASSERT_KNOWN(RtValidKnown_A, rt_valid_o)
`endif

endmodule

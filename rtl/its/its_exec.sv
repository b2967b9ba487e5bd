// SPDX-License-Identifier: Apache-2.0
// ITS command execute FSM. One command at a time: fetch (its_cmdq), decode with the checks that
// need no memory (its_cmd_dec), then table accesses through the walker (its_walk, requests built
// by its_exec_req) with the checks of spec/its.md sections 3.2/3.3 in their order, the
// redistributor event, the table write, and the retire record. Parameter errors retire IGNORED
// with the docs/impdef.md error code; a memory fault retires STALLED.
`include "prj_assert.svh"

module its_exec #(
  parameter int unsigned NumRd = 4,
  parameter int unsigned EvIdW = 16
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               start_i,      // dispatch
  input  logic [19:0]        creadr_i,     // CREADR byte offset of the command
  output logic               busy_o,       // in flight (through the retire cycle)
  // fetch
  input  logic               fetch_done_i,
  input  logic               fetch_fault_i,
  input  logic [255:0]       cmd_i,
  // configuration
  input  logic [16:0]        dt_n_i,       // Device table entries
  input  logic [16:0]        ct_n_i,       // Collection table entries
  // walker
  output logic               wk_valid_o,
  input  logic               wk_ready_i,
  output its_pkg::tbl_e      wk_tbl_o,
  output logic [31:0]        wk_idx_o,
  output logic [51:0]        wk_itt_o,
  output logic               wk_we_o,
  output logic [95:0]        wk_wdata_o,
  input  logic               wk_done_i,
  input  logic               wk_fault_i,
  input  logic               wk_noentry_i,
  input  logic [95:0]        wk_rdata_i,
  // redistributor event and retire
  output logic               ev_valid_o,
  input  logic               ev_ready_i,
  output its_pkg::rd_ev_t    ev_o,
  output logic               rt_valid_o,
  output its_pkg::retire_t   rt_o
);

  // -------------------------------------------------------------------------------------------
  // Command fields, the checks that need no memory and the first step (spec/its.md section 3)
  // -------------------------------------------------------------------------------------------
  logic [7:0]           op;
  logic [15:0]          c_devid, c_icid, c_rd;
  logic [31:0]          c_evid;
  logic [5:0]           c_evw;    // width of c_evid: position of its highest 1, plus 1 (0 for 0)
  logic                 ev_big;   // c_evid >= 2^(DTE.Size + 1)
  logic [23:0]          c_pint;
  logic [4:0]           c_size;
  logic                 c_v;
  logic [43:0]          c_itt;
  logic                 is_mapti, icid_oor, pint_oor;
  its_pkg::exec_state_e dec_st;
  its_pkg::outcome_e    dec_outc;
  logic [7:0]           dec_ee;
  its_pkg::rd_ev_t      dec_ev;
  // The decode and its checks, registered: the command register (its_cmdq) meets the range
  // comparisons and the first-step choice in one cycle, the executor's state in the next.
  logic [5:0]           c_evw_q;
  logic                 is_mapti_q, icid_oor_q, pint_oor_q;
  its_pkg::exec_state_e dec_st_q;
  its_pkg::outcome_e    dec_outc_q;
  logic [7:0]           dec_ee_q;
  its_pkg::rd_ev_t      dec_ev_q;

  its_cmd_dec #(
    .NumRd (NumRd),
    .EvIdW (EvIdW)
  ) u_dec (
    .cmd_i,
    .dt_n_i,
    .ct_n_i,
    .op_o         (op),
    .devid_o      (c_devid),
    .evid_o       (c_evid),
    .pint_o       (c_pint),
    .size_o       (c_size),
    .icid_o       (c_icid),
    .rd_o         (c_rd),
    .v_o          (c_v),
    .itt_o        (c_itt),
    .is_mapti_o   (is_mapti),
    .icid_oor_o   (icid_oor),
    .pint_oor_o   (pint_oor),
    .first_st_o   (dec_st),
    .first_outc_o (dec_outc),
    .first_ee_o   (dec_ee),
    .first_ev_o   (dec_ev)
  );

  // -------------------------------------------------------------------------------------------
  // State
  // -------------------------------------------------------------------------------------------
  its_pkg::exec_state_e st_q, st_d;
  logic [19:0]       off_q, off_d;
  logic              sent_q, sent_d;       // walker request handed over
  logic              cte2_q, cte2_d;       // MOVI: second collection lookup (new ICID)
  logic              ffault_q, ffault_d;   // the fetch faulted
  logic              dcd_q, dcd_d;         // ExecFetch: the fetched command's decode is registered
  logic              busy_q;               // st_q != ExecIdle, as a flop of its own (busy_o)
  logic              chk_q, chk_d;         // ExecIte, ExecCte: the read is registered, check it
  logic              iflt_q, ivld_q, ioor_q;  // ... its fault; ITE: Valid and IntType, ICID >= CT.n
  logic              cnv_q, croor_q, cdiff_q; // CTE: no entry or not Valid; RDbase >= #RD; != rd1_q
  logic [15:0]       crd_q;                // CTE: RDbase
  logic [51:0]       itt_q, itt_d;
  its_pkg::ite_t     ite_q, ite_d;         // the ITE fields as read
  logic [15:0]       rd1_q, rd1_d;
  its_pkg::outcome_e outc_q, outc_d;
  logic [7:0]        ee_q, ee_d;
  its_pkg::rd_ev_t   ev_q, ev_d;

  logic [63:0] wd;        // walker read data, 8-byte entries
  logic [15:0] cte_rd;
  logic        cur_icid_oor;

  assign wd           = wk_rdata_i[63:0];
  assign cte_rd       = wd[its_pkg::CTE_RDBASE_LSB +: its_pkg::CTE_RDBASE_W];

  // EventID range check against the DTE's Size (IMPDEF: IMPDEF-ITS-6 all 32 bits): the EventID's
  // width comes from the command register, so the walker's read data only meets a 6-bit
  // comparison (no 33-bit comparator behind the memory response).
  always_comb begin
    c_evw = '0;
    for (int b = 0; b < 32; b++) begin
      if (c_evid[b]) c_evw = 6'(b + 1);
    end
  end
  assign ev_big = 7'(c_evw_q) > 7'(wd[its_pkg::DTE_SIZE_LSB +: its_pkg::DTE_SIZE_W]) + 7'd1;
  assign cur_icid_oor = {1'b0, wk_rdata_i[its_pkg::ITE_LO_ICID_LSB +: its_pkg::ITE_LO_ICID_W]} >=
                        ct_n_i;

  always_comb begin
    st_d     = st_q;
    off_d    = off_q;
    sent_d   = sent_q;
    cte2_d   = cte2_q;
    ffault_d = ffault_q;
    dcd_d    = 1'b0;
    chk_d    = 1'b0;
    itt_d    = itt_q;
    ite_d    = ite_q;
    rd1_d    = rd1_q;
    outc_d   = outc_q;
    ee_d     = ee_q;
    ev_d     = ev_q;

    if (wk_valid_o && wk_ready_i) sent_d = 1'b1;
    if (wk_done_i)                sent_d = 1'b0;

    unique case (st_q)
      its_pkg::ExecIdle: begin
        off_d = creadr_i;  // follows CREADR while idle: no start_i fan-out to these flops
        if (start_i) begin
          st_d     = its_pkg::ExecFetch;
          cte2_d   = 1'b0;
          ffault_d = 1'b0;
          outc_d   = its_pkg::OUT_OK;
        end
      end

      // Fetch done: the decode of its_cmd_dec (checks that need no memory) is registered in that
      // cycle, and its first step taken in the next.
      its_pkg::ExecFetch: begin
        if (dcd_q) begin
          // ee_q is read only with OUT_IGNORED, ev_q only in ExecEvent: every step that sets
          // OUT_IGNORED sets ee_d, every step into ExecEvent sets ev_d.
          st_d   = dec_st_q;
          outc_d = dec_outc_q;
          ee_d   = dec_ee_q;
          ev_d   = dec_ev_q;
        end else if (fetch_done_i) begin
          if (fetch_fault_i) begin
            ffault_d = 1'b1;
            outc_d   = its_pkg::OUT_STALLED;
            st_d     = its_pkg::ExecRetire;
          end else begin
            dcd_d = 1'b1;
          end
        end
      end

      // LOOKUP_ITE part 1 (and MAPTI/MAPI: DTE read, then ICID, V, EventID, pINTID checks).
      its_pkg::ExecDte: begin
        if (wk_done_i) begin
          itt_d  = {wd[its_pkg::DTE_ITT_ADDR_LSB +: its_pkg::DTE_ITT_ADDR_W], 8'b0};
          st_d   = its_pkg::ExecRetire;
          outc_d = its_pkg::OUT_IGNORED;
          if (wk_fault_i) begin
            outc_d = its_pkg::OUT_STALLED;
          end else if (is_mapti_q && icid_oor_q) begin
            ee_d = its_pkg::EE_COLLECTION_OOR;
          end else if (wk_noentry_i || !wd[0]) begin
            ee_d = its_pkg::EE_UNMAPPED_DEVICE;
          end else if (ev_big) begin
            ee_d = its_pkg::EE_ID_OOR;
          end else if (is_mapti_q && pint_oor_q) begin
            ee_d = its_pkg::EE_PHYSICALID_OOR;
          end else begin
            outc_d = its_pkg::OUT_OK;
            st_d   = is_mapti_q ? its_pkg::ExecWrite : its_pkg::ExecIte;
          end
        end
      end

      // LOOKUP_ITE part 2: the ITE is registered with its checks' inputs when the read is done
      // (ite_q; iflt_q, ivld_q, ioor_q), and checked in the next cycle.
      its_pkg::ExecIte: begin
        if (chk_q) begin
          st_d    = its_pkg::ExecRetire;
          outc_d  = its_pkg::OUT_IGNORED;
          if (iflt_q) begin
            outc_d = its_pkg::OUT_STALLED;
          end else if (!ivld_q) begin
            ee_d = its_pkg::EE_UNMAPPED_INTERRUPT;  // IMPDEF: IMPDEF-ITS-5 virtual ITE = unmapped
          end else if (ioor_q) begin
            ee_d = its_pkg::EE_COLLECTION_OOR;
          end else begin
            outc_d = its_pkg::OUT_OK;
            st_d   = its_pkg::ExecCte;
          end
        end else if (wk_done_i) begin
          ite_d.intid = wk_rdata_i[its_pkg::ITE_LO_INTID_LSB +: its_pkg::ITE_LO_INTID_W];
          ite_d.icid  = wk_rdata_i[its_pkg::ITE_LO_ICID_LSB +: its_pkg::ITE_LO_ICID_W];
          ite_d.vpeid = wk_rdata_i[its_pkg::ITE_LO_VPEID_LSB +: its_pkg::ITE_LO_VPEID_W];
          ite_d.db    = wk_rdata_i[64 + its_pkg::ITE_HI_DOORBELL_LSB +: its_pkg::ITE_HI_DOORBELL_W];
          chk_d       = 1'b1;
        end
      end

      // LOOKUP_CTE (ITE.ICID; INVALL: DW2 ICID; MOVI second pass: the new ICID).
      // The CTE read is registered with its checks' inputs when it is done (chk_q), and checked
      // in the next cycle, as the ITE's.
      its_pkg::ExecCte: begin
        if (chk_q) begin
          st_d   = its_pkg::ExecRetire;
          outc_d = its_pkg::OUT_IGNORED;
          if (iflt_q) begin
            outc_d = its_pkg::OUT_STALLED;
          end else if (cnv_q) begin
            ee_d = its_pkg::EE_UNMAPPED_COLLECTION;
          end else if (croor_q) begin
            ee_d = its_pkg::EE_PROCNUM_OOR;
          end else begin
            outc_d = its_pkg::OUT_OK;
            st_d   = its_pkg::ExecEvent;
            unique case (op)
              its_pkg::CMD_MOVI: begin
                if (!cte2_q) begin
                  rd1_d  = crd_q;
                  cte2_d = 1'b1;
                  if (icid_oor_q) begin
                    outc_d = its_pkg::OUT_IGNORED;
                    ee_d   = its_pkg::EE_COLLECTION_OOR;
                    st_d   = its_pkg::ExecRetire;
                  end else begin
                    st_d = its_pkg::ExecCte;
                  end
                end else if (cdiff_q) begin
                  ev_d = {its_pkg::RD_MOVE, rd1_q, crd_q, 8'b0, ite_q.intid};
                end else begin
                  st_d = its_pkg::ExecWrite;  // IMPDEF: IMPDEF-ITS-10 same RDbase: no event
                end
              end
              its_pkg::CMD_INT:    ev_d = {its_pkg::RD_SET, crd_q, 16'd0, 8'b0, ite_q.intid};
              its_pkg::CMD_INV:    ev_d = {its_pkg::RD_INV, crd_q, 16'd0, 8'b0, ite_q.intid};
              its_pkg::CMD_INVALL: ev_d = {its_pkg::RD_INVALL, crd_q, 16'd0, 32'd0};
              default:             ev_d = {its_pkg::RD_CLEAR, crd_q, 16'd0, 8'b0, ite_q.intid};
            endcase
          end
        end else if (wk_done_i) begin
          chk_d = 1'b1;
        end
      end

      its_pkg::ExecEvent: begin
        if (ev_ready_i) begin
          st_d = (op == its_pkg::CMD_DISCARD || op == its_pkg::CMD_MOVI) ?
                 its_pkg::ExecWrite : its_pkg::ExecRetire;
        end
      end

      // Table write; an invalid L1 entry drops it silently (spec/its.md section 3.3, MAPD).
      its_pkg::ExecWrite: begin
        if (wk_done_i) begin
          st_d = its_pkg::ExecRetire;
          if (wk_fault_i) outc_d = its_pkg::OUT_STALLED;  // IMPDEF: IMPDEF-ITS-8
        end
      end

      its_pkg::ExecRetire: st_d = its_pkg::ExecIdle;

      default: st_d = its_pkg::ExecIdle;
    endcase
  end

  // -------------------------------------------------------------------------------------------
  // Walker request of the current state
  // -------------------------------------------------------------------------------------------
  its_exec_req u_req (
    .st_i       (st_q),
    .sent_i     (sent_q || chk_q),  // no new request while the ITE read is checked
    .op_i       (op),
    .devid_i    (c_devid),
    .evid_i     (c_evid),
    .icid_i     (c_icid),
    .v_i        (c_v),
    .size_i     (c_size),
    .itt_addr_i (c_itt),
    .rd_i       (c_rd),
    .pint_i     (c_pint),
    .cte2_i     (cte2_q),
    .itt_i      (itt_q),
    .ite_i      (ite_q),
    .wk_valid_o,
    .wk_tbl_o,
    .wk_idx_o,
    .wk_itt_o,
    .wk_we_o,
    .wk_wdata_o
  );

  // -------------------------------------------------------------------------------------------
  // Outputs
  // -------------------------------------------------------------------------------------------
  assign busy_o     = busy_q;
  assign ev_valid_o = (st_q == its_pkg::ExecEvent);
  assign ev_o       = ev_q;
  assign rt_valid_o = (st_q == its_pkg::ExecRetire);

  always_comb begin
    rt_o.kind    = its_pkg::RT_CMD;
    rt_o.offset  = off_q;
    rt_o.opcode  = ffault_q ? 8'h00 : op;  // IMPDEF: IMPDEF-ITS-13 fetch fault: opcode 0
    rt_o.outcome = outc_q;
    rt_o.error   = (outc_q == its_pkg::OUT_IGNORED) ? its_pkg::err_code(op, ee_q) : 24'd0;
    rt_o.devid   = '0;
    rt_o.eventid = '0;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q     <= its_pkg::ExecIdle;
      sent_q   <= 1'b0;
      busy_q   <= 1'b0;
    end else begin
      st_q     <= st_d;
      sent_q   <= sent_d;
      busy_q   <= (st_d != its_pkg::ExecIdle);
    end
  end

  // No reset: written at dispatch (or in the state that produces them) before any state reads
  // them; st_q and sent_q gate every use (docs/its-uarch.md, Resets). dcd_q and chk_q are
  // written every cycle and are 0 after any edge in ExecIdle (their only set is in ExecFetch,
  // ExecIte, ExecCte); they are read only in those states, which a reset leaves for ExecIdle,
  // so they are 0 before any state reads them.
  always_ff @(posedge clk_i) begin
    dcd_q    <= dcd_d;
    chk_q    <= chk_d;
    off_q    <= off_d;
    cte2_q   <= cte2_d;
    ffault_q <= ffault_d;
    itt_q    <= itt_d;
    ite_q    <= ite_d;
    rd1_q    <= rd1_d;
    outc_q   <= outc_d;
    ee_q     <= ee_d;
    ev_q     <= ev_d;
    // The decode of the command register, read from the cycle after the fetch completed (the
    // command register and the table sizes do not change while a command is in flight).
    c_evw_q    <= c_evw;
    is_mapti_q <= is_mapti;
    icid_oor_q <= icid_oor;
    pint_oor_q <= pint_oor;
    dec_st_q   <= dec_st;
    dec_outc_q <= dec_outc;
    dec_ee_q   <= dec_ee;
    dec_ev_q   <= dec_ev;
    // The ITE read's checks, read in the cycle after its wk_done_i (chk_q).
    iflt_q <= wk_fault_i;
    ivld_q <= wk_rdata_i[its_pkg::ITE_LO_VALID_LSB] && wk_rdata_i[its_pkg::ITE_LO_INTTYPE_LSB];
    ioor_q <= cur_icid_oor;
    // The CTE read's, read in the cycle after its wk_done_i (chk_q).
    cnv_q   <= wk_noentry_i || !wd[0];
    croor_q <= {1'b0, cte_rd} >= 17'(NumRd);
    cdiff_q <= rd1_q != cte_rd;
    crd_q   <= cte_rd;
  end

  // Unused: reserved entry bits (a MOVI writes the ITE's as 0: IMPDEF-ITS-12).
  logic unused_exec;
  assign unused_exec = ^{wd[63:50], wk_rdata_i[95:89]};

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_IMPLY(StartIdle_A, start_i, st_q == its_pkg::ExecIdle)
  `PRJ_ASSERT(BusyState_A, busy_q == (st_q != its_pkg::ExecIdle))
  `PRJ_ASSERT_IMPLY(FetchDoneInFetch_A, fetch_done_i, st_q == its_pkg::ExecFetch)
  `PRJ_ASSERT_IMPLY(WalkDoneExpected_A, wk_done_i, sent_q)
  `PRJ_ASSERT_VALID_READY(Ev, ev_valid_o, ev_ready_i, ev_o)
  `PRJ_ASSERT_VALID_READY(Walk, wk_valid_o, wk_ready_i,
                          {wk_tbl_o, wk_idx_o, wk_itt_o, wk_we_o, wk_wdata_o})
`endif

endmodule

// SPDX-License-Identifier: Apache-2.0
// ITS command decode/execute FSM. One command at a time: fetch (its_cmdq), decode with the
// checks that need no memory, then table accesses through the walker (its_walk) with the checks
// of spec/its.md sections 3.2/3.3 in their order, the redistributor event, the table write, and
// the retire record. Parameter errors retire IGNORED with the docs/impdef.md error code; a memory
// fault retires STALLED.
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
  // Command fields (spec/its.md section 3)
  // -------------------------------------------------------------------------------------------
  logic [7:0]  op;
  logic [31:0] c_devid, c_evid, c_pint;
  logic [4:0]  c_size;
  logic [15:0] c_icid;
  logic [35:0] c_rd1, c_rd2;
  logic        c_v;
  logic [43:0] c_itt;
  logic        is_mapti;

  assign op       = cmd_i[7:0];
  assign c_devid  = cmd_i[63:32];
  assign c_evid   = cmd_i[95:64];
  assign c_size   = cmd_i[68:64];
  assign c_icid   = cmd_i[143:128];
  assign c_rd1    = cmd_i[179:144];     // DW2[51:16]
  assign c_itt    = cmd_i[179:136];     // DW2[51:8]
  assign c_v      = cmd_i[191];         // DW2[63]
  assign c_rd2    = cmd_i[243:208];     // DW3[51:16]
  assign is_mapti = (op == its_pkg::CMD_MAPTI) || (op == its_pkg::CMD_MAPI);
  assign c_pint   = (op == its_pkg::CMD_MAPI) ? c_evid : cmd_i[127:96];  // MAPI: pINTID = EvID

  // Checks that need no memory.
  logic dev_oor, icid_oor, size_oor, pint_oor, rd1_oor, rd2_oor;
  assign dev_oor  = c_devid >= 32'(dt_n_i);
  assign icid_oor = {1'b0, c_icid} >= ct_n_i;
  assign size_oor = c_size > 5'(EvIdW - 1);
  assign pint_oor = (c_pint < its_pkg::LPI_MIN) || (c_pint >= its_pkg::LPI_LIMIT);
  // IMPDEF: IMPDEF-ITS-11 MAPC and MOVALL check the full 36-bit RDbase fields.
  assign rd1_oor  = c_rd1 >= 36'(NumRd);
  assign rd2_oor  = c_rd2 >= 36'(NumRd);

  // -------------------------------------------------------------------------------------------
  // State
  // -------------------------------------------------------------------------------------------
  its_pkg::exec_state_e   st_q, st_d;
  logic [19:0]       off_q, off_d;
  logic              sent_q, sent_d;       // walker request handed over
  logic              cte2_q, cte2_d;       // MOVI: second collection lookup (new ICID)
  logic              ffault_q, ffault_d;   // the fetch faulted
  logic [51:0]       itt_q, itt_d;
  logic [95:0]       ite_q, ite_d;         // the ITE as read (12 bytes)
  logic [15:0]       rd1_q, rd1_d;
  its_pkg::outcome_e outc_q, outc_d;
  logic [7:0]        ee_q, ee_d;
  its_pkg::rd_ev_t   ev_q, ev_d;

  logic [63:0] wd;        // walker read data, 8-byte entries
  logic [15:0] cte_rd;
  logic        cur_icid_oor;

  assign wd           = wk_rdata_i[63:0];
  assign cte_rd       = wd[16:1];
  assign cur_icid_oor = {1'b0, wk_rdata_i[47:32]} >= ct_n_i;

  always_comb begin
    st_d     = st_q;
    off_d    = off_q;
    sent_d   = sent_q;
    cte2_d   = cte2_q;
    ffault_d = ffault_q;
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
        if (start_i) begin
          st_d     = its_pkg::ExecFetch;
          off_d    = creadr_i;
          cte2_d   = 1'b0;
          ffault_d = 1'b0;
          outc_d   = its_pkg::OUT_OK;
          ee_d     = its_pkg::EE_NONE;
          ev_d     = '0;
        end
      end

      // Fetch done: decode and run the checks that need no memory.
      its_pkg::ExecFetch: begin
        if (fetch_done_i) begin
          st_d = its_pkg::ExecRetire;
          if (fetch_fault_i) begin
            ffault_d = 1'b1;
            outc_d   = its_pkg::OUT_STALLED;
          end else begin
            outc_d = its_pkg::OUT_IGNORED;
            unique case (op)
              its_pkg::CMD_MAPD: begin
                if (dev_oor)       ee_d = its_pkg::EE_DEVICE_OOR;
                else if (size_oor) ee_d = its_pkg::EE_PROCNUM_OOR;  // MAPD_ITTSIZE_OOR 0x02
                else begin
                  outc_d = its_pkg::OUT_OK;
                  st_d   = its_pkg::ExecWrite;
                end
              end
              its_pkg::CMD_MAPC: begin
                if (icid_oor)            ee_d = its_pkg::EE_COLLECTION_OOR;
                else if (c_v && rd1_oor) ee_d = its_pkg::EE_PROCNUM_OOR;
                else begin
                  outc_d = its_pkg::OUT_OK;
                  st_d   = its_pkg::ExecWrite;
                end
              end
              its_pkg::CMD_MAPTI, its_pkg::CMD_MAPI, its_pkg::CMD_INT, its_pkg::CMD_CLEAR,
              its_pkg::CMD_INV, its_pkg::CMD_DISCARD, its_pkg::CMD_MOVI: begin
                if (dev_oor) ee_d = its_pkg::EE_DEVICE_OOR;
                else begin
                  outc_d = its_pkg::OUT_OK;
                  st_d   = its_pkg::ExecDte;
                end
              end
              its_pkg::CMD_INVALL: begin
                if (icid_oor) ee_d = its_pkg::EE_COLLECTION_OOR;
                else begin
                  outc_d = its_pkg::OUT_OK;
                  st_d   = its_pkg::ExecCte;
                end
              end
              its_pkg::CMD_MOVALL: begin
                if (rd1_oor || rd2_oor) ee_d = its_pkg::EE_DEVICE_OOR;  // MOVALL_PROCNUM_OOR
                else begin
                  outc_d = its_pkg::OUT_OK;
                  // IMPDEF: IMPDEF-ITS-10 rd1 == rd2: no event.
                  if (c_rd1 != c_rd2) begin
                    ev_d = {its_pkg::RD_MOVALL, c_rd1[15:0], c_rd2[15:0], 32'd0};
                    st_d = its_pkg::ExecEvent;
                  end
                end
              end
              its_pkg::CMD_SYNC: begin
                // IMPDEF: IMPDEF-ITS-10 SYNC event, RDbase[15:0] not checked.
                outc_d = its_pkg::OUT_OK;
                ev_d   = {its_pkg::RD_SYNC, c_rd1[15:0], 16'd0, 32'd0};
                st_d   = its_pkg::ExecEvent;
              end
              // IMPDEF: IMPDEF-ITS-7 unknown and GICv4 opcodes: IGNORED, EE = FF.
              default: ee_d = its_pkg::EE_UNSUPPORTED;
            endcase
          end
        end
      end

      // LOOKUP_ITE part 1 (and MAPTI/MAPI: DTE read, then ICID, V, EventID, pINTID checks).
      its_pkg::ExecDte: begin
        if (wk_done_i) begin
          itt_d  = {wd[49:6], 8'b0};
          st_d   = its_pkg::ExecRetire;
          outc_d = its_pkg::OUT_IGNORED;
          if (wk_fault_i) begin
            outc_d = its_pkg::OUT_STALLED;
          end else if (is_mapti && icid_oor) begin
            ee_d = its_pkg::EE_COLLECTION_OOR;
          end else if (wk_noentry_i || !wd[0]) begin
            ee_d = its_pkg::EE_UNMAPPED_DEVICE;
          end else if (its_pkg::ev_oor(c_evid, wd[5:1])) begin
            ee_d = its_pkg::EE_ID_OOR;
          end else if (is_mapti && pint_oor) begin
            ee_d = its_pkg::EE_PHYSICALID_OOR;
          end else begin
            outc_d = its_pkg::OUT_OK;
            st_d   = is_mapti ? its_pkg::ExecWrite : its_pkg::ExecIte;
          end
        end
      end

      // LOOKUP_ITE part 2.
      its_pkg::ExecIte: begin
        if (wk_done_i) begin
          ite_d   = wk_rdata_i;
          st_d    = its_pkg::ExecRetire;
          outc_d  = its_pkg::OUT_IGNORED;
          if (wk_fault_i) begin
            outc_d = its_pkg::OUT_STALLED;
          end else if (!wk_rdata_i[0] || !wk_rdata_i[1]) begin
            ee_d = its_pkg::EE_UNMAPPED_INT;  // IMPDEF: IMPDEF-ITS-5 virtual ITE = unmapped
          end else if (cur_icid_oor) begin
            ee_d = its_pkg::EE_COLLECTION_OOR;
          end else begin
            outc_d = its_pkg::OUT_OK;
            st_d   = its_pkg::ExecCte;
          end
        end
      end

      // LOOKUP_CTE (ITE.ICID; INVALL: DW2 ICID; MOVI second pass: the new ICID).
      its_pkg::ExecCte: begin
        if (wk_done_i) begin
          st_d   = its_pkg::ExecRetire;
          outc_d = its_pkg::OUT_IGNORED;
          if (wk_fault_i) begin
            outc_d = its_pkg::OUT_STALLED;
          end else if (wk_noentry_i || !wd[0]) begin
            ee_d = its_pkg::EE_UNMAPPED_COLL;
          end else if ({1'b0, cte_rd} >= 17'(NumRd)) begin
            ee_d = its_pkg::EE_PROCNUM_OOR;
          end else begin
            outc_d = its_pkg::OUT_OK;
            st_d   = its_pkg::ExecEvent;
            unique case (op)
              its_pkg::CMD_MOVI: begin
                if (!cte2_q) begin
                  rd1_d  = cte_rd;
                  cte2_d = 1'b1;
                  if (icid_oor) begin
                    outc_d = its_pkg::OUT_IGNORED;
                    ee_d   = its_pkg::EE_COLLECTION_OOR;
                    st_d   = its_pkg::ExecRetire;
                  end else begin
                    st_d = its_pkg::ExecCte;
                  end
                end else if (rd1_q != cte_rd) begin
                  ev_d = {its_pkg::RD_MOVE, rd1_q, cte_rd, 8'b0, ite_q[25:2]};
                end else begin
                  st_d = its_pkg::ExecWrite;  // IMPDEF: IMPDEF-ITS-10 same RDbase: no event
                end
              end
              its_pkg::CMD_INT:    ev_d = {its_pkg::RD_SET, cte_rd, 16'd0, 8'b0, ite_q[25:2]};
              its_pkg::CMD_INV:    ev_d = {its_pkg::RD_INV, cte_rd, 16'd0, 8'b0, ite_q[25:2]};
              its_pkg::CMD_INVALL: ev_d = {its_pkg::RD_INVALL, cte_rd, 16'd0, 32'd0};
              default:             ev_d = {its_pkg::RD_CLEAR, cte_rd, 16'd0, 8'b0, ite_q[25:2]};
            endcase
          end
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
  always_comb begin
    wk_valid_o = !sent_q && ((st_q == its_pkg::ExecDte) || (st_q == its_pkg::ExecIte) ||
                             (st_q == its_pkg::ExecCte) || (st_q == its_pkg::ExecWrite));
    wk_tbl_o   = its_pkg::TBL_ITT;
    wk_idx_o   = c_evid;
    wk_itt_o   = itt_q;
    wk_we_o    = 1'b0;
    wk_wdata_o = '0;
    unique case (st_q)
      its_pkg::ExecDte: begin
        wk_tbl_o = its_pkg::TBL_DT;
        wk_idx_o = {16'b0, c_devid[15:0]};
      end
      its_pkg::ExecCte: begin
        wk_tbl_o = its_pkg::TBL_CT;
        wk_idx_o = {16'b0, (cte2_q || op == its_pkg::CMD_INVALL) ? c_icid : ite_q[47:32]};
      end
      its_pkg::ExecWrite: begin
        wk_we_o = 1'b1;
        unique case (op)
          its_pkg::CMD_MAPD: begin
            wk_tbl_o   = its_pkg::TBL_DT;
            wk_idx_o   = {16'b0, c_devid[15:0]};
            wk_wdata_o = {32'b0, its_pkg::dte_enc(c_v, c_size, c_itt)};
          end
          its_pkg::CMD_MAPC: begin
            wk_tbl_o   = its_pkg::TBL_CT;
            wk_idx_o   = {16'b0, c_icid};
            wk_wdata_o = {32'b0, its_pkg::cte_enc(c_v, c_rd1[15:0])};
          end
          // IMPDEF: IMPDEF-ITS-12 the ITE as read, only the ICID replaced.
          its_pkg::CMD_MOVI: wk_wdata_o = {ite_q[95:48], c_icid, ite_q[31:0]};
          its_pkg::CMD_DISCARD: wk_wdata_o = '0;
          default: begin  // MAPTI, MAPI
            wk_wdata_o = its_pkg::ite_enc(c_pint[23:0], c_icid, 16'd0, its_pkg::DOORBELL_NONE);
          end
        endcase
      end
      default: ;
    endcase
  end

  // -------------------------------------------------------------------------------------------
  // Outputs
  // -------------------------------------------------------------------------------------------
  assign busy_o     = (st_q != its_pkg::ExecIdle);
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
      off_q    <= '0;
      sent_q   <= 1'b0;
      cte2_q   <= 1'b0;
      ffault_q <= 1'b0;
      itt_q    <= '0;
      ite_q    <= '0;
      rd1_q    <= '0;
      outc_q   <= its_pkg::OUT_OK;
      ee_q     <= '0;
      ev_q     <= '0;
    end else begin
      st_q     <= st_d;
      off_q    <= off_d;
      sent_q   <= sent_d;
      cte2_q   <= cte2_d;
      ffault_q <= ffault_d;
      itt_q    <= itt_d;
      ite_q    <= ite_d;
      rd1_q    <= rd1_d;
      outc_q   <= outc_d;
      ee_q     <= ee_d;
      ev_q     <= ev_d;
    end
  end

  // Unused: reserved command and ITE bits.
  logic unused_exec;
  assign unused_exec = ^{cmd_i, wd[63:50]};

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT(StartIdle_A, start_i |-> st_q == its_pkg::ExecIdle)
  `PRJ_ASSERT(FetchDoneInFetch_A, fetch_done_i |-> st_q == its_pkg::ExecFetch)
  `PRJ_ASSERT(WalkDoneExpected_A, wk_done_i |-> sent_q)
  `PRJ_ASSERT_VALID_READY(Ev, ev_valid_o, ev_ready_i, ev_o)
  `PRJ_ASSERT_VALID_READY(Walk, wk_valid_o, wk_ready_i,
                          {wk_tbl_o, wk_idx_o, wk_itt_o, wk_we_o, wk_wdata_o})
`endif

endmodule

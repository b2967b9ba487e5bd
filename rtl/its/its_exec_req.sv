// SPDX-License-Identifier: Apache-2.0
// ITS executor's walker request: the table access of the command executor's current state
// (its_exec: DTE, ITE or CTE read, or the command's table write) and the entry it writes
// (spec/its.md section 4 layouts). Combinational.
module its_exec_req (
  input  its_pkg::exec_state_e st_i,
  input  logic                 sent_i,      // the request of this state was handed over
  // command fields (its_cmd_dec)
  input  logic [7:0]           op_i,
  input  logic [15:0]          devid_i,
  input  logic [31:0]          evid_i,
  input  logic [15:0]          icid_i,
  input  logic                 v_i,         // MAPD, MAPC
  input  logic [4:0]           size_i,      // MAPD
  input  logic [43:0]          itt_addr_i,  // MAPD ITT_addr[51:8]
  input  logic [15:0]          rd_i,        // MAPC RDbase[15:0]
  input  logic [23:0]          pint_i,      // MAPTI/MAPI pINTID
  // executor state
  input  logic                 cte2_i,      // MOVI: second collection lookup (new ICID)
  input  logic [51:0]          itt_i,       // the device's ITT (from its DTE)
  input  its_pkg::ite_t        ite_i,       // the ITE fields as read
  // walker request
  output logic                 wk_valid_o,
  output its_pkg::tbl_e        wk_tbl_o,
  output logic [31:0]          wk_idx_o,
  output logic [51:0]          wk_itt_o,
  output logic                 wk_we_o,
  output logic [95:0]          wk_wdata_o
);

  always_comb begin
    wk_valid_o = !sent_i && ((st_i == its_pkg::ExecDte) || (st_i == its_pkg::ExecIte) ||
                             (st_i == its_pkg::ExecCte) || (st_i == its_pkg::ExecWrite));
    wk_tbl_o   = its_pkg::TBL_ITT;
    wk_idx_o   = evid_i;
    wk_itt_o   = itt_i;
    wk_we_o    = 1'b0;
    wk_wdata_o = '0;
    unique case (st_i)
      its_pkg::ExecDte: begin
        wk_tbl_o = its_pkg::TBL_DT;
        wk_idx_o = {16'b0, devid_i};
      end
      its_pkg::ExecCte: begin
        wk_tbl_o = its_pkg::TBL_CT;
        wk_idx_o = {16'b0, (cte2_i || op_i == its_pkg::CMD_INVALL) ? icid_i : ite_i.icid};
      end
      its_pkg::ExecWrite: begin
        wk_we_o = 1'b1;
        unique case (op_i)
          its_pkg::CMD_MAPD: begin
            wk_tbl_o   = its_pkg::TBL_DT;
            wk_idx_o   = {16'b0, devid_i};
            wk_wdata_o = {32'b0, its_pkg::dte_enc(v_i, size_i, itt_addr_i)};
          end
          its_pkg::CMD_MAPC: begin
            wk_tbl_o   = its_pkg::TBL_CT;
            wk_idx_o   = {16'b0, icid_i};
            wk_wdata_o = {32'b0, its_pkg::cte_enc(v_i, rd_i)};
          end
          // IMPDEF: IMPDEF-ITS-12 the ITE re-encoded from its fields (Valid = IntType = 1,
          // INTID, vPEID, doorbell as read) with only the ICID replaced; its reserved bits
          // (low word [31:26], doorbell word [31:25]) are written as 0, as QEMU's update_ite.
          its_pkg::CMD_MOVI: begin
            wk_wdata_o = its_pkg::ite_enc(ite_i.intid, icid_i, ite_i.vpeid, ite_i.db);
          end
          its_pkg::CMD_DISCARD: ;  // wk_wdata_o: the default 0, an invalid ITE
          default: begin  // MAPTI, MAPI
            wk_wdata_o = its_pkg::ite_enc(pint_i, icid_i, 16'd0, 25'(its_pkg::DOORBELL_NONE));
          end
        endcase
      end
      default: ;
    endcase
  end

endmodule

// SPDX-License-Identifier: Apache-2.0
// ITS command decode for the executor (its_exec): the fields of the 32-byte command (spec/its.md
// section 3), the checks of section 3.3 that need no memory, and the executor's first step after
// the fetch (the table access to start with, or the event, or the retire with its outcome).
// Combinational.
module its_cmd_dec #(
  parameter int unsigned NumRd = 4,
  parameter int unsigned EvIdW = 16
) (
  input  logic [255:0]         cmd_i,
  input  logic [16:0]          dt_n_i,       // Device table entries
  input  logic [16:0]          ct_n_i,       // Collection table entries
  // fields
  output logic [7:0]           op_o,
  output logic [15:0]          devid_o,      // table index (checked with all 32 bits here)
  output logic [31:0]          evid_o,
  output logic [23:0]          pint_o,       // LPI INTID (MAPI: the EventID; checked here)
  output logic [4:0]           size_o,       // MAPD Size
  output logic [15:0]          icid_o,
  output logic [15:0]          rd_o,         // MAPC RDbase[15:0]
  output logic                 v_o,          // DW2[63]: Valid (MAPD, MAPC)
  output logic [43:0]          itt_o,        // DW2[51:8]: ITT_addr (MAPD)
  output logic                 is_mapti_o,   // MAPTI or MAPI
  // checks needed after the first table read
  output logic                 icid_oor_o,   // ICID >= CT.n
  output logic                 pint_oor_o,   // pINTID < 8192 or >= 65536
  // first step of the executor when the fetch did not fault
  output its_pkg::exec_state_e first_st_o,
  output its_pkg::outcome_e    first_outc_o,
  output logic [7:0]           first_ee_o,   // with OUT_IGNORED
  output its_pkg::rd_ev_t      first_ev_o    // with ExecEvent (MOVALL, SYNC)
);

  logic [31:0] devid, pint;
  logic [35:0] rd1, rd2;
  logic        dev_oor, size_oor, rd1_oor, rd2_oor;

  // Field positions from docs/enc/its.toml (its_pkg::CMDF_*).
  assign op_o       = cmd_i[its_pkg::CMDF_OPCODE_AT +: its_pkg::CMDF_OPCODE_W];
  assign devid      = cmd_i[its_pkg::CMDF_DEV_AT +: its_pkg::CMDF_DEV_W];
  assign devid_o    = devid[15:0];
  assign evid_o     = cmd_i[its_pkg::CMDF_EV_AT +: its_pkg::CMDF_EV_W];
  assign size_o     = cmd_i[its_pkg::CMDF_SIZE_AT +: its_pkg::CMDF_SIZE_W];
  assign icid_o     = cmd_i[its_pkg::CMDF_ICID_AT +: its_pkg::CMDF_ICID_W];
  assign rd1        = cmd_i[its_pkg::CMDF_RD_AT +: its_pkg::CMDF_RD_W];
  assign rd_o       = rd1[15:0];
  assign itt_o      = cmd_i[its_pkg::CMDF_ITT_AT +: its_pkg::CMDF_ITT_W];
  assign v_o        = cmd_i[its_pkg::CMDF_V_AT];
  assign rd2        = cmd_i[its_pkg::CMDF_RD2_AT +: its_pkg::CMDF_RD2_W];
  assign is_mapti_o = (op_o == its_pkg::CMD_MAPTI) || (op_o == its_pkg::CMD_MAPI);
  assign pint       = (op_o == its_pkg::CMD_MAPI) ? evid_o :  // MAPI: EvID
                      cmd_i[its_pkg::CMDF_INTID_AT +: its_pkg::CMDF_INTID_W];
  assign pint_o     = pint[23:0];

  assign dev_oor    = devid >= 32'(dt_n_i);
  assign icid_oor_o = {1'b0, icid_o} >= ct_n_i;
  assign size_oor   = size_o > 5'(EvIdW - 1);
  assign pint_oor_o = (pint < its_pkg::LPI_MIN) || (pint >= its_pkg::LPI_LIMIT);
  // IMPDEF: IMPDEF-ITS-11 MAPC and MOVALL check the full 36-bit RDbase fields.
  assign rd1_oor    = rd1 >= 36'(NumRd);
  assign rd2_oor    = rd2 >= 36'(NumRd);

  always_comb begin
    first_st_o   = its_pkg::ExecRetire;
    first_outc_o = its_pkg::OUT_IGNORED;
    first_ee_o   = its_pkg::EE_NONE;
    // Read only with ExecEvent: the SYNC event unless MOVALL replaces it.
    // IMPDEF: IMPDEF-ITS-10 SYNC event, RDbase[15:0] not checked.
    first_ev_o   = {its_pkg::RD_SYNC, rd1[15:0], 16'd0, 32'd0};
    unique case (op_o)
      its_pkg::CMD_MAPD: begin
        if (dev_oor)       first_ee_o = its_pkg::EE_DEVICE_OOR;
        else if (size_oor) first_ee_o = its_pkg::EE_ITTSIZE_OOR;
        else begin
          first_outc_o = its_pkg::OUT_OK;
          first_st_o   = its_pkg::ExecWrite;
        end
      end
      its_pkg::CMD_MAPC: begin
        if (icid_oor_o)          first_ee_o = its_pkg::EE_COLLECTION_OOR;
        else if (v_o && rd1_oor) first_ee_o = its_pkg::EE_PROCNUM_OOR;
        else begin
          first_outc_o = its_pkg::OUT_OK;
          first_st_o   = its_pkg::ExecWrite;
        end
      end
      its_pkg::CMD_MAPTI, its_pkg::CMD_MAPI, its_pkg::CMD_INT, its_pkg::CMD_CLEAR,
      its_pkg::CMD_INV, its_pkg::CMD_DISCARD, its_pkg::CMD_MOVI: begin
        if (dev_oor) first_ee_o = its_pkg::EE_DEVICE_OOR;
        else begin
          first_outc_o = its_pkg::OUT_OK;
          first_st_o   = its_pkg::ExecDte;
        end
      end
      its_pkg::CMD_INVALL: begin
        if (icid_oor_o) first_ee_o = its_pkg::EE_COLLECTION_OOR;
        else begin
          first_outc_o = its_pkg::OUT_OK;
          first_st_o   = its_pkg::ExecCte;
        end
      end
      its_pkg::CMD_MOVALL: begin
        if (rd1_oor || rd2_oor) first_ee_o = its_pkg::EE_MOVALL_PROCNUM_OOR;
        else begin
          first_outc_o = its_pkg::OUT_OK;
          // IMPDEF: IMPDEF-ITS-10 rd1 == rd2: no event.
          if (rd1 != rd2) begin
            first_ev_o = {its_pkg::RD_MOVALL, rd1[15:0], rd2[15:0], 32'd0};
            first_st_o = its_pkg::ExecEvent;
          end
        end
      end
      its_pkg::CMD_SYNC: begin
        first_outc_o = its_pkg::OUT_OK;  // first_ev_o: the SYNC event of the default
        first_st_o   = its_pkg::ExecEvent;
      end
      // IMPDEF: IMPDEF-ITS-7 unknown and GICv4 opcodes: IGNORED, EE = FF.
      default: first_ee_o = its_pkg::EE_UNSUPPORTED;
    endcase
  end

  // Unused: reserved command bits.
  logic unused_cmd;
  assign unused_cmd = ^cmd_i;

endmodule

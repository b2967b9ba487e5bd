// SPDX-License-Identifier: Apache-2.0
// ITS register file behind the shared APB4 slave (cmn_apb_slave): GITS_* registers, access
// decoding, CREADR/Stalled update at command retire, and the table parameters latched for the
// walkers.
//
// The serializer (its_ctrl) decides when an access in its access phase completes (`done_i`):
// only while no operation is in flight (docs/interfaces.md section 3.4). Writes take effect in
// the completion cycle; reads return the state of that cycle.
`include "prj_assert.svh"

module its_regs #(
  parameter int unsigned DevIdW = 16,
  parameter int unsigned EvIdW  = 16,
  parameter int unsigned CidW   = 16
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  // APB4 slave
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
  // to/from the serializer
  output logic              acc_o,         // an access waits in its access phase
  output logic              acc_msi_o,     // ... and it is a GITS_TRANSLATER MSI
  output logic [15:0]       tr_devid_o,
  output logic [31:0]       tr_eventid_o,
  input  logic              done_i,        // complete the access in this cycle
  // state for the engines
  output logic              enabled_o,
  output its_pkg::tbl_cfg_t dt_o,
  output its_pkg::tbl_cfg_t ct_o,
  output logic              cmd_run_o,     // the command queue has a command to run
  output logic [63:0]       cmd_addr_o,    // address of the command at CREADR
  output logic [19:0]       creadr_o,      // CREADR byte offset
  // command retire
  input  logic              rt_cmd_i,
  input  logic              rt_stalled_i
);

  // -------------------------------------------------------------------------------------------
  // State
  // -------------------------------------------------------------------------------------------
  logic              enabled_q, enabled_d;
  logic [63:0]       cbaser_q, cbaser_d;
  logic [14:0]       cwriter_q, cwriter_d;   // Offset[19:5]
  logic [14:0]       creadr_q, creadr_d;     // Offset[19:5]
  logic              stalled_q, stalled_d;
  logic [63:0]       baser0_q, baser0_d;     // writable bits only
  logic [63:0]       baser1_q, baser1_d;
  its_pkg::tbl_cfg_t dt_q, dt_d, ct_q, ct_d;

  // -------------------------------------------------------------------------------------------
  // Access decoding (docs/interfaces.md section 1)
  // -------------------------------------------------------------------------------------------
  logic        acc, cpl, ctl, is_tr, w64, w32l, w32h, w16, wr_err, do_wr, wr_lo, wr_hi;
  logic [12:0] dw;
  logic [63:0] bmask, rdata;
  logic [14:0] creadr_inc;
  logic        enabled_w, stalled_w, stalled_r;   // after the write alone / the retire alone
  logic [63:0] cbaser_w, baser0_w, baser1_w;
  logic [14:0] cwriter_w, creadr_w, creadr_r;
  logic        cmd_run_q, cmd_run_d;         // the queue condition, registered

  assign ctl   = !apb_paddr_i[16];
  assign dw    = apb_paddr_i[15:3];
  assign is_tr = (apb_paddr_i == its_pkg::GITS_TRANSLATER_OFFSET);
  assign w64   = (apb_paddr_i[2:0] == 3'd0) && (apb_pstrb_i == 8'hFF);
  assign w32l  = (apb_paddr_i[2:0] == 3'd0) && (apb_pstrb_i == 8'h0F);
  assign w32h  = (apb_paddr_i[2:0] == 3'd4) && (apb_pstrb_i == 8'hF0);
  assign w16   = (apb_paddr_i[2:0] == 3'd0) && (apb_pstrb_i == 8'h03) && is_tr;
  // IMPDEF: IMPDEF-ITS-1 unsupported write width/alignment -> pslverr, no effect. Reads return
  // the aligned doubleword and never fail.
  assign wr_err = apb_pwrite_i && !(w64 || w32l || w32h || w16);
  assign do_wr  = cpl && apb_pwrite_i && !wr_err && ctl;
  // A control-frame write that is accepted is a whole doubleword or one 32-bit half (w16 is
  // GITS_TRANSLATER only, outside the control frame): it writes the low half, the high half or
  // both, never single byte lanes.
  assign wr_lo  = w64 || w32l;
  assign wr_hi  = w64 || w32h;
  assign bmask  = {{32{wr_hi}}, {32{wr_lo}}};

  assign acc_o        = acc;
  // IMPDEF: IMPDEF-ITS-9 a GITS_TRANSLATER write is posted: it completes without pslverr after
  // its MSI retired, whatever the outcome (FAULT included).
  assign acc_msi_o    = apb_pwrite_i && is_tr && (w64 || w32l || w16);
  assign tr_devid_o   = 16'(apb_pdevid_i);
  assign tr_eventid_o = w16 ? {16'b0, apb_pwdata_i[15:0]} : apb_pwdata_i[31:0];

  // The queue has (CBASER.Size + 1) * 128 slots: CREADR wraps after slot Size * 128 + 127.
  assign creadr_inc = (creadr_q == {cbaser_q[7:0], 7'h7F}) ? 15'd0 : creadr_q + 15'd1;

  // The registers after this cycle's APB write alone (*_w: the write's effect whether or not the
  // access completes now) or after a command retire alone (*_r); do_wr and rt_cmd_i (never both,
  // NoWriteAtRetire_A) select at the end, so the access decode and the queue condition's
  // comparisons are not behind the serializer's completion decision.
  always_comb begin
    enabled_w = enabled_q;
    cbaser_w  = cbaser_q;
    cwriter_w = cwriter_q;
    creadr_w  = creadr_q;
    stalled_w = stalled_q;
    baser0_w  = baser0_q;
    baser1_w  = baser1_q;

    unique case (dw)
      its_pkg::DW_CTLR: begin
        if (wr_lo) enabled_w = apb_pwdata_i[0];
      end
      its_pkg::DW_CBASER: begin
        // Ignored while enabled (spec/its.md section 9); either half resets CREADR/Stalled.
        if (!enabled_q) begin
          cbaser_w  = (cbaser_q & ~(its_pkg::GITS_CBASER_WMASK & bmask)) |
                      (apb_pwdata_i & its_pkg::GITS_CBASER_WMASK & bmask);
          creadr_w  = '0;
          stalled_w = 1'b0;
        end
      end
      its_pkg::DW_CWRITER: begin
        // IMPDEF: IMPDEF-ITS-4 Offset only; a high-half write changes nothing.
        if (wr_lo) begin
          cwriter_w = apb_pwdata_i[19:5];
          if (apb_pwdata_i[0]) stalled_w = 1'b0;  // Retry
        end
      end
      its_pkg::DW_BASER0: begin
        if (!enabled_q) begin
          baser0_w = (baser0_q & ~(its_pkg::GITS_BASER0_WMASK & bmask)) |
                     (apb_pwdata_i & its_pkg::GITS_BASER0_WMASK & bmask);
        end
      end
      its_pkg::DW_BASER1: begin
        if (!enabled_q) begin
          baser1_w = (baser1_q & ~(its_pkg::GITS_BASER1_WMASK & bmask)) |
                     (apb_pwdata_i & its_pkg::GITS_BASER1_WMASK & bmask);
        end
      end
      default: ;  // RO or reserved: WI
    endcase

    // A command retire: STALLED sets Stalled, any other outcome advances CREADR.
    creadr_r  = rt_stalled_i ? creadr_q : creadr_inc;
    stalled_r = rt_stalled_i || stalled_q;

    enabled_d = do_wr ? enabled_w : enabled_q;
    cbaser_d  = do_wr ? cbaser_w : cbaser_q;
    cwriter_d = do_wr ? cwriter_w : cwriter_q;
    baser0_d  = do_wr ? baser0_w : baser0_q;
    baser1_d  = do_wr ? baser1_w : baser1_q;
    creadr_d  = do_wr ? creadr_w : (rt_cmd_i ? creadr_r : creadr_q);
    stalled_d = do_wr ? stalled_w : (rt_cmd_i ? stalled_r : stalled_q);
  end

  // Table parameters: registered copy of the BASERs, in two stages (the flat entry count, then the
  // capped count): BASERs cannot change while enabled, and an enable needs another APB transfer
  // (at least two cycles: its setup and access phases), so the two-cycle lag is never observed.
  logic [21:0] dflat_q, cflat_q;  // baser_flat of BASER0 / BASER1, one cycle after them

  always_comb begin
    dt_d.indirect = baser0_q[62];
    dt_d.psz      = baser0_q[9:8];
    dt_d.base     = its_pkg::baser_base(baser0_q[9], baser0_q[47:12]);
    dt_d.n        = its_pkg::baser_n(baser0_q[63], baser0_q[62], dflat_q, 5'(DevIdW));
    ct_d.indirect = baser1_q[62];
    ct_d.psz      = baser1_q[9:8];
    ct_d.base     = its_pkg::baser_base(baser1_q[9], baser1_q[47:12]);
    ct_d.n        = its_pkg::baser_n(baser1_q[63], baser1_q[62], cflat_q, 5'(CidW));
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      enabled_q <= 1'b0;
      cbaser_q  <= '0;
      cwriter_q <= '0;
      creadr_q  <= '0;
      stalled_q <= 1'b0;
      baser0_q  <= its_pkg::BASER0_RESET_W;
      baser1_q  <= its_pkg::BASER1_RESET_W;
      cmd_run_q <= 1'b0;
    end else begin
      enabled_q <= enabled_d;
      cbaser_q  <= cbaser_d;
      cwriter_q <= cwriter_d;
      creadr_q  <= creadr_d;
      stalled_q <= stalled_d;
      baser0_q  <= baser0_d;
      baser1_q  <= baser1_d;
      cmd_run_q <= cmd_run_d;
    end
  end

  // No reset: the decoded table configuration follows baser0_q / baser1_q two cycles later; it
  // is only read while GITS_CTLR.Enabled is 1, which takes an APB write after reset
  // (docs/its-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    dflat_q <= its_pkg::baser_flat(baser0_q[9:8], baser0_q[7:0]);
    cflat_q <= its_pkg::baser_flat(baser1_q[9:8], baser1_q[7:0]);
    dt_q    <= dt_d;
    ct_q    <= ct_d;
  end

  // -------------------------------------------------------------------------------------------
  // Read data
  // -------------------------------------------------------------------------------------------
  logic [63:0] typer;
  // TYPER = 0x0000_001F_0001_EFB1 with the default widths: Physical, ITT_entry_size 11,
  // ID_bits, Devbits, CIDbits, CIL (spec/its.md section 9).
  assign typer = {27'b0, 1'b1, 4'(CidW - 1), 14'b0, 5'(DevIdW - 1), 5'(EvIdW - 1),
                  4'hB, 4'h1};

  always_comb begin
    rdata = '0;
    if (ctl) begin
      unique case (dw)
        // IMPDEF: IMPDEF-ITS-2 Quiescent always reads 1.
        its_pkg::DW_CTLR:    rdata = {its_pkg::GITS_IIDR_RESET, 1'b1, 30'b0, enabled_q};
        its_pkg::DW_TYPER:   rdata = typer;
        its_pkg::DW_CBASER:  rdata = cbaser_q;
        its_pkg::DW_CWRITER: rdata = {44'b0, cwriter_q, 5'b0};
        its_pkg::DW_CREADR:  rdata = {44'b0, creadr_q, 4'b0, stalled_q};
        its_pkg::DW_BASER0:  rdata = baser0_q | its_pkg::BASER0_RO;
        its_pkg::DW_BASER1:  rdata = baser1_q | its_pkg::BASER1_RO;
        13'h1FFA:            rdata = 64'h0000_0000_0000_0044;  // PIDR4, PIDR5
        13'h1FFC:            rdata = 64'h0000_00B4_0000_0094;  // PIDR0, PIDR1
        13'h1FFD:            rdata = 64'h0000_0000_0000_003B;  // PIDR2, PIDR3
        13'h1FFE:            rdata = 64'h0000_00F0_0000_000D;  // CIDR0, CIDR1
        13'h1FFF:            rdata = 64'h0000_00B1_0000_0005;  // CIDR2, CIDR3
        default:             rdata = '0;                       // reserved: RAZ
      endcase
    end
  end

  // APB4 handshake: the access completes combinationally in the cycle of `done_i`.
  cmn_apb_slave #(
    .AddrW  (17),
    .RegOut (1'b0)
  ) u_apb (
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
    .req_valid_o (acc),
    .req_ready_i (1'b0),     // used with RegOut = 1 only
    .done_i,
    .err_i       (wr_err),
    .rdata_i     (rdata),
    .cpl_o       (cpl)
  );

  // -------------------------------------------------------------------------------------------
  // Outputs
  // -------------------------------------------------------------------------------------------
  assign enabled_o  = enabled_q;
  assign dt_o       = dt_q;
  assign ct_o       = ct_q;
  assign creadr_o   = {creadr_q, 5'b0};
  assign cmd_addr_o = {12'b0, cbaser_q[51:12], 12'b0} + {44'b0, creadr_q, 5'b0};
  // docs/interfaces.md section 3.4: Enabled && !Stalled && CREADR != CWRITER &&
  // CWRITER.Offset < size && CBASER.Valid. IMPDEF: IMPDEF-ITS-4 an out-of-range CWRITER stops
  // processing until a valid offset is written. CWRITER.Offset < (Size + 1) * 128 slots is
  // CWRITER[14:7] <= Size. The condition is registered, computed from the registers' next values
  // (so it is never stale: it always equals the condition on the registers, asserted below), to
  // keep the comparisons off the serializer's dispatch path; the next values are those after the
  // write alone, after the retire alone, or unchanged, each compared before the choice.
  function automatic logic run_cond(input logic en, input logic stl, input logic [14:0] rd,
                                    input logic [14:0] wr, input logic cb_valid,
                                    input logic [7:0] cb_size);
    run_cond = en && !stl && (rd != wr) && (wr[14:7] <= cb_size) && cb_valid;
  endfunction
  assign cmd_run_d  = do_wr ? run_cond(enabled_w, stalled_w, creadr_w, cwriter_w, cbaser_w[63],
                                        cbaser_w[7:0]) :
                      rt_cmd_i ? run_cond(enabled_q, stalled_r, creadr_r, cwriter_q, cbaser_q[63],
                                          cbaser_q[7:0]) :
                      run_cond(enabled_q, stalled_q, creadr_q, cwriter_q, cbaser_q[63],
                               cbaser_q[7:0]);
  assign cmd_run_o  = cmd_run_q;

`ifdef PRJ_ASSERT_ON
  // The APB4 protocol rules are checked in u_apb (ApbSetup_A, ApbStable_A, PreadyInAccess_A).
  `PRJ_ASSERT(NoWriteAtRetire_A, !(do_wr && rt_cmd_i))
  `PRJ_ASSERT_IMPLY(DoneOnlyInAccess_A, done_i, acc)
  `PRJ_ASSERT(CmdRunCurrent_A, cmd_run_q == run_cond(enabled_q, stalled_q, creadr_q, cwriter_q,
                                                     cbaser_q[63], cbaser_q[7:0]))
`endif

endmodule

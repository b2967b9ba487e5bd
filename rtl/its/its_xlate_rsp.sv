// SPDX-License-Identifier: Apache-2.0
// ITS MSI response unit (its_xlate): one in-order memory response per cycle for the slot at the
// head of the slot-id FIFO. The first beat of a two-beat access waits in one shared buffer (the
// two beats of an access are adjacent in the response stream); the last beat completes the
// access: FAULT, then the checks of LOOKUP_ITE/LOOKUP_CTE (spec/its.md sections 3.2 and 5) in
// their order, else the slot moves on to its next table access.
`include "prj_assert.svh"

module its_xlate_rsp #(
  parameter int unsigned NumRd = 4
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  input  logic               mrsp_valid_i,
  input  cmn_pkg::mem_rsp_t  mrsp_i,
  input  its_pkg::xl_slot_t  slot_i,         // the slot this response belongs to
  // The 8-byte entry of the access this beat completes: {this beat, the previous response} >>
  // (8 x the entry's byte offset), made in the response register's stage (its_xlate), so the
  // byte shift is not on the path of the checks.
  input  logic [63:0]        d64_i,
  input  logic [5:0]         evhi_i,         // its EventID's highest 1 bit (0 for 0)
  // The response beat's two places an ITE's ICID can be (the ITE at offset 0: the first beat's
  // bits [ITE_LO_ICID_LSB +: W]; at offset 4: the second beat's bits [ITE_LO_ICID_LSB - 32 +: W])
  // compared with the Collection table's entry count in the response register's stage.
  input  logic [1:0]         icid_oor_i,     // {offset 4, offset 0}: that ICID >= CT.n
  input  logic               ct_indirect_i,  // two-level Collection table
  output logic               upd_o,          // the response completes an access: slot_o applies
  output its_pkg::xl_slot_t  slot_o          // the slot after the response (first beat: slot_i)
);

  logic         half_q, half_d;  // first beat of a two-beat access received
  logic [63:0]  rbuf_q, rbuf_d;  // ... its data
  logic         rflt_q, rflt_d;  // ... its fault
  logic         roor_q, roor_d;  // ... its ICID at offset 0 is out of range (icid_oor_i[0])
  logic         rbig_q, rbig_d;  // ... the EventID is out of range for its DTE Size field

  its_pkg::xl_slot_t rs;
  logic [63:0]       d64;
  logic [95:0]       d96;
  logic              flt;
  logic              ev_big;  // EventID out of range for the DTE's Size
  logic              ite_oor; // the ITE's ICID >= CT.n
  logic [63:0]       first;   // a first beat shifted to the entry's byte offset

  always_comb begin
    rs     = slot_i;
    d64    = d64_i;
    // The 12-byte ITE (the only user of d96) is at 12 * EventID from a 256-byte aligned ITT
    // base: its offset is 0 or 4 (asserted below), so a 2-way select instead of the 8-way shift.
    d96    = slot_i.off[2] ? {mrsp_i.rdata, rbuf_q[63:32]} : {mrsp_i.rdata[31:0], rbuf_q};
    flt    = (half_q && rflt_q) || mrsp_i.err;
    // EventID >= 2^(Size+1) (IMPDEF: IMPDEF-ITS-6 all 32 bits), from the position of the
    // EventID's highest 1 (width - 1, 0 for 0): EventID >= 2^(Size+1) exactly when that position
    // is above Size. A 6-bit comparison instead of a 33-bit one on the response path, no adder.
    // The Size field is in the entry's first 8 bits, so in the first beat whatever the offset:
    // for a two-beat entry the comparison is made when the first beat arrives (rbig_q), so
    // neither the 8-way byte shift of the two beats nor a comparison behind it is on the path of
    // the last beat.
    first  = mrsp_i.rdata >> {slot_i.off, 3'b0};
    rbig_d = rbig_q;
    ev_big = slot_i.nb2 ? rbig_q :
             (evhi_i > 6'(mrsp_i.rdata[its_pkg::DTE_SIZE_LSB +: its_pkg::DTE_SIZE_W]));
    ite_oor = slot_i.off[2] ? icid_oor_i[1] : roor_q;
    half_d = half_q;
    rbuf_d = rbuf_q;
    rflt_d = rflt_q;
    roor_d = roor_q;
    upd_o  = 1'b0;
    if (mrsp_valid_i && slot_i.nb2 && !half_q) begin
      // First of two beats: keep it. Every beat is consumed even after a fault.
      half_d = 1'b1;
      rbuf_d = mrsp_i.rdata;
      rflt_d = mrsp_i.err;
      roor_d = icid_oor_i[0];
      rbig_d = evhi_i > 6'(first[its_pkg::DTE_SIZE_LSB +: its_pkg::DTE_SIZE_W]);
    end else begin
      if (mrsp_valid_i) half_d = 1'b0;
      upd_o   = mrsp_valid_i;
      // nb2 and off describe the access whose beats are in flight: the slot's next access
      // sets them at its first beat (its_xlate), and nothing reads them before.
      rs.nreq = '0;
      rs.outc = its_pkg::OUT_IGNORED;
      rs.ee   = its_pkg::EE_NONE;
      unique case (rs.st)
        its_pkg::SlotDtL1: begin
          if (flt)                              rs.outc = its_pkg::OUT_FAULT;
          else if (!d64[its_pkg::L1_VALID_LSB]) rs.ee   = its_pkg::EE_UNMAPPED_DEVICE;
          rs.base = {1'b0, d64[its_pkg::L1_PA_LSB +: its_pkg::L1_PA_W]};
          rs.st   = (flt || !d64[its_pkg::L1_VALID_LSB]) ? its_pkg::SlotDone : its_pkg::SlotDte;
        end
        its_pkg::SlotDte: begin
          if (flt)                               rs.outc = its_pkg::OUT_FAULT;
          else if (!d64[its_pkg::DTE_VALID_LSB]) rs.ee   = its_pkg::EE_UNMAPPED_DEVICE;
          else if (ev_big) begin
            rs.ee = its_pkg::EE_ID_OOR;
          end
          rs.base = {d64[its_pkg::DTE_ITT_ADDR_LSB +: its_pkg::DTE_ITT_ADDR_W], 8'b0};  // ITT
          rs.st   = (rs.outc == its_pkg::OUT_FAULT || rs.ee != its_pkg::EE_NONE) ?
                    its_pkg::SlotDone : its_pkg::SlotIte;
        end
        its_pkg::SlotIte: begin
          rs.intid = d96[its_pkg::ITE_LO_INTID_LSB +: its_pkg::ITE_LO_INTID_W];
          rs.icid  = d96[its_pkg::ITE_LO_ICID_LSB +: its_pkg::ITE_LO_ICID_W];
          // IMPDEF: IMPDEF-ITS-5 IntType = 0 (virtual) counts as unmapped.
          if (flt) rs.outc = its_pkg::OUT_FAULT;
          else if (!d96[its_pkg::ITE_LO_VALID_LSB] || !d96[its_pkg::ITE_LO_INTTYPE_LSB]) begin
            rs.ee = its_pkg::EE_UNMAPPED_INTERRUPT;
          end else if (ite_oor) begin
            rs.ee = its_pkg::EE_COLLECTION_OOR;
          end
          rs.st = (rs.outc == its_pkg::OUT_FAULT || rs.ee != its_pkg::EE_NONE) ?
                  its_pkg::SlotDone : (ct_indirect_i ? its_pkg::SlotCtL1 : its_pkg::SlotCte);
        end
        its_pkg::SlotCtL1: begin
          if (flt)                              rs.outc = its_pkg::OUT_FAULT;
          else if (!d64[its_pkg::L1_VALID_LSB]) rs.ee   = its_pkg::EE_UNMAPPED_COLLECTION;
          rs.base = {1'b0, d64[its_pkg::L1_PA_LSB +: its_pkg::L1_PA_W]};
          rs.st   = (flt || !d64[its_pkg::L1_VALID_LSB]) ? its_pkg::SlotDone : its_pkg::SlotCte;
        end
        its_pkg::SlotCte: begin
          rs.rd = d64[its_pkg::CTE_RDBASE_LSB +: its_pkg::CTE_RDBASE_W];
          if (flt)                               rs.outc = its_pkg::OUT_FAULT;
          else if (!d64[its_pkg::CTE_VALID_LSB]) rs.ee   = its_pkg::EE_UNMAPPED_COLLECTION;
          else if ({1'b0, d64[its_pkg::CTE_RDBASE_LSB +: its_pkg::CTE_RDBASE_W]} >=
                   17'(NumRd)) begin
            rs.ee = its_pkg::EE_PROCNUM_OOR;
          end
          else rs.outc = its_pkg::OUT_OK;
          rs.st = its_pkg::SlotDone;
        end
        default: ;
      endcase
    end
  end

  assign slot_o = rs;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      half_q <= 1'b0;
    end else begin
      half_q <= half_d;
    end
  end

  // No reset: the first beat of a two-beat response, read only while half_q is set
  // (docs/its-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    rbuf_q <= rbuf_d;
    rflt_q <= rflt_d;
    roor_q <= roor_d;
    rbig_q <= rbig_d;
  end

  // Unused: reserved entry bits and the shifted-out part of the two beats.
  logic unused_rsp;
  assign unused_rsp = ^{d64[62:51], d96[95:48], d96[31:26],
                        first[63:its_pkg::DTE_SIZE_LSB + its_pkg::DTE_SIZE_W],
                        first[its_pkg::DTE_SIZE_LSB-1:0]};

`ifdef PRJ_ASSERT_ON
  // The entry made a stage earlier equals the one the two beats make (a single beat: offset 0).
  logic [127:0] a_wide;
  assign a_wide = {mrsp_i.rdata, rbuf_q} >> {slot_i.off, 3'b0};
  logic unused_a;
  assign unused_a = ^a_wide[127:64];
  `PRJ_ASSERT_IMPLY(EntryJoined_A, mrsp_valid_i && !(slot_i.nb2 && !half_q),
                    d64_i == (slot_i.nb2 ? a_wide[63:0] : mrsp_i.rdata))
  `PRJ_ASSERT_INIT(SizeInFirstByte_A, its_pkg::DTE_SIZE_LSB + its_pkg::DTE_SIZE_W <= 8)
  // The early comparison equals the one on the entry as the two beats make it.
  `PRJ_ASSERT_IMPLY(EvBigEarly_A, mrsp_valid_i && !(slot_i.nb2 && !half_q),
                    ev_big == (evhi_i > 6'(d64[its_pkg::DTE_SIZE_LSB +: its_pkg::DTE_SIZE_W])))
  `PRJ_ASSERT_INIT(IcidPlaces_A, its_pkg::ITE_LO_ICID_LSB >= 32 &&
                   its_pkg::ITE_LO_ICID_LSB + its_pkg::ITE_LO_ICID_W <= 64)
  `PRJ_ASSERT_IMPLY(HalfSameSlot_A, half_q && mrsp_valid_i, slot_i.nb2)
  `PRJ_ASSERT_IMPLY(IteOffset_A, mrsp_valid_i && slot_i.st == its_pkg::SlotIte,
                    slot_i.off == 3'd0 || slot_i.off == 3'd4)
`endif

endmodule

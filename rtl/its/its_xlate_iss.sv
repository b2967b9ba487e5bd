// SPDX-License-Identifier: Apache-2.0
// ITS MSI issue unit (its_xlate): picks the oldest slot with a beat to issue (cmn_arb, circular
// from the retire pointer) and issues the beats of its current table access, whose address
// its_xlate computed and registered per slot beforehand (`addr_i`, valid when `aok_i`): no adder
// between the slot state and the memory request. The grant is held while a request is
// back-pressured and from the first to the second beat of a two-beat access, so the two beats of
// an access are adjacent in the request stream and therefore in the response stream.
`include "prj_assert.svh"

module its_xlate_iss #(
  parameter int unsigned NumSlots = 4,
  localparam int unsigned IdxW    = (NumSlots > 1) ? $clog2(NumSlots) : 1,
  localparam int unsigned SW      = its_pkg::XL_SLOT_W
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  input  logic [NumSlots*SW-1:0] slots_i,    // the slots as the issue unit sees them (i at i*SW)
  input  logic [IdxW-1:0]        oldest_i,   // the oldest slot: the highest priority
  input  logic                   id_full_i,  // the slot-id FIFO is full: no new request
  input  logic [NumSlots*64-1:0] addr_i,     // address of each slot's current access
  input  logic [NumSlots-1:0]    aok_i,      // ... registered for the slot's current state
  // memory request (reads only)
  output logic                   mreq_valid_o,
  input  logic                   mreq_ready_i,
  output logic [63:0]            mreq_addr_o,
  // the issued beat
  output logic                   issue_o,    // a beat is handed over in this cycle
  output logic [IdxW-1:0]        sel_o,      // ... for this slot
  output its_pkg::xl_slot_t      slot_o      // ... which then looks like this
);

  logic [SW-1:0]       slots [NumSlots];  // slots_i as an array: a slot multiplexer below
  logic [63:0]         addrs [NumSlots];  // addr_i as an array
  its_pkg::xl_slot_t   iss, cand;
  logic [NumSlots-1:0] want;
  logic                found;
  logic [63:0]         acc_addr;
  logic                acc_nb2;
  logic                lock_q, lock_d;      // grant held: back-pressure or second beat
  logic [60:0]         b1addr_q, b1addr_d;  // address bits [63:3] of the second beat
  logic [IdxW-1:0]     sel;
  logic                req_hs;

  function automatic logic wants(its_pkg::slot_state_e st, logic [1:0] nreq, logic nb2);
    wants = (st != its_pkg::SlotFree) && (st != its_pkg::SlotDone) &&
            (nreq == 2'd0 || (nreq == 2'd1 && nb2));
  endfunction

  // A slot's first beat waits until its address is registered (aok_i).
  always_comb begin
    cand = '0;
    for (int i = 0; i < NumSlots; i++) begin
      slots[i] = slots_i[i*SW+:SW];
      addrs[i] = addr_i[i*64+:64];
      cand     = slots[i];
      want[i]  = wants(cand.st, cand.nreq, cand.nb2) && (cand.nreq != 2'd0 || aok_i[i]);
    end
  end

  // Oldest slot first (circular from the retire pointer); the grant is held by lock_d.
  cmn_arb #(
    .NumReq (NumSlots)
  ) u_arb (
    .clk_i,
    .rst_ni,
    .req_i    (want),
    .first_i  (oldest_i),
    .hold_i   (lock_d),
    .valid_o  (found),
    .idx_o    (sel),
    .locked_o (lock_q)
  );

  always_comb begin
    iss      = slots[sel];
    acc_addr = addrs[sel];
    // IMPDEF: IMPDEF-ITS-8 beats per docs/interfaces.md section 2: the 12-byte ITE always takes
    // two beats, an 8-byte entry at an unaligned level-2 address takes two.
    acc_nb2  = (iss.st == its_pkg::SlotIte) || (acc_addr[2:0] != 3'd0);
  end

  assign mreq_valid_o = found && !id_full_i;
  // The second beat always directly follows the first (sticky grant): its address was computed
  // one cycle earlier.
  assign mreq_addr_o  = (iss.nreq == 2'd1) ? {b1addr_q, 3'b0} : {acc_addr[63:3], 3'b0};
  assign req_hs       = mreq_valid_o && mreq_ready_i;

  // Issued beat: the slot remembers the access shape on its first beat.
  always_comb begin
    slot_o = iss;
    if (iss.nreq == 2'd0) begin
      slot_o.off = acc_addr[2:0];
      slot_o.nb2 = acc_nb2;
    end
    slot_o.nreq = iss.nreq + 2'd1;
  end

  // Hold the grant under back-pressure, and from the first beat of a two-beat access until its
  // second beat is issued (even while the slot-id FIFO is full).
  assign lock_d   = (mreq_valid_o && !mreq_ready_i) || (req_hs && iss.nreq == 2'd0 && acc_nb2) ||
                    (lock_q && !req_hs);
  assign b1addr_d = acc_addr[63:3] + 61'd1;

  // No reset: the second beat's address, read only in the cycle after the first beat (nreq = 1),
  // which wrote it (docs/its-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    b1addr_q <= b1addr_d;
  end

  assign issue_o = req_hs;
  assign sel_o   = sel;

  // Unused: the slot fields the search does not look at.
  logic unused_iss;
  assign unused_iss = ^cand;

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_IMPLY(LockWants_A, lock_q, wants(iss.st, iss.nreq, iss.nb2))
  // The second beat of an access is the next request, so its response is the next response.
  `PRJ_ASSERT_NEXT_STABLE(SecondBeatNext_A, req_hs && iss.nreq == 2'd0 && acc_nb2,
                          lock_q && iss.nreq == 2'd1, sel)
  `PRJ_ASSERT_IMPLY(LockIssues_A, lock_q && !id_full_i, mreq_valid_o)
  `PRJ_ASSERT_VALID_READY(MemReq, mreq_valid_o, mreq_ready_i, mreq_addr_o)
`endif

endmodule

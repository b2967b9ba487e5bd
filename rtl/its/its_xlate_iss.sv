// SPDX-License-Identifier: Apache-2.0
// ITS MSI issue unit (its_xlate): issues the beats of one slot's current table access at a time,
// whose address its_xlate computed and registered per slot beforehand (`addr_i`, valid when
// `aok_i`): no adder between the slot state and the memory request. The slot served is a
// register (`sel_q`), chosen one cycle ahead: the oldest slot (circular from the retire pointer)
// that has a beat to issue in the next cycle, i.e. one that wants to issue now (other than the
// one whose last beat goes now) or one whose address register becomes valid now (`soon_i`). So
// the request and the slot-id FIFO entry come from a registered slot index through one
// multiplexer, not through the search. Each slot applies its own issued-beat update (its_xlate,
// from its own registers), so only the grant (`issue_o`, `sel_o`) leaves this unit. The served
// slot is kept while its request waits (back-pressure, slot-id FIFO full) and from the first to
// the second beat of a two-beat access, so the two beats of an access are adjacent in the request
// stream and therefore in the response stream.
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
  input  logic [NumSlots-1:0]    anb2_i,     // ... has two beats (from the slot's registers)
  input  logic [NumSlots-1:0]    soon_i,     // the slot's first beat can issue in the next cycle
  // memory request (reads only)
  output logic                   mreq_valid_o,
  input  logic                   mreq_ready_i,
  output logic [63:0]            mreq_addr_o,
  // the issued beat
  output logic                   issue_o,    // a beat is handed over in this cycle
  output logic [IdxW-1:0]        sel_o       // ... for this slot
);

  logic [SW-1:0]       slots [NumSlots];  // slots_i as an array: a slot multiplexer below
  logic [63:0]         addrs [NumSlots];  // addr_i as an array
  its_pkg::xl_slot_t   iss, cand;
  logic [1:0]          iss_nreq;
  logic [NumSlots-1:0] want;              // a beat to issue now
  logic [NumSlots-1:0] next;              // a beat to issue in the next cycle (candidates)
  logic                cur;               // the served slot has a beat to issue
  logic                keep;              // serve the same slot in the next cycle
  logic                found;
  logic [IdxW-1:0]     pick;
  logic                pick_locked;
  logic [63:0]         acc_addr;
  logic                acc_nb2;
  logic [IdxW-1:0]     sel_q, sel_d;      // the slot served
  logic [60:0]         b1addr_q, b1addr_d;  // address bits [63:3] of the second beat
  logic                req_hs;

  function automatic logic wants(its_pkg::slot_state_e st, logic [1:0] nreq, logic nb2);
    wants = (st != its_pkg::SlotFree) && (st != its_pkg::SlotDone) &&
            (nreq == 2'd0 || (nreq == 2'd1 && nb2));
  endfunction


  // A slot's first beat waits until its address is registered (aok_i).
  always_comb begin
    for (int i = 0; i < NumSlots; i++) begin
      slots[i] = slots_i[i*SW+:SW];
      addrs[i] = addr_i[i*64+:64];
      cand     = slots[i];
      want[i]  = wants(cand.st, cand.nreq, cand.nb2) && (cand.nreq != 2'd0 || aok_i[i]);
    end
  end

  always_comb begin
    iss      = slots[sel_q];
    iss_nreq = iss.nreq;
    acc_addr = addrs[sel_q];
    acc_nb2  = anb2_i[sel_q];
    cur      = want[sel_q];
  end

  assign mreq_valid_o = cur && !id_full_i;
  // The second beat always directly follows the first: its address was computed one cycle
  // earlier.
  assign mreq_addr_o  = (iss_nreq == 2'd1) ? {b1addr_q, 3'b0} : {acc_addr[63:3], 3'b0};
  assign req_hs       = mreq_valid_o && mreq_ready_i;
  assign b1addr_d     = acc_addr[63:3] + 61'd1;

  // The next slot served: the same while its request waits or its second beat follows, else the
  // oldest candidate (the slot whose last beat goes now is none: its beat count changes).
  assign keep = (cur && !req_hs) || (req_hs && iss_nreq == 2'd0 && acc_nb2);

  always_comb begin
    next = want | soon_i;
    if (req_hs) next[sel_q] = 1'b0;
  end

  // The oldest candidate: the circular search of cmn_arb from the oldest slot, never held.
  cmn_arb #(
    .NumReq(NumSlots)
  ) u_oldest (
    .clk_i,
    .rst_ni,
    .req_i   (next),
    .first_i (oldest_i),
    .hold_i  (1'b0),
    .valid_o (found),
    .idx_o   (pick),
    .locked_o(pick_locked)
  );

  assign sel_d = keep ? sel_q : (found ? pick : sel_q);

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      sel_q <= '0;
    end else begin
      sel_q <= sel_d;
    end
  end

  // No reset: the second beat's address, read only in the cycle after the first beat (nreq = 1),
  // which wrote it (docs/its-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    b1addr_q <= b1addr_d;
  end

  assign issue_o = req_hs;
  assign sel_o   = sel_q;

  // Unused: the slot fields the search does not look at, the multiplexed slot but for its beat
  // count (assertions only), the byte offset of the access (the slot keeps it itself).
  logic unused_iss;
  assign unused_iss = ^{cand, iss, acc_addr[2:0], pick_locked};

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(NumSlotsRange_A, NumSlots >= 1)
  `PRJ_ASSERT(OldestInRange_A, 32'(oldest_i) < NumSlots)
  // The second beat of an access is the next request, so its response is the next response.
  `PRJ_ASSERT_NEXT_STABLE(SecondBeatNext_A, req_hs && iss_nreq == 2'd0 && acc_nb2,
                          cur && iss_nreq == 2'd1, sel_q)
  // A slot announced by soon_i has a beat to issue in the next cycle, unless its beat goes now.
  logic [NumSlots-1:0] a_soon;
  always_comb begin
    a_soon = soon_i;
    if (req_hs) a_soon[sel_q] = 1'b0;
  end
  `PRJ_ASSERT_NEXT_PAST(Soon_A, a_soon != '0, a_soon, (want & Soon_A_past) == Soon_A_past)
  `PRJ_ASSERT_VALID_READY(MemReq, mreq_valid_o, mreq_ready_i, mreq_addr_o)
`endif

endmodule

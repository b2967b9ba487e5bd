// SPDX-License-Identifier: Apache-2.0
// Priority arbiter with a grant lock: grants the first requester at or after `first_i` in circular
// order (`first_i` = 0: fixed priority, lowest index first), or keeps the previous grant.
//
// `hold_i` keeps this cycle's grant for the next cycle (a back-pressured request whose payload
// must stay stable, or the beats of one access that must stay adjacent); the held requester must
// keep requesting. Without requests and without a lock, `idx_o` is `first_i` and `valid_o` is 0.
`include "prj_assert.svh"

module cmn_arb #(
  parameter int unsigned NumReq = 2,
  localparam int unsigned IdxW  = (NumReq > 1) ? $clog2(NumReq) : 1
) (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  logic [NumReq-1:0] req_i,
  input  logic [IdxW-1:0]   first_i,   // the requester with the highest priority (< NumReq)
  input  logic              hold_i,    // keep this cycle's grant in the next cycle
  output logic              valid_o,   // a requester is granted, or the grant is held
  output logic [IdxW-1:0]   idx_o,     // the granted requester
  output logic              locked_o   // the grant is held from the previous cycle
);

  logic            lock_q, lock_d;
  logic [IdxW-1:0] lock_idx_q, lock_idx_d;
  logic            found;
  logic [IdxW-1:0] pick, oi;

  function automatic logic [IdxW-1:0] idx_inc(logic [IdxW-1:0] i);
    if (i == IdxW'(NumReq - 1)) idx_inc = '0;
    else                        idx_inc = i + IdxW'(1);
  endfunction

  // Circular search from first_i: one pass over the requesters.
  always_comb begin
    found = 1'b0;
    pick  = first_i;
    oi    = first_i;
    for (int i = 0; i < NumReq; i++) begin
      if (!found && req_i[oi]) begin
        found = 1'b1;
        pick  = oi;
      end
      oi = idx_inc(oi);
    end
  end

  assign valid_o    = lock_q || found;
  assign idx_o      = lock_q ? lock_idx_q : pick;
  assign locked_o   = lock_q;
  assign lock_d     = hold_i;
  assign lock_idx_d = idx_o;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      lock_q     <= 1'b0;
    end else begin
      lock_q     <= lock_d;
    end
  end

  // No reset: the held index, read only while lock_q is set.
  always_ff @(posedge clk_i) begin
    lock_idx_q <= lock_idx_d;
  end

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(NumReqRange_A, NumReq >= 1)
  `PRJ_ASSERT(FirstInRange_A, 32'(first_i) < NumReq)
  // A held grant stays with a requester that still requests.
  `PRJ_ASSERT_IMPLY(LockedReqHeld_A, lock_q, req_i[lock_idx_q])
  `PRJ_ASSERT_IMPLY(GrantRequested_A, valid_o, req_i[idx_o])
`endif

endmodule

// SPDX-License-Identifier: Apache-2.0
// Sequential 64-bit modulo r = a mod b for the periodic re-arm (spec/stimer.md section 4
// "start": r = (now - exp_time) mod count). Fast path: a < b gives r = a in the cycle after the
// start (the common case: the timer fired less than one period late). Otherwise a restoring
// division retires one dividend bit per cycle, but a leading zero byte of the dividend in one
// cycle: (64 - n) / 8 + n cycles for an n-bit dividend (rounded to bytes), 64 at most, plus one.
// b = 0 is never started (COUNT != 0 for an armed timer); it would return a.
module stimer_mod (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        start_i,  // pulse; a_i/b_i sampled with it
  input  logic [63:0] a_i,
  input  logic [63:0] b_i,
  output logic        busy_o,   // rem_o is valid from the first cycle it is 0 after a start
  output logic [63:0] rem_o
);

  stimer_pkg::mod_state_e state_d, state_q;
  logic [63:0] a_d, a_q;      // dividend bits not yet shifted in (MSB first)
  logic [63:0] b_d, b_q;
  logic [64:0] rem_d, rem_q;  // partial remainder, one bit wider than b for the shift
  logic [6:0]  cnt_d, cnt_q;

  logic [64:0] rem_shift;
  logic [65:0] rem_diff;  // one carry chain: the borrow is the compare
  logic        rem_ge;

  assign rem_shift = {rem_q[63:0], a_q[63]};
  assign rem_diff  = {1'b0, rem_shift} - {2'b00, b_q};
  assign rem_ge    = !rem_diff[65];

  always_comb begin
    state_d = state_q;
    a_d     = a_q;
    b_d     = b_q;
    rem_d   = rem_q;
    cnt_d   = cnt_q;
    unique case (state_q)
      stimer_pkg::ModIdle: begin
        // nothing to do: wait for start
      end
      stimer_pkg::ModDiv: begin
        if ((rem_q == '0) && (a_q[63:56] == 8'h00) && (cnt_q >= 7'd8)) begin
          // Leading zero byte of the dividend: shifting it in leaves the remainder 0 < b.
          a_d   = {a_q[55:0], 8'h00};
          cnt_d = cnt_q - 7'd8;
          if (cnt_q == 7'd8) begin
            state_d = stimer_pkg::ModDone;
          end
        end else begin
          rem_d = rem_ge ? rem_diff[64:0] : rem_shift;
          a_d   = {a_q[62:0], 1'b0};
          cnt_d = cnt_q - 7'd1;
          if (cnt_q == 7'd1) begin
            state_d = stimer_pkg::ModDone;
          end
        end
      end
      stimer_pkg::ModDone: begin
        // rem_q is final: one more busy cycle so that a result registered from rem_o is ready
        // when busy_o falls.
        state_d = stimer_pkg::ModIdle;
      end
      default: state_d = stimer_pkg::ModIdle;
    endcase
    if (start_i) begin
      b_d = b_i;
      if (a_i < b_i) begin
        // Fast path: (now - exp) < count, so r = now - exp.
        rem_d   = {1'b0, a_i};
        state_d = stimer_pkg::ModDone;
      end else begin
        a_d     = a_i;
        rem_d   = '0;
        cnt_d   = 7'd64;
        state_d = stimer_pkg::ModDiv;
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      state_q <= stimer_pkg::ModIdle;
    end else begin
      state_q <= state_d;
    end
  end

  // No reset: loaded by start_i; read in ModDiv and, for rem_q, in ModDone and after it
  // (docs/stimer-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    a_q   <= a_d;
    b_q   <= b_d;
    rem_q <= rem_d;
    cnt_q <= cnt_d;
  end

  assign busy_o = (state_q != stimer_pkg::ModIdle);
  assign rem_o  = rem_q[63:0];

  logic unused_rem_msb;
  assign unused_rem_msb = rem_q[64];

endmodule

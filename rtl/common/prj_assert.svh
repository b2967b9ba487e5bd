// SPDX-License-Identifier: Apache-2.0
// Assertion macros (after lowRISC prim_assert): compiled in only when PRJ_ASSERT_ON is defined
// (the simulation builds pass -DPRJ_ASSERT_ON with --assert); synthesis and lint see nothing.
// Default clock `clk_i`, default reset `rst_ni` (active low): properties are disabled in reset.
//
// Every check is an immediate assertion in a clocked process, evaluated at the rising clk_i edge
// on the values of the cycle that ends there (a process triggered by the edge reads what the
// flops held before it, as a concurrent assertion's sampled values), and off while __rst is
// true at that edge (`disable iff`). A property over two cycles keeps what it needs of the
// earlier one in flops of its own (`<name>_q`, `<name>_past`). The same properties as
// `assert property`, but cheaper: Verilator copies every signal a concurrent assertion reads
// into a sampled copy at every evaluation (both clock edges, every block), and $past/$stable
// read those copies too, whereas these checks run only on an edge of their own clock
// (docs/bench.md "Speed"). A check with an antecedent tests it first (`if`), so the consequent
// costs nothing in the cycles where the antecedent is false. The assertion statement itself is
// reached only when its condition is not known to hold (`PRJ_NOT_TRUE`), so that what a
// simulator does per assertion (Verilator 5.048 calls `VerilatedContext::assertOnGet` out of
// line, for `$assertoff`/`$assertcontrol`, every time an assertion is reached) is done at a
// failure only; the assertion still decides, and `$assertoff` still silences it. Their code is
// left out of coverage: a check is not design logic.
`ifndef PRJ_ASSERT_SVH
`define PRJ_ASSERT_SVH

`ifdef PRJ_ASSERT_ON

// True unless `x` is known to be true (nonzero): 0, or X/Z in a 4-state simulator, where an
// immediate assertion of `x` fails. Only then is the assertion statement reached.
`define PRJ_NOT_TRUE(x) ((!(x)) !== 1'b0)

// `cond` holds at every rising clk_i edge outside reset.
`define PRJ_ASSERT(__name, __cond, __clk = clk_i, __rst = !rst_ni) \
  /*verilator coverage_off*/ \
  always @(posedge __clk) begin : __name \
    if (`PRJ_NOT_TRUE((__rst) || (__cond))) \
      assert ((__rst) || (__cond)) \
        else $error("[%0t] assertion %s failed: %s", $time, `"__name`", `"__cond`"); \
  end \
  /*verilator coverage_on*/

// `ante |-> cons`: at an edge outside reset where `ante` holds, `cons` holds.
`define PRJ_ASSERT_IMPLY(__name, __ante, __cons, __clk = clk_i, __rst = !rst_ni) \
  /*verilator coverage_off*/ \
  always @(posedge __clk) begin : __name \
    if (!(__rst) && (__ante) && `PRJ_NOT_TRUE(__cons)) \
      assert (__cons) \
        else $error("[%0t] assertion %s failed: %s", $time, `"__name`", `"__ante |-> __cons`"); \
  end \
  /*verilator coverage_on*/

// `ante |=> cons` where `cons` may read `<name>_past`, the value `past` had at the edge where
// `ante` held ($past(past)): at an edge outside reset after one where `ante` held outside
// reset, `cons` holds.
`define PRJ_ASSERT_NEXT_PAST(__name, __ante, __past, __cons, __clk = clk_i, __rst = !rst_ni) \
  /*verilator coverage_off*/ \
  logic __name``_q; \
  logic [$bits(__past)-1:0] __name``_past; \
  always @(posedge __clk) begin : __name \
    if (__name``_q && !(__rst) && `PRJ_NOT_TRUE(__cons)) \
      assert (__cons) \
        else $error("[%0t] assertion %s failed: %s", $time, `"__name`", \
                    `"__ante |=> __cons, __name``_past: $past(__past)`"); \
    __name``_q <= !(__rst) && (__ante); \
    if (__ante) __name``_past <= __past; \
  end \
  /*verilator coverage_on*/

// `ante |=> cons && $stable(stable)`.
`define PRJ_ASSERT_NEXT_STABLE(__name, __ante, __cons, __stable, __clk = clk_i, __rst = !rst_ni) \
  `PRJ_ASSERT_NEXT_PAST(__name, __ante, __stable, (__cons) && ((__stable) == __name``_past), \
                        __clk, __rst)

// `sig` is never X/Z outside reset (meaningful with --x-assign/--x-initial unique).
`define PRJ_ASSERT_KNOWN(__name, __sig, __clk = clk_i, __rst = !rst_ni) \
  `PRJ_ASSERT(__name, !$isunknown(__sig), __clk, __rst)

// A valid/ready source: while valid && !ready, valid stays high (<name>ValidHeld_A) and the
// payload stays stable (<name>Stable_A) at the next edge.
`define PRJ_ASSERT_VALID_READY(__name, __valid, __ready, __payload, __clk = clk_i, __rst = !rst_ni) \
  /*verilator coverage_off*/ \
  logic __name``Wait_q; \
  logic [$bits(__payload)-1:0] __name``Wait_past; \
  always @(posedge __clk) begin : __name``ValidReady_A \
    if (__name``Wait_q && !(__rst)) begin \
      if (`PRJ_NOT_TRUE(__valid)) \
        assert (__valid) \
          else $error("[%0t] assertion %s failed: %s", $time, `"__name``ValidHeld_A`", \
                      `"(__valid) && !(__ready) |=> (__valid)`"); \
      if (`PRJ_NOT_TRUE((__payload) == __name``Wait_past)) \
        assert ((__payload) == __name``Wait_past) \
          else $error("[%0t] assertion %s failed: %s", $time, `"__name``Stable_A`", \
                      `"(__valid) && !(__ready) |=> $stable(__payload)`"); \
    end \
    __name``Wait_q <= !(__rst) && (__valid) && !(__ready); \
    if ((__valid) && !(__ready)) __name``Wait_past <= __payload; \
  end \
  /*verilator coverage_on*/

// Elaboration-time check of parameters.
`define PRJ_ASSERT_INIT(__name, __cond) \
  initial begin : __name \
    if (!(__cond)) $fatal(1, "parameter check %s failed: %s", `"__name`", `"__cond`"); \
  end

`else

`define PRJ_ASSERT(__name, __cond, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_IMPLY(__name, __ante, __cons, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_NEXT_PAST(__name, __ante, __past, __cons, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_NEXT_STABLE(__name, __ante, __cons, __stable, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_KNOWN(__name, __sig, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_VALID_READY(__name, __valid, __ready, __payload, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_INIT(__name, __cond)

`endif  // PRJ_ASSERT_ON

`endif  // PRJ_ASSERT_SVH

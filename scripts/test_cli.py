#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest sim/cli: the command line of tb_sim. Every number out of its option's range is a usage
error that names the option (exit 2, nothing simulated); `--trace FILE` without a window writes a
bounded one and the run stops a bounded number of cycles after its end; `--stall N` fails a
run whose longest operation passes N cycles and no other; `--result FILE` writes
the verdict as JSON (PASS, FAIL with the first mismatch line and its waves window, SKIP with the
reason) with the stdout of the run unchanged, and so does scn_model next to tb_sim's build.

  scripts/test_cli.py build/cmake/sim/tb_sim
"""
import os
import re
import subprocess
import sys
import json
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUMMARY = re.compile(r"^(PASS|FAIL) \S+ \S+ seed=\d+ ops=(\d+) cycles=(\d+)", re.M)

BAD = [
    ("--ops", "-1"), ("--ops", "4294967296"), ("--ops", "0"), ("--ops", "1000000001"),
    ("--seed", "-5"), ("--seed", "18446744073709551616"), ("--seed", "0x"), ("--seed", " 5"),
    ("--seed", "5k"), ("--max-mismatch", "0"), ("--max-mismatch", "-1"), ("--watchdog", "0"),
    ("--watchdog", "1e3"), ("--trace-start", "-1"), ("--trace-end", "+5"), ("--stall", "0"),
    ("--stall", "1000000000001"),
    ("--gen-weights", "nosuch=1"), ("--gen-weights", "mapd=1001"), ("--gen-weights", "mapd"),
    ("--gen-weights", "indirect=101"), ("--gen-weights", "mapd=-1"), ("--gen-weights", "mapd=1,"),
]


def run(exe, args, timeout=60):
    p = subprocess.run([exe] + args, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def check_gen_weights(exe):
    """--gen-weights: the drawn configuration and the weights are printed and stored in the
    result, the rerun command repeats them, and they change the stream; a scenario refuses them."""
    fails = []
    rc, out, err = run(exe, ["--test", "sim/tests/its_smoke_faults.scn", "--gen-weights", "mapd=1"])
    if rc != 2 or "--gen-weights" not in err:
        fails.append(f"--gen-weights with a scenario file: exit {rc}, stderr {err.strip()!r}")
    with tempfile.TemporaryDirectory() as tmp:
        res = os.path.join(tmp, "r.json")
        w = "reset=50,reprogram=50,fault=50,indirect=100"
        rc, out, err = run(exe, ["--test", "random-its", "--seed", "5", "--ops", "60",
                                 "--gen-weights", w, "--result", res])
        gen = [ln for ln in out.splitlines() if ln.startswith("gen: random-its ")]
        try:
            with open(res, encoding="utf-8") as f:
                d = json.load(f)
        except (OSError, ValueError) as e:
            return [f"--gen-weights run: no result file ({e}); exit {rc}: {err.strip()!r}"]
        if rc != 0 or len(gen) != 1 or "reset=50" not in gen[0] or "=2lvl," not in gen[0]:
            fails.append(f"--gen-weights {w}: exit {rc}, gen lines {gen}")
        elif (d.get("gen_config") != gen[0][len("gen: "):]
              or f"--gen-weights {w}" not in d.get("rerun")):
            fails.append(f"--gen-weights: result gen_config {d.get('gen_config')!r}, "
                         f"rerun {d.get('rerun')!r}")
        rc, out2, _ = run(exe, ["--test", "random-its", "--seed", "5", "--ops", "60"])
        gen2 = [ln for ln in out2.splitlines() if ln.startswith("gen: random-its ")]
        if rc != 0 or len(gen2) != 1 or "reset=1," not in gen2[0]:
            fails.append(f"random-its seed 5 with the default weights: exit {rc}, gen {gen2}")
    return fails


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    exe = sys.argv[1]
    fails = []
    for opt, val in BAD:
        rc, out, err = run(exe, ["--test", "random-its", opt, val])
        if rc != 2 or opt not in err or SUMMARY.search(out):
            fails.append(f"{opt} {val!r}: exit {rc}, stderr {err.strip()!r}")
    rc, out, err = run(exe, ["--test", "random-its", "--trace", "x.fst", "--trace-start", "9",
                             "--trace-end", "8"])
    if rc != 2 or "--trace-start" not in err:
        fails.append(f"--trace-start after --trace-end: exit {rc}, stderr {err.strip()!r}")
    rc, out, err = run(exe, ["--help"])
    if rc != 0 or "0..100000" not in err:
        fails.append(f"--help: exit {rc}, does not state the default trace window")
    if "1..1000000000 operations" not in err:  # the bound the refusals above test against
        fails.append("--help does not state the --ops range 1..1000000000")
    # --trace alone: bounded, and the run ends at most 1000 cycles after the test did.
    base = ["--test", "random-its", "--seed", "3", "--ops", "100"]
    rc, out, _ = run(exe, base)
    m = SUMMARY.search(out)
    if rc != 0 or not m:
        fails.append(f"random-its seed 3 without trace: exit {rc}")
    else:
        with tempfile.TemporaryDirectory() as tmp:
            fst = os.path.join(tmp, "w.fst")
            rc, out2, _ = run(exe, base + ["--trace", fst])
            m2 = SUMMARY.search(out2)
            if rc != 0 or not m2 or not os.path.exists(fst):
                fails.append(f"--trace alone: exit {rc}, wave file written: {os.path.exists(fst)}")
            elif int(m2.group(3)) > int(m.group(3)) + 1001 or m2.group(2) != m.group(2):
                fails.append(f"--trace alone ran {m2.group(3)} cycles (the test ends at "
                             f"{m.group(3)}), ops {m2.group(2)} vs {m.group(2)}")
    # A run that simulates nothing (a scenario for another build) ends at once, trace or not.
    with tempfile.TemporaryDirectory() as tmp:
        args = ["--test", "sim/tests/stimer_reset.scn", "--trace", os.path.join(tmp, "s.fst"),
                "--trace-start", "0", "--trace-end", "100000"]
        try:
            rc, out, err = run(exe, args, timeout=60)
            if rc not in (0, 77):
                fails.append(f"stimer_reset.scn with --trace: exit {rc}: {out + err}")
        except subprocess.TimeoutExpired:
            fails.append("stimer_reset.scn (another build's configuration) with --trace did not "
                         "end within 60 s")
    fails += check_gen_weights(exe)
    fails += check_result(exe)
    fails += check_stall(exe)
    for f in fails:
        print(f"FAIL: {f}")
    print("PASS" if not fails else f"{len(fails)} failure(s)")
    return 1 if fails else 0


def check_stall(exe):
    """--stall N: a run whose longest operation (the end-of-test wait included) takes C cycles
    prints C, passes with --stall C and fails with --stall C - 1 naming the operation."""
    fails = []
    base = ["--test", "sim/tests/stimer_simp_slow_memory.scn"]
    rc, out, _ = run(exe, base + ["--stall", "1000000000000"])
    m = re.search(r"^longest operation: (\d+) cycles \(operation (\d+); --stall", out, re.M)
    if rc != 0 or not m or int(m.group(1)) < 700:  # a SIMP enable through a 700-cycle memory
        return [f"--stall 10^12: exit {rc}, longest operation line {m and m.group(0)!r}"]
    c, k = int(m.group(1)), m.group(2)
    rc, out, _ = run(exe, base + ["--stall", str(c)])
    if rc != 0:
        fails.append(f"--stall {c} (the longest operation): exit {rc}")
    rc, out, _ = run(exe, base + ["--stall", str(c - 1)])
    if rc != 1 or not re.search(rf"stall: operation {k}\b.*has not completed in {c - 1} cycles",
                                out):
        fails.append(f"--stall {c - 1}: exit {rc}, no 'stall: operation {k}' report")
    rc, out, _ = run(exe, base)
    if "longest operation:" in out:
        fails.append("a run without --stall prints its longest operation")
    return fails


def check_result(exe):
    """--result: the JSON verdict of a passing, a failing and a skipped run, and of scn_model."""
    fails = []
    scn_model = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(exe))), "tb",
                             "scn_model")
    with tempfile.TemporaryDirectory() as tmp:
        res = os.path.join(tmp, "r.json")

        def result(args, want_rc, runner=exe):
            if os.path.exists(res):
                os.remove(res)
            p = subprocess.run([runner] + args + ["--result", res], cwd=ROOT,
                               capture_output=True, text=True, timeout=120)
            if p.returncode != want_rc:
                fails.append(f"{' '.join(args)} --result: exit {p.returncode}, expected {want_rc}")
                return {}, p.stdout
            try:
                with open(res, encoding="utf-8") as f:
                    return json.load(f), p.stdout
            except (OSError, ValueError) as e:
                fails.append(f"{' '.join(args)} --result: no readable result file: {e}")
                return {}, p.stdout

        args = ["--test", "random-stimer", "--seed", "5", "--ops", "50"]
        d, out = result(args, 0)
        plain = subprocess.run([exe] + args, cwd=ROOT, capture_output=True, text=True).stdout
        if d and (d["status"] != "PASS" or d["seed"] != 5 or d["test"] != "random-stimer"
                  or d["ops"] == 0 or d["cycles"] == 0 or d["first_mismatch"] != ""
                  or "--seed 5 --ops 50" not in d["rerun"]):
            fails.append(f"--result of a passing run: {d}")
        def steady(text):  # the output without its timings and its memory measurement
            return [re.sub(r"cycles/s=\d+", "", l) for l in text.splitlines()
                    if not l.startswith(("lockstep share:", "peak memory:"))]

        if steady(out) != steady(plain):
            fails.append("--result changed the run's stdout")
        bad = os.path.join(tmp, "its_bad.scn")
        with open(bad, "w", encoding="utf-8") as f:
            f.write("block its\nconfig num_rd=4\nreg read 0x88 expect=0x1234\n")
        d, out = result(["--test", bad], 1)
        if d and (d["status"] != "FAIL" or "0x1234" not in d["first_mismatch"]
                  or "MISMATCH" in d["first_mismatch"] or d["trace_end"] == 0
                  or "--trace" not in d["rerun_waves"] or d["failures"] != 1):
            fails.append(f"--result of a failing run: {d}")
        if "==== MISMATCH ====" not in out:
            fails.append("a failing run with --result no longer prints its mismatch report")
        other = os.path.join(tmp, "its_rd2.scn")
        with open(other, "w", encoding="utf-8") as f:
            f.write("block its\nconfig num_rd=2\nreg read 0x88 expect=0\n")
        d, _ = result(["--test", other], 77)
        if d and (d["status"] != "SKIP" or "num_rd=2" not in d["skip_reason"]):
            fails.append(f"--result of a skipped run: {d}")
        if os.path.exists(scn_model):
            d, _ = result([bad], 1, scn_model)
            if d and (d["status"] != "FAIL" or "0x1234" not in d["first_mismatch"]):
                fails.append(f"scn_model --result of a failing scenario: {d}")
            d, _ = result([os.path.join(ROOT, "sim", "tests", "its_trigger.scn")], 0, scn_model)
            if d and (d["status"] != "PASS" or d["test"] != "its_trigger"):
                fails.append(f"scn_model --result of a passing scenario: {d}")
        else:
            fails.append(f"{scn_model} is missing")
    return fails


if __name__ == "__main__":
    sys.exit(main())

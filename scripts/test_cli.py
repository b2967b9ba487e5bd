#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest sim/cli: the command line of tb_sim. Every number out of its option's range is a usage
error that names the option (exit 2, nothing simulated); `--trace FILE` without a window writes a
bounded one and the run stops a bounded number of cycles after its end.

  scripts/test_cli.py build/cmake/sim/tb_sim
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SUMMARY = re.compile(r"^(PASS|FAIL) \S+ \S+ seed=\d+ ops=(\d+) cycles=(\d+)", re.M)

BAD = [
    ("--ops", "-1"), ("--ops", "4294967296"), ("--ops", "0"), ("--ops", "10000001"),
    ("--seed", "-5"), ("--seed", "18446744073709551616"), ("--seed", "0x"), ("--seed", " 5"),
    ("--seed", "5k"), ("--max-mismatch", "0"), ("--max-mismatch", "-1"), ("--watchdog", "0"),
    ("--watchdog", "1e3"), ("--trace-start", "-1"), ("--trace-end", "+5"),
]


def run(exe, args, timeout=60):
    p = subprocess.run([exe] + args, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


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
    for f in fails:
        print(f"FAIL: {f}")
    print("PASS" if not fails else f"{len(fails)} failure(s)")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

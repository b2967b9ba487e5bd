#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest stimer/model/paths (label cmodel): the model-alone shortcut changes nothing. scn_model
zeroes a SIM page through the bench memory's page-clearing call and counts its beats in runs
(the default); `--per-beat` issues the 512 beats one by one through write64, one write event
each, as the lockstep bench runs the model. For random streams of several seeds (default
weights and weights heavy in SIMP enables and fault ranges, so that pages are zeroed with and
without faulting beats) and for every directed stimer scenario, both runs must pass and print
the same `state:` line: the digest of every output in order (a write beat as itself, whether it
came in a run or not), the counts of write beats and records, the digest and page count of the
model's memory at the end, and the ops digest. Every random stream must have zeroed a page (at
least 512 write beats), and different streams must give different digests (a digest that
ignored the outputs would pass the first check). A missing `state:` line is a failure.

  scripts/test_model_paths.py build/cmake/tb/scn_model
"""
import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEEDS = (1, 2, 3, 4, 5)
OPS = 4000
WEIGHTS = (None, "stimer.simp=300,stimer.wfault=300,stimer.fault=100,stimer.rfault=50,"
                 "stimer.reset=20")
STATE = re.compile(r"^state: \S+ (outputs=\S+ writes=(\d+) records=\d+ mem=\S+ mem_pages=\d+ "
                   r"ops_digest=\S+)$", re.M)


def state(cmd):
    """The state line's fields of one run (which must pass), and its write beats."""
    try:
        p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=240)
    except (OSError, subprocess.TimeoutExpired) as e:
        sys.exit(f"FAIL: {' '.join(cmd)}: cannot run it ({e})")
    m = STATE.findall(p.stdout)
    if p.returncode != 0 or len(m) != 1:
        sys.exit(f"FAIL: {' '.join(cmd)}: exit {p.returncode}, {len(m)} state lines:\n"
                 f"{(p.stdout + p.stderr)[-1500:]}")
    return m[0][0], int(m[0][1])


def both(scn_model, args, name):
    bulk = state([scn_model, "--state"] + args)
    beat = state([scn_model, "--state", "--per-beat"] + args)
    if bulk != beat:
        sys.exit(f"FAIL: {name}: the shortcut changed the outputs or the memory:\n"
                 f"  default:    {bulk[0]}\n  --per-beat: {beat[0]}")
    return bulk


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    scn_model = sys.argv[1]
    digests = set()
    for w in WEIGHTS:
        for seed in SEEDS:
            args = ["--ops", str(OPS)] + (["--gen-weights", w] if w else [])
            args.append(f"random-stimer:{seed}")
            name = f"random-stimer:{seed}" + (f" --gen-weights {w}" if w else "")
            line, writes = both(scn_model, args, name)
            if writes < 512:
                sys.exit(f"FAIL: {name}: {writes} write beats: not one SIM page was zeroed")
            digests.add(line.split()[0])
            print(f"{name}: same state ({line})")
    if len(digests) != len(SEEDS) * len(WEIGHTS):
        sys.exit(f"FAIL: {len(SEEDS) * len(WEIGHTS)} streams gave {len(digests)} different "
                 f"output digests")
    scenarios = 0
    for scn in sorted(glob.glob(os.path.join(ROOT, "sim", "tests", "*.scn"))):
        with open(scn, encoding="utf-8") as f:
            if not re.search(r"^block\s+stimer\b", f.read(), re.M):
                continue
        line, _ = both(scn_model, [scn], os.path.basename(scn))
        scenarios += 1
    if scenarios == 0:
        sys.exit("FAIL: no stimer scenario found under sim/tests")
    print(f"PASS: {len(digests)} random streams and {scenarios} stimer scenarios give the same "
          f"outputs and memory with and without the page-zeroing shortcut")
    return 0


if __name__ == "__main__":
    sys.exit(main())

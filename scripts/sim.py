#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""`make sim`: the default lockstep simulation. Runs every directed scenario of sim/tests and a
few random seeds of each block, RTL against the golden model, prints a summary table and exits
non-zero on any failure."""
import argparse
import glob
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--seeds", type=int, default=3, help="random seeds per block")
    ap.add_argument("--ops", type=int, default=1000, help="operations per random test")
    ap.add_argument("-j", "--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()
    if not os.path.exists(os.path.join(simlib.build_dir(), "CMakeCache.txt")):
        sys.exit(f"sim: {simlib.rel(simlib.build_dir())} is not configured: run 'make sim' "
                 "(it builds first)")
    jobs = []
    for scn in sorted(glob.glob(os.path.join(simlib.ROOT, "sim", "tests", "*.scn"))):
        jobs.append(simlib.Job(simlib.scenario_block(scn), scn, 1))
    for block in ("its", "stimer"):
        for seed in range(1, args.seeds + 1):
            jobs.append(simlib.Job(block, f"random-{block}", seed, ["--ops", str(args.ops)]))
    # One build per configuration, made before the runs if missing (scenario config lines).
    simlib.prepare_builds(jobs, min(args.jobs, 2), prefix="sim")
    results = simlib.run_jobs(jobs, args.jobs)
    print(simlib.summary_table(results))
    bad = [r for r in results if r.status != "PASS"]   # a run that did not happen is no pass
    for r in bad:
        print(f"\n{r.status} {r.job.name} seed {r.job.seed}: {r.message}\n  log:   {r.log}\n"
              f"  rerun: {r.job.rerun()}")
    passed = sum(r.status == "PASS" for r in results)
    print(f"\nsim: {passed} passed, {len(bad)} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

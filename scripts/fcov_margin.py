#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The margin of the functional coverage closure: how many bins the smoke list's random lines
leave as holes when they run other seeds or fewer operations (docs/testplan.md "Holes").

Runs the directed scenarios of the list once (on their builds, with --fcov), then for every seed
set k (0: the list's own seeds 1..N, 1: seeds 21..20+N, 2: 41..40+N; every random line shifted
by 20 * k) and every operation count the random lines of the list with that seed set and count,
and adds up the bins as scripts/coverage does (every scenario's fcov file plus the set's random
runs). Prints one line per (set, ops) with the flat and cross holes and the names of the holes;
`--json FILE` writes the same as data. Uses the non-instrumented builds of build/cmake (no line
or toggle coverage: scripts/coverage gives those). Exits non-zero when a run fails.

  scripts/fcov_margin.py                       sets 0 1 2, ops 2000 10000, sim/tests/smoke.list
  scripts/fcov_margin.py --sets 0 1 --ops 4000 --list FILE --jobs 2
  scripts/fcov_margin.py --block stimer        one block's random lines, scenarios and bins
"""
import argparse
import json
import os
import sys
from dataclasses import dataclass

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

ROOT = simlib.ROOT
OUT = os.path.join(ROOT, "build", "fcov_margin")


@dataclass
class MarginJob(simlib.Job):
    where: str = ""   # the run's folder under build/fcov_margin

    @property
    def folder(self):
        return os.path.join(OUT, self.where, self.name, str(self.seed))


def read_fcov(path, counts):
    """Adds the `name count` lines of one run's fcov file to counts (a missing file is an error:
    a run that passed always writes it)."""
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split()
            if len(words) != 2 or line.startswith("#") or words[0].startswith("!"):
                continue
            counts[words[0]] = counts.get(words[0], 0) + int(words[1])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", default=os.path.join(ROOT, "sim", "tests", "smoke.list"))
    ap.add_argument("--sets", type=int, nargs="+", default=[0, 1, 2])
    ap.add_argument("--ops", type=int, nargs="+", default=[2000, 10000])
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--json")
    ap.add_argument("--exe-dir", help="run copies of the build/cmake/sim executables from this "
                    "folder (e.g. a saved build of an earlier generator)")
    ap.add_argument("--block", choices=("its", "stimer"),
                    help="only this block's random lines and bins")
    ap.add_argument("--out", default="", help="a subfolder of build/fcov_margin for the runs")
    a = ap.parse_args()

    base = simlib.parse_list(a.list)
    if a.block:
        base = [j for j in base if j.block == a.block]
    scns = [MarginJob(j.block, j.test, j.seed, list(j.extra), config=j.config, where="scn")
            for j in base if j.test.endswith(".scn")]
    rnds = [j for j in base if not j.test.endswith(".scn")]
    jobs = list(scns)
    per = {}
    for k in a.sets:
        for ops in a.ops:
            where = f"set{k}_ops{ops}"
            per[(k, ops)] = []
            for j in rnds:
                m = MarginJob(j.block, j.test, j.seed + 20 * k, ["--ops", str(ops)],
                              config=j.config, where=where)
                per[(k, ops)].append(m)
                jobs.append(m)
    simlib.prepare_builds(jobs, a.jobs, prefix="fcov_margin")
    for j in jobs:
        j.where = os.path.join(a.out, j.where)
        if a.exe_dir:
            j.binary = os.path.join(a.exe_dir, os.path.basename(j.binary))
    for j in jobs:
        os.makedirs(j.folder, exist_ok=True)
        fc = os.path.join(j.folder, "fcov.txt")
        if os.path.exists(fc):
            os.remove(fc)
        j.extra = j.extra + ["--fcov", fc]
    print(f"fcov_margin: {len(jobs)} runs ({len(scns)} scenarios, "
          f"{len(jobs) - len(scns)} random)", flush=True)
    results = simlib.run_jobs(jobs, a.jobs)
    bad = [r for r in results if r.status != "PASS"]
    for r in bad:
        print(f"fcov_margin: {r.status} {r.job.rerun()}: {r.message}")
    if bad:
        return 1
    scn_counts = {}
    for j in scns:
        read_fcov(os.path.join(j.folder, "fcov.txt"), scn_counts)
    report = []
    for (k, ops), js in per.items():
        counts = dict(scn_counts)
        for j in js:
            read_fcov(os.path.join(j.folder, "fcov.txt"), counts)
        if a.block:
            counts = {n: c for n, c in counts.items() if n.startswith(a.block + ".")}
        holes = sorted(n for n, c in counts.items() if c == 0)
        cross = [h for h in holes if h.split(".")[1:2] == ["x"]]
        seeds = f"{1 + 20 * k}-{20 + 20 * k}"
        report.append({"set": k, "seeds": seeds, "ops": ops, "bins": len(counts),
                       "flat_holes": len(holes) - len(cross), "cross_holes": len(cross),
                       "holes": holes})
        print(f"seeds {seeds:>5} ops {ops:>6}: {len(counts)} bins, flat holes "
              f"{len(holes) - len(cross)}, cross holes {len(cross)}"
              + "".join(f"\n    {h}" for h in holes))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump(report, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())

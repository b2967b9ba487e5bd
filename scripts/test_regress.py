#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest check of scripts/regress without a cluster: the Slurm job array it generates has one
task per job of the list, each task runs its job's command, and the JUnit writer produces one
test case per test.seed with failures marked."""
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

ROOT = simlib.ROOT


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def main():
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as f:
        f.write("scn sim/tests/its_trigger.scn\nrandom its 3 100\nrandom stimer 2\n")
        lst = f.name
    p = subprocess.run([sys.executable, "scripts/regress", "--list", lst, "--slurm",
                        "--no-submit", "--slurm-max", "7"], cwd=ROOT, capture_output=True,
                       text=True)
    if p.returncode != 0:
        fail(f"regress --slurm exited {p.returncode}: {p.stdout}{p.stderr}")
    d = os.path.join(ROOT, "build", "regress", "slurm")
    with open(os.path.join(d, "jobs.txt"), encoding="utf-8") as f:
        jobs = [l.rstrip("\n").split("\t") for l in f]
    if len(jobs) != 6:
        fail(f"expected 6 array tasks (1 scenario + 3 + 2 seeds), got {len(jobs)}")
    if [j[2] for j in jobs] != ["1", "1", "2", "3", "1", "2"]:
        fail(f"seeds in jobs.txt: {[j[2] for j in jobs]}")
    if jobs[1][1] != "random-its" or jobs[1][3] != "--ops 100":
        fail(f"random job line: {jobs[1]}")
    with open(os.path.join(d, "array.sbatch"), encoding="utf-8") as f:
        script = f.read()
    for want in ("#SBATCH --array=0-5%7", "SLURM_ARRAY_TASK_ID", "--test \"$test\"",
                 "--seed \"$seed\"", "run.log"):
        if want not in script:
            fail(f"array.sbatch lacks '{want}'")
    # JUnit: one test case per test.seed, failures marked with their rerun command.
    job_ok = simlib.Job("its", "random-its", 1)
    job_bad = simlib.Job("stimer", "random-stimer", 2)
    results = [simlib.Result(job_ok, "PASS", seconds=0.5),
               simlib.Result(job_bad, "FAIL", seconds=0.7, message="MISMATCH", log="/nonexistent")]
    out = os.path.join(tempfile.mkdtemp(), "junit.xml")
    regress = {"__file__": os.path.join(ROOT, "scripts", "regress"), "__name__": "regress"}
    with open(os.path.join(ROOT, "scripts", "regress"), encoding="utf-8") as f:
        exec(compile(f.read(), "regress", "exec"), regress)  # load its functions, no main()
    regress["junit"](results, out, 1.2)
    root = ET.parse(out).getroot()
    cases = root.findall(".//testcase")
    if [c.get("name") for c in cases] != ["random-its.1", "random-stimer.2"]:
        fail(f"JUnit test case names: {[c.get('name') for c in cases]}")
    if cases[0].find("failure") is not None or cases[1].find("failure") is None:
        fail("JUnit failure elements are wrong")
    if "rerun:" not in (cases[1].find("failure").text or ""):
        fail("JUnit failure lacks the rerun command")
    print("regress: slurm script and JUnit checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

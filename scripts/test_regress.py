#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest check of scripts/regress without a cluster (scripts/test_slurm.py runs a real one): the
Slurm submission it writes (in a temporary folder, never build/regress) has one array task per
job of the list and runs each job's command with --result; the verdict of a run comes from its
result file, and a missing, stale, unreadable or foreign result file is a failure with that
reason; the JUnit failure message is the first mismatch line; the build check refuses a missing
simulator. Usage: test_regress.py [BUILD_DIR]"""
import json
import os
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

ROOT = simlib.ROOT


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def load_regress():
    regress = {"__file__": os.path.join(ROOT, "scripts", "regress"), "__name__": "regress"}
    with open(os.path.join(ROOT, "scripts", "regress"), encoding="utf-8") as f:
        exec(compile(f.read(), "regress", "exec"), regress)  # load its functions, no main()
    return regress


def check_submission(tmp):
    lst = os.path.join(tmp, "t.list")
    with open(lst, "w", encoding="utf-8") as f:
        f.write("scn sim/tests/its_trigger.scn\nrandom its 3 100\nrandom stimer 2\n")
    sub = os.path.join(tmp, "sub")
    latest = os.path.join(ROOT, "build", "regress", "slurm", "latest")
    before = os.readlink(latest) if os.path.islink(latest) else None
    p = subprocess.run([sys.executable, "scripts/regress", "--list", lst, "--slurm",
                        "--no-submit", "--slurm-max", "7", "--slurm-dir", sub], cwd=ROOT,
                       capture_output=True, text=True)
    if p.returncode != 0:
        fail(f"regress --slurm exited {p.returncode}: {p.stdout}{p.stderr}")
    after = os.readlink(latest) if os.path.islink(latest) else None
    if before != after:
        fail("regress --slurm --slurm-dir changed build/regress/slurm/latest")
    with open(os.path.join(sub, "jobs.txt"), encoding="utf-8") as f:
        jobs = [l.rstrip("\n").split("\t") for l in f]
    if len(jobs) != 6:
        fail(f"expected 6 array tasks (1 scenario + 3 + 2 seeds), got {len(jobs)}")
    if [j[2] for j in jobs] != ["1", "1", "2", "3", "1", "2"]:
        fail(f"seeds in jobs.txt: {[j[2] for j in jobs]}")
    if jobs[1][1] != "random-its" or jobs[1][4] != "--ops 100":
        fail(f"random job line: {jobs[1]}")
    if not all(j[3].startswith(os.path.join(sub, "bin") + os.sep) and os.access(j[3], os.X_OK)
               for j in jobs):
        fail(f"the tasks do not run the submission's copy of the simulator: {jobs[0][3]}")
    with open(os.path.join(sub, "manifest.json"), encoding="utf-8") as f:
        m = json.load(f)
    if m["tasks"] != 6 or m["job_id"] is not None or not m["created"] <= time.time():
        fail(f"manifest of an unsubmitted array: {m}")
    with open(os.path.join(sub, "array.sbatch"), encoding="utf-8") as f:
        script = f.read()
    for want in ("#SBATCH --array=0-5%7", "SLURM_ARRAY_TASK_ID", "--test \"$test\"",
                 "--seed \"$seed\"", f"--output={sub}/tasks/%a.out",
                 "--result \"$sub/tasks/$n.json\"", "$sub/tasks/$n.rc"):
        if want not in script:
            fail(f"array.sbatch lacks '{want}'")
    # Merging an array that was never submitted is an error, not a pass.
    p = subprocess.run([sys.executable, "scripts/regress", "--merge", sub], cwd=ROOT,
                       capture_output=True, text=True)
    if p.returncode != 2 or "never submitted" not in p.stderr:
        fail(f"--merge of an unsubmitted folder: exit {p.returncode}: {p.stdout}{p.stderr}")


def check_results(tmp):
    """simlib.read_result: the verdict is the result file's, anything else is an ERROR."""
    job = simlib.Job("its", "random-its", 3, ["--ops", "10"])
    path = os.path.join(tmp, "r.json")

    def write(**kw):
        d = {"format": 1, "status": "PASS", "test": "random-its", "seed": 3, "ops": 10,
             "cycles": 100, "seconds": 0.5, "first_mismatch": ""}
        d.update(kw)
        with open(path, "w", encoding="utf-8") as f:
            json.dump(d, f)

    def verdict(rc=0, since=None):
        r = simlib.read_result(job, path, rc, "PASS its random-its seed=3 ...\n", 0.1, "log",
                               since=since)
        return r.status, r.message

    write()
    if verdict() != ("PASS", ""):
        fail(f"a passing result file: {verdict()}")
    write(status="FAIL", first_mismatch="retire record differs: outcome expected 0x1")
    if verdict(1) != ("FAIL", "retire record differs: outcome expected 0x1"):
        fail(f"a failing result file: {verdict(1)}")
    write()
    if verdict(1)[0] != "FAIL":
        fail("PASS in the file with exit code 1 must be a FAIL")
    st, msg = verdict(since=time.time() + 10)
    if st != "ERROR" or "stale result file" not in msg:
        fail(f"a result older than the run: {st} {msg}")
    write(seed=4)
    st, msg = verdict()
    if st != "ERROR" or "is for random-its seed 4" not in msg:
        fail(f"a result for another seed: {st} {msg}")
    with open(path, "w", encoding="utf-8") as f:
        f.write('{"status": "PASS", "seed": ')
    st, msg = verdict()
    if st != "ERROR" or "unreadable result file" not in msg:
        fail(f"a truncated result file: {st} {msg}")
    os.remove(path)
    st, msg = verdict(rc=0)
    if st != "ERROR" or "no result file" not in msg:
        fail(f"no result file, exit code 0, PASS on stdout: {st} {msg}")


def check_soak(regress):
    """A soak run (list entry `soak`) passes only with a peak memory figure within the bound."""
    lst_jobs = None
    with tempfile.NamedTemporaryFile("w", suffix=".list", delete=False) as f:
        f.write("random its 1 100\nsoak stimer 7 1000\n")
    try:
        lst_jobs = simlib.parse_list(f.name)
    finally:
        os.remove(f.name)
    soak = lst_jobs[1]
    if (soak.kind, soak.seed, soak.extra, soak.timeout) != ("soak", 7, ["--ops", "1000"], None) \
            or not soak.folder.endswith(os.path.join("random-stimer-soak", "7")):
        fail(f"soak list entry: {soak}")
    if lst_jobs[0].kind or lst_jobs[0].timeout != 600:
        fail(f"a random entry is not a soak run: {lst_jobs[0]}")
    cases = [({"peak_rss_kb": 5000}, "PASS"), ({}, "ERROR"), ({"peak_rss_kb": 0}, "ERROR"),
             ({"peak_rss_kb": 100 * 1024}, "FAIL")]
    for data, want in cases:
        r = simlib.Result(soak, "PASS", data=dict(data))
        plain = simlib.Result(lst_jobs[0], "PASS", data={})  # not a soak run: no figure needed
        regress["soak_memory"]([r, plain])
        if r.status != want or plain.status != "PASS":
            fail(f"soak run with {data}: {r.status} ({r.message}), expected {want}")


def check_junit(regress, tmp):
    job_ok = simlib.Job("its", "random-its", 1)
    job_bad = simlib.Job("stimer", "random-stimer", 2)
    mismatch = "timer interrupt differs: vector expected (model) 0x31, actual (DUT) 0x32"
    results = [simlib.Result(job_ok, "PASS", seconds=0.5),
               simlib.Result(job_bad, "FAIL", seconds=0.7, message=mismatch, log="/nonexistent")]
    out = os.path.join(tmp, "junit.xml")
    regress["junit"](results, out, 1.2)
    root = ET.parse(out).getroot()
    cases = root.findall(".//testcase")
    if [c.get("name") for c in cases] != ["random-its.1", "random-stimer.2"]:
        fail(f"JUnit test case names: {[c.get('name') for c in cases]}")
    if cases[0].find("failure") is not None or cases[1].find("failure") is None:
        fail("JUnit failure elements are wrong")
    if cases[1].find("failure").get("message") != mismatch:
        fail(f"JUnit failure message: {cases[1].find('failure').get('message')}")
    if "rerun:" not in (cases[1].find("failure").text or ""):
        fail("JUnit failure lacks the rerun command")


def check_build_check(regress, tmp):
    missing = os.path.join(tmp, "no_tb_sim")
    try:
        regress["check_build"]([missing])
    except SystemExit as e:
        if e.code != 2:
            fail(f"the build check exits {e.code} on a missing simulator, expected 2")
    else:
        fail("the build check accepted a missing simulator")
    fake = os.path.join(tmp, "tb_sim")
    with open(fake, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\nexit 0\n")
    os.chmod(fake, 0o755)
    old = time.time() - 10 * 365 * 86400
    os.utime(fake, (old, old))
    try:
        regress["check_build"]([fake])
    except SystemExit:
        pass
    else:
        fail("the build check accepted a simulator older than its sources")


def main():
    regress = load_regress()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["IRQV_REPORT_DIR"] = os.path.join(tmp, "report")  # not the real report page
        check_results(tmp)
        check_junit(regress, tmp)
        check_soak(regress)
        check_build_check(regress, tmp)
        check_submission(tmp)
    print("regress: submission, result file, JUnit and build checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

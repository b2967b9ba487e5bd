#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest check of scripts/regress without a cluster (scripts/test_slurm.py runs a real one): the
Slurm submission it writes (in a temporary folder, never build/regress) has one array task per
job of the list and runs each job's command with --result; the verdict of a run comes from its
result file, and a missing, stale, unreadable or foreign result file is a failure with that
reason, and so is one whose fields are not of tb_sim's types (a seed of 1.9 or true, no ops),
one written by another tool or one from the future; the JUnit failure message is the first
mismatch line; the build check refuses a missing simulator; a malformed submission folder
(manifest, job list), an unreadable test list and a regression of zero runs are setup errors
(exit 2, one line naming the file), a malformed task file is that task's failure, never a crash.
Usage: test_regress.py [BUILD_DIR]"""
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


def result_data(**kw):
    """A result file as tb_sim writes it (tb/c/result.c) for random-its seed 3; kw changes it
    (a value of None removes the key)."""
    d = {"format": 1, "tool": "tb_sim", "status": "PASS", "block": "its", "test": "random-its",
         "scenario": "random-its", "seed": 3, "ops": 10, "ops_digest": "0x0123456789abcdef",
         "compared": 12, "cycles": 100, "failures": 0, "seconds": 0.5, "peak_rss_kb": 9000,
         "guest_mem_kb": 8, "trace_start": 0, "trace_end": 0, "mismatch_cycle": 0,
         "first_mismatch": "", "skip_reason": "", "rerun": "tb_sim --test random-its --seed 3",
         "gen_config": "", "rerun_waves": ""}
    d.update(kw)
    return {k: v for k, v in d.items() if v is not None}


def check_results(tmp):
    """simlib.read_result: the verdict is the result file's, anything else is an ERROR."""
    job = simlib.Job("its", "random-its", 3, ["--ops", "10"])
    path = os.path.join(tmp, "r.json")

    def write(**kw):
        with open(path, "w", encoding="utf-8") as f:
            json.dump(result_data(**kw), f)

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
    check_result_fields(job, path, write, verdict)


def check_result_fields(job, path, write, verdict):
    """A result file whose fields are not tb_sim's, with their exact types, is no pass: a seed
    of 1.9 or true is not seed 1, a result of scn_model is not a lockstep run's, and the ops
    tb_sim always writes must be there."""
    cases = [({"seed": 1.9}, "'seed'"), ({"seed": True}, "'seed'"), ({"seed": "3"}, "'seed'"),
             ({"ops": None}, "'ops'"), ({"ops": "10"}, "'ops'"), ({"ops": 10.0}, "'ops'"),
             ({"cycles": -1}, "'cycles'"), ({"tool": None}, "'tool'"),
             ({"tool": "scn_model"}, "'tool'"), ({"status": None}, "'status'"),
             ({"trace_end": "x"}, "'trace_end'"), ({"peak_rss_kb": "9000"}, "'peak_rss_kb'"),
             ({"first_mismatch": 0}, "'first_mismatch'"), ({"format": 2}, "'format'")]
    for change, field in cases:
        write(**change)
        st, msg = verdict()
        if st != "ERROR" or field not in msg:
            fail(f"a result file with {change}: {st} '{msg}', expected an ERROR naming {field}")
    # The reader's own seed 1 is not matched by true or 1.9 either.
    one = simlib.Job("its", "random-its", 1, ["--ops", "10"])
    for seed in (True, 1.9, 1.0):
        write(seed=seed)
        r = simlib.read_result(one, path, 0, "", 0.1, "log")
        if r.status != "ERROR" or "'seed'" not in r.message:
            fail(f"seed {seed!r} read as seed 1: {r.status} {r.message}")
    # Written in 2099: from the future, whatever its content.
    write()
    future = time.mktime((2099, 1, 1, 0, 0, 0, 0, 0, -1))
    os.utime(path, (future, future))
    st, msg = verdict()
    if st != "ERROR" or "from the future" not in msg:
        fail(f"a result file written in 2099: {st} {msg}")
    # Within the clock skew allowed between nodes it is still read.
    soon = time.time() + 20
    os.utime(path, (soon, soon))
    if verdict() != ("PASS", ""):
        fail(f"a result file 20 s ahead (clock skew): {verdict()}")


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


def run_regress(*args, env=None):
    p = subprocess.run([sys.executable, "scripts/regress"] + list(args), cwd=ROOT,
                       capture_output=True, text=True, env=env)
    if "Traceback" in p.stderr:
        fail(f"regress {' '.join(args)} crashed (exit {p.returncode}):\n{p.stderr}")
    return p


def check_list_errors(tmp):
    """An unreadable test list and one that names no test are setup errors (exit 2), before
    anything is built or run: zero runs is not a pass."""
    missing = os.path.join(tmp, "nonexistent.list")
    p = run_regress("--list", missing)
    if p.returncode != 2 or f"{missing}: cannot read the test list: No such file" not in p.stderr:
        fail(f"--list of a missing file: exit {p.returncode}: {p.stdout}{p.stderr}")
    p = run_regress("--list", tmp)
    if p.returncode != 2 or "cannot read the test list" not in p.stderr:
        fail(f"--list of a folder: exit {p.returncode}: {p.stdout}{p.stderr}")
    bad = os.path.join(tmp, "bad.list")
    with open(bad, "w", encoding="utf-8") as f:
        f.write("random its\n")
    p = run_regress("--list", bad)
    if p.returncode != 2 or f"regress: {bad}:1: expected 'scn GLOB'" not in p.stderr:
        fail(f"--list with a line that is no entry: exit {p.returncode}: {p.stdout}{p.stderr}")
    empty = os.path.join(tmp, "empty.list")
    with open(empty, "w", encoding="utf-8") as f:
        f.write("# nothing to run\n")
    p = run_regress("--list", empty)
    if p.returncode != 2 or "no runs" not in p.stderr:
        fail(f"--list of a list without tests: exit {p.returncode}: {p.stdout}{p.stderr}")


def make_sub(tmp, name, tasks=1, manifest=None, jobs=None):
    """A hand-made submission folder of `tasks` passing tasks (random-its seed 3), as the array
    leaves it; `manifest` changes the manifest (None values remove keys), `jobs` replaces
    jobs.txt (False: no jobs.txt)."""
    sub = os.path.join(tmp, name)
    os.makedirs(os.path.join(sub, "tasks"))
    os.makedirs(os.path.join(sub, "waves"))
    created = time.time() - 100
    m = {"format": 1, "created": created,
         "created_utc": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(created)),
         "root": ROOT, "commit": "", "list": "", "tasks": tasks, "simulators": {},
         "job_id": "4242", "waves_job_id": None, "rerun_waves": False}
    m.update(manifest or {})
    m = {k: v for k, v in m.items() if v is not None} if isinstance(m, dict) else m
    with open(os.path.join(sub, "manifest.json"), "w", encoding="utf-8") as f:
        json.dump(m, f)
    if jobs is None:
        jobs = "its\trandom-its\t3\t/nonexistent/tb_sim\t--ops 10\n" * tasks
    if jobs is not False:
        with open(os.path.join(sub, "jobs.txt"), "w", encoding="utf-8") as f:
            f.write(jobs)
    for n in range(tasks):
        with open(os.path.join(sub, "tasks", f"{n}.json"), "w", encoding="utf-8") as f:
            json.dump(result_data(), f)
        with open(os.path.join(sub, "tasks", f"{n}.rc"), "w", encoding="utf-8") as f:
            f.write("0\n")
        with open(os.path.join(sub, "tasks", f"{n}.out"), "w", encoding="utf-8") as f:
            f.write("$ tb_sim --test random-its --seed 3\nPASS its random-its seed=3\n")
    return sub


def check_merge_folder(tmp):
    """--merge of a hand-made submission (Slurm says the array ended: a fake squeue): a
    malformed manifest or job list is a setup error (exit 2) naming the file; zero tasks is no
    pass; a malformed task file (.rc, .json) or a result from the future is that task's ERROR."""
    fake = os.path.join(tmp, "fakebin")
    os.makedirs(fake)
    with open(os.path.join(fake, "squeue"), "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\nexit 0\n")  # no task pending or running
    os.chmod(os.path.join(fake, "squeue"), 0o755)
    env = dict(os.environ, PATH=fake + os.pathsep + os.environ.get("PATH", ""))

    def merge(sub):
        return run_regress("--merge", sub, env=env)

    sub = make_sub(tmp, "good", tasks=2)
    p = merge(sub)
    if p.returncode != 0 or "2 passed, 0 failed" not in p.stdout:
        fail(f"--merge of a passing hand-made submission: exit {p.returncode}: "
             f"{p.stdout}{p.stderr}")
    setup = [("list", dict(manifest=[]), "manifest.json: expected a JSON object with 'created'"),
             ("no_created", dict(manifest={"created": None}), "manifest.json: expected 'created'"),
             ("str_created", dict(manifest={"created": "yesterday"}),
              "manifest.json: expected 'created' to be a number"),
             ("bool_tasks", dict(manifest={"tasks": True}),
              "manifest.json: expected 'tasks' to be a non-negative integer"),
             ("list_job", dict(manifest={"job_id": [1]}),
              "manifest.json: expected 'job_id' to be a Slurm job ID"),
             ("no_jobs", dict(jobs=False), "jobs.txt: cannot read the job list"),
             ("short", dict(jobs="its\trandom-its\t3\n"), "jobs.txt:1: expected 'BLOCK"),
             ("seed", dict(jobs="its\trandom-its\t3.5\t/x/tb_sim\t--ops 10\n"),
              "jobs.txt:1: expected"),
             ("kind", dict(jobs="its\trandom-its\t3\t/x/tb_sim\t--ops 10\tlong\n"),
              "jobs.txt:1: expected"),
             ("zero", dict(tasks=0), "no runs")]
    for name, kw, want in setup:
        if name == "list":
            sub = make_sub(tmp, name)
            with open(os.path.join(sub, "manifest.json"), "w", encoding="utf-8") as f:
                f.write("[]\n")
        else:
            sub = make_sub(tmp, name, **kw)
        p = merge(sub)
        lines = p.stderr.strip().splitlines()
        if p.returncode != 2 or len(lines) != 1 or want not in lines[0] \
                or not lines[0].startswith("regress: "):
            fail(f"--merge of a submission with {name}: exit {p.returncode}, expected 2 and one "
                 f"line with '{want}': {p.stdout}{p.stderr}")
    # A malformed task file is that task's failure, with the reason; the other task passes.
    tasks = [("rc_dir", "0.rc", "dir", "exit code file"),
             ("rc_bytes", "0.rc", b"\xff\xfe0\n", "exit code file"),
             ("rc_word", "0.rc", b"--5\n", "unreadable exit code"),
             ("rc_unicode_digit", "0.rc", "\u00b2\n".encode(), "unreadable exit code"),
             ("json_dir", "0.json", "dir", "unreadable result file"),
             ("json_bytes", "0.json", b'{"status": "PASS\xff"}', "unreadable result file"),
             ("json_seed", "0.json", json.dumps(result_data(seed=3.0)).encode(), "'seed'"),
             ("json_tool", "0.json", json.dumps(result_data(tool="scn_model")).encode(),
              "'tool'"),
             ("json_no_ops", "0.json", json.dumps(result_data(ops=None)).encode(), "'ops'"),
             ("json_future", "0.json", "future", "from the future")]
    for name, fn, content, want in tasks:
        sub = make_sub(tmp, name, tasks=2)
        path = os.path.join(sub, "tasks", fn)
        if content == "dir":
            os.remove(path)
            os.makedirs(path)
            if fn == "0.json":  # the task's output is a folder too: still no crash
                os.remove(os.path.join(sub, "tasks", "0.out"))
                os.makedirs(os.path.join(sub, "tasks", "0.out"))
        elif content == "future":
            future = time.mktime((2099, 1, 1, 0, 0, 0, 0, 0, -1))
            os.utime(path, (future, future))
        else:
            with open(path, "wb") as f:
                f.write(content)
        p = merge(sub)
        if p.returncode != 1 or "1 passed, 1 failed" not in p.stdout:
            fail(f"--merge with task 0's {fn} {name}: exit {p.returncode}, expected 1 and one "
                 f"failure: {p.stdout}{p.stderr}")
        root = ET.parse(os.path.join(sub, "junit.xml")).getroot()
        msgs = [f.get("message") for f in root.iter("failure")]
        if len(msgs) != 1 or not msgs[0].startswith("task 0: ") or want not in msgs[0]:
            fail(f"--merge with task 0's {fn} {name}: JUnit messages {msgs}, expected one "
                 f"with '{want}'")
        if content == "future":
            with open(os.path.join(sub, "summary.txt"), encoding="utf-8") as f:
                summary = f.read()
            secs = int(summary.split(" skipped in ")[1].split(" s ")[0])
            if secs > 3600:
                fail(f"a result from 2099 gives a wall time of {secs} s")


def main():
    regress = load_regress()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["IRQV_REPORT_DIR"] = os.path.join(tmp, "report")  # not the real report page
        check_results(tmp)
        check_junit(regress, tmp)
        check_soak(regress)
        check_build_check(regress, tmp)
        check_submission(tmp)
        check_list_errors(tmp)
        check_merge_folder(tmp)
    print("regress: submission, result file, JUnit, build check, list and merge folder checks "
          "passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest regress/slurm (label slurm): scripts/regress against a real single-node Slurm cluster
started for the test (scripts/slurm_local.sh, in a temporary folder, stopped afterwards).

  1. An array of a small subset (a scenario, random seeds and one scenario made to fail),
     submitted held: a --merge while it waits must not pass (exit 3, nothing merged). Released,
     --merge --wait reports exactly the one failure, with its first mismatch line as the JUnit
     message, and the dependent job wrote its waves.
  2. A passing array: --merge --wait passes; then one result file deleted and one made older
     than the submission: each is a failure with that reason.

Without root or without the Slurm packages it exits 77 (ctest SKIP) saying why, unless
IRQV_REQUIRE_SLURM=1 (set by .ci/run), where that is a failure."""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGRESS = os.path.join(ROOT, "scripts", "regress")
SLURM_LOCAL = os.path.join(ROOT, "scripts", "slurm_local.sh")
T0 = time.monotonic()


def log(msg):
    print(f"[{time.monotonic() - T0:6.1f} s] {msg}", flush=True)


class Fail(Exception):
    pass


def regress(env, *args, expect=None):
    p = subprocess.run([sys.executable, REGRESS] + list(args), cwd=ROOT, env=env,
                       capture_output=True, text=True, timeout=600)
    out = p.stdout + p.stderr
    log(f"regress {' '.join(args)} -> exit {p.returncode}")
    if expect is not None and p.returncode != expect:
        raise Fail(f"regress {' '.join(args)}: exit {p.returncode}, expected {expect}:\n{out}")
    return p.returncode, out


def manifest(sub):
    with open(os.path.join(sub, "manifest.json"), encoding="utf-8") as f:
        return json.load(f)


def junit_failures(sub):
    root = ET.parse(os.path.join(sub, "junit.xml")).getroot()
    return {c.get("name"): c.find("failure").get("message")
            for c in root.iter("testcase") if c.find("failure") is not None}


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def case_pending_then_fail(env, tmp):
    bad = os.path.join(tmp, "its_bad_cwriter.scn")
    # CWRITER is 0 after reset: this check fails on the RTL, in lockstep (a scenario check).
    write(bad, "block its\nconfig num_rd=4\nreg read 0x88 expect=0x1234\n")
    lst = os.path.join(tmp, "a.list")
    write(lst, f"scn sim/tests/its_trigger.scn\nscn {bad}\nrandom stimer 2 200\n")
    sub = os.path.join(tmp, "sub-a")
    held = dict(env, SBATCH_HOLD="1")  # sbatch --hold: the array cannot start before we say so
    regress(held, "--list", lst, "--slurm", "--slurm-dir", sub, expect=0)
    m = manifest(sub)
    if not m["job_id"] or not m["waves_job_id"]:
        raise Fail(f"manifest lacks the job IDs: {m}")
    rc, out = regress(env, "--merge", sub)
    if rc != 3 or "has not finished" not in out or "passed" in out:
        raise Fail(f"--merge of a pending array must not pass (expected exit 3):\n{out}")
    if os.path.exists(os.path.join(sub, "junit.xml")):
        raise Fail("--merge of a pending array wrote a JUnit file")
    for jid in (m["job_id"], m["waves_job_id"]):
        # Under load Slurm may already have moved a released array's dependent job on
        # ("Job has already finished"); what counts is checked below: the merge, the JUnit
        # failures and the waves file the dependent job must have written.
        r = subprocess.run(["scontrol", "release", str(jid)], env=env, capture_output=True,
                           text=True)
        if r.returncode != 0 and "already finished" not in (r.stderr + r.stdout):
            raise Fail(f"scontrol release {jid}: {(r.stderr + r.stdout).strip()}")
    rc, out = regress(env, "--merge", sub, "--wait", "--poll", "1")
    if rc != 1 or "3 passed, 1 failed" not in out:
        raise Fail(f"--merge --wait: expected exit 1 with 3 passed, 1 failed:\n{out}")
    if "array tasks finished" not in out or "[4/4]" not in out:
        raise Fail(f"--merge --wait printed no progress:\n{out}")
    fails = junit_failures(sub)
    if list(fails) != ["its_bad_cwriter.1"]:
        raise Fail(f"JUnit failures: {fails}")
    msg = fails["its_bad_cwriter.1"]
    if "MISMATCH" in msg or "0x1234" not in msg:
        raise Fail(f"JUnit failure message is not the first mismatch line: '{msg}'")
    with open(os.path.join(sub, "tasks", "0.out"), encoding="utf-8") as f:
        if "PASS its its_trigger" not in f.read():
            raise Fail("tasks/0.out does not hold the run's output")
    fst = os.path.join(sub, "waves", "1.fst")
    if not os.path.exists(fst) or os.path.getsize(fst) == 0:
        raise Fail(f"the dependent waves job wrote no {fst}:\n{out}")
    if "waves: scripts/wave" not in out:
        raise Fail(f"merge does not point at the waves:\n{out}")
    log(f"case 1 passed: pending merge refused, failure '{msg}', waves in {fst}")


def case_pass_missing_stale(env, tmp):
    lst = os.path.join(tmp, "b.list")
    write(lst, "scn sim/tests/its_trigger.scn\nrandom its 2 200\n")
    sub = os.path.join(tmp, "sub-b")
    regress(env, "--list", lst, "--slurm", "--slurm-dir", sub, expect=0)
    rc, out = regress(env, "--merge", sub, "--wait", "--poll", "1", expect=0)
    if "3 passed, 0 failed" not in out:
        raise Fail(f"expected 3 passed, 0 failed:\n{out}")
    os.remove(os.path.join(sub, "tasks", "1.json"))
    created = manifest(sub)["created"]
    os.utime(os.path.join(sub, "tasks", "2.json"), (created - 60, created - 60))
    rc, out = regress(env, "--merge", sub, expect=1)
    fails = junit_failures(sub)
    want = {"random-its.1": "no result file", "random-its.2": "stale result file"}
    for name, why in want.items():
        if why not in fails.get(name, ""):
            raise Fail(f"{name}: expected a failure saying '{why}', got {fails.get(name)}:\n{out}")
    if "1 passed, 2 failed" not in out:
        raise Fail(f"expected 1 passed, 2 failed:\n{out}")
    log("case 2 passed: passing merge, then a deleted and a stale result fail with that reason")


def main():
    p = subprocess.run([SLURM_LOCAL, "check"], capture_output=True, text=True)
    if p.returncode != 0:
        why = p.stderr.strip()
        if os.environ.get("IRQV_REQUIRE_SLURM") == "1":
            print(f"FAIL: IRQV_REQUIRE_SLURM=1 but {why}")
            return 1
        print(f"SKIP: {why}")
        return 77
    sys.path.insert(0, os.path.join(ROOT, "scripts"))
    import simlib  # the tb_sim of this run's Verilator (IRQV_VERILATOR), as scripts/regress
    tb_sim = simlib.TB_SIM
    if not os.path.exists(tb_sim):
        print(f"FAIL: {tb_sim} is missing: run 'make build' first")
        return 1
    tmp = tempfile.mkdtemp(prefix="irqv-slurm-")
    cluster = os.path.join(tmp, "cluster")
    ok = False
    try:
        p = subprocess.run([SLURM_LOCAL, "start", cluster], capture_output=True, text=True)
        if p.returncode != 0:
            print(f"FAIL: cannot start the test cluster: {p.stderr.strip()}")
            return 1
        log(p.stderr.strip())
        env = dict(os.environ, SLURM_CONF=os.path.join(cluster, "slurm.conf"),
                   IRQV_REPORT_DIR=os.path.join(tmp, "report"))  # not the real report page
        env.pop("SBATCH_HOLD", None)
        case_pending_then_fail(env, tmp)
        case_pass_missing_stale(env, tmp)
        ok = True
    except Fail as e:
        print(f"FAIL: {e}")
    finally:
        subprocess.run([SLURM_LOCAL, "stop", cluster])
        if ok:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            print(f"(kept {tmp} for inspection: cluster logs in {cluster}/log)")
    log("slurm: real-cluster regression checks " + ("passed" if ok else "FAILED"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

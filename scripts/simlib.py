# SPDX-License-Identifier: Apache-2.0
"""Shared job runner for `make sim` and scripts/regress: runs tb_sim jobs in parallel, each in
its own folder with its log, and parses the bench's closing line."""
import concurrent.futures
import glob
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TB_SIM = os.path.join(ROOT, "build", "cmake", "sim", "tb_sim")
SCN_MODEL = os.path.join(ROOT, "build", "cmake", "tb", "scn_model")
RESULT_RE = re.compile(
    r"^(PASS|FAIL) (\S+) (\S+) seed=(\d+) ops=(\d+) cycles=(\d+) cycles/s=(\d+)")


@dataclass
class Job:
    block: str
    test: str          # scenario path or random-<block>
    seed: int
    extra: list = field(default_factory=list)
    binary: str = ""   # the executable to run, if not the build/cmake one scenario_binary() picks

    @property
    def name(self):
        base = os.path.basename(self.test)
        return base[:-4] if base.endswith(".scn") else base

    @property
    def folder(self):
        return os.path.join(ROOT, "build", "sim", self.name, str(self.seed))

    @property
    def exe(self):
        if self.binary:
            return self.binary
        return scenario_binary(self.test) if self.test.endswith(".scn") else TB_SIM

    def command(self):
        return [self.exe, "--test", self.test, "--seed", str(self.seed)] + self.extra

    def rerun(self):
        rel = os.path.relpath(self.exe, ROOT)
        test = os.path.relpath(self.test, ROOT) if self.test.endswith(".scn") else self.test
        return " ".join([rel, "--test", test, "--seed", str(self.seed)] + self.extra)


@dataclass
class Result:
    job: Job
    status: str        # PASS, FAIL, SKIP, ERROR
    ops: int = 0
    cycles: int = 0
    cps: int = 0
    seconds: float = 0.0
    log: str = ""
    message: str = ""


def scenario_binary(path, base=TB_SIM):
    """The tb_sim build whose RTL parameters a scenario's `config` line asks for (the same
    mapping as sim/cmake/lockstep.cmake); `base` is the default build's executable."""
    vps, direct = 4, 1
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if words and words[0] == "config":
                for w in words[1:]:
                    k, _, v = w.partition("=")
                    if k == "vps":
                        vps = int(v, 0)
                    elif k == "feat_direct":
                        direct = int(v, 0)
    suffix = {(4, 1): "", (1, 1): "_vp1", (2, 1): "_vp2", (1, 0): "_vp1_nodirect"}.get(
        (vps, direct), "")
    return base + suffix


def scenario_block(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if words:
                return words[1] if words[0] == "block" and len(words) > 1 else "?"
    return "?"


def parse_list(path):
    """The jobs of a test list (scripts/regress documents the format)."""
    jobs = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            where = f"{path}:{n}"
            if words[0] == "scn" and len(words) == 2:
                files = sorted(glob.glob(os.path.join(ROOT, words[1])))
                if not files:
                    sys.exit(f"{where}: expected scenario files matching '{words[1]}', found none")
                jobs += [Job(scenario_block(p), p, 1) for p in files]
            elif words[0] == "random" and len(words) in (3, 4) and words[1] in ("its", "stimer"):
                try:
                    seeds = int(words[2])
                    ops = int(words[3]) if len(words) == 4 else 400
                except ValueError:
                    sys.exit(f"{where}: expected 'random BLOCK SEEDS [OPS]' with numbers")
                jobs += [Job(words[1], f"random-{words[1]}", s, ["--ops", str(ops)])
                         for s in range(1, seeds + 1)]
            else:
                sys.exit(f"{where}: expected 'scn GLOB' or 'random its|stimer SEEDS [OPS]', "
                         f"got '{line.strip()}'")
    return jobs


def run_job(job, timeout=600):
    os.makedirs(job.folder, exist_ok=True)
    log = os.path.join(job.folder, "run.log")
    t0 = time.monotonic()
    try:
        proc = subprocess.run(job.command(), cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout, text=True)
        out, rc = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or "") if isinstance(e.stdout, str) else "", -1
        out += f"\nTIMEOUT after {timeout} s\n"
    secs = time.monotonic() - t0
    with open(log, "w", encoding="utf-8") as f:
        f.write("$ " + " ".join(job.command()) + "\n" + out)
    return parse_output(job, out, rc, secs, log)


def parse_output(job, out, rc, secs, log):
    """The result of one run from its output (rc None: judge by the closing line only)."""
    res = Result(job, "ERROR", seconds=secs, log=log)
    for line in out.splitlines():
        m = RESULT_RE.match(line)
        if m:
            res.status = m.group(1)
            res.ops, res.cycles, res.cps = int(m.group(5)), int(m.group(6)), int(m.group(7))
        elif line.startswith("SKIP "):
            res.status = "SKIP"
    if rc == 77:
        res.status = "SKIP"
    elif rc not in (0, None) and res.status == "PASS":
        res.status = "FAIL"
    if res.status != "PASS":
        first = [l for l in out.splitlines() if l.strip()][:1]
        for l in out.splitlines():
            if "MISMATCH" in l or l.startswith("FAIL") or "expected" in l or "SKIP" in l:
                first = [l]
                break
        res.message = first[0] if first else f"exit code {rc}"
    return res


def run_jobs(jobs, parallel=None, progress=None):
    parallel = parallel or os.cpu_count() or 2
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=parallel) as pool:
        futs = {pool.submit(run_job, j): j for j in jobs}
        for fut in concurrent.futures.as_completed(futs):
            r = fut.result()
            results.append(r)
            if progress:
                progress(r)
    order = {id(j): i for i, j in enumerate(jobs)}
    results.sort(key=lambda r: order[id(r.job)])
    return results


def summary_table(results):
    rows = [("block", "test", "seed", "scenario ops", "cycles", "cycles/s", "result")]
    for r in results:
        rows.append((r.job.block, r.job.name, str(r.job.seed), str(r.ops), str(r.cycles),
                     str(r.cps), r.status))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(row, widths)) for row in rows]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)

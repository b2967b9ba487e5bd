# SPDX-License-Identifier: Apache-2.0
"""Shared job runner for `make sim` and scripts/regress: runs tb_sim jobs in parallel, each in
its own folder with its log, and reads each run's verdict from the JSON result file the bench
writes (`--result FILE`, docs/bench.md). A run whose result file is missing, unreadable, for
another test or older than the run is a failure with that reason, never a pass."""
import concurrent.futures
import glob
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TB_SIM = os.path.join(ROOT, "build", "cmake", "sim", "tb_sim")
SCN_MODEL = os.path.join(ROOT, "build", "cmake", "tb", "scn_model")
# The bench's closing line, for figures only (scripts/bench_lockstep.py); verdicts come from the
# result file.
RESULT_RE = re.compile(
    r"^(PASS|FAIL) (\S+) (\S+) seed=(\d+) ops=(\d+) cycles=(\d+) cycles/s=(\d+)")


def rel(path):
    """A path for messages: relative to the repository when inside it, else absolute."""
    r = os.path.relpath(path, ROOT)
    return path if r.startswith("..") else r


@dataclass
class Job:
    block: str
    test: str          # scenario path or random-<block>
    seed: int
    extra: list = field(default_factory=list)
    binary: str = ""   # the executable to run, if not the build/cmake one scenario_binary() picks
    kind: str = ""     # "soak": a long random run, in its own folder, without a time limit
    timeout: int = 600

    @property
    def name(self):
        base = os.path.basename(self.test)
        return base[:-4] if base.endswith(".scn") else base

    @property
    def folder(self):
        name = self.name + (f"-{self.kind}" if self.kind else "")
        return os.path.join(ROOT, "build", "sim", name, str(self.seed))

    @property
    def exe(self):
        if self.binary:
            return self.binary
        return scenario_binary(self.test) if self.test.endswith(".scn") else TB_SIM

    @property
    def result_file(self):
        return os.path.join(self.folder, "result.json")

    def command(self, result=None):
        cmd = [self.exe, "--test", self.test, "--seed", str(self.seed)] + self.extra
        return cmd + ["--result", result] if result else cmd

    def waves_command(self, fst, start, end):
        """The command that reruns this job with an FST window (cycles start..end)."""
        return self.command() + ["--trace", fst, "--trace-start", str(start),
                                 "--trace-end", str(end)]

    def rerun(self):
        test = rel(self.test) if self.test.endswith(".scn") else self.test
        return " ".join([rel(self.exe), "--test", test, "--seed", str(self.seed)] + self.extra)


@dataclass
class Result:
    job: Job
    status: str        # PASS, FAIL, SKIP, ERROR
    ops: int = 0
    cycles: int = 0
    cps: int = 0
    seconds: float = 0.0
    log: str = ""
    message: str = ""  # why it did not pass: the first mismatch line, or what went wrong
    data: dict = field(default_factory=dict)  # the result file, when it was read


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
            elif words[0] == "soak" and len(words) == 4 and words[1] in ("its", "stimer"):
                try:
                    seed, ops = int(words[2]), int(words[3])
                except ValueError:
                    sys.exit(f"{where}: expected 'soak BLOCK SEED OPS' with numbers")
                jobs.append(Job(words[1], f"random-{words[1]}", seed, ["--ops", str(ops)],
                                kind="soak", timeout=None))
            else:
                sys.exit(f"{where}: expected 'scn GLOB', 'random its|stimer SEEDS [OPS]' or "
                         f"'soak its|stimer SEED OPS', got '{line.strip()}'")
    return jobs


def run_job(job, timeout=None):
    timeout = timeout or job.timeout
    os.makedirs(job.folder, exist_ok=True)
    log = os.path.join(job.folder, "run.log")
    res_file = job.result_file
    if os.path.exists(res_file):
        os.remove(res_file)  # a result left by an earlier run must never be read as this one's
    t0 = time.monotonic()
    started = time.time()
    cmd = job.command(res_file)
    try:
        proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=timeout, text=True)
        out, rc = proc.stdout, proc.returncode
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        out += f"\nTIMEOUT after {timeout} s\n"
        rc = "timeout"
    except OSError as e:
        out, rc = f"cannot run {cmd[0]}: {e}\n", "not started"
    secs = time.monotonic() - t0
    with open(log, "w", encoding="utf-8") as f:
        f.write("$ " + " ".join(cmd) + "\n" + out)
    return read_result(job, res_file, rc, out, secs, log, since=started)


def _first_line(out):
    """The first line the run printed (not the command echoed before it)."""
    lines = [l.strip() for l in (out or "").splitlines()
             if l.strip() and not l.startswith("$ ") and not l.startswith("regress task ")]
    return lines[0][:300] if lines else "no output"


def read_result(job, path, rc, out, secs, log, since=None):
    """The result of one run, from its result file `path`. `rc` is the exit code (an int), a
    string saying why there is none ("timeout", "not started"), or None when it is unknown;
    `out` its output (only quoted in messages); `since` (epoch seconds): a result file older than
    that is stale. Anything but a readable, fresh result file for this job is an ERROR."""
    res = Result(job, "ERROR", seconds=secs, log=log)
    if rc == "timeout":
        res.message = f"timed out ({_first_line(out)})"
        return res
    if not os.path.exists(path):
        exe = rel(job.exe)
        how = f"{exe} exited {rc}" if isinstance(rc, int) else (rc or "exit code unknown")
        first = _first_line(out)
        res.message = (f"no result file {rel(path)} ({how}"
                       + (f"; output: {first})" if first != "no output" else ")"))
        return res
    mtime = os.path.getmtime(path)
    if since is not None and mtime < since:
        fmt = "%Y-%m-%d %H:%M:%S"
        res.message = (f"stale result file {rel(path)}: written "
                       f"{time.strftime(fmt, time.localtime(mtime))}, before this run started "
                       f"({time.strftime(fmt, time.localtime(since))})")
        return res
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        status = data["status"]
        seed, test = int(data["seed"]), str(data["test"])
    except (OSError, ValueError, KeyError, TypeError) as e:
        res.message = f"unreadable result file {rel(path)}: {e}"
        return res
    res.data = data
    res.ops, res.cycles = int(data.get("ops", 0)), int(data.get("cycles", 0))
    wall = float(data.get("seconds", 0) or 0)
    res.cps = int(res.cycles / wall) if wall > 0 else 0
    if seed != job.seed or test != job.name:
        res.message = (f"result file {rel(path)} is for {test} seed {seed}, "
                       f"not {job.name} seed {job.seed}")
        return res
    if status == "PASS":
        if isinstance(rc, str):
            res.message = f"the result file says PASS but {rc}"
        elif rc not in (0, None):
            res.status = "FAIL"
            res.message = (f"the result file says PASS but {rel(job.exe)} "
                           f"exited {rc}")
        else:
            res.status = "PASS"
    elif status == "FAIL":
        res.status = "FAIL"
        res.message = data.get("first_mismatch") or "FAIL without a first mismatch line"
    elif status == "SKIP":
        res.status = "SKIP"
        res.message = data.get("skip_reason") or "skipped"
    else:
        res.message = f"result file {rel(path)}: unknown status '{status}'"
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

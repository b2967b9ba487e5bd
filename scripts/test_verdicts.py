#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""One input, one true verdict, the same on both runners.

Runs every sim/tests/verdict/*.scn on the model alone (tb/scn_model) and in lockstep (the tb_sim
build the file's `config` line asks for), plus the command-line cases of CLI_CASES, and checks:

- the verdict of each runner is the one the file's first line states:
    # verdict: parse-error LINE | pass | fail   (alternatives joined by " or ")
  an optional `# rtl: skip` line in the leading comments says the lockstep runner has no build
  for the file's configuration and must exit 77;
- both runners give the same verdict;
- a parse error names `FILE:LINE:` (the stated line) and the word `expected`;
- exit codes: 2 for a parse error, 0 for pass, 1 for fail (77 for an expected skip);
- on a pass, both runners print the same `ops=N (scenario operations)`.

  scripts/test_verdicts.py build/cmake                  # everything
  scripts/test_verdicts.py build/cmake --case NAME      # one case: a file's name without .scn,
                                                        # or cli/NAME
  scripts/test_verdicts.py build/cmake --list           # case names, one a line (for ctest)
  options: --jobs N (parallel runs, default 1), --timeout S (per run, default 300), --verbose

Prints one line per case and `N passed, M failed`; the exit status is non-zero when any failed.
"""
import argparse
import concurrent.futures
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VERDICT_DIR = os.path.join("sim", "tests", "verdict")
EXIT = {"pass": 0, "fail": 1, "parse-error": 2, "skip": 77}

# Command-line cases: name, runner ("rtl" = tb_sim, "model" = scn_model), arguments ({tmp} is a
# fresh temporary directory), allowed exit codes, a word that an exit 2 must come with (the
# output names it, or prints the usage), and the time limit in seconds ("never a run": a usage
# error comes back at once, a short run in bounded time).
CLI_CASES = [
    # name, runner, args, allowed exit codes, word required with exit 2, seconds
    ("ops_negative", "rtl", ["--test", "random-its", "--ops", "-1"], {2}, "--ops", 20),
    ("ops_2pow32", "rtl", ["--test", "random-its", "--ops", "4294967296"], {2}, "--ops", 20),
    ("ops_not_a_number", "rtl", ["--test", "random-its", "--ops", "abc"], {2}, "--ops", 20),
    ("ops_trailing_junk", "rtl", ["--test", "random-its", "--ops", "12x"], {2}, "--ops", 20),
    ("ops_missing_value", "rtl", ["--test", "random-its", "--ops"], {2}, "--ops", 20),
    ("seed_negative", "rtl", ["--test", "random-its", "--seed", "-5", "--ops", "10"], {2},
     "--seed", 20),
    ("seed_2pow64", "rtl",
     ["--test", "random-its", "--seed", "18446744073709551616", "--ops", "10"], {2}, "--seed", 20),
    ("seed_trailing_junk", "rtl", ["--test", "random-its", "--seed", "5x", "--ops", "10"], {2},
     "--seed", 20),
    ("seed_twice", "rtl",
     ["--test", "random-its", "--seed", "1", "--seed", "2", "--ops", "10"], {2}, "--seed", 20),
    ("unknown_option", "rtl", ["--test", "random-its", "--bogus", "--ops", "10"], {2}, "--bogus",
     20),
    ("stray_word", "rtl", ["--test", "random-its", "--ops", "10", "extra"], {2}, "extra", 20),
    ("test_missing_file", "rtl", ["--test", "sim/tests/verdict/no_such_file.scn"], {2},
     "no_such_file", 20),
    ("trace_window_inverted", "rtl",
     ["--test", "sim/tests/its_example.scn", "--trace", "{tmp}/w.fst", "--trace-start", "100",
      "--trace-end", "50"], {2}, "--trace", 20),
    # --trace without a window: an error, or a bounded default window; never a run to the
    # 200M-cycle limit on a short scenario.
    ("trace_without_window", "rtl",
     ["--test", "sim/tests/its_example.scn", "--trace", "{tmp}/w.fst"], {0, 2}, "--trace", 120),
    # The positive controls: the same options with valid values run.
    ("random_its_ok", "rtl", ["--test", "random-its", "--seed", "3", "--ops", "20"], {0}, None,
     120),
    ("random_stimer_ok", "rtl", ["--test", "random-stimer", "--seed", "3", "--ops", "20"], {0},
     None, 120),
    # --strict on both runners (docs/scenarios.md "Strict mode"): the file passes without it
    # (its own verdict case) and fails with it, an unmatched retire record.
    ("strict_flag_model", "model", ["--strict", "sim/tests/verdict/its_strict_flag_target.scn"],
     {1}, None, 20),
    ("strict_flag_rtl", "rtl", ["--test", "sim/tests/verdict/its_strict_flag_target.scn",
                                "--strict"], {1}, None, 120),
    ("strict_random", "rtl", ["--test", "random-its", "--strict", "--ops", "10"], {2}, "--strict",
     20),
    ("model_unknown_option", "model", ["--bogus", "sim/tests/its_example.scn"], {2}, "--bogus",
     20),
    ("model_no_argument", "model", [], {2}, "usage", 20),
    ("model_missing_file", "model", ["sim/tests/verdict/no_such_file.scn"], {2}, "no_such_file",
     20),
    # --record on a build without the trace encoders (tb_sim_rec has them): an option this
    # build cannot honour is a usage error, not a failed run.
    ("record_without_encoder", "rtl", ["--test", "sim/tests/its_example.scn", "--record",
                                       "{tmp}/t.bin"], {2}, "--record", 60),
    # --ops shapes a random stream only: with a scenario file it is refused, not ignored.
    ("ops_with_scenario", "rtl", ["--test", "sim/tests/its_example.scn", "--ops", "5"], {2},
     "--ops", 20),
    ("model_ops_with_scenario", "model", ["--ops", "5", "sim/tests/its_example.scn"], {2},
     "--ops", 20),
    # A result file that cannot be written is refused before the run (a long run's verdict
    # would be lost at its end).
    ("result_unwritable", "rtl", ["--test", "sim/tests/its_example.scn", "--result",
                                  "{tmp}/no_dir/r.json"], {2}, "--result", 20),
    ("model_result_unwritable", "model", ["--result", "{tmp}/no_dir/r.json",
                                          "sim/tests/its_example.scn"], {2}, "--result", 20),
    # A directory opens and cannot be read: the read error is named (not "no operations").
    ("model_directory", "model", ["sim/tests/verdict"], {2}, "Is a directory", 20),
    ("test_directory", "rtl", ["--test", "sim/tests/verdict"], {2}, "Is a directory", 20),
    # Random streams on the model alone (scn_model random-<block>:SEED): a seed that is not a
    # number, --ops out of range, strict mode on a test without expect lines.
    ("model_random_bad_seed", "model", ["random-its:x1"], {2}, "random-its:x1", 20),
    # The seed and --ops words are read as tb_sim reads them (decimal or 0x hex, nothing else):
    # a sign or a blank that tb_sim refuses is refused here too (010 is ten on both: ctest
    # <block>/random/model_stream compares the streams).
    ("model_random_seed_sign", "model", ["--ops", "5", "random-its:+5"], {2}, "random-its:+5",
     20),
    ("model_random_seed_blank", "model", ["--ops", "5", "random-its: 5"], {2}, "random-its: 5",
     20),
    ("model_random_ops_hex", "model", ["--ops", "0x10", "random-its:1"], {0}, None, 20),
    ("model_random_ops_zero", "model", ["--ops", "0", "random-its:1"], {2}, "--ops", 20),
    ("model_random_strict", "model", ["--strict", "random-stimer:1"], {2}, "--strict", 20),
]


def rel(path):
    return os.path.relpath(path, ROOT)


def parse_header(path):
    """(alternatives, rtl_skip): alternatives = list of (kind, line or None)."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data.split(b"\n")
    m = re.fullmatch(rb"# verdict: (.*)", lines[0].rstrip(b"\r"))
    if not m:
        raise ValueError(f"{rel(path)}:1: expected '# verdict: ...'")
    alts = []
    for alt in m.group(1).decode().split(" or "):
        w = alt.split()
        if len(w) == 2 and w[0] == "parse-error" and w[1].isdigit():
            alts.append(("parse-error", int(w[1])))
        elif len(w) == 1 and w[0] in ("pass", "fail"):
            alts.append((w[0], None))
        else:
            raise ValueError(f"{rel(path)}:1: expected parse-error LINE, pass or fail, got '{alt}'")
    rtl_skip = False
    for ln in lines[1:]:
        if not ln.startswith(b"#"):
            break
        if ln.strip() == b"# rtl: skip":
            rtl_skip = True
    config = b""
    for ln in lines:
        if ln.startswith(b"config "):
            config = ln
            break
    return alts, rtl_skip, config.decode("utf-8", "replace")


def rtl_target(config):
    """The tb_sim build a scenario runs on (sim/cmake/lockstep.cmake prj_scenario_target)."""
    m = re.search(r"vps=([0-9]+)", config)
    vps = int(m.group(1)) if m else 4
    direct = 0 if "feat_direct=0" in config else 1
    return {(4, 1): "tb_sim", (1, 1): "tb_sim_vp1", (2, 1): "tb_sim_vp2",
            (1, 0): "tb_sim_vp1_nodirect"}.get((vps, direct), "tb_sim")


def run(argv, timeout):
    t0 = time.monotonic()
    try:
        p = subprocess.run(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           timeout=timeout)
        out, rc = p.stdout.decode("utf-8", "replace"), p.returncode
    except subprocess.TimeoutExpired as e:
        out, rc = (e.stdout or b"").decode("utf-8", "replace"), None
    return rc, out, time.monotonic() - t0


def observe(rc, out, scn):
    """The verdict a runner gave: ('parse-error', line) | ('pass'|'fail'|'skip', None) |
    ('timeout'|'rc=N', None); and the first parse-error message."""
    base = re.escape(os.path.basename(scn))
    # docs/scenarios.md: "A malformed line stops the run with `file:line: expected ...`" (an
    # `error:` tag between the two is tolerated; an expect line's failure is not a parse error).
    m = re.search(r"(?:^|[\s'\"(])(?:\S*/)?" + base +
                  r":(\d+):\s*(?:(?:parse )?error:\s*)?expected\b[^\n]*", out, re.M)
    if m:
        return ("parse-error", int(m.group(1))), m.group(0).strip()
    if rc is None:
        return ("timeout", None), ""
    for k, v in EXIT.items():
        if rc == v and k != "parse-error":
            return (k, None), ""
    return (f"rc={rc}", None), ""


def show(v):
    return v[0] if v[1] is None else f"{v[0]} {v[1]}"


def summary_line(out):
    """A short hint of why a run ended the way it did (first error-looking line)."""
    for ln in out.splitlines():
        if re.search(r"(?i)error|mismatch|expected|fail|watchdog|usage|skip", ln):
            return ln.strip()[:160]
    return out.strip().splitlines()[-1][:160] if out.strip() else ""


def check_scn(build, path, timeout, verbose):
    scn = rel(path)
    name = os.path.splitext(os.path.basename(path))[0]
    try:
        alts, rtl_skip, config = parse_header(path)
    except ValueError as e:
        return False, f"FAIL {name}: {e}"
    exe = rtl_target(config)
    runs = {
        "model": [os.path.join(build, "tb", "scn_model"), scn],
        "rtl": [os.path.join(build, "sim", exe), "--test", scn, "--seed", "1"],
    }
    obs, problems, details, ops = {}, [], [], {}
    for runner, argv in runs.items():
        if not os.path.exists(argv[0]):
            problems.append(f"{runner}: {rel(argv[0])} not built")
            obs[runner] = ("missing", None)
            continue
        rc, out, _ = run(argv, timeout)
        v, _ = observe(rc, out, scn)
        obs[runner] = v
        m = re.search(r"^(?:PASS|FAIL) .*?\bops=(\d+)\b.*scenario operations", out, re.M)
        if m:
            ops[runner] = int(m.group(1))
        if verbose:
            details.append(f"--- {runner}: {' '.join(argv)} (rc {rc})\n{out}")
        want = [("skip", None)] if runner == "rtl" and rtl_skip else alts
        ok_v = v in want
        ok_rc = rc == EXIT.get(v[0]) if ok_v else True
        note = f"{runner}: {show(v)} (rc {rc if rc is not None else 'timeout'})"
        if not ok_v:
            hint = summary_line(out)
            problems.append(note + (f" [{hint}]" if hint else ""))
        elif not ok_rc:
            problems.append(note + f", expected exit {EXIT[v[0]]}")
    if not rtl_skip and obs.get("model") != obs.get("rtl"):
        problems.append("runners disagree")
    # docs/scenarios.md: on a passing run both runners count the same scenario operations.
    if (not rtl_skip and obs.get("model") == ("pass", None) == obs.get("rtl")
            and (ops.get("model") is None or ops.get("model") != ops.get("rtl"))):
        problems.append(f"operation counts differ: model ops={ops.get('model')}, "
                        f"rtl ops={ops.get('rtl')}")
    expected = " or ".join(show(a) for a in alts) + (" (rtl: skip)" if rtl_skip else "")
    got = f"model {show(obs['model'])}, rtl {show(obs['rtl'])}"
    if problems:
        line = f"FAIL {name}: expected {expected}; got {got}; " + "; ".join(problems)
    else:
        line = f"PASS {name}: {expected}; got {got}"
    if details:
        line += "\n" + "\n".join(details)
    return not problems, line


def check_cli(build, case, verbose):
    name, runner, args, codes, word, limit = case
    exe = os.path.join(build, "sim", "tb_sim") if runner == "rtl" else \
        os.path.join(build, "tb", "scn_model")
    if not os.path.exists(exe):
        return False, f"FAIL cli/{name}: {rel(exe)} not built"
    with tempfile.TemporaryDirectory() as tmp:
        argv = [exe] + [a.replace("{tmp}", tmp) for a in args]
        rc, out, secs = run(argv, limit)
    problems = []
    if rc is None:
        problems.append(f"still running after {limit} s")
    elif rc not in codes:
        problems.append(f"exit {rc}, expected {' or '.join(map(str, sorted(codes)))}")
    elif rc == 2 and word and word not in out and "usage" not in out:
        problems.append(f"exit 2 without a usage message or one naming '{word}'")
    got = f"exit {rc if rc is not None else 'timeout'} in {secs:.1f} s"
    cmd = " ".join([os.path.basename(exe)] + args)
    if problems:
        hint = summary_line(out)
        line = f"FAIL cli/{name}: `{cmd}`: {got}; " + "; ".join(problems) + \
            (f" [{hint}]" if hint else "")
    else:
        line = f"PASS cli/{name}: `{cmd}`: {got}"
    if verbose:
        line += f"\n--- {' '.join(argv)} (rc {rc})\n{out}"
    return not problems, line


def scn_files():
    d = os.path.join(ROOT, VERDICT_DIR)
    return sorted(os.path.join(d, f) for f in os.listdir(d) if f.endswith(".scn"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("build", nargs="?", default=os.path.join(ROOT, "build", "cmake"),
                    help="the CMake build directory (default build/cmake)")
    ap.add_argument("--case", action="append", default=[],
                    help="run only this case (scenario name without .scn, or cli/NAME)")
    ap.add_argument("--list", action="store_true", help="print the case names and exit")
    ap.add_argument("--jobs", "-j", type=int, default=1)
    ap.add_argument("--timeout", type=int, default=300, help="seconds per scenario run")
    ap.add_argument("--verbose", "-v", action="store_true", help="print each run's output")
    a = ap.parse_args()
    build = os.path.abspath(a.build)

    jobs = [("scn", os.path.splitext(os.path.basename(p))[0], p) for p in scn_files()]
    jobs += [("cli", "cli/" + c[0], c) for c in CLI_CASES]
    if a.list:
        for _, name, _ in jobs:
            print(name)
        return 0
    if a.case:
        unknown = set(a.case) - {n for _, n, _ in jobs}
        if unknown:
            print(f"unknown case: {', '.join(sorted(unknown))}", file=sys.stderr)
            return 2
        jobs = [j for j in jobs if j[1] in a.case]

    def work(job):
        kind, _, item = job
        if kind == "scn":
            return check_scn(build, item, a.timeout, a.verbose)
        return check_cli(build, item, a.verbose)

    passed = failed = 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as pool:
        for ok, line in pool.map(work, jobs):
            print(line, flush=True)
            if ok:
                passed += 1
            else:
                failed += 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

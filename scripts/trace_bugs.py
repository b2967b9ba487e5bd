#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Record and replay on the deliberately broken RTL of scripts/bugs (docs/trace.md): for each
RTL bug, builds tb_sim and replay from a patched copy (one build tree, rebuilt per bug), finds
the first run of the block's lockstep suite that fails (directed scenarios on the default
build, then random seeds), records it and checks that the offline replay of the capture reports
the same first divergence (scripts/trace_replay.py). Exits non-zero if any bug's replay
disagrees or no run caught it.

Usage: scripts/trace_bugs.py [BUG ...] [--seeds N] [--ops N]
"""
import argparse
import importlib.machinery
import importlib.util
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mutlib  # noqa: E402

ROOT = mutlib.ROOT


def load_bugs():
    path = os.path.join(ROOT, "scripts", "bugs")
    loader = importlib.machinery.SourceFileLoader("bugs_list", path)
    spec = importlib.util.spec_from_loader("bugs_list", loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("bugs", nargs="*")
    ap.add_argument("--seeds", type=int, default=4)
    ap.add_argument("--ops", type=int, default=600)
    args = ap.parse_args()
    bugs_mod = load_bugs()
    sel = [b for b in bugs_mod.BUGS if b["side"] == "rtl" and (not args.bugs or b["name"] in args.bugs)]
    work = os.path.join(ROOT, "build", "trace_bugs")
    src = os.path.join(work, "src")
    bld = os.path.join(work, "build")
    os.makedirs(work, exist_ok=True)
    rows = []
    for bug in sel:
        t0 = time.monotonic()
        mutlib.sync_tree(src)
        err = bugs_mod.apply_bug(bug, src)
        if err:
            rows.append((bug["name"], "ERROR", err))
            continue
        log = os.path.join(work, f"{bug['name']}.build.log")
        open(log, "w").close()
        ok = mutlib.cmake_build(src, bld, ["tb_sim_rec", "replay"], log, jobs=2,
                                configure=not os.path.exists(os.path.join(bld, "CMakeCache.txt")))
        if not ok:
            # One retry after a fresh configure: the CMake configuration reads the RTL file
            # lists (rtl/*/*.f) and the -I folders, which a patch may change.
            ok = mutlib.cmake_build(src, bld, ["tb_sim_rec", "replay"], log, jobs=2, configure=True)
        if not ok:
            rows.append((bug["name"], "ERROR", f"build failed, see {log}"))
            print(f"{bug['name']}: build failed, see {log}", flush=True)
            continue
        exe = os.path.join(bld, "sim", "tb_sim_rec")
        runs = mutlib.lockstep_runs(exe, bug["block"], args.seeds, args.ops,
                                    default_config_only=True)
        failed, where, _ = mutlib.run_suite(runs)
        if not failed:
            rows.append((bug["name"], "MISSED", where))
            print(f"{bug['name']}: no run caught it", flush=True)
            continue
        name = where.split(":")[0]
        argv = next(a for n, a in runs if n == name)
        test = argv[argv.index("--test") + 1]
        seed = argv[argv.index("--seed") + 1]
        cmd = [sys.executable, os.path.join(ROOT, "scripts", "trace_replay.py"), "--sim", exe,
               "--replay", os.path.join(bld, "tb", "replay"), "--test", test, "--seed", seed,
               "--dir", os.path.join(work, bug["name"])]
        if "--ops" in argv:
            cmd += ["--ops", argv[argv.index("--ops") + 1]]
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
        status = "SAME" if p.returncode == 0 else "DIFFERS"
        rows.append((bug["name"], status, f"{name}: " + " | ".join(p.stdout.strip().splitlines()[-3:])))
        print(f"{bug['name']}: {status} ({time.monotonic() - t0:.0f} s)\n{p.stdout}", flush=True)
    mutlib.sync_tree(src)
    print()
    for name, status, what in rows:
        print(f"{name:34} {status:8} {what}")
    bad = [r for r in rows if r[1] != "SAME"]
    print(f"\ntrace_bugs: {len(rows) - len(bad)} of {len(rows)} bugs replay to the same first "
          "divergence")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

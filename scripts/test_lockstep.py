#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest sim/lockstep_cmd: scripts/lockstep, the one command for any configuration, without
building anything new.

- every scenario of sim/tests goes to a build of its parameters (the prebuilt target of
  sim/lockstep_builds.txt whose parameters of its block match, else a build/cfg cache build),
  and no build/cmake target that ctest uses is missing;
- a config value outside the documented range is refused with FILE:LINE and exit 2, before
  anything is built; so is a bad --config of a random test;
- tb_sim refuses a file of another configuration with exit 77, naming scripts/lockstep;
- a random test runs on the build of its --config, with that build's parameters.

  scripts/test_lockstep.py
"""
import importlib.machinery
import importlib.util
import os
import re
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import simlib  # noqa: E402

ROOT = simlib.ROOT
CMD = [sys.executable, os.path.join(ROOT, "scripts", "lockstep")]
# The builds of the Verilator of this run (IRQV_VERILATOR), as scripts/lockstep prints them.
BLD = simlib.rel(simlib.build_dir())
CFG = simlib.rel(simlib.CFG_CACHE)
FAILS = []


def check(cond, what):
    if not cond:
        FAILS.append(what)


def run(args, timeout=300):
    p = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr


def temp_scn(text):
    f = tempfile.NamedTemporaryFile("w", suffix=".scn", delete=False, dir=tempfile.gettempdir())
    f.write(text)
    f.close()
    return f.name


def main():
    builds = dict(simlib.prebuilt_builds())
    check(builds.get("tb_sim") == simlib.DEFAULT_TUPLE, "tb_sim is not the default tuple")
    # Each scenario: the build scripts/lockstep picks has the parameters of its config line
    # (--which, the command itself, for a few; the same function for the others).
    sample = ("its_rd2_procnum.scn", "stimer_vp64.scn", "its_rd1_single.scn", "its_trigger.scn")
    for scn in sorted(os.listdir(os.path.join(ROOT, "sim", "tests"))):
        if not scn.endswith(".scn"):
            continue
        path = os.path.join("sim", "tests", scn)
        block, t = simlib.scenario_config(path)
        if scn in sample:
            rc, out, err = run(CMD + ["--which", path])
            exe = out.strip().split()[0] if out.strip() else ""
            check(rc == 0, f"--which {path}: exit {rc} {err.strip()}")
        else:
            exe = os.path.relpath(simlib.build_location(t, block)[2], ROOT)
        target = os.path.basename(exe)
        if exe.startswith(CFG + "/"):
            tag = exe[len(CFG) + 1:].split("/")[0]
            check(tag == simlib.config_tag(t), f"{path}: cache build {tag} for {t}")
            continue
        check(target in builds, f"{path}: --which named {exe}, not a prebuilt target")
        bt = builds.get(target, ())
        for i in simlib.RELEVANT[block]:
            check(bt and bt[i] == t[i], f"{path}: {target} has {bt}, the file needs {t}")
        check(os.path.exists(os.path.join(ROOT, exe)), f"{path}: {exe} is not built")
    # Values outside the documented ranges: refused naming the line, nothing built.
    for cfg, key in (("vps=257", "vps"), ("vps=0", "vps"), ("feat_direct=2", "feat_direct"),
                     ("scontrol_gate=7", "scontrol_gate")):
        p = temp_scn(f"# a comment\nblock stimer\nconfig {cfg}\ntime 5\n")
        rc, out, err = run(CMD + [p])
        check(rc == 2 and re.search(rf"\.scn:3: expected {key}=", err),
              f"config {cfg}: exit {rc}, stderr {err.strip()!r}")
        check(not os.path.exists(os.path.join(simlib.CFG_CACHE, "rd4_vp257_d1_g1")),
              "a build was made for an invalid config")
        os.unlink(p)
    p = temp_scn("block its\nconfig num_rd=65537\n")
    rc, out, err = run(CMD + [p])
    check(rc == 2 and ".scn:2: expected num_rd=1..65536" in err, f"num_rd=65537: {rc} {err!r}")
    os.unlink(p)
    for bad in ("vps=64", "num_rd=0", "num_rd=x", "mem_latency=3"):
        rc, out, err = run(CMD + ["random-its", "--config", bad])
        check(rc == 2 and "--config" in err, f"random-its --config {bad}: exit {rc} {err!r}")
    # tb_sim itself refuses a file of another configuration, naming the one command.
    rc, out, err = run([simlib.TB_SIM, "--test", "sim/tests/stimer_vp64.scn"])
    check(rc == 77 and "scripts/lockstep sim/tests/stimer_vp64.scn" in out,
          f"tb_sim on a vps=64 file: exit {rc}, {out.strip()!r}")
    # A random test on another build, for its parameters (and the default one unchanged).
    rc, out, err = run(CMD + ["random-stimer", "--config", "vps=64", "--seed", "3", "--ops",
                              "200"])
    check(rc == 0 and re.search(r"^PASS stimer random-stimer seed=3", out, re.M),
          f"random-stimer vps=64: exit {rc} {out[-300:]!r} {err[-300:]!r}")
    rc, out, err = run(CMD + ["--which", "random-its", "--config", "num_rd=16"])
    check(rc == 0 and out.startswith(f"{BLD}/sim/tb_sim_rd16_nogate"),
          f"--which random-its num_rd=16: {out!r}")
    rc, out, err = run(CMD + ["--which", "random-stimer", "--config", "vps=8"])
    check(rc == 0 and out.startswith(f"{CFG}/rd4_vp8_d1_g1/sim/tb_sim"),
          f"--which random-stimer vps=8: {out!r}")
    # A `strict` line may come before `config`: the build is still the config's.
    with tempfile.TemporaryDirectory() as tmp:
        scn = os.path.join(tmp, "stimer_strict_first.scn")
        with open(scn, "w", encoding="utf-8") as f:
            f.write("block stimer\nstrict\nconfig vps=1\nmsr read 0 SVERSION expect=1\n")
        rc, out, err = run(CMD + ["--which", scn])
        check(rc == 0 and out.startswith(f"{BLD}/sim/tb_sim_vp1"),
              f"--which of a file with strict before config: {out!r} {err!r}")
    # Every tb_sim option that takes a value passes through with its value (a value taken for
    # the scenario would run another file, or write a result over it).
    exe = os.path.join(ROOT, BLD, "sim", "tb_sim")
    p = subprocess.run([exe, "--help"], capture_output=True, text=True)
    takes = set(re.findall(r"(--[a-z][a-z-]*) [A-Z]+\b", p.stdout + p.stderr)) - {"--test"}
    check(len(takes) >= 10, f"tb_sim --help lists {sorted(takes)}: too few value options")
    loader = importlib.machinery.SourceFileLoader("lockstep_cmd",
                                                  os.path.join(ROOT, "scripts", "lockstep"))
    lockstep = importlib.util.module_from_spec(importlib.util.spec_from_loader("lockstep_cmd",
                                                                               loader))
    loader.exec_module(lockstep)
    check(takes == lockstep.VALUE_OPTS,
          f"scripts/lockstep VALUE_OPTS differ from tb_sim --help: missing "
          f"{sorted(takes - lockstep.VALUE_OPTS)}, extra {sorted(lockstep.VALUE_OPTS - takes)}")
    with tempfile.TemporaryDirectory() as tmp:
        res = os.path.join(tmp, "r.json")
        rc, out, err = run(CMD + ["--result", res, "sim/tests/its_example.scn"])
        check(rc == 0 and os.path.exists(res),
              f"scripts/lockstep --result FILE SCENARIO: exit {rc}, result written: "
              f"{os.path.exists(res)} {err.strip()[-200:]}")
    for f in FAILS:
        print("FAIL", f)
    if FAILS:
        return 1
    print("lockstep command: every scenario maps to a build of its parameters; bad configs "
          "refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())

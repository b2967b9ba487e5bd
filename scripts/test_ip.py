#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest ip/fusesoc: the RTL as reusable IP. FuseSoC (scripts/pyenv.sh) lists the cores
rtl/common/cmn.core, rtl/its/its.core, rtl/stimer/stimer.core, rtl/trace/trace.core,
lint/lint.core and lint/trace.core; each block's core (with cmn and the cores it depends on) names every file of its
filelist rtl/<block>/<block>.f, which the builds, lint and synthesis read, and its own files are
exactly those of the filelist in its directory; and `fusesoc run --target lint` runs
verilator -Wall clean on each block from the cores alone.

  scripts/test_ip.py
"""
import os
import re
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BLOCKS = ("its", "stimer", "trace")
# The block cores a block's core depends on besides cmn (the trace encoders read the packages).
DEPS = {"its": (), "stimer": (), "trace": ("its", "stimer")}
CORES = ("irqv:ip:cmn", "irqv:ip:its", "irqv:ip:stimer", "irqv:ip:trace", "irqv:lint:waivers",
         "irqv:lint:trace_waivers")


def core_files(path):
    """The .sv files of a CAPI2 core's filesets, as repository paths (a small reader for the
    `- name` list items of this project's cores; FuseSoC itself checks the syntax below)."""
    base = os.path.relpath(os.path.dirname(path), ROOT)
    out = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"\s*-\s*([\w./]+\.sv)\b", line)
            if m:
                out.append(os.path.join(base, m.group(1)))
    return out


def filelist(block):
    with open(os.path.join(ROOT, "rtl", block, f"{block}.f"), encoding="utf-8") as f:
        return [l.strip() for l in f if l.strip() and l.strip()[0] not in "#+"]


def main():
    env_bin = subprocess.run([os.path.join(ROOT, "scripts", "pyenv.sh")], capture_output=True,
                             text=True)
    if env_bin.returncode != 0:
        print(f"FAIL: scripts/pyenv.sh: {env_bin.stderr.strip()}")
        return 1
    env = dict(os.environ, PATH=env_bin.stdout.strip() + os.pathsep + os.environ["PATH"])
    fails = []
    listed = subprocess.run(["fusesoc", "--cores-root", ROOT, "core", "list"], env=env,
                            capture_output=True, text=True)
    for c in CORES:
        if not re.search(rf"^{re.escape(c)}:\S*\s", listed.stdout, re.M):
            fails.append(f"fusesoc core list does not list {c}: {listed.stdout + listed.stderr}")
    cmn = core_files(os.path.join(ROOT, "rtl", "common", "cmn.core"))
    for b in BLOCKS:
        want = set(filelist(b))
        own = set(core_files(os.path.join(ROOT, "rtl", b, f"{b}.core")))
        have = set(cmn) | own
        for d in DEPS[b]:
            have |= set(core_files(os.path.join(ROOT, "rtl", d, f"{d}.core")))
        # cmn.core carries every common cell and a dependency core its whole block; a block's
        # filelist names only the files it uses, and its own core exactly its own directory's.
        missing = sorted(want - have)
        extra = sorted(own - want)
        if missing or extra:
            fails.append(f"{b}: the cores and rtl/{b}/{b}.f differ: only in the filelist "
                         f"{missing}, only in rtl/{b}/{b}.core {extra}")
        with tempfile.TemporaryDirectory() as tmp:
            p = subprocess.run(["fusesoc", "--cores-root", ROOT, "run", "--build-root", tmp,
                                "--target", "lint", f"irqv:ip:{b}"], env=env, cwd=tmp,
                               capture_output=True, text=True, timeout=600)
            if p.returncode != 0:
                fails.append(f"fusesoc run --target lint irqv:ip:{b}: exit {p.returncode}: "
                             f"{(p.stdout + p.stderr).strip()[-600:]}")
            else:
                print(f"{b}: fusesoc lint target clean")
    for f in fails:
        print("FAIL:", f)
    print("PASS" if not fails else f"{len(fails)} failure(s)")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

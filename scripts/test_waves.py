#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest sim/wave_views: every signal the saved GTKWave views (sim/waves/*.gtkw) name exists,
with that width, in a wave file the lockstep simulation writes. A renamed net, a record field
added in docs/enc without regenerating the views (scripts/wave_views.py), or a lost
--trace-structs would otherwise leave a view that silently shows nothing.

  scripts/test_waves.py build/cmake/sim/tb_sim
Needs fst2vcd (Debian package gtkwave, installed by `scripts/deps.sh wave`).
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS = {"its": "sim/tests/its_smoke_movi_rewrite.scn", "stimer": "sim/tests/stimer_multi_vp.scn"}


def fst_signals(fst):
    """{full dotted name: width} of every variable in an FST file."""
    vcd = subprocess.run(["fst2vcd", fst], capture_output=True, text=True, check=True).stdout
    scope, out = [], {}
    for line in vcd.splitlines():
        w = line.split()
        if not w:
            continue
        if w[0] == "$scope":
            scope.append(w[2])
        elif w[0] == "$upscope":
            scope.pop()
        elif w[0] == "$var":
            out[".".join(scope + [w[4]])] = int(w[2])
        elif w[0] == "$enddefinitions":
            break
    return out


def view_signals(path):
    """(name, width) of every trace line of a .gtkw save file."""
    sigs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "@-[*":
                continue
            m = re.fullmatch(r"(\S+?)(?:\[(\d+):(\d+)\])?", line)
            if not m:
                sigs.append((line, None))
                continue
            width = int(m.group(2)) - int(m.group(3)) + 1 if m.group(2) else 1
            sigs.append((m.group(1), width))
    return sigs


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if shutil.which("fst2vcd") is None:
        print("SKIP: fst2vcd not found: install the Debian package gtkwave (scripts/deps.sh wave)")
        return 77
    fails = []
    with tempfile.TemporaryDirectory() as tmp:
        for block, scn in RUNS.items():
            fst = os.path.join(tmp, f"{block}.fst")
            p = subprocess.run([sys.argv[1], "--test", scn, "--trace", fst, "--trace-start", "0",
                                "--trace-end", "2000"], cwd=ROOT, capture_output=True, text=True,
                               timeout=120)
            if p.returncode != 0 or not os.path.exists(fst):
                fails.append(f"{block}: the traced run failed (exit {p.returncode}): "
                             f"{(p.stdout + p.stderr).strip()[-300:]}")
                continue
            have = fst_signals(fst)
            view = os.path.join(ROOT, "sim", "waves", f"{block}.gtkw")
            sigs = view_signals(view)
            if not sigs:
                fails.append(f"{view}: no signals")
            for name, width in sigs:
                if name not in have:
                    fails.append(f"{block}.gtkw: {name} is not in the wave file")
                elif width is not None and have[name] != width:
                    fails.append(f"{block}.gtkw: {name} is {have[name]} bits in the wave file, "
                                 f"the view says {width}")
            print(f"{block}: {len(sigs)} view signals checked against {len(have)} traced")
    for f in fails:
        print("FAIL:", f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

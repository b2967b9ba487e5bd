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
            if not line or line[0] in "@-[*^":
                continue
            line = re.sub(r"^\+\{[^}]*\} ", "", line)  # an alias: +{shown name} signal
            m = re.fullmatch(r"(\S+?)(?:\[(\d+):(\d+)\])?", line)
            if not m:
                sigs.append((line, None))
                continue
            width = int(m.group(2)) - int(m.group(3)) + 1 if m.group(2) else 1
            sigs.append((m.group(1), width))
    return sigs


def fst_values(fst, names, until):
    """{name: [(time, value string)]} of the named variables up to time `until` (fst2vcd)."""
    vcd = subprocess.run(["fst2vcd", fst], capture_output=True, text=True, check=True).stdout
    scope, ids, out, t = [], {}, {n: [] for n in names}, 0
    defs = True
    for line in vcd.splitlines():
        w = line.split()
        if not w:
            continue
        if defs:
            if w[0] == "$scope":
                scope.append(w[2])
            elif w[0] == "$upscope":
                scope.pop()
            elif w[0] == "$var":
                name = ".".join(scope + [w[4]])
                if name in out:
                    ids.setdefault(w[3], []).append(name)
            elif w[0] == "$enddefinitions":
                defs = False
            continue
        if w[0][0] == "#":
            t = int(w[0][1:])
            if t > until:
                break
        elif w[0][0] in "bBrR" and len(w) == 2:
            for n in ids.get(w[1], []):
                out[n].append((t, w[0][1:]))
        elif w[0][0] in "01xzXZ" and w[0][1:] in ids:
            for n in ids[w[0][1:]]:
                out[n].append((t, w[0][0]))
    return out


def value_at(changes, t):
    v = None
    for tc, val in changes:
        if tc > t:
            break
        v = val
    return None if v is None else (int(v, 2) if set(v) <= {"0", "1"} else v)


def parse_save(path):
    """(marker time, named marker times, [(group, expanded, [trace names])], top traces, text)."""
    with open(path, encoding="utf-8") as f:
        lines = [ln.rstrip("\n") for ln in f]
    marker, named, groups, top, cur, flags = None, [], [], [], None, ""
    for i, ln in enumerate(lines):
        if ln.startswith("*"):
            w = ln[1:].split()
            marker = int(w[1])
            named = [int(x) for x in w[2:] if int(x) >= 0]
        elif ln.startswith("@"):
            flags = ln[1:]
        elif ln.startswith("-") and flags in ("800200", "c00200"):
            cur = (ln[1:], flags == "800200", [])
            groups.append(cur)
        elif ln.startswith("-") and flags in ("1000200", "1401200"):
            cur = None
        elif ln and ln[0] not in "[*^-@":
            name = re.sub(r"\[\d+:\d+\]$", "", re.sub(r"^\+\{[^}]*\} ", "", ln))
            (cur[2] if cur else top).append(name)
    return marker, named, groups, top, "\n".join(lines)


def check_failure_waves(fst, block, cycle):
    """The problems of a failing run's rerun output: FILE.fst and the save file FILE.gtkw beside
    it (marker at the divergence, failing group first and expanded with the DUT internals next,
    expected and actual rows adjacent, the mismatch signal rising at the marker, the expected
    and actual rows of the failing group differing there). [] when all is well."""
    p = "its" if block == "its" else "st"
    save = fst[:-4] + ".gtkw"
    if not os.path.exists(fst):
        return [f"no trace {fst}"]
    if not os.path.exists(save):
        return [f"no save file {save} beside the trace"]
    probs = []
    marker, named, groups, top, text = parse_save(save)
    t = cycle * 10  # 10 time units per cycle: timeInc(5) twice (sim/sim_main.cpp)
    if marker != t:
        probs.append(f"{save}: primary marker at {marker}, the divergence is at {t} (cycle {cycle})")
    if not named:
        probs.append(f"{save}: no named markers at the last agreeing operations")
    elif any(m > t for m in named):
        probs.append(f"{save}: a named marker (agreeing operation) lies after the divergence")
    if len(groups) < 2 or not groups[0][1] or groups[1][0] != "DUT internals" or not groups[1][1]:
        probs.append(f"{save}: the first groups are not the failing interface and the DUT "
                     f"internals, expanded: {[(g[0], g[1]) for g in groups[:2]]}")
    if any(g[1] for g in groups[2:]):
        probs.append(f"{save}: groups other than the failing one and the internals are open")
    for f in re.findall(r"\^\d+ (\S+)", text):
        if not os.path.exists(f):
            probs.append(f"{save}: filter file {f} does not exist")
    # Expected and actual on adjacent rows.
    traces = top + [n for g in groups for n in g[2]]
    pairs = []
    for i, n in enumerate(traces):
        if f"{p}_exp_" in n:
            want = n.replace(f"{p}_exp_", f"{p}_act_")
            if i + 1 >= len(traces) or traces[i + 1] != want:
                probs.append(f"{save}: {n} is not followed by {want}")
            else:
                pairs.append((n, want))
    fail_group = groups[0] if groups else ("", False, [])
    fail_pairs = [(e, a) for e, a in pairs if e in fail_group[2]]
    if not fail_pairs:
        probs.append(f"{save}: the failing group {fail_group[0]!r} has no expected/actual rows")
    have = fst_signals(fst)
    for n in traces:
        if n not in have:
            probs.append(f"{save}: {n} is not in the wave file")
    mism = f"TOP.tb.{p}_mismatch"
    vals = fst_values(fst, [mism] + [x for pr in fail_pairs for x in pr], t + 10)
    rise = next((tc for tc, v in vals[mism] if v == "1"), None)
    if rise != t:
        probs.append(f"{mism} rises at {rise}, the divergence is at {t}")
    # A failure no interface owns, or a scenario check (the model and the DUT may agree: the
    # expectation is what failed), need no differing pair.
    other = "[*] interface: other" in text or "a scenario check failed" in text
    if fail_pairs and not other and all(value_at(vals[e], t) == value_at(vals[a], t)
                                        for e, a in fail_pairs):
        probs.append(f"{save}: no expected/actual pair of {fail_group[0]!r} differs at the marker")
    return probs


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    if shutil.which("fst2vcd") is None:
        print("SKIP: fst2vcd not found: install the Debian package gtkwave (scripts/deps.sh wave)")
        return 77
    fails = []
    # The views, filter files and name nets are those the generator writes from the RTL and
    # docs/enc (a renamed signal or a changed encoding without a rerun is caught here).
    p = subprocess.run([sys.executable, os.path.join(ROOT, "scripts", "wave_views.py"),
                        "--check"], capture_output=True, text=True)
    if p.returncode != 0:
        fails.append("generated waves not current: " + (p.stdout + p.stderr).strip())
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
            with open(view, encoding="utf-8") as f:
                for flt in re.findall(r"^\^\d+ (\S+)$", f.read(), re.M):
                    if not os.path.exists(os.path.join(ROOT, flt)):
                        fails.append(f"{block}.gtkw: filter file {flt} does not exist")
            print(f"{block}: {len(sigs)} view signals checked against {len(have)} traced")
    # A scenario check that fails while the model and the DUT agree: the failing group is the
    # interface the check looks at (README "a waveform": the failing interface group first).
    checks = (("expect rd SET rd=3 intid=8195", "expect rd SET rd=1 intid=8195",
               "Redistributor events"),
              ("reg read 0x90 expect=0x100", "reg read 0x90 expect=0x120", "APB"))
    with tempfile.TemporaryDirectory() as tmp:
        with open(os.path.join(ROOT, "sim", "tests", "its_trigger.scn"), encoding="utf-8") as f:
            text = f.read()
        for k, (line, bad, group) in enumerate(checks):
            scn = os.path.join(tmp, f"check{k}.scn")
            with open(scn, "w", encoding="utf-8") as f:
                f.write(text.replace(line, bad, 1))
            fst = os.path.join(tmp, f"check{k}", "fail.fst")
            p = subprocess.run([sys.argv[1], "--test", scn, "--trace", fst, "--trace-start", "0",
                                "--trace-end", "2000"], cwd=ROOT, capture_output=True, text=True,
                               timeout=120)
            save = fst[:-len(".fst")] + ".gtkw"
            if line not in text:
                fails.append(f"sim/tests/its_trigger.scn has no line '{line}' to break")
                continue
            if p.returncode != 1 or not os.path.exists(save):
                fails.append(f"its_trigger with '{bad}': expected a failing run with a save "
                             f"file, got exit {p.returncode} {(p.stdout + p.stderr)[-300:]}")
                continue
            groups = parse_save(save)[2]
            first = groups[0][0] if groups else None
            if first != group:
                fails.append(f"its_trigger with '{bad}': the first group of {save} is "
                             f"{first!r}, expected {group!r}")
            else:
                print(f"scenario check '{bad}': waves open on {group!r}")
    for f in fails:
        print("FAIL:", f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

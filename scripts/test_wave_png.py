#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest sim/wave_png: a failing run's rerun writes a save file with the marker at the failure,
and `scripts/wave --png` draws it headless (GTKWave under Xvfb) into a picture that is not one
colour. Also: scripts/wave takes a path relative to the caller's directory and says
"file not found: PATH" (exit non-zero) for a missing one.

  scripts/test_wave_png.py build/cmake/sim/tb_sim
The failure is a scenario check that cannot hold (an `expect retire` with the wrong outcome),
so no broken design is needed; scripts/bugs --waves checks real divergences.
SKIP (77) without gtkwave or Xvfb (scripts/deps.sh wave).
"""
import json
import os
import shlex
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCN = os.path.join(ROOT, "sim", "tests", "its_smoke_movi_rewrite.scn")
GOOD = "expect retire cmd op=INT outcome=ok err=0"
BAD = "expect retire cmd op=INT outcome=ignored err=0"


def png_pixels(path):
    """(width, height, set of distinct pixels) of an 8-bit RGB/RGBA PNG, decoded here."""
    with open(path, "rb") as f:
        data = f.read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
            if depth != 8 or ctype not in (2, 6):
                raise ValueError(f"PNG depth {depth} colour type {ctype} not handled")
            bpp = 3 if ctype == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    raw = zlib.decompress(idat)
    stride = w * bpp
    prev = bytearray(stride)
    seen = set()
    for y in range(h):
        ft = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if ft == 1:
                line[i] = (line[i] + a) & 255
            elif ft == 2:
                line[i] = (line[i] + b) & 255
            elif ft == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif ft == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        for x in range(0, stride, bpp * 7):  # a sample of the pixels is enough
            seen.add(bytes(line[x:x + 3]))
        prev = line
    return w, h, seen


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    exe = os.path.abspath(sys.argv[1])
    if shutil.which("gtkwave") is None or shutil.which("Xvfb") is None:
        print("SKIP: gtkwave or Xvfb missing (scripts/deps.sh wave)")
        return 77
    fails = []
    wave = os.path.join(ROOT, "scripts", "wave")
    with tempfile.TemporaryDirectory() as tmp:
        # scripts/wave: a missing file is named as given.
        p = subprocess.run([wave, "no/such.fst"], cwd=tmp, capture_output=True, text=True)
        if p.returncode == 0 or "file not found: no/such.fst" not in p.stderr:
            fails.append(f"scripts/wave on a missing file: exit {p.returncode}, {p.stderr!r}")
        with open(SCN, encoding="utf-8") as f:
            text = f.read()
        if text.count(GOOD) != 1:
            print(f"FAIL: {SCN} no longer has the line '{GOOD}'")
            return 1
        scn = os.path.join(tmp, "wrong_outcome.scn")
        with open(scn, "w", encoding="utf-8") as f:
            f.write(text.replace(GOOD, BAD))
        res = os.path.join(tmp, "r.json")
        subprocess.run([exe, "--test", scn, "--result", res], cwd=tmp, capture_output=True,
                       timeout=300)
        with open(res, encoding="utf-8") as f:
            r = json.load(f)
        if r["status"] != "FAIL" or not r["rerun_waves"]:
            print(f"FAIL: the wrong expectation did not fail with a rerun command: {r}")
            return 1
        cmd = shlex.split(r["rerun_waves"])
        subprocess.run(cmd, cwd=tmp, capture_output=True, timeout=300)
        rel = cmd[cmd.index("--trace") + 1]  # relative: the rerun ran in tmp
        fst = os.path.join(tmp, rel)
        save = fst[:-4] + ".gtkw"
        if not os.path.exists(save):
            print(f"FAIL: the rerun wrote no save file {save}")
            return 1
        with open(save, encoding="utf-8") as f:
            stars = [ln for ln in f if ln.startswith("*")]
        want = r["mismatch_cycle"] * 10
        if len(stars) != 1 or int(stars[0].split()[1]) != want:
            fails.append(f"{save}: primary marker {stars}, want {want} (cycle "
                         f"{r['mismatch_cycle']})")
        # Headless picture, the trace named relative to the caller's directory.
        png = os.path.join(tmp, "view.png")
        p = subprocess.run([wave, "--png", "view.png", rel], cwd=tmp, capture_output=True,
                           text=True, timeout=120)
        if p.returncode != 0 or not os.path.exists(png):
            fails.append(f"scripts/wave --png: exit {p.returncode}: {(p.stdout + p.stderr)[-400:]}")
        else:
            w, h, seen = png_pixels(png)
            print(f"view.png: {w}x{h}, {len(seen)} colours sampled")
            if len(seen) < 3:
                fails.append(f"the picture is (nearly) one colour: {len(seen)} colours")
            if w < 800 or h < 500:
                fails.append(f"the picture is {w}x{h}: not the GTKWave window")
        keep = os.environ.get("WAVE_PNG_KEEP")
        if keep and os.path.exists(png):
            shutil.copy(png, keep)
    for f in fails:
        print("FAIL:", f)
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Record and replay one test (docs/trace.md): runs it live in lockstep with `--record`, replays
the capture offline (build/cmake/tb/replay) and compares the two verdicts, read from their
result files (never from the output).

  same (default)   the replay's verdict is the live one: a live PASS replays as a PASS; a live
                   divergence the checker found (or busy_o) replays with the same first mismatch;
                   any other live failure (a scenario check, the watchdog) must not replay as a
                   pass.
  --damage KIND    the live run must pass; the capture is then damaged and the replay must fail
                   naming the problem: truncate (the file ends inside a record), cut (the end
                   record is missing), corrupt (one payload bit flipped), missing (no file).
  --expect-overflow  the live run (with --record-stall) must pass; the replay must fail on the
                   encoder's overflow marker.

Exit 0 when the comparison holds, 1 when it does not, 77 when the build skips the scenario.
"""
import argparse
import json
import os
import re
import subprocess
import sys


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    return p.returncode, p.stdout


def read_result(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        return {"status": "MISSING", "first_mismatch": f"no result file {path}: {e}"}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sim", required=True)
    ap.add_argument("--replay", required=True)
    ap.add_argument("--test", required=True)
    ap.add_argument("--seed", default="1")
    ap.add_argument("--ops")
    ap.add_argument("--record-stall")
    ap.add_argument("--dir", required=True)
    ap.add_argument("--damage", choices=["truncate", "cut", "corrupt", "missing"])
    ap.add_argument("--expect-overflow", action="store_true")
    a = ap.parse_args()
    os.makedirs(a.dir, exist_ok=True)
    cap = os.path.join(a.dir, "trace.bin")
    live_json = os.path.join(a.dir, "live.json")
    rep_json = os.path.join(a.dir, "replay.json")
    for p in (cap, live_json, rep_json):
        if os.path.exists(p):
            os.remove(p)
    cmd = [a.sim, "--test", a.test, "--seed", a.seed, "--record", cap, "--result", live_json]
    if a.ops:
        cmd += ["--ops", a.ops]
    if a.record_stall:
        cmd += ["--record-stall", a.record_stall]
    rc, out = run(cmd)
    live = read_result(live_json)
    print(f"live:   rc={rc} {live.get('status')} {live.get('first_mismatch', '')}")
    if live.get("status") == "SKIP":
        return 77
    if live.get("status") not in ("PASS", "FAIL"):
        print(out[-3000:])
        print("trace_replay: the live run has no verdict")
        return 1
    if (a.damage or a.expect_overflow) and live["status"] != "PASS":
        print(out[-3000:])
        print("trace_replay: the live run must pass for this check")
        return 1
    if a.damage:
        size = os.path.getsize(cap)
        words = size // 8
        if a.damage == "missing":
            os.remove(cap)
            want = r"cannot open the trace"
        elif a.damage == "truncate":
            with open(cap, "r+b") as f:
                f.truncate(size - 12)  # inside the end record, and not a whole word
            want = r"truncated"
        elif a.damage == "cut":
            with open(cap, "r+b") as f:
                f.truncate((words - 3) * 8)  # the end record (3 words) is gone
            want = r"truncated trace: no HOST_END"
        else:
            with open(cap, "r+b") as f:
                data = bytearray(f.read())
                w = words // 2
                data[8 * w + 2] ^= 0x10
                f.seek(0)
                f.write(data)
            want = r"check byte|no record header|sequence number"
    elif a.expect_overflow:
        want = r"trace overflow: the encoder lost [1-9][0-9]* transactions"
    rrc, rout = run([a.replay, "--test", os.path.basename(a.test), "--result", rep_json, cap])
    rep = read_result(rep_json)
    print(f"replay: rc={rrc} {rep.get('status')} {rep.get('first_mismatch', '')}")
    if (rrc == 0) != (rep.get("status") == "PASS"):
        print(rout[-3000:])
        print("trace_replay: the replay's exit code and its result file disagree")
        return 1
    if a.damage or a.expect_overflow:
        if rep.get("status") != "FAIL" or not re.search(want, rep.get("first_mismatch", "")):
            print(rout[-3000:])
            print(f"trace_replay: expected a replay failure matching /{want}/")
            return 1
        print("trace_replay: OK (the damaged capture is a named failure)")
        return 0
    if live["status"] == "PASS":
        if rep.get("status") != "PASS":
            print(rout[-3000:])
            print("trace_replay: the live run passed, the replay did not")
            return 1
        print("trace_replay: OK (both pass)")
        return 0
    if rep.get("status") != "FAIL":
        print(rout[-3000:])
        print("trace_replay: the live run failed, the replay passed")
        return 1
    lfm = live.get("first_mismatch", "")
    checker = not re.match(r"scenario check failed|watchdog|the simulation ended|bench:", lfm)
    if checker and rep.get("first_mismatch") != lfm:
        print(rout[-3000:])
        print("trace_replay: different first divergence\n"
              f"  live:   {lfm}\n  replay: {rep.get('first_mismatch')}")
        return 1
    print("trace_replay: OK (both fail" + (", same first divergence)" if checker else ")"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

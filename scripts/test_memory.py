#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest memory/<block> (label memory): a random run's memory does not grow with its length.

Runs random-BLOCK with 10^5 and 2x10^5 operations and takes each run's peak resident set size
twice: as the run reports it (`peak_rss_kb` in its result file: VmHWM of the process) and from
outside (VmHWM of /proc/PID/status, sampled every 20 ms while it runs; the rusage of a child is
no use here, it counts the Python parent's memory copied at the fork). Fails when a run does not
pass, when its result file is missing, unreadable or lacks the figure, when a sample from outside
exceeds the reported peak by more than SLACK_KB (a figure that is not measured), when the bench's
own memory in a run is more than LIMIT_MB, or when the longer run's own memory is more than
GROWTH_MB above the shorter one's (before operations were generated on demand and the
observation log was bounded: about 13 MB more).

The bench's own memory is the peak RSS less the guest data of the memory images
(`guest_mem_kb` of the result file: the 4 KiB pages the stimulus wrote, or the 2 MiB chunks
holding them once there is more than one, in the DUT's and the model's image). That part grows with the stimulus's footprint, the distinct pages it writes
(the generator places tables, queues and ITTs anywhere and draws wide EventIDs, so a longer run
touches more pages), which is guest state and not a leak; it is printed, not bounded.

  scripts/test_memory.py build/cmake/sim/tb_sim its|stimer
"""
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OPS = (100000, 200000)
LIMIT_MB = 8  # the bench's own memory (4.4 MB per block on 2026-11-30; 16 MB bounded the whole
#               peak RSS, guest data included, before guest data was reported apart)
GROWTH_MB = 3
SLACK_KB = 256  # what the run may still allocate after it wrote its result file


def vm_hwm(pid):
    try:
        with open(f"/proc/{pid}/status", encoding="utf-8") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def run(exe, block, ops, tmp):
    res = os.path.join(tmp, f"{block}-{ops}.json")
    cmd = [exe, "--test", f"random-{block}", "--seed", "11", "--ops", str(ops), "--result", res]
    outside, samples = 0, 0
    with open(os.path.join(tmp, f"{block}-{ops}.log"), "w", encoding="utf-8") as log:
        p = subprocess.Popen(cmd, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        while p.poll() is None:
            kb = vm_hwm(p.pid)
            if kb:
                outside, samples = max(outside, kb), samples + 1
            time.sleep(0.02)
    rc = p.returncode
    try:
        with open(res, encoding="utf-8") as f:
            data = json.load(f)
        reported = data["peak_rss_kb"]
        guest = data["guest_mem_kb"]
        status_s = data["status"]
    except (OSError, ValueError, KeyError) as e:
        raise SystemExit(f"FAIL: {' '.join(cmd)} (exit {rc}): no usable result file: {e}")
    if rc != 0 or status_s != "PASS":
        raise SystemExit(f"FAIL: {' '.join(cmd)}: exit {rc}, status {status_s}")
    if not isinstance(reported, int) or reported <= 0:
        raise SystemExit(f"FAIL: {' '.join(cmd)}: peak_rss_kb is {reported!r}")
    if not isinstance(guest, int) or guest <= 0 or guest >= reported:
        raise SystemExit(f"FAIL: {' '.join(cmd)}: guest_mem_kb is {guest!r} "
                         f"(peak_rss_kb {reported})")
    if samples < 5:
        raise SystemExit(f"FAIL: {' '.join(cmd)}: only {samples} samples of its memory taken")
    if outside > reported + SLACK_KB:
        raise SystemExit(f"FAIL: {' '.join(cmd)}: reports a peak of {reported} KiB, but "
                         f"{outside} KiB was measured from outside")
    print(f"{block} {ops} operations ({data['ops']} scenario operations, {data['cycles']} "
          f"cycles): peak RSS {reported} KiB reported, {outside} KiB the highest of {samples} "
          f"samples from outside; guest data {guest} KiB, the bench's own {reported - guest} KiB")
    return reported - guest


def main():
    if len(sys.argv) != 3 or sys.argv[2] not in ("its", "stimer"):
        sys.exit(__doc__)
    exe, block = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        small, big = (run(exe, block, n, tmp) for n in OPS)
    fails = []
    for n, kb in zip(OPS, (small, big)):
        if kb > LIMIT_MB * 1024:
            fails.append(f"{n} operations: the bench's own memory {kb} KiB is above "
                         f"{LIMIT_MB} MB")
    if big - small > GROWTH_MB * 1024:
        fails.append(f"the bench's own memory grew by {big - small} KiB from {OPS[0]} to "
                     f"{OPS[1]} operations (bound {GROWTH_MB} MB): memory grows with the run's "
                     "length")
    for f in fails:
        print("FAIL: " + f)
    if not fails:
        print(f"memory/{block}: passed (growth {big - small} KiB)")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())

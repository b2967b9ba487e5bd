#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest fcov/writer: `tb_sim --fcov FILE` writes one `name count` line per functional coverage
bin (tb/c/fcov.c). One scenario per block: the bins its expect lines prove must be non-zero,
bins it cannot reach (the other block's, outcomes it never produces) must be 0, and nothing
falls outside the plan ('!' lines).

  scripts/test_fcov.py build/cmake/sim/tb_sim
"""
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CASES = [
    ("sim/tests/its_stall_retry.scn",
     # stalls on a DTE read, a command fetch, an ITE write and a DTE write; Retry re-runs;
     # an MSI needing the faulting DTE retires FAULT; CBASER clears a stall.
     ["its.stall.table_read.dte", "its.stall.fetch", "its.stall.table_write.ite",
      "its.stall.table_write.dte", "its.cmd.INT.stalled", "its.cmd.MAPTI.stalled",
      "its.retry.stalled", "its.retry.rerun.ok", "its.stall.cwriter_without_retry",
      "its.stall.cbaser_clears", "its.msi.port.fault", "its.msi.port.ok", "its.cmd.SYNC.ok",
      "its.rd.SYNC", "its.table.dt.flat.64k", "its.x.fault.fetch.cmd",
      "its.x.fault.dte_write.cmd.MAPD", "its.x.fault.ite_write.cmd.MAPTI",
      "its.x.fault.dte_read.cmd.INT", "its.x.fault.dte_read.msi.port"],
     ["stimer.attempt.oneshot.delivered", "stimer.eom", "its.cmd.MAPTI.ignored.0x010A06",
      "its.table.dt.indirect.64k", "its.msi.translater.ok", "its.stall.table_read.cte"]),
    ("sim/tests/stimer_fault_flag_write.scn",
     # write-only faults on a slot's header (the busy-flag write of a one-shot, the message_type
     # beat) and on a periodic timer's busy slot (never written), a read-only fault on a free
     # slot's header; retries after EOM.
     ["stimer.fault.flag_write", "stimer.fault.msg_write", "stimer.fault.busy_read",
      "stimer.x.oneshot.first.unmasked.flag_fault", "stimer.x.oneshot.retry.unmasked.flag_fault",
      "stimer.x.oneshot.retry.unmasked.busy_pending", "stimer.x.oneshot.retry.unmasked.delivered",
      "stimer.x.periodic.first.unmasked.busy_lost", "stimer.x.oneshot.first.unmasked.msg_fault",
      "stimer.x.oneshot.first.unmasked.read_fault"],
     ["stimer.attempt.periodic.fault", "stimer.x.periodic.first.unmasked.delivered",
      "stimer.x.oneshot.first.unmasked.delivered", "its.x.fault.fetch.cmd"]),
    ("sim/tests/stimer_multi_vp.scn",
     ["stimer.attempt.oneshot.delivered", "stimer.vp.nonzero", "stimer.simp_zero"],
     ["its.cmd.INT.ok", "its.stall.fetch", "stimer.msr.gp.direct_nofeat"]),
]


def fail(msg):
    print(f"FAIL: {msg}")
    sys.exit(1)


def read_fcov(path):
    counts, extra = {}, {}
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    if not lines or not lines[0].startswith("# functional coverage"):
        fail(f"{path}: no header line")
    for n, line in enumerate(lines[1:], 2):
        words = line.split()
        if len(words) != 2 or not words[1].isdigit():
            fail(f"{path}:{n}: expected 'name count', got '{line}'")
        name, count = words[0], int(words[1])
        if name.startswith("!"):
            extra[name[1:]] = count
        elif name in counts:
            fail(f"{path}:{n}: bin {name} twice")
        else:
            counts[name] = count
    return counts, extra


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    exe = sys.argv[1]
    bins = None
    with tempfile.TemporaryDirectory() as tmp:
        for scn, must, zero in CASES:
            out = os.path.join(tmp, os.path.basename(scn) + ".fcov")
            p = subprocess.run([exe, "--test", scn, "--fcov", out], cwd=ROOT,
                               capture_output=True, text=True, timeout=100)
            if p.returncode != 0:
                fail(f"{scn}: tb_sim exited {p.returncode}\n{p.stdout}{p.stderr}")
            counts, extra = read_fcov(out)
            if bins is not None and sorted(counts) != bins:
                fail(f"{scn}: a different bin list than the previous run")
            bins = sorted(counts)
            if extra:
                fail(f"{scn}: outcomes outside the plan: {extra}")
            for b in must + zero:
                if b not in counts:
                    fail(f"{scn}: bin {b} is not in the table")
            missed = [b for b in must if counts[b] == 0]
            if missed:
                fail(f"{scn}: bins the scenario must hit have count 0: {missed}")
            wrong = [f"{b}={counts[b]}" for b in zero if counts[b] != 0]
            if wrong:
                fail(f"{scn}: bins the scenario cannot hit have counts: {wrong}")
            print(f"{scn}: {sum(c > 0 for c in counts.values())} of {len(counts)} bins hit")
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())

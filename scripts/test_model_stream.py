#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""ctest <block>/random/model_stream (label random): the model alone runs the random stream
tb_sim runs. For a few seeds, `scn_model random-BLOCK:SEED --ops N` and `tb_sim --test
random-BLOCK --seed SEED --ops N`, SEED the same word to both (`010`, `0x1F` too), must both
pass and report the same number of operations and the same `ops_digest` (exec_ops_digest: kind and fields of every operation, in order) in their
result files; seeds must give different digests (a digest that ignores the operations would
pass the first check). Then the twins of two other tb_sim random runs, each of which must give
another digest than the default run of its seed (an option either program ignored fails):
non-default weights (`--gen-weights` to both), and, when a tb_sim of other RTL parameters is
given, that build against `scn_model --config CONFIG`. A missing or unreadable result file is
a failure.

  scripts/test_model_stream.py build/cmake/sim/tb_sim build/cmake/tb/scn_model its|stimer \
      [OTHER_TB_SIM 'CONFIG']   e.g. build/cmake/sim/tb_sim_rd2_vp64 'vps=64'
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# Seeds as the words given to both programs: the same word is the same seed on both (decimal,
# a leading zero that is not octal, 0x hex).
SEEDS = ("1", "2", "3", "010", "0x1F")
OPS = 600
# Non-default weights per block (docs/testplan.md): fewer of the most frequent kinds, more of
# rare ones.
WEIGHTS = {"its": "msi=0,mapti=40,reset=6,reprogram=5,junk=60",
           "stimer": "stimer.time=40,stimer.simp=200,stimer.ack=0,stimer.reset=20"}


def run(cmd, path):
    try:
        p = subprocess.run(cmd + ["--result", path], cwd=ROOT, capture_output=True, text=True)
    except OSError as e:
        sys.exit(f"FAIL: {' '.join(cmd)}: cannot run it ({e})")
    try:
        with open(path, encoding="utf-8") as f:
            r = json.load(f)
        ops, digest, status = int(r["ops"]), str(r["ops_digest"]), r["status"]
    except (OSError, ValueError, KeyError, TypeError) as e:
        sys.exit(f"FAIL: {' '.join(cmd)}: no readable result file ({e}); exit {p.returncode}: "
                 f"{(p.stdout + p.stderr)[-500:]}")
    if status != "PASS" or p.returncode != 0:
        sys.exit(f"FAIL: {' '.join(cmd)}: {status}, exit {p.returncode}: "
                 f"{r.get('first_mismatch', '')}")
    return ops, digest


def twin(tmp, tag, name, rtl_cmd, model_cmd, default):
    """tb_sim and scn_model with the options of one case, seed 1: the same stream, another
    digest than `default` (the default run of seed 1)."""
    rtl = run(rtl_cmd, os.path.join(tmp, f"rtl-{tag}.json"))
    model = run(model_cmd, os.path.join(tmp, f"model-{tag}.json"))
    if rtl != model:
        sys.exit(f"FAIL: {name}: tb_sim ran ops={rtl[0]} digest {rtl[1]}, scn_model "
                 f"ops={model[0]} digest {model[1]}")
    if rtl[1] == default:
        sys.exit(f"FAIL: {name}: the digest {rtl[1]} is the default run's: the option changed "
                 f"nothing")
    print(f"{name}: {rtl[0]} operations, digest {rtl[1]} in both runs")


def main():
    if len(sys.argv) not in (4, 6) or sys.argv[3] not in ("its", "stimer"):
        sys.exit(__doc__)
    tb_sim, scn_model, block = sys.argv[1:4]
    digests = set()
    default = None
    with tempfile.TemporaryDirectory() as tmp:
        for seed in SEEDS:
            rtl = run([tb_sim, "--test", f"random-{block}", "--seed", seed, "--ops", str(OPS)],
                      os.path.join(tmp, f"rtl{seed}.json"))
            model = run([scn_model, "--ops", str(OPS), f"random-{block}:{seed}"],
                        os.path.join(tmp, f"model{seed}.json"))
            if rtl != model:
                sys.exit(f"FAIL: seed {seed}: tb_sim ran ops={rtl[0]} digest {rtl[1]}, scn_model "
                         f"ops={model[0]} digest {model[1]}")
            print(f"seed {seed}: {rtl[0]} operations, digest {rtl[1]} in both runs")
            digests.add(rtl[1])
            default = default or rtl[1]
        test = ["--test", f"random-{block}", "--seed", str(SEEDS[0]), "--ops", str(OPS)]
        model = [scn_model, "--ops", str(OPS), f"random-{block}:{SEEDS[0]}"]
        w = ["--gen-weights", WEIGHTS[block]]
        twin(tmp, "weights", f"seed {SEEDS[0]} --gen-weights {WEIGHTS[block]}", [tb_sim] + test + w,
             [scn_model] + w + model[1:], default)
        if len(sys.argv) == 6:
            other, config = sys.argv[4:]
            twin(tmp, "config", f"seed {SEEDS[0]} {os.path.basename(other)} / --config '{config}'",
                 [other] + test, [scn_model, "--config", config] + model[1:], default)
    if len(digests) != len(SEEDS):
        sys.exit(f"FAIL: {len(SEEDS)} seeds gave only {len(digests)} different digests")
    print(f"PASS: scn_model runs tb_sim's {block} stream")
    return 0


if __name__ == "__main__":
    sys.exit(main())

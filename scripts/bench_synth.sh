#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Synthesis figures of the stimer block for the benchmark report (`make bench`): LUT and FF
# counts from scripts/synth.sh at 1, 8 and 64 VPs, one line each:
#   stimer synth NumVp=N: LUTs=.. FFs=.. (RAM cells=.. memory bits=.. longest path=..)
# Usage: scripts/bench_synth.sh [NumVp ...]   (default: 1 8 64)
set -euo pipefail
cd "$(dirname "$0")/.."

nvps=("$@")
[ ${#nvps[@]} -eq 0 ] && nvps=(1 8 64)
rc=0
for n in "${nvps[@]}"; do
  if ! line=$(scripts/synth.sh stimer "NumVp=$n" 2>&1 | grep -E '^synth: stimer_NumVp[0-9]+: '); then
    echo "stimer synth NumVp=$n: FAILED (see build/synth/stimer_NumVp$n.log)"
    rc=1
    continue
  fi
  luts=$(grep -oE 'LUTs=[0-9]+' <<<"$line")
  ffs=$(grep -oE 'FFs=[0-9]+' <<<"$line")
  rest=$(sed -E 's/.*FFs=[0-9]+ //; s/; no latches//' <<<"$line")
  echo "stimer synth NumVp=$n: $luts $ffs ($rest)"
done
exit $rc

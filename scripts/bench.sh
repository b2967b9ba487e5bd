#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every benchmark program (build/cmake/bench/bench_*), each printing one figure a line.
# Benchmarks print figures; they never pass or fail on timing.
set -euo pipefail
self="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

# The whole output also becomes the bench section of the report page (scripts/report.py).
if [ -z "${IRQV_BENCH_INNER:-}" ]; then
  out=${IRQV_REPORT_DIR:-build/report}
  mkdir -p "$out"
  set +e
  IRQV_BENCH_INNER=1 "$self" "$@" 2>&1 | tee "$out/bench.txt"
  rc=${PIPESTATUS[0]}
  set -e
  scripts/report.py bench "$out/bench.txt" "$rc" || rc=1
  exit "$rc"
fi
dir=build/cmake/bench
rc=0
for b in "$dir"/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" || rc=1
done

# Instructions per MSI translation of the ITS model, counted by callgrind inside its_translate
# only (set-up excluded): repeatable whatever else the machine is doing.
if [ -x "$dir/bench_its" ] && command -v valgrind >/dev/null; then
  n=20000
  out=$(mktemp)
  valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect=its_translate \
    "$dir/bench_its" --translate-only $n >/dev/null 2>&1 || rc=1
  ir=$(awk '/^summary:/{print $2}' "$out")
  rm -f "$out"
  echo "== callgrind"
  echo "its model: instructions per MSI translation (callgrind): $((ir / n))"
fi

# Lockstep cost and model-alone vs RTL time (needs the tb_sim builds).
if [ -x build/cmake/sim/tb_sim ]; then
  echo "== lockstep"
  scripts/bench_lockstep.py || rc=1
fi

# Area of the stimer at 1, 8 and 64 VPs (Yosys synth_xilinx) and of the ITS.
echo "== synthesis"
scripts/bench_synth.sh || rc=1
scripts/synth.sh its | sed 's/^synth: /its synth: /' || rc=1
exit $rc

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every benchmark program (build/cmake/bench/bench_*), each printing one figure a line.
# Benchmarks print figures; they never pass or fail on timing.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=build/cmake/bench
rc=0
for b in "$dir"/bench_*; do
  [ -x "$b" ] || continue
  echo "== $(basename "$b")"
  "$b" || rc=1
done
exit $rc

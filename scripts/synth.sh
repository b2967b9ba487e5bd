#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Synthesis check with Yosys (synth_xilinx): prints LUT/FF/memory-bit counts and the longest
# logic path (in LUT levels) per block, and fails on any latch.
# Usage: scripts/synth.sh [block] [Param=value ...]   (default: every rtl/<block>/<block>.f)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh synth

blocks=()
params=()
for a in "$@"; do
  case "$a" in
    *=*) params+=("$a") ;;
    *) blocks+=("$a") ;;
  esac
done
if [ ${#blocks[@]} -eq 0 ]; then
  for f in rtl/*/*.f; do blocks+=("$(basename "$(dirname "$f")")"); done
fi

out=build/synth
mkdir -p "$out"
rc=0
for block in "${blocks[@]}"; do
  mapfile -t files < <(grep -v '^\s*#' "rtl/$block/$block.f" | sed '/^\s*$/d')
  chparam=""
  tag=$block
  for p in "${params[@]+"${params[@]}"}"; do
    chparam+=" -set ${p%%=*} ${p#*=}"
    tag+="_${p%%=*}${p#*=}"
  done
  [ -n "$chparam" ] && chparam="chparam$chparam ${block}_top;"
  log=$out/$tag.log
  # Latches are checked right after proc, where an inferred latch is a $dlatch cell.
  script="read_verilog -sv -DSYNTHESIS -Irtl/common ${files[*]}; hierarchy -check -top ${block}_top;
    $chparam proc; select -assert-none t:\$dlatch t:\$adlatch t:\$dlatchsr;
    synth_xilinx -flatten -top ${block}_top; select -assert-none t:LD* t:\$_DLATCH_*;
    tee -o $out/$tag.stat stat; ltp -noff"
  if ! yosys -q -l "$log" -p "$script" >/dev/null 2>&1; then
    echo "synth: $tag FAILED (latch or error), see $log" >&2
    grep -iE 'error|assert' "$log" | head -5 >&2 || true
    rc=1
    continue
  fi
  luts=$(awk '/LUT[1-6] /{s+=$2} END{print s+0}' "$out/$tag.stat")
  ffs=$(awk '/ FD[A-Z]* /{s+=$2} END{print s+0}' "$out/$tag.stat")
  rams=$(awk '/RAM[0-9A-Z_]* /{s+=$2} END{print s+0}' "$out/$tag.stat")
  mbits=$(grep -E 'Estimated number of memory bits|memory bits' "$out/$tag.stat" | awk '{print $NF}' | tail -1)
  ltp=$(grep -oE 'Longest topological path.*length=[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  echo "synth: $tag: LUTs=$luts FFs=$ffs RAM cells=$rams memory bits=${mbits:-0} longest path=${ltp:-?} cells; no latches"
done
exit $rc

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
  mapfile -t files < <(grep -v '^\s*[#+]' "rtl/$block/$block.f" | sed '/^\s*$/d')
  chparam=""
  tag=$block
  for p in "${params[@]+"${params[@]}"}"; do
    chparam+=" -chparam ${p%%=*} ${p#*=}"
    tag+="_${p%%=*}${p#*=}"
  done
  # Parameters are applied by `hierarchy -chparam`: a `chparam` after `hierarchy` cannot
  # re-elaborate submodules whose unparameterised versions `hierarchy` has already removed.
  log=$out/$tag.log
  # Latches are checked right after proc, where an inferred latch is a $dlatch cell.
  # The longest path is measured between registers: `ltp -noff` only knows Yosys' internal
  # flip-flop types, so the mapped Xilinx flip-flops (FD*) and RAMs (block RAMB* and distributed
  # RAM32M/RAM64X1D/...: ltp sees a LUTRAM as a path from its write port to its read data, a
  # false loop) are taken out of the selection, else the path runs on through every register.
  # Memory bits are counted on the inferred $mem cells before mapping (after synth_xilinx they
  # are RAM primitives and `stat` reports 0 memory bits).
  script="read_verilog -sv -DSYNTHESIS -Irtl/common ${files[*]}; hierarchy -check -top ${block}_top$chparam;
    proc; select -assert-none t:\$dlatch t:\$adlatch t:\$dlatchsr;
    design -save pre; flatten; tee -o $out/$tag.mem.stat stat;
    design -load pre;
    synth_xilinx -flatten -top ${block}_top; select -assert-none t:LD* t:\$_DLATCH_*;
    tee -o $out/$tag.stat stat; ltp -noff * t:FD* %d t:RAM* %d"
  if ! yosys -q -l "$log" -p "$script" >/dev/null 2>&1; then
    echo "synth: $tag FAILED (latch or error), see $log" >&2
    grep -iE 'error|assert' "$log" | head -5 >&2 || true
    rc=1
    continue
  fi
  # Yosys 0.23 silently turns some SystemVerilog it does not support (a member access on an
  # array element, for one) into an implicitly declared wire: treat that as a failure.
  if grep -q 'is implicitly declared' "$log"; then
    echo "synth: $tag FAILED: implicitly declared identifiers (unsupported SystemVerilog?)" >&2
    grep 'is implicitly declared' "$log" | sort -u | head -5 >&2
    rc=1
    continue
  fi
  # stat lines are "<cell type> <count>"; LUT6_2 is a LUT too.
  luts=$(awk '$1 ~ /^LUT[1-6](_2)?$/ {s+=$2} END{print s+0}' "$out/$tag.stat")
  ffs=$(awk '$1 ~ /^FD[A-Z0-9_]*$/ {s+=$2} END{print s+0}' "$out/$tag.stat")
  rams=$(awk '$1 ~ /^RAM[0-9A-Z_]*$/ {s+=$2} END{print s+0}' "$out/$tag.stat")
  mbits=$(awk '/Number of memory bits:/ {print $NF}' "$out/$tag.mem.stat" | tail -1)
  ltp=$(grep -oE 'Longest topological path.*length=[0-9]+' "$log" | grep -oE '[0-9]+$' | tail -1)
  echo "synth: $tag: LUTs=$luts FFs=$ffs RAM cells=$rams memory bits=${mbits:-0} longest path=${ltp:-?} cells; no latches"
done
exit $rc

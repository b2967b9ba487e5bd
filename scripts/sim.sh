#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make sim`: runs the simulations that exist (the RTL smoke benches) and prints a summary.
set -euo pipefail
cd "$(dirname "$0")/.."
ctest --test-dir build/cmake --output-on-failure -L sim

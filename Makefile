# SPDX-License-Identifier: Apache-2.0
# Wrappers around CMake/ctest and the scripts. `make sim` and `make test` set up a fresh machine.
BUILD      ?= build/cmake
ASAN_BUILD ?= build/asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps configure build test test-asan sim lint format synth bench clean

all: build

deps:
	@scripts/deps.sh build wave

$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) $(CMAKE_ARGS)

configure: $(BUILD)/CMakeCache.txt

build: configure
	cmake --build $(BUILD) -j $(JOBS)

# Every test through ctest: model unit tests, directed scenarios (model alone and lockstep),
# random seeds, verdict and script tests, the regression on a real single-node Slurm (label
# slurm; its packages come from `scripts/deps.sh slurm`, without them it reports SKIP).
# JUnit XML of the run: $(TEST_JUNIT).
TEST_JUNIT ?= $(CURDIR)/build/ctest-junit.xml
test: build
	@scripts/deps.sh slurm || echo "make: the Slurm packages are missing: regress/slurm_real will SKIP"
	@scripts/deps.sh report || echo "make: chromium is missing: report/page will SKIP"
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) --output-junit $(TEST_JUNIT)

# The model unit tests under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DPRJ_SANITIZE=ON -DPRJ_RTL=OFF $(CMAKE_ARGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L cmodel

sim: build
	@scripts/tools.sh check verilator
	scripts/sim.py

lint:
	@scripts/deps.sh lint
	scripts/lint.sh

format:
	@scripts/deps.sh lint
	git ls-files --cached --others --exclude-standard 'cmodel/*.[ch]' 'tb/*.[ch]' \
	  'sim/*.cpp' 'sim/*.h' | grep -v '_enc\.[ch]$$' | sort -u | xargs -r clang-format -i

# Yosys (generic, Xilinx mapping: LUT/FF counts, no latches), then place and route on an ECP5
# (scripts/pnr.py: Fmax, utilisation, critical path; YoWASP tools from PyPI on first use).
synth:
	@scripts/deps.sh synth
	scripts/synth.sh
	scripts/pnr.py

bench: build
	@scripts/deps.sh bench
	scripts/bench.sh

clean:
	rm -rf build

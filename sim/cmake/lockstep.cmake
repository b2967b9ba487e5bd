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

set(PRJ_BENCH_SOURCES ${PRJ_TB_DIR}/c/bench.c ${PRJ_TB_DIR}/c/gen.c)
set_source_files_properties(${PRJ_BENCH_SOURCES} ${PRJ_TB_DIR}/dpi/tb_dpi.c
                            PROPERTIES COMPILE_OPTIONS "${PRJ_WARN_FLAGS}")
add_library(tb_bench STATIC ${PRJ_BENCH_SOURCES})
target_link_libraries(tb_bench PUBLIC tb_c)

# One executable per RTL configuration. The model takes its parameters from the harness at
# start (c_dpi_init), so the two cannot drift apart. Extra arguments go to verilate() (COVERAGE).
function(prj_lockstep_variant target num_vp feat_direct)
  add_executable(${target} ${CMAKE_CURRENT_SOURCE_DIR}/sim_main.cpp ${PRJ_TB_DIR}/dpi/tb_dpi.c)
  target_link_libraries(${target} PRIVATE tb_bench)
  verilate(${target} TRACE_FST ${ARGN}
    PREFIX Vtb
    TOP_MODULE tb
    SOURCES ${PRJ_RTL_FILES} ${PRJ_TB_DIR}/sv/tb_dpi_pkg.sv ${PRJ_TB_DIR}/sv/tb.sv
    VERILATOR_ARGS -Wall --assert -DPRJ_ASSERT_ON --trace-structs --x-assign unique --x-initial unique
                   --no-timing --timescale 1ns/1ns -I${PRJ_RTL_DIR}/common
                   -I${PRJ_TB_DIR}/sv ${PRJ_WAIVER}
                   -GNumVp=${num_vp} -GFeatDirect=${feat_direct}
    OPT_FAST -O2)
endfunction()
prj_lockstep_variant(tb_sim 4 1)  # the default: NumRd=4, NumVp=4, all features
prj_lockstep_variant(tb_sim_vp1 1 1)
prj_lockstep_variant(tb_sim_vp2 2 1)
prj_lockstep_variant(tb_sim_vp1_nodirect 1 0)

# Verilator line/toggle coverage of the default configuration, for scripts/coverage (which
# configures build/cov with it). Off by default: the instrumented model is slower to build and
# to run, and `make test` does not need it. Each run writes its data with `--cov FILE`. The
# run-once code (__Slow files: initialisation and the ~23000 coverage point declarations) is
# compiled with -O0: at -O2 it alone takes more than 10 minutes.
option(PRJ_COVERAGE "Also build tb_sim_cov: tb_sim with Verilator line/toggle coverage" OFF)
if(PRJ_COVERAGE)
  prj_lockstep_variant(tb_sim_cov 4 1 COVERAGE OPT_SLOW -O0)
endif()

# The build a scenario needs, from its `config` line (vps, feat_direct).
function(prj_scenario_target scn out)
  file(STRINGS ${scn} cfg REGEX "^config ")
  set(vps 4)
  set(direct 1)
  if(cfg MATCHES "vps=([0-9]+)")
    set(vps ${CMAKE_MATCH_1})
  endif()
  if(cfg MATCHES "feat_direct=0")
    set(direct 0)
  endif()
  if(vps EQUAL 4 AND direct EQUAL 1)
    set(${out} tb_sim PARENT_SCOPE)
  elseif(vps EQUAL 1 AND direct EQUAL 1)
    set(${out} tb_sim_vp1 PARENT_SCOPE)
  elseif(vps EQUAL 2 AND direct EQUAL 1)
    set(${out} tb_sim_vp2 PARENT_SCOPE)
  elseif(vps EQUAL 1 AND direct EQUAL 0)
    set(${out} tb_sim_vp1_nodirect PARENT_SCOPE)
  else()
    set(${out} tb_sim PARENT_SCOPE)  # tb_sim reports SKIP with the configuration it needs
  endif()
endfunction()

file(GLOB PRJ_LOCKSTEP_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/tests/*.scn)
foreach(scn ${PRJ_LOCKSTEP_SCENARIOS})
  get_filename_component(name ${scn} NAME_WE)
  file(STRINGS ${scn} first LIMIT_COUNT 1 REGEX "^block ")
  string(REGEX REPLACE "^block +([a-z]+).*" "\\1" block "${first}")
  prj_scenario_target(${scn} exe)
  add_test(NAME ${block}/scn/${name}/rtl COMMAND ${exe} --test ${scn} --seed 1
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${block}/scn/${name}/rtl PROPERTIES LABELS "sim;rtl;lockstep"
                       SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()

# Scenarios both runners must refuse (sim/tests/bad): a value no DUT port can carry is an error
# report naming its line, never a truncation. <block>/refuse/<name>/{model,rtl}.
file(GLOB PRJ_BAD_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/tests/bad/*.scn)
foreach(scn ${PRJ_BAD_SCENARIOS})
  get_filename_component(name ${scn} NAME_WE)
  file(STRINGS ${scn} first LIMIT_COUNT 1 REGEX "^block ")
  string(REGEX REPLACE "^block +([a-z]+).*" "\\1" block "${first}")
  string(REGEX REPLACE "^${block}_" "" short "${name}")
  prj_scenario_target(${scn} exe)
  add_test(NAME ${block}/refuse/${short}/rtl COMMAND ${exe} --test ${scn} --seed 1
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

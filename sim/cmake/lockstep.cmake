# SPDX-License-Identifier: Apache-2.0
# The lockstep simulation: both DUTs (tb/sv/tb.sv), the C bench (tb/c) and the golden model,
# in one Verilator executable `tb_sim`. ctest runs every scenario of sim/tests in lockstep
# (<block>/scn/<name>/rtl) and a few random seeds per block (<block>/random/seed<N>).
option(PRJ_LOCKSTEP "Build the lockstep simulation tb_sim" OFF)
if(NOT PRJ_LOCKSTEP)
  return()
endif()
if(NOT EXISTS ${PRJ_RTL_DIR}/its/its.f OR NOT EXISTS ${PRJ_RTL_DIR}/stimer/stimer.f)
  message(STATUS "lockstep: rtl/its/its.f or rtl/stimer/stimer.f missing; tb_sim not built")
  return()
endif()
prj_read_filelist(its PRJ_ITS_FILES)
prj_read_filelist(stimer PRJ_ST_FILES)

set(PRJ_BENCH_SOURCES ${PRJ_TB_DIR}/c/bench.c ${PRJ_TB_DIR}/c/sb_its.c
                      ${PRJ_TB_DIR}/c/sb_stimer.c ${PRJ_TB_DIR}/c/gen.c ${PRJ_TB_DIR}/dpi/tb_dpi.c)
set_source_files_properties(${PRJ_BENCH_SOURCES} PROPERTIES COMPILE_OPTIONS "${PRJ_WARN_FLAGS}")
add_executable(tb_sim ${CMAKE_CURRENT_SOURCE_DIR}/sim_main.cpp ${PRJ_BENCH_SOURCES})
target_link_libraries(tb_sim PRIVATE tb_c)
verilate(tb_sim TRACE_FST
  PREFIX Vtb
  TOP_MODULE tb
  SOURCES ${PRJ_ITS_FILES} ${PRJ_ST_FILES} ${PRJ_TB_DIR}/sv/tb.sv
  INCLUDE_DIRS ${PRJ_RTL_DIR}/common
  VERILATOR_ARGS -Wall --assert -DPRJ_ASSERT_ON --x-assign unique --x-initial unique --no-timing
                 -I${PRJ_RTL_DIR}/common ${PRJ_WAIVER}
  OPT_FAST -O2)

file(GLOB PRJ_LOCKSTEP_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/tests/*.scn)
foreach(scn ${PRJ_LOCKSTEP_SCENARIOS})
  get_filename_component(name ${scn} NAME_WE)
  file(STRINGS ${scn} first LIMIT_COUNT 1 REGEX "^block ")
  string(REGEX REPLACE "^block +([a-z]+).*" "\\1" block "${first}")
  add_test(NAME ${block}/scn/${name}/rtl COMMAND tb_sim --test ${scn} --seed 1
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${block}/scn/${name}/rtl PROPERTIES LABELS "sim;rtl;lockstep"
                       SKIP_RETURN_CODE 77 TIMEOUT 300)
endforeach()

# A few random seeds per block in `make test`; scripts/regress runs hundreds.
set(PRJ_TEST_SEEDS 1 2 3 4 5 6 7 8 CACHE STRING "random seeds run by ctest per block")
foreach(block its stimer)
  foreach(seed ${PRJ_TEST_SEEDS})
    add_test(NAME ${block}/random/seed${seed}
             COMMAND tb_sim --test random-${block} --seed ${seed} --ops 400
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    set_tests_properties(${block}/random/seed${seed} PROPERTIES LABELS "sim;rtl;lockstep;random"
                         TIMEOUT 300)
  endforeach()
endforeach()

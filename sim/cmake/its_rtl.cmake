# SPDX-License-Identifier: Apache-2.0
# ITS RTL block tests (no C model): the smoke test `its/rtl/smoke` and the simulation benchmark
# bench_its_rtl (run by `make bench`). One Verilated model (library its_rtl_tb) serves both.
prj_read_filelist(its ITS_RTL_SOURCES)
option(ITS_RTL_TRACE "Build the ITS testbench with FST tracing (+trace)" OFF)

set(ITS_TB_DIR ${PRJ_TB_DIR}/its)
set(its_trace)
if(ITS_RTL_TRACE)
  set(its_trace TRACE_FST)
endif()

add_library(its_rtl_tb STATIC)
verilate(its_rtl_tb ${its_trace}
  PREFIX Vtb_its
  TOP_MODULE tb_its
  DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/vl_its_rtl
  SOURCES ${ITS_RTL_SOURCES} ${ITS_TB_DIR}/tb_its_mem.sv ${ITS_TB_DIR}/tb_its.sv
  VERILATOR_ARGS -Wall --assert -DPRJ_ASSERT_ON --x-assign unique --x-initial unique --no-timing
                 -I${PRJ_RTL_DIR}/common -I${ITS_TB_DIR} ${PRJ_WAIVER}
  OPT_SLOW -O0 -g0
  OPT_FAST -O2 -g0)

add_executable(its_rtl_smoke ${CMAKE_CURRENT_SOURCE_DIR}/its_rtl_main.cpp)
target_link_libraries(its_rtl_smoke PRIVATE its_rtl_tb)
add_test(NAME its/rtl/smoke COMMAND its_rtl_smoke +verilator+seed+1)
set_tests_properties(its/rtl/smoke PROPERTIES LABELS "sim;rtl" TIMEOUT 300)
add_test(NAME its/rtl/stress COMMAND its_rtl_smoke +stress +verilator+seed+7)
set_tests_properties(its/rtl/stress PROPERTIES LABELS "sim;rtl" TIMEOUT 300)

add_executable(bench_its_rtl ${CMAKE_CURRENT_SOURCE_DIR}/its_rtl_main.cpp)
target_link_libraries(bench_its_rtl PRIVATE its_rtl_tb)
target_compile_definitions(bench_its_rtl PRIVATE ITS_RTL_BENCH=1)
set_target_properties(bench_its_rtl PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PRJ_BENCH_DIR})

if(ITS_RTL_TRACE)
  target_compile_definitions(its_rtl_smoke PRIVATE ITS_RTL_TRACE=1)
  target_compile_definitions(bench_its_rtl PRIVATE ITS_RTL_TRACE=1)
endif()

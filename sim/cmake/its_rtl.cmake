# SPDX-License-Identifier: Apache-2.0
# ITS RTL cycle benchmark (no C model): bench_its_rtl, run by `make bench`. The behaviour is
# checked by the scenarios and random tests in lockstep (sim/cmake/lockstep.cmake).
prj_read_filelist(its ITS_RTL_SOURCES)

set(ITS_TB_DIR ${PRJ_TB_DIR}/its)
add_executable(bench_its_rtl ${CMAKE_CURRENT_SOURCE_DIR}/its_rtl_bench.cpp)
set_target_properties(bench_its_rtl PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PRJ_BENCH_DIR})
prj_verilate(bench_its_rtl
  PREFIX Vtb_its
  TOP_MODULE tb_its
  DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/vl_bench_its_rtl
  SOURCES ${ITS_RTL_SOURCES} ${ITS_TB_DIR}/tb_its_mem.sv ${ITS_TB_DIR}/tb_its.sv
  VERILATOR_ARGS -Wall --assert -DPRJ_ASSERT_ON --x-assign unique --x-initial unique --no-timing
                 -I${PRJ_RTL_DIR}/common -I${ITS_TB_DIR} ${PRJ_WAIVER}
  OPT_SLOW -O0 -g0
  OPT_FAST -O2 -g0)

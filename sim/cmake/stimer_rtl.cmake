# SPDX-License-Identifier: Apache-2.0
# stimer RTL cycle benchmark (no C model): bench_stimer_rtl, run by `make bench`. The behaviour
# is checked by the scenarios and random tests in lockstep (sim/cmake/lockstep.cmake).
prj_read_filelist(stimer STIMER_RTL_SOURCES)

set(STIMER_TB_DIR ${PRJ_TB_DIR}/stimer)
set(STIMER_VL_ARGS -Wall --assert -DPRJ_ASSERT_ON --x-assign unique --x-initial unique
    --no-timing -I${PRJ_RTL_DIR}/common -I${STIMER_TB_DIR} ${PRJ_WAIVER})

# Two configurations of one testbench in one program.
add_executable(bench_stimer_rtl ${CMAKE_CURRENT_SOURCE_DIR}/stimer_rtl_bench.cpp)
set_target_properties(bench_stimer_rtl PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PRJ_BENCH_DIR})
foreach(nvp 1 64)
  prj_verilate(bench_stimer_rtl
    PREFIX Vtb_stimer_bench_v${nvp}
    TOP_MODULE tb_stimer_bench
    DIRECTORY ${CMAKE_CURRENT_BINARY_DIR}/vl_bench_stimer_rtl_v${nvp}
    SOURCES ${STIMER_RTL_SOURCES} ${STIMER_TB_DIR}/tb_stimer_pkg.sv
            ${STIMER_TB_DIR}/tb_stimer_mem.sv ${STIMER_TB_DIR}/tb_stimer_bench.sv
    VERILATOR_ARGS ${STIMER_VL_ARGS} -GNumVp=${nvp}
    OPT_FAST -O2)
endforeach()

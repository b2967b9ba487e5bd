// SPDX-License-Identifier: Apache-2.0
// bench_stimer_rtl: runs the stimer cycle benchmark (tb/stimer/tb_stimer_bench.sv) verilated at
// NumVp = 1 and NumVp = 64; the testbench prints one figure a line and raises done_o at the end.
// Exits non-zero if a run did not complete cleanly (a benchmark never fails on its figures).
#include <cstdio>

#include "Vtb_stimer_bench_v1.h"
#include "Vtb_stimer_bench_v64.h"
#include "rtl_bench.h"

int main(int argc, char **argv) {
  std::printf(
      "stimer rtl: memory latency 2 cycles, no back-pressure, interrupts always accepted\n");
  bool ok =
      prj_run_rtl_bench<Vtb_stimer_bench_v1>("bench_stimer_rtl NumVp=1", argc, argv, 20000000);
  ok = prj_run_rtl_bench<Vtb_stimer_bench_v64>("bench_stimer_rtl NumVp=64", argc, argv, 20000000) &&
       ok;
  return ok ? 0 : 1;
}

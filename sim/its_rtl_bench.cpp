// SPDX-License-Identifier: Apache-2.0
// bench_its_rtl: runs the ITS cycle benchmark (tb/its/tb_its.sv with the program of
// tb/its/tb_its_bench.svh); the testbench prints one figure a line. Exits non-zero if the run did
// not complete cleanly (a benchmark never fails on its figures).
#include "Vtb_its.h"
#include "rtl_bench.h"

int main(int argc, char **argv) {
  return prj_run_rtl_bench<Vtb_its>("bench_its_rtl", argc, argv, 5000000) ? 0 : 1;
}

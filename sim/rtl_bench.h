// SPDX-License-Identifier: Apache-2.0
// What the thin mains of the RTL cycle benchmarks share (sim/its_rtl_bench.cpp,
// sim/stimer_rtl_bench.cpp): run one Verilated benchmark testbench (ports clk_i, done_o, pass_o)
// from its power-on until it raises done_o. The testbench prints its figures itself.
#pragma once

#include <verilated.h>

#include <cstdint>
#include <cstdio>
#include <memory>

// Returns true if the run ended cleanly: done_o with pass_o, no $stop/$fatal.
template <typename Model>
bool prj_run_rtl_bench(const char *name, int argc, char **argv, uint64_t max_cycles) {
  const std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
  ctx->randReset(2);  // X-initialised state random (+verilator+seed+N picks the seed)
  ctx->commandArgs(argc, argv);
  const std::unique_ptr<Model> top{new Model{ctx.get(), "TOP"}};
  uint64_t cycles = 0;
  top->clk_i = 0;
  top->eval();
  while (!top->done_o && !ctx->gotFinish() && cycles < max_cycles) {
    top->clk_i = 1;
    top->eval();
    ctx->timeInc(1);
    top->clk_i = 0;
    top->eval();
    ctx->timeInc(1);
    ++cycles;
  }
  top->final();
  const bool ok = top->done_o && !ctx->gotError() && top->pass_o;
  if (!ok) {
    std::printf("%s: FAIL after %llu cycles\n", name, static_cast<unsigned long long>(cycles));
  }
  return ok;
}

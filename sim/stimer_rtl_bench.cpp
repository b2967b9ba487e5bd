// SPDX-License-Identifier: Apache-2.0
// bench_stimer_rtl: runs the stimer cycle benchmark (tb/stimer/tb_stimer_bench.sv) verilated at
// NumVp = 1 and NumVp = 64; the testbench prints one figure a line and raises done_o at the end.
// Exits non-zero if a run did not complete cleanly (a benchmark never fails on its figures).
#include <cstdint>
#include <cstdio>
#include <memory>

#include "Vtb_stimer_bench_v1.h"
#include "Vtb_stimer_bench_v64.h"
#include "verilated.h"

namespace {

template <typename Model>
bool run(const char *name) {
  const std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
  ctx->randReset(2);
  const std::unique_ptr<Model> top{new Model{ctx.get(), name}};
  const uint64_t max_cycles = 20000000;
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

}  // namespace

int main() {
  std::printf(
      "stimer rtl: memory latency 2 cycles, no back-pressure, interrupts always accepted\n");
  bool ok = run<Vtb_stimer_bench_v1>("TOP");
  ok = run<Vtb_stimer_bench_v64>("TOP") && ok;
  return ok ? 0 : 1;
}

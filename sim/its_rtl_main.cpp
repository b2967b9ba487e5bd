// SPDX-License-Identifier: Apache-2.0
// Thin Verilator main for the ITS block testbench (tb/its/tb_its.sv): drives the clock, optionally
// writes an FST trace (+trace, when built with ITS_RTL_TRACE), and exits with the testbench
// result. The run passes only on a clean $finish with the testbench's pass flag set. Built twice:
// the smoke/stress test, and with ITS_RTL_BENCH the benchmark (adds +bench to the arguments; the
// testbench then prints only its figures and ends with done_o instead of $finish).
#include <cstdint>
#include <cstdio>
#include <memory>
#include <vector>

#include "Vtb_its.h"
#include "verilated.h"
#if ITS_RTL_TRACE
#include "verilated_fst_c.h"
#endif

int main(int argc, char **argv) {
  std::vector<const char *> args(argv, argv + argc);
#if ITS_RTL_BENCH
  args.push_back("+bench");
#endif
  const std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
  ctx->randReset(2);  // X-initialised state random (+verilator+seed+N picks the seed)
  ctx->commandArgs(static_cast<int>(args.size()), args.data());
  const std::unique_ptr<Vtb_its> top{new Vtb_its{ctx.get(), "TOP"}};

#if ITS_RTL_TRACE
  std::unique_ptr<VerilatedFstC> tfp;
  const char *trace_arg = ctx->commandArgsPlusMatch("trace");
  if (trace_arg && trace_arg[0]) {
    ctx->traceEverOn(true);
    tfp.reset(new VerilatedFstC);
    top->trace(tfp.get(), 99);
    tfp->open("its_rtl.fst");
  }
#endif

  const uint64_t max_cycles = 5000000;
  uint64_t cycles = 0;
  top->clk_i = 0;
  top->eval();
  while (!ctx->gotFinish() && !top->done_o && cycles < max_cycles) {
    for (int edge = 1; edge >= 0; --edge) {
      top->clk_i = static_cast<uint8_t>(edge);
      top->eval();
      ctx->timeInc(1);
#if ITS_RTL_TRACE
      if (tfp) {
        tfp->dump(ctx->time());
      }
#endif
    }
    ++cycles;
  }
  top->final();
#if ITS_RTL_TRACE
  if (tfp) {
    tfp->close();
  }
#endif

  const bool ended = ctx->gotFinish() || top->done_o;
  const bool pass = ended && !ctx->gotError() && top->pass_o;
  if (!ended) {
    std::printf("tb_its: FAIL: no $finish after %llu cycles\n",
                static_cast<unsigned long long>(cycles));
  }
  return pass ? 0 : 1;
}

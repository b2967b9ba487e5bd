// SPDX-License-Identifier: Apache-2.0
// Thin Verilator main for the stimer block smoke test (tb/stimer/tb_stimer.sv): drives the clock,
// optionally writes an FST trace (+trace, when built with STIMER_RTL_TRACE), and exits with the
// testbench result. The test passes only on a clean $finish with the testbench's pass flag set.
#include <cstdint>
#include <cstdio>
#include <memory>

#include "Vtb_stimer.h"
#include "verilated.h"
#if VM_TRACE_FST
#include "verilated_fst_c.h"
#endif

int main(int argc, char **argv) {
  const std::unique_ptr<VerilatedContext> ctx{new VerilatedContext};
  ctx->randReset(2);  // X-initialised state random (+verilator+seed+N picks the seed)
  ctx->commandArgs(argc, argv);
  const std::unique_ptr<Vtb_stimer> top{new Vtb_stimer{ctx.get(), "TOP"}};

#if VM_TRACE_FST
  std::unique_ptr<VerilatedFstC> tfp;
  const char *trace_arg = ctx->commandArgsPlusMatch("trace");
  if (trace_arg && trace_arg[0]) {
    ctx->traceEverOn(true);
    tfp.reset(new VerilatedFstC);
    top->trace(tfp.get(), 99);
    tfp->open("stimer_smoke.fst");
  }
#endif

  const uint64_t max_cycles = 2000000;
  uint64_t cycles = 0;
  top->clk_i = 0;
  top->eval();
  while (!ctx->gotFinish() && cycles < max_cycles) {
    top->clk_i = 1;
    top->eval();
    ctx->timeInc(1);
#if VM_TRACE_FST
    if (tfp) {
      tfp->dump(ctx->time());
    }
#endif
    top->clk_i = 0;
    top->eval();
    ctx->timeInc(1);
#if VM_TRACE_FST
    if (tfp) {
      tfp->dump(ctx->time());
    }
#endif
    ++cycles;
  }
  top->final();
#if VM_TRACE_FST
  if (tfp) {
    tfp->close();
  }
#endif

  const bool pass = ctx->gotFinish() && !ctx->gotError() && top->pass_o;
  if (!ctx->gotFinish()) {
    std::printf("stimer smoke: FAIL: no $finish after %llu cycles\n",
                static_cast<unsigned long long>(cycles));
  }
  std::printf("stimer smoke: %s (%llu cycles)\n", pass ? "PASS" : "FAIL",
              static_cast<unsigned long long>(cycles));
  return pass ? 0 : 1;
}

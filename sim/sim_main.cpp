// SPDX-License-Identifier: Apache-2.0
// The thin C++ main Verilator needs: clock, reset, optional FST window. The bench is C
// (tb/c/bench.c): this main creates it and attaches it to tb/sv/tb.sv, which passes it back in
// every DPI call; everything else happens there.
#include <svdpi.h>
#include <verilated.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>

#include "Vtb.h"
#include "Vtb__Dpi.h"
#include "bench.h"
#if VM_TRACE_FST
#include <verilated_fst_c.h>
#endif
#if VM_COVERAGE
#include <verilated_cov.h>
#endif

int main(int argc, char **argv) {
  int rc = 0;
  bench_t *b = bench_new(argc, argv, &rc);
  if (b == nullptr) {
    return rc;
  }
  auto ctx = std::make_unique<VerilatedContext>();
  ctx->randReset(2);  // X-initialised state is random, from the test's seed
  ctx->randSeed(static_cast<int>(bench_seed(b) & 0x7FFFFFFF) + 1);
  ctx->commandArgs(argc, argv);
  auto top = std::make_unique<Vtb>(ctx.get(), "TOP");
  // The harness learns its bench before time 0 (its initial block passes the RTL parameters).
  svScope scope = svGetScopeFromName("TOP.tb");
  if (scope == nullptr) {
    std::fprintf(stderr, "%s: no scope TOP.tb for tb_attach\n", argv[0]);
    return 3;
  }
  svSetScope(scope);
  tb_attach(b);
#if VM_TRACE_FST
  std::unique_ptr<VerilatedFstC> tfp;
  if (bench_trace_file(b) != nullptr) {
    ctx->traceEverOn(true);
  }
#endif
  auto t0 = std::chrono::steady_clock::now();
  top->rst_ni = 0;
  top->clk_i = 0;
  uint64_t cycle = 0;
  const uint64_t max_cycles = bench_max_cycles(b);
#if VM_COVERAGE
  bool cov_snapshot = false;
#endif
  while (!bench_done(b) && !ctx->gotFinish() && cycle < max_cycles) {
#if VM_COVERAGE
    if (!cov_snapshot && bench_cov_file(b) != nullptr && bench_reset_done(b)) {
      // Toggles so far are the random X initialisation settling into the reset values:
      // scripts/coverage subtracts this snapshot from the final toggle counts.
      ctx->coveragep()->write((std::string(bench_cov_file(b)) + ".reset").c_str());
      cov_snapshot = true;
    }
#endif
    if (cycle == 4) {
      top->rst_ni = 1;
    }
#if VM_TRACE_FST
    bool dump = bench_trace_cycle(b, cycle);
    if (dump && !tfp) {
      tfp = std::make_unique<VerilatedFstC>();
      top->trace(tfp.get(), 99);
      tfp->open(bench_trace_file(b));
    } else if (!dump && tfp) {
      tfp->close();
      tfp.reset();
    }
#endif
    top->clk_i = 1;
    top->eval();
#if VM_TRACE_FST
    if (tfp) {
      tfp->dump(ctx->time());
    }
#endif
    ctx->timeInc(5);
    top->clk_i = 0;
    top->eval();
#if VM_TRACE_FST
    if (tfp) {
      tfp->dump(ctx->time());
    }
#endif
    ctx->timeInc(5);
    cycle++;
  }
#if VM_TRACE_FST
  if (tfp) {
    tfp->close();
  }
#endif
  top->final();
#if VM_COVERAGE
  if (bench_cov_file(b) != nullptr) {
    // Source paths in the data are as prj_verilate() got them: absolute (sim/verilator.cmake).
    ctx->coveragep()->write(bench_cov_file(b));
  }
#else
  if (bench_cov_file(b) != nullptr) {
    std::fprintf(stderr, "%s: --cov ignored: this build has no coverage (tb_sim_cov has)\n",
                 argv[0]);
  }
#endif
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  return bench_finish(b, secs);
}

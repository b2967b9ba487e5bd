# SPDX-License-Identifier: Apache-2.0
# stimer RTL, in compile order (packages first); paths relative to the repo root.
# Works on its own from the repository root:
#   verilator --lint-only -Wall lint/verilator_waiver.vlt -f rtl/stimer/stimer.f --top-module stimer_top
+incdir+rtl/common
rtl/common/cmn_pkg.sv
rtl/stimer/stimer_pkg.sv
rtl/common/cmn_ffs.sv
rtl/common/cmn_arb.sv
rtl/common/cmn_apb_slave.sv
rtl/stimer/stimer_ram_1p.sv
rtl/stimer/stimer_mod.sv
rtl/stimer/stimer_ctx.sv
rtl/stimer/stimer_regs.sv
rtl/stimer/stimer_msr.sv
rtl/stimer/stimer_state.sv
rtl/stimer/stimer_pass.sv
rtl/stimer/stimer_sched.sv
rtl/stimer/stimer_deliver.sv
rtl/stimer/stimer_top.sv

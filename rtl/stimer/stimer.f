# SPDX-License-Identifier: Apache-2.0
# stimer RTL, in compile order (packages first); paths relative to the repo root.
# Include directory: rtl/common (prj_assert.svh).
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

# SPDX-License-Identifier: Apache-2.0
# GICv3 ITS RTL, in compile order (paths relative to the repository root).
rtl/its/its_pkg.sv
rtl/common/cmn_fifo.sv
rtl/its/its_regs.sv
rtl/its/its_ctrl.sv
rtl/its/its_cmdq.sv
rtl/its/its_walk.sv
rtl/its/its_exec.sv
rtl/its/its_xlate.sv
rtl/its/its_mem_arb.sv
rtl/its/its_retire.sv
rtl/its/its_top.sv

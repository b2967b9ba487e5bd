# SPDX-License-Identifier: Apache-2.0
# GICv3 ITS RTL, in compile order (paths relative to the repository root).
# Works on its own from the repository root:
#   verilator --lint-only -Wall lint/verilator_waiver.vlt -f rtl/its/its.f --top-module its_top
+incdir+rtl/common
rtl/common/cmn_pkg.sv
rtl/its/its_pkg.sv
rtl/common/cmn_fifo.sv
rtl/common/cmn_arb.sv
rtl/common/cmn_apb_slave.sv
rtl/its/its_regs.sv
rtl/its/its_ctrl.sv
rtl/its/its_cmdq.sv
rtl/its/its_walk.sv
rtl/its/its_cmd_dec.sv
rtl/its/its_exec_req.sv
rtl/its/its_exec.sv
rtl/its/its_xlate_rsp.sv
rtl/its/its_xlate_iss.sv
rtl/its/its_xlate.sv
rtl/its/its_mem_arb.sv
rtl/its/its_retire.sv
rtl/its/its_top.sv

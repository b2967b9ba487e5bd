# SPDX-License-Identifier: Apache-2.0
# The build of one Verilator model into two archives, for prj_verilate() (sim/verilator.cmake):
# the model, <prefix>__ALL.a, and the Verilator runtime files it needs, <prefix>__verilated.a.
# Run in the model's folder, after `verilator --cc`:
#   make -C DIR -f sim/verilated_lib.mk PRJ_VM_PREFIX=<prefix> [OPT_FAST=...] ... prj_libs
# The generated <prefix>.mk (with Verilator's verilated.mk) has the compile rules and knows which
# runtime files the model needs (trace, coverage, DPI, threads); both Verilators of the project
# (5.006 and 5.048) provide the variables used here.
include $(PRJ_VM_PREFIX).mk

.PHONY: prj_libs
prj_libs: $(VM_PREFIX)__ALL.a $(VM_PREFIX)__verilated.a

$(VM_PREFIX)__verilated.a: $(VK_GLOBAL_OBJS)
	rm -f $@
	$(AR) -rcs $@ $^

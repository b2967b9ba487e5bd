# SPDX-License-Identifier: Apache-2.0
# The trace encoders (docs/trace.md), in compile order; trace_top is the lint and synthesis top.
# Include directory: rtl/common (prj_assert.svh), given below so the file works on its own.
+incdir+rtl/common
rtl/common/cmn_pkg.sv
rtl/common/cmn_trace_pkg.sv
rtl/its/its_pkg.sv
rtl/stimer/stimer_pkg.sv
rtl/common/cmn_fifo.sv
rtl/common/cmn_trace_ring.sv
rtl/common/cmn_trace_enc.sv
rtl/trace/its_trace.sv
rtl/trace/stimer_trace.sv
rtl/trace/trace_top.sv

// SPDX-License-Identifier: Apache-2.0
// Constants of the stimer cycle benchmark (tb_stimer_bench.sv).
package tb_stimer_pkg;

  // Outcome code (docs/interfaces.md section 4.3).
  localparam int unsigned DELIVERED = 0;

  // MSR numbers (low byte).
  localparam int unsigned SCONTROL = 'h80, SIMP = 'h83, SINT0 = 'h90, CONFIG0 = 'hB0,
                          COUNT0 = 'hB1;

  localparam logic [63:0] MSG_HEADER = 64'h0000_0018_8000_0010;

endpackage

// SPDX-License-Identifier: Apache-2.0
// Constants of the stimer cycle benchmark (tb_stimer_bench.sv).
package tb_stimer_pkg;

  // Outcome codes and MSR numbers come from stimer_pkg (generated from docs/enc/stimer.toml).

  localparam logic [63:0] MSG_HEADER = 64'h0000_0018_8000_0010;

endpackage

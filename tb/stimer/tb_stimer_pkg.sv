// SPDX-License-Identifier: Apache-2.0
// Types of the stimer block tests: the sequencer's command and the memory write log entry.
package tb_stimer_pkg;

  typedef enum logic [3:0] {
    C_WR,        // APB write: a = vp, b = msr, c = data, d = {low addr[19:16], pstrb[15:8], gp[0]}
    C_RD,        // APB read: a = vp, b = msr, c = expected data, d[0] = expected #GP
    C_NOW,       // drive now_i := a
    C_WAIT,      // wait a cycles
    C_QUIET,     // wait until busy_o has been low for 4 cycles
    C_EXP_RT,    // pop the oldest ATTEMPT record: vp a, timer b, outcome c
    C_EXP_IRQ,   // pop the oldest interrupt: vp a, vector b, auto_eoi c
    C_EXP_WR,    // pop the oldest memory write beat: addr a, data b, be c
    C_DROP_WR,   // pop a write beats unchecked
    C_EXP_MEM,   // memory doubleword at a = b
    C_SET_MEM,   // memory doubleword at a := b (the guest, through the back door)
    C_EXP_NONE,  // no attempt, interrupt or write beat left unchecked
    C_EOI        // EOI handshake: vp a, vector b; c = 1: do not wait for the handshake
  } op_e;

  typedef struct packed {
    op_e         op;
    logic [63:0] a;
    logic [63:0] b;
    logic [63:0] c;
    logic [63:0] d;
  } cmd_t;

  typedef struct packed {
    logic [63:0] addr;
    logic [63:0] data;
    logic [7:0]  be;
  } wr_t;

  // Outcome codes (docs/interfaces.md section 4.3).
  localparam int unsigned DELIVERED = 0, NO_IRQ = 1, DIRECT = 2, BUSY_LOST = 3,
                          BUSY_PENDING = 4, UNAVAILABLE = 5, FAULT = 6;

  // MSR numbers (low byte).
  localparam int unsigned TIME_REF = 'h20, SCONTROL = 'h80, SVERSION = 'h81, SIEFP = 'h82,
                          SIMP = 'h83, EOM = 'h84, SINT0 = 'h90, CONFIG0 = 'hB0, COUNT0 = 'hB1;

  localparam logic [63:0] MSG_HEADER = 64'h0000_0018_8000_0010;

endpackage

// SPDX-License-Identifier: Apache-2.0
// The smoke test program of tb_stimer (included in its module body): spec/stimer.md section 7
// scenarios on NumVp = 3 VPs with SIM pages at 0x10000 + 0x1000 * vp; 0x18000..0x18FFF faults.

// ---- command builders ----
function automatic void push(input op_e op, input logic [63:0] a, input logic [63:0] b,
                             input logic [63:0] c, input logic [63:0] d);
  cmd_t x;
  x.op = op;
  x.a  = a;
  x.b  = b;
  x.c  = c;
  x.d  = d;
  prog.push_back(x);
endfunction

function automatic void wr(input int vp, input int msr, input logic [63:0] v);
  push(C_WR, 64'(vp), 64'(msr), v, 64'hFF00);
endfunction

function automatic void wr_gp(input int vp, input int msr, input logic [63:0] v);
  push(C_WR, 64'(vp), 64'(msr), v, 64'hFF01);
endfunction

// A write with explicit strobes and low address bits (paddr[2:0]).
function automatic void wr_raw(input int vp, input int msr, input logic [63:0] v,
                               input logic [7:0] strb, input logic [3:0] low, input bit gp);
  push(C_WR, 64'(vp), 64'(msr), v, {44'h0, low, strb, 7'h0, gp});
endfunction

function automatic void rd(input int vp, input int msr, input logic [63:0] v);
  push(C_RD, 64'(vp), 64'(msr), v, 64'h0);
endfunction

function automatic void rd_gp(input int vp, input int msr);
  push(C_RD, 64'(vp), 64'(msr), 64'h0, 64'h1);
endfunction

// Drive now and wait until the block has processed it.
function automatic void advance(input logic [63:0] t);
  push(C_NOW, t, 0, 0, 0);
  push(C_QUIET, 0, 0, 0, 0);
endfunction

function automatic void quiet();
  push(C_QUIET, 0, 0, 0, 0);
endfunction

function automatic void none();
  push(C_QUIET, 0, 0, 0, 0);
  push(C_EXP_NONE, 0, 0, 0, 0);
endfunction

function automatic void exp_rt(input int vp, input int t, input int outcome);
  push(C_EXP_RT, 64'(vp), 64'(t), 64'(outcome), 0);
endfunction

function automatic void exp_irq(input int vp, input int vector, input int aeoi);
  push(C_EXP_IRQ, 64'(vp), 64'(vector), 64'(aeoi), 0);
endfunction

function automatic void exp_wr(input logic [63:0] addr, input logic [63:0] data,
                               input logic [7:0] be);
  push(C_EXP_WR, addr, data, 64'(be), 0);
endfunction

function automatic void drop_wr(input int n);
  push(C_DROP_WR, 64'(n), 0, 0, 0);
endfunction

function automatic void exp_mem(input logic [63:0] addr, input logic [63:0] v);
  push(C_EXP_MEM, addr, v, 0, 0);
endfunction

function automatic void set_mem(input logic [63:0] addr, input logic [63:0] v);
  push(C_SET_MEM, addr, v, 0, 0);
endfunction

function automatic void eoi(input int vp, input int vector);
  push(C_EOI, 64'(vp), 64'(vector), 0, 0);
endfunction

// An EOI that the next command overlaps (it is accepted while that command runs).
function automatic void eoi_bg(input int vp, input int vector);
  push(C_EOI, 64'(vp), 64'(vector), 64'h1, 0);
endfunction

// One timer message: the 5 write beats in order (payload first, type last) and, when
// `check_mem`, all 40 bytes of the slot.
function automatic void exp_msg(input logic [63:0] slot, input int timer,
                                input logic [63:0] exp_time, input logic [63:0] dlv_time,
                                input bit check_mem);
  exp_wr(slot + 64'h08, 64'h0, 8'hFF);
  exp_wr(slot + 64'h10, 64'(timer), 8'hFF);
  exp_wr(slot + 64'h18, exp_time, 8'hFF);
  exp_wr(slot + 64'h20, dlv_time, 8'hFF);
  exp_wr(slot, MSG_HEADER, 8'hFF);
  if (check_mem) begin
    exp_mem(slot, MSG_HEADER);
    exp_mem(slot + 64'h08, 64'h0);
    exp_mem(slot + 64'h10, 64'(timer));
    exp_mem(slot + 64'h18, exp_time);
    exp_mem(slot + 64'h20, dlv_time);
  end
endfunction

localparam logic [63:0] FLAG_WR = 64'h0000_0100_0000_0000;  // byte 5 = 1
localparam logic [63:0] BUSY    = 64'h0000_0000_8000_0010;  // a message is in the slot

function automatic void build_program();
  // ---- T16: reset values and #GP ----
  rd(0, SVERSION, 64'h1);
  rd(0, SINT0, 64'h10000);
  rd(1, SINT0 + 15, 64'h10000);
  rd(0, SCONTROL, 64'h0);
  rd(0, SIMP, 64'h0);
  rd(0, SIEFP, 64'h0);
  wr(0, SIEFP, 64'h5A5A_5000_0FFF);       // stored and read back only (IMPDEF-ST-3)
  rd(0, SIEFP, 64'h5A5A_5000_0FFF);
  rd(2, CONFIG0 + 6, 64'h0);
  rd(0, COUNT0, 64'h0);
  rd(0, EOM, 64'h0);
  rd(0, TIME_REF, 64'h0);
  wr_gp(0, SVERSION, 64'h5);             // SVERSION is read-only
  rd(0, SVERSION, 64'h1);
  wr_gp(0, TIME_REF, 64'h5);             // TIME_REF_COUNT is read-only
  wr_gp(0, SINT0 + 2, 64'h0F);           // vector 15 unmasked
  wr(0, SINT0 + 2, 64'h1000F);           // vector 15 masked: accepted
  rd(0, SINT0 + 2, 64'h1000F);
  wr_raw(0, SCONTROL, 64'h1, 8'h0F, 4'h0, 1'b1);  // 32-bit write
  wr_raw(0, SCONTROL, 64'h1, 8'hF0, 4'h4, 1'b1);  // 32-bit write, high half
  rd(0, SCONTROL, 64'h0);
  rd_gp(0, 'h85);                         // unknown MSR
  wr_gp(0, 'hB8, 64'h0);
  rd_gp(3, SVERSION);                     // vp >= NumVp
  wr(0, EOM, 64'h0);
  none();

  // ---- SynIC of VP0; SIMP enable zeroes the page (512 beats, before the write completes) ----
  set_mem(64'h10208, 64'hDEAD_BEEF);
  wr(0, SCONTROL, 64'h1);
  wr(0, SIMP, 64'h10001);
  exp_wr(64'h10000, 64'h0, 8'hFF);
  drop_wr(510);
  exp_wr(64'h10FF8, 64'h0, 8'hFF);
  exp_mem(64'h10208, 64'h0);
  rd(0, SIMP, 64'h10001);
  wr(0, SINT0 + 2, 64'hF1);               // SINT2: vector 0xF1
  wr(0, SINT0 + 3, 64'h200F2);            // SINT3: vector 0xF2, AutoEOI
  none();

  // ---- T2/T7: one-shot timer0 on SINT2, COUNT then CONFIG; now jumps past the expiry ----
  advance(1000);
  wr(0, COUNT0, 6000);
  wr(0, CONFIG0, 64'h20001);
  advance(5999);
  none();
  advance(6003);
  exp_msg(64'h10200, 0, 6000, 6003, 1'b1);
  exp_irq(0, 'hF1, 0);
  exp_rt(0, 0, DELIVERED);
  none();
  rd(0, CONFIG0, 64'h20000);              // one-shot: Enable reads 0
  rd(0, COUNT0, 6000);                    // COUNT unchanged
  set_mem(64'h10200, 64'h0);              // the guest consumes the message
  eoi(0, 'hF1);
  none();

  // ---- T1/T10/T11: periodic timer1 on SINT3 (AutoEOI), period 10 ----
  wr(0, COUNT0 + 2, 10);
  wr(0, CONFIG0 + 2, 64'h30003);          // start at the sampled now 6003: exp 6013
  advance(6012);
  none();
  advance(6013);
  exp_msg(64'h10300, 1, 6013, 6013, 1'b1);
  exp_irq(0, 'hF2, 1);
  exp_rt(0, 1, DELIVERED);
  none();
  set_mem(64'h10300, 64'h0);
  advance(6048);                          // 6023 fires late; 6033, 6043 are dropped
  exp_msg(64'h10300, 1, 6023, 6048, 1'b1);
  exp_irq(0, 'hF2, 1);
  exp_rt(0, 1, DELIVERED);
  none();
  set_mem(64'h10300, 64'h0);
  advance(6052);                          // next on the grid: 6053
  none();
  advance(6053);
  exp_msg(64'h10300, 1, 6053, 6053, 1'b1);
  exp_irq(0, 'hF2, 1);
  exp_rt(0, 1, DELIVERED);
  none();
  advance(6063);                          // slot still busy: tick lost, slot untouched
  exp_rt(0, 1, BUSY_LOST);
  none();
  rd(0, CONFIG0 + 2, 64'h30003);          // periodic stays enabled
  wr(0, CONFIG0 + 2, 64'h0);              // stop
  set_mem(64'h10300, 64'h0);
  advance(6100);
  none();

  // ---- T5: busy slot, one-shot timer0; retried only on EOM ----
  set_mem(64'h10200, BUSY);
  wr(0, COUNT0, 6200);
  wr(0, CONFIG0, 64'h20001);
  advance(6200);
  exp_wr(64'h10200, FLAG_WR, 8'h20);
  exp_rt(0, 0, BUSY_PENDING);
  none();
  exp_mem(64'h10200, BUSY | FLAG_WR);     // flags.msg_pending = 1
  wr(0, EOM, 64'h0);                      // still busy: flag written again
  exp_wr(64'h10200, FLAG_WR, 8'h20);
  exp_rt(0, 0, BUSY_PENDING);
  none();
  advance(6300);                          // no retry without an acknowledge
  none();
  set_mem(64'h10200, FLAG_WR);            // guest: type := 0 (flags still 1), then EOM
  wr(0, EOM, 64'h0);
  exp_msg(64'h10200, 0, 6200, 6300, 1'b1);
  exp_irq(0, 'hF1, 0);
  exp_rt(0, 0, DELIVERED);
  none();
  rd(0, CONFIG0, 64'h20000);

  // ---- EOI acknowledge: busy slot on SINT2 (vector 0xF1), EOI of another vector does nothing ----
  set_mem(64'h10200, BUSY);
  wr(0, COUNT0, 6400);
  wr(0, CONFIG0, 64'h20001);
  advance(6400);
  exp_wr(64'h10200, FLAG_WR, 8'h20);
  exp_rt(0, 0, BUSY_PENDING);
  none();
  set_mem(64'h10200, 64'h0);
  eoi_bg(0, 'hF0);                        // an EOI and an MSR write at the same time: the
  wr(0, SIEFP, 64'h0);                    // pass of the EOI comes before the write completes
  none();
  eoi(0, 'hF1);
  exp_msg(64'h10200, 0, 6400, 6400, 1'b1);
  exp_irq(0, 'hF1, 0);
  exp_rt(0, 0, DELIVERED);
  none();
  set_mem(64'h10200, 64'h0);

  // ---- T6: direct mode, timer2, ApicVector 0xF3: interrupt only, no SIM access ----
  wr(0, COUNT0 + 4, 6500);
  wr(0, CONFIG0 + 4, 64'h1F31);
  advance(6500);
  exp_irq(0, 'hF3, 0);
  exp_rt(0, 2, DIRECT);
  none();
  rd(0, CONFIG0 + 4, 64'h1F30);

  // ---- T12 + service order: VP0 timers 0 and 3 on SINT2, VP2 timer1 on masked SINT5 ----
  wr(2, SCONTROL, 64'h1);
  wr(2, SIMP, 64'h12001);
  drop_wr(512);
  wr(2, SINT0 + 5, 64'h10055);
  wr(0, COUNT0, 6600);
  wr(0, CONFIG0, 64'h20001);
  wr(0, COUNT0 + 6, 6590);
  wr(0, CONFIG0 + 6, 64'h20001);
  wr(2, COUNT0 + 2, 6600);
  wr(2, CONFIG0 + 2, 64'h50001);
  none();
  advance(6600);
  exp_msg(64'h10200, 0, 6600, 6600, 1'b0);
  exp_irq(0, 'hF1, 0);
  exp_rt(0, 0, DELIVERED);
  exp_wr(64'h10200, FLAG_WR, 8'h20);      // timer3 sees the slot of timer0
  exp_rt(0, 3, BUSY_PENDING);
  exp_msg(64'h12500, 1, 6600, 6600, 1'b1);
  exp_rt(2, 1, NO_IRQ);                   // T14: masked SINT, message written, no interrupt
  none();
  set_mem(64'h10200, 64'h0);
  wr(0, EOM, 64'h0);
  exp_msg(64'h10200, 3, 6590, 6600, 1'b1);
  exp_irq(0, 'hF1, 0);
  exp_rt(0, 3, DELIVERED);
  none();

  // ---- T13 + T9: VP1 with SIMP disabled; first enable with SINTx = 0 keeps Enable ----
  wr(1, SCONTROL, 64'h1);
  wr(1, SINT0, 64'h40);
  wr(1, COUNT0, 6700);
  wr(1, CONFIG0, 64'h1);
  rd(1, CONFIG0, 64'h1);
  advance(6700);
  exp_rt(1, 0, UNAVAILABLE);
  none();
  wr(1, SIMP, 64'h11001);
  drop_wr(512);
  advance(6710);
  none();
  wr(1, EOM, 64'h0);
  exp_msg(64'h11000, 0, 6700, 6710, 1'b1);
  exp_irq(1, 'h40, 0);
  exp_rt(1, 0, DELIVERED);
  none();
  wr(1, COUNT0 + 2, 9000);
  wr(1, CONFIG0 + 2, 64'h30001);
  wr(1, CONFIG0 + 2, 64'h00001);          // rewrite with SINTx = 0 on an enabled timer
  rd(1, CONFIG0 + 2, 64'h0);

  // ---- T8 and T3: AutoEnable ----
  wr(1, CONFIG0 + 4, 64'h2000B);          // Enable | Periodic | AutoEnable, COUNT = 0: idle
  wr(1, COUNT0 + 4, 64'h0);               // COUNT := 0 disables
  rd(1, CONFIG0 + 4, 64'h2000A);
  wr(1, CONFIG0 + 4, 64'h20008);          // one-shot, AutoEnable, SINT2 (masked on VP1)
  wr(1, COUNT0 + 4, 6750);                // enables and starts
  rd(1, CONFIG0 + 4, 64'h20009);
  advance(6750);
  exp_msg(64'h11200, 2, 6750, 6750, 1'b1);
  exp_rt(1, 2, NO_IRQ);
  none();

  // ---- FAULT (IMPDEF-ST-2), then SCONTROL.Enable = 0 makes the slot unavailable ----
  wr(2, SIMP, 64'h18001);                 // zeroing faults are ignored
  drop_wr(512);
  wr(2, COUNT0, 6800);
  wr(2, CONFIG0, 64'h50001);
  advance(6800);
  exp_rt(2, 0, FAULT);
  none();
  wr(2, SCONTROL, 64'h0);
  wr(2, EOM, 64'h0);
  exp_rt(2, 0, UNAVAILABLE);
  none();
  rd(0, TIME_REF, 6800);                  // the sampled now (IMPDEF-ST-6)
endfunction

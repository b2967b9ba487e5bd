// SPDX-License-Identifier: Apache-2.0
// ITS testbench program (included in tb_its): operation encoding, builder helpers, and the smoke
// and benchmark programs. Expected values are written out from spec/its.md and
// docs/interfaces.md by hand.

localparam int unsigned NPROG = 4096;
localparam int unsigned NEX   = 4096;
localparam int unsigned MQ    = 64;

localparam logic [7:0] OP_END    = 8'd0;
localparam logic [7:0] OP_APBW   = 8'd1;   // a addr, d data, s strb, m[15:0] devid, m[16] pslverr
localparam logic [7:0] OP_APBR   = 8'd2;   // a addr, d expected, m mask
localparam logic [7:0] OP_POLL   = 8'd3;   // like OP_APBR, repeated until it matches
localparam logic [7:0] OP_MEMW   = 8'd4;   // back-door write a <- d
localparam logic [7:0] OP_MEMCHK = 8'd5;   // back-door read a == d
localparam logic [7:0] OP_CMD    = 8'd6;   // back-door write of a command {y,x,m,d} at a
localparam logic [7:0] OP_MSI    = 8'd7;   // MSI port: a devid, d eventid
localparam logic [7:0] OP_EXP    = 8'd8;   // expected output item: s type, a/d/m fields
localparam logic [7:0] OP_WAIT   = 8'd9;   // wait until every expected item and MSI is done
localparam logic [7:0] OP_FAULT  = 8'd10;  // memory faults in [a, d)
localparam logic [7:0] OP_CFG    = 8'd11;  // a latency, d[0] memory back-pressure, d[1] rd bp
localparam logic [7:0] OP_T0     = 8'd12;  // benchmark: arm the start stamp
localparam logic [7:0] OP_REPORT = 8'd13;  // wait for a retires since OP_T0, print figure s
                                           // (s = 0: wait for a retires in all, no figure)
localparam logic [7:0] OP_CHKCNT = 8'd14;  // retires == a and events == d so far

localparam logic [1:0] EX_MW = 2'd1;
localparam logic [1:0] EX_EV = 2'd2;
localparam logic [1:0] EX_RT = 2'd3;

typedef struct packed {
  logic [7:0]  op;
  logic [7:0]  s;
  logic [63:0] a;
  logic [63:0] d;
  logic [63:0] m;
  logic [63:0] x;
  logic [63:0] y;
} op_t;

op_t         prog [NPROG];
int unsigned np;
logic        bench, stress, relaxed;
logic [1:0]  ex_t [NEX];
logic [63:0] ex_a [NEX];
logic [63:0] ex_d [NEX];
logic [63:0] ex_m [NEX];
int unsigned ex_wp;
logic [15:0] mq_dev [MQ];
logic [31:0] mq_ev [MQ];
int unsigned mq_wp;

// Register offsets.
localparam logic [63:0] R_CTLR    = 64'h0000;
localparam logic [63:0] R_TYPER   = 64'h0008;
localparam logic [63:0] R_CBASER  = 64'h0080;
localparam logic [63:0] R_CWRITER = 64'h0088;
localparam logic [63:0] R_CREADR  = 64'h0090;
localparam logic [63:0] R_BASER0  = 64'h0100;
localparam logic [63:0] R_BASER1  = 64'h0108;
localparam logic [63:0] R_TRANSL  = 64'h1_0040;

// Outcomes, retire kinds, event kinds.
localparam logic [1:0] OK = 2'd0, IGN = 2'd1, STALL = 2'd2, FLT = 2'd3;
localparam logic [1:0] K_CMD = 2'd1, K_MSI = 2'd2, K_TR = 2'd3;
localparam logic [2:0] E_SET = 3'd1, E_CLEAR = 3'd2, E_MOVE = 3'd3, E_MOVALL = 3'd4,
                       E_INV = 3'd5, E_INVALL = 3'd6, E_SYNC = 3'd7;

// Command queue of the program: base, size, write offset.
logic [63:0] qbase, qsize, qw;

function automatic void emit(logic [7:0] op, logic [7:0] s, logic [63:0] a, logic [63:0] d,
                             logic [63:0] m, logic [63:0] x, logic [63:0] y);
  if (np >= NPROG) $fatal(1, "tb_its: program too long");
  prog[np] = {op, s, a, d, m, x, y};
  np = np + 1;
endfunction

function automatic void apbw(logic [63:0] addr, logic [63:0] data, logic [7:0] strb = 8'hFF,
                             logic err = 1'b0, logic [15:0] devid = 16'd0);
  emit(OP_APBW, strb, addr, data, {47'b0, err, devid}, 0, 0);
endfunction
function automatic void apbr(logic [63:0] addr, logic [63:0] exp, logic [63:0] mask = '1);
  emit(OP_APBR, 0, addr, exp, mask, 0, 0);
endfunction
function automatic void poll(logic [63:0] addr, logic [63:0] exp, logic [63:0] mask = '1);
  emit(OP_POLL, 0, addr, exp, mask, 0, 0);
endfunction
function automatic void memw(logic [63:0] addr, logic [63:0] data);
  emit(OP_MEMW, 0, addr, data, 0, 0, 0);
endfunction
function automatic void memchk(logic [63:0] addr, logic [63:0] data);
  emit(OP_MEMCHK, 0, addr, data, 0, 0, 0);
endfunction
function automatic void msi(logic [15:0] dev, logic [31:0] ev);
  emit(OP_MSI, 0, 64'(dev), 64'(ev), 0, 0, 0);
endfunction
function automatic void waitq();
  emit(OP_WAIT, 0, 0, 0, 0, 0, 0);
endfunction
function automatic void fault(logic [63:0] lo, logic [63:0] hi);
  emit(OP_FAULT, 0, lo, hi, 0, 0, 0);
endfunction
function automatic void cfg(int unsigned lat, logic bp_mem, logic bp_rd);
  emit(OP_CFG, 0, 64'(lat), {62'b0, bp_rd, bp_mem}, 0, 0, 0);
endfunction

// Expected items.
function automatic void e_mw(logic [63:0] addr, logic [63:0] data, logic [7:0] be);
  emit(OP_EXP, {6'b0, EX_MW}, addr, data, 64'(be), 0, 0);
endfunction
function automatic void e_ev(logic [2:0] kind, logic [15:0] rd, logic [15:0] rd2 = 16'd0,
                             logic [31:0] intid = 32'd0);
  emit(OP_EXP, {6'b0, EX_EV}, {16'b0, rd2, rd, 13'b0, kind}, 64'(intid), 0, 0, 0);
endfunction
function automatic void e_rt(logic [1:0] kind, logic [19:0] off, logic [7:0] opcode,
                             logic [1:0] outcome, logic [23:0] err = 24'd0,
                             logic [15:0] devid = 16'd0, logic [31:0] ev = 32'd0);
  emit(OP_EXP, {6'b0, EX_RT}, {32'b0, opcode, off, outcome, kind}, 64'(err), {16'b0, ev, devid},
       0, 0);
endfunction
// Command retire.
function automatic void e_cmd(logic [63:0] off, logic [7:0] opcode, logic [1:0] outcome,
                              logic [23:0] err = 24'd0);
  e_rt(K_CMD, off[19:0], opcode, outcome, err);
endfunction

// Commands: written at the queue write offset; returns their offset.
function automatic logic [63:0] cmd(logic [63:0] dw0, logic [63:0] dw1, logic [63:0] dw2,
                                    logic [63:0] dw3);
  logic [63:0] off = qw;
  emit(OP_CMD, 0, qbase + qw, dw0, dw1, dw2, dw3);
  qw = (qw + 64'd32) % qsize;
  return off;
endfunction
function automatic void kick(logic retry = 1'b0);
  apbw(R_CWRITER, qw | 64'(retry));
endfunction
function automatic logic [63:0] c_mapd(logic [31:0] dev, logic [4:0] size, logic [51:0] itt,
                                       logic v = 1'b1);
  return cmd({dev, 24'b0, 8'h08}, 64'(size), {v, 11'b0, itt[51:8], 8'b0}, 0);
endfunction
function automatic logic [63:0] c_mapc(logic [15:0] icid, logic [35:0] rd, logic v = 1'b1);
  return cmd(64'h09, 0, {v, 11'b0, rd, icid}, 0);
endfunction
function automatic logic [63:0] c_mapti(logic [31:0] dev, logic [31:0] ev, logic [31:0] pint,
                                        logic [15:0] icid);
  return cmd({dev, 24'b0, 8'h0A}, {pint, ev}, 64'(icid), 0);
endfunction
function automatic logic [63:0] c_devev(logic [7:0] op, logic [31:0] dev, logic [31:0] ev,
                                        logic [15:0] icid = 16'd0);
  return cmd({dev, 24'b0, op}, 64'(ev), 64'(icid), 0);
endfunction
function automatic logic [63:0] c_rd(logic [7:0] op, logic [35:0] rd, logic [35:0] rd2 = 36'd0,
                                     logic [15:0] icid = 16'd0);
  return cmd(64'(op), 0, {12'b0, rd, icid}, {12'b0, rd2, 16'b0});
endfunction

// Table entries.
function automatic logic [63:0] dte(logic [4:0] size, logic [51:0] itt);
  return {14'b0, itt[51:8], size, 1'b1};
endfunction
function automatic logic [63:0] ite_lo(logic [23:0] intid, logic [15:0] icid);
  return {16'b0, icid, 6'b0, intid, 2'b11};
endfunction
// Expected beats of a 12-byte ITE write at itt + 12*ev.
function automatic void e_ite(logic [51:0] itt, logic [31:0] ev, logic [63:0] lo,
                              logic [31:0] hi);
  logic [63:0] a = 64'(itt) + 64'(ev) * 12;
  if (a[2]) begin
    e_mw(a - 4, {lo[31:0], 32'b0}, 8'hF0);
    e_mw(a + 4, {hi, lo[63:32]}, 8'hFF);
  end else begin
    e_mw(a, lo, 8'hFF);
    e_mw(a + 8, {32'b0, hi}, 8'h0F);
  end
endfunction

// Benchmark program items.
function automatic void t0();
  emit(OP_T0, 0, 0, 0, 0, 0, 0);
endfunction
function automatic void report(int unsigned n, logic [7:0] id);
  emit(OP_REPORT, id, 64'(n), 0, 0, 0, 0);
endfunction
function automatic string mode_name();
  return bench ? "bench" : (stress ? "stress" : "smoke");
endfunction
function automatic void chkcnt(int unsigned n_retire, int unsigned n_event);
  emit(OP_CHKCNT, 0, 64'(n_retire), 64'(n_event), 0, 0, 0);
endfunction
function automatic void fin();
  emit(OP_END, 0, 0, 0, 0, 0, 0);
endfunction

`include "tb_its_smoke.svh"
`include "tb_its_bench.svh"
`include "tb_its_stress.svh"

initial begin
  np    = 0;
  qw    = 0;
  qbase = 64'h1_0000;
  qsize = 64'h1000;
  bench   = $test$plusargs("bench");
  stress  = $test$plusargs("stress");
  relaxed = bench || stress;
  if (bench)       build_bench();
  else if (stress) build_stress();
  else             build_smoke();
  if (!bench) $display("tb_its: %s program of %0d operations", mode_name(), np);
end

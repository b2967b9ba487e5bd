// SPDX-License-Identifier: Apache-2.0
// ITS benchmark program (included in tb_its.sv): the operations the sequencer runs, their
// builders, and the program: cycles per command of each kind (16 successful commands, from the
// CWRITER write completion to the last retire) and cycles per MSI (one alone: from acceptance to
// retire; 32 back to back: from the first acceptance to the last retire), at memory latency 1
// and 10, flat tables, no back-pressure.

localparam int unsigned NPROG = 1024;
localparam int unsigned MQ    = 64;

localparam logic [7:0] OP_END    = 8'd0;
localparam logic [7:0] OP_APBW   = 8'd1;   // 64-bit register write: a offset, d[63:0] data
localparam logic [7:0] OP_CMD    = 8'd2;   // back-door write of a command d at address a
localparam logic [7:0] OP_MSI    = 8'd3;   // MSI port: a devid, d[31:0] eventid
localparam logic [7:0] OP_WAIT   = 8'd4;   // wait until every MSI is done and the ITS is idle
localparam logic [7:0] OP_LAT    = 8'd5;   // memory latency := a cycles
localparam logic [7:0] OP_T0     = 8'd6;   // arm the start stamp
localparam logic [7:0] OP_REPORT = 8'd7;   // wait for a retires since OP_T0, print figure s

typedef struct packed {
  logic [7:0]   op;
  logic [7:0]   s;
  logic [63:0]  a;
  logic [255:0] d;
} op_t;

op_t         prog [NPROG];
int unsigned np;
logic [15:0] mq_dev [MQ];
logic [31:0] mq_ev [MQ];
int unsigned mq_wp;

// Register offsets.
localparam logic [63:0] R_CTLR    = 64'h0000;
localparam logic [63:0] R_CBASER  = 64'h0080;
localparam logic [63:0] R_CWRITER = 64'h0088;
localparam logic [63:0] R_BASER0  = 64'h0100;
localparam logic [63:0] R_BASER1  = 64'h0108;

// Command queue of the program: base, size, write offset.
logic [63:0] qbase, qsize, qw;

function automatic void emit(logic [7:0] op, logic [7:0] s, logic [63:0] a, logic [255:0] d);
  if (np >= NPROG) $fatal(1, "tb_its: program too long");
  prog[np] = {op, s, a, d};
  np = np + 1;
endfunction

function automatic void apbw(logic [63:0] addr, logic [63:0] data);
  emit(OP_APBW, 0, addr, 256'(data));
endfunction
function automatic void msi(logic [15:0] dev, logic [31:0] ev);
  emit(OP_MSI, 0, 64'(dev), 256'(ev));
endfunction
function automatic void waitq();
  emit(OP_WAIT, 0, 0, 0);
endfunction
function automatic void latency(int unsigned lat);
  emit(OP_LAT, 0, 64'(lat), 0);
endfunction
function automatic void t0();
  emit(OP_T0, 0, 0, 0);
endfunction
function automatic void report(int unsigned n, logic [7:0] id);
  emit(OP_REPORT, id, 64'(n), 0);
endfunction
function automatic void fin();
  emit(OP_END, 0, 0, 0);
endfunction

// Commands: written at the queue write offset.
function automatic void cmd(logic [63:0] dw0, logic [63:0] dw1, logic [63:0] dw2,
                            logic [63:0] dw3);
  emit(OP_CMD, 0, qbase + qw, {dw3, dw2, dw1, dw0});
  qw = (qw + 64'd32) % qsize;
endfunction
function automatic void kick();
  apbw(R_CWRITER, qw);
endfunction
// Commands laid out by the generated field positions of docs/enc/its.toml (its_pkg::CMDF_*).
function automatic logic [255:0] cf(int unsigned at, int unsigned w, logic [63:0] v);
  logic [63:0] m;
  m  = (w >= 64) ? '1 : ((64'd1 << w) - 64'd1);
  cf = {192'b0, v & m} << at;
endfunction
function automatic void cmd256(logic [255:0] c);
  cmd(c[63:0], c[127:64], c[191:128], c[255:192]);
endfunction
function automatic void c_mapd(logic [31:0] dev, logic [4:0] size, logic [51:0] itt);
  cmd256(cf(its_pkg::CMDF_OPCODE_AT, its_pkg::CMDF_OPCODE_W, 64'(its_pkg::CMD_MAPD)) |
         cf(its_pkg::CMDF_DEV_AT, its_pkg::CMDF_DEV_W, 64'(dev)) |
         cf(its_pkg::CMDF_SIZE_AT, its_pkg::CMDF_SIZE_W, 64'(size)) |
         cf(its_pkg::CMDF_ITT_AT, its_pkg::CMDF_ITT_W, 64'(itt[51:8])) |
         cf(its_pkg::CMDF_V_AT, its_pkg::CMDF_V_W, 64'd1));
endfunction
function automatic void c_mapc(logic [15:0] icid, logic [35:0] rd);
  cmd256(cf(its_pkg::CMDF_OPCODE_AT, its_pkg::CMDF_OPCODE_W, 64'(its_pkg::CMD_MAPC)) |
         cf(its_pkg::CMDF_ICID_AT, its_pkg::CMDF_ICID_W, 64'(icid)) |
         cf(its_pkg::CMDF_RD_AT, its_pkg::CMDF_RD_W, 64'(rd)) |
         cf(its_pkg::CMDF_V_AT, its_pkg::CMDF_V_W, 64'd1));
endfunction
function automatic void c_mapti(logic [31:0] dev, logic [31:0] ev, logic [31:0] pint,
                                logic [15:0] icid);
  cmd256(cf(its_pkg::CMDF_OPCODE_AT, its_pkg::CMDF_OPCODE_W, 64'(its_pkg::CMD_MAPTI)) |
         cf(its_pkg::CMDF_DEV_AT, its_pkg::CMDF_DEV_W, 64'(dev)) |
         cf(its_pkg::CMDF_EV_AT, its_pkg::CMDF_EV_W, 64'(ev)) |
         cf(its_pkg::CMDF_INTID_AT, its_pkg::CMDF_INTID_W, 64'(pint)) |
         cf(its_pkg::CMDF_ICID_AT, its_pkg::CMDF_ICID_W, 64'(icid)));
endfunction
function automatic void c_devev(logic [7:0] op, logic [31:0] dev, logic [31:0] ev,
                                logic [15:0] icid = 16'd0);
  cmd256(cf(its_pkg::CMDF_OPCODE_AT, its_pkg::CMDF_OPCODE_W, 64'(op)) |
         cf(its_pkg::CMDF_DEV_AT, its_pkg::CMDF_DEV_W, 64'(dev)) |
         cf(its_pkg::CMDF_EV_AT, its_pkg::CMDF_EV_W, 64'(ev)) |
         cf(its_pkg::CMDF_ICID_AT, its_pkg::CMDF_ICID_W, 64'(icid)));
endfunction
function automatic void c_rd(logic [7:0] op, logic [35:0] rd, logic [35:0] rd2 = 36'd0,
                             logic [15:0] icid = 16'd0);
  cmd256(cf(its_pkg::CMDF_OPCODE_AT, its_pkg::CMDF_OPCODE_W, 64'(op)) |
         cf(its_pkg::CMDF_RD_AT, its_pkg::CMDF_RD_W, 64'(rd)) |
         cf(its_pkg::CMDF_RD2_AT, its_pkg::CMDF_RD2_W, 64'(rd2)) |
         cf(its_pkg::CMDF_ICID_AT, its_pkg::CMDF_ICID_W, 64'(icid)));
endfunction

localparam int unsigned BenchN = 16;

function automatic string bench_name(logic [7:0] id);
  unique case (id)
    8'd1:  return "cycles/command MAPD";
    8'd2:  return "cycles/command MAPC";
    8'd3:  return "cycles/command MAPTI";
    8'd4:  return "cycles/command MAPI";
    8'd5:  return "cycles/command INT";
    8'd6:  return "cycles/command CLEAR";
    8'd7:  return "cycles/command INV";
    8'd8:  return "cycles/command INVALL";
    8'd9:  return "cycles/command MOVI";
    8'd10: return "cycles/command MOVALL";
    8'd11: return "cycles/command SYNC";
    8'd12: return "cycles/command DISCARD";
    8'd13: return "cycles/MSI single (latency)";
    8'd14: return "cycles/MSI back-to-back (32 MSIs)";
    default: return "?";
  endcase
endfunction

function automatic void build_bench();
  latency(1);
  apbw(R_CBASER, 64'h8000_0000_0001_0000);
  apbw(R_BASER0, 64'h8000_0000_0002_0000);
  apbw(R_BASER1, 64'h8000_0000_0003_0000);
  apbw(R_CTLR, 64'h1);
  for (int p = 0; p < 2; p++) begin
    latency(p == 0 ? 1 : 10);
    t0();
    for (int i = 0; i < BenchN; i++) c_mapd(32'(i), 5'd13, 52'h4_0000 + 52'(i) * 52'h1000);
    kick();
    report(BenchN, 8'd1);
    t0();
    for (int unsigned i = 0; i < BenchN; i++) c_mapc(16'(i), 36'(i[1:0]));
    kick();
    report(BenchN, 8'd2);
    t0();
    for (int i = 0; i < BenchN; i++) c_mapti(1, 32'(i), 32'(8192 + i), 1);
    kick();
    report(BenchN, 8'd3);
    t0();
    for (int i = 0; i < BenchN; i++) c_devev(its_pkg::CMD_MAPI, 2, 32'(8192 + i), 2);
    kick();
    report(BenchN, 8'd4);
    t0();
    for (int i = 0; i < BenchN; i++) c_devev(its_pkg::CMD_INT, 1, 32'(i));
    kick();
    report(BenchN, 8'd5);
    t0();
    for (int i = 0; i < BenchN; i++) c_devev(its_pkg::CMD_CLEAR, 1, 32'(i));
    kick();
    report(BenchN, 8'd6);
    t0();
    for (int i = 0; i < BenchN; i++) c_devev(its_pkg::CMD_INV, 1, 32'(i));
    kick();
    report(BenchN, 8'd7);
    t0();
    for (int i = 0; i < BenchN; i++) c_rd(its_pkg::CMD_INVALL, 0, 0, 16'(i));
    kick();
    report(BenchN, 8'd8);
    t0();
    for (int i = 0; i < BenchN; i++) c_devev(its_pkg::CMD_MOVI, 1, 32'(i), 2);
    kick();
    report(BenchN, 8'd9);
    t0();
    for (int i = 0; i < BenchN; i++) c_rd(its_pkg::CMD_MOVALL, 0, 1);
    kick();
    report(BenchN, 8'd10);
    t0();
    for (int unsigned i = 0; i < BenchN; i++) c_rd(its_pkg::CMD_SYNC, 36'(i[1:0]));
    kick();
    report(BenchN, 8'd11);
    t0();
    for (int i = 0; i < BenchN; i++) c_devev(its_pkg::CMD_DISCARD, 1, 32'(i));
    kick();
    report(BenchN, 8'd12);
    waitq();
    t0();
    msi(2, 8192);
    report(1, 8'd13);
    waitq();
    t0();
    for (int i = 0; i < 32; i++) msi(2, 32'(8192 + i % 16));
    report(32, 8'd14);
    waitq();
  end
  fin();
endfunction

initial begin
  np    = 0;
  qw    = 0;
  qbase = 64'h1_0000;
  qsize = 64'h1000;
  build_bench();
end

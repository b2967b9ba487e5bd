// SPDX-License-Identifier: Apache-2.0
// ITS benchmark program (included in tb_its_prog.svh): cycles per command of each kind (16
// successful commands, from the CWRITER write completion to the last retire) and cycles per MSI
// (one alone: from acceptance to retire; 32 back to back: from the first acceptance to the last
// retire), at memory latency 1 and 10, flat tables, no back-pressure.

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
  logic [63:0] o;
  cfg(1, 1'b0, 1'b0);
  apbw(R_CBASER, 64'h8000_0000_0001_0000);
  apbw(R_BASER0, 64'h8000_0000_0002_0000);
  apbw(R_BASER1, 64'h8000_0000_0003_0000);
  apbw(R_CTLR, 64'h1);
  for (int p = 0; p < 2; p++) begin
    cfg(p == 0 ? 1 : 10, 1'b0, 1'b0);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_mapd(32'(i), 5'd13, 52'h4_0000 + 52'(i) * 52'h1000);
    kick();
    report(BenchN, 8'd1);
    t0();
    for (int unsigned i = 0; i < BenchN; i++) o = c_mapc(16'(i), 36'(i[1:0]));
    kick();
    report(BenchN, 8'd2);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_mapti(1, 32'(i), 32'(8192 + i), 1);
    kick();
    report(BenchN, 8'd3);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_devev(8'h0B, 2, 32'(8192 + i), 2);
    kick();
    report(BenchN, 8'd4);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_devev(8'h03, 1, 32'(i));
    kick();
    report(BenchN, 8'd5);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_devev(8'h04, 1, 32'(i));
    kick();
    report(BenchN, 8'd6);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_devev(8'h0C, 1, 32'(i));
    kick();
    report(BenchN, 8'd7);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_rd(8'h0D, 0, 0, 16'(i));
    kick();
    report(BenchN, 8'd8);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_devev(8'h01, 1, 32'(i), 2);
    kick();
    report(BenchN, 8'd9);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_rd(8'h0E, 0, 1);
    kick();
    report(BenchN, 8'd10);
    t0();
    for (int unsigned i = 0; i < BenchN; i++) o = c_rd(8'h05, 36'(i[1:0]));
    kick();
    report(BenchN, 8'd11);
    t0();
    for (int i = 0; i < BenchN; i++) o = c_devev(8'h0F, 1, 32'(i));
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

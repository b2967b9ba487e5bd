// SPDX-License-Identifier: Apache-2.0
// ITS stress program (included in tb_its_prog.svh): after a setup that maps 4 devices x 8 events,
// a random mix (seeded by +verilator+seed) of port MSIs, GITS_TRANSLATER writes, INT/SYNC/INV
// commands and CREADR/CTLR reads, with random memory latency and back-pressure. Every operation
// succeeds, so the checker requires OK outcomes; the counts of retires and events are checked at
// the end, and all protocol and ordering assertions run throughout.

function automatic void build_stress();
  logic [63:0] o;
  int unsigned n_rt_exp = 0, n_ev_exp = 0, pending = 0;
  cfg(1 + $urandom % 4, 1'b1, 1'b1);
  apbw(R_CBASER, 64'h8000_0000_0001_0000);
  apbw(R_BASER0, 64'h8000_0000_0002_0000);
  apbw(R_BASER1, 64'h8000_0000_0003_0000);
  apbw(R_CTLR, 64'h1);
  for (int d = 1; d <= 4; d++) o = c_mapd(32'(d), 5'd7, 52'h4_0000 + 52'(d) * 52'h1000);
  for (int c = 0; c < 4; c++) o = c_mapc(16'(c), 36'(c));
  for (int d = 1; d <= 4; d++) begin
    for (int e = 0; e < 8; e++) o = c_mapti(32'(d), 32'(e), 32'(8192 + d * 256 + e), 16'((d + e) % 4));
  end
  kick();
  n_rt_exp = 4 + 4 + 32;
  report(n_rt_exp, 8'd0);
  for (int i = 0; i < 400; i++) begin
    int unsigned r = $urandom % 16;
    logic [15:0] dev = 16'(1 + $urandom % 4);
    logic [31:0] ev = 32'($urandom % 8);
    int unsigned k = $urandom % 3;
    if (r < 7) begin
      msi(dev, ev);
      n_rt_exp++;
      n_ev_exp++;
    end else if (r < 9) begin
      apbw(R_TRANSL, 64'(ev), 8'h0F, 1'b0, dev);
      n_rt_exp++;
      n_ev_exp++;
    end else if (r < 13) begin
      unique case (k)
        0:       o = c_devev(8'h03, 32'(dev), ev);
        1:       o = c_devev(8'h0C, 32'(dev), ev);
        default: o = c_rd(8'h05, {34'b0, ev[1:0]});
      endcase
      n_rt_exp++;
      n_ev_exp++;
      pending++;
      if (pending >= 1 + $urandom % 4) begin
        kick();
        pending = 0;
      end
    end else if (r < 15) begin
      apbr(R_CTLR, 64'h0000_043B_8000_0001);
    end else begin
      cfg(1 + $urandom % 12, 1'b1, 1'b1);
    end
  end
  kick();
  report(n_rt_exp, 8'd0);
  poll(R_CREADR, qw);
  waitq();
  chkcnt(n_rt_exp, n_ev_exp);
  fin();
endfunction

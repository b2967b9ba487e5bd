// SPDX-License-Identifier: Apache-2.0
// Single-port RAM, one access per cycle, read-first, with registered read data and an output
// register: read data is valid 2 cycles after the request (the RAM's own read register, then a
// pipeline register that takes the RAM's slow clock-to-output delay off every path that uses the
// data) and holds until 2 cycles after the next read. Written so that Yosys infers block or
// distributed RAM for the array and its read register; the output register is plain flops. The
// array has no reset (a RAM has none), and its write enable makes this the one always_ff in stimer
// that is not "q<=d" (STYLE.md 1.2 exception, as prim_ram_1p; the other flops without reset are
// listed in docs/stimer-uarch.md, Resets). The owner (stimer_state) initialises it after reset.
module stimer_ram_1p #(
  parameter int unsigned Depth = 128,
  parameter int unsigned Width = 64,
  localparam int unsigned Aw = (Depth > 1) ? $clog2(Depth) : 1
) (
  input  logic             clk_i,
  input  logic             req_i,
  input  logic             we_i,
  input  logic [Aw-1:0]    addr_i,
  input  logic [Width-1:0] wdata_i,
  output logic [Width-1:0] rdata_o
);

  logic [Width-1:0] mem_q [Depth];
  logic [Width-1:0] rdata_q, rdata_oq;

  always_ff @(posedge clk_i) begin
    if (req_i) begin
      if (we_i) begin
        mem_q[addr_i] <= wdata_i;
      end
      rdata_q <= mem_q[addr_i];
    end
  end

  always_ff @(posedge clk_i) begin
    rdata_oq <= rdata_q;
  end

  assign rdata_o = rdata_oq;

endmodule

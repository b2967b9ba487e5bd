// SPDX-License-Identifier: Apache-2.0
// Behavioural memory for the ITS cycle benchmark (not synthesized): in-order responses after a
// configurable latency, no back-pressure, and a back-door port for the sequencer. A request
// accepted in cycle t is answered in cycle t + lat_i (later only behind an earlier response the
// ITS has not taken). Writes (and read data) take effect at acceptance; an address beyond the
// memory faults.
module tb_its_mem #(
  parameter int unsigned Words  = 131072,  // 1 MiB; addresses beyond fault
  parameter int unsigned QDepth = 64
) (
  input  logic          clk_i,
  input  logic          rst_ni,
  input  logic [31:0]   cyc_i,
  // request
  input  logic          req_valid_i,
  output logic          req_ready_o,
  input  logic [63:0]   req_addr_i,
  input  logic          req_we_i,
  input  logic [63:0]   req_wdata_i,
  input  logic [7:0]    req_be_i,
  // response
  output logic          rsp_valid_o,
  input  logic          rsp_ready_i,
  output logic [63:0]   rsp_rdata_o,
  output logic          rsp_err_o,
  // configuration
  input  logic [31:0]   lat_i,
  // back door: four doublewords from bd_addr_i
  input  logic          bd_we_i,
  input  logic [63:0]   bd_addr_i,
  input  logic [255:0]  bd_wdata_i
);

  localparam int unsigned AW = $clog2(Words);

  logic [63:0] mem [Words];
  logic [63:0] q_rdata [QDepth];
  logic        q_err [QDepth];
  logic [31:0] q_due [QDepth];
  int unsigned q_wp, q_rp, q_cnt;

  initial begin
    for (int i = 0; i < Words; i++) mem[i] = '0;
  end

  function automatic logic faults(logic [63:0] a);
    return a >= 64'(Words) * 8;
  endfunction

  assign req_ready_o = q_cnt < QDepth;
  assign rsp_valid_o = (q_cnt != 0) && (q_due[q_rp] <= cyc_i);
  assign rsp_rdata_o = rsp_valid_o ? q_rdata[q_rp] : '0;
  assign rsp_err_o   = rsp_valid_o ? q_err[q_rp] : 1'b0;

  always @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      q_wp      <= 0;
      q_rp      <= 0;
      q_cnt     <= 0;
    end else begin
      automatic int unsigned cnt = q_cnt;
      if (req_valid_i && req_ready_o) begin
        automatic logic        f = faults(req_addr_i);
        automatic logic [63:0] old = mem[req_addr_i[AW+2:3]];
        automatic logic [63:0] nw = old;
        for (int b = 0; b < 8; b++) begin
          if (req_be_i[b]) nw[8*b +: 8] = req_wdata_i[8*b +: 8];
        end
        if (req_we_i && !f) mem[req_addr_i[AW+2:3]] <= nw;
        q_rdata[q_wp] <= (req_we_i || f) ? 64'hDEAD_BEEF_DEAD_BEEF : old;
        q_err[q_wp]   <= f;
        q_due[q_wp]   <= cyc_i + lat_i;
        q_wp          <= (q_wp + 1) % QDepth;
        cnt           = cnt + 1;
      end
      if (rsp_valid_o && rsp_ready_i) begin
        q_rp <= (q_rp + 1) % QDepth;
        cnt  = cnt - 1;
      end
      q_cnt <= cnt;
      if (bd_we_i) begin
        for (int i = 0; i < 4; i++) mem[bd_addr_i[AW+2:3] + AW'(i)] <= bd_wdata_i[64*i +: 64];
      end
    end
  end

endmodule

// SPDX-License-Identifier: Apache-2.0
// Behavioural memory slave for the stimer block tests (not synthesized): 64-bit beats, requests
// accepted under pseudo-random back-pressure, responses in order after `Latency` cycles plus
// pseudo-random extra delay, and held under the master's back-pressure. Addresses in
// [FaultLo, FaultHi) fault (a faulting write changes nothing). Every accepted write beat is
// logged for the test to check; the array starts zeroed (IMPDEF-ST-3: the bench's job).
module tb_stimer_mem #(
  parameter int unsigned Words    = 16384,  // 128 KiB at address 0
  parameter int unsigned Latency  = 2,      // minimum cycles from accept to response
  parameter bit          Random   = 1'b1,   // pseudo-random back-pressure and extra delay
  parameter logic [63:0] FaultLo  = 64'h1_8000,
  parameter logic [63:0] FaultHi  = 64'h1_9000,
  parameter logic [31:0] Seed     = 32'h1234_5678,
  parameter bit          Consume  = 1'b0    // benchmark: the guest reads every message at once
                                            // (full writes at a slot base are not stored, so
                                            // every slot stays free)
) (
  input  logic        clk_i,
  input  logic        rst_ni,
  input  logic        req_valid_i,
  output logic        req_ready_o,
  input  logic [63:0] req_addr_i,
  input  logic        req_we_i,
  input  logic [63:0] req_wdata_i,
  input  logic [7:0]  req_be_i,
  output logic        rsp_valid_o,
  input  logic        rsp_ready_i,
  output logic [63:0] rsp_rdata_o,
  output logic        rsp_err_o
);

  typedef struct packed {
    logic [63:0] rdata;
    logic        err;
    logic [63:0] due;
  } rsp_t;

  logic [63:0] mem [Words];
  rsp_t        rspq [$];
  tb_stimer_pkg::wr_t wlog [$];
  logic [63:0] cycle;
  logic [31:0] lfsr;
  int unsigned reads, writes;

  initial begin
    for (int i = 0; i < int'(Words); i++) begin
      mem[i] = '0;
    end
  end

  // ---- back door, for the test ----
  function automatic int unsigned word(input logic [63:0] addr);
    if ((addr[2:0] != 3'b000) || (addr[63:3] >= 61'(Words))) begin
      $fatal(1, "tb_stimer_mem: back-door address 0x%0h outside the memory", addr);
    end
    return int'(addr[3+:$clog2(Words)]);
  endfunction

  function automatic logic [63:0] peek(input logic [63:0] addr);
    return mem[word(addr)];
  endfunction

  function automatic void poke(input logic [63:0] addr, input logic [63:0] data);
    mem[word(addr)] = data;
  endfunction

  function automatic int unsigned wlog_size();
    return wlog.size();
  endfunction

  function automatic tb_stimer_pkg::wr_t wlog_pop();
    return wlog.pop_front();
  endfunction

  function automatic void wlog_drop(input int n);
    for (int i = 0; i < n; i++) begin
      void'(wlog.pop_front());
    end
  endfunction

  function automatic void wlog_clear();
    wlog.delete();
  endfunction

  // ---- slave ----
  function automatic logic faults(input logic [63:0] addr);
    return ((addr - FaultLo) < (FaultHi - FaultLo)) || (addr[63:3] >= 61'(Words));
  endfunction

  assign req_ready_o = rst_ni && (!Random || lfsr[0] || lfsr[5]);  // 75 % ready
  assign rsp_valid_o = (rspq.size() != 0) && (rspq[0].due <= cycle);
  assign rsp_rdata_o = (rspq.size() != 0) ? rspq[0].rdata : '0;
  assign rsp_err_o   = (rspq.size() != 0) ? rspq[0].err : 1'b0;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      cycle  <= '0;
      lfsr   <= Seed ^ $urandom | 32'h1;  // seeded by +verilator+seed
      reads  <= 0;
      writes <= 0;
      rspq.delete();
      wlog.delete();
    end else begin
      cycle <= cycle + 64'd1;
      lfsr  <= {lfsr[30:0], lfsr[31] ^ lfsr[21] ^ lfsr[1] ^ lfsr[0]};
      if (rsp_valid_o && rsp_ready_i) begin
        void'(rspq.pop_front());
      end
      if (req_valid_i && req_ready_o) begin
        rsp_t r;
        logic [63:0] old;
        r.err   = faults(req_addr_i);
        r.rdata = '0;
        r.due   = cycle + 64'(Latency) + (Random ? 64'(lfsr[9:8]) : 64'd0);
        if (!r.err) begin
          old = mem[req_addr_i[3+:$clog2(Words)]];
          if (req_we_i) begin
            for (int b = 0; b < 8; b++) begin
              if (req_be_i[b]) begin
                old[8*b+:8] = req_wdata_i[8*b+:8];
              end
            end
            if (!(Consume && (req_addr_i[7:0] == 8'h00) && (req_be_i == 8'hFF))) begin
              mem[req_addr_i[3+:$clog2(Words)]] = old;
            end
          end else begin
            r.rdata = old;
          end
        end
        if (req_we_i) begin
          tb_stimer_pkg::wr_t w;
          w.addr = req_addr_i;
          w.data = req_wdata_i;
          w.be   = req_be_i;
          wlog.push_back(w);
          writes <= writes + 1;
        end else begin
          reads <= reads + 1;
        end
        // A later response never overtakes an earlier one.
        if ((rspq.size() != 0) && (rspq[rspq.size()-1].due > r.due)) begin
          r.due = rspq[rspq.size()-1].due;
        end
        rspq.push_back(r);
      end
    end
  end

endmodule

// SPDX-License-Identifier: Apache-2.0
// Behavioural memory slave for the stimer cycle benchmark (not synthesized): 64-bit beats, no
// back-pressure on requests, responses in order after `Latency` cycles and held under the
// master's back-pressure. Addresses beyond the memory fault (a faulting write changes nothing).
// The array starts zeroed (IMPDEF-ST-3: the bench's job).
module tb_stimer_mem #(
  parameter int unsigned Words    = 16384,  // 128 KiB at address 0
  parameter int unsigned Latency  = 2,      // cycles from accept to response
  parameter bit          Consume  = 1'b0    // the guest reads every message at once (full
                                            // writes at a slot base are not stored, so every
                                            // slot stays free)
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
  logic [63:0] cycle;

  initial begin
    for (int i = 0; i < int'(Words); i++) begin
      mem[i] = '0;
    end
  end

  function automatic logic faults(input logic [63:0] addr);
    return addr[63:3] >= 61'(Words);
  endfunction

  assign req_ready_o = rst_ni;
  assign rsp_valid_o = (rspq.size() != 0) && (rspq[0].due <= cycle);
  assign rsp_rdata_o = (rspq.size() != 0) ? rspq[0].rdata : '0;
  assign rsp_err_o   = (rspq.size() != 0) ? rspq[0].err : 1'b0;

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      cycle <= '0;
      rspq.delete();
    end else begin
      cycle <= cycle + 64'd1;
      if (rsp_valid_o && rsp_ready_i) begin
        void'(rspq.pop_front());
      end
      if (req_valid_i && req_ready_o) begin
        rsp_t r;
        logic [63:0] old;
        r.err   = faults(req_addr_i);
        r.rdata = '0;
        r.due   = cycle + 64'(Latency);
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
        // A later response never overtakes an earlier one.
        if ((rspq.size() != 0) && (rspq[rspq.size()-1].due > r.due)) begin
          r.due = rspq[rspq.size()-1].due;
        end
        rspq.push_back(r);
      end
    end
  end

endmodule

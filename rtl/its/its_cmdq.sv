// SPDX-License-Identifier: Apache-2.0
// ITS command fetch: reads the 32-byte command at CBASER + CREADR in four ascending read beats
// (docs/interfaces.md section 2), all issued back to back, and reports it with a fault flag
// (any faulting beat faults the fetch, every beat is still issued). The assembled command stays
// on cmd_o until the next fetch starts.
`include "prj_assert.svh"

module its_cmdq (
  input  logic              clk_i,
  input  logic              rst_ni,
  input  logic              start_i,    // dispatch of a command
  input  logic [63:0]       addr_i,     // CBASER.PA + CREADR
  // memory (reads only)
  output logic              mreq_valid_o,
  input  logic              mreq_ready_i,
  output logic [63:0]       mreq_addr_o,
  input  logic              mrsp_valid_i,
  input  cmn_pkg::mem_rsp_t mrsp_i,
  // result
  output logic              done_o,     // one-cycle pulse
  output logic              fault_o,
  output logic [255:0]      cmd_o
);

  logic         busy_q, busy_d;
  logic [58:0]  addr_q, addr_d;      // address bits [63:5]
  logic [2:0]   nreq_q, nreq_d;
  logic [2:0]   nrsp_q, nrsp_d;
  logic         flt_q, flt_d;
  logic         done_q, done_d;
  logic [255:0] cmd_q, cmd_d;

  always_comb begin
    busy_d = busy_q;
    addr_d = addr_q;
    nreq_d = nreq_q;
    nrsp_d = nrsp_q;
    flt_d  = flt_q;
    cmd_d  = cmd_q;
    done_d = 1'b0;
    // While idle the address follows addr_i (it is the dispatched command's address in the
    // start cycle) and the counters and the fault flag are cleared, so start_i reaches only
    // busy_q, not the 59 address flops nor the counters.
    if (!busy_q) begin
      addr_d = addr_i[63:5];
      nreq_d = '0;
      nrsp_d = '0;
      flt_d  = 1'b0;
    end
    // start_i comes only while idle (StartIdle_A): the busy work below does not wait for it.
    if (start_i) busy_d = 1'b1;
    if (busy_q) begin
      if (mreq_valid_o && mreq_ready_i) nreq_d = nreq_q + 3'd1;
      if (mrsp_valid_i) begin
        unique case (nrsp_q[1:0])  // static lanes: no barrel shifter
          2'd0:    cmd_d[63:0]    = mrsp_i.rdata;
          2'd1:    cmd_d[127:64]  = mrsp_i.rdata;
          2'd2:    cmd_d[191:128] = mrsp_i.rdata;
          default: cmd_d[255:192] = mrsp_i.rdata;
        endcase
        flt_d  = flt_q || mrsp_i.err;
        nrsp_d = nrsp_q + 3'd1;
        if (nrsp_q == 3'd3) begin
          busy_d = 1'b0;
          done_d = 1'b1;
        end
      end
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q <= 1'b0;
      done_q <= 1'b0;
    end else begin
      busy_q <= busy_d;
      done_q <= done_d;
    end
  end

  // No reset: written while idle, before busy_q lets them be read (docs/its-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    addr_q <= addr_d;
    nreq_q <= nreq_d;
    nrsp_q <= nrsp_d;
    flt_q  <= flt_d;
    cmd_q  <= cmd_d;
  end

  assign mreq_valid_o = busy_q && (nreq_q != 3'd4);
  // The command is 32-byte aligned (CBASER.PA is 4 KiB aligned, CREADR counts commands): the
  // beat number is the address's bits [4:3], no adder.
  assign mreq_addr_o  = {addr_q, nreq_q[1:0], 3'b0};

  // Unused: the offset bits of the command address, 0 (asserted below).
  logic unused_cmdq;
  assign unused_cmdq = ^addr_i[4:0];
  assign done_o       = done_q;
  assign fault_o      = flt_q;
  assign cmd_o        = cmd_q;

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_IMPLY(StartIdle_A, start_i, !busy_q)
  `PRJ_ASSERT_IMPLY(RspWhileBusy_A, mrsp_valid_i, busy_q && nrsp_q < nreq_q)
  `PRJ_ASSERT_IMPLY(AddrAligned_A, start_i, addr_i[4:0] == 5'd0)
  `PRJ_ASSERT_VALID_READY(MemReq, mreq_valid_o, mreq_ready_i, mreq_addr_o)
`endif

endmodule

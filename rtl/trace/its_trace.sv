// SPDX-License-Identifier: Apache-2.0
// The ITS trace encoder (docs/trace.md): watches the ports of its_top and emits every
// transaction the lockstep checker compares, in the checker's order within an edge (reset,
// memory response, memory request, redistributor event, MSI, retire record, APB access, busy_o),
// through cmn_trace_enc. It only observes: every input here is a DUT port or its handshake.
`include "prj_assert.svh"

module its_trace #(
  parameter int unsigned NumRd = 4,     // its_top's, for the START record (1..65535 here)
  parameter int unsigned MsiBurst = 4,  // its_top's, for the START record (1..255 here)
  parameter int unsigned Depth = 16,  // edges with transactions buffered (cmn_trace_enc)
  parameter int unsigned Lanes = 8,   // words per stream beat (cmn_trace_enc)
  localparam int unsigned NumCh = 8
) (
  input  logic                                 clk_i,
  input  logic                                 rst_ni,      // the encoder's reset
  input  logic                                 dut_rst_ni,  // the DUT's reset, as an input
  input  logic                                 apb_psel_i,
  input  logic                                 apb_penable_i,
  input  logic                                 apb_pwrite_i,
  input  logic [16:0]                          apb_paddr_i,
  input  logic [63:0]                          apb_pwdata_i,
  input  logic [7:0]                           apb_pstrb_i,
  input  logic [15:0]                          apb_pdevid_i,
  input  logic                                 apb_pready_i,
  input  logic [63:0]                          apb_prdata_i,
  input  logic                                 apb_pslverr_i,
  input  logic                                 msi_valid_i,
  input  logic                                 msi_ready_i,
  input  logic [15:0]                          msi_devid_i,
  input  logic [31:0]                          msi_eventid_i,
  input  logic                                 mem_req_valid_i,
  input  logic                                 mem_req_ready_i,
  input  logic [63:0]                          mem_req_addr_i,
  input  logic                                 mem_req_we_i,
  input  logic [63:0]                          mem_req_wdata_i,
  input  logic [7:0]                           mem_req_be_i,
  input  logic                                 mem_rsp_valid_i,
  input  logic                                 mem_rsp_ready_i,
  input  logic                                 mem_rsp_err_i,
  input  logic                                 rd_valid_i,
  input  logic                                 rd_ready_i,
  input  logic [its_pkg::RD_EV_BITS-1:0]       rd_i,
  input  logic                                 rt_valid_i,
  input  logic [its_pkg::RETIRE_BITS-1:0]      rt_i,
  input  logic                                 busy_i,
  output logic                                 out_valid_o,
  output logic [Lanes*64-1:0]                  out_data_o,
  output logic [$clog2(Lanes+1)-1:0]           out_count_o,
  input  logic                                 out_ready_i,
  output logic [63:0]                          lost_o
);
  localparam logic [63:0] StartWord = {6'd0, 8'(MsiBurst), 1'b0, 1'b0, 16'd0, 16'(NumRd), 8'd1,
                                       8'(cmn_trace_pkg::FORMAT_VERSION)};
  localparam int unsigned ChW = 3 * 64;

  logic dut_rst_q, busy_q, first_q;
  logic [NumCh-1:0]     valid;
  logic [NumCh*6-1:0]   kind;
  logic [NumCh*3-1:0]   len;
  logic [NumCh*4-1:0]   aux;
  logic [NumCh*ChW-1:0] data;

  always_comb begin
    valid[0] = !dut_rst_ni && dut_rst_q;
    valid[1] = dut_rst_ni && mem_rsp_valid_i && mem_rsp_ready_i;
    valid[2] = dut_rst_ni && mem_req_valid_i && mem_req_ready_i;
    valid[3] = dut_rst_ni && rd_valid_i && rd_ready_i;
    valid[4] = dut_rst_ni && msi_valid_i && msi_ready_i;
    valid[5] = dut_rst_ni && rt_valid_i;
    valid[6] = dut_rst_ni && apb_psel_i && apb_penable_i && apb_pready_i;
    valid[7] = first_q || (busy_i != busy_q);
    kind = {cmn_trace_pkg::KIND_BUSY, cmn_trace_pkg::KIND_ITS_APB, cmn_trace_pkg::KIND_ITS_RETIRE,
            cmn_trace_pkg::KIND_ITS_MSI, cmn_trace_pkg::KIND_ITS_RD, cmn_trace_pkg::KIND_MEM_REQ,
            cmn_trace_pkg::KIND_MEM_RSP, cmn_trace_pkg::KIND_RESET};
    len = {3'd0, 3'd3, 3'd2, 3'd1, 3'd2, mem_req_we_i ? 3'd3 : 3'd1, 3'd0, 3'd0};
    aux = {{3'd0, busy_i}, {2'd0, apb_pslverr_i, apb_pwrite_i}, 4'd0, 4'd0, 4'd0,
           {3'd0, mem_req_we_i}, {3'd0, mem_rsp_err_i}, 4'd0};
    data = {ChW'(0),
            {apb_prdata_i, apb_pwdata_i, 8'd0, apb_pdevid_i, apb_pstrb_i, 15'd0, apb_paddr_i},
            ChW'(rt_i),
            ChW'({msi_devid_i, msi_eventid_i}),
            ChW'(rd_i),
            {56'd0, mem_req_be_i, mem_req_wdata_i, mem_req_addr_i},
            ChW'(0), ChW'(0)};
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      dut_rst_q <= 1'b0;  // a DUT in reset when tracing starts makes no RESET record
      busy_q    <= 1'b0;
      first_q   <= 1'b1;
    end else begin
      dut_rst_q <= dut_rst_ni;
      busy_q    <= busy_i;
      first_q   <= 1'b0;
    end
  end

  // Payload words at most per channel, in `len` order: BUSY ... RESET.
  localparam logic [NumCh*3-1:0] MaxLen = {3'd0, 3'd3, 3'd2, 3'd1, 3'd2, 3'd3, 3'd0, 3'd0};

  cmn_trace_enc #(.NumCh(NumCh), .ChWords(3), .ChMaxLen(MaxLen), .Depth(Depth),
                  .StartWord(StartWord), .Lanes(Lanes)) u_enc (
    .clk_i, .rst_ni, .ch_valid_i(valid), .ch_kind_i(kind), .ch_len_i(len), .ch_aux_i(aux),
    .ch_data_i(data), .out_valid_o, .out_data_o, .out_count_o, .out_ready_i, .lost_o
  );
`ifdef PRJ_ASSERT_ON
  // The START record's fields hold the parameters whole (docs/enc/trace.md): never truncated.
  `PRJ_ASSERT_INIT(StartNumRdFits_A, NumRd >= 1 && NumRd <= 65535)
  `PRJ_ASSERT_INIT(StartMsiBurstFits_A, MsiBurst >= 1 && MsiBurst <= 255)
`endif

endmodule

// SPDX-License-Identifier: Apache-2.0
// The stimer trace encoder (docs/trace.md): watches the ports of stimer_top and emits every
// transaction the lockstep checker compares, in the checker's order within an edge (reset, time
// input change, memory response, memory request, interrupt, EOI, retire record, APB access,
// busy_o), through cmn_trace_enc. It only observes.
module stimer_trace #(
  parameter int unsigned NumVp = 4,
  parameter bit FeatDirect = 1'b1,
  parameter bit ScontrolGate = 1'b1,
  parameter int unsigned Depth = 16,
  parameter int unsigned Lanes = 8,   // words per stream beat (cmn_trace_enc)
  localparam int unsigned VpW = (NumVp > 1) ? $clog2(NumVp) : 1,
  localparam int unsigned AddrW = VpW + 11,
  localparam int unsigned NumCh = 9
) (
  input  logic                                 clk_i,
  input  logic                                 rst_ni,
  input  logic                                 dut_rst_ni,
  input  logic                                 apb_psel_i,
  input  logic                                 apb_penable_i,
  input  logic                                 apb_pwrite_i,
  input  logic [AddrW-1:0]                     apb_paddr_i,
  input  logic [63:0]                          apb_pwdata_i,
  input  logic [7:0]                           apb_pstrb_i,
  input  logic                                 apb_pready_i,
  input  logic [63:0]                          apb_prdata_i,
  input  logic                                 apb_pslverr_i,
  input  logic [63:0]                          now_i,
  input  logic                                 mem_req_valid_i,
  input  logic                                 mem_req_ready_i,
  input  logic [63:0]                          mem_req_addr_i,
  input  logic                                 mem_req_we_i,
  input  logic [63:0]                          mem_req_wdata_i,
  input  logic [7:0]                           mem_req_be_i,
  input  logic                                 mem_rsp_valid_i,
  input  logic                                 mem_rsp_ready_i,
  input  logic                                 mem_rsp_err_i,
  input  logic                                 irq_valid_i,
  input  logic                                 irq_ready_i,
  input  logic [stimer_pkg::IRQ_BITS-1:0]      irq_i,
  input  logic                                 eoi_valid_i,
  input  logic                                 eoi_ready_i,
  input  logic [VpW-1:0]                       eoi_vp_i,
  input  logic [7:0]                           eoi_vector_i,
  input  logic                                 rt_valid_i,
  input  logic [stimer_pkg::RETIRE_BITS-1:0]   rt_i,
  input  logic                                 busy_i,
  output logic                                 out_valid_o,
  output logic [Lanes*64-1:0]                  out_data_o,
  output logic [$clog2(Lanes+1)-1:0]           out_count_o,
  input  logic                                 out_ready_i,
  output logic [63:0]                          lost_o
);
  localparam logic [63:0] StartWord = {14'd0, ScontrolGate, FeatDirect, 16'(NumVp), 16'd0, 8'd2,
                                       8'(cmn_trace_pkg::FORMAT_VERSION)};
  localparam int unsigned ChW = 3 * 64;

  logic dut_rst_q, busy_q, first_q;
  logic [63:0] now_q;
  logic [NumCh-1:0]     valid;
  logic [NumCh*6-1:0]   kind;
  logic [NumCh*3-1:0]   len;
  logic [NumCh*4-1:0]   aux;
  logic [NumCh*ChW-1:0] data;

  always_comb begin
    valid[0] = !dut_rst_ni && dut_rst_q;
    valid[1] = now_i != now_q;  // reported in reset too, as the time input is
    valid[2] = dut_rst_ni && mem_rsp_valid_i && mem_rsp_ready_i;
    valid[3] = dut_rst_ni && mem_req_valid_i && mem_req_ready_i;
    valid[4] = dut_rst_ni && irq_valid_i && irq_ready_i;
    valid[5] = dut_rst_ni && eoi_valid_i && eoi_ready_i;
    valid[6] = dut_rst_ni && rt_valid_i;
    valid[7] = dut_rst_ni && apb_psel_i && apb_penable_i && apb_pready_i;
    valid[8] = first_q || (busy_i != busy_q);
    kind = {cmn_trace_pkg::KIND_BUSY, cmn_trace_pkg::KIND_ST_APB, cmn_trace_pkg::KIND_ST_RETIRE,
            cmn_trace_pkg::KIND_ST_EOI, cmn_trace_pkg::KIND_ST_IRQ, cmn_trace_pkg::KIND_MEM_REQ,
            cmn_trace_pkg::KIND_MEM_RSP, cmn_trace_pkg::KIND_ST_NOW, cmn_trace_pkg::KIND_RESET};
    len = {3'd0, 3'd3, 3'd2, 3'd1, 3'd1, mem_req_we_i ? 3'd3 : 3'd1, 3'd0, 3'd1, 3'd0};
    aux = {{3'd0, busy_i}, {2'd0, apb_pslverr_i, apb_pwrite_i}, 4'd0, 4'd0, 4'd0,
           {3'd0, mem_req_we_i}, {3'd0, mem_rsp_err_i}, 4'd0, 4'd0};
    data = {ChW'(0),
            {apb_prdata_i, apb_pwdata_i, 24'd0, apb_pstrb_i, 32'(apb_paddr_i)},
            ChW'(rt_i),
            ChW'({eoi_vector_i, 32'(eoi_vp_i)}),
            ChW'(irq_i),
            {56'd0, mem_req_be_i, mem_req_wdata_i, mem_req_addr_i},
            ChW'(0),
            ChW'(now_i),
            ChW'(0)};
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      dut_rst_q <= 1'b0;
      busy_q    <= 1'b0;
      first_q   <= 1'b1;
      now_q     <= '0;
    end else begin
      dut_rst_q <= dut_rst_ni;
      busy_q    <= busy_i;
      first_q   <= 1'b0;
      now_q     <= now_i;
    end
  end

  // Payload words at most per channel, in `len` order: BUSY ... RESET.
  localparam logic [NumCh*3-1:0] MaxLen = {3'd0, 3'd3, 3'd2, 3'd1, 3'd1, 3'd3, 3'd0, 3'd1, 3'd0};

  cmn_trace_enc #(.NumCh(NumCh), .ChWords(3), .ChMaxLen(MaxLen), .Depth(Depth),
                  .StartWord(StartWord), .Lanes(Lanes)) u_enc (
    .clk_i, .rst_ni, .ch_valid_i(valid), .ch_kind_i(kind), .ch_len_i(len), .ch_aux_i(aux),
    .ch_data_i(data), .out_valid_o, .out_data_o, .out_count_o, .out_ready_i, .lost_o
  );
endmodule

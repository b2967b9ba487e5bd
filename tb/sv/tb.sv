// SPDX-License-Identifier: Apache-2.0
// Lockstep harness: both DUTs, wired to the C bench through one DPI call per block per clock
// edge. The call sees the DUT outputs of the cycle that ends at the edge (the handshakes that
// completed) and returns the inputs for the next cycle. Drivers, monitors, memory, scoreboard
// and stimulus all live in C (tb/c); this module only connects pins.
module tb #(
  parameter int unsigned NumRd = 4,
  parameter int unsigned NumVp = 4,
  parameter int unsigned FeatDirect = 1,  // int, so that -GFeatDirect=0 sets it cleanly
  parameter int unsigned ScontrolGate = 1
) (
  input logic clk_i,
  input logic rst_ni
);
  localparam int unsigned VpW = (NumVp > 1) ? $clog2(NumVp) : 1;
  localparam int unsigned StAddrW = VpW + 11;

  import "DPI-C" function void c_dpi_init(input int unsigned num_rd, input int unsigned num_vp,
                                          input int unsigned feat_direct,
                                          input int unsigned scontrol_gate);

  // ITS pins: DUT outputs in, DUT inputs out.
  import "DPI-C" function void c_dpi_its_edge(
    input bit pready, input longint unsigned prdata, input bit pslverr, input bit msi_ready,
    input bit mreq_valid, input longint unsigned maddr, input bit mwe,
    input longint unsigned mwdata, input int unsigned mbe, input bit mrsp_ready,
    input bit rd_valid, input int unsigned rd_kind, input int unsigned rd_rd,
    input int unsigned rd_rd2, input int unsigned rd_intid,
    input bit rt_valid, input int unsigned rt_kind, input int unsigned rt_offset,
    input int unsigned rt_opcode, input int unsigned rt_outcome, input int unsigned rt_error,
    input int unsigned rt_devid, input int unsigned rt_eventid, input bit busy,
    output bit rst_n, output bit psel, output bit penable, output bit pwrite,
    output int unsigned paddr, output longint unsigned pwdata, output int unsigned pstrb,
    output int unsigned pdevid, output bit msi_valid, output int unsigned msi_devid,
    output int unsigned msi_eventid, output bit mreq_ready, output bit mrsp_valid,
    output longint unsigned mrdata, output bit mrsp_err, output bit rd_ready);

  import "DPI-C" function void c_dpi_stimer_edge(
    input bit pready, input longint unsigned prdata, input bit pslverr,
    input bit mreq_valid, input longint unsigned maddr, input bit mwe,
    input longint unsigned mwdata, input int unsigned mbe, input bit mrsp_ready,
    input bit irq_valid, input int unsigned irq_vp, input int unsigned irq_vector,
    input bit irq_auto_eoi, input bit eoi_ready,
    input bit rt_valid, input int unsigned rt_kind, input int unsigned rt_vp,
    input int unsigned rt_timer, input int unsigned rt_outcome, input longint unsigned rt_now,
    input bit busy,
    output bit rst_n, output bit psel, output bit penable, output bit pwrite,
    output int unsigned paddr, output longint unsigned pwdata, output int unsigned pstrb,
    output longint unsigned now, output bit mreq_ready, output bit mrsp_valid,
    output longint unsigned mrdata, output bit mrsp_err, output bit irq_ready,
    output bit eoi_valid, output int unsigned eoi_vp, output int unsigned eoi_vector);

  initial c_dpi_init(NumRd, NumVp, FeatDirect, ScontrolGate);

  // ---------------------------------------------------------------- ITS
  logic        its_rst_n = 1'b0;  // reset from time 0, whatever --x-initial does
  logic        its_psel, its_penable, its_pwrite, its_pready, its_pslverr;
  logic [16:0] its_paddr;
  logic [63:0] its_pwdata, its_prdata;
  logic [7:0]  its_pstrb;
  logic [15:0] its_pdevid;
  logic        its_msi_valid, its_msi_ready;
  logic [15:0] its_msi_devid;
  logic [31:0] its_msi_eventid;
  logic        its_mreq_valid, its_mreq_ready, its_mwe, its_mrsp_valid, its_mrsp_ready;
  logic        its_mrsp_err;
  logic [63:0] its_maddr, its_mwdata, its_mrdata;
  logic [7:0]  its_mbe;
  logic        its_rd_valid, its_rd_ready;
  logic [2:0]  its_rd_kind;
  logic [15:0] its_rd_rd, its_rd_rd2;
  logic [31:0] its_rd_intid;
  logic        its_rt_valid;
  logic [1:0]  its_rt_kind, its_rt_outcome;
  logic [19:0] its_rt_offset;
  logic [7:0]  its_rt_opcode;
  logic [23:0] its_rt_error;
  logic [15:0] its_rt_devid;
  logic [31:0] its_rt_eventid;
  logic        its_busy;

  its_top #(.NumRd(NumRd)) u_its (
    .clk_i, .rst_ni(its_rst_n),
    .apb_psel_i(its_psel), .apb_penable_i(its_penable), .apb_pwrite_i(its_pwrite),
    .apb_paddr_i(its_paddr), .apb_pwdata_i(its_pwdata), .apb_pstrb_i(its_pstrb),
    .apb_pready_o(its_pready), .apb_prdata_o(its_prdata), .apb_pslverr_o(its_pslverr),
    .apb_pdevid_i(its_pdevid),
    .msi_valid_i(its_msi_valid), .msi_ready_o(its_msi_ready), .msi_devid_i(its_msi_devid),
    .msi_eventid_i(its_msi_eventid),
    .mem_req_valid_o(its_mreq_valid), .mem_req_ready_i(its_mreq_ready),
    .mem_req_addr_o(its_maddr), .mem_req_we_o(its_mwe), .mem_req_wdata_o(its_mwdata),
    .mem_req_be_o(its_mbe), .mem_rsp_valid_i(its_mrsp_valid), .mem_rsp_ready_o(its_mrsp_ready),
    .mem_rsp_rdata_i(its_mrdata), .mem_rsp_err_i(its_mrsp_err),
    .rd_valid_o(its_rd_valid), .rd_ready_i(its_rd_ready), .rd_kind_o(its_rd_kind),
    .rd_rd_o(its_rd_rd), .rd_rd2_o(its_rd_rd2), .rd_intid_o(its_rd_intid),
    .rt_valid_o(its_rt_valid), .rt_kind_o(its_rt_kind), .rt_offset_o(its_rt_offset),
    .rt_opcode_o(its_rt_opcode), .rt_outcome_o(its_rt_outcome), .rt_error_o(its_rt_error),
    .rt_devid_o(its_rt_devid), .rt_eventid_o(its_rt_eventid), .busy_o(its_busy)
  );

  always @(posedge clk_i) begin : its_bench
    bit rst_n, psel, penable, pwrite, msi_valid, mreq_ready, mrsp_valid, mrsp_err, rd_ready;
    int unsigned paddr, pstrb, pdevid, msi_devid, msi_eventid;
    longint unsigned pwdata, mrdata;
    c_dpi_its_edge(its_pready, its_prdata, its_pslverr, its_msi_ready,
                   its_mreq_valid, its_maddr, its_mwe, its_mwdata, 32'(its_mbe), its_mrsp_ready,
                   its_rd_valid, 32'(its_rd_kind), 32'(its_rd_rd), 32'(its_rd_rd2), its_rd_intid,
                   its_rt_valid, 32'(its_rt_kind), 32'(its_rt_offset), 32'(its_rt_opcode),
                   32'(its_rt_outcome), 32'(its_rt_error), 32'(its_rt_devid), its_rt_eventid,
                   its_busy,
                   rst_n, psel, penable, pwrite, paddr, pwdata, pstrb, pdevid,
                   msi_valid, msi_devid, msi_eventid, mreq_ready, mrsp_valid, mrdata, mrsp_err,
                   rd_ready);
    its_rst_n       <= rst_n & rst_ni;
    its_psel        <= psel;
    its_penable     <= penable;
    its_pwrite      <= pwrite;
    its_paddr       <= paddr[16:0];
    its_pwdata      <= pwdata;
    its_pstrb       <= pstrb[7:0];
    its_pdevid      <= pdevid[15:0];
    its_msi_valid   <= msi_valid;
    its_msi_devid   <= msi_devid[15:0];
    its_msi_eventid <= msi_eventid;
    its_mreq_ready  <= mreq_ready;
    its_mrsp_valid  <= mrsp_valid;
    its_mrdata      <= mrdata;
    its_mrsp_err    <= mrsp_err;
    its_rd_ready    <= rd_ready;
  end

  // ---------------------------------------------------------------- stimer
  logic               st_rst_n = 1'b0;
  logic               st_psel, st_penable, st_pwrite, st_pready, st_pslverr;
  logic [StAddrW-1:0] st_paddr;
  logic [63:0]        st_pwdata, st_prdata, st_now;
  logic [7:0]         st_pstrb;
  logic               st_mreq_valid, st_mreq_ready, st_mwe, st_mrsp_valid, st_mrsp_ready;
  logic               st_mrsp_err;
  logic [63:0]        st_maddr, st_mwdata, st_mrdata;
  logic [7:0]         st_mbe;
  logic               st_irq_valid, st_irq_ready, st_irq_auto_eoi;
  logic [VpW-1:0]     st_irq_vp, st_eoi_vp, st_rt_vp;
  logic [7:0]         st_irq_vector, st_eoi_vector;
  logic               st_eoi_valid, st_eoi_ready;
  logic               st_rt_valid, st_rt_kind;
  logic [1:0]         st_rt_timer;
  logic [2:0]         st_rt_outcome;
  logic [63:0]        st_rt_now;
  logic               st_busy;

  stimer_top #(
    .NumVp(NumVp), .FeatDirect(FeatDirect != 0), .ScontrolGate(ScontrolGate != 0)
  ) u_stimer (
    .clk_i, .rst_ni(st_rst_n),
    .apb_psel_i(st_psel), .apb_penable_i(st_penable), .apb_pwrite_i(st_pwrite),
    .apb_paddr_i(st_paddr), .apb_pwdata_i(st_pwdata), .apb_pstrb_i(st_pstrb),
    .apb_pready_o(st_pready), .apb_prdata_o(st_prdata), .apb_pslverr_o(st_pslverr),
    .now_i(st_now),
    .mem_req_valid_o(st_mreq_valid), .mem_req_ready_i(st_mreq_ready),
    .mem_req_addr_o(st_maddr), .mem_req_we_o(st_mwe), .mem_req_wdata_o(st_mwdata),
    .mem_req_be_o(st_mbe), .mem_rsp_valid_i(st_mrsp_valid), .mem_rsp_ready_o(st_mrsp_ready),
    .mem_rsp_rdata_i(st_mrdata), .mem_rsp_err_i(st_mrsp_err),
    .irq_valid_o(st_irq_valid), .irq_ready_i(st_irq_ready), .irq_vp_o(st_irq_vp),
    .irq_vector_o(st_irq_vector), .irq_auto_eoi_o(st_irq_auto_eoi),
    .eoi_valid_i(st_eoi_valid), .eoi_ready_o(st_eoi_ready), .eoi_vp_i(st_eoi_vp),
    .eoi_vector_i(st_eoi_vector),
    .rt_valid_o(st_rt_valid), .rt_kind_o(st_rt_kind), .rt_vp_o(st_rt_vp),
    .rt_timer_o(st_rt_timer), .rt_outcome_o(st_rt_outcome), .rt_now_o(st_rt_now),
    .busy_o(st_busy)
  );

  always @(posedge clk_i) begin : stimer_bench
    bit rst_n, psel, penable, pwrite, mreq_ready, mrsp_valid, mrsp_err, irq_ready, eoi_valid;
    int unsigned paddr, pstrb, eoi_vp, eoi_vector;
    longint unsigned pwdata, now, mrdata;
    c_dpi_stimer_edge(st_pready, st_prdata, st_pslverr,
                      st_mreq_valid, st_maddr, st_mwe, st_mwdata, 32'(st_mbe), st_mrsp_ready,
                      st_irq_valid, 32'(st_irq_vp), 32'(st_irq_vector), st_irq_auto_eoi,
                      st_eoi_ready,
                      st_rt_valid, 32'(st_rt_kind), 32'(st_rt_vp), 32'(st_rt_timer),
                      32'(st_rt_outcome), st_rt_now, st_busy,
                      rst_n, psel, penable, pwrite, paddr, pwdata, pstrb, now,
                      mreq_ready, mrsp_valid, mrdata, mrsp_err, irq_ready,
                      eoi_valid, eoi_vp, eoi_vector);
    st_rst_n      <= rst_n & rst_ni;
    st_psel       <= psel;
    st_penable    <= penable;
    st_pwrite     <= pwrite;
    st_paddr      <= paddr[StAddrW-1:0];
    st_pwdata     <= pwdata;
    st_pstrb      <= pstrb[7:0];
    st_now        <= now;
    st_mreq_ready <= mreq_ready;
    st_mrsp_valid <= mrsp_valid;
    st_mrdata     <= mrdata;
    st_mrsp_err   <= mrsp_err;
    st_irq_ready  <= irq_ready;
    st_eoi_valid  <= eoi_valid;
    st_eoi_vp     <= eoi_vp[VpW-1:0];
    st_eoi_vector <= eoi_vector[7:0];
  end
  // ---------------------------------------------------------------- wave view only
  `include "tb_state_names.svh"
endmodule

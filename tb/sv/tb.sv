// SPDX-License-Identifier: Apache-2.0
// Lockstep harness: both DUTs, with small monitors and drivers around each (DESIGN.md section 5).
// A monitor observes the DUT's ports and makes one DPI call per completed handshake (input
// accepted, memory request and response, event or interrupt accepted, retire record, register
// access completed); the C bench (tb/c/rtl_be.c) gives each to the lockstep checker. The drivers
// of a DUT make one call per clock edge: it passes the ready/valid pins of the drivers' own
// handshakes and returns the DUT inputs for the next cycle (those of the APB master and the
// MSI, `now` and EOI drivers by a second call, at the edges where they change). Monitors never
// drive, drivers never observe anything but their own handshakes. The DUT not under test gets
// no clock edge.
module tb #(
  parameter int unsigned NumRd = 4,
  // its_top's MsiBurst: port MSIs that may overtake a waiting command (IMPDEF-ITS-14).
  parameter int unsigned MsiBurst = 4,
  // its_top's micro-architecture (timing only: the model and the checker do not see them; the
  // defaults are its_top's). tb_sim_its_uarch builds other values (sim/cmake/lockstep.cmake).
  parameter int unsigned MsiFifoDepth = 4,
  parameter int unsigned MsiSlots = 4,
  parameter int unsigned MemMaxOut = 8,
  parameter int unsigned MsiRspBypass = 0,  // int, so that -GMsiRspBypass=1 sets it cleanly
  parameter int unsigned NumVp = 4,
  parameter int unsigned FeatDirect = 1,  // int, so that -GFeatDirect=0 sets it cleanly
  parameter int unsigned ScontrolGate = 1,
  // 1: the trace encoders (rtl/trace) are built in, for `tb_sim --record` (tb_sim_rec). They are
  // as large as both DUTs together and halve the simulation speed, so other builds leave them out.
  parameter int unsigned Record = 0
) (
  input logic clk_i,
  input logic rst_ni
);
  import tb_dpi_pkg::*;

  localparam int unsigned VpW = (NumVp > 1) ? $clog2(NumVp) : 1;
  localparam int unsigned StAddrW = VpW + 11;

  // The bench object, attached by the C++ main (sim/sim_main.cpp) before the first evaluation.
  chandle bench;
  export "DPI-C" function tb_attach;
  function automatic void tb_attach(input chandle h);
    bench = h;
  endfunction

  // The DUT under test; the other one stays in reset with idle inputs and costs no DPI call.
  int unsigned dut_sel = 0;
  initial dut_sel = tb_config(bench, NumRd, MsiBurst, NumVp, FeatDirect, ScontrolGate, Record);
  // One clock per block, running only for the DUT under test (dut_sel is set before the first
  // edge and never changes): the other DUT, its harness process and its trace encoder never
  // run, and a block without edges costs Verilator nothing (clocked and held in reset, the idle
  // DUT took a third of the run time). Its reset input stays asserted. The gated clocks start
  // at 1, as clk_i does at the first evaluation (sim/sim_main.cpp), and are 2-state: whatever
  // --x-initial gives other variables, neither has an edge at time 0, and the first edge of the
  // DUT under test is clk_i's first, at time 10. The start value is set by an initial block and
  // the gating by a plain `always @*` (an always_comb variable may have no other writer, and a
  // declaration initialiser on a variable a process writes is not a reset: PROCASSINIT).
  bit its_clk, st_clk;
  initial {its_clk, st_clk} = 2'b11;
  always @* its_clk = clk_i & (dut_sel == BlkIts);
  always @* st_clk = clk_i & (dut_sel == BlkStimer);

  // ---------------------------------------------------------------- ITS
  // Reset from time 0, whatever --x-initial does. The harness's state is set by initial blocks,
  // not declaration initialisers: a declaration's value is not a reset of a variable that a
  // process assigns later (Verilator's PROCASSINIT).
  logic        its_rst_n;
  initial its_rst_n = 1'b0;
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
  // The compared records are the packed structs of docs/enc/its.toml, passed whole to the
  // monitors: a field added there reaches the checker with no edit here.
  logic             its_rd_valid, its_rd_ready;
  its_pkg::rd_ev_t  its_rd;
  logic             its_rt_valid;
  its_pkg::retire_t its_rt;
  logic        its_busy;
  // The model's side of the last comparison, for the waves (ls_wave_t): expected (exp, the
  // model) and actual (act, the DUT) as the checker compared them, updated at the edge of the
  // comparison; `its_mismatch` rises at the edge the first divergence is reported.
  its_pkg::retire_t its_exp_rt, its_act_rt;
  its_pkg::rd_ev_t  its_exp_rd, its_act_rd;
  logic [63:0] its_exp_mw_addr, its_act_mw_addr, its_exp_mw_data;
  logic [63:0] its_act_mw_data, its_exp_rdata, its_act_rdata;
  logic [7:0]  its_exp_mw_be, its_act_mw_be;
  logic        its_exp_mw_fault, its_act_mw_fault, its_mismatch;
  initial begin  // zero until the first comparison
    {its_exp_rt, its_act_rt, its_exp_rd, its_act_rd} = '0;
    {its_exp_mw_addr, its_act_mw_addr, its_exp_mw_data, its_act_mw_data} = '0;
    {its_exp_rdata, its_act_rdata, its_exp_mw_be, its_act_mw_be} = '0;
    {its_exp_mw_fault, its_act_mw_fault, its_mismatch} = '0;
  end

  its_top #(
    .NumRd(NumRd), .MsiBurst(MsiBurst), .MsiFifoDepth(MsiFifoDepth), .MsiSlots(MsiSlots),
    .MemMaxOut(MemMaxOut), .MsiRspBypass(MsiRspBypass != 0)
  ) u_its (
    .clk_i(its_clk), .rst_ni(its_rst_n),
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
    .rd_valid_o(its_rd_valid), .rd_ready_i(its_rd_ready), .rd_o(its_rd),
    .rt_valid_o(its_rt_valid), .rt_o(its_rt), .busy_o(its_busy)
  );

  // One process per DUT, so that the order of the calls within an edge is fixed: the monitors
  // first, in the order docs/interfaces.md section 3.4 gives (memory and events before the
  // retire record, the register bus last), then the drivers, which see what the monitors
  // reported. The values passed are those of the cycle that ends at this edge.
  logic its_rst_mon_q;  // the reset the reset monitor saw at the last edge
  initial its_rst_mon_q = 1'b0;
  always @(posedge its_clk) begin : its_tb
    bit rst_n, psel, penable, pwrite, msi_valid, mreq_ready, mrsp_valid, mrsp_err, rd_ready;
    int unsigned paddr, pstrb, pdevid, msi_devid, msi_eventid;
    longint unsigned pwdata, mrdata;
    bit ctl, wave;
    if (dut_sel != BlkIts) begin
      {rst_n, psel, penable, pwrite, msi_valid, mreq_ready, mrsp_valid, mrsp_err, rd_ready} = '0;
      {paddr, pstrb, pdevid, msi_devid, msi_eventid, pwdata, mrdata} = '0;
      ctl = 1'b1;
    end else begin
    // ---- monitors
    if (!its_rst_n && its_rst_mon_q) tb_reset_mon(bench, BlkIts);
    its_rst_mon_q <= its_rst_n;
    if (its_rst_n) begin
      if (its_mrsp_valid && its_mrsp_ready) tb_mem_rsp_mon(bench, BlkIts, its_mrsp_err);
      if (its_mreq_valid && its_mreq_ready) begin
        tb_mem_req_mon(bench, BlkIts, its_maddr, its_mwe, its_mwdata, 32'(its_mbe));
      end
      if (its_rd_valid && its_rd_ready) tb_its_rd_mon(bench, its_rd);
      if (its_msi_valid && its_msi_ready) tb_its_msi_mon(bench, 32'(its_msi_devid), its_msi_eventid);
      if (its_rt_valid) tb_its_retire_mon(bench, its_rt);
      if (its_psel && its_penable && its_pready) begin
        tb_its_apb_mon(bench, 32'(its_paddr), its_pwrite, its_pwdata, 32'(its_pstrb),
                       32'(its_pdevid), its_prdata, its_pslverr);
      end
    end
    // ---- drivers (tb/c/rtl_be.c checks that every value fits its port before it gets here)
    tb_its_drive(bench, its_pready, its_msi_ready, its_mreq_valid, its_maddr, its_mwe, its_mwdata,
                 32'(its_mbe), its_mrsp_ready, its_busy,
                 ctl, rst_n, mreq_ready, mrsp_valid, mrdata, mrsp_err, rd_ready, wave);
    // The APB and MSI pins change only when a request starts or completes (`ctl`): fetched then.
    if (ctl) begin
      tb_its_ctl(bench, psel, penable, pwrite, paddr, pwdata, pstrb, pdevid, msi_valid, msi_devid,
                 msi_eventid);
    end
    if (wave) begin : its_wave
      bit [its_pkg::RETIRE_BITS-1:0] ert, art;
      bit [its_pkg::RD_EV_BITS-1:0] erd, ard;
      longint unsigned ema, ama, emd, amd, erdata, ardata;
      int unsigned ebe, abe;
      bit ef, af, mism;
      tb_its_wave(bench, ert, art, erd, ard, ema, ama, emd, amd, ebe, abe, ef, af, erdata, ardata,
                  mism);
      its_exp_rt <= ert;
      its_act_rt <= art;
      its_exp_rd <= erd;
      its_act_rd <= ard;
      its_exp_mw_addr <= ema;
      its_act_mw_addr <= ama;
      its_exp_mw_data <= emd;
      its_act_mw_data <= amd;
      its_exp_mw_be <= ebe[7:0];
      its_act_mw_be <= abe[7:0];
      its_exp_mw_fault <= ef;
      its_act_mw_fault <= af;
      its_exp_rdata <= erdata;
      its_act_rdata <= ardata;
      its_mismatch <= mism;
    end
    end
    its_rst_n       <= rst_n & rst_ni;
    if (ctl) begin  // else they keep their values
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
    end
    its_mreq_ready  <= mreq_ready;
    its_mrsp_valid  <= mrsp_valid;
    its_mrdata      <= mrdata;
    its_mrsp_err    <= mrsp_err;
    its_rd_ready    <= rd_ready;
  end

  // ---------------------------------------------------------------- stimer
  logic               st_rst_n;  // reset from time 0, as for the ITS
  initial st_rst_n = 1'b0;
  logic               st_psel, st_penable, st_pwrite, st_pready, st_pslverr;
  logic [StAddrW-1:0] st_paddr;
  logic [63:0]        st_pwdata, st_prdata, st_now;
  logic [7:0]         st_pstrb;
  logic               st_mreq_valid, st_mreq_ready, st_mwe, st_mrsp_valid, st_mrsp_ready;
  logic               st_mrsp_err;
  logic [63:0]        st_maddr, st_mwdata, st_mrdata;
  logic [7:0]         st_mbe;
  logic               st_irq_valid, st_irq_ready;
  stimer_pkg::irq_t   st_irq;  // records of docs/enc/stimer.toml, as for the ITS
  logic [VpW-1:0]     st_eoi_vp;
  logic [7:0]         st_eoi_vector;
  logic               st_eoi_valid, st_eoi_ready;
  logic               st_rt_valid;
  stimer_pkg::retire_t st_rt;
  logic               st_busy;
  // The model's side of the last comparison, as for the ITS (exp: the model, act: the DUT).
  stimer_pkg::retire_t st_exp_rt, st_act_rt;  // the last ATTEMPT compared
  stimer_pkg::irq_t    st_exp_irq, st_act_irq;
  logic [63:0] st_exp_mw_addr, st_act_mw_addr, st_exp_mw_data;
  logic [63:0] st_act_mw_data, st_exp_rdata, st_act_rdata;
  logic [7:0]  st_exp_mw_be, st_act_mw_be;
  logic        st_exp_mw_fault, st_act_mw_fault, st_mismatch;
  initial begin  // zero until the first comparison
    {st_exp_rt, st_act_rt, st_exp_irq, st_act_irq} = '0;
    {st_exp_mw_addr, st_act_mw_addr, st_exp_mw_data, st_act_mw_data} = '0;
    {st_exp_rdata, st_act_rdata, st_exp_mw_be, st_act_mw_be} = '0;
    {st_exp_mw_fault, st_act_mw_fault, st_mismatch} = '0;
  end

  stimer_top #(
    .NumVp(NumVp), .FeatDirect(FeatDirect != 0), .ScontrolGate(ScontrolGate != 0)
  ) u_stimer (
    .clk_i(st_clk), .rst_ni(st_rst_n),
    .apb_psel_i(st_psel), .apb_penable_i(st_penable), .apb_pwrite_i(st_pwrite),
    .apb_paddr_i(st_paddr), .apb_pwdata_i(st_pwdata), .apb_pstrb_i(st_pstrb),
    .apb_pready_o(st_pready), .apb_prdata_o(st_prdata), .apb_pslverr_o(st_pslverr),
    .now_i(st_now),
    .mem_req_valid_o(st_mreq_valid), .mem_req_ready_i(st_mreq_ready),
    .mem_req_addr_o(st_maddr), .mem_req_we_o(st_mwe), .mem_req_wdata_o(st_mwdata),
    .mem_req_be_o(st_mbe), .mem_rsp_valid_i(st_mrsp_valid), .mem_rsp_ready_o(st_mrsp_ready),
    .mem_rsp_rdata_i(st_mrdata), .mem_rsp_err_i(st_mrsp_err),
    .irq_valid_o(st_irq_valid), .irq_ready_i(st_irq_ready), .irq_o(st_irq),
    .eoi_valid_i(st_eoi_valid), .eoi_ready_o(st_eoi_ready), .eoi_vp_i(st_eoi_vp),
    .eoi_vector_i(st_eoi_vector),
    .rt_valid_o(st_rt_valid), .rt_o(st_rt),
    .busy_o(st_busy)
  );

  // Monitors then drivers, as for the ITS (docs/interfaces.md section 4.2: the time input is
  // reported before the records of the edge, which it bounds).
  logic               st_rst_mon_q;
  logic [63:0]        st_now_mon_q;  // the time input the monitor last reported
  initial {st_rst_mon_q, st_now_mon_q} = '0;
  always @(posedge st_clk) begin : stimer_tb
    bit rst_n, psel, penable, pwrite, mreq_ready, mrsp_valid, mrsp_err, irq_ready, eoi_valid;
    int unsigned paddr, pstrb, eoi_vp, eoi_vector;
    longint unsigned pwdata, now, mrdata;
    bit ctl, wave;
    if (dut_sel != BlkStimer) begin
      {rst_n, psel, penable, pwrite, mreq_ready, mrsp_valid, mrsp_err, irq_ready, eoi_valid} = '0;
      {paddr, pstrb, eoi_vp, eoi_vector, pwdata, now, mrdata} = '0;
      ctl = 1'b1;
    end else begin
    // ---- monitors
    if (!st_rst_n && st_rst_mon_q) tb_reset_mon(bench, BlkStimer);
    st_rst_mon_q <= st_rst_n;
    if (st_now != st_now_mon_q) tb_st_now_mon(bench, st_now);
    st_now_mon_q <= st_now;
    if (st_rst_n) begin
      if (st_mrsp_valid && st_mrsp_ready) tb_mem_rsp_mon(bench, BlkStimer, st_mrsp_err);
      if (st_mreq_valid && st_mreq_ready) begin
        tb_mem_req_mon(bench, BlkStimer, st_maddr, st_mwe, st_mwdata, 32'(st_mbe));
      end
      if (st_irq_valid && st_irq_ready) tb_st_irq_mon(bench, st_irq);
      if (st_eoi_valid && st_eoi_ready) tb_st_eoi_mon(bench, 32'(st_eoi_vp), 32'(st_eoi_vector));
      if (st_rt_valid) tb_st_retire_mon(bench, st_rt);
      if (st_psel && st_penable && st_pready) begin
        tb_st_apb_mon(bench, 32'(st_paddr), st_pwrite, st_pwdata, 32'(st_pstrb), st_prdata,
                      st_pslverr);
      end
    end
    // ---- drivers
    tb_st_drive(bench, st_pready, st_eoi_ready, st_mreq_valid, st_maddr, st_mwe, st_mwdata,
                32'(st_mbe), st_mrsp_ready, st_busy,
                ctl, rst_n, mreq_ready, mrsp_valid, mrdata, mrsp_err, irq_ready, wave);
    // The APB, `now` and EOI pins change only when a request starts or completes (`ctl`).
    if (ctl) begin
      tb_st_ctl(bench, psel, penable, pwrite, paddr, pwdata, pstrb, now, eoi_valid, eoi_vp,
                eoi_vector);
    end
    if (wave) begin : st_wave
      bit [stimer_pkg::RETIRE_BITS-1:0] ert, art;
      bit [stimer_pkg::IRQ_BITS-1:0] eirq, airq;
      longint unsigned ema, ama, emd, amd, erdata, ardata;
      int unsigned ebe, abe;
      bit ef, af, mism;
      tb_st_wave(bench, ert, art, eirq, airq, ema, ama, emd, amd, ebe, abe, ef, af, erdata,
                 ardata, mism);
      st_exp_rt <= ert;
      st_act_rt <= art;
      st_exp_irq <= eirq;
      st_act_irq <= airq;
      st_exp_mw_addr <= ema;
      st_act_mw_addr <= ama;
      st_exp_mw_data <= emd;
      st_act_mw_data <= amd;
      st_exp_mw_be <= ebe[7:0];
      st_act_mw_be <= abe[7:0];
      st_exp_mw_fault <= ef;
      st_act_mw_fault <= af;
      st_exp_rdata <= erdata;
      st_act_rdata <= ardata;
      st_mismatch <= mism;
    end
    end
    st_rst_n      <= rst_n & rst_ni;
    if (ctl) begin  // else they keep their values
      st_psel       <= psel;
      st_penable    <= penable;
      st_pwrite     <= pwrite;
      st_paddr      <= paddr[StAddrW-1:0];
      st_pwdata     <= pwdata;
      st_pstrb      <= pstrb[7:0];
      st_now        <= now;
      st_eoi_valid  <= eoi_valid;
      st_eoi_vp     <= eoi_vp[VpW-1:0];
      st_eoi_vector <= eoi_vector[7:0];
    end
    st_mreq_ready <= mreq_ready;
    st_mrsp_valid <= mrsp_valid;
    st_mrdata     <= mrdata;
    st_mrsp_err   <= mrsp_err;
    st_irq_ready  <= irq_ready;
  end
  // ---------------------------------------------------------------- trace encoders
  if (Record != 0) begin : g_trace
    // The synthesizable trace encoders (rtl/trace, docs/trace.md) watch the same ports as the
    // monitors; `tb_sim --record FILE` drains the stream of the DUT under test, one call per edge.
    logic        its_tr_valid, st_tr_valid, tr_ready;
    initial tr_ready = 1'b0;
    logic [511:0] its_tr_data, st_tr_data;
    logic [3:0]   its_tr_count, st_tr_count;
    logic [63:0]  its_tr_lost, st_tr_lost;
    // Beats of 8 words (whole records): memory-heavy stretches need some depth (docs/trace.md).
    localparam int unsigned TraceDepth = 32;
    its_trace #(.NumRd(NumRd), .MsiBurst(MsiBurst), .Depth(TraceDepth)) u_its_trace (
      .clk_i(its_clk), .rst_ni, .dut_rst_ni(its_rst_n),
      .apb_psel_i(its_psel), .apb_penable_i(its_penable), .apb_pwrite_i(its_pwrite),
      .apb_paddr_i(its_paddr), .apb_pwdata_i(its_pwdata), .apb_pstrb_i(its_pstrb),
      .apb_pdevid_i(its_pdevid), .apb_pready_i(its_pready), .apb_prdata_i(its_prdata),
      .apb_pslverr_i(its_pslverr),
      .msi_valid_i(its_msi_valid), .msi_ready_i(its_msi_ready), .msi_devid_i(its_msi_devid),
      .msi_eventid_i(its_msi_eventid),
      .mem_req_valid_i(its_mreq_valid), .mem_req_ready_i(its_mreq_ready),
      .mem_req_addr_i(its_maddr), .mem_req_we_i(its_mwe), .mem_req_wdata_i(its_mwdata),
      .mem_req_be_i(its_mbe), .mem_rsp_valid_i(its_mrsp_valid), .mem_rsp_ready_i(its_mrsp_ready),
      .mem_rsp_err_i(its_mrsp_err),
      .rd_valid_i(its_rd_valid), .rd_ready_i(its_rd_ready), .rd_i(its_rd),
      .rt_valid_i(its_rt_valid), .rt_i(its_rt), .busy_i(its_busy),
      .out_valid_o(its_tr_valid), .out_data_o(its_tr_data), .out_count_o(its_tr_count),
      .out_ready_i(tr_ready && dut_sel == BlkIts), .lost_o(its_tr_lost)
    );
    stimer_trace #(
      .NumVp(NumVp), .FeatDirect(FeatDirect != 0), .ScontrolGate(ScontrolGate != 0),
      .Depth(TraceDepth)
    ) u_st_trace (
      .clk_i(st_clk), .rst_ni, .dut_rst_ni(st_rst_n),
      .apb_psel_i(st_psel), .apb_penable_i(st_penable), .apb_pwrite_i(st_pwrite),
      .apb_paddr_i(st_paddr), .apb_pwdata_i(st_pwdata), .apb_pstrb_i(st_pstrb),
      .apb_pready_i(st_pready), .apb_prdata_i(st_prdata), .apb_pslverr_i(st_pslverr),
      .now_i(st_now),
      .mem_req_valid_i(st_mreq_valid), .mem_req_ready_i(st_mreq_ready),
      .mem_req_addr_i(st_maddr), .mem_req_we_i(st_mwe), .mem_req_wdata_i(st_mwdata),
      .mem_req_be_i(st_mbe), .mem_rsp_valid_i(st_mrsp_valid), .mem_rsp_ready_i(st_mrsp_ready),
      .mem_rsp_err_i(st_mrsp_err),
      .irq_valid_i(st_irq_valid), .irq_ready_i(st_irq_ready), .irq_i(st_irq),
      .eoi_valid_i(st_eoi_valid), .eoi_ready_i(st_eoi_ready), .eoi_vp_i(st_eoi_vp),
      .eoi_vector_i(st_eoi_vector),
      .rt_valid_i(st_rt_valid), .rt_i(st_rt), .busy_i(st_busy),
      .out_valid_o(st_tr_valid), .out_data_o(st_tr_data), .out_count_o(st_tr_count),
      .out_ready_i(tr_ready && dut_sel == BlkStimer), .lost_o(st_tr_lost)
    );
    always @(posedge clk_i) begin : trace_drain
      if (dut_sel == BlkIts) begin
        tr_ready <= tb_trace_drain(bench, rst_ni, its_tr_valid && tr_ready, its_tr_valid,
                                   32'(its_tr_count), its_tr_data);
      end else if (dut_sel == BlkStimer) begin
        tr_ready <= tb_trace_drain(bench, rst_ni, st_tr_valid && tr_ready, st_tr_valid,
                                   32'(st_tr_count), st_tr_data);
      end
    end
  end

  // ---------------------------------------------------------------- wave view only
  `include "tb_state_names.svh"
endmodule

// SPDX-License-Identifier: Apache-2.0
// Transaction trace encoder (docs/trace.md): packs the transactions of one clock edge, given as
// channels in the order a lockstep checker takes them, into records of 64-bit words (a header
// with the kind, payload length, sequence number, check byte and cycle stamp, then the payload)
// on a valid/ready stream. The layout is docs/enc/trace.toml (cmn_trace_pkg).
//
// An edge with any transaction is one entry of a FIFO; each cycle the stream takes as many whole
// records of the head entry as fit in a beat of `Lanes` words (8: a 512-bit DMA stream). Nothing is dropped silently: a transaction that finds the FIFO full is
// counted, and an OVERFLOW record with the count goes out ahead of the next edge that fits.
// Three internal channels come first: START (once after reset, with `StartWord`), OVERFLOW and
// CYCLE_HI (the upper cycle bits after the 40-bit stamp wrapped).
`include "prj_assert.svh"

module cmn_trace_enc #(
  parameter int unsigned NumCh = 4,     // transaction channels, in record order within an edge
  parameter int unsigned ChWords = 3,   // payload words of a channel at most (<= MAX_LEN)
  // Payload words of each channel at most (<= ChWords; 3 bits per channel, channel 0 in bits
  // 2:0): the words past them are constant 0, so neither the FIFO nor the lane select keeps them.
  parameter logic [NumCh*3-1:0] ChMaxLen = {NumCh{3'(ChWords)}},
  parameter int unsigned Depth = 16,    // edges with transactions the FIFO holds
  parameter logic [63:0] StartWord = '0,  // payload of the START record
  parameter int unsigned Lanes = 8,     // words per beat of the stream (>= ChWords + 1, 2^n)
  parameter int unsigned RingRows = 16, // the output ring holds Lanes * RingRows words
  localparam int unsigned NumT = NumCh + 3,  // with the internal channels
  localparam int unsigned ChW = ChWords * 64,
  localparam int unsigned OutW = Lanes * cmn_trace_pkg::WORD_BITS,
  localparam int unsigned LaneCntW = $clog2(Lanes + 1)
) (
  input  logic                   clk_i,
  input  logic                   rst_ni,
  // One transaction per channel and edge: its kind, payload length, aux flags and payload.
  input  logic [NumCh-1:0]       ch_valid_i,
  input  logic [NumCh*6-1:0]     ch_kind_i,
  input  logic [NumCh*3-1:0]     ch_len_i,
  input  logic [NumCh*4-1:0]     ch_aux_i,
  input  logic [NumCh*ChW-1:0]   ch_data_i,
  // The stream: a beat of `out_count_o` words (1..Lanes, word 0 in bits 63:0), whole records.
  output logic                   out_valid_o,
  output logic [OutW-1:0]        out_data_o,
  output logic [LaneCntW-1:0]    out_count_o,
  input  logic                   out_ready_i,
  // Transactions lost since reset (also reported in the stream).
  output logic [63:0]            lost_o
);
  localparam int unsigned CycW = cmn_trace_pkg::HDR_CYCLE_W;
  localparam int unsigned EntW = CycW + NumT * (1 + 6 + 3 + 4 + ChW);
  localparam int unsigned CntW = $clog2(NumCh + 1);

  // ---------------------------------------------------------------- input side
  logic [63:0] cycle_q, cycle_d;
  logic        start_q, start_d;     // START not yet pushed
  logic        hi_q, hi_d;           // CYCLE_HI owed (the stamp wrapped)
  logic [63:0] lost_q, lost_d;       // lost since the last OVERFLOW record
  logic [63:0] lost_tot_q, lost_tot_d;
  logic        ovf_q, ovf_d;         // an OVERFLOW record is owed

  // Payload words at most per channel, the internal ones (1 word each) first.
  localparam logic [NumT*3-1:0] MaxLen = {ChMaxLen, 3'd1, 3'd1, 3'd1};
  logic [NumT*3-1:0]     max_len;
  assign max_len = MaxLen;

  logic [NumT-1:0]       e_valid;
  logic [NumT*6-1:0]     e_kind;
  logic [NumT*3-1:0]     e_len;
  logic [NumT*4-1:0]     e_aux;
  logic [NumT*ChW-1:0]   e_data;
  logic [EntW-1:0]       push_data;
  logic                  push, full, empty, pop;
  logic [CntW-1:0]       n_in;

  always_comb begin
    n_in = '0;
    for (int unsigned i = 0; i < NumCh; i++) n_in = n_in + CntW'(ch_valid_i[i]);
  end

  always_comb begin
    e_valid = {ch_valid_i, hi_q, ovf_q, start_q};
    e_kind  = {ch_kind_i, cmn_trace_pkg::KIND_CYCLE_HI, cmn_trace_pkg::KIND_OVERFLOW,
               cmn_trace_pkg::KIND_START};
    e_len   = {ch_len_i, 3'd1, 3'd1, 3'd1};
    e_aux   = {ch_aux_i, 12'd0};
    e_data  = {ch_data_i, ChW'({24'd0, cycle_q[63:CycW]}), ChW'(lost_q), ChW'(StartWord)};
    for (int unsigned i = 0; i < NumT; i++) begin
      for (int unsigned w = 0; w < ChWords; w++) begin
        if (w >= 32'(max_len[i*3 +: 3])) e_data[i*ChW + w*64 +: 64] = '0;
      end
    end
    push_data = {cycle_q[CycW-1:0], e_valid, e_kind, e_len, e_aux, e_data};
    push = (|e_valid) && !full;
    cycle_d = cycle_q + 64'd1;
    start_d = start_q && !push;
    hi_d = (hi_q && !push) || (cycle_q[CycW-1:0] == '1);
    ovf_d = ovf_q;
    lost_d = lost_q;
    lost_tot_d = lost_tot_q;
    if (push && ovf_q) begin
      ovf_d = 1'b0;
      lost_d = '0;
    end
    if (full && n_in != '0) begin
      ovf_d = 1'b1;
      lost_d = lost_q + 64'(n_in);
      lost_tot_d = lost_tot_q + 64'(n_in);
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      cycle_q    <= '0;
      start_q    <= 1'b1;
      hi_q       <= 1'b0;
      lost_q     <= '0;
      lost_tot_q <= '0;
      ovf_q      <= 1'b0;
    end else begin
      cycle_q    <= cycle_d;
      start_q    <= start_d;
      hi_q       <= hi_d;
      lost_q     <= lost_d;
      lost_tot_q <= lost_tot_d;
      ovf_q      <= ovf_d;
    end
  end
  assign lost_o = lost_tot_q;

  logic [EntW-1:0] head;
  cmn_fifo #(.Width(EntW), .Depth(Depth)) u_fifo (
    .clk_i, .rst_ni, .push_i(push), .data_i(push_data), .pop_i(pop), .data_o(head),
    .empty_o(empty), .full_o(full)
  );

  // ---------------------------------------------------------------- serializer
  // Each cycle the stream takes as many whole records of the head entry as fit in its Lanes
  // words, in channel order (a record never straddles two beats).
  logic [CycW-1:0]     h_cycle;
  logic [NumT-1:0]     h_valid;
  logic [NumT*6-1:0]   h_kind;
  logic [NumT*3-1:0]   h_len;
  logic [NumT*4-1:0]   h_aux;
  logic [NumT*ChW-1:0] h_data;
  assign {h_cycle, h_valid, h_kind, h_len, h_aux, h_data} = head;

  localparam int unsigned RecW = (ChWords + 1) * 64;
  logic [NumT-1:0]          done_q, done_d, left, take;  // channels of the head entry emitted
  logic [2:0]               seq_q, seq_d, seq;
  logic [LaneCntW-1:0]      used;
  logic                     blocked;
  logic [NumT*RecW-1:0]     recs;  // every channel's record: header, then the payload words
  logic [NumT*LaneCntW-1:0] offs;  // the lane each taken record starts at
  logic [Lanes-1:0]         ends;  // the lanes where a taken record ends
  logic [OutW-1:0]          grp;   // the taken records, packed from lane 0
  logic                     grp_ready;
  logic [63:0]              hdr, sum;
  logic [7:0]               check;
  logic [2:0]               len;
  logic [ChW-1:0]           pay;

  always_comb begin
    left = h_valid & ~done_q;
    take = '0;
    used = '0;
    blocked = 1'b0;
    seq = seq_q;
    recs = '0;
    offs = '0;
    for (int unsigned i = 0; i < NumT; i++) begin
      len = h_len[i*3 +: 3];
      pay = h_data[i*ChW +: ChW];
      for (int unsigned w = 0; w < ChWords; w++) begin
        // Words past the record stay 0; past the channel's maximum they are constant 0.
        if (w >= 32'(len) || w >= 32'(max_len[i*3 +: 3])) pay[w*64 +: 64] = '0;
      end
      // The check byte: the XOR of every byte of the payload and of the header (check = 0).
      sum = '0;
      for (int unsigned w = 0; w < ChWords; w++) sum = sum ^ pay[w*64 +: 64];
      hdr = '0;
      hdr[cmn_trace_pkg::HDR_KIND_LSB +: cmn_trace_pkg::HDR_KIND_W] = h_kind[i*6 +: 6];
      hdr[cmn_trace_pkg::HDR_LEN_LSB +: cmn_trace_pkg::HDR_LEN_W] = len;
      hdr[cmn_trace_pkg::HDR_SEQ_LSB +: cmn_trace_pkg::HDR_SEQ_W] = seq;
      hdr[cmn_trace_pkg::HDR_AUX_LSB +: cmn_trace_pkg::HDR_AUX_W] = h_aux[i*4 +: 4];
      hdr[cmn_trace_pkg::HDR_CYCLE_LSB +: cmn_trace_pkg::HDR_CYCLE_W] = h_cycle;
      sum = sum ^ hdr;
      check = '0;
      for (int unsigned b = 0; b < 8; b++) check = check ^ sum[b*8 +: 8];
      hdr[cmn_trace_pkg::HDR_CHECK_LSB +: cmn_trace_pkg::HDR_CHECK_W] = check;
      recs[i*RecW +: RecW] = {pay, hdr};
      offs[i*LaneCntW +: LaneCntW] = used;
      if (left[i] && !blocked) begin
        if (32'(used) + 32'(len) + 1 <= Lanes) begin
          used = used + LaneCntW'(len) + LaneCntW'(1);
          take[i] = 1'b1;
          seq = seq + 3'd1;
        end else begin
          blocked = 1'b1;
        end
      end
    end
    // Each lane takes the word of the taken record that covers it (words past a record are 0,
    // so the OR only ever adds one nonzero word per lane).
    grp = '0;
    ends = '0;
    for (int unsigned l = 0; l < Lanes; l++) begin
      for (int unsigned i = 0; i < NumT; i++) begin
        for (int unsigned k = 0; k <= ChWords; k++) begin
          if (take[i] && 32'(offs[i*LaneCntW +: LaneCntW]) + k == l) begin
            grp[l*64 +: 64] = grp[l*64 +: 64] | recs[i*RecW + k*64 +: 64];
          end
        end
        if (take[i] && 32'(offs[i*LaneCntW +: LaneCntW]) + 32'(h_len[i*3 +: 3]) == l) begin
          ends[l] = 1'b1;
        end
      end
    end
  end

  // Advance when the ring takes the group (a separate block: grp_ready depends on `used`).
  always_comb begin
    pop = 1'b0;
    done_d = done_q;
    seq_d = seq_q;
    if (!empty && grp_ready) begin
      seq_d = seq;
      if ((left & ~take) == '0) begin
        done_d = '0;
        pop = 1'b1;
      end else begin
        done_d = done_q | take;
      end
    end
  end

  // The taken records go to the output ring, which gives beats of whole records of any edges:
  // the stream is not held to one edge per beat, and a sink that is not ready fills the ring
  // before it fills the FIFO of edges.
  cmn_trace_ring #(.Lanes(Lanes), .Rows(RingRows)) u_ring (
    .clk_i, .rst_ni, .in_valid_i(!empty), .in_data_i(grp), .in_end_i(ends), .in_count_i(used),
    .in_ready_o(grp_ready), .out_valid_o, .out_data_o, .out_count_o, .out_ready_i
  );

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      done_q <= '0;
      seq_q  <= '0;
    end else begin
      done_q <= done_d;
      seq_q  <= seq_d;
    end
  end

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(ChWordsRange_A, ChWords >= 1 && ChWords <= cmn_trace_pkg::MAX_LEN)
  for (genvar i = 0; i < NumCh; i++) begin : g_len_a
    `PRJ_ASSERT_INIT(ChMaxLenRange_A, 32'(ChMaxLen[i*3 +: 3]) <= ChWords)
    `PRJ_ASSERT_IMPLY(ChLenMax_A, ch_valid_i[i], ch_len_i[i*3 +: 3] <= ChMaxLen[i*3 +: 3])
  end
  `PRJ_ASSERT(HeadHasRecord_A, empty || (h_valid != '0))
  `PRJ_ASSERT_INIT(LanesRange_A, Lanes >= ChWords + 1)
  `PRJ_ASSERT(Progress_A, empty || (take != '0))
`endif
endmodule

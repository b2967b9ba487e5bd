// SPDX-License-Identifier: Apache-2.0
// ITS MSI front end: input FIFO and a pool of translation slots that overlap MSIs.
//
// Each slot runs LOOKUP_ITE(DeviceID, EventID) then LOOKUP_CTE(ITE.ICID) (spec/its.md sections
// 3.2 and 5): [L1] DTE, ITE (two beats), [L1] CTE. Slots hold state only; one shared issue unit
// (oldest slot first, address computed after the slot mux) and one shared response unit (the
// in-order response goes to the slot at the head of the slot-id FIFO) do the work. The two beats
// of an access are issued back to back (the grant sticks to the slot), so they also come back
// back to back and one shared register holds the first beat. A slot whose access completes in
// this cycle may issue its next access in the same cycle. Slots retire in dispatch order; a
// successful MSI hands its SET event over in its retire cycle.
`include "prj_assert.svh"

module its_xlate #(
  parameter int unsigned NumRd     = 4,
  parameter int unsigned DevIdW    = 16,
  parameter int unsigned NumSlots  = 4,
  parameter int unsigned FifoDepth = 4,
  parameter int unsigned MaxOut    = 8,
  // 1: a slot may issue its next access in the cycle its previous access completes (response to
  // request combinational path); 0: from the registered slot state, one cycle later.
  parameter bit          RspBypass = 1'b1,
  localparam int unsigned IdxW     = (NumSlots > 1) ? $clog2(NumSlots) : 1,
  localparam int unsigned CntW     = $clog2(NumSlots + 1),
  localparam int unsigned SW       = its_pkg::XL_SLOT_W
) (
  input  logic               clk_i,
  input  logic               rst_ni,
  // MSI port
  input  logic               msi_valid_i,
  output logic               msi_ready_o,
  input  logic [DevIdW-1:0]  msi_devid_i,
  input  logic [31:0]        msi_eventid_i,
  // serializer
  output logic               pend_o,       // an MSI waits in the FIFO
  output logic               free_o,       // a slot is free
  output logic               busy_o,       // a slot is in use (in flight)
  input  logic               disp_msi_i,   // FIFO head -> slot
  input  logic               disp_tr_i,    // GITS_TRANSLATER write -> slot
  input  logic [15:0]        tr_devid_i,
  input  logic [31:0]        tr_eventid_i,
  // configuration
  input  logic               enabled_i,
  input  its_pkg::tbl_cfg_t  dt_i,
  input  its_pkg::tbl_cfg_t  ct_i,
  // memory (reads only)
  output logic               mreq_valid_o,
  input  logic               mreq_ready_i,
  output logic [63:0]        mreq_addr_o,
  input  logic               mrsp_valid_i,
  input  cmn_pkg::mem_rsp_t  mrsp_i,
  // redistributor event and retire
  output logic               ev_valid_o,
  input  logic               ev_ready_i,
  output its_pkg::rd_ev_t    ev_o,
  output logic               rt_valid_o,
  output its_pkg::retire_t   rt_o
);

  // -------------------------------------------------------------------------------------------
  // Input FIFO (MSIs waiting here are not in flight)
  // -------------------------------------------------------------------------------------------
  logic        fifo_full, fifo_empty;
  logic [47:0] fifo_head;

  cmn_fifo #(.Width(48), .Depth(FifoDepth)) u_msi_fifo (
    .clk_i,
    .rst_ni,
    .push_i  (msi_valid_i && !fifo_full),
    .data_i  ({16'(msi_devid_i), msi_eventid_i}),
    .pop_i   (disp_msi_i),
    .data_o  (fifo_head),
    .empty_o (fifo_empty),
    .full_o  (fifo_full)
  );
  assign msi_ready_o = !fifo_full;
  assign pend_o      = !fifo_empty;

  // -------------------------------------------------------------------------------------------
  // Slot state
  // -------------------------------------------------------------------------------------------
  logic [SW-1:0]   sl_q [NumSlots];
  logic [SW-1:0]   sl_d [NumSlots];
  logic [SW-1:0]   eff [NumSlots];   // slot state after this cycle's response
  logic [SW-1:0]   isv [NumSlots];   // slot state seen by the issue unit
  logic [IdxW-1:0] wp_q, wp_d, rp_q, rp_d;
  logic [CntW-1:0] cnt_q, cnt_d;
  logic            lock_q, lock_d;          // grant held: back-pressure or second beat
  logic            half_q, half_d;          // first beat of a two-beat access received
  logic [63:0]     rbuf_q, rbuf_d;          // ... its data
  logic            rflt_q, rflt_d;          // ... its fault
  logic [63:0]     b1addr_q, b1addr_d;      // address of the second beat (issued next)

  // Slot ids of the outstanding beats, in request order.
  logic            idf_full, idf_empty;
  logic [IdxW-1:0] rsp_idx;
  logic            req_hs;
  logic [IdxW-1:0] sel;

  cmn_fifo #(.Width(IdxW), .Depth(MaxOut)) u_id_fifo (
    .clk_i,
    .rst_ni,
    .push_i  (req_hs),
    .data_i  (sel),
    .pop_i   (mrsp_valid_i),
    .data_o  (rsp_idx),
    .empty_o (idf_empty),
    .full_o  (idf_full)
  );

  function automatic logic [IdxW-1:0] idx_inc(logic [IdxW-1:0] i);
    if (i == IdxW'(NumSlots - 1)) idx_inc = '0;
    else                          idx_inc = i + IdxW'(1);
  endfunction

  // -------------------------------------------------------------------------------------------
  // Response unit: one response per cycle, for slot rsp_idx
  // -------------------------------------------------------------------------------------------
  its_pkg::xl_slot_t rs0, rs;
  logic [127:0]      wide;
  logic [63:0]       d64;
  logic [95:0]       d96;
  logic              flt;

  always_comb begin
    rs0    = sl_q[rsp_idx];
    rs     = rs0;
    wide   = {mrsp_i.rdata, rbuf_q} >> {rs0.off, 3'b0};
    d64    = rs0.nb2 ? wide[63:0] : mrsp_i.rdata;
    d96    = wide[95:0];
    flt    = (half_q && rflt_q) || mrsp_i.err;
    half_d = half_q;
    rbuf_d = rbuf_q;
    rflt_d = rflt_q;
    if (mrsp_valid_i && rs0.nb2 && !half_q) begin
      // First of two beats: keep it. Every beat is consumed even after a fault.
      half_d = 1'b1;
      rbuf_d = mrsp_i.rdata;
      rflt_d = mrsp_i.err;
    end else begin
      if (mrsp_valid_i) half_d = 1'b0;
      rs.nreq = '0;
      rs.nb2  = 1'b0;
      rs.off  = '0;
      rs.outc = its_pkg::OUT_IGNORED;
      rs.ee   = its_pkg::EE_NONE;
      unique case (rs.st)
        its_pkg::SlotDtL1: begin
          if (flt)           rs.outc = its_pkg::OUT_FAULT;
          else if (!d64[63]) rs.ee   = its_pkg::EE_UNMAPPED_DEVICE;
          rs.base = {1'b0, d64[50:0]};
          rs.st   = (flt || !d64[63]) ? its_pkg::SlotDone : its_pkg::SlotDte;
        end
        its_pkg::SlotDte: begin
          if (flt)                                   rs.outc = its_pkg::OUT_FAULT;
          else if (!d64[0])                          rs.ee   = its_pkg::EE_UNMAPPED_DEVICE;
          else if (its_pkg::ev_oor(rs.evid, d64[5:1])) rs.ee = its_pkg::EE_ID_OOR;
          rs.base = {d64[49:6], 8'b0};  // ITT
          rs.st   = (rs.outc == its_pkg::OUT_FAULT || rs.ee != its_pkg::EE_NONE) ?
                    its_pkg::SlotDone : its_pkg::SlotIte;
        end
        its_pkg::SlotIte: begin
          rs.intid = d96[25:2];
          rs.icid  = d96[47:32];
          // IMPDEF: IMPDEF-ITS-5 IntType = 0 (virtual) counts as unmapped.
          if (flt)                               rs.outc = its_pkg::OUT_FAULT;
          else if (!d96[0] || !d96[1])           rs.ee   = its_pkg::EE_UNMAPPED_INT;
          else if ({1'b0, d96[47:32]} >= ct_i.n) rs.ee   = its_pkg::EE_COLLECTION_OOR;
          rs.st = (rs.outc == its_pkg::OUT_FAULT || rs.ee != its_pkg::EE_NONE) ?
                  its_pkg::SlotDone : (ct_i.indirect ? its_pkg::SlotCtL1 : its_pkg::SlotCte);
        end
        its_pkg::SlotCtL1: begin
          if (flt)           rs.outc = its_pkg::OUT_FAULT;
          else if (!d64[63]) rs.ee   = its_pkg::EE_UNMAPPED_COLL;
          rs.base = {1'b0, d64[50:0]};
          rs.st   = (flt || !d64[63]) ? its_pkg::SlotDone : its_pkg::SlotCte;
        end
        its_pkg::SlotCte: begin
          rs.rd = d64[16:1];
          if (flt)                                 rs.outc = its_pkg::OUT_FAULT;
          else if (!d64[0])                        rs.ee   = its_pkg::EE_UNMAPPED_COLL;
          else if ({1'b0, d64[16:1]} >= 17'(NumRd)) rs.ee  = its_pkg::EE_PROCNUM_OOR;
          else                                     rs.outc = its_pkg::OUT_OK;
          rs.st = its_pkg::SlotDone;
        end
        default: ;
      endcase
    end
  end

  always_comb begin
    for (int i = 0; i < NumSlots; i++) begin
      eff[i] = (mrsp_valid_i && rsp_idx == IdxW'(i)) ? rs : sl_q[i];
      // Without the bypass a slot never issues in the cycle of its last response (all its beats
      // were issued before), so issuing from sl_q cannot lose a response update.
      isv[i] = RspBypass ? eff[i] : sl_q[i];
    end
  end

  // -------------------------------------------------------------------------------------------
  // Issue unit: oldest slot with a beat to issue (or the slot locked by back-pressure)
  // -------------------------------------------------------------------------------------------
  its_pkg::xl_slot_t   iss, cand;
  logic [NumSlots-1:0] want;
  logic [51:0]         cfg_base;
  logic                cfg_ind;
  logic [1:0]          cfg_psz;
  logic                found, is_ct;
  logic [15:0]         idx;
  logic [63:0]       acc_addr;
  logic              acc_nb2;

  function automatic logic wants(its_pkg::slot_state_e st, logic [1:0] nreq, logic nb2);
    wants = (st != its_pkg::SlotFree) && (st != its_pkg::SlotDone) &&
            (nreq == 2'd0 || (nreq == 2'd1 && nb2));
  endfunction

  always_comb begin
    cand = '0;
    for (int i = 0; i < NumSlots; i++) begin
      cand    = isv[i];
      want[i] = wants(cand.st, cand.nreq, cand.nb2);
    end
  end

  // Oldest slot first (circular from the retire pointer); the grant is held by lock_d.
  cmn_arb #(
    .NumReq (NumSlots)
  ) u_arb (
    .clk_i,
    .rst_ni,
    .req_i    (want),
    .first_i  (rp_q),
    .hold_i   (lock_d),
    .valid_o  (found),
    .idx_o    (sel),
    .locked_o (lock_q)
  );

  always_comb begin
    iss = isv[sel];

    // Address of the slot's current access (spec/its.md section 4).
    is_ct = (iss.st == its_pkg::SlotCtL1) || (iss.st == its_pkg::SlotCte);
    cfg_base = is_ct ? ct_i.base : dt_i.base;
    cfg_ind  = is_ct ? ct_i.indirect : dt_i.indirect;
    cfg_psz  = is_ct ? ct_i.psz : dt_i.psz;
    idx      = is_ct ? iss.icid : iss.devid;
    if (iss.st == its_pkg::SlotIte) begin
      acc_addr = its_pkg::ite_addr(iss.base, iss.evid);
    end else if (iss.st == its_pkg::SlotDtL1 || iss.st == its_pkg::SlotCtL1) begin
      acc_addr = its_pkg::l1_addr(cfg_base, cfg_psz, idx);
    end else begin
      acc_addr = its_pkg::ent_addr(cfg_ind ? iss.base : cfg_base, cfg_ind, cfg_psz, idx);
    end
    // IMPDEF: IMPDEF-ITS-8 beats per docs/interfaces.md section 2: the 12-byte ITE always takes
    // two beats, an 8-byte entry at an unaligned level-2 address takes two.
    acc_nb2 = (iss.st == its_pkg::SlotIte) || (acc_addr[2:0] != 3'd0);
  end

  assign mreq_valid_o = found && !idf_full;
  // The second beat always directly follows the first (sticky grant): its address was computed
  // one cycle earlier, which keeps an adder off the response-to-request path.
  assign mreq_addr_o  = (iss.nreq == 2'd1) ? b1addr_q : {acc_addr[63:3], 3'b0};
  assign req_hs       = mreq_valid_o && mreq_ready_i;

  // -------------------------------------------------------------------------------------------
  // Dispatch, retire and next state
  // -------------------------------------------------------------------------------------------
  its_pkg::xl_slot_t ns, rt_s;
  logic              do_disp, do_ret;

  assign rt_s       = sl_q[rp_q];
  assign ev_valid_o = (cnt_q != '0) && (rt_s.st == its_pkg::SlotDone) &&
                      (rt_s.outc == its_pkg::OUT_OK);
  assign rt_valid_o = (cnt_q != '0) && (rt_s.st == its_pkg::SlotDone) &&
                      (rt_s.outc != its_pkg::OUT_OK || ev_ready_i);
  assign do_ret     = rt_valid_o;
  assign do_disp    = disp_msi_i || disp_tr_i;

  always_comb begin
    ev_o.kind  = its_pkg::RD_SET;
    ev_o.rd    = rt_s.rd;
    ev_o.rd2   = '0;
    ev_o.intid = {8'b0, rt_s.intid};
    rt_o.kind    = rt_s.tr ? its_pkg::RT_TRANSLATER : its_pkg::RT_MSI;
    rt_o.offset  = '0;
    rt_o.opcode  = '0;
    rt_o.outcome = rt_s.outc;
    rt_o.error   = (rt_s.outc == its_pkg::OUT_IGNORED) ? its_pkg::err_code(8'h00, rt_s.ee) : '0;
    rt_o.devid   = rt_s.devid;
    rt_o.eventid = rt_s.evid;
  end

  always_comb begin
    for (int i = 0; i < NumSlots; i++) sl_d[i] = eff[i];

    // Issued beat: remember the access shape on its first beat.
    if (req_hs) begin
      ns = iss;
      if (iss.nreq == 2'd0) begin
        ns.off = acc_addr[2:0];
        ns.nb2 = acc_nb2;
      end
      ns.nreq = iss.nreq + 2'd1;
      sl_d[sel] = ns;
    end

    if (do_ret) sl_d[rp_q] = '0;

    // New MSI: the first checks of LOOKUP_ITE need no memory.
    ns       = '0;
    ns.tr    = disp_tr_i;
    ns.devid = disp_tr_i ? tr_devid_i : fifo_head[47:32];
    ns.evid  = disp_tr_i ? tr_eventid_i : fifo_head[31:0];
    ns.outc  = its_pkg::OUT_IGNORED;
    if (!enabled_i) begin
      ns.st = its_pkg::SlotDone;
      ns.ee = its_pkg::EE_DISABLED;  // IMPDEF: IMPDEF-ITS-7 error 0x0100FE
    end else if ({1'b0, ns.devid} >= dt_i.n) begin
      ns.st = its_pkg::SlotDone;
      ns.ee = its_pkg::EE_DEVICE_OOR;
    end else begin
      ns.st = dt_i.indirect ? its_pkg::SlotDtL1 : its_pkg::SlotDte;
    end
    if (do_disp) sl_d[wp_q] = ns;

    wp_d       = do_disp ? idx_inc(wp_q) : wp_q;
    rp_d       = do_ret ? idx_inc(rp_q) : rp_q;
    cnt_d      = cnt_q + CntW'(do_disp) - CntW'(do_ret);
    // Hold the grant under back-pressure, and from the first beat of a two-beat access until its
    // second beat is issued (even while the slot-id FIFO is full).
    lock_d     = (mreq_valid_o && !mreq_ready_i) || (req_hs && iss.nreq == 2'd0 && acc_nb2) ||
                 (lock_q && !req_hs);
    b1addr_d   = {acc_addr[63:3], 3'b0} + 64'd8;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int i = 0; i < NumSlots; i++) sl_q[i] <= '0;
      wp_q       <= '0;
      rp_q       <= '0;
      cnt_q      <= '0;
      half_q     <= 1'b0;
      rbuf_q     <= '0;
      rflt_q     <= 1'b0;
      b1addr_q   <= '0;
    end else begin
      for (int i = 0; i < NumSlots; i++) sl_q[i] <= sl_d[i];
      wp_q       <= wp_d;
      rp_q       <= rp_d;
      cnt_q      <= cnt_d;
      half_q     <= half_d;
      rbuf_q     <= rbuf_d;
      rflt_q     <= rflt_d;
      b1addr_q   <= b1addr_d;
    end
  end

  assign free_o = (cnt_q != CntW'(NumSlots));
  assign busy_o = (cnt_q != '0);

  // Unused: reserved entry bits, slot fields not reported at retire, the table valid bits (n is 0
  // for an invalid table), FIFO empty flag (assertions only).
  logic unused_xlate;
  assign unused_xlate = ^{wide[127:96], d64[62:51], d96[95:48], d96[31:26], rt_s.base,
                          rt_s.icid, rt_s.off, rt_s.nb2, rt_s.nreq, dt_i.valid, ct_i.valid,
                          idf_empty, cand};

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(SlotW_A, $bits(its_pkg::xl_slot_t) == its_pkg::XL_SLOT_W)
  `PRJ_ASSERT_INIT(Params_A, NumSlots >= 1 && FifoDepth >= 1 && MaxOut >= 1)
  `PRJ_ASSERT(RspExpected_A, mrsp_valid_i |-> !idf_empty)
  `PRJ_ASSERT(LockWants_A, lock_q |-> wants(iss.st, iss.nreq, iss.nb2))
  // The second beat of an access is the next request, so its response is the next response.
  `PRJ_ASSERT(SecondBeatNext_A, req_hs && iss.nreq == 2'd0 && acc_nb2 |=>
              lock_q && sel == $past(sel) && iss.nreq == 2'd1)
  `PRJ_ASSERT(LockIssues_A, lock_q && !idf_full |-> mreq_valid_o)
  `PRJ_ASSERT(HalfSameSlot_A, half_q && mrsp_valid_i |-> rs0.nb2)
  `PRJ_ASSERT(DispFree_A, do_disp |-> free_o)
  `PRJ_ASSERT(OneDisp_A, !(disp_msi_i && disp_tr_i))
  `PRJ_ASSERT(DispMsiPend_A, disp_msi_i |-> pend_o)
  `PRJ_ASSERT_VALID_READY(MemReq, mreq_valid_o, mreq_ready_i, mreq_addr_o)
  `PRJ_ASSERT_VALID_READY(Ev, ev_valid_o, ev_ready_i, ev_o)
  `PRJ_ASSERT_VALID_READY(MsiIn, msi_valid_i, msi_ready_o, {msi_devid_i, msi_eventid_i})
`endif

endmodule

// SPDX-License-Identifier: Apache-2.0
// ITS MSI front end: input FIFO and a pool of translation slots that overlap MSIs.
//
// Each slot runs LOOKUP_ITE(DeviceID, EventID) then LOOKUP_CTE(ITE.ICID) (spec/its.md sections
// 3.2 and 5): [L1] DTE, ITE (two beats), [L1] CTE. Slots hold state only; one shared issue unit
// (its_xlate_iss: oldest slot first, address computed after the slot mux) and one shared response
// unit (its_xlate_rsp: the in-order response goes to the slot at the head of the slot-id FIFO)
// do the work. The address of each slot's current table access is computed per slot (table base
// + index arithmetic, 12 * EventID kept from dispatch) and registered before the issue unit may
// issue it: no adder between the slot state and the memory request. The two beats
// of an access are issued back to back (the grant sticks to the slot), so they also come back
// back to back and one shared register holds the first beat. Slots retire in dispatch order; a
// successful MSI hands its SET event over in its retire cycle.
`include "prj_assert.svh"

module its_xlate #(
  parameter int unsigned NumRd     = 4,
  parameter int unsigned DevIdW    = 16,
  parameter int unsigned NumSlots  = 4,
  parameter int unsigned FifoDepth = 4,
  parameter int unsigned MaxOut    = 8,
  // 1: the address of a slot's next access is computed from the slot state this cycle's response
  // makes (response to address-register path), so the access can be issued in the next cycle;
  // 0: the response unit's result is registered (rw_q), and the address computed from that
  // register, one cycle later (shorter paths).
  parameter bit          RspBypass = 1'b0,
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
  input  logic               tr_src_i,     // a GITS_TRANSLATER write waits (source choice)
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
  logic [SW-1:0]   eff [NumSlots];   // slot state after this cycle's response update
  logic [IdxW-1:0] wp_q, wp_d, rp_q, rp_d;
  logic [CntW-1:0] cnt_q, cnt_d;
  logic            free_q, busy_q;  // cnt_q != NumSlots, cnt_q != 0

  // Slot ids of the outstanding beats, in request order.
  logic            idf_full, idf_empty;
  logic [IdxW-1:0] rsp_idx;
  logic            req_hs;
  logic [IdxW-1:0] sel;

  // With each beat's slot id, the shape of its access (two beats; byte offset of the entry in
  // its first beat): the response register's stage joins the entry's beats without the slot
  // multiplexer. The shape is that of the slot's registered address (pa_q, anb2), which does not
  // change between the two beats of an access.
  logic [2:0]      rsp_off;
  logic            rsp_nb2;
  logic [IdxW+3:0] idf_push;  // {anb2[sel], pa_q[sel][2:0], sel} (assigned with pa_q, below)

  cmn_fifo #(.Width(IdxW + 4), .Depth(MaxOut)) u_id_fifo (
    .clk_i,
    .rst_ni,
    .push_i  (req_hs),
    .data_i  (idf_push),
    .pop_i   (mrsp_valid_i),
    .data_o  ({rsp_nb2, rsp_off, rsp_idx}),
    .empty_o (idf_empty),
    .full_o  (idf_full)
  );

  function automatic logic [IdxW-1:0] idx_inc(logic [IdxW-1:0] i);
    if (i == IdxW'(NumSlots - 1)) idx_inc = '0;
    else                          idx_inc = i + IdxW'(1);
  endfunction

  // -------------------------------------------------------------------------------------------
  // Response register: each response is registered with its slot id (popped from the slot-id
  // FIFO on arrival), a snapshot of that slot and its EventID width, and processed in the next
  // cycle; the FIFO read and the slot multiplexer are off the response-check path. The snapshot
  // equals the slot in that cycle: a slot with an outstanding beat is not dispatched into,
  // retired or answered otherwise, and its beat count (a second beat issued meanwhile) is only
  // written back by a response that completes the access (rs_upd), after which it has no beat
  // in flight.
  // -------------------------------------------------------------------------------------------
  logic [5:0]        evw_q [NumSlots];  // each slot's EventID's highest 1 (0 for 0; at dispatch)
  logic              rq_valid_q;
  logic [NumSlots-1:0] rq_hit_q;  // rq_valid_q decoded per slot (rq_idx_q)
  cmn_pkg::mem_rsp_t rq_rsp_q, rq_rsp_d;
  logic [IdxW-1:0]   rq_idx_q, rq_idx_d;
  logic [SW-1:0]     rq_slot_q, rq_slot_d;
  logic [5:0]        rq_evw_q, rq_evw_d;
  logic [1:0]        rq_oor_q, rq_oor_d;  // the beat's two ICID places >= CT.n (its_xlate_rsp)
  logic [63:0]       rq_d64_q, rq_d64_d;  // the 8-byte entry this beat completes (its_xlate_rsp)
  logic [127:0]      rq_two;              // {the arriving beat, the previous response}
  localparam int unsigned IcidLsb = its_pkg::ITE_LO_ICID_LSB;
  localparam int unsigned IcidW   = its_pkg::ITE_LO_ICID_W;

  always_comb begin
    rq_rsp_d  = mrsp_valid_i ? mrsp_i : rq_rsp_q;
    // The two beats of an access are adjacent in the response stream: for the second beat of a
    // two-beat access the previous response is its first; a single beat is the entry.
    rq_two    = {mrsp_i.rdata, rq_rsp_q.rdata} >> {rsp_off, 3'b0};
    rq_d64_d  = !mrsp_valid_i ? rq_d64_q : (rsp_nb2 ? rq_two[63:0] : mrsp_i.rdata);
    rq_idx_d  = mrsp_valid_i ? rsp_idx : rq_idx_q;
    rq_slot_d = mrsp_valid_i ? sl_q[rsp_idx] : rq_slot_q;
    rq_evw_d  = mrsp_valid_i ? evw_q[rsp_idx] : rq_evw_q;
    rq_oor_d  = mrsp_valid_i ? {{1'b0, mrsp_i.rdata[IcidLsb-32 +: IcidW]} >= ct_i.n,
                                {1'b0, mrsp_i.rdata[IcidLsb +: IcidW]} >= ct_i.n} : rq_oor_q;
  end

  // rq_hit_q: rq_valid_q decoded per slot (a flop of its own, asserted equal), so the slots'
  // update selects and address-valid bits start from a flop instead of a comparison.
  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rq_valid_q <= 1'b0;
      rq_hit_q   <= '0;
    end else begin
      rq_valid_q <= mrsp_valid_i;
      for (int i = 0; i < NumSlots; i++) rq_hit_q[i] <= mrsp_valid_i && rsp_idx == IdxW'(i);
    end
  end

  // No reset: the registered response, read only while rq_valid_q is set (docs/its-uarch.md,
  // Resets).
  always_ff @(posedge clk_i) begin
    rq_rsp_q  <= rq_rsp_d;
    rq_idx_q  <= rq_idx_d;
    rq_slot_q <= rq_slot_d;
    rq_evw_q  <= rq_evw_d;
    rq_oor_q  <= rq_oor_d;
    rq_d64_q  <= rq_d64_d;
  end

  // -------------------------------------------------------------------------------------------
  // Response unit: one registered response per cycle, for slot rq_idx_q
  // -------------------------------------------------------------------------------------------
  its_pkg::xl_slot_t rs0, rs;
  logic              rs_upd;
  // The response unit's result, registered (MsiRspBypass = 0): written into the slot, and used
  // for the slot's next address, in the next cycle.
  logic              rw_valid_q;
  logic [IdxW-1:0]   rw_idx_q;
  logic [SW-1:0]     rw_q;
  logic              up_valid;  // the slot update applied in this cycle: rs, or rw_q
  logic [IdxW-1:0]   up_idx;
  logic [NumSlots-1:0] rw_hit_q;  // rw_valid_q decoded per slot
  logic [NumSlots-1:0] up_hit;    // up_valid decoded per slot
  logic [SW-1:0]     up_slot;

  always_comb begin
    rs0 = rq_slot_q;
  end

  its_xlate_rsp #(
    .NumRd (NumRd)
  ) u_rsp (
    .clk_i,
    .rst_ni,
    .mrsp_valid_i  (rq_valid_q),
    .mrsp_i        (rq_rsp_q),
    .slot_i        (rs0),
    .d64_i         (rq_d64_q),
    .evhi_i        (rq_evw_q),
    .icid_oor_i    (rq_oor_q),
    .ct_indirect_i (ct_i.indirect),
    .upd_o         (rs_upd),
    .slot_o        (rs)
  );

  // RspBypass = 0: the checks end in a register, so the response path (snapshot, checks, the
  // slots' write selects) is cut in two; the address register of the slot's next access is still
  // loaded in the cycle the result is written (from the result register), so the next access is
  // not later than with the result written directly.
  assign up_valid = RspBypass ? rs_upd : rw_valid_q;
  assign up_idx   = RspBypass ? rq_idx_q : rw_idx_q;
  assign up_slot  = RspBypass ? rs : rw_q;
  assign up_hit   = RspBypass ? (rq_hit_q & {NumSlots{rs_upd}}) : rw_hit_q;

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rw_valid_q <= 1'b0;
      rw_hit_q   <= '0;
    end else begin
      rw_valid_q <= rs_upd && !RspBypass;
      rw_hit_q   <= rq_hit_q & {NumSlots{rs_upd && !RspBypass}};
    end
  end

  // No reset: the registered result, read only while rw_valid_q is set (docs/its-uarch.md,
  // Resets).
  always_ff @(posedge clk_i) begin
    rw_idx_q <= rq_idx_q;
    rw_q     <= rs;
  end

  always_comb begin
    for (int i = 0; i < NumSlots; i++) begin
      eff[i] = up_hit[i] ? up_slot : sl_q[i];
    end
  end

  // -------------------------------------------------------------------------------------------
  // Issue unit: oldest slot with a beat to issue (or the slot locked by back-pressure)
  // -------------------------------------------------------------------------------------------
  logic [NumSlots*SW-1:0] isv_flat;
  logic [NumSlots*64-1:0] pa_flat;  // registered address of each slot's current access
  logic [NumSlots-1:0]    pok_q;    // ... valid for the slot's state
  logic [NumSlots-1:0]    anb2;     // ... has two beats
  logic [NumSlots-1:0]    soon;     // ... can issue its first beat in the next cycle

  always_comb begin
    // A slot never issues in the cycle of its last response (all its beats were issued before,
    // and its next access waits for its address register), so the issue unit sees sl_q.
    for (int i = 0; i < NumSlots; i++) isv_flat[i*SW+:SW] = sl_q[i];
  end

  its_xlate_iss #(
    .NumSlots (NumSlots)
  ) u_iss (
    .clk_i,
    .rst_ni,
    .slots_i      (isv_flat),
    .oldest_i     (rp_q),
    .id_full_i    (idf_full),
    .addr_i       (pa_flat),
    .aok_i        (pok_q),
    .anb2_i       (anb2),
    .soon_i       (soon),
    .mreq_valid_o,
    .mreq_ready_i,
    .mreq_addr_o,
    .issue_o      (req_hs),
    .sel_o        (sel)
  );

  // -------------------------------------------------------------------------------------------
  // Dispatch, retire and next state
  // -------------------------------------------------------------------------------------------
  // A dispatch is registered (ns_q, the slot index dq_idx_q) and written into its slot in the
  // next cycle: the dispatch decision (its_ctrl) reaches a few flops, never the slot registers'
  // write selects. The slot is counted (cnt_q, free_o, busy_o) from the dispatch; in the cycle
  // between, it is still free in sl_q, so nothing issues, answers or retires it.
  its_pkg::xl_slot_t ns, rt_s, ns_q, sq, sn;
  logic              do_disp, do_ret;
  logic              dq_valid_q;
  logic [NumSlots-1:0] dq_hit_q;  // dq_valid_q decoded per slot (dq_idx_q)
  logic [IdxW-1:0]   dq_idx_q;
  logic              oor_msi, oor_tr;  // DeviceID out of range: FIFO head, TRANSLATER write

  // A slot is counted from its dispatch until its retire edge, where it becomes free: a slot
  // that is not free is always counted, so the head slot being done needs no count check
  // (assertion DoneCounted_A).
  assign rt_s       = sl_q[rp_q];
  assign ev_valid_o = (rt_s.st == its_pkg::SlotDone) && (rt_s.outc == its_pkg::OUT_OK);
  assign rt_valid_o = (rt_s.st == its_pkg::SlotDone) &&
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

  // New MSI: the first checks of LOOKUP_ITE need no memory. Both DeviceID range checks are made
  // before the source is chosen. The source is chosen by tr_src_i (an APB GITS_TRANSLATER write in
  // its access phase), not by the dispatch itself: a dispatch from the FIFO happens only without
  // an APB access (asserted below), and ns_q is read only after a dispatch, so the two choices
  // agree whenever it matters while the serializer's in-flight decision stays off this path.
  assign oor_msi = {1'b0, fifo_head[47:32]} >= dt_i.n;
  assign oor_tr  = {1'b0, tr_devid_i} >= dt_i.n;

  always_comb begin
    ns       = '0;
    ns.tr    = tr_src_i;
    ns.devid = tr_src_i ? tr_devid_i : fifo_head[47:32];
    ns.evid  = tr_src_i ? tr_eventid_i : fifo_head[31:0];
    ns.outc  = its_pkg::OUT_IGNORED;
    if (!enabled_i) begin
      ns.st = its_pkg::SlotDone;
      ns.ee = its_pkg::EE_DISABLED;  // IMPDEF: IMPDEF-ITS-7 error 0x0100FE
    end else if (tr_src_i ? oor_tr : oor_msi) begin
      ns.st = its_pkg::SlotDone;
      ns.ee = its_pkg::EE_DEVICE_OOR;
    end else begin
      ns.st = dt_i.indirect ? its_pkg::SlotDtL1 : its_pkg::SlotDte;
    end
  end

  // Each slot's next state. A slot applies its own issued-beat update from its own registers
  // (the issue unit only names the granted slot): it remembers the access shape on its first
  // beat. A retired slot only becomes free (its other fields are read only after the next
  // dispatch into it, which writes them all).
  always_comb begin
    for (int i = 0; i < NumSlots; i++) begin
      sq = sl_q[i];
      // IMPDEF: IMPDEF-ITS-8 beats per docs/interfaces.md section 2: the 12-byte ITE always takes
      // two beats, an 8-byte entry at an unaligned level-2 address takes two.
      anb2[i] = (sq.st == its_pkg::SlotIte) || (pa_q[i][2:0] != 3'd0);
      sn      = eff[i];
      if (req_hs && sel == IdxW'(i)) begin
        if (sq.nreq == 2'd0) begin
          sn.off = pa_q[i][2:0];
          sn.nb2 = anb2[i];
        end
        sn.nreq = sq.nreq + 2'd1;
      end
      if (do_ret && rp_q == IdxW'(i)) sn.st = its_pkg::SlotFree;
      if (dq_hit_q[i]) sn = ns_q;
      sl_d[i] = sn;
    end

    wp_d       = do_disp ? idx_inc(wp_q) : wp_q;
    rp_d       = do_ret ? idx_inc(rp_q) : rp_q;
    cnt_d      = cnt_q + CntW'(do_disp) - CntW'(do_ret);
  end

  // -------------------------------------------------------------------------------------------
  // Address of each slot's current access (spec/its.md section 4), in two registered stages:
  // the operands chosen by the slot state (op_a_q: a table, level-2 page or ITT base; op_b_q: the
  // entry's byte offset) and then their sum (pa_q), so the state decode and the operand
  // multiplexers are not in front of the adder. pa_q[i] is valid for slot i when pok_q[i]: the
  // slot's state did not change in the two cycles since the operands were chosen from it.
  // -------------------------------------------------------------------------------------------
  logic [35:0]         ev12_q [NumSlots];  // 12 * EventID: the ITE offset in the ITT
  logic [35:0]         ev12_d [NumSlots];
  logic [5:0]          evw_d [NumSlots];
  logic [5:0]          ns_evw;
  logic [63:0]         pa_q [NumSlots];
  logic [63:0]         pa_d [NumSlots];
  logic [NumSlots-1:0] pok_d;     // the state this cycle's operands come from is current
  logic [NumSlots-1:0] pok_a_q;   // ... and was for the operands in op_a_q / op_b_q
  logic [NumSlots-1:0] pok_n;     // pa_q is valid in the next cycle
  logic [51:0]         op_a_q [NumSlots];
  logic [51:0]         op_a_d [NumSlots];
  logic [35:0]         op_b_q [NumSlots];
  logic [35:0]         op_b_d [NumSlots];
  its_pkg::xl_slot_t   as;
  logic                as_ct, as_ind;
  logic [51:0]         as_cbase;
  logic [1:0]          as_psz;
  logic [15:0]         as_idx;

  // The position of the EventID's highest 1 (0 for 0; the width minus 1): the response unit's
  // EventID range check is then a 6-bit comparison with the DTE's Size, without an adder.
  always_comb begin
    ns_evw = '0;
    for (int b = 0; b < 32; b++) begin
      if (ns_q.evid[b]) ns_evw = 6'(b);
    end
  end

  always_comb begin
    for (int i = 0; i < NumSlots; i++) begin
      as       = eff[i];
      as_ct    = (as.st == its_pkg::SlotCtL1) || (as.st == its_pkg::SlotCte);
      as_cbase = as_ct ? ct_i.base : dt_i.base;
      as_ind   = as_ct ? ct_i.indirect : dt_i.indirect;
      as_psz   = as_ct ? ct_i.psz : dt_i.psz;
      as_idx   = as_ct ? as.icid : as.devid;
      if (as.st == its_pkg::SlotIte) begin
        op_a_d[i] = as.base;
        op_b_d[i] = ev12_q[i];
      end else if (as.st == its_pkg::SlotDtL1 || as.st == its_pkg::SlotCtL1) begin
        op_a_d[i] = as_cbase;
        op_b_d[i] = {17'b0, its_pkg::l1_off(as_psz, as_idx)};
      end else begin
        op_a_d[i] = as_ind ? as.base : as_cbase;
        op_b_d[i] = {17'b0, its_pkg::ent_off(as_ind, as_psz, as_idx)};
      end
      pa_d[i] = {12'b0, op_a_q[i]} + {28'b0, op_b_q[i]};
      // Stale after a dispatch into the slot, and (without the bypass) after a response to it.
      pok_d[i] = !dq_hit_q[i] && (RspBypass || !rq_hit_q[i]);
      // pa_q is valid in the next cycle when the operands in op_a_q / op_b_q were chosen from a
      // state that is still current after this cycle's update (RspBypass = 1 applies a response
      // in the cycle it arrives, so that update is excluded here too).
      pok_n[i] = pok_a_q[i] && pok_d[i] && !up_hit[i];
      // The issue unit chooses the slot it serves one cycle ahead: this slot has its next
      // access's address in the next cycle (the slot state then is `as`, but for an issued
      // beat, which the issue unit discounts itself).
      soon[i]  = pok_n[i] && as.st != its_pkg::SlotFree && as.st != its_pkg::SlotDone &&
                 as.nreq == 2'd0;
      ev12_d[i] = dq_hit_q[i] ?
                  ({1'b0, ns_q.evid, 3'b0} + {2'b0, ns_q.evid, 2'b0}) : ev12_q[i];
      evw_d[i]  = dq_hit_q[i] ? ns_evw : evw_q[i];
      pa_flat[i*64+:64] = pa_q[i];
    end
  end

  assign idf_push = {anb2[sel], pa_q[sel][2:0], sel};

  // No reset: ev12_q / evw_q are written when their slot is dispatched, op_*_q / pok_a_q follow
  // the slot state one cycle later and pa_q / pok_q two (pok_q is 0 in the two cycles after a
  // dispatch), and the issue logic
  // reads them only for a slot that is not free, i.e. after its dispatch (docs/its-uarch.md,
  // Resets).
  always_ff @(posedge clk_i) begin
    for (int i = 0; i < NumSlots; i++) begin
      ev12_q[i] <= ev12_d[i];
      evw_q[i]  <= evw_d[i];
      op_a_q[i] <= op_a_d[i];
      op_b_q[i] <= op_b_d[i];
      pa_q[i]   <= pa_d[i];
    end
    pok_a_q <= pok_d;
    pok_q   <= pok_n;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int i = 0; i < NumSlots; i++) sl_q[i] <= '0;
      wp_q       <= '0;
      rp_q       <= '0;
      cnt_q      <= '0;
      free_q     <= 1'b1;
      busy_q     <= 1'b0;
      dq_valid_q <= 1'b0;
      dq_hit_q   <= '0;
    end else begin
      for (int i = 0; i < NumSlots; i++) sl_q[i] <= sl_d[i];
      wp_q       <= wp_d;
      rp_q       <= rp_d;
      cnt_q      <= cnt_d;
      free_q     <= (cnt_d != CntW'(NumSlots));
      busy_q     <= (cnt_d != '0);
      dq_valid_q <= do_disp;
      for (int i = 0; i < NumSlots; i++) dq_hit_q[i] <= do_disp && wp_q == IdxW'(i);
    end
  end

  // No reset: the dispatched MSI and its slot, read only while dq_valid_q is set
  // (docs/its-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    ns_q     <= ns;
    dq_idx_q <= wp_q;
  end

  // The count's two decodes as flops of their own: the serializer's dispatch and completion
  // choices start from them.
  assign free_o = free_q;
  assign busy_o = busy_q;

  // Unused: slot fields not reported at retire, FIFO empty flag, the valid bits and indices that
  // the *_hit flops decode (assertions only), the slot fields the address computation and the
  // issue update do not look at.
  logic unused_xlate;
  assign unused_xlate = ^{rt_s.base, rt_s.icid, rt_s.off, rt_s.nb2, rt_s.nreq, idf_empty, as, sq,
                         up_valid, up_idx, dq_valid_q, dq_idx_q, rq_two[127:64]};

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(SlotW_A, $bits(its_pkg::xl_slot_t) == its_pkg::XL_SLOT_W)
  `PRJ_ASSERT_INIT(Params_A, NumSlots >= 1 && FifoDepth >= 1 && MaxOut >= 1)
  `PRJ_ASSERT_IMPLY(RspExpected_A, mrsp_valid_i, !idf_empty)
  `PRJ_ASSERT_IMPLY(DoneCounted_A, rt_s.st == its_pkg::SlotDone, cnt_q != '0)
  // The issue unit (u_iss) checks the grant lock and the beat order, the response unit (u_rsp)
  // the first-beat buffer.
  `PRJ_ASSERT_IMPLY(DispFree_A, do_disp, free_o)
  `PRJ_ASSERT(CountDecodes_A, free_q == (cnt_q != CntW'(NumSlots)) && busy_q == (cnt_q != '0))
  // The slot a dispatch writes in the next cycle is free until then, and nothing else touches it.
  its_pkg::xl_slot_t a_wslot, a_dslot;
  assign a_wslot = sl_q[wp_q];
  assign a_dslot = sl_q[dq_idx_q];
  its_pkg::xl_slot_t a_rslot;
  assign a_rslot = sl_q[rsp_idx];
  logic unused_a;
  assign unused_a = ^{a_wslot, a_dslot, a_rslot};
  `PRJ_ASSERT_IMPLY(DispSlotFree_A, do_disp, a_wslot.st == its_pkg::SlotFree)
  `PRJ_ASSERT_IMPLY(DispWriteFree_A, dq_valid_q,
                    a_dslot.st == its_pkg::SlotFree &&
                    !(req_hs && sel == dq_idx_q) && !(do_ret && rp_q == dq_idx_q) &&
                    !(rq_valid_q && rq_idx_q == dq_idx_q))
  // A slot never issues in the cycle a response completes its access (the issue update applies
  // to the slot as the response left it, which is then unchanged).
  `PRJ_ASSERT(IssueNotAnswered_A, !(req_hs && up_valid && up_idx == sel))
  // The shape kept with a beat's slot id is the slot's current access's.
  `PRJ_ASSERT_IMPLY(RspShape_A, mrsp_valid_i, rsp_off == a_rslot.off && rsp_nb2 == a_rslot.nb2)
  // A result waiting in rw_q belongs to a slot without a beat in flight (its next access waits
  // for its address register), so no response snapshots that slot meanwhile.
  `PRJ_ASSERT(RwNoResponse_A, !(rw_valid_q && mrsp_valid_i && rsp_idx == rw_idx_q))
  `PRJ_ASSERT(RwNoRq_A, !(rw_valid_q && rq_valid_q && rq_idx_q == rw_idx_q))
  `PRJ_ASSERT(OneDisp_A, !(disp_msi_i && disp_tr_i))
  // The per-slot decodes are the valid bits and indices they stand for.
  `PRJ_ASSERT(DqHit_A, dq_hit_q == (dq_valid_q ? NumSlots'(1) << dq_idx_q : '0))
  `PRJ_ASSERT(RqHit_A, rq_hit_q == (rq_valid_q ? NumSlots'(1) << rq_idx_q : '0))
  `PRJ_ASSERT(UpHit_A, up_hit == (up_valid ? NumSlots'(1) << up_idx : '0))
  `PRJ_ASSERT_IMPLY(TrSrcDispTr_A, disp_tr_i, tr_src_i)
  `PRJ_ASSERT_IMPLY(TrSrcDispMsi_A, disp_msi_i, !tr_src_i)
  `PRJ_ASSERT_IMPLY(DispMsiPend_A, disp_msi_i, pend_o)
  `PRJ_ASSERT_VALID_READY(Ev, ev_valid_o, ev_ready_i, ev_o)
  `PRJ_ASSERT_VALID_READY(MsiIn, msi_valid_i, msi_ready_o, {msi_devid_i, msi_eventid_i})
`endif

endmodule

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
  // 0: from the registered slot state, one cycle later (shorter paths).
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
  logic [IdxW-1:0] wp_q, wp_d, rp_q, rp_d;
  logic [CntW-1:0] cnt_q, cnt_d;

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
  cmn_pkg::mem_rsp_t rq_rsp_q, rq_rsp_d;
  logic [IdxW-1:0]   rq_idx_q, rq_idx_d;
  logic [SW-1:0]     rq_slot_q, rq_slot_d;
  logic [5:0]        rq_evw_q, rq_evw_d;

  always_comb begin
    rq_rsp_d  = mrsp_valid_i ? mrsp_i : rq_rsp_q;
    rq_idx_d  = mrsp_valid_i ? rsp_idx : rq_idx_q;
    rq_slot_d = mrsp_valid_i ? sl_q[rsp_idx] : rq_slot_q;
    rq_evw_d  = mrsp_valid_i ? evw_q[rsp_idx] : rq_evw_q;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      rq_valid_q <= 1'b0;
    end else begin
      rq_valid_q <= mrsp_valid_i;
    end
  end

  // No reset: the registered response, read only while rq_valid_q is set (docs/its-uarch.md,
  // Resets).
  always_ff @(posedge clk_i) begin
    rq_rsp_q  <= rq_rsp_d;
    rq_idx_q  <= rq_idx_d;
    rq_slot_q <= rq_slot_d;
    rq_evw_q  <= rq_evw_d;
  end

  // -------------------------------------------------------------------------------------------
  // Response unit: one registered response per cycle, for slot rq_idx_q
  // -------------------------------------------------------------------------------------------
  its_pkg::xl_slot_t rs0, rs;
  logic              rs_upd;

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
    .evhi_i        (rq_evw_q),
    .ct_n_i        (ct_i.n),
    .ct_indirect_i (ct_i.indirect),
    .upd_o         (rs_upd),
    .slot_o        (rs)
  );

  always_comb begin
    for (int i = 0; i < NumSlots; i++) begin
      eff[i] = (rs_upd && rq_idx_q == IdxW'(i)) ? rs : sl_q[i];
    end
  end

  // -------------------------------------------------------------------------------------------
  // Issue unit: oldest slot with a beat to issue (or the slot locked by back-pressure)
  // -------------------------------------------------------------------------------------------
  logic [NumSlots*SW-1:0] isv_flat;
  its_pkg::xl_slot_t      iss_next;
  logic [NumSlots*64-1:0] pa_flat;  // registered address of each slot's current access
  logic [NumSlots-1:0]    pok_q;    // ... valid for the slot's state

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
    .mreq_valid_o,
    .mreq_ready_i,
    .mreq_addr_o,
    .issue_o      (req_hs),
    .sel_o        (sel),
    .slot_o       (iss_next)
  );

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

    // Issued beat (the issue unit updated the slot's access shape).
    if (req_hs) sl_d[sel] = iss_next;

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
  end

  // -------------------------------------------------------------------------------------------
  // Address of each slot's current access (spec/its.md section 4), registered: pa_q[i] is valid
  // for slot i when pok_q[i] (the slot's state did not change since it was computed).
  // -------------------------------------------------------------------------------------------
  logic [35:0]         ev12_q [NumSlots];  // 12 * EventID: the ITE offset in the ITT
  logic [35:0]         ev12_d [NumSlots];
  logic [5:0]          evw_d [NumSlots];
  logic [5:0]          ns_evw;
  logic [63:0]         pa_q [NumSlots];
  logic [63:0]         pa_d [NumSlots];
  logic [NumSlots-1:0] pok_d;
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
      if (ns.evid[b]) ns_evw = 6'(b);
    end
  end

  always_comb begin
    as = '0;
    for (int i = 0; i < NumSlots; i++) begin
      as       = RspBypass ? eff[i] : sl_q[i];
      as_ct    = (as.st == its_pkg::SlotCtL1) || (as.st == its_pkg::SlotCte);
      as_cbase = as_ct ? ct_i.base : dt_i.base;
      as_ind   = as_ct ? ct_i.indirect : dt_i.indirect;
      as_psz   = as_ct ? ct_i.psz : dt_i.psz;
      as_idx   = as_ct ? as.icid : as.devid;
      if (as.st == its_pkg::SlotIte) begin
        pa_d[i] = {12'b0, as.base} + {28'b0, ev12_q[i]};
      end else if (as.st == its_pkg::SlotDtL1 || as.st == its_pkg::SlotCtL1) begin
        pa_d[i] = its_pkg::l1_addr(as_cbase, as_psz, as_idx);
      end else begin
        pa_d[i] = its_pkg::ent_addr(as_ind ? as.base : as_cbase, as_ind, as_psz, as_idx);
      end
      // Stale after a dispatch into the slot, and (without the bypass) after a response to it.
      pok_d[i] = !(do_disp && wp_q == IdxW'(i)) &&
                 (RspBypass || !(rq_valid_q && rq_idx_q == IdxW'(i)));
      ev12_d[i] = (do_disp && wp_q == IdxW'(i)) ? ({1'b0, ns.evid, 3'b0} + {2'b0, ns.evid, 2'b0})
                                                 : ev12_q[i];
      evw_d[i]  = (do_disp && wp_q == IdxW'(i)) ? ns_evw : evw_q[i];
      pa_flat[i*64+:64] = pa_q[i];
    end
  end

  // No reset: ev12_q / evw_q are written when their slot is dispatched, pa_q / pok_q follow the
  // slot state one cycle later (pok_q is 0 in the cycle after a dispatch), and the issue logic
  // reads them only for a slot that is not free, i.e. after its dispatch (docs/its-uarch.md,
  // Resets).
  always_ff @(posedge clk_i) begin
    for (int i = 0; i < NumSlots; i++) begin
      ev12_q[i] <= ev12_d[i];
      evw_q[i]  <= evw_d[i];
      pa_q[i]   <= pa_d[i];
    end
    pok_q <= pok_d;
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      for (int i = 0; i < NumSlots; i++) sl_q[i] <= '0;
      wp_q       <= '0;
      rp_q       <= '0;
      cnt_q      <= '0;
    end else begin
      for (int i = 0; i < NumSlots; i++) sl_q[i] <= sl_d[i];
      wp_q       <= wp_d;
      rp_q       <= rp_d;
      cnt_q      <= cnt_d;
    end
  end

  assign free_o = (cnt_q != CntW'(NumSlots));
  assign busy_o = (cnt_q != '0);

  // Unused: slot fields not reported at retire, FIFO empty flag (assertions only), the slot
  // fields the address computation does not look at.
  logic unused_xlate;
  assign unused_xlate = ^{rt_s.base, rt_s.icid, rt_s.off, rt_s.nb2, rt_s.nreq, idf_empty, as};

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_INIT(SlotW_A, $bits(its_pkg::xl_slot_t) == its_pkg::XL_SLOT_W)
  `PRJ_ASSERT_INIT(Params_A, NumSlots >= 1 && FifoDepth >= 1 && MaxOut >= 1)
  `PRJ_ASSERT_IMPLY(RspExpected_A, mrsp_valid_i, !idf_empty)
  // The issue unit (u_iss) checks the grant lock and the beat order, the response unit (u_rsp)
  // the first-beat buffer.
  `PRJ_ASSERT_IMPLY(DispFree_A, do_disp, free_o)
  `PRJ_ASSERT(OneDisp_A, !(disp_msi_i && disp_tr_i))
  `PRJ_ASSERT_IMPLY(DispMsiPend_A, disp_msi_i, pend_o)
  `PRJ_ASSERT_VALID_READY(Ev, ev_valid_o, ev_ready_i, ev_o)
  `PRJ_ASSERT_VALID_READY(MsiIn, msi_valid_i, msi_ready_o, {msi_devid_i, msi_eventid_i})
`endif

endmodule

// SPDX-License-Identifier: Apache-2.0
// ITS table walker for the command executor: one table access at a time.
//
// An access is a read or write of the Device or Collection table entry `idx` (8 bytes; through
// the level-1 table when the BASER is indirect, spec/its.md section 4) or of the ITE `idx` of the
// ITT at `itt` (12 bytes). The entry is split into beats (docs/interfaces.md section 2), issued
// back to back; every beat is issued even after a fault. Result, registered, in the cycle
// after the last response: `fault` (an L1 or entry beat faulted), `noentry` (the L1 entry is
// invalid: a read finds no entry, a write is dropped), `rdata` (entry, little-endian, for
// reads); so the entry's byte alignment and the executor's checks of it are in different cycles.
//
// The address of each access (table base + index arithmetic) is computed in the cycle after the
// access starts and registered (`aok`): the memory request comes from flops, no adder sits
// between the walker's state and the memory port, and the byte shifts of the data use the
// registered offset.
`include "prj_assert.svh"

module its_walk (
  input  logic               clk_i,
  input  logic               rst_ni,
  // request (accepted when idle)
  input  logic               req_valid_i,
  output logic               req_ready_o,
  input  its_pkg::tbl_e      req_tbl_i,
  input  logic [31:0]        req_idx_i,
  input  logic [51:0]        req_itt_i,
  input  logic               req_we_i,
  input  logic [95:0]        req_wdata_i,
  // table parameters
  input  its_pkg::tbl_cfg_t  dt_i,
  input  its_pkg::tbl_cfg_t  ct_i,
  // result
  output logic               done_o,
  output logic               fault_o,
  output logic               noentry_o,
  output logic [95:0]        rdata_o,
  // memory
  output logic               mreq_valid_o,
  input  logic               mreq_ready_i,
  output cmn_pkg::mem_req_t  mreq_o,
  input  logic               mrsp_valid_i,
  input  cmn_pkg::mem_rsp_t  mrsp_i
);

  its_pkg::walk_state_e   st_q, st_d;
  its_pkg::tbl_e     tbl_q, tbl_d;
  logic [31:0]       idx_q, idx_d;
  logic [51:0]       base_q, base_d;     // ITT, or the level-2 page after the L1 read
  logic              we_q, we_d;
  logic [95:0]       wdata_q, wdata_d;
  logic [1:0]        nreq_q, nreq_d;
  logic [1:0]        nrsp_q, nrsp_d;
  logic [63:0]       beat0_q, beat0_d;
  logic              flt_q, flt_d;
  logic              aok_q, aok_d;       // the current access's address is in addr_q/off_q/nb2_q
  logic [60:0]       addr_q, addr_d;     // address of the next beat, bits [63:3]
  logic [2:0]        off_q, off_d;       // byte offset of the entry in its first beat
  logic              nb2_q, nb2_d;       // two beats

  logic [51:0]       cfg_base;
  logic              cfg_ind;
  logic [1:0]        cfg_psz;
  logic [63:0]       addr;         // byte address of the current access (to addr_q)
  logic              l1, nb2, last, flt;
  logic [127:0]      wide, wwide;
  logic [15:0]       be16;
  logic              done, noentry;   // the result, before its register
  logic              done_q, fault_q, noentry_q;
  logic [95:0]       rdata_q;

  // Current access: its address and shape.
  always_comb begin
    cfg_base = (tbl_q == its_pkg::TBL_CT) ? ct_i.base : dt_i.base;
    cfg_ind  = (tbl_q == its_pkg::TBL_CT) ? ct_i.indirect : dt_i.indirect;
    cfg_psz  = (tbl_q == its_pkg::TBL_CT) ? ct_i.psz : dt_i.psz;
    l1       = (st_q == its_pkg::WalkL1);
    if (l1) begin
      addr = its_pkg::l1_addr(cfg_base, cfg_psz, idx_q[15:0]);
    end else if (tbl_q == its_pkg::TBL_ITT) begin
      addr = its_pkg::ite_addr(base_q, idx_q);
    end else begin
      addr = its_pkg::ent_addr(cfg_ind ? base_q : cfg_base, cfg_ind, cfg_psz, idx_q[15:0]);
    end
    // IMPDEF: IMPDEF-ITS-8 ITE = 2 beats; an unaligned 8-byte level-2 entry = 2 beats.
    nb2   = !l1 && ((tbl_q == its_pkg::TBL_ITT) || (addr[2:0] != 3'd0));
    be16  = ((tbl_q == its_pkg::TBL_ITT) ? 16'h0FFF : 16'h00FF) << off_q;
    wwide = {32'b0, wdata_q} << {off_q, 3'b0};
    wide  = {mrsp_i.rdata, beat0_q} >> {off_q, 3'b0};
  end

  assign req_ready_o  = (st_q == its_pkg::WalkIdle);
  assign mreq_valid_o = (st_q != its_pkg::WalkIdle) && aok_q &&
                        (nreq_q == 2'd0 || (nreq_q == 2'd1 && nb2_q));
  always_comb begin
    mreq_o.addr  = {addr_q, 3'b0};
    mreq_o.we    = we_q && !l1;
    mreq_o.wdata = (we_q && !l1) ? ((nreq_q == 2'd1) ? wwide[127:64] : wwide[63:0]) : 64'd0;
    // Reads always use all byte enables.
    mreq_o.be    = (we_q && !l1) ? ((nreq_q == 2'd1) ? be16[15:8] : be16[7:0]) : 8'hFF;
  end

  assign last      = mrsp_valid_i && (!nb2_q || nrsp_q == 2'd1);
  assign flt       = flt_q || mrsp_i.err;
  assign done_o    = done_q;
  assign fault_o   = fault_q;    // read only with done_o
  assign noentry_o = noentry_q;  // read only with done_o
  assign rdata_o   = rdata_q;    // read only with done_o

  always_comb begin
    st_d      = st_q;
    tbl_d     = tbl_q;
    idx_d     = idx_q;
    base_d    = base_q;
    we_d      = we_q;
    wdata_d   = wdata_q;
    nreq_d    = nreq_q;
    nrsp_d    = nrsp_q;
    beat0_d   = beat0_q;
    flt_d     = flt_q;
    aok_d     = aok_q;
    addr_d    = addr_q;
    off_d     = off_q;
    nb2_d     = nb2_q;
    done      = 1'b0;
    noentry   = 1'b0;

    if (!aok_q) begin
      // First cycle of an access: register its address and shape (in WalkIdle what this
      // registers is never used: accepting a request clears aok, so the access registers again).
      aok_d  = 1'b1;
      addr_d = addr[63:3];
      off_d  = addr[2:0];
      nb2_d  = nb2;
    end
    if (mreq_valid_o && mreq_ready_i) begin
      nreq_d = nreq_q + 2'd1;
      addr_d = addr_q + 61'd1;  // the second beat of a two-beat access
    end
    if (mrsp_valid_i && !last) begin
      beat0_d = mrsp_i.rdata;
      flt_d   = flt;
      nrsp_d  = nrsp_q + 2'd1;
    end

    unique case (st_q)
      its_pkg::WalkIdle: begin
        if (req_valid_i) begin
          tbl_d   = req_tbl_i;
          idx_d   = req_idx_i;
          base_d  = req_itt_i;
          we_d    = req_we_i;
          wdata_d = req_wdata_i;
          nreq_d  = '0;
          nrsp_d  = '0;
          flt_d   = 1'b0;
          aok_d   = 1'b0;
          st_d    = (req_tbl_i != its_pkg::TBL_ITT &&
                     ((req_tbl_i == its_pkg::TBL_CT) ? ct_i.indirect : dt_i.indirect)) ?
                    its_pkg::WalkL1 : its_pkg::WalkEnt;
        end
      end
      its_pkg::WalkL1: begin
        if (last) begin
          nreq_d = '0;
          nrsp_d = '0;
          flt_d  = 1'b0;
          aok_d  = 1'b0;  // the level-2 entry's address is computed in the next cycle
          base_d = {1'b0, mrsp_i.rdata[50:0]};
          if (flt || !mrsp_i.rdata[63]) begin
            done      = 1'b1;
            noentry   = !flt;
            st_d      = its_pkg::WalkIdle;
          end else begin
            st_d = its_pkg::WalkEnt;
          end
        end
      end
      its_pkg::WalkEnt: begin
        if (last) begin
          done    = 1'b1;
          st_d    = its_pkg::WalkIdle;
        end
      end
      default: st_d = its_pkg::WalkIdle;
    endcase
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      st_q    <= its_pkg::WalkIdle;
      done_q  <= 1'b0;
    end else begin
      st_q    <= st_d;
      done_q  <= done;
    end
  end

  // No reset: loaded when a request is accepted in WalkIdle (addr_q, off_q, nb2_q while aok_q is 0)
  // before any state other than WalkIdle reads them (docs/its-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    tbl_q   <= tbl_d;
    idx_q   <= idx_d;
    base_q  <= base_d;
    we_q    <= we_d;
    wdata_q <= wdata_d;
    nreq_q  <= nreq_d;
    nrsp_q  <= nrsp_d;
    beat0_q <= beat0_d;
    flt_q   <= flt_d;
    aok_q   <= aok_d;
    addr_q  <= addr_d;
    off_q   <= off_d;
    nb2_q   <= nb2_d;
    // The result of the access whose last response is in this cycle, read only with done_q.
    fault_q   <= flt;
    noentry_q <= noentry;
    rdata_q   <= nb2_q ? wide[95:0] : {32'b0, mrsp_i.rdata};
  end

  // Unused: the table counts (checked by the executor), spare shifted bits.
  logic unused_walk;
  assign unused_walk = ^{dt_i.n, ct_i.n, wide[127:96]};

`ifdef PRJ_ASSERT_ON
  `PRJ_ASSERT_IMPLY(RspWhileBusy_A, mrsp_valid_i, st_q != its_pkg::WalkIdle && nrsp_q < nreq_q)
  `PRJ_ASSERT_IMPLY(IdxInRange_A, req_valid_i && req_ready_o && req_tbl_i != its_pkg::TBL_ITT,
                    req_idx_i[31:16] == 16'd0)
  `PRJ_ASSERT_VALID_READY(MemReq, mreq_valid_o, mreq_ready_i, mreq_o)
`endif

endmodule

// SPDX-License-Identifier: Apache-2.0
// stimer MSR register decode behind the shared APB4 slave (cmn_apb_slave): decodes
// `paddr = {vp, msr[7:0], 3'b000}` (docs/interfaces.md section 1.2), decides every #GP (all of
// them depend only on the access itself), and hands one decoded MSR operation at a time to the
// engine (stimer_msr), which runs it between passes. pready rises the cycle after the engine is
// done; prdata/pslverr are registered with it (cmn_apb_slave with RegOut = 1).
module stimer_regs #(
  parameter int unsigned NumVp       = 4,
  parameter bit          FeatTimeRef = 1'b1,
  parameter bit          FeatSynic   = 1'b1,
  parameter bit          FeatStimer  = 1'b1,
  parameter bit          FeatDirect  = 1'b1,
  localparam int unsigned VpW   = (NumVp > 1) ? $clog2(NumVp) : 1,
  localparam int unsigned AddrW = VpW + 11
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  // APB4 slave
  input  logic                 apb_psel_i,
  input  logic                 apb_penable_i,
  input  logic                 apb_pwrite_i,
  input  logic [AddrW-1:0]     apb_paddr_i,
  input  logic [63:0]          apb_pwdata_i,
  input  logic [7:0]           apb_pstrb_i,
  output logic                 apb_pready_o,
  output logic [63:0]          apb_prdata_o,
  output logic                 apb_pslverr_o,
  // decoded operation towards the engine (valid held until ready by the APB master)
  output logic                 op_valid_o,
  input  logic                 op_ready_i,
  output logic [VpW-1:0]       op_vp_o,
  output stimer_pkg::msr_req_t op_o,
  // completion from the engine
  input  logic                 op_done_i,
  input  logic [63:0]          op_rdata_i,
  // an APB access completes this cycle (the scheduler starts nothing then)
  output logic                 cpl_o
);

  // ---------------------------------------------------------------------------------------------
  // Decode (docs/interfaces.md section 1.2, spec/stimer.md sections 1-3)
  // ---------------------------------------------------------------------------------------------
  logic [VpW-1:0] vp;
  logic [7:0]     msr;
  logic           wr_ok;    // a write must be 64-bit: pstrb = FF, paddr[2:0] = 0
  logic           vp_ok;
  logic           gp;
  stimer_pkg::msr_req_t req;

  assign vp    = apb_paddr_i[AddrW-1:11];
  assign msr   = apb_paddr_i[10:3];
  assign wr_ok = (apb_pstrb_i == 8'hFF) && (apb_paddr_i[2:0] == 3'b000);
  assign vp_ok = ({{(9 - VpW) {1'b0}}, vp} < 9'(NumVp));

  always_comb begin
    req       = '0;
    req.wr    = apb_pwrite_i;
    req.op    = stimer_pkg::MSR_OP_GP;
    req.data  = apb_pwdata_i;
    req.timer = msr[2:1];
    gp        = 1'b0;
    unique casez (msr)
      stimer_pkg::MSR_TIME_REF_COUNT: begin
        // Read-only partition counter: a write is #GP (spec section 1).
        gp     = !FeatTimeRef || apb_pwrite_i;
        req.op = stimer_pkg::MSR_OP_RD_NOW;
      end
      stimer_pkg::MSR_SVERSION: begin
        gp       = !FeatSynic || apb_pwrite_i;
        req.op   = stimer_pkg::MSR_OP_RD_CONST;
        req.data = stimer_pkg::SVERSION_Q;
      end
      stimer_pkg::MSR_EOM: begin
        // Write-only trigger, reads 0; the written value is ignored (spec section 2).
        gp       = !FeatSynic;
        req.op   = apb_pwrite_i ? stimer_pkg::MSR_OP_EOM : stimer_pkg::MSR_OP_RD_CONST;
        req.data = '0;
      end
      stimer_pkg::MSR_SCONTROL, stimer_pkg::MSR_SIEFP, stimer_pkg::MSR_SIMP: begin
        // IMPDEF: IMPDEF-ST-3 SIEFP is stored and read back only (no event flags here).
        gp       = !FeatSynic;
        req.widx = (msr == stimer_pkg::MSR_SCONTROL) ? stimer_pkg::W_SCONTROL :
                   (msr == stimer_pkg::MSR_SIEFP)    ? stimer_pkg::W_SIEFP : stimer_pkg::W_SIMP;
        req.op   = !apb_pwrite_i                   ? stimer_pkg::MSR_OP_RD_RAM  :
                   (msr == stimer_pkg::MSR_SIMP)   ? stimer_pkg::MSR_OP_WR_SIMP :
                                                     stimer_pkg::MSR_OP_WR_RAM;
      end
      8'b1001_????: begin  // 0x90..0x9F
        // SINTn: vector < 16 with Masked = 0 is #GP on a write (spec section 2, KVM rule).
        gp       = !FeatSynic || (apb_pwrite_i && (apb_pwdata_i[7:4] == 4'h0) &&
                                  !apb_pwdata_i[stimer_pkg::SINT_MASKED_LSB]);
        req.widx = stimer_pkg::W_SINT0 + {1'b0, msr[3:0]};
        req.op   = apb_pwrite_i ? stimer_pkg::MSR_OP_WR_RAM : stimer_pkg::MSR_OP_RD_RAM;
      end
      8'b1011_0???: begin  // 0xB0..0xB7
        // STIMERn_CONFIG (even) / STIMERn_COUNT (odd); DirectMode without the feature is #GP.
        if (!msr[0]) begin
          gp       = !FeatStimer ||
                     (apb_pwrite_i && !FeatDirect && apb_pwdata_i[stimer_pkg::CFG_DIRECT_LSB]);
          req.widx = stimer_pkg::W_CONFIG0 + {3'b000, msr[2:1]};
          req.op   = apb_pwrite_i ? stimer_pkg::MSR_OP_WR_CFG : stimer_pkg::MSR_OP_RD_RAM;
        end else begin
          gp       = !FeatStimer;
          req.widx = stimer_pkg::W_COUNT0 + {3'b000, msr[2:1]};
          req.op   = apb_pwrite_i ? stimer_pkg::MSR_OP_WR_CNT : stimer_pkg::MSR_OP_RD_RAM;
        end
      end
      default: gp = 1'b1;  // IMPDEF: IMPDEF-ST-1 unknown MSR -> #GP
      // IMPDEF: IMPDEF-ST-7 SynIC MSRs are gated by FeatSynic, STIMER MSRs by FeatStimer alone.
    endcase
    // IMPDEF: IMPDEF-ST-1 a write that is not 64-bit, or vp >= NumVp, is a #GP.
    if (!vp_ok || (apb_pwrite_i && !wr_ok)) begin
      gp = 1'b1;
    end
    if (gp) begin
      req.op = stimer_pkg::MSR_OP_GP;
    end
  end

  // ---------------------------------------------------------------------------------------------
  // APB handshake: one operation per access phase; pready one cycle after the engine is done.
  // The #GP decision is sampled at completion: the master holds the access until pready.
  // ---------------------------------------------------------------------------------------------
  assign op_vp_o = vp;
  assign op_o    = req;

  cmn_apb_slave #(
    .AddrW  (AddrW),
    .RegOut (1'b1)
  ) u_apb (
    .clk_i,
    .rst_ni,
    .apb_psel_i,
    .apb_penable_i,
    .apb_pwrite_i,
    .apb_paddr_i,
    .apb_pwdata_i,
    .apb_pstrb_i,
    .apb_pready_o,
    .apb_prdata_o,
    .apb_pslverr_o,
    .req_valid_o (op_valid_o),
    .req_ready_i (op_ready_i),
    .done_i      (op_done_i),
    .err_i       (req.op == stimer_pkg::MSR_OP_GP),
    .rdata_i     (op_rdata_i),
    .cpl_o
  );

endmodule

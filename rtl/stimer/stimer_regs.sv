// SPDX-License-Identifier: Apache-2.0
// stimer APB4 register slave: decodes `paddr = {vp, msr[7:0], 3'b000}` (docs/interfaces.md
// section 1.2), decides every #GP (all of them depend only on the access itself), and hands one
// decoded MSR operation at a time to the engine (stimer_msr), which runs it between passes.
// pready rises the cycle after the engine is done; prdata/pslverr are registered with it.
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

  logic        busy_d, busy_q;    // operation handed to the engine, not yet done
  logic        pready_d, pready_q;
  logic [63:0] prdata_d, prdata_q;
  logic        pslverr_d, pslverr_q;
  logic        is_gp_d, is_gp_q;  // the operation in flight is a #GP

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
        req.data = stimer_pkg::SVERSION_VALUE;
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
                                  !apb_pwdata_i[stimer_pkg::SINT_MASKED]);
        req.widx = stimer_pkg::W_SINT0 + {1'b0, msr[3:0]};
        req.op   = apb_pwrite_i ? stimer_pkg::MSR_OP_WR_RAM : stimer_pkg::MSR_OP_RD_RAM;
      end
      8'b1011_0???: begin  // 0xB0..0xB7
        // STIMERn_CONFIG (even) / STIMERn_COUNT (odd); DirectMode without the feature is #GP.
        if (!msr[0]) begin
          gp       = !FeatStimer ||
                     (apb_pwrite_i && !FeatDirect && apb_pwdata_i[stimer_pkg::CFG_DIRECT]);
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
  // ---------------------------------------------------------------------------------------------
  assign op_valid_o = apb_psel_i && apb_penable_i && !busy_q && !pready_q;
  assign op_vp_o    = vp;
  assign op_o       = req;

  always_comb begin
    busy_d    = busy_q;
    is_gp_d   = is_gp_q;
    pready_d  = 1'b0;
    prdata_d  = prdata_q;
    pslverr_d = 1'b0;
    if (op_valid_o && op_ready_i) begin
      busy_d  = 1'b1;
      is_gp_d = (req.op == stimer_pkg::MSR_OP_GP);
    end
    if (busy_q && op_done_i) begin
      busy_d    = 1'b0;
      pready_d  = 1'b1;
      pslverr_d = is_gp_q;
      prdata_d  = is_gp_q ? '0 : op_rdata_i;
    end
  end

  always_ff @(posedge clk_i or negedge rst_ni) begin
    if (!rst_ni) begin
      busy_q    <= 1'b0;
      is_gp_q   <= 1'b0;
      pready_q  <= 1'b0;
      prdata_q  <= '0;
      pslverr_q <= 1'b0;
    end else begin
      busy_q    <= busy_d;
      is_gp_q   <= is_gp_d;
      pready_q  <= pready_d;
      prdata_q  <= prdata_d;
      pslverr_q <= pslverr_d;
    end
  end

  assign apb_pready_o  = pready_q;
  assign apb_prdata_o  = prdata_q;
  assign apb_pslverr_o = pslverr_q;
  assign cpl_o         = pready_q && apb_psel_i && apb_penable_i;

endmodule

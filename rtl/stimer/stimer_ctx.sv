// SPDX-License-Identifier: Apache-2.0
// stimer attempt context: captures the RAM words the scheduler reads for one delivery attempt
// (CONFIG, COUNT, SINT[SINTx], SIMP; SCONTROL arrives with the launch), assembles the
// stimer_deliver request, and computes the periodic re-arm time with the sequential modulo
// (spec/stimer.md section 4 "start": r = (now - exp) mod count; exp = now + (count - r), the
// smallest exp + k*count above now; missed periods are dropped), overlapped with the delivery.
module stimer_ctx #(
  parameter bit ScontrolGate = 1'b1
) (
  input  logic                 clk_i,
  input  logic                 rst_ni,
  input  logic                 cap_cfg_i,    // ram_rdata_i is CONFIG
  input  logic                 cap_cnt_i,    // ram_rdata_i is COUNT: start the modulo
  input  logic                 cap_sint_i,   // ram_rdata_i is SINT[SINTx]
  input  logic                 cap_simp_i,   // ram_rdata_i is SIMP
  input  logic [63:0]          ram_rdata_i,  // SCONTROL in the cycle att_o is used
  input  logic [1:0]           timer_i,
  input  logic [63:0]          exp_i,        // exp_time of the timer
  input  logic [63:0]          now_i,        // the sampled now
  output logic [3:0]           sintx_o,      // CONFIG.SINTx (valid after cap_cfg_i)
  output logic                 periodic_o,
  output logic [63:0]          cfg_off_o,    // CONFIG as read, with Enable cleared
  output stimer_pkg::attempt_t att_o,
  output logic                 rearm_busy_o,
  output logic [63:0]          rearm_exp_o
);

  logic [63:0] cfg_d, cfg_q;
  logic [63:0] cnt_d, cnt_q;
  logic [10:0] sint_d, sint_q;  // SINT bits 18:16 and 7:0
  logic [52:0] simp_d, simp_q;  // SIMP bits 63:12 and 0

  always_comb begin
    cfg_d  = cap_cfg_i ? ram_rdata_i : cfg_q;
    cnt_d  = cap_cnt_i ? ram_rdata_i : cnt_q;
    sint_d = cap_sint_i ? {ram_rdata_i[18:16], ram_rdata_i[7:0]} : sint_q;
    simp_d = cap_simp_i ? {ram_rdata_i[63:12], ram_rdata_i[stimer_pkg::SYNIC_ENABLE_LSB]} : simp_q;
  end

  // No reset: captured from the RAM in PassCtx (cap_*_i) before the attempt, the re-arm or the
  // modulo reads them (docs/stimer-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    cfg_q  <= cfg_d;
    cnt_q  <= cnt_d;
    sint_q <= sint_d;
    simp_q <= simp_d;
  end

  // ---------------------------------------------------------------------------------------------
  // Periodic re-arm
  // ---------------------------------------------------------------------------------------------
  // Registered operands and result, so that no two 64-bit carry chains follow each other in one
  // cycle: late_q = now - exp (valid from the second PassCtx cycle: exp_i is set in PassExp; the
  // modulo starts in the third), rearm_q = now + (count - r) (r is final in the modulo's last busy
  // cycle, so rearm_q is valid from the first cycle its busy_o is 0).
  logic        mod_busy;
  logic [63:0] mod_rem;
  logic [63:0] late_q, late_d, rearm_q, rearm_d;

  stimer_mod u_mod (
    .clk_i,
    .rst_ni,
    .start_i(cap_cnt_i && cfg_q[stimer_pkg::CFG_PERIODIC_LSB]),
    .a_i    (late_q),
    .b_i    (ram_rdata_i),
    .busy_o (mod_busy),
    .rem_o  (mod_rem)
  );

  assign late_d  = now_i - exp_i;
  assign rearm_d = now_i + (cnt_q - mod_rem);

  // No reset: pipeline registers recomputed every cycle; late_q is read when the modulo starts
  // (PassCtx), rearm_q in PassUpdate, many cycles after any reset (docs/stimer-uarch.md, Resets).
  always_ff @(posedge clk_i) begin
    late_q  <= late_d;
    rearm_q <= rearm_d;
  end

  assign rearm_busy_o = mod_busy;
  assign rearm_exp_o  = rearm_q;

  // ---------------------------------------------------------------------------------------------
  // Delivery request
  // ---------------------------------------------------------------------------------------------
  logic slot_avail;
  // spec section 4: slot unavailable when SIMP.Enable = 0; Normative also SCONTROL.Enable = 0,
  // unless ScontrolGate = 0 (KVM-compat).
  assign slot_avail = simp_q[0] && (!ScontrolGate || ram_rdata_i[stimer_pkg::SYNIC_ENABLE_LSB]);

  always_comb begin
    // Every field is assigned.
    att_o.timer         = timer_i;
    att_o.direct        = cfg_q[stimer_pkg::CFG_DIRECT_LSB];
    att_o.apic_vec      = cfg_q[stimer_pkg::CFG_APIC_VECTOR_LSB+:8];
    att_o.periodic      = cfg_q[stimer_pkg::CFG_PERIODIC_LSB];
    att_o.slot_avail    = slot_avail;
    att_o.slot_addr     = {simp_q[52:1], cfg_q[stimer_pkg::CFG_SINTX_LSB+:4], 8'h00};
    // TLFS (Normative): a masked or polling SINT gets the message but no interrupt.
    att_o.sint_irq      = !sint_q[stimer_pkg::SINT_MASKED_LSB-8] &&
                          !sint_q[stimer_pkg::SINT_POLLING_LSB-8];
    att_o.sint_vec      = sint_q[7:0];
    att_o.sint_auto_eoi = sint_q[stimer_pkg::SINT_AUTO_EOI_LSB-8];
    att_o.exp_time      = exp_i;
    att_o.now           = now_i;
  end

  assign sintx_o    = cfg_q[stimer_pkg::CFG_SINTX_LSB+:4];
  assign periodic_o = cfg_q[stimer_pkg::CFG_PERIODIC_LSB];
  assign cfg_off_o  = {cfg_q[63:1], 1'b0};

endmodule

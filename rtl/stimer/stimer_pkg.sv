// SPDX-License-Identifier: Apache-2.0
// stimer package: MSR numbers, register field positions, encodings and the structs that travel
// between the stimer submodules (spec/stimer.md, docs/interfaces.md section 4).
package stimer_pkg;

  // ---------------------------------------------------------------------------------------------
  // MSR numbers: low byte of 0x400000xx (docs/interfaces.md section 1.2)
  // ---------------------------------------------------------------------------------------------
  localparam logic [7:0] MSR_TIME_REF_COUNT = 8'h20;
  localparam logic [7:0] MSR_SCONTROL       = 8'h80;
  localparam logic [7:0] MSR_SVERSION       = 8'h81;
  localparam logic [7:0] MSR_SIEFP          = 8'h82;
  localparam logic [7:0] MSR_SIMP           = 8'h83;
  localparam logic [7:0] MSR_EOM            = 8'h84;
  // SINTn = 0x90 + n; STIMERn_CONFIG = 0xB0 + 2n, STIMERn_COUNT = 0xB1 + 2n (decoded by pattern)

  // ---------------------------------------------------------------------------------------------
  // Register values and fields (spec/stimer.md sections 2-4)
  // ---------------------------------------------------------------------------------------------
  localparam logic [63:0] SVERSION_VALUE = 64'h1;
  localparam logic [63:0] SINT_RESET     = 64'h0000_0000_0001_0000;  // Masked

  // SCONTROL / SIMP / SIEFP
  localparam int unsigned SYNIC_ENABLE = 0;
  // SINTn
  localparam int unsigned SINT_MASKED   = 16;
  localparam int unsigned SINT_AUTO_EOI = 17;
  localparam int unsigned SINT_POLLING  = 18;
  // STIMERn_CONFIG
  localparam int unsigned CFG_ENABLE      = 0;
  localparam int unsigned CFG_PERIODIC    = 1;
  localparam int unsigned CFG_AUTO_ENABLE = 3;
  localparam int unsigned CFG_APIC_VEC    = 4;  // 11:4
  localparam int unsigned CFG_DIRECT      = 12;
  localparam int unsigned CFG_SINTX       = 16;  // 19:16

  // Timer message (spec/stimer.md section 4, message layout)
  localparam logic [31:0] HVMSG_TIMER_EXPIRED = 32'h8000_0010;
  localparam logic [7:0]  MSG_PAYLOAD_SIZE    = 8'h18;
  // Beat 4 of a message, offset +00: type, payload_size, flags = 0, reserved = 0.
  localparam logic [63:0] MSG_HEADER = {16'h0, 8'h00, MSG_PAYLOAD_SIZE, HVMSG_TIMER_EXPIRED};
  // The SIM page: 512 doublewords, zeroed by a SIMP write with Enable = 1.
  localparam int unsigned SIM_PAGE_BEATS = 512;

  // ---------------------------------------------------------------------------------------------
  // Per-VP register RAM row: 32 doublewords per VP, word index widx = addr[4:0]
  // ---------------------------------------------------------------------------------------------
  localparam int unsigned WordW = 5;
  localparam int unsigned VpWords = 32;
  localparam logic [WordW-1:0] W_SINT0    = 5'd0;   // 0..15: SINT0..15
  localparam logic [WordW-1:0] W_SCONTROL = 5'd16;
  localparam logic [WordW-1:0] W_SIEFP    = 5'd17;
  localparam logic [WordW-1:0] W_SIMP     = 5'd18;
  localparam logic [WordW-1:0] W_CONFIG0  = 5'd20;  // 20..23: STIMERn_CONFIG
  localparam logic [WordW-1:0] W_COUNT0   = 5'd24;  // 24..27: STIMERn_COUNT
  localparam logic [WordW-1:0] W_EXP0     = 5'd28;  // 28..31: exp_time of timer n (internal)

  // ---------------------------------------------------------------------------------------------
  // Encodings
  // ---------------------------------------------------------------------------------------------
  // Retire record kind (docs/interfaces.md section 4.1).
  typedef enum logic [0:0] {
    RT_PASS    = 1'b0,
    RT_ATTEMPT = 1'b1
  } rt_kind_e;

  // ATTEMPT outcome (docs/interfaces.md section 4.3).
  typedef enum logic [2:0] {
    OUT_DELIVERED    = 3'd0,
    OUT_NO_IRQ       = 3'd1,
    OUT_DIRECT       = 3'd2,
    OUT_BUSY_LOST    = 3'd3,
    OUT_BUSY_PENDING = 3'd4,
    OUT_UNAVAILABLE  = 3'd5,
    OUT_FAULT        = 3'd6
  } outcome_e;

  // Per-timer scheduling state, kept in flops (2 bits per timer). It encodes the spec's
  // `exp_time != 0` (armed) and `msg_pending` plus "acknowledged since the last attempt":
  //   TS_IDLE  : exp_time = 0 (not started / cancelled)
  //   TS_ARMED : exp_time != 0, msg_pending = 0          -> due when now >= exp_time
  //   TS_PEND  : exp_time != 0, msg_pending = 1, no ack  -> never due
  //   TS_ACKED : exp_time != 0, msg_pending = 1, acked   -> due when now >= exp_time
  typedef enum logic [1:0] {
    TS_IDLE  = 2'd0,
    TS_ARMED = 2'd1,
    TS_PEND  = 2'd2,
    TS_ACKED = 2'd3
  } tstate_e;

  // ---------------------------------------------------------------------------------------------
  // FSM states: one enum per FSM, each with its own state-name prefix
  // ---------------------------------------------------------------------------------------------
  // Scheduler (stimer_sched): the idle choice, then an MSR access or EOI, or a pass.
  typedef enum logic [1:0] {
    SchedIdle,
    SchedOp,    // the MSR engine runs an MSR access or an EOI
    SchedPass   // stimer_pass runs a scanning pass
  } sched_state_e;

  // Pass engine (stimer_pass).
  typedef enum logic [2:0] {
    PassIdle,
    PassScan,     // find the next VP with a candidate timer
    PassTimer,    // pick the next candidate timer of the VP, read its exp_time
    PassExp,      // exp_time arrives: due?
    PassCtx,      // read CONFIG, COUNT, SINT[SINTx], SIMP, SCONTROL
    PassDeliver,  // stimer_deliver runs the attempt
    PassUpdate,   // write the timer back, report the ATTEMPT record
    PassEnd       // every candidate visited
  } pass_state_e;

  // Delivery (stimer_deliver): one attempt, or the SIM page zeroing.
  typedef enum logic [2:0] {
    DlvIdle,
    DlvBusy,  // busy check: 1 read beat at the slot base
    DlvFlag,  // one-shot found the slot busy: 1 write beat, be = 20, byte 5 = flags | 1
    DlvMsg,   // message: 5 write beats, +08 +10 +18 +20 then +00
    DlvZero,  // SIMP enable: 512 zero beats ascending
    DlvIrq,   // interrupt request
    DlvDone
  } dlv_state_e;

  // Which beat stream stimer_deliver is issuing.
  typedef enum logic [1:0] {
    BurstBusy,
    BurstFlag,
    BurstMsg,
    BurstZero
  } dlv_burst_e;

  // MSR engine (stimer_msr): one MSR access or one EOI.
  typedef enum logic [3:0] {
    MsrIdle,
    MsrExec,     // first cycle of an MSR operation
    MsrRdWait,   // RAM read data arrives
    MsrZero,     // SIMP page zeroing in progress
    MsrTmCfg,    // timer write: old CONFIG arrives; read COUNT (CONFIG write) or store it
    MsrTmCnt,    // COUNT read data arrives; new CONFIG computed
    MsrTmStart,  // store CONFIG, compute the start
    MsrTmExp,    // store exp_time and the timer state
    MsrEoiInit,  // EOI: snapshot the waiting timers of the VP
    MsrEoiSel,   // EOI: pick the next waiting timer, read its CONFIG
    MsrEoiCfg,   // EOI: CONFIG arrives, read SINT[SINTx]
    MsrEoiSint,  // EOI: SINT arrives, compare
    MsrDone
  } msr_state_e;

  // Sequential modulo (stimer_mod).
  typedef enum logic [1:0] {
    ModIdle,
    ModDiv,   // one dividend bit (or a leading zero byte) per cycle
    ModDone   // remainder valid
  } mod_state_e;

  // Decoded MSR operation handed from stimer_regs to stimer_msr.
  typedef enum logic [3:0] {
    MSR_OP_GP      = 4'd0,   // #GP: complete with pslverr, no effect
    MSR_OP_RD_NOW  = 4'd1,   // TIME_REF_COUNT read: the sampled now
    MSR_OP_RD_CONST = 4'd2,  // SVERSION / EOM read: a constant
    MSR_OP_RD_RAM  = 4'd3,   // read a stored register
    MSR_OP_WR_RAM  = 4'd4,   // SCONTROL / SIEFP / SINTn write: store
    MSR_OP_WR_SIMP = 4'd5,   // SIMP write: store, zero the page if Enable = 1
    MSR_OP_EOM     = 4'd6,   // EOM write: acknowledge all SINTs
    MSR_OP_WR_CFG  = 4'd7,   // STIMERn_CONFIG write
    MSR_OP_WR_CNT  = 4'd8    // STIMERn_COUNT write
  } msr_op_e;

  typedef struct packed {
    logic             wr;     // an MSR write (#GP or not): it makes work for the next pass
    msr_op_e          op;
    logic [WordW-1:0] widx;   // RAM word index (RD_RAM / WR_RAM)
    logic [1:0]       timer;  // WR_CFG / WR_CNT
    logic [63:0]      data;   // write data, or the constant of RD_CONST
  } msr_req_t;

  // Everything stimer_deliver needs for one delivery attempt (VP carried separately).
  typedef struct packed {
    logic [1:0]  timer;
    logic        direct;      // CONFIG.DirectMode
    logic [7:0]  apic_vec;    // CONFIG.ApicVector
    logic        periodic;    // CONFIG.Periodic
    logic        slot_avail;  // SIMP.Enable (and SCONTROL.Enable with ScontrolGate)
    logic [63:0] slot_addr;   // (SIMP & ~0xFFF) + 256 * SINTx
    logic        sint_irq;    // SINT unmasked and not polling: raise the interrupt
    logic [7:0]  sint_vec;
    logic        sint_auto_eoi;
    logic [63:0] exp_time;    // expiration_time of the message
    logic [63:0] now;         // delivery_time of the message (the sampled now)
  } attempt_t;

endpackage

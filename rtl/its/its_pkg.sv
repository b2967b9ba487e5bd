// SPDX-License-Identifier: Apache-2.0
// GICv3 ITS package: spec encodings, table layouts, state enums, structs and address helpers.
//
// Yosys 0.23 notes (see docs/its-uarch.md): no arrays of structs (arrays hold `logic` vectors of
// the *_W widths below and are read through a struct temporary), functions return plain vectors,
// and no `import its_pkg::*`.
package its_pkg;

  // ---------------------------------------------------------------------------------------------
  // Command opcodes, DW0[7:0] (spec/its.md section 3)
  // ---------------------------------------------------------------------------------------------
  localparam logic [7:0] CMD_MOVI    = 8'h01;
  localparam logic [7:0] CMD_INT     = 8'h03;
  localparam logic [7:0] CMD_CLEAR   = 8'h04;
  localparam logic [7:0] CMD_SYNC    = 8'h05;
  localparam logic [7:0] CMD_MAPD    = 8'h08;
  localparam logic [7:0] CMD_MAPC    = 8'h09;
  localparam logic [7:0] CMD_MAPTI   = 8'h0A;
  localparam logic [7:0] CMD_MAPI    = 8'h0B;
  localparam logic [7:0] CMD_INV     = 8'h0C;
  localparam logic [7:0] CMD_INVALL  = 8'h0D;
  localparam logic [7:0] CMD_MOVALL  = 8'h0E;
  localparam logic [7:0] CMD_DISCARD = 8'h0F;

  // ---------------------------------------------------------------------------------------------
  // Error code EE field; the retire error is 0x01CCEE (docs/impdef.md, "ITS error codes")
  // ---------------------------------------------------------------------------------------------
  localparam logic [7:0] EE_NONE            = 8'h00;
  localparam logic [7:0] EE_DEVICE_OOR      = 8'h01;
  localparam logic [7:0] EE_PROCNUM_OOR     = 8'h02;  // also MAPD_ITTSIZE_OOR
  localparam logic [7:0] EE_COLLECTION_OOR  = 8'h03;
  localparam logic [7:0] EE_UNMAPPED_DEVICE = 8'h04;
  localparam logic [7:0] EE_ID_OOR          = 8'h05;
  localparam logic [7:0] EE_PHYSICALID_OOR  = 8'h06;
  localparam logic [7:0] EE_UNMAPPED_INT    = 8'h07;
  localparam logic [7:0] EE_UNMAPPED_COLL   = 8'h09;
  localparam logic [7:0] EE_DISABLED        = 8'hFE;  // IMPDEF: IMPDEF-ITS-7 MSI while disabled
  localparam logic [7:0] EE_UNSUPPORTED     = 8'hFF;  // IMPDEF: IMPDEF-ITS-7 unknown/GICv4 op

  // ---------------------------------------------------------------------------------------------
  // Fixed identification values (spec/its.md section 1 and 9)
  // ---------------------------------------------------------------------------------------------
  localparam logic [31:0] IIDR_VALUE = 32'h0000_043B;
  // Writable masks. IMPDEF: IMPDEF-ITS-3 only architected fields are kept.
  localparam logic [63:0] CBASER_WMASK = 64'hB8EF_FFFF_FFFF_FCFF;
  localparam logic [63:0] BASER_WMASK  = 64'hF8E0_FFFF_FFFF_FFFF;
  // Read-only Type and Entry_Size fields of BASER0 (Device, 8 B) and BASER1 (Collection, 8 B).
  localparam logic [63:0] BASER0_RO    = 64'h0107_0000_0000_0000;
  localparam logic [63:0] BASER1_RO    = 64'h0407_0000_0000_0000;
  localparam logic [63:0] BASER_RESET  = 64'h0000_0000_0000_0200;  // 64 KiB pages
  // LPI INTID range accepted by MAPTI/MAPI: 8192 <= pINTID < 2^16 (GICD_TYPER.IDbits = 15).
  localparam logic [31:0] LPI_MIN      = 32'd8192;
  localparam logic [31:0] LPI_LIMIT    = 32'd65536;
  localparam logic [24:0] DOORBELL_NONE = 25'd1023;

  // APB addresses (AddrW = 17): control-frame doubleword index paddr[15:3], translation frame.
  localparam logic [12:0] DW_CTLR    = 13'h0000;  // CTLR (low), IIDR (high)
  localparam logic [12:0] DW_TYPER   = 13'h0001;
  localparam logic [12:0] DW_CBASER  = 13'h0010;
  localparam logic [12:0] DW_CWRITER = 13'h0011;
  localparam logic [12:0] DW_CREADR  = 13'h0012;
  localparam logic [12:0] DW_BASER0  = 13'h0020;
  localparam logic [12:0] DW_BASER1  = 13'h0021;
  localparam logic [16:0] ADDR_TRANSLATER = 17'h1_0040;

  // ---------------------------------------------------------------------------------------------
  // Enums
  // ---------------------------------------------------------------------------------------------
  typedef enum logic [1:0] {
    RT_NONE = 2'd0,
    RT_CMD  = 2'd1,
    RT_MSI  = 2'd2,
    RT_TRANSLATER = 2'd3
  } rt_kind_e;

  typedef enum logic [1:0] {
    OUT_OK      = 2'd0,
    OUT_IGNORED = 2'd1,
    OUT_STALLED = 2'd2,
    OUT_FAULT   = 2'd3
  } outcome_e;

  typedef enum logic [2:0] {
    RD_NONE   = 3'd0,
    RD_SET    = 3'd1,
    RD_CLEAR  = 3'd2,
    RD_MOVE   = 3'd3,
    RD_MOVALL = 3'd4,
    RD_INV    = 3'd5,
    RD_INVALL = 3'd6,
    RD_SYNC   = 3'd7
  } rd_kind_e;

  // Table selector of the command table walker.
  typedef enum logic [1:0] {
    TBL_DT  = 2'd0,
    TBL_CT  = 2'd1,
    TBL_ITT = 2'd2
  } tbl_e;

  // FSM states, one enum per FSM, each with its own state-name prefix.
  // MSI translation slot (its_xlate): the table access the slot waits for.
  typedef enum logic [2:0] {
    SlotFree = 3'd0,
    SlotDtL1 = 3'd1,  // level-1 Device table entry (indirect DT only)
    SlotDte  = 3'd2,
    SlotIte  = 3'd3,  // two beats
    SlotCtL1 = 3'd4,  // level-1 Collection table entry (indirect CT only)
    SlotCte  = 3'd5,
    SlotDone = 3'd6   // translated or failed: waits to retire in order
  } slot_state_e;

  // Command executor (its_exec).
  typedef enum logic [2:0] {
    ExecIdle   = 3'd0,
    ExecFetch  = 3'd1,  // its_cmdq reads the command; then decode and the memory-less checks
    ExecDte    = 3'd2,
    ExecIte    = 3'd3,
    ExecCte    = 3'd4,
    ExecEvent  = 3'd5,  // the redistributor event waits for rd_ready
    ExecWrite  = 3'd6,  // the table write
    ExecRetire = 3'd7   // one cycle: the retire record
  } exec_state_e;

  // Table walker of the executor (its_walk).
  typedef enum logic [1:0] {
    WalkIdle = 2'd0,
    WalkL1   = 2'd1,  // the level-1 entry of an indirect table
    WalkEnt  = 2'd2   // the entry itself (1 or 2 beats)
  } walk_state_e;

  // ---------------------------------------------------------------------------------------------
  // Structs
  // ---------------------------------------------------------------------------------------------
  // Parameters of the Device or Collection table, derived from GITS_BASER<n>.
  typedef struct packed {
    logic        valid;
    logic        indirect;
    logic [1:0]  psz;    // Page_Size: 0 4K, 1 16K, 2/3 64K
    logic [51:0] base;   // table (or level-1 table) byte address
    logic [16:0] n;      // entry count, 0..2^16
  } tbl_cfg_t;

  // The memory request and response beats are cmn_pkg::mem_req_t and cmn_pkg::mem_rsp_t.

  // Redistributor event.
  typedef struct packed {
    rd_kind_e    kind;
    logic [15:0] rd;
    logic [15:0] rd2;
    logic [31:0] intid;
  } rd_ev_t;

  // The ITE fields the executor keeps after LOOKUP_ITE (spec/its.md section 4 layout). Valid and
  // IntType are 1 by then; the reserved bits (low word [31:26], high word [31:25]) are not kept.
  typedef struct packed {
    logic [24:0] db;     // high word [24:0]: doorbell
    logic [15:0] vpeid;  // [63:48]
    logic [15:0] icid;   // [47:32]
    logic [23:0] intid;  // [25:2]
  } ite_t;

  // Retire record (docs/interfaces.md section 3.3).
  typedef struct packed {
    rt_kind_e    kind;
    logic [19:0] offset;
    logic [7:0]  opcode;
    outcome_e    outcome;
    logic [23:0] error;
    logic [15:0] devid;
    logic [31:0] eventid;
  } retire_t;

  // One MSI translation slot (its_xlate); stored as logic [XL_SLOT_W-1:0].
  typedef struct packed {
    slot_state_e      st;
    logic        tr;      // 1: from GITS_TRANSLATER (retire kind 3)
    logic [15:0] devid;
    logic [31:0] evid;
    logic [51:0] base;    // level-2 page (after an L1 read) or ITT base
    logic [23:0] intid;
    logic [15:0] icid;
    logic [2:0]  off;     // byte offset of the current access inside its first beat
    logic        nb2;     // current access has two beats
    logic [1:0]  nreq;    // beats issued
    outcome_e    outc;
    logic [7:0]  ee;
    logic [15:0] rd;
  } xl_slot_t;
  localparam int unsigned XL_SLOT_W = 176;

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------
  // log2(page / 8): index bits per level-2 page of 8-byte entries (and per level-1 entry).
  function automatic logic [3:0] l2_bits(logic [1:0] psz);
    unique case (psz)
      2'd0:    l2_bits = 4'd9;
      2'd1:    l2_bits = 4'd11;
      default: l2_bits = 4'd13;
    endcase
  endfunction

  // Address of the level-1 entry for `idx` (spec/its.md section 4, index resolution).
  function automatic logic [63:0] l1_addr(logic [51:0] base, logic [1:0] psz, logic [15:0] idx);
    logic [15:0] l1idx;
    l1idx = idx >> l2_bits(psz);
    l1_addr = {12'b0, base} + {45'b0, l1idx, 3'b0};
  endfunction

  // Address of an 8-byte entry: flat table at `base`, or level-2 page at `base` (from L1[50:0]).
  function automatic logic [63:0] ent_addr(logic [51:0] base, logic indirect, logic [1:0] psz,
                                           logic [15:0] idx);
    logic [15:0] mask;
    mask = indirect ? 16'((17'd1 << l2_bits(psz)) - 17'd1) : 16'hFFFF;
    ent_addr = {12'b0, base} + {45'b0, idx & mask, 3'b0};
  endfunction

  // Address of the ITE of `ev`: ITT + 12 * ev.
  function automatic logic [63:0] ite_addr(logic [51:0] itt, logic [31:0] ev);
    ite_addr = {12'b0, itt} + {29'b0, ev, 3'b0} + {30'b0, ev, 2'b0};
  endfunction

  // EventID out of range for a DTE Size: ev >= 2^(size+1). IMPDEF: IMPDEF-ITS-6 all 32 bits.
  function automatic logic ev_oor(logic [31:0] ev, logic [4:0] size);
    logic [32:0] lim;
    lim = 33'd1 << (6'(size) + 6'd1);
    ev_oor = {1'b0, ev} >= lim;
  endfunction

  // Table base address from BASER[47:12] (64 KiB pages carry PA[51:48] in bits [15:12]).
  function automatic logic [51:0] baser_base(logic page64k, logic [35:0] pa);
    if (page64k) baser_base = {pa[3:0], pa[35:4], 16'b0};
    else         baser_base = {4'b0, pa, 12'b0};
  endfunction

  // Table entry count (spec/its.md section 4, capacity): 8-byte entries, capped at 2^IdBits.
  function automatic logic [16:0] baser_n(logic valid, logic indirect, logic [1:0] psz,
                                          logic [7:0] size, logic [4:0] id_bits);
    logic [21:0] flat;
    logic [16:0] cap;
    cap  = 17'd1 << id_bits;
    flat = {13'b0, {1'b0, size} + 9'd1} << l2_bits(psz);
    if (!valid)                     baser_n = 17'd0;
    else if (indirect)              baser_n = cap;  // indirect: always >= 2^18 entries
    else if (flat >= {5'b0, cap})   baser_n = cap;
    else                            baser_n = flat[16:0];
  endfunction

  // Device table entry {V, Size, ITT_addr[51:8]} (spec/its.md section 4).
  function automatic logic [63:0] dte_enc(logic v, logic [4:0] size, logic [43:0] itt);
    dte_enc = v ? {14'b0, itt, size, 1'b1} : 64'b0;
  endfunction

  // Collection table entry {V, RDbase[15:0]}.
  function automatic logic [63:0] cte_enc(logic v, logic [15:0] rd);
    cte_enc = v ? {47'b0, rd, 1'b1} : 64'b0;
  endfunction

  // Valid physical ITE, 12 bytes: {doorbell word, low doubleword}, reserved bits 0.
  function automatic logic [95:0] ite_enc(logic [23:0] intid, logic [15:0] icid,
                                          logic [15:0] vpeid, logic [24:0] db);
    ite_enc = {7'b0, db, vpeid, icid, 6'b0, intid, 1'b1, 1'b1};
  endfunction

  function automatic logic [23:0] err_code(logic [7:0] cc, logic [7:0] ee);
    err_code = {8'h01, cc, ee};
  endfunction

endpackage

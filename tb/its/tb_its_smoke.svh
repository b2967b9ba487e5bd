// SPDX-License-Identifier: Apache-2.0
// ITS smoke program (included in tb_its_prog.svh). Memory map: command queue 0x10000 (4 KiB),
// Device table 0x20000 and Collection table 0x30000 (flat, 4 KiB pages, 512 entries each),
// ITTs at 0x40000 (device 2) and 0x50000 (device 5); two-level tables at 0x60000.

function automatic void build_smoke();
  logic [63:0] o, o2;
  logic [63:0] lo;

  cfg(2, 1'b1, 1'b1);  // latency 2 + random extra, random back-pressure everywhere

  // ---- Identification registers (spec/its.md section 1)
  apbr(R_CTLR, 64'h0000_043B_8000_0000);
  apbr(R_TYPER, 64'h0000_001F_0001_EFB1);
  apbr(64'hFFE8, 64'h0000_0000_0000_003B);       // PIDR2
  apbr(64'hFFF8, 64'h0000_00B1_0000_0005);       // CIDR2, CIDR3
  apbr(R_BASER0, 64'h0107_0000_0000_0200);       // reset values
  apbr(R_BASER1, 64'h0407_0000_0000_0200);
  apbr(64'h0110, 64'h0);                         // BASER2: RAZ
  apbr(64'h1_0040, 64'h0);                       // translation frame reads as zero
  // Unsupported accesses get pslverr (IMPDEF-ITS-1); a 32-bit write to the IIDR half is WI.
  apbw(R_CTLR, 64'h1, 8'h01, 1'b1);
  apbw(R_CTLR, 64'h1, 8'h03, 1'b1);              // 16-bit outside GITS_TRANSLATER
  apbw(64'h0004, 64'hFFFF_FFFF_0000_0000, 8'h0F, 1'b1);  // paddr[2]=1 needs strobe F0
  apbw(64'h0004, 64'hFFFF_FFFF_0000_0000, 8'hF0);
  apbw(R_TYPER, 64'h0, 8'hFF);                   // RO
  apbr(R_CTLR, 64'h0000_043B_8000_0000);
  apbr(R_TYPER, 64'h0000_001F_0001_EFB1);

  // ---- Setup: queue, flat tables, enable
  apbw(R_CBASER, 64'h8000_0000_0001_0000);
  apbr(R_CBASER, 64'h8000_0000_0001_0000);
  apbw(R_BASER0, 64'h8000_0000_0002_0000);
  apbr(R_BASER0, 64'h8107_0000_0002_0000);
  apbw(R_BASER1, 64'h8000_0000_0003_0000);
  apbr(R_BASER1, 64'h8407_0000_0003_0000);
  apbw(R_CTLR, 64'h1);
  apbr(R_CTLR, 64'h0000_043B_8000_0001);
  apbw(R_BASER1, 64'h0, 8'hFF);                  // ignored while enabled
  apbr(R_BASER1, 64'h8407_0000_0003_0000);

  // ---- MAPD, MAPC, MAPTI through the queue
  o = c_mapd(2, 5'd7, 52'h4_0000);
  e_mw(64'h2_0010, dte(5'd7, 52'h4_0000), 8'hFF);
  e_cmd(o, 8'h08, OK);
  o = c_mapc(3, 3);
  e_mw(64'h3_0018, 64'h7, 8'hFF);
  e_cmd(o, 8'h09, OK);
  o = c_mapti(2, 20, 8195, 3);
  e_ite(52'h4_0000, 20, ite_lo(8195, 3), 32'd1023);
  e_cmd(o, 8'h0A, OK);
  kick();
  poll(R_CREADR, 64'h60);
  waitq();

  // ---- MSI through the port and through GITS_TRANSLATER (32-bit, 16-bit, 64-bit)
  e_ev(E_SET, 3, 0, 8195);
  e_rt(K_MSI, 0, 0, OK, 0, 2, 20);
  msi(2, 20);
  waitq();
  e_ev(E_SET, 3, 0, 8195);
  e_rt(K_TR, 0, 0, OK, 0, 2, 20);
  apbw(R_TRANSL, 64'd20, 8'h0F, 1'b0, 16'd2);
  e_ev(E_SET, 3, 0, 8195);
  e_rt(K_TR, 0, 0, OK, 0, 2, 20);
  apbw(R_TRANSL, 64'hFFFF_0014, 8'h03, 1'b0, 16'd2);
  e_ev(E_SET, 3, 0, 8195);
  e_rt(K_TR, 0, 0, OK, 0, 2, 20);
  apbw(R_TRANSL, 64'hABCD_0000_0000_0014, 8'hFF, 1'b0, 16'd2);
  apbw(R_TRANSL + 4, 64'h0, 8'hF0, 1'b0, 16'd2);  // not GITS_TRANSLATER: WI, no MSI
  waitq();

  // ---- Odd EventID (ITE split F0/FF), then its MSI
  o = c_mapti(2, 21, 8196, 3);
  e_ite(52'h4_0000, 21, ite_lo(8196, 3), 32'd1023);
  e_cmd(o, 8'h0A, OK);
  kick();
  e_ev(E_SET, 3, 0, 8196);
  e_rt(K_MSI, 0, 0, OK, 0, 2, 21);
  msi(2, 21);
  waitq();
  memchk(64'h4_00F8, 64'h0000_8013_0000_03FF);

  // ---- Ignored commands (error codes of docs/impdef.md)
  o = c_devev(8'h03, 2, 300);             e_cmd(o, 8'h03, IGN, 24'h010305);  // INT ev OOR
  o = cmd(64'h02, 0, 0, 0);               e_cmd(o, 8'h02, IGN, 24'h0102FF);  // unknown op
  o = c_mapti(2, 22, 8191, 3);            e_cmd(o, 8'h0A, IGN, 24'h010A06);  // pINTID < 8192
  o = c_mapti(2, 22, 65536, 3);           e_cmd(o, 8'h0A, IGN, 24'h010A06);
  o = c_mapti(2, 256, 8200, 3);           e_cmd(o, 8'h0A, IGN, 24'h010A05);  // ev OOR
  o = c_mapti(2, 22, 8200, 512);          e_cmd(o, 8'h0A, IGN, 24'h010A03);  // icid OOR
  o = c_mapti(7, 22, 8200, 3);            e_cmd(o, 8'h0A, IGN, 24'h010A04);  // unmapped dev
  o = c_devev(8'h03, 600, 0);             e_cmd(o, 8'h03, IGN, 24'h010301);  // dev OOR
  o = c_devev(8'h03, 2, 22);              e_cmd(o, 8'h03, IGN, 24'h010307);  // no ITE
  o = c_mapc(4, 4);                       e_cmd(o, 8'h09, IGN, 24'h010902);  // rd OOR, V=1
  o = c_mapc(512, 0);                     e_cmd(o, 8'h09, IGN, 24'h010903);  // icid OOR
  o = c_mapd(2, 5'd16, 52'h4_0000);       e_cmd(o, 8'h08, IGN, 24'h010802);  // Size 16
  o = c_rd(8'h0E, 4, 1);                  e_cmd(o, 8'h0E, IGN, 24'h010E01);  // MOVALL OOR
  o = c_rd(8'h0D, 0, 0, 9);               e_cmd(o, 8'h0D, IGN, 24'h010D09);  // INVALL unmapped
  o = c_devev(8'h01, 2, 20, 600);         e_cmd(o, 8'h01, IGN, 24'h010103);  // MOVI icid OOR
  o = c_devev(8'h01, 2, 20, 9);           e_cmd(o, 8'h01, IGN, 24'h010109);  // MOVI unmapped
  o = cmd(64'h2A, 0, 0, 0);               e_cmd(o, 8'h2A, IGN, 24'h012AFF);  // GICv4 op
  o = c_mapc(6, 4, 1'b0);                                                   // V=0: accepted
  e_mw(64'h3_0030, 64'h0, 8'hFF);
  e_cmd(o, 8'h09, OK);
  kick();
  waitq();
  e_rt(K_MSI, 0, 0, IGN, 24'h010007, 2, 22);     // ITE invalid
  msi(2, 22);
  e_rt(K_MSI, 0, 0, IGN, 24'h010001, 600, 0);    // DeviceID >= 512
  msi(600, 0);
  e_rt(K_MSI, 0, 0, IGN, 24'h010004, 7, 0);      // DTE invalid
  msi(7, 0);
  e_rt(K_MSI, 0, 0, IGN, 24'h010005, 2, 32'hFFFF_FFFF);  // EventID OOR (32 bits)
  msi(2, 32'hFFFF_FFFF);
  waitq();

  // ---- Event commands
  o = c_devev(8'h03, 2, 20);  e_ev(E_SET, 3, 0, 8195);    e_cmd(o, 8'h03, OK);  // INT
  o = c_devev(8'h04, 2, 20);  e_ev(E_CLEAR, 3, 0, 8195);  e_cmd(o, 8'h04, OK);  // CLEAR
  o = c_devev(8'h0C, 2, 21);  e_ev(E_INV, 3, 0, 8196);    e_cmd(o, 8'h0C, OK);  // INV
  o = c_rd(8'h0D, 0, 0, 3);   e_ev(E_INVALL, 3);          e_cmd(o, 8'h0D, OK);  // INVALL
  o = c_rd(8'h05, 7);         e_ev(E_SYNC, 7);            e_cmd(o, 8'h05, OK);  // SYNC
  o = c_rd(8'h0E, 1, 2);      e_ev(E_MOVALL, 1, 2);       e_cmd(o, 8'h0E, OK);  // MOVALL
  o = c_rd(8'h0E, 1, 1);                                  e_cmd(o, 8'h0E, OK);  // no event
  o = c_mapc(1, 1);           e_mw(64'h3_0008, 64'h3, 8'hFF); e_cmd(o, 8'h09, OK);
  o = c_devev(8'h01, 2, 20, 1);                                                  // MOVI
  e_ev(E_MOVE, 3, 1, 8195);
  e_ite(52'h4_0000, 20, ite_lo(8195, 1), 32'd1023);
  e_cmd(o, 8'h01, OK);
  o = c_mapc(5, 1);           e_mw(64'h3_0028, 64'h3, 8'hFF); e_cmd(o, 8'h09, OK);
  o = c_devev(8'h01, 2, 20, 5);                                                  // same rd
  e_ite(52'h4_0000, 20, ite_lo(8195, 5), 32'd1023);
  e_cmd(o, 8'h01, OK);
  o = c_devev(8'h0F, 2, 21);                                                     // DISCARD
  e_ev(E_CLEAR, 3, 0, 8196);
  e_ite(52'h4_0000, 21, 64'h0, 32'h0);
  e_cmd(o, 8'h0F, OK);
  kick();
  waitq();
  e_ev(E_SET, 1, 0, 8195);
  e_rt(K_MSI, 0, 0, OK, 0, 2, 20);
  msi(2, 20);
  e_rt(K_MSI, 0, 0, IGN, 24'h010007, 2, 21);
  msi(2, 21);
  waitq();

  // ---- Entries written behind the ITS's back: CTE.RDbase >= NumRd, a virtual ITE
  memw(64'h3_0040, 64'hB);                          // CTE icid 8: V, RDbase 5
  memw(64'h4_01E0, {16'b0, 16'd3, 6'b0, 24'd8400, 2'b01});  // ev 40: V=1, IntType=0
  memw(64'h4_01E8, 64'd1023);
  o = c_mapti(2, 30, 8300, 8);
  e_ite(52'h4_0000, 30, ite_lo(8300, 8), 32'd1023);
  e_cmd(o, 8'h0A, OK);
  o = c_devev(8'h03, 2, 30);  e_cmd(o, 8'h03, IGN, 24'h010302);  // RDbase >= NumRd
  o = c_devev(8'h03, 2, 40);  e_cmd(o, 8'h03, IGN, 24'h010307);  // IMPDEF-ITS-5
  o = c_devev(8'h01, 2, 40, 3);  e_cmd(o, 8'h01, IGN, 24'h010107);
  o = c_devev(8'h0F, 2, 30);  e_cmd(o, 8'h0F, IGN, 24'h010F02);  // DISCARD: ITE stays
  // MOVI re-encodes the ITE from its fields: vPEID and doorbell kept, ICID replaced, reserved
  // bits (low word [31:26], doorbell word [31:25]) written as 0 (IMPDEF-ITS-12).
  memw(64'h4_0258, {16'h1234, 16'd3, 6'h3F, 24'd8500, 2'b11});
  memw(64'h4_0260, 64'h0000_0000_FFFF_FFFF);
  o = c_devev(8'h01, 2, 50, 1);
  e_ev(E_MOVE, 3, 1, 8500);
  e_mw(64'h4_0258, {16'h1234, 16'd1, 6'h00, 24'd8500, 2'b11}, 8'hFF);
  e_mw(64'h4_0260, 64'h0000_0000_01FF_FFFF, 8'h0F);
  e_cmd(o, 8'h01, OK);
  o = c_devev(8'h04, 2, 51);  e_cmd(o, 8'h04, IGN, 24'h010407);  // CLEAR: CC = opcode
  o = c_mapd(7, 5'd4, 52'h4_8000, 1'b0);            // MAPD V=0: zero DTE
  e_mw(64'h2_0038, 64'h0, 8'hFF);
  e_cmd(o, 8'h08, OK);
  kick();
  waitq();
  e_rt(K_MSI, 0, 0, IGN, 24'h010002, 2, 30);
  msi(2, 30);
  e_rt(K_MSI, 0, 0, IGN, 24'h010007, 2, 40);
  msi(2, 40);
  waitq();
  // CWRITER at or beyond the queue size stops the queue (IMPDEF-ITS-4) until a valid write.
  o = c_rd(8'h05, 3);
  apbw(R_CWRITER, qsize);
  apbr(R_CWRITER, qsize);
  apbr(R_CREADR, o);
  apbw(R_CWRITER + 4, 64'h0000_0020_0000_0000, 8'hF0);  // high half: no effect
  apbr(R_CREADR, o);
  e_ev(E_SYNC, 3);
  e_cmd(o, 8'h05, OK);
  kick();
  waitq();
  // CBASER is read-only while enabled (no CREADR reset either).
  apbw(R_CBASER, 64'h8000_0000_0009_0000);
  apbr(R_CBASER, 64'h8000_0000_0001_0000);
  apbr(R_CREADR, qw);

  // ---- Back-to-back MSIs (overlapped translation)
  for (int i = 0; i < 12; i++) begin
    e_ev(E_SET, 1, 0, 8195);
    e_rt(K_MSI, 0, 0, OK, 0, 2, 20);
    msi(2, 20);
    if (i % 4 == 3) begin
      e_rt(K_MSI, 0, 0, IGN, 24'h010007, 2, 21);
      msi(2, 21);
    end
  end
  waitq();

  // ---- Memory faults: table write fault stalls, then Retry
  o = c_mapd(5, 5'd3, 52'h5_0000);
  e_mw(64'h2_0028, dte(5'd3, 52'h5_0000), 8'hFF);
  e_cmd(o, 8'h08, OK);
  kick();
  waitq();
  fault(64'h5_0000, 64'h5_1000);
  o = c_mapti(5, 0, 9000, 3);
  e_ite(52'h5_0000, 0, ite_lo(9000, 3), 32'd1023);  // both beats issued, both fault
  e_cmd(o, 8'h0A, STALL);
  o2 = c_devev(8'h05, 0, 0);                        // behind the stalled command
  kick();
  waitq();
  poll(R_CREADR, o | 64'h1);
  e_rt(K_MSI, 0, 0, FLT, 0, 5, 0);                  // ITE read faults: FAULT, no stall
  msi(5, 0);
  waitq();
  apbw(R_CWRITER, qw);                              // no Retry: stays stalled
  apbr(R_CREADR, o | 64'h1);
  fault(64'hFFFF_FFFF_FFFF_FFFF, 64'hFFFF_FFFF_FFFF_FFFF);
  e_ite(52'h5_0000, 0, ite_lo(9000, 3), 32'd1023);
  e_cmd(o, 8'h0A, OK);
  e_ev(E_SYNC, 0);
  e_cmd(o2, 8'h05, OK);
  kick(1'b1);                                       // Retry
  poll(R_CREADR, qw);
  waitq();
  e_ev(E_SET, 3, 0, 9000);
  e_rt(K_MSI, 0, 0, OK, 0, 5, 0);
  msi(5, 0);
  waitq();

  // Read fault stalls INT; software overwrites it with SYNC and retries.
  fault(64'h5_0000, 64'h5_1000);
  o = c_devev(8'h03, 5, 0);
  e_cmd(o, 8'h03, STALL);
  kick();
  poll(R_CREADR, o | 64'h1);
  waitq();
  emit(OP_CMD, 0, qbase + o, 64'h05, 0, {12'b0, 36'd2, 16'b0}, 0);
  e_ev(E_SYNC, 2);
  e_cmd(o, 8'h05, OK);
  kick(1'b1);
  poll(R_CREADR, qw);
  waitq();

  // Command fetch fault: the command slot itself faults.
  o = c_devev(8'h03, 5, 0);
  fault(qbase + o + 8, qbase + o + 16);
  e_rt(K_CMD, o[19:0], 8'h00, STALL);
  kick();
  poll(R_CREADR, o | 64'h1);
  waitq();
  fault(64'hFFFF_FFFF_FFFF_FFFF, 64'hFFFF_FFFF_FFFF_FFFF);
  e_ev(E_SET, 3, 0, 9000);
  e_cmd(o, 8'h03, OK);
  kick(1'b1);
  poll(R_CREADR, qw);
  waitq();

  // ---- Disabled: MSIs are dropped with error FE, commands wait
  apbw(R_CTLR, 64'h0);
  e_rt(K_MSI, 0, 0, IGN, 24'h0100FE, 2, 20);
  msi(2, 20);
  e_rt(K_TR, 0, 0, IGN, 24'h0100FE, 2, 20);
  apbw(R_TRANSL, 64'd20, 8'h0F, 1'b0, 16'd2);
  o = c_rd(8'h05, 1);
  kick();
  apbr(R_CREADR, o);                                // not run while disabled
  waitq();

  // ---- Two-level tables: DT and CT indirect, 4 KiB pages (512 entries per level-2 page)
  memw(64'h6_0008, 64'h8000_0000_0006_1000);        // DT L1[1] -> 0x61000
  memw(64'h6_0010, 64'h8000_0000_0006_2004);        // DT L1[2] -> 0x62004 (unaligned)
  memw(64'h6_4000, 64'h8000_0000_0006_5000);        // CT L1[0] -> 0x65000
  apbw(R_BASER0, 64'hC000_0000_0006_0000);
  apbw(R_BASER1, 64'hC000_0000_0006_4000);
  e_ev(E_SYNC, 1);
  e_cmd(o, 8'h05, OK);
  apbw(R_CTLR, 64'h1);                              // the SYNC waiting in the queue runs
  o = c_mapd(32'h300, 5'd3, 52'h7_0000);
  e_mw(64'h6_1800, dte(5'd3, 52'h7_0000), 8'hFF);
  e_cmd(o, 8'h08, OK);
  o = c_mapd(5, 5'd3, 52'h5_0000);                  // L1[0] invalid: dropped, succeeds
  e_cmd(o, 8'h08, OK);
  o = c_mapc(3, 2);
  e_mw(64'h6_5018, 64'h5, 8'hFF);
  e_cmd(o, 8'h09, OK);
  o = c_mapc(600, 2);                               // CT.n = 2^16 when indirect: L1[1] invalid
  e_cmd(o, 8'h09, OK);
  o = c_mapti(32'h300, 1, 8200, 3);
  e_ite(52'h7_0000, 1, ite_lo(8200, 3), 32'd1023);
  e_cmd(o, 8'h0A, OK);
  o = c_mapd(32'h400, 5'd1, 52'h7_1000);            // level-2 entry at 0x62004: two beats
  lo = dte(5'd1, 52'h7_1000);
  e_mw(64'h6_2000, {lo[31:0], 32'b0}, 8'hF0);
  e_mw(64'h6_2008, {32'b0, lo[63:32]}, 8'h0F);
  e_cmd(o, 8'h08, OK);
  o = c_mapti(32'h400, 0, 8201, 3);
  e_ite(52'h7_1000, 0, ite_lo(8201, 3), 32'd1023);
  e_cmd(o, 8'h0A, OK);
  o = c_devev(8'h03, 32'h300, 1);
  e_ev(E_SET, 2, 0, 8200);
  e_cmd(o, 8'h03, OK);
  o = c_devev(8'h03, 5, 0);
  e_cmd(o, 8'h03, IGN, 24'h010304);                 // L1 invalid = unmapped device
  o = c_rd(8'h0D, 0, 0, 600);
  e_cmd(o, 8'h0D, IGN, 24'h010D09);                 // CT L1 invalid = unmapped collection
  kick();
  waitq();
  e_ev(E_SET, 2, 0, 8200);
  e_rt(K_MSI, 0, 0, OK, 0, 16'h300, 1);
  msi(16'h300, 1);
  e_ev(E_SET, 2, 0, 8201);
  e_rt(K_MSI, 0, 0, OK, 0, 16'h400, 0);
  msi(16'h400, 0);
  e_rt(K_MSI, 0, 0, IGN, 24'h010004, 5, 0);
  msi(5, 0);
  waitq();
  fault(64'h6_0000, 64'h6_0010);                    // DT L1 read faults
  e_rt(K_MSI, 0, 0, FLT, 0, 16'h300, 1);
  msi(16'h300, 1);
  waitq();
  fault(64'hFFFF_FFFF_FFFF_FFFF, 64'hFFFF_FFFF_FFFF_FFFF);
  fin();
endfunction

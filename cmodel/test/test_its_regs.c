// SPDX-License-Identifier: Apache-2.0
// ITS register rules: reset values, RO/RW fields, 32/64-bit access, RAZ/WI and bus errors
// (spec/its.md section 1, docs/interfaces.md section 1, docs/impdef.md IMPDEF-ITS-1..4).
#include "test_its_util.h"

// Offsets that hold no register of ours: RAZ/WI without error (spec section 1).
static const uint32_t regs_reserved[] = {0x0010, 0x0018, 0x0020, 0x0040, 0x0048, 0x0078,
                                         0x0098, 0x00A0, 0x00F8, 0x0140, 0x0200, 0x1000,
                                         0x8000, 0xC000, 0xFFC0, 0xFFC8};

void test_its_regs_ctlr_reset(void) {
  itu_t *t = itu_new(4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR) & 0xFFFFFFFFu, ITS_GITS_CTLR_RESET);
  ASSERT_EQ(ITS_GITS_CTLR_RESET, 0x80000000u);
  itu_free(t);
}

void test_its_regs_iidr_value(void) {
  itu_t *t = itu_new(4);
  // A 64-bit read at 0x0000 covers GITS_CTLR (low) and GITS_IIDR (high).
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000000ull);
  ASSERT_EQ(ITS_GITS_IIDR_RESET, 0x43Bu);
  itu_free(t);
}

void test_its_regs_typer_value(void) {
  itu_t *t = itu_new(4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_TYPER), 0x0000001F0001EFB1ull);
  ASSERT_EQ(ITS_GITS_TYPER_RESET, 0x0000001F0001EFB1ull);
  itu_free(t);
}

void test_its_regs_typer_fields(void) {
  itu_t *t = itu_new(4);
  uint64_t v = itu_rd(t, ITS_GITS_TYPER);
  ASSERT_EQ(v & 1u, 1u);              // Physical
  ASSERT_EQ((v >> 1) & 1u, 0u);       // Virtual
  ASSERT_EQ((v >> 4) & 0xFu, 11u);    // ITT_entry_size: 12 bytes
  ASSERT_EQ((v >> 8) & 0x1Fu, 15u);   // ID_bits
  ASSERT_EQ((v >> 13) & 0x1Fu, 15u);  // Devbits
  ASSERT_EQ((v >> 19) & 1u, 0u);      // PTA
  ASSERT_EQ((v >> 24) & 0xFFu, 0u);   // HCC
  ASSERT_EQ((v >> 32) & 0xFu, 15u);   // CIDbits
  ASSERT_EQ((v >> 36) & 1u, 1u);      // CIL
  itu_free(t);
}

void test_its_regs_typer_ro(void) {
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_TYPER, 0, 8);
  ITU_WR(t, ITS_GITS_TYPER, 0xFFFFFFFFu, 4);
  ITU_WR(t, ITS_GITS_TYPER + 4, 0xFFFFFFFFu, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_TYPER), ITS_GITS_TYPER_RESET);
  itu_free(t);
}

void test_its_regs_iidr_ro(void) {
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_IIDR, 0, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000000ull);
  // A 64-bit write at 0x0000 writes CTLR and ignores the IIDR half.
  ITU_WR(t, ITS_GITS_CTLR, 0xFFFFFFFF00000001ull, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000001ull);
  itu_free(t);
}

void test_its_regs_ctlr_enabled_rw(void) {
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_CTLR, 1, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR) & 0xFFFFFFFFu, 0x80000001u);
  ITU_WR(t, ITS_GITS_CTLR, 0, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR) & 0xFFFFFFFFu, 0x80000000u);
  itu_free(t);
}

void test_its_regs_ctlr_res0_and_quiescent_ro(void) {
  itu_t *t = itu_new(4);
  // ImDe, ITS_Number and UMSIirq are RES0 for us; Quiescent is RO.
  ITU_WR(t, ITS_GITS_CTLR, 0xFFFFFFFFu, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR) & 0xFFFFFFFFu, 0x80000001u);
  ITU_WR(t, ITS_GITS_CTLR, 0x7FFFFFFEu, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR) & 0xFFFFFFFFu, 0x80000000u);
  itu_free(t);
}

void test_its_regs_ctlr_quiescent_always_1(void) {
  // IMPDEF-ITS-2: Quiescent reads 1 even while enabled with commands waiting.
  itu_t *t = itu_std();
  itu_push(t, itu_c_sync(0));
  itu_kick(t);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR) & 0xFFFFFFFFu, 0x80000001u);
  itu_free(t);
}

void test_its_regs_queue_regs_reset(void) {
  itu_t *t = itu_new(4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CREADR), 0);
  itu_free(t);
}

void test_its_regs_baser_reset(void) {
  itu_t *t = itu_new(4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), 0x0107000000000200ull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), 0x0407000000000200ull);
  ASSERT_EQ(ITS_GITS_BASER0_RESET, 0x0107000000000200ull);
  ASSERT_EQ(ITS_GITS_BASER1_RESET, 0x0407000000000200ull);
  for (unsigned n = 2; n < 8; n++) {
    ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(n)), 0);
  }
  itu_free(t);
}

void test_its_regs_cbaser_mask(void) {
  // IMPDEF-ITS-3: writable mask B8EF_FFFF_FFFF_FCFF, other bits read 0.
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_CBASER, ~0ull, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0xB8EFFFFFFFFFFCFFull);
  ITU_WR(t, ITS_GITS_CBASER, 0, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  itu_free(t);
}

void test_its_regs_cbaser_halves(void) {
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_CBASER, 0x12345C0Fu, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0x12345C0Full);
  ITU_WR(t, ITS_GITS_CBASER + 4, 0x80000001u, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0x8000000112345C0Full);
  ITU_WR(t, ITS_GITS_CBASER, 0x00001000u, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0x8000000100001000ull);
  itu_free(t);
}

void test_its_regs_baser_mask(void) {
  // IMPDEF-ITS-3: BASER0/1 writable mask F8E0_FFFF_FFFF_FFFF; Type and Entry_Size RO.
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_BASER(0), ~0ull, 8);
  ITU_WR(t, ITS_GITS_BASER(1), ~0ull, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), 0xF9E7FFFFFFFFFFFFull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), 0xFCE7FFFFFFFFFFFFull);
  ITU_WR(t, ITS_GITS_BASER(0), 0, 8);
  ITU_WR(t, ITS_GITS_BASER(1), 0, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), 0x0107000000000000ull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), 0x0407000000000000ull);
  itu_free(t);
}

void test_its_regs_baser_halves(void) {
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_BASER(0) + 4, 0xC0000000u, 4);  // Valid + Indirect
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), 0xC107000000000200ull);
  ITU_WR(t, ITS_GITS_BASER(0), 0x00120103u, 4);  // PA 0x120000, 16K pages, Size 3
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), 0xC107000000120103ull);
  ITU_WR(t, ITS_GITS_BASER(1) + 4, 0x00000000u, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), 0x0407000000000200ull);
  itu_free(t);
}

void test_its_regs_baser_page_size_indirect_rw(void) {
  // Page_Size and Indirect are writable (Linux probes them by read-back).
  itu_t *t = itu_new(4);
  for (unsigned ps = 0; ps < 4; ps++) {
    ITU_WR(t, ITS_GITS_BASER(0), ITU_INDIRECT | ((uint64_t)ps << 8), 8);
    ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), 0x4107000000000000ull | ((uint64_t)ps << 8));
  }
  itu_free(t);
}

void test_its_regs_baser2_7_raz_wi(void) {
  itu_t *t = itu_new(4);
  for (unsigned n = 2; n < 8; n++) {
    ITU_WR(t, ITS_GITS_BASER(n), ~0ull, 8);
    ITU_WR(t, ITS_GITS_BASER(n) + 4, 0xFFFFFFFFu, 4);
    ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(n)), 0);
  }
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), ITS_GITS_BASER0_RESET);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), ITS_GITS_BASER1_RESET);
  itu_free(t);
}

void test_its_regs_cwriter_mask(void) {
  // IMPDEF-ITS-4: only Offset [19:5] is kept; Retry reads 0.
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_CWRITER, ~0ull, 8);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0xFFFE0u);
  ITU_WR(t, ITS_GITS_CWRITER, 0x1234567u, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x34560u);
  itu_free(t);
}

void test_its_regs_cwriter_high_half_ignored(void) {
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_CWRITER, 0x40, 4);
  ITU_WR(t, ITS_GITS_CWRITER + 4, 0xFFFFFFFFu, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0x40u);
  itu_free(t);
}

void test_its_regs_creadr_ro(void) {
  itu_t *t = itu_new(4);
  ITU_WR(t, ITS_GITS_CREADR, 0xFFFE1u, 8);
  ITU_WR(t, ITS_GITS_CREADR, 0x40u, 4);
  ITU_WR(t, ITS_GITS_CREADR + 4, 0xFFFFFFFFu, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CREADR), 0);
  itu_free(t);
}

void test_its_regs_id_registers(void) {
  itu_t *t = itu_new(4);
  // PIDR4..7 at 0xFFD0, PIDR0..3 at 0xFFE0, CIDR0..3 at 0xFFF0 (spec section 1).
  ASSERT_EQ(itu_rd(t, 0xFFD0), 0x0000000000000044ull);
  ASSERT_EQ(itu_rd(t, 0xFFD8), 0x0000000000000000ull);
  ASSERT_EQ(itu_rd(t, 0xFFE0), 0x000000B400000094ull);
  ASSERT_EQ(itu_rd(t, 0xFFE8), 0x000000000000003Bull);
  ASSERT_EQ(itu_rd(t, 0xFFF0), 0x000000F00000000Dull);
  ASSERT_EQ(itu_rd(t, 0xFFF8), 0x000000B100000005ull);
  ASSERT_EQ((itu_rd(t, ITS_GITS_PIDR2) >> 4) & 0xFu, 3u);  // architecture revision GICv3
  itu_free(t);
}

void test_its_regs_id_registers_ro(void) {
  itu_t *t = itu_new(4);
  for (uint32_t off = 0xFFD0; off < 0x10000; off += 8) {
    ITU_WR(t, off, 0, 8);
    ITU_WR(t, off, 0xFFFFFFFFu, 4);
    ITU_WR(t, off + 4, 0xFFFFFFFFu, 4);
  }
  ASSERT_EQ(itu_rd(t, 0xFFD0), 0x0000000000000044ull);
  ASSERT_EQ(itu_rd(t, 0xFFE0), 0x000000B400000094ull);
  ASSERT_EQ(itu_rd(t, 0xFFE8), 0x000000000000003Bull);
  ASSERT_EQ(itu_rd(t, 0xFFF8), 0x000000B100000005ull);
  itu_free(t);
}

void test_its_regs_reserved_raz_wi(void) {
  itu_t *t = itu_new(4);
  for (size_t i = 0; i < sizeof(regs_reserved) / sizeof(regs_reserved[0]); i++) {
    uint32_t off = regs_reserved[i];
    ASSERT_EQ(its_reg_write(t->its, off, ~0ull, 8, 0), ITS_OK);
    ASSERT_EQ(its_reg_write(t->its, off, 0xFFFFFFFFu, 4, 0), ITS_OK);
    ASSERT_EQ(its_reg_write(t->its, off + 4, 0xFFFFFFFFu, 4, 0), ITS_OK);
    ASSERT_EQ(itu_rd(t, off), 0);
  }
  // Nothing else changed.
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000000ull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), ITS_GITS_BASER0_RESET);
  ASSERT_EQ(its_event_count(t->its), 0);
  itu_free(t);
}

void test_its_regs_translation_frame_raz_wi(void) {
  itu_t *t = itu_std();
  ASSERT_EQ(itu_rd(t, 0x10000), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_TRANSLATER), 0);
  ASSERT_EQ(itu_rd(t, 0x18000), 0);
  // Other translation-frame offsets: no MSI, no retire record.
  ASSERT_EQ(its_reg_write(t->its, 0x10000, 5, 4, 1), ITS_OK);
  ASSERT_EQ(its_reg_write(t->its, 0x10044, 5, 4, 1), ITS_OK);
  ASSERT_EQ(its_reg_write(t->its, 0x10048, 5, 8, 1), ITS_OK);
  ASSERT_EQ(its_event_count(t->its), 0);
  ASSERT_EQ(t->reads, 0);
  itu_free(t);
}

void test_its_regs_read_returns_doubleword(void) {
  // Reads return the aligned doubleword at `offset & ~7` (docs/interfaces.md section 1).
  itu_t *t = itu_new(4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_TYPER + 4), ITS_GITS_TYPER_RESET);
  ASSERT_EQ(itu_rd(t, ITS_GITS_IIDR), 0x0000043B80000000ull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0) + 4), ITS_GITS_BASER0_RESET);
  itu_free(t);
}

void test_its_regs_read_any_offset(void) {
  // its.h: a read at any offset returns the aligned doubleword at `offset & ~7`, so every byte
  // offset inside a doubleword, odd ones included, reads the same value.
  itu_t *t = itu_new(4);
  for (uint32_t k = 0; k < 8; k++) {
    ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR + k), 0x0000043B80000000ull);
    ASSERT_EQ(itu_rd(t, ITS_GITS_TYPER + k), ITS_GITS_TYPER_RESET);
    ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1) + k), ITS_GITS_BASER1_RESET);
  }
  // The last byte of the 128 KiB frame pair is inside it: the translation frame's last
  // doubleword, RAZ (docs/interfaces.md section 1; 0x20000 itself is ITS_ERR_BAD_ARG).
  uint64_t v = 0x1234;
  ASSERT_EQ(its_reg_read(t->its, 0x1FFFF, &v), ITS_OK);
  ASSERT_EQ(v, 0);
  itu_free(t);
}

void test_its_regs_bus_error_misaligned64_odd(void) {
  // A 64-bit write needs an 8-aligned offset (IMPDEF-ITS-1): any other byte offset, odd ones
  // included, is a bus error that changes nothing.
  itu_t *t = itu_new(4);
  for (uint32_t k = 1; k < 8; k++) {
    ASSERT_EQ(its_reg_write(t->its, ITS_GITS_CTLR + k, ~0ull, 8, 0), ITS_BUS_ERROR);
    ASSERT_EQ(its_reg_write(t->its, ITS_GITS_CBASER + k, ~0ull, 8, 0), ITS_BUS_ERROR);
    ASSERT_EQ(its_reg_write(t->its, ITS_GITS_BASER(0) + k, ~0ull, 8, 0), ITS_BUS_ERROR);
  }
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000000ull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), ITS_GITS_BASER0_RESET);
  ASSERT_EQ(its_event_count(t->its), 0);
  itu_free(t);
}

void test_its_regs_bus_error_misaligned32(void) {
  itu_t *t = itu_new(4);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_CBASER + 2, 0xFFFFFFFFu, 4, 0), ITS_BUS_ERROR);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_CTLR + 1, 1, 4, 0), ITS_BUS_ERROR);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000000ull);
  itu_free(t);
}

void test_its_regs_bus_error_misaligned64(void) {
  itu_t *t = itu_new(4);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_CBASER + 4, ~0ull, 8, 0), ITS_BUS_ERROR);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_BASER(0) + 4, ~0ull, 8, 0), ITS_BUS_ERROR);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), ITS_GITS_BASER0_RESET);
  itu_free(t);
}

void test_its_regs_bus_error_16bit_control(void) {
  // 16-bit writes exist only for GITS_TRANSLATER.
  itu_t *t = itu_new(4);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_CTLR, 1, 2, 0), ITS_BUS_ERROR);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_CWRITER, 0x40, 2, 0), ITS_BUS_ERROR);
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_CBASER, 0xFFFF, 2, 0), ITS_BUS_ERROR);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000000ull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  itu_free(t);
}

void test_its_regs_bus_error_16bit_xlate_frame(void) {
  itu_t *t = itu_std();
  itu_ok(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  itu_ok(t, itu_c_mapc(1, 1, true));
  itu_ok(t, itu_c_mapti(1, 5, 8200, 1));
  // Misaligned 16-bit write to TRANSLATER, and 16-bit writes elsewhere in the frame.
  ASSERT_EQ(its_reg_write(t->its, ITS_GITS_TRANSLATER + 2, 5, 2, 1), ITS_BUS_ERROR);
  ASSERT_EQ(its_reg_write(t->its, 0x10048, 5, 2, 1), ITS_BUS_ERROR);
  ASSERT_EQ(its_event_count(t->its), 0);
  itu_free(t);
}

void test_its_regs_bus_error_bad_size(void) {
  itu_t *t = itu_new(4);
  ASSERT_NE(its_reg_write(t->its, ITS_GITS_CTLR, 1, 1, 0), ITS_OK);
  ASSERT_NE(its_reg_write(t->its, ITS_GITS_CTLR, 1, 3, 0), ITS_OK);
  ASSERT_NE(its_reg_write(t->its, ITS_GITS_CBASER, ~0ull, 16, 0), ITS_OK);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000000ull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  itu_free(t);
}

void test_its_regs_write_no_side_effects(void) {
  // Register writes never touch memory and never run commands (its.h, interfaces 3.4).
  itu_t *t = itu_std();
  itu_push(t, itu_c_mapd(1, 7, ITU_ITT(1), true));
  itu_kick(t);
  ITU_WR(t, ITS_GITS_CTLR, 1, 4);
  ASSERT_EQ(its_event_count(t->its), 0);
  ASSERT_EQ(t->reads, 0);
  ASSERT_EQ(t->writes, 0);
  ASSERT_EQ(itu_creadr(t), 0);
  itu_free(t);
}

void test_its_regs_cbaser_wi_enabled(void) {
  itu_t *t = itu_std();
  uint64_t before = itu_rd(t, ITS_GITS_CBASER);
  ITU_WR(t, ITS_GITS_CBASER, itu_cbaser(0x800000, 0), 8);
  ITU_WR(t, ITS_GITS_CBASER, 0, 4);
  ITU_WR(t, ITS_GITS_CBASER + 4, 0, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), before);
  itu_free(t);
}

void test_its_regs_baser_wi_enabled(void) {
  itu_t *t = itu_std();
  uint64_t b0 = itu_rd(t, ITS_GITS_BASER(0));
  uint64_t b1 = itu_rd(t, ITS_GITS_BASER(1));
  ITU_WR(t, ITS_GITS_BASER(0), 0, 8);
  ITU_WR(t, ITS_GITS_BASER(1), itu_baser(0x900000, ITU_PS_4K, 3, true), 8);
  ITU_WR(t, ITS_GITS_BASER(0), 0, 4);
  ITU_WR(t, ITS_GITS_BASER(0) + 4, 0, 4);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), b0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), b1);
  itu_free(t);
}

void test_its_regs_its_reset(void) {
  itu_t *t = itu_std();
  itu_exec(t, itu_c_sync(1));
  ASSERT_NE(its_event_count(t->its), 0);
  its_reset(t->its);
  ASSERT_EQ(its_event_count(t->its), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CTLR), 0x0000043B80000000ull);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CBASER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CWRITER), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_CREADR), 0);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(0)), ITS_GITS_BASER0_RESET);
  ASSERT_EQ(itu_rd(t, ITS_GITS_BASER(1)), ITS_GITS_BASER1_RESET);
  ASSERT_EQ(its_step(t->its), ITS_STEP_IDLE);
  itu_free(t);
}

void test_its_api_create_bad_args(void) {
  test_mem_t *m = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(m);
  its_t *its = NULL;
  its_config_t zero = {0};
  its_config_t big = {65537};
  its_config_t max = {65536};
  ASSERT_EQ(its_create(&zero, &ops, &its), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_create(&big, &ops, &its), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_create(NULL, &ops, &its), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_create(&max, NULL, &its), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_create(&max, &ops, NULL), ITS_ERR_BAD_ARG);
  ASSERT_EQ(its_create(&max, &ops, &its), ITS_OK);
  ASSERT_TRUE(its != NULL);
  its_destroy(its);
  test_mem_free(m);
}

void test_its_api_names(void) {
  ASSERT_TRUE(its_opcode_name(ITS_CMD_MAPTI) != NULL);
  ASSERT_TRUE(its_opcode_name(0x02) != NULL);
  ASSERT_TRUE(its_outcome_name(ITS_OUT_FAULT) != NULL);
  ASSERT_TRUE(its_rd_kind_name(ITS_RD_SYNC) != NULL);
}

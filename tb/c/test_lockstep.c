// SPDX-License-Identifier: Apache-2.0
// Unit test of the lockstep checkers without Verilator: two checkers of each block in one
// process, fed different transaction streams, keep separate models, errors and histories. And
// the lockstep back end's drivers refuse values their ports cannot carry instead of narrowing
// them. Usage: test_lockstep   (exit 0 when every check holds; ctest tb/lockstep/*)
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "its_lockstep.h"
#include "rtl_be.h"
#include "stimer_lockstep.h"

// Every test function counts its failures in a local `int fails` (no globals in tb/c).
#define CHECK_EQ(a, b)                                                                            \
  do {                                                                                            \
    uint64_t a_ = (uint64_t)(a);                                                                  \
    uint64_t b_ = (uint64_t)(b);                                                                  \
    if (a_ != b_) {                                                                               \
      printf("%s:%d: %s == %s: 0x%" PRIx64 " != 0x%" PRIx64 "\n", __FILE__, __LINE__, #a, #b, a_, \
             b_);                                                                                 \
      fails++;                                                                                    \
    }                                                                                             \
  } while (0)

static void its_write(its_lockstep_t *ls, uint64_t cycle, uint32_t addr, uint64_t wdata,
                      uint8_t strb) {
  its_ls_access_t a = {addr, true, wdata, strb, 0, 0, false};
  its_lockstep_reg(ls, cycle, &a);
}

static void its_read(its_lockstep_t *ls, uint64_t cycle, uint32_t addr, uint64_t rdata) {
  its_ls_access_t a = {addr, false, 0, 0, 0, rdata, false};
  its_lockstep_reg(ls, cycle, &a);
}

static int test_its(void) {
  int fails = 0;
  tb_mem_t *ma = tb_mem_new();
  tb_mem_t *mb = tb_mem_new();
  its_lockstep_cfg_t cfg = {{4}, true, NULL, 0};  // MSI order not checked: no MSIs here
  its_lockstep_t *a = its_lockstep_new(&cfg, ma);
  its_lockstep_t *b = its_lockstep_new(&cfg, mb);
  // A: a one-page queue at 0x10000 with a SYNC to redistributor 0, then enable and CWRITER.
  tb_mem_poke(ma, 0x10000, ITS_CMD_SYNC, 8);
  its_write(a, 10, ITS_GITS_CBASER, 0x8000000000010000ull, 0xFF);
  its_write(a, 12, ITS_GITS_CTLR, 1, 0x0F);
  CHECK_EQ(its_lockstep_pending(a, NULL, 0), 0);
  its_write(a, 14, ITS_GITS_CWRITER, 0x20, 0xFF);
  CHECK_EQ(its_lockstep_pending(a, NULL, 0), 1);  // the model has a command the DUT must retire
  // B: another queue base; a CREADR read with the wrong value.
  its_write(b, 10, ITS_GITS_CBASER, 0x8000000000020000ull, 0xFF);
  its_read(b, 11, ITS_GITS_CREADR, 0x20);
  CHECK_EQ(its_lockstep_log(b)->err.n, 1);
  CHECK_EQ((&its_lockstep_log(b)->err.v[0])->cycle, 11);
  CHECK_EQ((&its_lockstep_log(b)->err.v[0])->field[0].expected, 0);
  CHECK_EQ((&its_lockstep_log(b)->err.v[0])->field[0].actual, 0x20);
  CHECK_EQ(its_lockstep_pending(b, NULL, 0), 0);
  // The waveform's copy: the read as compared, the register interface failed first.
  CHECK_EQ(its_lockstep_log(b)->wave.exp_rdata, 0);
  CHECK_EQ(its_lockstep_log(b)->wave.act_rdata, 0x20);
  CHECK_EQ(its_lockstep_log(b)->wave.failed, LS_IF_REG);
  // A retires the SYNC with its event: no error, and the queue is drained.
  its_rd_event_t sync = {ITS_RD_SYNC, 0, 0, 0};
  its_lockstep_rd(a, 20, &sync);
  its_retire_t rt = {ITS_RT_CMD, 0, ITS_CMD_SYNC, ITS_OUT_OK, 0, 0, 0};
  its_lockstep_retire(a, 20, &rt);
  its_read(a, 22, ITS_GITS_CREADR, 0x20);
  CHECK_EQ(its_lockstep_log(a)->err.n, 0);
  CHECK_EQ(its_lockstep_pending(a, NULL, 0), 0);
  CHECK_EQ(its_lockstep_log(a)->wave.failed, LS_IF_NONE);
  CHECK_EQ(its_lockstep_wave(a)->exp_rt.opcode, ITS_CMD_SYNC);
  CHECK_EQ(its_lockstep_wave(a)->act_rt.opcode, ITS_CMD_SYNC);
  CHECK_EQ(its_lockstep_wave(a)->exp_rd.kind, ITS_RD_SYNC);
  CHECK_EQ(its_lockstep_wave(a)->act_rd.kind, ITS_RD_SYNC);
  CHECK_EQ(its_lockstep_log(a)->compared, 5);
  CHECK_EQ(ls_hist_count(&its_lockstep_log(a)->hist), 5);
  // The models are separate objects with separate registers.
  uint64_t ca = 0;
  uint64_t cb = 0;
  its_reg_read(its_lockstep_model(a), ITS_GITS_CBASER, &ca);
  its_reg_read(its_lockstep_model(b), ITS_GITS_CBASER, &cb);
  CHECK_EQ(ca & 0xFFFFF000, 0x10000);
  CHECK_EQ(cb & 0xFFFFF000, 0x20000);
  // A retire the model cannot match: an error in A only.
  its_lockstep_retire(a, 30, &rt);
  CHECK_EQ(its_lockstep_log(a)->err.n, 1);
  CHECK_EQ(its_lockstep_log(b)->err.n, 1);
  ls_errors_clear(&its_lockstep_log(b)->err);
  CHECK_EQ(its_lockstep_log(b)->err.n, 0);
  CHECK_EQ(its_lockstep_log(a)->err.n, 1);
  its_lockstep_free(a);
  its_lockstep_free(b);
  tb_mem_free(ma);
  tb_mem_free(mb);
  return fails;
}

// The errors of `ls` whose text names the MSI-order rule (IMPDEF-ITS-14).
static unsigned its_order_errors(its_lockstep_t *ls) {
  unsigned n = 0;
  const ls_errors_t *e = &its_lockstep_log(ls)->err;
  for (unsigned i = 0; i < e->n && i < LS_MAX_ERRORS; i++) {
    n += strstr(e->v[i].what, "IMPDEF-ITS-14") != NULL;
  }
  return n;
}

// A SYNC at queue offset `off` retires (its event first).
static void its_sync_retire(its_lockstep_t *ls, uint64_t cycle, uint32_t off) {
  its_rd_event_t sync = {ITS_RD_SYNC, 0, 0, 0};
  its_lockstep_rd(ls, cycle, &sync);
  its_retire_t rt = {ITS_RT_CMD, off, ITS_CMD_SYNC, ITS_OUT_OK, 0, 0, 0};
  its_lockstep_retire(ls, cycle, &rt);
}

static void its_msi_retire(its_lockstep_t *ls, uint64_t cycle) {
  // Only the order matters here: whether the record matches the model's is not counted.
  its_retire_t rt = {ITS_RT_MSI, 0, 0, ITS_OUT_IGNORED, 0x000001, 7, 9};
  its_lockstep_retire(ls, cycle, &rt);
}

// docs/interfaces.md 3.4, IMPDEF-ITS-14 with MsiBurst = 2: between a command's retire record
// (with another command to run) and the next command's, the port MSIs that waited go first,
// at most 2 of them, and no more than 2 go.
static int test_its_order(void) {
  int fails = 0;
  tb_mem_t *m = tb_mem_new();
  its_lockstep_cfg_t cfg = {{4}, true, NULL, 2};
  its_lockstep_t *ls = its_lockstep_new(&cfg, m);
  for (uint64_t off = 0; off < 0x100; off += 0x20) {
    tb_mem_poke(m, 0x10000 + off, ITS_CMD_SYNC, 8);
  }
  its_write(ls, 10, ITS_GITS_CBASER, 0x8000000000010000ull, 0xFF);
  its_write(ls, 12, ITS_GITS_CTLR, 1, 0x0F);
  its_write(ls, 14, ITS_GITS_CWRITER, 0xC0, 0xFF);  // six SYNCs
  for (uint64_t c = 15; c < 18; c++) {
    its_lockstep_msi(ls, c, 7, 9);
  }
  // The first SYNC retires with 3 MSIs waiting: 2 must go before the next command; 1 did.
  its_sync_retire(ls, 30, 0x00);
  its_msi_retire(ls, 40);
  CHECK_EQ(its_order_errors(ls), 0);
  its_sync_retire(ls, 41, 0x20);
  CHECK_EQ(its_order_errors(ls), 1);
  // 2 waiting now (one accepted at 38 is too recent to count): 3 MSIs go, one too many.
  its_lockstep_msi(ls, 38, 7, 9);
  its_msi_retire(ls, 50);
  its_msi_retire(ls, 51);
  CHECK_EQ(its_order_errors(ls), 1);
  its_msi_retire(ls, 52);
  CHECK_EQ(its_order_errors(ls), 2);
  its_sync_retire(ls, 60, 0x40);
  CHECK_EQ(its_order_errors(ls), 2);
  // Exactly the waiting MSIs (fewer than MsiBurst) before the next command: no error. An MSI
  // accepted 3 edges before the retire is not counted as waiting, so 0 is due.
  its_lockstep_msi(ls, 57, 7, 9);
  its_sync_retire(ls, 61, 0x60);
  CHECK_EQ(its_order_errors(ls), 2);
  // 1 waiting at the retire at 61 (accepted at 57), but a register write voids the window.
  its_write(ls, 62, ITS_GITS_CTLR, 1, 0x0F);
  its_sync_retire(ls, 63, 0x80);
  CHECK_EQ(its_order_errors(ls), 2);
  // The last command leaves the queue empty: no window, so the MSI after it is free to go.
  its_msi_retire(ls, 64);
  its_sync_retire(ls, 65, 0xA0);
  for (uint64_t c = 66; c < 70; c++) {
    its_lockstep_msi(ls, c, 7, 9);
    its_msi_retire(ls, c + 10);
  }
  CHECK_EQ(its_order_errors(ls), 2);
  its_lockstep_free(ls);
  tb_mem_free(m);
  return fails;
}

static int test_stimer(void) {
  int fails = 0;
  tb_mem_t *ma = tb_mem_new();
  tb_mem_t *mb = tb_mem_new();
  stimer_lockstep_cfg_t cfg = {stimer_default_config(2), true, NULL};
  stimer_lockstep_t *a = stimer_lockstep_new(&cfg, ma);
  stimer_lockstep_t *b = stimer_lockstep_new(&cfg, mb);
  // A: SCONTROL of VP 1 written; a pass is then owed until the DUT's PASS record.
  stimer_ls_access_t w = {(1u << 11) | (0x80u << 3), true, 1, 0xFF, 0, false};
  stimer_lockstep_reg(a, 5, &w);
  CHECK_EQ(stimer_lockstep_pending(a, NULL, 0), 1);
  CHECK_EQ(stimer_lockstep_pending(b, NULL, 0), 0);
  stimer_retire_t pass = {STIMER_RT_PASS, 0, 0, 0, STIMER_OUT_DELIVERED, 0};
  stimer_lockstep_retire(a, 7, &pass);
  CHECK_EQ(stimer_lockstep_pending(a, NULL, 0), 0);
  // A new time input owes a pass too.
  stimer_lockstep_now(a, 8, 500);
  CHECK_EQ(stimer_lockstep_pending(a, NULL, 0), 1);
  pass.now = 500;
  stimer_lockstep_retire(a, 9, &pass);
  CHECK_EQ(stimer_lockstep_pending(a, NULL, 0), 0);
  CHECK_EQ(stimer_lockstep_log(a)->err.n, 0);
  // C (own checker): a pass with the same now and no input since the last one was due to nobody
  // (docs/interfaces.md section 4.2), and a PASS record's other fields are 0.
  tb_mem_t *mc = tb_mem_new();
  stimer_lockstep_t *c = stimer_lockstep_new(&cfg, mc);
  stimer_lockstep_now(c, 1, 40);
  pass.now = 40;
  stimer_lockstep_retire(c, 2, &pass);
  CHECK_EQ(stimer_lockstep_log(c)->err.n, 0);
  stimer_lockstep_retire(c, 3, &pass);
  CHECK_EQ(stimer_lockstep_log(c)->err.n, 1);
  stimer_lockstep_now(c, 4, 41);
  stimer_retire_t odd = {STIMER_RT_PASS, 1, 0, 0, STIMER_OUT_DELIVERED, 41};
  stimer_lockstep_retire(c, 5, &odd);
  CHECK_EQ(stimer_lockstep_log(c)->err.n, 2);
  stimer_lockstep_free(c);
  tb_mem_free(mc);
  // B: SVERSION reads 1; a DUT that answers 2 diverges, in B only.
  stimer_ls_access_t r = {0x81u << 3, false, 0, 0, 2, false};
  stimer_lockstep_reg(b, 3, &r);
  CHECK_EQ(stimer_lockstep_log(b)->err.n, 1);
  CHECK_EQ(stimer_lockstep_log(a)->err.n, 0);
  uint64_t va = 0;
  uint64_t vb = 0;
  stimer_msr_read(stimer_lockstep_model(a), 1, STIMER_MSR_SCONTROL, &va);
  stimer_msr_read(stimer_lockstep_model(b), 1, STIMER_MSR_SCONTROL, &vb);
  CHECK_EQ(va, 1);
  CHECK_EQ(vb, 0);
  stimer_lockstep_free(a);
  stimer_lockstep_free(b);
  tb_mem_free(ma);
  tb_mem_free(mb);
  return fails;
}

// A request whose value does not fit its port is refused with a reason naming the port.
static int check_refused(exec_backend_t *be, const exec_rq_t *rq, const char *port) {
  int fails = 0;
  char why[300];
  CHECK_EQ(be->start(be->ctx, rq, why, sizeof(why)), 0);
  if (strstr(why, port) == NULL) {
    printf("%s:%d: the reason '%s' does not name %s\n", __FILE__, __LINE__, why, port);
    fails++;
  }
  return fails;
}

static int test_rtl_refuses(void) {
  int fails = 0;
  obs_log_t log;
  obs_init(&log);
  char err[200];
  scn_config_t sc = scn_default_config();
  // stimer, 4 VPs: VpW = 2. The old bench drove VP 4 as VP 0.
  rtl_be_cfg_t cfg = {SCN_BLOCK_STIMER, sc, 4, 4, 4, true, true, true, NULL, 1, &log};
  rtl_be_t *r = rtl_be_new(&cfg, err, sizeof(err));
  exec_backend_t be = rtl_be_backend(r);
  exec_rq_t eoi = {.kind = EXEC_RQ_EOI, .vp = 4, .vector = 0x30};
  fails += check_refused(&be, &eoi, "eoi_vp_i");
  eoi = (exec_rq_t){.kind = EXEC_RQ_EOI, .vp = 1, .vector = 0x130};
  fails += check_refused(&be, &eoi, "eoi_vector_i");
  exec_rq_t msr = {.kind = EXEC_RQ_MSR_READ, .vp = 0, .msr = 0x40000120u};
  fails += check_refused(&be, &msr, "address map");
  // An MSR access to VP 4 has no APB address (VpW = 2): refused, never answered for the DUT.
  msr = (exec_rq_t){.kind = EXEC_RQ_MSR_WRITE, .vp = 4, .msr = STIMER_MSR_SCONTROL, .value = 1};
  fails += check_refused(&be, &msr, "MSR address");
  rtl_st_pins_t pins;
  rtl_st_pins(r, &pins);
  CHECK_EQ(pins.psel, 0);
  CHECK_EQ(pins.eoi_valid, 0);
  rtl_be_free(r);
  // ITS: DevIdW = 16, AddrW = 17.
  cfg.block = SCN_BLOCK_ITS;
  r = rtl_be_new(&cfg, err, sizeof(err));
  be = rtl_be_backend(r);
  exec_rq_t msi = {.kind = EXEC_RQ_MSI, .devid = 0x10000, .eventid = 1};
  fails += check_refused(&be, &msi, "msi_devid_i");
  exec_rq_t wr = {.kind = EXEC_RQ_REG_WRITE,
                  .off = ITS_GITS_TRANSLATER,
                  .value = 5,
                  .size = 4,
                  .devid = 0x10001};
  fails += check_refused(&be, &wr, "apb_pdevid_i");
  wr = (exec_rq_t){.kind = EXEC_RQ_REG_WRITE, .off = 0x20000, .value = 5, .size = 4};
  fails += check_refused(&be, &wr, "apb_paddr_i");
  wr = (exec_rq_t){.kind = EXEC_RQ_REG_WRITE, .off = 0, .value = 0x100000000ull, .size = 4};
  fails += check_refused(&be, &wr, "32-bit write");
  rtl_its_pins_t ip;
  rtl_its_pins(r, &ip);
  CHECK_EQ(ip.psel, 0);
  CHECK_EQ(ip.msi_valid, 0);
  rtl_be_free(r);
  obs_free(&log);
  return fails;
}

// The DPI carries a record as its packed SV struct: the first field is the most significant
// (IEEE 1800-2017 7.2.1), bit 0 of word 0 is bit 0 of the vector (H.10.1.2). The positions
// below are those docs/enc/its.md gives for the 104-bit retire record.
static int test_record_unpack(void) {
  int fails = 0;
  CHECK_EQ(its_rec_retire.bits, 104);
  // kind [103:102] = TRANSLATER (3), offset [101:82] = 0xABCDE, opcode [81:74] = 0x0A (MAPTI),
  // outcome [73:72] = IGNORED (1), error [71:48] = 0x010A07, devid [47:32] = 0xBEEF,
  // eventid [31:0] = 0x89ABCDEF.
  // Word 0 holds bits [31:0], word 1 [63:32] (error[15:0], devid), word 2 [95:64]
  // (offset[13:0], opcode, outcome, error[23:16]), word 3 [103:96] (kind, offset[19:14]).
  uint32_t w[4] = {0x89ABCDEFu, 0x0A07BEEFu,
                   ((0xABCDEu & 0x3FFFu) << 18) | (0x0Au << 10) | (1u << 8) | 0x01u,
                   (3u << 6) | (0xABCDEu >> 14)};
  its_retire_t rt;
  enc_rec_unpack(&its_rec_retire, w, &rt);
  CHECK_EQ(rt.kind, ITS_RT_TRANSLATER);
  CHECK_EQ(rt.offset, 0xABCDE);
  CHECK_EQ(rt.opcode, ITS_CMD_MAPTI);
  CHECK_EQ(rt.outcome, ITS_OUT_IGNORED);
  CHECK_EQ(rt.error, 0x010A07);
  CHECK_EQ(rt.devid, 0xBEEF);
  CHECK_EQ(rt.eventid, 0x89ABCDEF);
  // A 17-bit record in one word: vp [16:9], vector [8:1], auto_eoi [0].
  uint32_t iw[1] = {(0x3Fu << 9) | (0x51u << 1) | 1u};
  stimer_irq_t irq;
  enc_rec_unpack(&stimer_rec_irq, iw, &irq);
  CHECK_EQ(irq.vp, 0x3F);
  CHECK_EQ(irq.vector, 0x51);
  CHECK_EQ(irq.auto_eoi, 1);
  // The generic compare names the one field that differs, whichever it is.
  for (size_t i = 0; i < its_rec_retire.n; i++) {
    its_retire_t d = rt;
    const enc_rec_field_t *f = &its_rec_retire.fields[i];
    enc_rec_set(f, &d, enc_rec_get(f, &rt) ^ 1u);
    ls_field_t out[LS_MAX_FIELDS];
    if (ls_rec_compare(&its_rec_retire, &rt, &d, out)) {
      printf("ls_rec_compare: field %s differs and the records compare equal\n", f->name);
      fails++;
    }
    CHECK_EQ(out[i].expected ^ out[i].actual, 1);
  }
  char buf[200];
  enc_rec_format(&its_rec_retire, &rt, buf, sizeof(buf));
  if (strstr(buf, "kind=TRANSLATER") == NULL || strstr(buf, "opcode=MAPTI") == NULL ||
      strstr(buf, "outcome=IGNORED") == NULL) {
    printf("enc_rec_format: %s\n", buf);
    fails++;
  }
  return fails;
}

int main(void) {
  int fails =
      test_its() + test_its_order() + test_stimer() + test_rtl_refuses() + test_record_unpack();
  printf(
      "%s: two ITS and two stimer checkers in one process; drivers refuse what does not "
      "fit\n",
      fails == 0 ? "PASS" : "FAIL");
  return fails == 0 ? 0 : 1;
}

// SPDX-License-Identifier: Apache-2.0
// DPI adapters of tb/sv/tb_dpi_pkg.sv: each unpacks its arguments, makes one call into the bench
// (tb/c/bench.h, tb/c/rtl_be.h) and packs the result. Including the generated header lets the
// compiler check every prototype against the SV imports.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "Vtb__Dpi.h"
#include "bench.h"

unsigned int tb_config(void *bench, unsigned int num_rd, unsigned int msi_burst,
                       unsigned int num_vp, unsigned int feat_direct, unsigned int scontrol_gate,
                       unsigned int record) {
  if (bench == NULL) {
    fprintf(stderr, "tb_dpi: no bench attached (the C++ main calls tb_attach first)\n");
    abort();
  }
  return bench_config(bench, num_rd, msi_burst, num_vp, feat_direct != 0, scontrol_gate != 0,
                      record != 0);
}

// ---- Monitors ----

void tb_reset_mon(void *bench, unsigned int blk) {
  rtl_be_t *r = bench_rtl(bench, (scn_block_t)blk);
  if (r != NULL) {
    rtl_reset_seen(r);
  }
}

void tb_mem_req_mon(void *bench, unsigned int blk, unsigned long long addr, svBit we,
                    unsigned long long wdata, unsigned int be) {
  rtl_be_t *r = bench_rtl(bench, (scn_block_t)blk);
  if (r != NULL) {
    rtl_mem_req(r, addr, we, wdata, (uint8_t)be);
  }
}

void tb_mem_rsp_mon(void *bench, unsigned int blk, svBit err) {
  rtl_be_t *r = bench_rtl(bench, (scn_block_t)blk);
  if (r != NULL) {
    rtl_mem_rsp(r, err);
  }
}

void tb_its_apb_mon(void *bench, unsigned int addr, svBit write, unsigned long long wdata,
                    unsigned int strb, unsigned int devid, unsigned long long rdata, svBit slverr) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_ITS);
  if (r != NULL) {
    its_ls_access_t a = {addr, write, wdata, (uint8_t)strb, devid, rdata, slverr};
    rtl_its_apb(r, &a);
  }
}

void tb_its_msi_mon(void *bench, unsigned int devid, unsigned int eventid) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_ITS);
  if (r != NULL) {
    rtl_its_msi(r, devid, eventid);
  }
}

// The records arrive as packed structs; the generated field tables (docs/enc) unpack them, so
// a field added to a record needs no edit here.
void tb_its_rd_mon(void *bench, const svBitVecVal *ev) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_ITS);
  if (r != NULL) {
    its_rd_event_t rec;
    enc_rec_unpack(&its_rec_rd_ev, ev, &rec);
    rtl_its_rd(r, &rec);
  }
}

void tb_its_retire_mon(void *bench, const svBitVecVal *rt) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_ITS);
  if (r != NULL) {
    its_retire_t rec;
    enc_rec_unpack(&its_rec_retire, rt, &rec);
    rtl_its_retire(r, &rec);
  }
}

void tb_st_apb_mon(void *bench, unsigned int addr, svBit write, unsigned long long wdata,
                   unsigned int strb, unsigned long long rdata, svBit slverr) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_STIMER);
  if (r != NULL) {
    stimer_ls_access_t a = {addr, write, wdata, (uint8_t)strb, rdata, slverr};
    rtl_st_apb(r, &a);
  }
}

void tb_st_now_mon(void *bench, unsigned long long now) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_STIMER);
  if (r != NULL) {
    rtl_st_now(r, now);
  }
}

void tb_st_eoi_mon(void *bench, unsigned int vp, unsigned int vec) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_STIMER);
  if (r != NULL) {
    rtl_st_eoi(r, vp, vec);
  }
}

void tb_st_irq_mon(void *bench, const svBitVecVal *irq) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_STIMER);
  if (r != NULL) {
    stimer_irq_t rec;
    enc_rec_unpack(&stimer_rec_irq, irq, &rec);
    rtl_st_irq(r, &rec);
  }
}

void tb_st_retire_mon(void *bench, const svBitVecVal *rt) {
  rtl_be_t *r = bench_rtl(bench, SCN_BLOCK_STIMER);
  if (r != NULL) {
    stimer_retire_t rec;
    enc_rec_unpack(&stimer_rec_retire, rt, &rec);
    rtl_st_retire(r, &rec);
  }
}

// ---- Drivers ----

void tb_its_drive(void *bench, svBit pready, svBit msi_ready, svBit mreq_valid,
                  unsigned long long maddr, svBit mwe, unsigned long long mwdata, unsigned int mbe,
                  svBit mrsp_ready, svBit busy, svBit *ctl, svBit *rst_n, svBit *mreq_ready,
                  svBit *mrsp_valid, unsigned long long *mrdata, svBit *mrsp_err, svBit *rd_ready,
                  svBit *wave) {
  rtl_its_in_t in = {
      pready, msi_ready, {mreq_valid, maddr, mwe, mwdata, (uint8_t)mbe, mrsp_ready}, busy};
  rtl_its_pins_t o;
  *ctl = bench_its_drive(bench, &in, &o);
  *rst_n = o.rst_n;
  *mreq_ready = o.mem.req_ready;
  *mrsp_valid = o.mem.rsp_valid;
  *mrdata = o.mem.rsp_rdata;
  *mrsp_err = o.mem.rsp_err;
  *rd_ready = o.rd_ready;
  *wave = bench_wave_pending(bench);
}

void tb_its_ctl(void *bench, svBit *psel, svBit *penable, svBit *pwrite, unsigned int *paddr,
                unsigned long long *pwdata, unsigned int *pstrb, unsigned int *pdevid,
                svBit *msi_valid, unsigned int *msi_devid, unsigned int *msi_eventid) {
  const rtl_its_pins_t *o = bench_its_ctl(bench);
  *psel = o->psel;
  *penable = o->penable;
  *pwrite = o->pwrite;
  *paddr = o->paddr;
  *pwdata = o->pwdata;
  *pstrb = o->pstrb;
  *pdevid = o->pdevid;
  *msi_valid = o->msi_valid;
  *msi_devid = o->msi_devid;
  *msi_eventid = o->msi_eventid;
}

void tb_st_drive(void *bench, svBit pready, svBit eoi_ready, svBit mreq_valid,
                 unsigned long long maddr, svBit mwe, unsigned long long mwdata, unsigned int mbe,
                 svBit mrsp_ready, svBit busy, svBit *ctl, svBit *rst_n, svBit *mreq_ready,
                 svBit *mrsp_valid, unsigned long long *mrdata, svBit *mrsp_err, svBit *irq_ready,
                 svBit *wave) {
  rtl_st_in_t in = {
      pready, eoi_ready, {mreq_valid, maddr, mwe, mwdata, (uint8_t)mbe, mrsp_ready}, busy};
  rtl_st_pins_t o;
  *ctl = bench_st_drive(bench, &in, &o);
  *rst_n = o.rst_n;
  *mreq_ready = o.mem.req_ready;
  *mrsp_valid = o.mem.rsp_valid;
  *mrdata = o.mem.rsp_rdata;
  *mrsp_err = o.mem.rsp_err;
  *irq_ready = o.irq_ready;
  *wave = bench_wave_pending(bench);
}

void tb_st_ctl(void *bench, svBit *psel, svBit *penable, svBit *pwrite, unsigned int *paddr,
               unsigned long long *pwdata, unsigned int *pstrb, unsigned long long *now,
               svBit *eoi_valid, unsigned int *eoi_vp, unsigned int *eoi_vector) {
  const rtl_st_pins_t *o = bench_st_ctl(bench);
  *psel = o->psel;
  *penable = o->penable;
  *pwrite = o->pwrite;
  *paddr = o->paddr;
  *pwdata = o->pwdata;
  *pstrb = o->pstrb;
  *now = o->now;
  *eoi_valid = o->eoi_valid;
  *eoi_vp = o->eoi_vp;
  *eoi_vector = o->eoi_vector;
}

// ---- The waveform ----

// Packs a record into the words of a packed struct (the inverse of enc_rec_unpack).
static void tb_rec_pack(const enc_record_t *r, const void *rec, svBitVecVal *words) {
  unsigned bits = 0;
  for (size_t i = 0; i < r->n; i++) {
    bits += r->fields[i].width;
  }
  for (unsigned w = 0; w < (bits + 31) / 32; w++) {
    words[w] = 0;
  }
  unsigned lsb = 0;  // the last field holds the least significant bits
  for (size_t i = r->n; i-- > 0;) {
    const enc_rec_field_t *f = &r->fields[i];
    uint64_t v = enc_rec_get(f, rec);
    for (unsigned b = 0; b < f->width; b++, lsb++) {
      if ((v >> b) & 1u) {
        words[lsb / 32] |= 1u << (lsb % 32);
      }
    }
  }
}

static void tb_wave_common(const ls_wave_t *w, unsigned long long *exp_mw_addr,
                           unsigned long long *act_mw_addr, unsigned long long *exp_mw_data,
                           unsigned long long *act_mw_data, unsigned int *exp_mw_be,
                           unsigned int *act_mw_be, svBit *exp_mw_fault, svBit *act_mw_fault,
                           unsigned long long *exp_rdata, unsigned long long *act_rdata) {
  *exp_mw_addr = w->exp_mw.addr;
  *act_mw_addr = w->act_mw.addr;
  *exp_mw_data = w->exp_mw.data;
  *act_mw_data = w->act_mw.data;
  *exp_mw_be = w->exp_mw.be;
  *act_mw_be = w->act_mw.be;
  *exp_mw_fault = w->exp_mw.fault;
  *act_mw_fault = w->act_mw.fault;
  *exp_rdata = w->exp_rdata;
  *act_rdata = w->act_rdata;
}

void tb_its_wave(void *bench, svBitVecVal *exp_rt, svBitVecVal *act_rt, svBitVecVal *exp_rd,
                 svBitVecVal *act_rd, unsigned long long *exp_mw_addr,
                 unsigned long long *act_mw_addr, unsigned long long *exp_mw_data,
                 unsigned long long *act_mw_data, unsigned int *exp_mw_be, unsigned int *act_mw_be,
                 svBit *exp_mw_fault, svBit *act_mw_fault, unsigned long long *exp_rdata,
                 unsigned long long *act_rdata, svBit *mismatch) {
  bool mism = false;
  const ls_wave_t *w = bench_wave(bench, &mism);
  const its_lockstep_wave_t *r = its_lockstep_wave(rtl_be_its(bench_rtl(bench, SCN_BLOCK_ITS)));
  tb_rec_pack(&its_rec_retire, &r->exp_rt, exp_rt);
  tb_rec_pack(&its_rec_retire, &r->act_rt, act_rt);
  tb_rec_pack(&its_rec_rd_ev, &r->exp_rd, exp_rd);
  tb_rec_pack(&its_rec_rd_ev, &r->act_rd, act_rd);
  tb_wave_common(w, exp_mw_addr, act_mw_addr, exp_mw_data, act_mw_data, exp_mw_be, act_mw_be,
                 exp_mw_fault, act_mw_fault, exp_rdata, act_rdata);
  *mismatch = mism;
}

void tb_st_wave(void *bench, svBitVecVal *exp_rt, svBitVecVal *act_rt, svBitVecVal *exp_irq,
                svBitVecVal *act_irq, unsigned long long *exp_mw_addr,
                unsigned long long *act_mw_addr, unsigned long long *exp_mw_data,
                unsigned long long *act_mw_data, unsigned int *exp_mw_be, unsigned int *act_mw_be,
                svBit *exp_mw_fault, svBit *act_mw_fault, unsigned long long *exp_rdata,
                unsigned long long *act_rdata, svBit *mismatch) {
  bool mism = false;
  const ls_wave_t *w = bench_wave(bench, &mism);
  const stimer_lockstep_wave_t *r =
      stimer_lockstep_wave(rtl_be_stimer(bench_rtl(bench, SCN_BLOCK_STIMER)));
  tb_rec_pack(&stimer_rec_retire, &r->exp_rt, exp_rt);
  tb_rec_pack(&stimer_rec_retire, &r->act_rt, act_rt);
  tb_rec_pack(&stimer_rec_irq, &r->exp_irq, exp_irq);
  tb_rec_pack(&stimer_rec_irq, &r->act_irq, act_irq);
  tb_wave_common(w, exp_mw_addr, act_mw_addr, exp_mw_data, act_mw_data, exp_mw_be, act_mw_be,
                 exp_mw_fault, act_mw_fault, exp_rdata, act_rdata);
  *mismatch = mism;
}

// ---- Trace encoder (tb_sim --record) ----

svBit tb_trace_drain(void *bench, svBit enc_rst_n, svBit fire, svBit valid, unsigned int count,
                     const svBitVecVal *beat) {
  uint64_t w[8];
  for (unsigned i = 0; i < 8; i++) {
    w[i] = (uint64_t)beat[2 * i] | ((uint64_t)beat[2 * i + 1] << 32);
  }
  return bench_trace_drain(bench, enc_rst_n, fire, valid, count <= 8 ? count : 8, w);
}

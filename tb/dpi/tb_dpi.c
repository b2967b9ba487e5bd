// SPDX-License-Identifier: Apache-2.0
// DPI adapters of tb/sv/tb_dpi_pkg.sv: each unpacks its arguments, makes one call into the bench
// (tb/c/bench.h, tb/c/rtl_be.h) and packs the result. Including the generated header lets the
// compiler check every prototype against the SV imports.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "Vtb__Dpi.h"
#include "bench.h"

unsigned int tb_config(void *bench, unsigned int num_rd, unsigned int num_vp,
                       unsigned int feat_direct, unsigned int scontrol_gate) {
  if (bench == NULL) {
    fprintf(stderr, "tb_dpi: no bench attached (the C++ main calls tb_attach first)\n");
    abort();
  }
  return bench_config(bench, num_rd, num_vp, feat_direct != 0, scontrol_gate != 0);
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
                  svBit mrsp_ready, svBit busy, svBit *rst_n, svBit *psel, svBit *penable,
                  svBit *pwrite, unsigned int *paddr, unsigned long long *pwdata,
                  unsigned int *pstrb, unsigned int *pdevid, svBit *msi_valid,
                  unsigned int *msi_devid, unsigned int *msi_eventid, svBit *mreq_ready,
                  svBit *mrsp_valid, unsigned long long *mrdata, svBit *mrsp_err, svBit *rd_ready) {
  rtl_its_in_t in = {
      pready, msi_ready, {mreq_valid, maddr, mwe, mwdata, (uint8_t)mbe, mrsp_ready}, busy};
  rtl_its_pins_t o;
  bench_its_drive(bench, &in, &o);
  *rst_n = o.rst_n;
  *psel = o.psel;
  *penable = o.penable;
  *pwrite = o.pwrite;
  *paddr = o.paddr;
  *pwdata = o.pwdata;
  *pstrb = o.pstrb;
  *pdevid = o.pdevid;
  *msi_valid = o.msi_valid;
  *msi_devid = o.msi_devid;
  *msi_eventid = o.msi_eventid;
  *mreq_ready = o.mem.req_ready;
  *mrsp_valid = o.mem.rsp_valid;
  *mrdata = o.mem.rsp_rdata;
  *mrsp_err = o.mem.rsp_err;
  *rd_ready = o.rd_ready;
}

void tb_st_drive(void *bench, svBit pready, svBit eoi_ready, svBit mreq_valid,
                 unsigned long long maddr, svBit mwe, unsigned long long mwdata, unsigned int mbe,
                 svBit mrsp_ready, svBit busy, svBit *rst_n, svBit *psel, svBit *penable,
                 svBit *pwrite, unsigned int *paddr, unsigned long long *pwdata,
                 unsigned int *pstrb, unsigned long long *now, svBit *mreq_ready, svBit *mrsp_valid,
                 unsigned long long *mrdata, svBit *mrsp_err, svBit *irq_ready, svBit *eoi_valid,
                 unsigned int *eoi_vp, unsigned int *eoi_vector) {
  rtl_st_in_t in = {
      pready, eoi_ready, {mreq_valid, maddr, mwe, mwdata, (uint8_t)mbe, mrsp_ready}, busy};
  rtl_st_pins_t o;
  bench_st_drive(bench, &in, &o);
  *rst_n = o.rst_n;
  *psel = o.psel;
  *penable = o.penable;
  *pwrite = o.pwrite;
  *paddr = o.paddr;
  *pwdata = o.pwdata;
  *pstrb = o.pstrb;
  *now = o.now;
  *mreq_ready = o.mem.req_ready;
  *mrsp_valid = o.mem.rsp_valid;
  *mrdata = o.mem.rsp_rdata;
  *mrsp_err = o.mem.rsp_err;
  *irq_ready = o.irq_ready;
  *eoi_valid = o.eoi_valid;
  *eoi_vp = o.eoi_vp;
  *eoi_vector = o.eoi_vector;
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

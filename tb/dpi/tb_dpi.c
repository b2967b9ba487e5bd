// SPDX-License-Identifier: Apache-2.0
// DPI adapters: unpack the pins the harness passes, call the bench, pack its outputs.
// Including the generated header lets the compiler check every prototype against tb.sv.
#include <stdint.h>

#include "Vtb__Dpi.h"
#include "bench.h"

void c_dpi_init(unsigned int num_rd, unsigned int num_vp, unsigned int feat_direct,
                unsigned int scontrol_gate) {
  bench_config(num_rd, num_vp, feat_direct != 0, scontrol_gate != 0);
}

static void tb_dpi_mem_in(tb_slave_in_t *m, svBit valid, unsigned long long addr, svBit we,
                          unsigned long long wdata, unsigned int be, svBit rsp_ready) {
  m->req_valid = valid;
  m->addr = addr;
  m->we = we;
  m->wdata = wdata;
  m->be = (uint8_t)be;
  m->rsp_ready = rsp_ready;
}

static void tb_dpi_apb_out(const bench_in_t *in, svBit *rst_n, svBit *psel, svBit *penable,
                           svBit *pwrite, unsigned int *paddr, unsigned long long *pwdata,
                           unsigned int *pstrb) {
  *rst_n = in->rst_n;
  *psel = in->psel;
  *penable = in->penable;
  *pwrite = in->pwrite;
  *paddr = in->paddr;
  *pwdata = in->pwdata;
  *pstrb = in->pstrb;
}

void c_dpi_its_edge(svBit pready, unsigned long long prdata, svBit pslverr, svBit msi_ready,
                    svBit mreq_valid, unsigned long long maddr, svBit mwe,
                    unsigned long long mwdata, unsigned int mbe, svBit mrsp_ready, svBit rd_valid,
                    unsigned int rd_kind, unsigned int rd_rd, unsigned int rd_rd2,
                    unsigned int rd_intid, svBit rt_valid, unsigned int rt_kind,
                    unsigned int rt_offset, unsigned int rt_opcode, unsigned int rt_outcome,
                    unsigned int rt_error, unsigned int rt_devid, unsigned int rt_eventid,
                    svBit busy, svBit *rst_n, svBit *psel, svBit *penable, svBit *pwrite,
                    unsigned int *paddr, unsigned long long *pwdata, unsigned int *pstrb,
                    unsigned int *pdevid, svBit *msi_valid, unsigned int *msi_devid,
                    unsigned int *msi_eventid, svBit *mreq_ready, svBit *mrsp_valid,
                    unsigned long long *mrdata, svBit *mrsp_err, svBit *rd_ready) {
  bench_its_out_t o = {0};
  o.pready = pready;
  o.prdata = prdata;
  o.pslverr = pslverr;
  o.msi_ready = msi_ready;
  tb_dpi_mem_in(&o.mem, mreq_valid, maddr, mwe, mwdata, mbe, mrsp_ready);
  o.rd_valid = rd_valid;
  o.rd_kind = rd_kind;
  o.rd_rd = rd_rd;
  o.rd_rd2 = rd_rd2;
  o.rd_intid = rd_intid;
  o.rt_valid = rt_valid;
  o.rt_kind = rt_kind;
  o.rt_offset = rt_offset;
  o.rt_opcode = rt_opcode;
  o.rt_outcome = rt_outcome;
  o.rt_error = rt_error;
  o.rt_devid = rt_devid;
  o.rt_eventid = rt_eventid;
  o.busy = busy;
  bench_in_t in;
  bench_its_edge(&o, &in);
  tb_dpi_apb_out(&in, rst_n, psel, penable, pwrite, paddr, pwdata, pstrb);
  *pdevid = in.pdevid;
  *msi_valid = in.msi_valid;
  *msi_devid = in.msi_devid;
  *msi_eventid = in.msi_eventid;
  *mreq_ready = in.mem.req_ready;
  *mrsp_valid = in.mem.rsp_valid;
  *mrdata = in.mem.rsp_rdata;
  *mrsp_err = in.mem.rsp_err;
  *rd_ready = in.out_ready;
}

void c_dpi_stimer_edge(svBit pready, unsigned long long prdata, svBit pslverr, svBit mreq_valid,
                       unsigned long long maddr, svBit mwe, unsigned long long mwdata,
                       unsigned int mbe, svBit mrsp_ready, svBit irq_valid, unsigned int irq_vp,
                       unsigned int irq_vector, svBit irq_auto_eoi, svBit eoi_ready, svBit rt_valid,
                       unsigned int rt_kind, unsigned int rt_vp, unsigned int rt_timer,
                       unsigned int rt_outcome, unsigned long long rt_now, svBit busy, svBit *rst_n,
                       svBit *psel, svBit *penable, svBit *pwrite, unsigned int *paddr,
                       unsigned long long *pwdata, unsigned int *pstrb, unsigned long long *now,
                       svBit *mreq_ready, svBit *mrsp_valid, unsigned long long *mrdata,
                       svBit *mrsp_err, svBit *irq_ready, svBit *eoi_valid, unsigned int *eoi_vp,
                       unsigned int *eoi_vector) {
  bench_st_out_t o = {0};
  o.pready = pready;
  o.prdata = prdata;
  o.pslverr = pslverr;
  tb_dpi_mem_in(&o.mem, mreq_valid, maddr, mwe, mwdata, mbe, mrsp_ready);
  o.irq_valid = irq_valid;
  o.irq_vp = irq_vp;
  o.irq_vector = irq_vector;
  o.irq_auto_eoi = irq_auto_eoi;
  o.eoi_ready = eoi_ready;
  o.rt_valid = rt_valid;
  o.rt_kind = rt_kind;
  o.rt_vp = rt_vp;
  o.rt_timer = rt_timer;
  o.rt_outcome = rt_outcome;
  o.rt_now = rt_now;
  o.busy = busy;
  bench_in_t in;
  bench_st_edge(&o, &in);
  tb_dpi_apb_out(&in, rst_n, psel, penable, pwrite, paddr, pwdata, pstrb);
  *now = in.now;
  *mreq_ready = in.mem.req_ready;
  *mrsp_valid = in.mem.rsp_valid;
  *mrdata = in.mem.rsp_rdata;
  *mrsp_err = in.mem.rsp_err;
  *irq_ready = in.out_ready;
  *eoi_valid = in.eoi_valid;
  *eoi_vp = in.eoi_vp;
  *eoi_vector = in.eoi_vector;
}

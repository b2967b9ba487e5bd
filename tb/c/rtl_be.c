// SPDX-License-Identifier: Apache-2.0
// Lockstep back end (rtl_be.h): drivers, monitor dispatch, the checker and the two memories.
#include "rtl_be.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_be.h"
#include "tb_rand.h"

#define RTL_BE_OUTSTANDING 64
#define RTL_ITS_ADDR_BITS 17  // AddrW of the ITS register bus (docs/interfaces.md 1.1)
#define RTL_DEVID_BITS 16     // DevIdW: the MSI port and the GITS_TRANSLATER side band

/** A driver with a valid/ready (or a one-cycle) handshake: what is on the pins. */
typedef enum {
  RTL_DRV_IDLE = 0,
  RTL_DRV_PENDING,  // armed by a request, not on the pins yet
  RTL_DRV_DRIVEN    // on the pins, waiting for its handshake
} rtl_drv_t;

/** The APB master (docs/interfaces.md section 1). */
typedef enum {
  RTL_APB_IDLE = 0,
  RTL_APB_PENDING,  // armed, not on the pins yet
  RTL_APB_SETUP,    // psel = 1, penable = 0 on the pins
  RTL_APB_ACCESS    // psel = penable = 1 on the pins, waiting for pready
} rtl_apb_phase_t;

typedef struct {
  bool we;
  cm_mem_write_t w;
} rtl_req_t;

struct rtl_be {
  rtl_be_cfg_t cfg;
  unsigned vp_w;  // VpW = max(1, clog2(NumVp)): bits of the VP fields
  tb_rand_t rng;
  tb_mem_t *model_mem;
  tb_mem_t *dut_mem;
  tb_slave_t *slave;
  tb_slave_out_t mem_out;  // the slave's pins
  its_lockstep_t *its;
  stimer_lockstep_t *st;
  ls_errors_t err;
  bool slave_err_reported;
  uint64_t cycle;
  uint64_t activity;
  bool dut_busy;
  unsigned idle_owed;  // edges with busy_o = 0 while the model says work is owed
  bool out_ready;
  // The request in flight (0: none) and its answer.
  exec_rq_kind_t cur;
  exec_rsp_t rsp;
  bool rsp_valid;  // the APB monitor reported the access, or it was answered without the bus
  // Reset driver: cycles left with rst_n = 0.
  unsigned rst_left;
  bool started;
  // APB master.
  rtl_apb_phase_t apb;
  bool apb_done;  // the master saw pready in its access phase
  bool pwrite;
  uint32_t paddr;
  uint64_t pwdata;
  uint8_t pstrb;
  uint32_t pdevid;
  // MSI, EOI and `now` drivers.
  rtl_drv_t msi;
  uint32_t msi_devid, msi_eventid;
  rtl_drv_t eoi;
  uint32_t eoi_vp, eoi_vector;
  rtl_drv_t now_drv;  // a new value must be on the pins for one edge
  uint64_t now;
  // Memory monitor: requests waiting for their response (responses come in order).
  rtl_req_t req[RTL_BE_OUTSTANDING];
  unsigned req_head, req_n;
  // The pins the drivers gave at the previous edge (rtl_its_pins, rtl_st_pins), for what changed.
  bool pins_given;
  rtl_its_pins_t its_pins;
  rtl_st_pins_t st_pins;
};

static void rtl_error_ex(rtl_be_t *r, const char *what, const ls_field_t *f, size_t n,
                         const char *detail) {
  uint64_t op = (r->its != NULL ? its_lockstep_log(r->its) : stimer_lockstep_log(r->st))->compared;
  ls_error_add(&r->err, r->cycle, op, what, f, n, detail);
}

static void rtl_error(rtl_be_t *r, const char *what) {
  rtl_error_ex(r, what, NULL, 0, "(the bench)");
}

rtl_be_t *rtl_be_new(const rtl_be_cfg_t *cfg, char *err, size_t errlen) {
  rtl_be_t *r = calloc(1, sizeof(*r));
  if (r == NULL) {
    snprintf(err, errlen, "out of memory");
    return NULL;
  }
  r->cfg = *cfg;
  r->vp_w = 1;
  while ((1u << r->vp_w) < cfg->num_vp) {
    r->vp_w++;
  }
  r->cycle = 1;
  r->rst_left = RTL_BE_RESET_CYCLES;  // power-on reset
  tb_rand_seed(&r->rng, cfg->seed ^ 0x5eedull);
  r->model_mem = tb_mem_new();
  r->dut_mem = tb_mem_new();
  tb_slave_cfg_t sc = {cfg->scn.mem_latency, cfg->scn.mem_stall, 16};
  r->slave = tb_slave_new(r->dut_mem, &sc, &r->rng);
  if (cfg->block == SCN_BLOCK_ITS) {
    its_lockstep_cfg_t lc = {{cfg->num_rd}, cfg->compare, cfg->fcov, cfg->msi_burst};
    r->its = its_lockstep_new(&lc, r->model_mem);
  } else {
    stimer_config_t mc = model_be_stimer_config(&cfg->scn);
    mc.num_vp = cfg->num_vp;
    mc.feat_direct = cfg->feat_direct;
    mc.scontrol_gate = cfg->scontrol_gate;
    stimer_lockstep_cfg_t lc = {mc, cfg->compare, cfg->fcov};
    r->st = stimer_lockstep_new(&lc, r->model_mem);
  }
  if (r->its == NULL && r->st == NULL) {
    snprintf(err, errlen, "the model refuses the configuration");
    rtl_be_free(r);
    return NULL;
  }
  return r;
}

void rtl_be_free(rtl_be_t *r) {
  if (r == NULL) {
    return;
  }
  its_lockstep_free(r->its);
  stimer_lockstep_free(r->st);
  tb_slave_free(r->slave);
  tb_mem_free(r->dut_mem);
  tb_mem_free(r->model_mem);
  free(r);
}

// ---- Requests from the executor ----

static bool rtl_refuse(char *why, size_t whylen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
static bool rtl_refuse(char *why, size_t whylen, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(why, whylen, fmt, ap);
  va_end(ap);
  return false;
}

static bool rtl_fits(uint64_t v, unsigned bits) {
  return bits >= 64 || (v >> bits) == 0;
}

static void rtl_apb_start(rtl_be_t *r, bool write, uint32_t addr, uint64_t wdata, uint8_t strb,
                          uint32_t devid) {
  r->apb = RTL_APB_PENDING;
  r->apb_done = false;
  r->pwrite = write;
  r->paddr = addr;
  r->pwdata = write ? wdata : 0;
  r->pstrb = write ? strb : 0;
  r->pdevid = devid;
}

// A register write of `size` bytes at `off`: byte lanes by address (docs/interfaces.md 1).
static bool rtl_reg_write(rtl_be_t *r, const exec_rq_t *rq, char *why, size_t whylen) {
  if (!rtl_fits(rq->off, RTL_ITS_ADDR_BITS)) {
    return rtl_refuse(why, whylen, "offset 0x%x does not fit apb_paddr_i (%d bits)", rq->off,
                      RTL_ITS_ADDR_BITS);
  }
  if (rq->size != 1 && rq->size != 2 && rq->size != 4 && rq->size != 8) {
    return rtl_refuse(why, whylen, "a register write of %u bytes (APB: 1, 2, 4 or 8)", rq->size);
  }
  if (!rtl_fits(rq->value, 8 * rq->size)) {
    return rtl_refuse(why, whylen, "value 0x%" PRIx64 " is wider than the %u-bit write", rq->value,
                      8 * rq->size);
  }
  if (!rtl_fits(rq->devid, RTL_DEVID_BITS)) {
    return rtl_refuse(why, whylen, "DeviceID 0x%x does not fit apb_pdevid_i (%d bits)", rq->devid,
                      RTL_DEVID_BITS);
  }
  // Lanes by address (docs/interfaces.md section 1); a 1-byte write takes its own lane.
  uint8_t strb = rq->size == 8   ? 0xFF
                 : rq->size == 4 ? (uint8_t)(0x0Fu << (rq->off & 4))
                 : rq->size == 1 ? (uint8_t)(0x01u << (rq->off & 7))
                                 : 0x03;
  uint64_t data = rq->size == 4   ? rq->value << (8 * (rq->off & 4))
                  : rq->size == 1 ? rq->value << (8 * (rq->off & 7))
                                  : rq->value;
  rtl_apb_start(r, true, rq->off, data, strb, rq->devid);
  return true;
}

static bool rtl_msr(rtl_be_t *r, const exec_rq_t *rq, char *why, size_t whylen) {
  if ((rq->msr & 0xFFFFFF00u) != 0x40000000u) {
    return rtl_refuse(why, whylen, "MSR 0x%x is outside the block's address map (0x400000xx)",
                      rq->msr);
  }
  if (!rtl_fits(rq->vp, r->vp_w)) {
    // No APB address names this VP (the VP field is VpW bits, docs/interfaces.md 1.2): the
    // parser refuses such a line, so only a generator bug gets here.
    return rtl_refuse(why, whylen, "VP %u does not fit the MSR address (VpW = %u bits)", rq->vp,
                      r->vp_w);
  }
  uint32_t addr = (rq->vp << 11) | ((rq->msr & 0xFFu) << 3);
  // A 32-bit MSR write takes the low lanes (docs/interfaces.md 1.2: the block answers #GP).
  uint8_t strb = rq->kind == EXEC_RQ_MSR_WRITE && rq->size == 4 ? 0x0F : 0xFF;
  rtl_apb_start(r, rq->kind == EXEC_RQ_MSR_WRITE, addr, rq->value, strb, 0);
  return true;
}

// Arms the driver of `rq`; false (with the reason) when a value does not fit its port.
static bool rtl_arm(rtl_be_t *r, const exec_rq_t *rq, char *why, size_t whylen) {
  switch (rq->kind) {
    case EXEC_RQ_REG_WRITE:
      return rtl_reg_write(r, rq, why, whylen);
    case EXEC_RQ_REG_READ:
      if (!rtl_fits(rq->off, RTL_ITS_ADDR_BITS)) {
        return rtl_refuse(why, whylen, "offset 0x%x does not fit apb_paddr_i (%d bits)", rq->off,
                          RTL_ITS_ADDR_BITS);
      }
      rtl_apb_start(r, false, rq->off, 0, 0, 0);
      return true;
    case EXEC_RQ_MSR_WRITE:
    case EXEC_RQ_MSR_READ:
      return rtl_msr(r, rq, why, whylen);
    case EXEC_RQ_MSI:
      if (!rtl_fits(rq->devid, RTL_DEVID_BITS)) {
        return rtl_refuse(why, whylen, "DeviceID 0x%x does not fit msi_devid_i (%d bits)",
                          rq->devid, RTL_DEVID_BITS);
      }
      r->msi = RTL_DRV_PENDING;
      r->msi_devid = rq->devid;
      r->msi_eventid = rq->eventid;
      return true;
    case EXEC_RQ_TIME:
      r->now = rq->value;
      r->now_drv = RTL_DRV_PENDING;
      return true;
    case EXEC_RQ_EOI:
      if (!rtl_fits(rq->vp, r->vp_w)) {
        return rtl_refuse(why, whylen, "VP %u does not fit eoi_vp_i (VpW = %u bits)", rq->vp,
                          r->vp_w);
      }
      if (!rtl_fits(rq->vector, 8)) {
        return rtl_refuse(why, whylen, "vector 0x%x does not fit eoi_vector_i (8 bits)",
                          rq->vector);
      }
      r->eoi = RTL_DRV_PENDING;
      r->eoi_vp = rq->vp;
      r->eoi_vector = rq->vector;
      return true;
    case EXEC_RQ_RESET:
      r->rst_left = RTL_BE_RESET_CYCLES;
      return true;
    default:
      return rtl_refuse(why, whylen, "unknown request %d", (int)rq->kind);
  }
}

static bool rtl_start(void *ctx, const exec_rq_t *rq, char *why, size_t whylen) {
  rtl_be_t *r = ctx;
  bool its_rq =
      rq->kind == EXEC_RQ_REG_WRITE || rq->kind == EXEC_RQ_REG_READ || rq->kind == EXEC_RQ_MSI;
  bool st_rq = rq->kind == EXEC_RQ_MSR_WRITE || rq->kind == EXEC_RQ_MSR_READ ||
               rq->kind == EXEC_RQ_TIME || rq->kind == EXEC_RQ_EOI;
  if ((its_rq && r->its == NULL) || (st_rq && r->st == NULL)) {
    return rtl_refuse(why, whylen, "request %d is not one of this block", (int)rq->kind);
  }
  r->rsp_valid = false;
  r->rsp = (exec_rsp_t){0, false};
  if (!rtl_arm(r, rq, why, whylen)) {
    return false;
  }
  r->cur = rq->kind;
  return true;
}

static bool rtl_poll(void *ctx, exec_rsp_t *rsp) {
  rtl_be_t *r = ctx;
  bool done;
  switch (r->cur) {
    case EXEC_RQ_REG_WRITE:
    case EXEC_RQ_REG_READ:
    case EXEC_RQ_MSR_WRITE:
    case EXEC_RQ_MSR_READ:
      done = r->rsp_valid || r->apb_done;
      if (r->apb_done && !r->rsp_valid) {
        rtl_error(r, "the APB master saw its access complete, the APB monitor saw no access");
      }
      break;
    case EXEC_RQ_MSI:
      done = r->msi == RTL_DRV_IDLE;
      break;
    case EXEC_RQ_EOI:
      done = r->eoi == RTL_DRV_IDLE;
      break;
    case EXEC_RQ_TIME:
      done = r->now_drv == RTL_DRV_IDLE;
      break;
    case EXEC_RQ_RESET:
      done = r->rst_left == 0;
      break;
    default:
      done = true;
      break;
  }
  if (done) {
    *rsp = r->rsp;
    r->cur = 0;
    r->apb_done = false;
  }
  return done;
}

// Whether the model says the DUT owes work (retire records), and what.
static bool rtl_owed(const rtl_be_t *r, char *why, size_t whylen) {
  return r->its != NULL ? its_lockstep_pending(r->its, why, whylen)
                        : stimer_lockstep_pending(r->st, why, whylen);
}

static bool rtl_idle(void *ctx) {
  const rtl_be_t *r = ctx;
  if (!r->started || r->cur != 0 || r->rst_left != 0 || r->apb != RTL_APB_IDLE ||
      r->msi != RTL_DRV_IDLE || r->eoi != RTL_DRV_IDLE || r->now_drv != RTL_DRV_IDLE ||
      r->dut_busy || tb_slave_outstanding(r->slave) != 0) {
    return false;
  }
  return !rtl_owed(r, NULL, 0);
}

static its_t *rtl_model_its(void *ctx) {
  const rtl_be_t *r = ctx;
  return r->its != NULL ? its_lockstep_model(r->its) : NULL;
}

static stimer_t *rtl_model_stimer(void *ctx) {
  const rtl_be_t *r = ctx;
  return r->st != NULL ? stimer_lockstep_model(r->st) : NULL;
}

exec_backend_t rtl_be_backend(rtl_be_t *r) {
  exec_backend_t be;
  memset(&be, 0, sizeof(be));
  be.ctx = r;
  be.start = rtl_start;
  be.poll = rtl_poll;
  be.idle = rtl_idle;
  be.its = rtl_model_its;
  be.stimer = rtl_model_stimer;
  be.images[0] = r->model_mem;
  be.images[1] = r->dut_mem;
  be.n_images = 2;
  return be;
}

// ---- Drivers ----

// busy_o against the model: the block says it is idle while the model says it owes work
// (a stale Stalled bit, a lost CWRITER write, a dropped MSI or pass) is a divergence, found
// here at once instead of by the watchdog.
static void rtl_check_busy(rtl_be_t *r) {
  if (!r->started || r->rst_left != 0 || r->dut_busy || !rtl_owed(r, NULL, 0)) {
    r->idle_owed = 0;
    return;
  }
  if (++r->idle_owed == LS_BUSY_LATENCY) {
    char why[300];
    char detail[400];
    rtl_owed(r, why, sizeof(why));
    snprintf(detail, sizeof(detail), "model: %s", why);
    ls_field_t f[] = {{"busy_o", 1, 0}};
    char what[100];
    snprintf(what, sizeof(what), "busy_o has been 0 for %d cycles, but the model owes work",
             LS_BUSY_LATENCY);
    rtl_error_ex(r, what, f, 1, detail);
  }
}

// The drivers every block has: reset, APB master, memory slave.
static void rtl_sample_common(rtl_be_t *r, bool pready, const tb_slave_in_t *mem, bool busy) {
  r->dut_busy = busy;
  tb_beat_t beat;  // the checker takes write beats from the memory monitor instead
  tb_slave_edge(r->slave, mem, &r->mem_out, &beat);
  const char *perr = tb_slave_error(r->slave);
  if (perr != NULL && !r->slave_err_reported) {
    rtl_error(r, perr);
    r->slave_err_reported = true;
  }
  if (r->rst_left > 0 && --r->rst_left == 0) {
    r->started = true;
  }
  rtl_check_busy(r);
  if (r->apb == RTL_APB_ACCESS && pready) {
    r->apb = RTL_APB_IDLE;
    r->apb_done = true;
  } else if (r->apb == RTL_APB_SETUP) {
    r->apb = RTL_APB_ACCESS;  // the setup phase lasts one cycle
  }
}

static void rtl_drv_sample(rtl_drv_t *d, bool ready) {
  if (*d == RTL_DRV_DRIVEN && ready) {
    *d = RTL_DRV_IDLE;
  }
}

static void rtl_drv_drive(rtl_drv_t *d) {
  if (*d == RTL_DRV_PENDING) {
    *d = RTL_DRV_DRIVEN;
  }
}

void rtl_its_sample(rtl_be_t *r, const rtl_its_in_t *in) {
  rtl_sample_common(r, in->pready, &in->mem, in->busy);
  rtl_drv_sample(&r->msi, in->msi_ready);
}

void rtl_st_sample(rtl_be_t *r, const rtl_st_in_t *in) {
  rtl_sample_common(r, in->pready, &in->mem, in->busy);
  rtl_drv_sample(&r->eoi, in->eoi_ready);
  rtl_drv_sample(&r->now_drv, true);  // a value on the pins for one edge has been seen
}

static void rtl_apb_drive(rtl_be_t *r, bool *psel, bool *penable, bool *pwrite, uint32_t *paddr,
                          uint64_t *pwdata, uint8_t *pstrb) {
  if (r->apb == RTL_APB_PENDING) {
    r->apb = RTL_APB_SETUP;
  }
  bool on = r->apb == RTL_APB_SETUP || r->apb == RTL_APB_ACCESS;
  *psel = on;
  *penable = r->apb == RTL_APB_ACCESS;
  *pwrite = on && r->pwrite;
  *paddr = on ? r->paddr : 0;
  *pwdata = on ? r->pwdata : 0;
  *pstrb = on ? r->pstrb : 0;
}

bool rtl_its_pins(rtl_be_t *r, rtl_its_pins_t *out) {
  out->rst_n = r->rst_left == 0;
  rtl_apb_drive(r, &out->psel, &out->penable, &out->pwrite, &out->paddr, &out->pwdata, &out->pstrb);
  out->pdevid = out->psel ? r->pdevid : 0;
  rtl_drv_drive(&r->msi);
  out->msi_valid = r->msi == RTL_DRV_DRIVEN;
  out->msi_devid = out->msi_valid ? r->msi_devid : 0;
  out->msi_eventid = out->msi_valid ? r->msi_eventid : 0;
  out->mem = r->mem_out;
  r->out_ready = !tb_rand_pct(&r->rng, r->cfg.scn.rsp_stall);
  out->rd_ready = r->out_ready;
  const rtl_its_pins_t *p = &r->its_pins;
  bool changed = !r->pins_given || out->psel != p->psel || out->penable != p->penable ||
                 out->pwrite != p->pwrite || out->paddr != p->paddr || out->pwdata != p->pwdata ||
                 out->pstrb != p->pstrb || out->pdevid != p->pdevid ||
                 out->msi_valid != p->msi_valid || out->msi_devid != p->msi_devid ||
                 out->msi_eventid != p->msi_eventid;
  if (changed) {
    r->its_pins = *out;
    r->pins_given = true;
  }
  return changed;
}

bool rtl_st_pins(rtl_be_t *r, rtl_st_pins_t *out) {
  out->rst_n = r->rst_left == 0;
  rtl_apb_drive(r, &out->psel, &out->penable, &out->pwrite, &out->paddr, &out->pwdata, &out->pstrb);
  rtl_drv_drive(&r->now_drv);
  out->now = r->now;
  rtl_drv_drive(&r->eoi);
  out->eoi_valid = r->eoi == RTL_DRV_DRIVEN;
  out->eoi_vp = out->eoi_valid ? r->eoi_vp : 0;
  out->eoi_vector = out->eoi_valid ? r->eoi_vector : 0;
  out->mem = r->mem_out;
  r->out_ready = !tb_rand_pct(&r->rng, r->cfg.scn.rsp_stall);
  out->irq_ready = r->out_ready;
  const rtl_st_pins_t *p = &r->st_pins;
  bool changed = !r->pins_given || out->psel != p->psel || out->penable != p->penable ||
                 out->pwrite != p->pwrite || out->paddr != p->paddr || out->pwdata != p->pwdata ||
                 out->pstrb != p->pstrb || out->now != p->now || out->eoi_valid != p->eoi_valid ||
                 out->eoi_vp != p->eoi_vp || out->eoi_vector != p->eoi_vector;
  if (changed) {
    r->st_pins = *out;
    r->pins_given = true;
  }
  return changed;
}

const rtl_its_pins_t *rtl_its_ctl(const rtl_be_t *r) {
  return &r->its_pins;
}

const rtl_st_pins_t *rtl_st_ctl(const rtl_be_t *r) {
  return &r->st_pins;
}

void rtl_be_tick(rtl_be_t *r) {
  r->cycle++;
}

// ---- Monitors ----

void rtl_reset_seen(rtl_be_t *r) {
  if (r->its != NULL) {
    its_lockstep_reset(r->its, r->cycle);
  } else {
    stimer_lockstep_reset(r->st, r->cycle);
  }
}

void rtl_mem_req(rtl_be_t *r, uint64_t addr, bool we, uint64_t wdata, uint8_t be) {
  r->activity = r->cycle;
  if (r->req_n >= RTL_BE_OUTSTANDING) {
    rtl_error(r, "more memory requests outstanding than the memory monitor holds");
    return;
  }
  rtl_req_t *q = &r->req[(r->req_head + r->req_n) % RTL_BE_OUTSTANDING];
  q->we = we;
  q->w = (cm_mem_write_t){addr, wdata, be, false};
  r->req_n++;
}

void rtl_mem_rsp(rtl_be_t *r, bool err) {
  r->activity = r->cycle;
  if (r->req_n == 0) {
    rtl_error(r, "a memory response with no request outstanding");
    return;
  }
  rtl_req_t q = r->req[r->req_head];
  r->req_head = (r->req_head + 1) % RTL_BE_OUTSTANDING;
  r->req_n--;
  if (!q.we) {
    return;  // reads are not compared: the RTL may read more or less than the model
  }
  q.w.fault = err;
  obs_add_write(r->cfg.log, &q.w);
  if (r->its != NULL) {
    its_lockstep_mem_write(r->its, r->cycle, &q.w);
  } else {
    stimer_lockstep_mem_write(r->st, r->cycle, &q.w);
  }
}

// The answer to the executor's register access, from the APB monitor.
static void rtl_apb_seen(rtl_be_t *r, uint64_t rdata, bool slverr) {
  r->activity = r->cycle;
  bool apb_rq = r->cur == EXEC_RQ_REG_WRITE || r->cur == EXEC_RQ_REG_READ ||
                r->cur == EXEC_RQ_MSR_WRITE || r->cur == EXEC_RQ_MSR_READ;
  if (!apb_rq || r->rsp_valid) {
    rtl_error(r, "the APB monitor saw an access the APB master did not make");
    return;
  }
  r->rsp = (exec_rsp_t){rdata, slverr};
  r->rsp_valid = true;
}

void rtl_its_apb(rtl_be_t *r, const its_ls_access_t *a) {
  its_lockstep_reg(r->its, r->cycle, a);
  rtl_apb_seen(r, a->rdata, a->slverr);
}

void rtl_its_msi(rtl_be_t *r, uint32_t devid, uint32_t eventid) {
  r->activity = r->cycle;
  its_lockstep_msi(r->its, r->cycle, devid, eventid);
}

void rtl_its_rd(rtl_be_t *r, const its_rd_event_t *ev) {
  r->activity = r->cycle;
  uint64_t a[SCN_NA] = {ev->kind, ev->rd, ev->rd2, ev->intid, 0, 0, 0, 0};
  obs_add(r->cfg.log, SCN_OBS_RD, a);
  its_lockstep_rd(r->its, r->cycle, ev);
}

void rtl_its_retire(rtl_be_t *r, const its_retire_t *rt) {
  r->activity = r->cycle;
  uint64_t a[SCN_NA] = {rt->kind,  rt->opcode,  rt->outcome, rt->error,
                        rt->devid, rt->eventid, rt->offset,  0};  // a[7]: obs_add
  obs_add(r->cfg.log, SCN_OBS_RETIRE, a);
  its_lockstep_retire(r->its, r->cycle, rt);
}

void rtl_st_apb(rtl_be_t *r, const stimer_ls_access_t *a) {
  stimer_lockstep_reg(r->st, r->cycle, a);
  rtl_apb_seen(r, a->rdata, a->slverr);
}

void rtl_st_now(rtl_be_t *r, uint64_t now) {
  stimer_lockstep_now(r->st, r->cycle, now);
}

void rtl_st_eoi(rtl_be_t *r, uint32_t vp, uint32_t vector) {
  r->activity = r->cycle;
  stimer_lockstep_eoi(r->st, r->cycle, vp, vector);
}

void rtl_st_irq(rtl_be_t *r, const stimer_irq_t *irq) {
  r->activity = r->cycle;
  uint64_t a[SCN_NA] = {irq->vp, irq->vector, irq->auto_eoi, 0, 0, 0, 0, 0};
  obs_add(r->cfg.log, SCN_OBS_IRQ, a);
  stimer_lockstep_irq(r->st, r->cycle, irq);
}

void rtl_st_retire(rtl_be_t *r, const stimer_retire_t *rt) {
  r->activity = r->cycle;
  if (rt->kind == STIMER_RT_ATTEMPT) {
    uint64_t a[SCN_NA] = {rt->vp, rt->timer, rt->outcome, rt->now, 0, 0, 0, 0};  // a[4]: obs_add
    obs_add(r->cfg.log, SCN_OBS_ATTEMPT, a);
  } else {
    obs_pass_start(r->cfg.log);
  }
  stimer_lockstep_retire(r->st, r->cycle, rt);
}

// ---- For the harness ----

uint64_t rtl_be_cycle(const rtl_be_t *r) {
  return r->cycle;
}

uint64_t rtl_be_last_activity(const rtl_be_t *r) {
  return r->activity;
}

bool rtl_be_dut_busy(const rtl_be_t *r) {
  return r->dut_busy;
}

bool rtl_be_started(const rtl_be_t *r) {
  return r->started;
}

its_lockstep_t *rtl_be_its(const rtl_be_t *r) {
  return r->its;
}

stimer_lockstep_t *rtl_be_stimer(const rtl_be_t *r) {
  return r->st;
}

const tb_mem_t *rtl_be_dut_mem(const rtl_be_t *r) {
  return r->dut_mem;
}

uint64_t rtl_be_mem_bytes(const rtl_be_t *r) {
  return tb_mem_bytes(r->dut_mem) + tb_mem_bytes(r->model_mem);
}

tb_mem_t *rtl_be_model_mem(rtl_be_t *r) {
  return r->model_mem;
}

ls_errors_t *rtl_be_errors(rtl_be_t *r) {
  return &r->err;
}

// SPDX-License-Identifier: Apache-2.0
// Benchmark of the stimer model: 64 VPs x 4 periodic timers serviced by a guest-like ISR.
//
// Set-up per VP: SCONTROL.Enable=1 and its own SIM page. Timers 0..2 are message-mode periodic
// timers on SINT 1 (vector 0xF1, the ISR writes an APIC EOI), SINT 2 (vector 0xF2, AutoEOI,
// so only EOM acknowledges) and SINT 3 (vector 0xF5, EOI); timer 3 is a direct-mode periodic
// timer (vector 0xF3, no SIM access). Periods differ per timer and VP so expiries spread over
// the passes. The reference time advances by a fixed step per pass.
//
// After each pass the bench plays the guest, as the kvm-unit-tests ISR does: for each
// interrupt it scans the VP's SIM slots, clears message_type of every filled slot, writes EOM
// when the slot's msg_pending flag is set, and sends the APIC EOI unless the SINT is AutoEOI.
// So every expiry finds its slot free and is delivered. The ISR's own work is included in the
// time: it is the load the model sees in a lockstep run.
//
// `bench_stimer --expiries-only P` runs P passes through bench_measured_advance() and prints
// only the number of attempts the model made; scripts/bench.sh counts the instructions inside
// that function with callgrind (--toggle-collect=bench_measured_advance) and divides: the
// instructions per timer expiry (the pass scan, the SIM reads and writes, the events; the
// guest ISR, the bench's own work, is left out).
//
// A benchmark prints figures; it never passes or fails on time.
#define _POSIX_C_SOURCE 199309L  // clock_gettime under -std=c11

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "stimer.h"

#define BENCH_NUM_VP 64u
#define BENCH_PAGE 4096u
#define BENCH_SIM_BASE 0x100000ull
#define BENCH_PASSES 400000u
#define BENCH_TIME_STEP 10u  // reference-time units (100 ns) per pass
#define BENCH_DIRECT_VECTOR 0xF3u

typedef struct {
  uint8_t *bytes;  // BENCH_NUM_VP SIM pages from BENCH_SIM_BASE
  uint64_t write_beats;
} bench_mem_t;

typedef struct {
  uint64_t delivered;  // DELIVERED, NO_IRQ and DIRECT attempts
  uint64_t lost;       // every other outcome (should stay 0 with this guest)
  uint64_t passes;
} bench_counts_t;

static uint8_t *bench_mem_at(bench_mem_t *m, uint64_t addr) {
  if (addr < BENCH_SIM_BASE || addr + 8 > BENCH_SIM_BASE + (uint64_t)BENCH_NUM_VP * BENCH_PAGE) {
    return NULL;
  }
  return m->bytes + (addr - BENCH_SIM_BASE);
}

// Whole-beat accesses (little-endian host): one 8-byte load, or a merge under the enables.
static bool bench_read64(void *ctx, uint64_t addr, uint64_t *data) {
  uint8_t *p = bench_mem_at(ctx, addr);
  *data = 0;
  if (p == NULL) {
    return false;
  }
  memcpy(data, p, 8);
  return true;
}

static bool bench_write64(void *ctx, uint64_t addr, uint64_t data, uint8_t be) {
  bench_mem_t *m = ctx;
  uint8_t *p = bench_mem_at(m, addr);
  m->write_beats++;
  if (p == NULL) {
    return false;
  }
  uint64_t mask = cm_be_mask(be);
  uint64_t old;
  memcpy(&old, p, 8);
  old = (old & ~mask) | (data & mask);
  memcpy(p, &old, 8);
  return true;
}

static uint64_t bench_page(uint32_t vp) {
  return BENCH_SIM_BASE + (uint64_t)vp * BENCH_PAGE;
}

static bool bench_setup_vp(stimer_t *st, uint32_t vp) {
  static const uint64_t sints[4] = {0, 0xF1, 0xF2 | STIMER_SINT_AUTO_EOI, 0xF5};
  bool ok = stimer_msr_write(st, vp, STIMER_MSR_SCONTROL, 1) == STIMER_OK;
  ok = ok && stimer_msr_write(st, vp, STIMER_MSR_SIMP, bench_page(vp) | 1) == STIMER_OK;
  for (unsigned s = 1; s < 4; s++) {
    ok = ok && stimer_msr_write(st, vp, STIMER_MSR_SINT(s), sints[s]) == STIMER_OK;
  }
  for (unsigned n = 0; n < STIMER_NUM_TIMERS; n++) {
    uint64_t period = 97u + 13u * n + vp;
    uint64_t cfg = STIMER_CFG_ENABLE | STIMER_CFG_PERIODIC;
    cfg |= n == 3 ? STIMER_CFG_DIRECT | STIMER_CFG_APIC_VECTOR(BENCH_DIRECT_VECTOR)
                  : STIMER_CFG_SINTX(n + 1);
    // Without AutoEnable: COUNT first, then CONFIG (spec section 3, kvm-unit-tests order).
    ok = ok && stimer_msr_write(st, vp, STIMER_MSR_COUNT(n), period) == STIMER_OK;
    ok = ok && stimer_msr_write(st, vp, STIMER_MSR_CONFIG(n), cfg) == STIMER_OK;
  }
  return ok;
}

// The guest ISR for a message-mode interrupt on `vp`: consume every filled slot.
static void bench_guest_isr(stimer_t *st, bench_mem_t *m, const stimer_irq_t *irq) {
  if (irq->vector == BENCH_DIRECT_VECTOR) {
    stimer_eoi(st, irq->vp, irq->vector);
    return;
  }
  for (unsigned s = 1; s < 4; s++) {
    uint8_t *slot = bench_mem_at(m, bench_page(irq->vp) + (uint64_t)s * STIMER_SLOT_BYTES);
    if (slot[0] == 0 && slot[1] == 0 && slot[2] == 0 && slot[3] == 0) {
      continue;
    }
    memset(slot, 0, 4);  // message_type := HVMSG_NONE
    if (slot[5] & 1u) {
      stimer_msr_write(st, irq->vp, STIMER_MSR_EOM, 0);
    }
  }
  if (!irq->auto_eoi) {
    stimer_eoi(st, irq->vp, irq->vector);
  }
}

static void bench_drain(stimer_t *st, bench_mem_t *m, bench_counts_t *c) {
  stimer_event_t ev;
  while (stimer_pop_event(st, &ev)) {
    if (ev.kind == STIMER_EV_IRQ) {
      bench_guest_isr(st, m, &ev.u.irq);
    } else if (ev.kind == STIMER_EV_RETIRE) {
      stimer_outcome_t o = ev.u.retire.outcome;
      if (o == STIMER_OUT_DELIVERED || o == STIMER_OUT_NO_IRQ || o == STIMER_OUT_DIRECT) {
        c->delivered++;
      } else {
        c->lost++;
      }
    }
  }
}

// The pass callgrind counts in --expiries-only mode (a separate symbol, never inlined).
size_t bench_measured_advance(stimer_t *st, uint64_t now);
__attribute__((noinline)) size_t bench_measured_advance(stimer_t *st, uint64_t now) {
  return stimer_advance(st, now);
}

static double bench_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int main(int argc, char **argv) {
  bool expiries_only = argc == 3 && strcmp(argv[1], "--expiries-only") == 0;
  uint64_t passes = expiries_only ? strtoull(argv[2], NULL, 0) : BENCH_PASSES;
  bench_mem_t mem = {calloc(BENCH_NUM_VP, BENCH_PAGE), 0};
  cm_mem_ops_t ops = {&mem, bench_read64, bench_write64};
  stimer_config_t cfg = stimer_default_config(BENCH_NUM_VP);
  stimer_t *st = NULL;
  if (mem.bytes == NULL || stimer_create(&cfg, &ops, &st) != STIMER_OK) {
    fprintf(stderr, "bench_stimer: set-up failed\n");
    return 1;
  }
  bool ok = true;
  for (uint32_t vp = 0; vp < BENCH_NUM_VP; vp++) {
    ok = ok && bench_setup_vp(st, vp);
  }
  bench_counts_t c = {0, 0, 0};
  bench_drain(st, &mem, &c);  // the SIMP zeroing beats
  mem.write_beats = 0;

  uint64_t attempts = 0;
  double t0 = bench_seconds();
  for (uint64_t i = 1; i <= passes; i++) {
    attempts += bench_measured_advance(st, i * BENCH_TIME_STEP);
    bench_drain(st, &mem, &c);
    c.passes++;
  }
  double dt = bench_seconds() - t0;
  if (expiries_only) {
    printf("%llu\n", (unsigned long long)attempts);
    stimer_destroy(st);
    free(mem.bytes);
    return ok && c.lost == 0 ? 0 : 1;
  }

  printf("stimer model: timer expiries delivered per second (64 VPs x 4 periodic timers): %.0f\n",
         (double)c.delivered / dt);
  printf("stimer model: passes per second (64 VPs x 4 periodic timers): %.0f\n",
         (double)c.passes / dt);
  printf("stimer model: SIM write beats per second (64 VPs x 4 periodic timers): %.0f\n",
         (double)mem.write_beats / dt);
  if (!ok || c.lost != 0) {
    fprintf(stderr, "bench_stimer: unexpected set-up failure or %llu undelivered attempts\n",
            (unsigned long long)c.lost);
    ok = false;
  }
  stimer_destroy(st);
  free(mem.bytes);
  return ok ? 0 : 1;
}

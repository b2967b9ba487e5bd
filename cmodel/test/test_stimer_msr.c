// SPDX-License-Identifier: Apache-2.0
// stimer MSR rules: reset values, access rules, #GP cases, feature gating, API misuse
// (spec/stimer.md sections 1-3, docs/interfaces.md section 1.2, docs/impdef.md IMPDEF-ST-1/3/6).
#include <string.h>

#include "test_stimer_util.h"

// Every MSR of one VP holds its reset value (spec sections 1-3 tables).
static void msr_check_reset(ts_fx_t *fx, uint32_t vp) {
  ASSERT_MSR(fx, vp, STIMER_MSR_TIME_REF_COUNT, 0);
  ASSERT_MSR(fx, vp, STIMER_MSR_SCONTROL, 0);
  ASSERT_MSR(fx, vp, STIMER_MSR_SVERSION, 1);
  ASSERT_MSR(fx, vp, STIMER_MSR_SIEFP, 0);
  ASSERT_MSR(fx, vp, STIMER_MSR_SIMP, 0);
  ASSERT_MSR(fx, vp, STIMER_MSR_EOM, 0);
  for (uint32_t n = 0; n < STIMER_NUM_SINTS; n++) {
    ASSERT_MSR(fx, vp, STIMER_MSR_SINT(n), STIMER_SINT_RESET);
  }
  for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
    ASSERT_MSR(fx, vp, STIMER_MSR_CONFIG(n), 0);
    ASSERT_MSR(fx, vp, STIMER_MSR_COUNT(n), 0);
  }
}

void test_stimer_msr_reset_values(void) {
  ts_fx_t fx = ts_fx_new(3);
  for (uint32_t vp = 0; vp < 3; vp++) {
    msr_check_reset(&fx, vp);
  }
  // Creation issues no memory traffic and no events (IMPDEF-ST-3).
  ASSERT_EQ(test_mem_writes(fx.mem), 0);
  ASSERT_EQ(test_mem_reads(fx.mem), 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_reset_api(void) {
  ts_fx_t fx = ts_fx_new(2);
  SYNIC_ON(&fx, 1);
  SINT_SET(&fx, 1, 4, 0x40, 0);
  MSR_WRITE(&fx, 1, STIMER_MSR_SIEFP, 0x5001);
  SET_NOW(&fx, 500);
  TIMER_START(&fx, 1, 2, TS_CFG_MSG(true, 4), 100);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(3), 77);
  ADVANCE(&fx, 600, 1);  // leaves events queued
  ASSERT_NE(stimer_event_count(fx.st), 0);
  size_t writes = test_mem_writes(fx.mem);

  stimer_reset(fx.st);
  EXPECT_NO_EVENT(&fx);  // queued events dropped
  for (uint32_t vp = 0; vp < 2; vp++) {
    msr_check_reset(&fx, vp);  // includes TIME_REF_COUNT = 0
  }
  ASSERT_EQ(test_mem_writes(fx.mem), writes);  // reset itself issues no writes (IMPDEF-ST-3)
  // Time is back at 0, so a smaller `now` than before the reset is accepted.
  SET_NOW(&fx, 10);
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 10);
  // The timer armed before the reset is gone.
  ADVANCE(&fx, 100000, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_scontrol_rw(void) {
  ts_fx_t fx = ts_fx_new(1);
  // bit0 Enable, 63:1 preserved: the whole value reads back.
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 0xFFFFFFFFFFFFFFFFull);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SCONTROL, 0xFFFFFFFFFFFFFFFFull);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 0xA5A5A5A5A5A5A5A4ull);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SCONTROL, 0xA5A5A5A5A5A5A5A4ull);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SCONTROL, 1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 0);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SCONTROL, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

// docs/interfaces.md section 1.2: every MSR is 64 bits, writes must be 64-bit; a narrower write
// is a #GP and changes nothing (IMPDEF-ST-1). A 64-bit write through the sized call is stored.
void test_stimer_msr_write_width_gp(void) {
  ts_fx_t fx = ts_fx_new(1);
  const unsigned sizes[] = {0, 1, 2, 4, 7, 16};
  for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
    ASSERT_EQ(stimer_msr_write_sized(fx.st, 0, STIMER_MSR_SCONTROL, 1, sizes[i]), STIMER_GP);
    ASSERT_MSR(&fx, 0, STIMER_MSR_SCONTROL, 0);
  }
  ASSERT_EQ(stimer_msr_write_sized(fx.st, 0, STIMER_MSR_SCONTROL, 1, 8), STIMER_OK);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SCONTROL, 1);
  ASSERT_EQ(stimer_msr_write_sized(NULL, 0, STIMER_MSR_SCONTROL, 1, 8), STIMER_ERR_BAD_ARG);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_sversion_write_gp(void) {
  ts_fx_t fx = ts_fx_new(1);
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_SVERSION, 0);
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_SVERSION, 1);  // even the value it holds
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_SVERSION, 0xFFFFFFFFFFFFFFFFull);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SVERSION, STIMER_SVERSION_VALUE);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_siefp_stored_only(void) {
  ts_fx_t fx = ts_fx_new(1);
  test_mem_write(fx.mem, 0x200000, 0x1122334455667788ull, 8);
  // Enable=1 with preserved bits 11:1: stored and read back; SIEFP zeroes nothing (IMPDEF-ST-3).
  MSR_WRITE(&fx, 0, STIMER_MSR_SIEFP, 0x200000ull | 0xFFE | 1);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SIEFP, 0x200000ull | 0xFFE | 1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SIEFP, 0xFFFFFFFFFFFFF000ull);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SIEFP, 0xFFFFFFFFFFFFF000ull);
  ASSERT_EQ(test_mem_writes(fx.mem), 0);
  ASSERT_EQ(test_mem_read(fx.mem, 0x200000, 8), 0x1122334455667788ull);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_simp_off_no_zeroing(void) {
  ts_fx_t fx = ts_fx_new(1);
  test_mem_write(fx.mem, TS_SIMP_BASE(0) + 0x100, 0xABCDull, 8);
  // Enable=0: stored (bits 11:1 preserved), no memory access.
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0) | 0xFFE);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0) | 0xFFE);
  ASSERT_EQ(test_mem_writes(fx.mem), 0);
  ASSERT_EQ(test_mem_read(fx.mem, TS_SIMP_BASE(0) + 0x100, 8), 0xABCDull);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_simp_enable_zeroes_page(void) {
  ts_fx_t fx = ts_fx_new(1);
  uint64_t base = TS_SIMP_BASE(0);
  for (uint64_t off = 0; off < 4096; off += 8) {
    test_mem_write(fx.mem, base + off, 0x0101010101010101ull * ((off >> 3) | 1), 8);
  }
  test_mem_write(fx.mem, base - 8, 0x1111111111111111ull, 8);
  test_mem_write(fx.mem, base + 4096, 0x2222222222222222ull, 8);
  // Preserved bits 11:1 must not move the page (page GPA = bits 63:12).
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, base | 0xFFE | 1);
  for (unsigned i = 0; i < 512; i++) {
    EXPECT_MEM_WRITE(&fx, base + 8ull * i, 0, 0xFF);  // ascending, be = FF
  }
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_writes(fx.mem), 512);
  ASSERT_TRUE(ts_page_is_zero(&fx, 0));
  ASSERT_EQ(test_mem_read(fx.mem, base - 8, 8), 0x1111111111111111ull);
  ASSERT_EQ(test_mem_read(fx.mem, base + 4096, 8), 0x2222222222222222ull);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SIMP, base | 0xFFE | 1);
  ts_fx_free(&fx);
}

void test_stimer_msr_simp_rewrite_zeroes_again(void) {
  ts_fx_t fx = ts_fx_new(1);
  SYNIC_ON(&fx, 0);
  test_mem_write(fx.mem, TS_SLOT(0, 5) + 0x18, 0x99, 8);
  // Every guest write with Enable=1 zeroes the page, also when it was enabled already (KVM).
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, TS_SIMP_BASE(0) | 1);
  for (unsigned i = 0; i < 512; i++) {
    EXPECT_MEM_WRITE(&fx, TS_SIMP_BASE(0) + 8ull * i, 0, 0xFF);
  }
  EXPECT_NO_EVENT(&fx);
  ASSERT_TRUE(ts_page_is_zero(&fx, 0));
  // Moving the page zeroes the new page.
  uint64_t other = 0x7000000ull;
  test_mem_write(fx.mem, other + 0xFF8, 0x77, 8);
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, other | 1);
  for (unsigned i = 0; i < 512; i++) {
    EXPECT_MEM_WRITE(&fx, other + 8ull * i, 0, 0xFF);
  }
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_read(fx.mem, other + 0xFF8, 8), 0);
  ts_fx_free(&fx);
}

void test_stimer_msr_simp_zero_fault_ignored(void) {
  ts_fx_t fx = ts_fx_new(1);
  uint64_t base = TS_SIMP_BASE(0);
  test_mem_write(fx.mem, base + 0x7F8, 0x55, 8);
  test_mem_write(fx.mem, base + 0x810, 0x66, 8);
  test_mem_add_fault(fx.mem, base + 0x800, base + 0x810);
  // IMPDEF-ST-2: faults during SIMP zeroing are ignored; every beat is still issued.
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, base | 1);
  for (unsigned i = 0; i < 512; i++) {
    uint64_t a = base + 8ull * i;
    EXPECT_MEM_WRITE_FAULT(&fx, a, 0, 0xFF, a >= base + 0x800 && a < base + 0x810);
  }
  EXPECT_NO_EVENT(&fx);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SIMP, base | 1);
  ASSERT_EQ(test_mem_read(fx.mem, base + 0x7F8, 8), 0);
  ASSERT_EQ(test_mem_read(fx.mem, base + 0x810, 8), 0);
  ts_fx_free(&fx);
}

// stimer_set_zero_page: the memory clears the page in one call; the events are those of the 512
// beats (spec section 2), also with a faulting beat, which the call reports (IMPDEF-ST-2).
void test_stimer_msr_simp_zero_page_call(void) {
  ts_fx_t fx = ts_fx_new(1);
  ASSERT_EQ(stimer_set_zero_page(NULL, test_mem_zero_page), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_set_zero_page(fx.st, test_mem_zero_page), STIMER_OK);
  uint64_t base = TS_SIMP_BASE(0);
  test_mem_write(fx.mem, base, 0x11, 8);
  test_mem_write(fx.mem, base + 0xFF8, 0x22, 8);
  size_t writes = test_mem_writes(fx.mem);
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, base | 1);
  for (unsigned i = 0; i < 512; i++) {
    EXPECT_MEM_WRITE_FAULT(&fx, base + 8ull * i, 0, 0xFF, false);
  }
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_zero_pages(fx.mem), 1);
  ASSERT_EQ(test_mem_writes(fx.mem), writes);  // no beat through write64
  ASSERT_TRUE(ts_page_is_zero(&fx, 0));
  // A fault range in the page: the call clears the other beats and reports the faulting ones,
  // which keep their data (no beat through write64 either).
  test_mem_write(fx.mem, base + 0x7F8, 0x55, 8);
  test_mem_write(fx.mem, base + 0x810, 0x66, 8);
  test_mem_add_fault(fx.mem, base + 0x800, base + 0x810);
  test_mem_write(fx.mem, base + 0x800, 0x77, 8);
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, base | 1);
  for (unsigned i = 0; i < 512; i++) {
    uint64_t a = base + 8ull * i;
    EXPECT_MEM_WRITE_FAULT(&fx, a, 0, 0xFF, a >= base + 0x800 && a < base + 0x810);
  }
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_zero_pages(fx.mem), 2);
  ASSERT_EQ(test_mem_writes(fx.mem), writes);
  ASSERT_EQ(test_mem_read(fx.mem, base + 0x7F8, 8), 0);
  ASSERT_EQ(test_mem_read(fx.mem, base + 0x800, 8), 0x77);  // the faulting beat wrote nothing
  ASSERT_EQ(test_mem_read(fx.mem, base + 0x810, 8), 0);
  // A SIMP write with Enable=0 zeroes nothing, with or without the call.
  test_mem_clear_faults(fx.mem);
  test_mem_write(fx.mem, base + 0x100, 0x99, 8);
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, base);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_read(fx.mem, base + 0x100, 8), 0x99);
  ASSERT_EQ(test_mem_zero_pages(fx.mem), 2);
  ts_fx_free(&fx);
}

// The zeroing of one page by the three paths of the model: the beats one by one through write64
// (0), the page-clearing call (1), and the call with the events as zero runs (2).
#define TS_ZERO_PATHS 3

// Pops every event of `fx` into `out` as write beats (a zero run expanded to its beats); returns
// how many (at most `cap`; any other kind of event fails the test).
static size_t ts_zero_beats(ts_fx_t *fx, cm_mem_write_t *out, size_t cap) {
  size_t n = 0;
  stimer_event_t ev;
  while (stimer_pop_event(fx->st, &ev)) {
    if (ev.kind == STIMER_EV_MEM_WRITE) {
      ASSERT_TRUE(n < cap);
      out[n++] = ev.u.mem;
      continue;
    }
    ASSERT_EQ(ev.kind, STIMER_EV_MEM_ZERO);
    ASSERT_TRUE(ev.u.zero.beats >= 1 && n + ev.u.zero.beats <= cap);
    for (uint32_t i = 0; i < ev.u.zero.beats; i++) {
      out[n++] = (cm_mem_write_t){ev.u.zero.addr + 8ull * i, 0, 0xFF, ev.u.zero.fault};
    }
  }
  return n;
}

// Fault ranges of every shape on the page being zeroed (aligned and not, partial, overlapping,
// empty, read-only, write-only, the whole page, the top page of the address space): the three
// paths issue the same 512 beats with the same faults and leave the same memory, with the page
// absent before (created unless every beat faults) and present. The runs are as few as the
// faults allow: one for a page without a faulting beat.
void test_stimer_msr_simp_zero_paths_agree(void) {
  typedef struct {
    uint64_t page;
    uint64_t lo[3], hi[3];  // offsets from page (wrapping); lo == hi: no range
    tb_fault_kind_t kind[3];
    unsigned runs;  // zero runs the faults split the page into
  } shape_t;
  const uint64_t b = TS_SIMP_BASE(0);
  const uint64_t top = 0xFFFFFFFFFFFFF000ull;
  const tb_fault_kind_t rw = TB_FAULT_RW;
  const tb_fault_kind_t wr = TB_FAULT_WRITE;
  const tb_fault_kind_t rd = TB_FAULT_READ;
  const shape_t fixed[] = {
      {b, {0}, {0}, {rw}, 1},
      {b, {0x800}, {0x810}, {rw}, 3},
      {b, {0x801}, {0x809}, {rw}, 3},        // unaligned: only the beat at 0x808
      {b, {0x801}, {0x805}, {rw}, 1},        // no beat address inside
      {b, {-0x1000ull}, {0x1000}, {rw}, 1},  // the whole page and more: all fault
      {b, {0}, {0x1000}, {rd}, 1},           // read-only: writes pass
      {b, {0xFF8}, {0x2000}, {wr}, 2},       // write-only: the last beat
      {b, {0, 0x80, 0x400}, {0x100, 0x200, 0x401}, {rw, wr, rw}, 4},  // overlapping
      {b, {0x900}, {0x100}, {rw}, 1},                                 // hi below lo: empty
      {top, {0}, {0x1000}, {rw}, 1},                                  // hi wraps to 0: empty
      {top, {0x800}, {0xFFF}, {wr}, 2},             // up to the last byte of memory
      {b, {0x8, 0x10}, {0x10, 0x18}, {rw, rd}, 3},  // adjacent, the second read-only
      // The page's 512 beats are 8 words of 64 fault bits (cm_mem.h): runs that start or end
      // at each side of a word boundary.
      {b, {0x3F8}, {0x400}, {rw}, 3},                    // beat 127 alone: the last of word 1
      {b, {0x200}, {0x208}, {rw}, 3},                    // beat 64 alone: the first of word 1
      {b, {0x1F8}, {0x208}, {rw}, 3},                    // beats 63 and 64, across the boundary
      {b, {0xE00}, {0x1000}, {wr}, 2},                   // the whole last word
      {b, {0x5F8, 0xBF8}, {0x600, 0xC00}, {rw, rw}, 5},  // beats 191 and 383
  };
  // At the first beat of every word w (beat 64w): that beat alone faults after a run of good
  // beats, and that beat alone is good inside faulted ones (the mirror). The runs are exactly
  // [0, 64w), [64w, 64w + 1), [64w + 1, 512) (no first run for w = 0).
  enum { N_FIXED = sizeof(fixed) / sizeof(fixed[0]) };
  shape_t shapes[N_FIXED + 2 * CM_PAGE_BEAT_WORDS];
  size_t n_shapes = 0;
  for (size_t i = 0; i < N_FIXED; i++) {
    shapes[n_shapes++] = fixed[i];
  }
  for (unsigned w = 0; w < CM_PAGE_BEAT_WORDS; w++) {
    uint64_t at = 8ull * 64 * w;  // the offset of beat 64w
    unsigned runs = w == 0 ? 2 : 3;
    shapes[n_shapes++] = (shape_t){b, {at}, {at + 8}, {rw}, runs};
    shapes[n_shapes++] = (shape_t){b, {0, at + 8}, {at, 0x1000}, {rw, rw}, runs};
  }
  for (size_t si = 0; si < n_shapes; si++) {
    const shape_t *sh = &shapes[si];
    for (int present = 0; present < 2; present++) {
      cm_mem_write_t beats[TS_ZERO_PATHS][520];
      size_t n[TS_ZERO_PATHS];
      size_t events[TS_ZERO_PATHS];
      ts_fx_t fx[TS_ZERO_PATHS];
      for (int p = 0; p < TS_ZERO_PATHS; p++) {
        fx[p] = ts_fx_new(1);
        if (p > 0) {
          ASSERT_EQ(stimer_set_zero_page(fx[p].st, test_mem_zero_page), STIMER_OK);
        }
        ASSERT_EQ(stimer_set_zero_runs(fx[p].st, p == 2), STIMER_OK);
        if (present) {
          for (unsigned k = 0; k < 512; k += 3) {
            test_mem_write(fx[p].mem, sh->page + 8ull * k, 0x0101010101010101ull * (k | 1), 8);
          }
        }
        for (int r = 0; r < 3; r++) {
          if (sh->lo[r] != sh->hi[r]) {
            test_mem_add_fault_kind(fx[p].mem, sh->page + sh->lo[r], sh->page + sh->hi[r],
                                    sh->kind[r]);
          }
        }
        MSR_WRITE(&fx[p], 0, STIMER_MSR_SIMP, sh->page | 1);
        events[p] = stimer_event_count(fx[p].st);
        n[p] = ts_zero_beats(&fx[p], beats[p], 520);
        ASSERT_EQ(n[p], 512);
      }
      ASSERT_EQ(events[0], 512);
      ASSERT_EQ(events[1], 512);
      ASSERT_EQ(events[2], sh->runs);
      ASSERT_EQ(test_mem_zero_pages(fx[0].mem), 0);
      for (int p = 1; p < TS_ZERO_PATHS; p++) {
        ASSERT_EQ(test_mem_zero_pages(fx[p].mem), 1);
        ASSERT_EQ(test_mem_writes(fx[p].mem), 0);  // no beat through write64
        ASSERT_EQ(test_mem_bytes(fx[p].mem), test_mem_bytes(fx[0].mem));
        for (unsigned k = 0; k < 512; k++) {
          ASSERT_EQ(beats[p][k].addr, beats[0][k].addr);
          ASSERT_EQ(beats[p][k].data, beats[0][k].data);
          ASSERT_EQ(beats[p][k].be, beats[0][k].be);
          ASSERT_EQ(beats[p][k].fault, beats[0][k].fault);
          uint64_t a = sh->page + 8ull * k;
          ASSERT_EQ(test_mem_read(fx[p].mem, a, 8), test_mem_read(fx[0].mem, a, 8));
        }
      }
      for (int p = 0; p < TS_ZERO_PATHS; p++) {
        ts_fx_free(&fx[p]);
      }
    }
  }
}

// Drains by runs (stimer_event_run / stimer_drop_events) until empty; checks that the events are
// the write beats of `n` pages in order (page p at bases[p]) and returns the longest run seen.
static size_t ts_drain_runs(ts_fx_t *fx, const uint64_t *bases, unsigned n, size_t skip,
                            size_t *shortest) {
  size_t k = skip, longest = 0;
  *shortest = SIZE_MAX;
  const stimer_event_t *run = NULL;
  size_t m;
  while ((m = stimer_event_run(fx->st, &run)) > 0) {
    for (size_t i = 0; i < m; i++, k++) {
      ASSERT_TRUE(k < 512u * n);
      ASSERT_EQ(run[i].kind, STIMER_EV_MEM_WRITE);
      ASSERT_EQ(run[i].u.mem.addr, bases[k / 512] + 8 * (k % 512));
      ASSERT_EQ(run[i].u.mem.data, 0);
      ASSERT_EQ(run[i].u.mem.be, 0xFF);
    }
    longest = m > longest ? m : longest;
    *shortest = m < *shortest ? m : *shortest;
    stimer_drop_events(fx->st, m);
  }
  ASSERT_EQ(k, 512u * n);
  return longest;
}

// The events read in place: the same sequence as stimer_pop_event gives, in contiguous runs
// that stop at the ring's end; dropping them is popping them.
void test_stimer_api_event_runs(void) {
  ts_fx_t fx = ts_fx_new(1);
  const stimer_event_t *run = NULL;
  ASSERT_EQ(stimer_event_run(fx.st, &run), 0);
  ASSERT_EQ(stimer_event_run(NULL, &run), 0);
  ASSERT_EQ(stimer_event_run(fx.st, NULL), 0);
  stimer_drop_events(NULL, 1);
  uint64_t pages[2] = {TS_SIMP_BASE(0), 0x7000000ull};
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, pages[0] | 1);
  ASSERT_EQ(stimer_event_count(fx.st), 512);
  ASSERT_EQ(stimer_event_run(fx.st, &run), 512);  // one run from the start of the ring
  ASSERT_EQ(run[0].u.mem.addr, pages[0]);
  stimer_drop_events(fx.st, 300);
  ASSERT_EQ(stimer_event_count(fx.st), 212);
  // Popping after dropping continues where the drop ended.
  stimer_event_t ev;
  ASSERT_TRUE(stimer_pop_event(fx.st, &ev));
  ASSERT_EQ(ev.u.mem.addr, pages[0] + 8 * 300);
  // The second page queues behind the rest of the first (the ring grows and is unwrapped).
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, pages[1] | 1);
  size_t shortest;
  ASSERT_EQ(ts_drain_runs(&fx, pages, 2, 301, &shortest), 211 + 512);
  EXPECT_NO_EVENT(&fx);
  // The ring now starts past its middle: the next page's beats wrap around its end, read as two
  // runs in order.
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, pages[1] | 1);
  size_t longest = ts_drain_runs(&fx, pages + 1, 1, 0, &shortest);
  ASSERT_TRUE(longest < 512 && shortest < 512);
  EXPECT_NO_EVENT(&fx);
  // Dropping more than is queued drops what is queued.
  MSR_WRITE(&fx, 0, STIMER_MSR_SIMP, pages[0] | 1);
  stimer_drop_events(fx.st, 100000);
  ASSERT_EQ(stimer_event_count(fx.st), 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_eom_reads_zero(void) {
  ts_fx_t fx = ts_fx_new(1);
  ASSERT_MSR(&fx, 0, STIMER_MSR_EOM, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0xFFFFFFFFFFFFFFFFull);  // value ignored
  ASSERT_MSR(&fx, 0, STIMER_MSR_EOM, 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_sint_vector_rule(void) {
  ts_fx_t fx = ts_fx_new(1);
  for (uint32_t n = 0; n < STIMER_NUM_SINTS; n++) {
    uint32_t msr = STIMER_MSR_SINT(n);
    // Unmasked with vector < 16: #GP, and the SINT keeps its value.
    MSR_WRITE_GP(&fx, 0, msr, 15);
    MSR_WRITE_GP(&fx, 0, msr, 0);
    MSR_WRITE_GP(&fx, 0, msr, 15 | STIMER_SINT_AUTO_EOI | STIMER_SINT_POLLING);
    ASSERT_MSR(&fx, 0, msr, STIMER_SINT_RESET);
    // Masked with vector < 16: accepted (nested Hyper-V writes 0x10000).
    MSR_WRITE(&fx, 0, msr, 15 | STIMER_SINT_MASKED);
    ASSERT_MSR(&fx, 0, msr, 15 | STIMER_SINT_MASKED);
    MSR_WRITE(&fx, 0, msr, STIMER_SINT_MASKED);
    ASSERT_MSR(&fx, 0, msr, STIMER_SINT_MASKED);
    // Vector 16 is the smallest valid one.
    MSR_WRITE(&fx, 0, msr, 16);
    ASSERT_MSR(&fx, 0, msr, 16);
    MSR_WRITE(&fx, 0, msr, 0xFF);
    ASSERT_MSR(&fx, 0, msr, 0xFF);
    // A #GP after a valid value leaves that value.
    MSR_WRITE_GP(&fx, 0, msr, 0x0F);
    ASSERT_MSR(&fx, 0, msr, 0xFF);
  }
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_sint_rest_preserved(void) {
  ts_fx_t fx = ts_fx_new(1);
  // 7:0 Vector, 16 Masked, 17 AutoEOI, 18 Polling, the rest preserved (stored as written).
  uint64_t v = 0xFFFFFFFFFFFEFF20ull;  // Masked = 0, vector 0x20
  MSR_WRITE(&fx, 0, STIMER_MSR_SINT(7), v);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(7), v);
  MSR_WRITE(&fx, 0, STIMER_MSR_SINT(7), 0x40 | STIMER_SINT_AUTO_EOI | STIMER_SINT_POLLING);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(7), 0x40 | STIMER_SINT_AUTO_EOI | STIMER_SINT_POLLING);
  // Other SINTs untouched.
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(6), STIMER_SINT_RESET);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(8), STIMER_SINT_RESET);
  ts_fx_free(&fx);
}

void test_stimer_msr_timer_config_count_rw(void) {
  ts_fx_t fx = ts_fx_new(1);
  for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
    // Enable = 0: every other bit, reserved ones included, is stored as written (KVM).
    uint64_t cfg = 0xFFFFFFFFFFFFFFFEull ^ ((uint64_t)n << 40);
    MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(n), cfg);
    ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(n), cfg);
    MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(n), 0);
    uint64_t count = 0x123456789ABCDEF0ull + n;
    MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(n), count);
    ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(n), count);
    ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(n), 0);  // no AutoEnable: stays disabled
  }
  // Each timer has its own registers.
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(0), 0x123456789ABCDEF0ull);
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(3), 0x123456789ABCDEF3ull);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_time_ref_read_now_write_gp(void) {
  ts_fx_t fx = ts_fx_new(2);
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 0);
  SET_NOW(&fx, 12345);
  // Reads return the sampled `now` (IMPDEF-ST-6), on every VP (partition-wide).
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 12345);
  ASSERT_MSR(&fx, 1, STIMER_MSR_TIME_REF_COUNT, 12345);
  ADVANCE(&fx, 0xFEDCBA9876543210ull, 0);
  ASSERT_MSR(&fx, 1, STIMER_MSR_TIME_REF_COUNT, 0xFEDCBA9876543210ull);
  // Read-only: a write is #GP and changes nothing.
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 0);
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 0xFEDCBA9876543210ull);
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 0xFEDCBA9876543210ull);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_unknown_gp(void) {
  ts_fx_t fx = ts_fx_new(1);
  static const uint32_t unknown[] = {
      0x40000000u, 0x40000001u, 0x40000003u, 0x4000001Fu, 0x40000021u, 0x40000022u,
      0x40000070u, 0x4000007Fu, 0x40000085u, 0x40000086u, 0x4000008Fu, 0x400000A0u,
      0x400000AFu, 0x400000B8u, 0x400000B9u, 0x400000BFu, 0x400000C0u, 0x400000FFu,
  };
  for (size_t i = 0; i < sizeof(unknown) / sizeof(unknown[0]); i++) {
    MSR_READ_GP(&fx, 0, unknown[i]);
    MSR_WRITE_GP(&fx, 0, unknown[i], 0);
    MSR_WRITE_GP(&fx, 0, unknown[i], 1);
  }
  // Boundaries of the known ranges stay accessible.
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(15), STIMER_SINT_RESET);
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(3), 0);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

// The MSRs with a valid write value each, for the sweeps below.
typedef struct {
  uint32_t msr;
  uint64_t value;
} msr_case_t;

static const msr_case_t msr_all[] = {
    {STIMER_MSR_TIME_REF_COUNT, 0},                            // write is #GP anyway
    {STIMER_MSR_SCONTROL, 1},       {STIMER_MSR_SVERSION, 1},  // write is #GP anyway
    {STIMER_MSR_SIEFP, 0x3000},     {STIMER_MSR_SIMP, 0x4000},   {STIMER_MSR_EOM, 0},
    {STIMER_MSR_SINT(0), 0x20},     {STIMER_MSR_SINT(15), 0x20}, {STIMER_MSR_CONFIG(0), 0},
    {STIMER_MSR_COUNT(0), 5},       {STIMER_MSR_CONFIG(3), 0},   {STIMER_MSR_COUNT(3), 5},
};
#define MSR_ALL_N (sizeof(msr_all) / sizeof(msr_all[0]))

void test_stimer_msr_vp_out_of_range_gp(void) {
  ts_fx_t fx = ts_fx_new(4);
  for (size_t i = 0; i < MSR_ALL_N; i++) {
    MSR_READ_GP(&fx, 4, msr_all[i].msr);
    MSR_READ_GP(&fx, 0xFFFFFFFFu, msr_all[i].msr);
    MSR_WRITE_GP(&fx, 4, msr_all[i].msr, msr_all[i].value);
    MSR_WRITE_GP(&fx, 256, msr_all[i].msr, msr_all[i].value);
  }
  // vp = num_vp - 1 is valid.
  MSR_WRITE(&fx, 3, STIMER_MSR_SINT(0), 0x20);
  ASSERT_MSR(&fx, 3, STIMER_MSR_SINT(0), 0x20);
  for (uint32_t vp = 0; vp < 3; vp++) {
    ASSERT_MSR(&fx, vp, STIMER_MSR_SINT(0), STIMER_SINT_RESET);
  }
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

static bool msr_is_synic(uint32_t msr) {
  return msr >= STIMER_MSR_SCONTROL && msr <= STIMER_MSR_SINT(15);
}

static bool msr_is_stimer(uint32_t msr) {
  return msr >= STIMER_MSR_CONFIG(0) && msr <= STIMER_MSR_COUNT(3);
}

// With one feature off, its MSRs are #GP on read and write; the others are not.
static void msr_check_feature(bool time_ref, bool synic, bool stimer) {
  stimer_config_t cfg = stimer_default_config(1);
  cfg.feat_time_ref = time_ref;
  cfg.feat_synic = synic;
  cfg.feat_stimer = stimer;
  ts_fx_t fx = ts_fx_new_cfg(&cfg);
  for (size_t i = 0; i < MSR_ALL_N; i++) {
    uint32_t msr = msr_all[i].msr;
    bool on = msr == STIMER_MSR_TIME_REF_COUNT ? time_ref : msr_is_synic(msr) ? synic : stimer;
    if (!on) {
      MSR_READ_GP(&fx, 0, msr);
      MSR_WRITE_GP(&fx, 0, msr, msr_all[i].value);
      MSR_WRITE_GP(&fx, 0, msr, 0);  // a guest write of 0 too
    } else if (msr == STIMER_MSR_TIME_REF_COUNT || msr_is_synic(msr) || msr_is_stimer(msr)) {
      (void)MSR_READ(&fx, 0, msr);
    }
  }
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_feat_time_ref_off(void) {
  msr_check_feature(false, true, true);
}

void test_stimer_msr_feat_synic_off(void) {
  // SynIC MSRs only; whether STIMER MSRs need the SynIC feature too is not stated (see report).
  stimer_config_t cfg = stimer_default_config(1);
  cfg.feat_synic = false;
  ts_fx_t fx = ts_fx_new_cfg(&cfg);
  for (size_t i = 0; i < MSR_ALL_N; i++) {
    if (msr_is_synic(msr_all[i].msr)) {
      MSR_READ_GP(&fx, 0, msr_all[i].msr);
      MSR_WRITE_GP(&fx, 0, msr_all[i].msr, msr_all[i].value);
      MSR_WRITE_GP(&fx, 0, msr_all[i].msr, 0);
    }
  }
  for (uint32_t n = 1; n < 15; n++) {
    MSR_READ_GP(&fx, 0, STIMER_MSR_SINT(n));
  }
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 0);
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_writes(fx.mem), 0);
  ts_fx_free(&fx);
}

void test_stimer_msr_feat_stimer_off(void) {
  msr_check_feature(true, true, false);
  stimer_config_t cfg = stimer_default_config(1);
  cfg.feat_stimer = false;
  ts_fx_t fx = ts_fx_new_cfg(&cfg);
  for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
    MSR_READ_GP(&fx, 0, STIMER_MSR_CONFIG(n));
    MSR_READ_GP(&fx, 0, STIMER_MSR_COUNT(n));
    MSR_WRITE_GP(&fx, 0, STIMER_MSR_CONFIG(n), 0);
    MSR_WRITE_GP(&fx, 0, STIMER_MSR_COUNT(n), 0);
  }
  // SynIC MSRs are unaffected.
  MSR_WRITE(&fx, 0, STIMER_MSR_SINT(2), 0x30);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(2), 0x30);
  ts_fx_free(&fx);
}

void test_stimer_msr_feat_all_on(void) {
  msr_check_feature(true, true, true);
}

void test_stimer_msr_feat_direct_off(void) {
  stimer_config_t cfg = stimer_default_config(1);
  cfg.feat_direct = false;
  ts_fx_t fx = ts_fx_new_cfg(&cfg);
  for (uint32_t n = 0; n < STIMER_NUM_TIMERS; n++) {
    // Reads and a write of 0 are fine (selftest stages 25-26).
    ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(n), 0);
    MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(n), 0);
    // DirectMode = 1 without the feature: #GP (stage 27), whatever the other bits.
    MSR_WRITE_GP(&fx, 0, STIMER_MSR_CONFIG(n), STIMER_CFG_DIRECT);
    MSR_WRITE_GP(&fx, 0, STIMER_MSR_CONFIG(n), TS_CFG_DIRECT(true, 0x40));
    ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(n), 0);
    // Message mode is allowed.
    MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(n), STIMER_CFG_SINTX(2) | STIMER_CFG_PERIODIC);
    ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(n), STIMER_CFG_SINTX(2) | STIMER_CFG_PERIODIC);
  }
  ts_fx_free(&fx);

  // With the feature: accepted (stage 28).
  fx = ts_fx_new(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(0), STIMER_CFG_DIRECT);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), STIMER_CFG_DIRECT);
  ts_fx_free(&fx);
}

void test_stimer_msr_gp_changes_nothing(void) {
  stimer_config_t cfg = stimer_default_config(1);
  cfg.feat_direct = false;
  ts_fx_t fx = ts_fx_new_cfg(&cfg);
  SYNIC_ON(&fx, 0);
  KUT_SINTS(&fx, 0);
  // A periodic timer running on the grid 10, 20, 30...
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(true, TS_SINT_EOI), 10);
  SET_NOW(&fx, 5);
  // None of these #GPs may cancel, restart or change the timer (or anything else).
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_DIRECT(true, 0x40) | STIMER_CFG_SINTX(3));
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_SINT(TS_SINT_EOI), 3);
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_SVERSION, 7);
  MSR_WRITE_GP(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 0);
  MSR_WRITE_GP(&fx, 0, 0x400000B8u, 1);
  MSR_WRITE_GP(&fx, 1, STIMER_MSR_CONFIG(0), 0);
  MSR_WRITE_GP(&fx, 1, STIMER_MSR_COUNT(0), 0);
  MSR_WRITE_GP(&fx, 1, STIMER_MSR_EOM, 0);
  ASSERT_MSR(&fx, 0, STIMER_MSR_CONFIG(0), TS_CFG_MSG(true, TS_SINT_EOI));
  ASSERT_MSR(&fx, 0, STIMER_MSR_COUNT(0), 10);
  ASSERT_MSR(&fx, 0, STIMER_MSR_SINT(TS_SINT_EOI), TS_VEC_EOI);
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 5);
  EXPECT_NO_EVENT(&fx);
  // Still on the original grid (a restart at 5 would move it to 15).
  ADVANCE(&fx, 10, 1);
  EXPECT_DELIVERED(&fx, 0, TS_SINT_EOI, 0, 10, 10, TS_VEC_EOI, false);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_msr_write_no_events(void) {
  ts_fx_t fx = ts_fx_new(1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SCONTROL, 1);
  MSR_WRITE(&fx, 0, STIMER_MSR_SIEFP, 0x3001);
  MSR_WRITE(&fx, 0, STIMER_MSR_SINT(1), 0x31);
  MSR_WRITE(&fx, 0, STIMER_MSR_EOM, 0);
  MSR_WRITE(&fx, 0, STIMER_MSR_COUNT(1), 1000);
  MSR_WRITE(&fx, 0, STIMER_MSR_CONFIG(1), TS_CFG_MSG(false, 1));
  EXPECT_NO_EVENT(&fx);
  ASSERT_EQ(test_mem_writes(fx.mem), 0);
  ASSERT_EQ(test_mem_reads(fx.mem), 0);
  ts_fx_free(&fx);
}

// ---- API misuse (STYLE 1.5: STIMER_ERR_BAD_ARG, nothing happens) ----

void test_stimer_api_set_now_backwards(void) {
  ts_fx_t fx = ts_fx_new(1);
  SYNIC_ON(&fx, 0);
  SINT_SET(&fx, 0, 1, 0x31, 0);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 100);
  ADVANCE(&fx, 99, 0);
  ASSERT_EQ(stimer_set_now(fx.st, 98), STIMER_ERR_BAD_ARG);
  ASSERT_EQ(stimer_set_now(fx.st, 0), STIMER_ERR_BAD_ARG);
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 99);
  ASSERT_FALSE(stimer_step(fx.st));
  EXPECT_NO_EVENT(&fx);
  // The same `now` again is fine (a new pass, nothing due).
  ADVANCE(&fx, 99, 0);
  ADVANCE(&fx, 100, 1);
  EXPECT_DELIVERED(&fx, 0, 1, 0, 100, 100, 0x31, false);
  ASSERT_EQ(stimer_set_now(fx.st, 99), STIMER_ERR_BAD_ARG);
  ASSERT_MSR(&fx, 0, STIMER_MSR_TIME_REF_COUNT, 100);
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_api_create_num_vp(void) {
  test_mem_t *mem = test_mem_new();
  cm_mem_ops_t ops = test_mem_ops(mem);
  stimer_t *st = NULL;
  stimer_config_t cfg = stimer_default_config(0);
  ASSERT_EQ(stimer_create(&cfg, &ops, &st), STIMER_ERR_BAD_ARG);
  cfg = stimer_default_config(257);
  ASSERT_EQ(stimer_create(&cfg, &ops, &st), STIMER_ERR_BAD_ARG);
  cfg = stimer_default_config(1);
  ASSERT_EQ(stimer_create(&cfg, &ops, &st), STIMER_OK);
  ASSERT_TRUE(st != NULL);
  stimer_destroy(st);
  test_mem_free(mem);
}

void test_stimer_api_default_config(void) {
  stimer_config_t cfg = stimer_default_config(7);
  ASSERT_EQ(cfg.num_vp, 7);
  ASSERT_TRUE(cfg.feat_time_ref);
  ASSERT_TRUE(cfg.feat_synic);
  ASSERT_TRUE(cfg.feat_stimer);
  ASSERT_TRUE(cfg.feat_direct);
  ASSERT_TRUE(cfg.scontrol_gate);
}

void test_stimer_api_step_sequence(void) {
  ts_fx_t fx = ts_fx_new(1);
  SYNIC_ON(&fx, 0);
  for (uint32_t n = 0; n < 3; n++) {
    SINT_SET(&fx, 0, n + 4, 0x40 + n, 0);
    TIMER_START(&fx, 0, n, TS_CFG_MSG(false, n + 4), 50);
  }
  // set_now samples time and makes no attempt by itself.
  SET_NOW(&fx, 60);
  EXPECT_NO_EVENT(&fx);
  // Each step makes exactly one attempt, in timer order.
  for (uint32_t n = 0; n < 3; n++) {
    ASSERT_TRUE(stimer_step(fx.st));
    EXPECT_DELIVERED(&fx, 0, n + 4, n, 50, 60, 0x40 + n, false);
    EXPECT_NO_EVENT(&fx);
  }
  ASSERT_FALSE(stimer_step(fx.st));
  ASSERT_FALSE(stimer_step(fx.st));
  EXPECT_NO_EVENT(&fx);
  // A new pass with nothing due.
  SET_NOW(&fx, 70);
  ASSERT_FALSE(stimer_step(fx.st));
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_api_attempt_once_per_pass(void) {
  ts_fx_t fx = ts_fx_new(1);
  SYNIC_ON(&fx, 0);
  SINT_SET(&fx, 0, 1, 0x31, 0);
  // A one-shot that stays pending (busy slot): attempted once in the pass, however many steps.
  ts_fill_slot(&fx, 0, 1);
  TIMER_START(&fx, 0, 0, TS_CFG_MSG(false, 1), 10);
  SET_NOW(&fx, 10);
  ASSERT_TRUE(stimer_step(fx.st));
  EXPECT_BUSY_PENDING(&fx, 0, 1, 0, 0, 10);
  ASSERT_FALSE(stimer_step(fx.st));
  EXPECT_NO_EVENT(&fx);
  ts_fx_free(&fx);
}

void test_stimer_api_outcome_name(void) {
  // Every outcome of docs/interfaces.md section 4.3 has a printable, distinct name.
  for (int a = STIMER_OUT_DELIVERED; a <= STIMER_OUT_FAULT; a++) {
    const char *na = stimer_outcome_name((stimer_outcome_t)a);
    ASSERT_TRUE(na != NULL && na[0] != '\0');
    for (int b = STIMER_OUT_DELIVERED; b < a; b++) {
      const char *nb = stimer_outcome_name((stimer_outcome_t)b);
      ASSERT_TRUE(nb != NULL && strcmp(na, nb) != 0);
    }
  }
}

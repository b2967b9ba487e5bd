// SPDX-License-Identifier: Apache-2.0
// ITS memory beats (docs/interfaces.md section 2; its__mem_read / its__mem_write in its_int.h):
// a byte string of `size` bytes at any address is carried by the aligned 8-byte beats that cover
// it, ascending. Every size and every start offset 0..7 is checked against a byte-level
// reference held in the test memory: data, the zero padding past `size`, the number and the
// addresses of the beats, the byte enables, and a fault on each single beat in turn.
#include <string.h>

#include "its_int.h"  // its__mem_read, its__mem_write: internal to the model
#include "test.h"
#include "test_mem.h"

#define BEATS_BASE 0x00400000ull  // the strings start at BEATS_BASE + offset
#define BEATS_SPAN 64u            // bytes of random pattern around the strings
#define BEATS_SENTINEL 0x5A5A5A5A5A5A5A5Aull

typedef struct {
  test_mem_t *mem;
  its_t *its;
  uint8_t pattern[BEATS_SPAN];  // the reference: what [BEATS_BASE - 8, + BEATS_SPAN) holds
  uint64_t rng;
} beats_t;

static uint8_t beats_rand8(beats_t *b) {
  b->rng = b->rng * 6364136223846793005ull + 1442695040888963407ull;
  return (uint8_t)(b->rng >> 56);
}

// A fresh model over a memory whose bytes [BEATS_BASE - 8, BEATS_BASE - 8 + BEATS_SPAN) hold a
// new random pattern (different for each `seed`).
static void beats_new(beats_t *b, uint64_t seed) {
  memset(b, 0, sizeof(*b));
  b->rng = seed * 0x9E3779B97F4A7C15ull + 1;
  b->mem = test_mem_new();
  its_config_t cfg = {4};
  cm_mem_ops_t ops = test_mem_ops(b->mem);
  ASSERT_EQ(its_create(&cfg, &ops, &b->its), ITS_OK);
  for (unsigned k = 0; k < BEATS_SPAN; k++) {
    b->pattern[k] = beats_rand8(b);
    test_mem_write(b->mem, BEATS_BASE - 8 + k, b->pattern[k], 1);
  }
}

static void beats_free(beats_t *b) {
  its_destroy(b->its);
  test_mem_free(b->mem);
}

// The reference byte at BEATS_BASE + off (off may be -8..).
static uint8_t beats_ref(const beats_t *b, int off) {
  return b->pattern[off + 8];
}

// Beats covering [BEATS_BASE + off, + size), by counting lanes (not by the model's formula).
static unsigned beats_count(unsigned off, unsigned size) {
  unsigned n = 0;
  for (uint64_t beat = 0; beat < BEATS_SPAN; beat += 8) {
    if (beat < off + size && beat + 8 > off) {
      n++;
    }
  }
  return n;
}

// Reads: for each size 1..ITS_CMD_BYTES and offset 0..7, the doublewords hold the string
// little-endian, the bytes past `size` are 0, nothing past the last doubleword is written, and
// exactly the covering beats are read.
static void beats_check_read(beats_t *b, unsigned off, unsigned size) {
  uint64_t out[ITS_CMD_BYTES / 8 + 2];
  for (unsigned i = 0; i < sizeof(out) / sizeof(out[0]); i++) {
    out[i] = BEATS_SENTINEL;
  }
  unsigned words = 0;
  while (8 * words < size) {
    words++;
  }
  size_t reads = test_mem_reads(b->mem);
  ASSERT_TRUE(its__mem_read(b->its, BEATS_BASE + off, size, out));
  ASSERT_EQ(test_mem_reads(b->mem) - reads, beats_count(off, size));
  for (unsigned w = 0; w < words; w++) {
    uint64_t want = 0;
    for (unsigned k = 0; k < 8; k++) {
      uint64_t byte = 8 * w + k < size ? beats_ref(b, (int)(off + 8 * w + k)) : 0;
      want |= byte << (8 * k);
    }
    if (out[w] != want) {
      TEST_FAIL_AT(__FILE__, __LINE__, "read off %u size %u: dw %u 0x%016llx != 0x%016llx", off,
                   size, w, (unsigned long long)out[w], (unsigned long long)want);
    }
  }
  for (unsigned w = words; w < sizeof(out) / sizeof(out[0]); w++) {
    ASSERT_EQ(out[w], BEATS_SENTINEL);
  }
  ASSERT_EQ(its_event_count(b->its), 0);  // reads queue nothing
}

void test_its_beats_read_every_size_offset(void) {
  for (unsigned size = 1; size <= ITS_CMD_BYTES; size++) {
    for (unsigned off = 0; off < 8; off++) {
      beats_t b;
      beats_new(&b, 100 * size + off);
      beats_check_read(&b, off, size);
      beats_free(&b);
    }
  }
}

// A fault on any one covering beat: false, and every beat is still read; a fault on the beat
// just below or just above the covering ones changes nothing (the beats are those addresses).
void test_its_beats_read_fault_each_beat(void) {
  for (unsigned size = 1; size <= ITS_CMD_BYTES; size++) {
    for (unsigned off = 0; off < 8; off++) {
      unsigned n = beats_count(off, size);
      for (int j = -1; j <= (int)n; j++) {
        beats_t b;
        beats_new(&b, 7 * size + off);
        uint64_t fa = BEATS_BASE + (uint64_t)(8 * (int64_t)j);
        test_mem_add_fault(b.mem, fa, fa + 8);
        uint64_t out[ITS_CMD_BYTES / 8 + 2] = {0};
        size_t reads = test_mem_reads(b.mem);
        bool ok = its__mem_read(b.its, BEATS_BASE + off, size, out);
        bool want_ok = j < 0 || j >= (int)n;  // false exactly when a covering beat faulted
        if (ok != want_ok) {
          TEST_FAIL_AT(__FILE__, __LINE__, "read off %u size %u fault beat %d: returned %d", off,
                       size, j, ok);
        }
        ASSERT_EQ(test_mem_reads(b.mem) - reads, n);
        if (j < 0 || j >= (int)n) {
          test_mem_clear_faults(b.mem);
          beats_check_read(&b, off, size);  // the data too
        }
        beats_free(&b);
      }
    }
  }
}

// Writes: for each size 1..16 and offset 0..7, one ITS_EV_MEM_WRITE event per covering beat,
// ascending, byte enables exactly the covered lanes, disabled lanes 0, no fault; the memory then
// holds the string there and the old pattern everywhere else. `fault_beat` (-1: none) faults.
static void beats_check_write(unsigned off, unsigned size, int fault_beat) {
  beats_t b;
  beats_new(&b, 1000 + 31 * size + off + 7 * (unsigned)(fault_beat + 1));
  uint8_t str[16];  // size <= 16 (its__mem_write); the bound is spelt out for the optimiser
  for (unsigned k = 0; k < size && k < sizeof(str); k++) {
    str[k] = beats_rand8(&b);
  }
  uint64_t in[2] = {0, 0};
  for (unsigned k = 0; k < size; k++) {
    in[k / 8] |= (uint64_t)str[k] << (8 * (k % 8));
  }
  unsigned n = beats_count(off, size);
  if (fault_beat >= 0) {
    uint64_t fa = BEATS_BASE + 8 * (uint64_t)fault_beat;
    test_mem_add_fault(b.mem, fa, fa + 8);
  }
  size_t writes = test_mem_writes(b.mem);
  bool ok = its__mem_write(b.its, BEATS_BASE + off, size, in);
  ASSERT_EQ(ok, fault_beat < 0 || fault_beat >= (int)n);
  ASSERT_EQ(test_mem_writes(b.mem) - writes, n);
  ASSERT_EQ(its_event_count(b.its), n);
  for (unsigned i = 0; i < n; i++) {
    its_event_t ev;
    ASSERT_TRUE(its_pop_event(b.its, &ev));
    ASSERT_EQ(ev.kind, ITS_EV_MEM_WRITE);
    ASSERT_EQ(ev.u.mem.addr, BEATS_BASE + 8 * i);
    uint8_t be = 0;
    uint64_t data = 0;
    for (unsigned k = 0; k < 8; k++) {
      unsigned pos = 8 * i + k;  // byte offset from BEATS_BASE
      if (pos >= off && pos < off + size) {
        be |= (uint8_t)(1u << k);
        data |= (uint64_t)str[pos - off] << (8 * k);
      }
    }
    if (ev.u.mem.be != be || ev.u.mem.data != data) {
      TEST_FAIL_AT(__FILE__, __LINE__,
                   "write off %u size %u beat %u: be 0x%02x data 0x%016llx, want 0x%02x 0x%016llx",
                   off, size, i, ev.u.mem.be, (unsigned long long)ev.u.mem.data, be,
                   (unsigned long long)data);
    }
    ASSERT_EQ(ev.u.mem.fault, (int)i == fault_beat);
  }
  ASSERT_EQ(its_event_count(b.its), 0);
  if (fault_beat < 0) {
    for (int pos = -8; pos < (int)BEATS_SPAN - 8; pos++) {
      uint8_t want =
          pos >= (int)off && pos < (int)(off + size) ? str[pos - (int)off] : beats_ref(&b, pos);
      ASSERT_EQ(test_mem_read(b.mem, BEATS_BASE + (uint64_t)(int64_t)pos, 1), want);
    }
  }
  beats_free(&b);
}

void test_its_beats_write_every_size_offset(void) {
  for (unsigned size = 1; size <= 16; size++) {
    for (unsigned off = 0; off < 8; off++) {
      beats_check_write(off, size, -1);
    }
  }
}

// A fault on each covering beat in turn: false, every beat still issued and queued, the fault
// flag on that beat's event only.
void test_its_beats_write_fault_each_beat(void) {
  for (unsigned size = 1; size <= 16; size++) {
    for (unsigned off = 0; off < 8; off++) {
      for (int j = 0; j < (int)beats_count(off, size); j++) {
        beats_check_write(off, size, j);
      }
    }
  }
}

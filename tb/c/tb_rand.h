// SPDX-License-Identifier: Apache-2.0
// Deterministic pseudo-random numbers for the bench (xoshiro256**): same seed, same run.
// The draws are inline: the random generator makes several per operation (gen.c).
#ifndef TB_RAND_H
#define TB_RAND_H

#include <stdint.h>

typedef struct {
  uint64_t s[4];
} tb_rand_t;

void tb_rand_seed(tb_rand_t *r, uint64_t seed);

static inline uint64_t tb_rand_rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

static inline uint64_t tb_rand_u64(tb_rand_t *r) {
  uint64_t *s = r->s;
  uint64_t result = tb_rand_rotl(s[1] * 5, 7) * 9;
  uint64_t t = s[1] << 17;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = tb_rand_rotl(s[3], 45);
  return result;
}

/** Uniform in [0, n); n = 0 gives 0. */
static inline uint64_t tb_rand_below(tb_rand_t *r, uint64_t n) {
  return n == 0 ? 0 : tb_rand_u64(r) % n;
}

/**
 * A divisor fixed ahead, for draws below a bound that stays the same for a run (a generator's
 * weight total, its VP count): x % d by a multiply and shifts instead of a divide instruction,
 * the same value for every x (Granlund and Montgomery, "Division by invariant integers using
 * multiplication", PLDI 1994, figure 4.1, for N = 64).
 */
typedef struct {
  uint64_t d;    // the divisor (0: draws give 0, as tb_rand_below)
  uint64_t m;    // m' = floor(2^64 (2^l - d) / d) + 1, l = ceil(log2 d)
  unsigned sh1;  // min(l, 1)
  unsigned sh2;  // max(l - 1, 0)
} tb_rand_div_t;

/** The divisor `d` made ready for tb_rand_below_div. */
tb_rand_div_t tb_rand_div(uint64_t d);

/** x % v->d (v->d != 0). */
static inline uint64_t tb_rand_mod(uint64_t x, const tb_rand_div_t *v) {
  __extension__ typedef unsigned __int128 tb_u128_t;
  uint64_t t1 = (uint64_t)(((tb_u128_t)v->m * x) >> 64);
  uint64_t q = (t1 + ((x - t1) >> v->sh1)) >> v->sh2;
  return x - q * v->d;
}

/** tb_rand_below(r, v->d): the same draw (none when v->d = 0) and the same value. */
static inline uint64_t tb_rand_below_div(tb_rand_t *r, const tb_rand_div_t *v) {
  return v->d == 0 ? 0 : tb_rand_mod(tb_rand_u64(r), v);
}

/** True with probability pct / 100. */
static inline int tb_rand_pct(tb_rand_t *r, unsigned pct) {
  return tb_rand_below(r, 100) < pct;
}

#endif  // TB_RAND_H

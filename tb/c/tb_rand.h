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

/** True with probability pct / 100. */
static inline int tb_rand_pct(tb_rand_t *r, unsigned pct) {
  return tb_rand_below(r, 100) < pct;
}

#endif  // TB_RAND_H

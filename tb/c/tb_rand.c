// SPDX-License-Identifier: Apache-2.0
// xoshiro256** seeded through splitmix64 (Blackman and Vigna's published constants).
#include "tb_rand.h"

static uint64_t tb_rand_splitmix(uint64_t *x) {
  uint64_t z = (*x += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void tb_rand_seed(tb_rand_t *r, uint64_t seed) {
  for (int i = 0; i < 4; i++) {
    r->s[i] = tb_rand_splitmix(&seed);
  }
}

static uint64_t tb_rand_rotl(uint64_t x, int k) {
  return (x << k) | (x >> (64 - k));
}

uint64_t tb_rand_u64(tb_rand_t *r) {
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

uint64_t tb_rand_below(tb_rand_t *r, uint64_t n) {
  return n == 0 ? 0 : tb_rand_u64(r) % n;
}

int tb_rand_pct(tb_rand_t *r, unsigned pct) {
  return tb_rand_below(r, 100) < pct;
}

// SPDX-License-Identifier: Apache-2.0
// xoshiro256** seeded through splitmix64 (Blackman and Vigna's published constants); the draws
// are in tb_rand.h.
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

tb_rand_div_t tb_rand_div(uint64_t d) {
  __extension__ typedef unsigned __int128 tb_u128_t;
  tb_rand_div_t v = {d, 0, 0, 0};
  if (d == 0) {
    return v;
  }
  unsigned l = 0;  // ceil(log2 d): 2^(l-1) < d <= 2^l
  while (l < 64 && (1ull << l) < d) {
    l++;
  }
  // 2^l - d < d, so it fits 64 bits (l = 64: 2^64 - d, the same bits as 0 - d).
  uint64_t excess = (l == 64 ? 0 : 1ull << l) - d;
  v.m = (uint64_t)(((tb_u128_t)excess << 64) / d) + 1;
  v.sh1 = l < 1 ? l : 1;
  v.sh2 = l > 1 ? l - 1 : 0;
  return v;
}

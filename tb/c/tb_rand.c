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

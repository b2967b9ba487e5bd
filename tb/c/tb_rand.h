// SPDX-License-Identifier: Apache-2.0
// Deterministic pseudo-random numbers for the bench (xoshiro256**): same seed, same run.
#ifndef TB_RAND_H
#define TB_RAND_H

#include <stdint.h>

typedef struct {
  uint64_t s[4];
} tb_rand_t;

void tb_rand_seed(tb_rand_t *r, uint64_t seed);
uint64_t tb_rand_u64(tb_rand_t *r);
/** Uniform in [0, n); n = 0 gives 0. */
uint64_t tb_rand_below(tb_rand_t *r, uint64_t n);
/** True with probability pct / 100. */
int tb_rand_pct(tb_rand_t *r, unsigned pct);

#endif  // TB_RAND_H

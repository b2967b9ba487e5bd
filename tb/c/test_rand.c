// SPDX-License-Identifier: Apache-2.0
// The draws below a divisor fixed ahead (tb_rand_div, tb_rand_mod, tb_rand_below_div) against
// the `%` of tb_rand_below: the same value for every numerator, at the edges of the 64-bit range
// (divisors 1, powers of two and their neighbours, 2^64 - 1; numerators 0, multiples of the
// divisor and their neighbours, 2^64 - 1) and for millions of random pairs; the same draws
// (none for a divisor 0).
#include <stdio.h>

#include "tb_rand.h"

static unsigned long fails;
static unsigned long checks;

static void test_rand_one(uint64_t x, uint64_t d, const tb_rand_div_t *v) {
  checks++;
  uint64_t got = tb_rand_mod(x, v);
  if (got != x % d) {
    if (fails < 10) {
      printf("tb_rand_mod(0x%llx, 0x%llx) = 0x%llx, expected 0x%llx\n", (unsigned long long)x,
             (unsigned long long)d, (unsigned long long)got, (unsigned long long)(x % d));
    }
    fails++;
  }
}

int main(void) {
  static const uint64_t edge_d[] = {1,
                                    2,
                                    3,
                                    5,
                                    7,
                                    100,
                                    240,
                                    4096,
                                    5000,
                                    0x7FFFFFFF,
                                    0x80000000,
                                    0x80000001,
                                    0xFFFFFFFF,
                                    0x100000000,
                                    0x100000001,
                                    0x7FFFFFFFFFFFFFFF,
                                    1ull << 63,
                                    (1ull << 63) + 1,
                                    0xFFFFFFFFFFFFFFFE,
                                    0xFFFFFFFFFFFFFFFF};
  static const uint64_t edge_x[] = {0,          1,          2,          3,         0x7FFFFFFF,
                                    0xFFFFFFFF, 1ull << 32, 1ull << 63, ~0ull - 1, ~0ull};
  tb_rand_t r;
  tb_rand_seed(&r, 13);
  for (size_t i = 0; i < sizeof(edge_d) / sizeof(edge_d[0]); i++) {
    uint64_t d = edge_d[i];
    tb_rand_div_t v = tb_rand_div(d);
    for (size_t j = 0; j < sizeof(edge_x) / sizeof(edge_x[0]); j++) {
      test_rand_one(edge_x[j], d, &v);
      for (int k = -2; k <= 2; k++) {
        test_rand_one(d * (uint64_t)(j + 1) + (uint64_t)k, d, &v);  // around multiples
      }
    }
    for (int k = 0; k < 100000; k++) {
      test_rand_one(tb_rand_u64(&r), d, &v);
    }
  }
  for (int k = 0; k < 1000000; k++) {
    uint64_t d = tb_rand_u64(&r) >> (tb_rand_u64(&r) % 64);  // divisors of every size
    if (d == 0) {
      continue;
    }
    tb_rand_div_t v = tb_rand_div(d);
    for (unsigned q = 0; q < 4; q++) {
      test_rand_one(tb_rand_u64(&r) >> (16 * q), d, &v);
    }
    test_rand_one(d * (tb_rand_u64(&r) % 1000) - 1, d, &v);
  }
  // The draws: tb_rand_below_div takes the generator's next number as tb_rand_below does, and
  // none for a divisor 0.
  tb_rand_t a;
  tb_rand_t b;
  tb_rand_seed(&a, 5);
  tb_rand_seed(&b, 5);
  static const uint64_t draw_d[] = {0, 1, 6, 0, 240, 1ull << 40, 0, ~0ull};
  for (int round = 0; round < 1000; round++) {
    for (size_t i = 0; i < sizeof(draw_d) / sizeof(draw_d[0]); i++) {
      tb_rand_div_t v = tb_rand_div(draw_d[i]);
      checks++;
      if (tb_rand_below_div(&a, &v) != tb_rand_below(&b, draw_d[i])) {
        fails++;
      }
    }
  }
  checks++;
  if (tb_rand_u64(&a) != tb_rand_u64(&b)) {
    printf("tb_rand_below_div made another number of draws than tb_rand_below\n");
    fails++;
  }
  printf("%s: %lu checks, %lu failed\n", fails == 0 ? "PASS" : "FAIL", checks, fails);
  return fails == 0 ? 0 : 1;
}

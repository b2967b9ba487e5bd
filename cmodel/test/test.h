// SPDX-License-Identifier: Apache-2.0
// Assertion macros for the model unit tests: each failure prints file, line and both operands.
#ifndef TEST_H
#define TEST_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

// A failed assertion ends the case's process; ctest runs every case in its own process.
#define TEST_FAIL_AT(file, line, ...)                 \
  do {                                                \
    fprintf(stderr, "%s:%d: FAIL: ", (file), (line)); \
    fprintf(stderr, __VA_ARGS__);                     \
    fprintf(stderr, "\n");                            \
    exit(1);                                          \
  } while (0)

#define ASSERT_TRUE(cond)                                     \
  do {                                                        \
    if (!(cond)) {                                            \
      TEST_FAIL_AT(__FILE__, __LINE__, "expected %s", #cond); \
    }                                                         \
  } while (0)

#define ASSERT_FALSE(cond) ASSERT_TRUE(!(cond))

// Compares two integers (any width up to 64 bits) and prints both in hex.
#define ASSERT_EQ(a, b)                                                                          \
  do {                                                                                           \
    uint64_t test_a_ = (uint64_t)(a);                                                            \
    uint64_t test_b_ = (uint64_t)(b);                                                            \
    if (test_a_ != test_b_) {                                                                    \
      TEST_FAIL_AT(__FILE__, __LINE__, "%s == %s: 0x%" PRIx64 " != 0x%" PRIx64, #a, #b, test_a_, \
                   test_b_);                                                                     \
    }                                                                                            \
  } while (0)

#define ASSERT_NE(a, b)                                                               \
  do {                                                                                \
    uint64_t test_a_ = (uint64_t)(a);                                                 \
    uint64_t test_b_ = (uint64_t)(b);                                                 \
    if (test_a_ == test_b_) {                                                         \
      TEST_FAIL_AT(__FILE__, __LINE__, "%s != %s: both 0x%" PRIx64, #a, #b, test_a_); \
    }                                                                                 \
  } while (0)

// Marks a boundary that tests must drive both ways (SQLite testcase()); a no-op at run time.
#define TESTCASE(x) ((void)(x))

#endif  // TEST_H

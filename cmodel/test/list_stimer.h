// SPDX-License-Identifier: Apache-2.0
// stimer model test cases (spec/stimer.md). Format: see test_list.h.

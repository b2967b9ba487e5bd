// SPDX-License-Identifier: Apache-2.0
// ITS model test cases (spec/its.md). Format: see test_list.h.

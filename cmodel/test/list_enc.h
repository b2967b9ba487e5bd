// SPDX-License-Identifier: Apache-2.0
// Encoding-table look-up test cases (cmodel/include/enc.h, docs/enc). Format: see test_list.h.
// test_enc.c
TEST_CASE(test_enc_enum_lookup, "enc/enum/lookup")
TEST_CASE(test_enc_enum_name, "enc/enum/name")
TEST_CASE(test_enc_enum_value, "enc/enum/value")
TEST_CASE(test_enc_max, "enc/max")
TEST_CASE(test_enc_cmd_lookup, "enc/cmd/lookup")
TEST_CASE(test_enc_reg_by_name, "enc/reg/by_name")
TEST_CASE(test_enc_reg_by_name_unknown, "enc/reg/by_name_unknown")
TEST_CASE(test_enc_reg_name, "enc/reg/name")
TEST_CASE(test_enc_reg_round_trip, "enc/reg/round_trip")
TEST_CASE(test_enc_rec_unpack_its_retire, "enc/rec/unpack_its_retire")
TEST_CASE(test_enc_rec_unpack_stimer_retire, "enc/rec/unpack_stimer_retire")
TEST_CASE(test_enc_rec_set_get, "enc/rec/set_get")
TEST_CASE(test_enc_rec_member_sizes, "enc/rec/member_sizes")
TEST_CASE(test_enc_rec_format, "enc/rec/format")
TEST_CASE(test_enc_rec_format_truncated, "enc/rec/format_truncated")
TEST_CASE(test_enc_reg_single_no_stride, "enc/reg/single_no_stride")

// SPDX-License-Identifier: Apache-2.0
// The registry of model unit tests. Each list_<area>.h holds lines of the form
//   TEST_CASE(c_function_name, "area/rule/case")
// starting in column 0; CMake reads the same lines to register each case with ctest.
#include "list_enc.h"
#include "list_its.h"
#include "list_stimer.h"

# SPDX-License-Identifier: Apache-2.0
# Verdict tests (scripts/test_verdicts.py): each sim/tests/verdict/*.scn must get the verdict its
# first line states (`# verdict: parse-error LINE | pass | fail`) on the model alone and in
# lockstep, the same on both, with exit code 2 / 0 / 1 and, for a parse error, a
# `FILE:LINE: expected ...` message; plus the command-line cases listed in the script.
# One ctest per case: verdict/<name> and verdict/cli/<name> (label `verdict`).
# The scenario globs of tb/CMakeLists.txt and lockstep.cmake (sim/tests/*.scn) are not
# recursive, so sim/tests/verdict/*.scn never run as normal scenarios.
if(NOT TARGET tb_sim OR NOT TARGET scn_model)
  return()
endif()
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_FOUND)
  return()
endif()
set(PRJ_VERDICT_SCRIPT ${PROJECT_SOURCE_DIR}/scripts/test_verdicts.py)
# Re-run the configuration when a verdict file or the script (its CLI table) changes.
file(GLOB PRJ_VERDICT_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/tests/verdict/*.scn)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${PRJ_VERDICT_SCRIPT})
execute_process(COMMAND ${Python3_EXECUTABLE} ${PRJ_VERDICT_SCRIPT} --list
                OUTPUT_VARIABLE prj_verdict_names RESULT_VARIABLE prj_verdict_rc
                WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
if(NOT prj_verdict_rc EQUAL 0)
  message(WARNING "scripts/test_verdicts.py --list failed: no verdict tests")
  return()
endif()
string(REPLACE "\n" ";" prj_verdict_names "${prj_verdict_names}")
foreach(name ${prj_verdict_names})
  if(name STREQUAL "")
    continue()
  endif()
  add_test(NAME verdict/${name}
           COMMAND ${Python3_EXECUTABLE} ${PRJ_VERDICT_SCRIPT} ${CMAKE_BINARY_DIR} --case ${name}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(verdict/${name} PROPERTIES LABELS "verdict" TIMEOUT 700)
endforeach()

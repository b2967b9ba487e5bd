# SPDX-License-Identifier: Apache-2.0
# Tests of the long-run properties of the bench and of the report page.
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND AND TARGET tb_sim)
  # A random run's memory does not grow with its length (scripts/test_memory.py).
  foreach(block its stimer)
    add_test(NAME memory/${block} COMMAND ${Python3_EXECUTABLE}
             ${PROJECT_SOURCE_DIR}/scripts/test_memory.py $<TARGET_FILE:tb_sim> ${block}
             WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
    # 300000 random operations per block: about 15 s of CPU for the ITS (its planted walks and
    # joint faults, tb/c/gen.c), minutes of wall time on the shared, loaded machine.
    set_tests_properties(memory/${block} PROPERTIES LABELS "memory;sim;rtl" TIMEOUT 900)
  endforeach()
  # The report page in a headless browser (scripts/test_report.py; SKIP without chromium).
  add_test(NAME report/page COMMAND ${Python3_EXECUTABLE}
           ${PROJECT_SOURCE_DIR}/scripts/test_report.py $<TARGET_FILE:tb_sim>
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(report/page PROPERTIES LABELS "report;scripts" TIMEOUT 300
                       SKIP_RETURN_CODE 77)
endif()

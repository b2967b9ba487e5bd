# SPDX-License-Identifier: Apache-2.0
# The RTL as reusable IP: FuseSoC lists the cores, each block's core names the files of its
# filelist, and the cores' lint target is clean (scripts/test_ip.py; FuseSoC from the project's
# PyPI tools, scripts/pyenv.sh).
find_package(Python3 COMPONENTS Interpreter)
if(Python3_FOUND)
  add_test(NAME ip/fusesoc COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/scripts/test_ip.py
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(ip/fusesoc PROPERTIES LABELS "scripts;ip" TIMEOUT 900)
endif()

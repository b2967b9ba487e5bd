# SPDX-License-Identifier: Apache-2.0
# Record and replay (docs/trace.md): each test runs live in lockstep with `tb_sim --record`,
# replays the capture offline (tb/replay, no Verilator) and compares the verdicts from the two
# result files (scripts/trace_replay.py). Damaged captures (truncated, cut before the end
# record, a flipped bit, missing) and an overflowing encoder must each fail the replay, named.
if(NOT PRJ_LOCKSTEP OR PRJ_LOCKSTEP_ONLY)
  return()
endif()
find_package(Python3 COMPONENTS Interpreter)
if(NOT Python3_FOUND)
  return()
endif()
set(PRJ_TRACE_SCRIPT ${PROJECT_SOURCE_DIR}/scripts/trace_replay.py)

function(prj_trace_test name exe)
  add_test(NAME ${name} COMMAND ${Python3_EXECUTABLE} ${PRJ_TRACE_SCRIPT}
           --sim $<TARGET_FILE:${exe}> --replay $<TARGET_FILE:replay>
           --dir ${CMAKE_BINARY_DIR}/trace/${name} ${ARGN}
           WORKING_DIRECTORY ${PROJECT_SOURCE_DIR})
  set_tests_properties(${name} PROPERTIES LABELS "sim;rtl;trace" SKIP_RETURN_CODE 77 TIMEOUT 300)
endfunction()

# Every directed scenario: <block>/trace/<name>.
file(GLOB PRJ_TRACE_SCENARIOS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/sim/tests/*.scn)
foreach(scn ${PRJ_TRACE_SCENARIOS})
  get_filename_component(name ${scn} NAME_WE)
  file(STRINGS ${scn} first LIMIT_COUNT 1 REGEX "^block ")
  string(REGEX REPLACE "^block +([a-z]+).*" "\\1" block "${first}")
  # The prebuilt build of its configuration (sim/cmake/lockstep.cmake reads the table); a file
  # whose configuration only scripts/lockstep builds on demand is recorded by that build there.
  # Recorded on tb_sim_rec, the default configuration with the encoders: the files of other
  # configurations are left out (their builds have no encoder).
  if(NOT "${PRJ_SCN_TARGET_${scn}}" STREQUAL "tb_sim")
    continue()
  endif()
  prj_trace_test(${block}/trace/${name} tb_sim_rec --test ${scn})
endforeach()

# Random seeds per block, and one with a back-pressured capture the FIFO absorbs
foreach(block its stimer)
  foreach(seed 1 2 3 4)
    prj_trace_test(${block}/trace/random/seed${seed} tb_sim_rec --test random-${block}
                   --seed ${seed} --ops 600)
  endforeach()
  # Back-pressure the encoder absorbs: its output ring packs the records of several edges per
  # beat, so even the stimer's SIM page writes (a request and a response at every edge for
  # hundreds of cycles) lose nothing with a sink that is not ready one beat in ten
  # (docs/trace.md, "Bandwidth").
  prj_trace_test(${block}/trace/random/stall10 tb_sim_rec --test random-${block} --seed 5
                 --ops 300 --record-stall 10)
  # A capture that is mostly not ready: the encoder overflows, the replay must fail on it.
  prj_trace_test(${block}/trace/overflow tb_sim_rec --test random-${block} --seed 6 --ops 300
                 --record-stall 97 --expect-overflow)
endforeach()

# Damaged captures of a passing run.
foreach(damage truncate cut corrupt missing)
  prj_trace_test(its/trace/damage/${damage} tb_sim_rec --test sim/tests/its_trigger.scn
                 --damage ${damage})
  prj_trace_test(stimer/trace/damage/${damage} tb_sim_rec --test sim/tests/stimer_multi_vp.scn
                 --damage ${damage})
endforeach()

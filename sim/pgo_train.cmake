# SPDX-License-Identifier: Apache-2.0
# The training run of a PGO build (sim/cmake/lockstep.cmake prj_lockstep_pgo), in script mode:
#   cmake -DEXE=<instrumented tb_sim> -DPROF=<profile folder> -P sim/pgo_train.cmake
# Runs one random stream per block; the instrumented program writes its profile into PROF when
# it exits. A run that fails (a design under change or a deliberately broken one: scripts/bugs,
# scripts/mutate) still leaves a profile of what it ran and does not fail the build: the
# verdict is for the tests to give, the profile only steers the compiler.
file(REMOVE_RECURSE ${PROF})
file(MAKE_DIRECTORY ${PROF})
foreach(block its stimer)
  execute_process(COMMAND ${EXE} --test random-${block} --seed 2 --ops 4000
                          --result ${PROF}/${block}.json
                  OUTPUT_FILE ${PROF}/${block}.log ERROR_FILE ${PROF}/${block}.log
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(STATUS "PGO training run random-${block} seed 2 ended with ${rc} "
                   "(${PROF}/${block}.log): its profile is used as it is")
  endif()
endforeach()
file(TOUCH ${PROF}/trained)

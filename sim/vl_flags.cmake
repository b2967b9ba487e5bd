# SPDX-License-Identifier: Apache-2.0
# Run by prj_verilate() (sim/verilator.cmake) before Verilator's makefile, in script mode:
#   cmake -DDIR=<model folder> -DFLAGS=<flags file> [-DPROFILE=<stamp>] -P sim/vl_flags.cmake
# Verilator's makefile remakes an object only when its source is newer, not when the compiler
# flags change (another OPT_FAST, a PGO profile): when the flags the folder's objects were
# compiled with (DIR/prj_flags.txt) differ from FLAGS, or the profile they were compiled with
# (PGO_USE: its PROFILE stamp, PROFDIR/trained) is newer than they are, its objects and archives
# are removed, so that every file is compiled again (ccache keeps that cheap for the files whose
# flags, profile and source it has seen).
file(READ ${FLAGS} new)
set(old "")
if(EXISTS ${DIR}/prj_flags.txt)
  file(READ ${DIR}/prj_flags.txt old)
endif()
set(stale FALSE)
if(DEFINED PROFILE AND EXISTS "${PROFILE}" AND EXISTS "${DIR}/prj_flags.txt")
  if("${PROFILE}" IS_NEWER_THAN "${DIR}/prj_flags.txt")
    set(stale TRUE)
  endif()
endif()
if(stale OR NOT new STREQUAL old)
  file(GLOB objs ${DIR}/*.o ${DIR}/*.a)
  if(objs)
    file(REMOVE ${objs})
  endif()
  file(MAKE_DIRECTORY ${DIR})
  file(WRITE ${DIR}/prj_flags.txt "${new}")
endif()

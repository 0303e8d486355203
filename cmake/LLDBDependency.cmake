# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# Obtains the LLDB 19 libraries that GDBRemoteCommunicationServerLLGS needs.
#
# Debian ships LLDB's headers but not these static libraries, so they are
# built once from Debian's llvm-toolchain-19 source and cached outside the
# clone, keyed by LLDB version and the build's flags:
#   ${XDG_CACHE_HOME:-$HOME/.cache}/NativeProcessIOThreads/lldb-VERSION-KEY
# A configure that finds a complete cache entry compiles no LLDB file.
#
# Defines the interface target iothreads::lldb.

set(IOTHREADS_LLDB_VERSION 19.1.7)
set(IOTHREADS_LLVM_PREFIX /usr/lib/llvm-19)

set(_lldb_args
  -DCMAKE_BUILD_TYPE=Release
  -DCMAKE_C_COMPILER=/usr/bin/gcc
  -DCMAKE_CXX_COMPILER=/usr/bin/g++
  -DLLVM_DIR=${IOTHREADS_LLVM_PREFIX}/lib/cmake/llvm
  -DClang_DIR=${IOTHREADS_LLVM_PREFIX}/lib/cmake/clang
  -DLLDB_ENABLE_PYTHON=OFF
  -DLLDB_ENABLE_LUA=OFF
  -DLLDB_INCLUDE_TESTS=OFF
  -DLLDB_ENABLE_LIBEDIT=OFF
  -DLLDB_ENABLE_CURSES=OFF
  -DLLDB_ENABLE_LZMA=OFF
  -DLLDB_ENABLE_LIBXML2=ON)
string(SHA1 _lldb_key "${_lldb_args}")
string(SUBSTRING "${_lldb_key}" 0 10 _lldb_key)

if(DEFINED ENV{XDG_CACHE_HOME} AND NOT "$ENV{XDG_CACHE_HOME}" STREQUAL "")
  set(_cache_root "$ENV{XDG_CACHE_HOME}")
else()
  set(_cache_root "$ENV{HOME}/.cache")
endif()
set(IOTHREADS_LLDB_CACHE_DIR
  "${_cache_root}/NativeProcessIOThreads/lldb-${IOTHREADS_LLDB_VERSION}-${_lldb_key}"
  CACHE PATH "Where the LLDB ${IOTHREADS_LLDB_VERSION} dependency is built and kept")

if(NOT EXISTS "${IOTHREADS_LLDB_CACHE_DIR}/complete")
  message(STATUS "Building LLDB ${IOTHREADS_LLDB_VERSION} libraries into "
    "${IOTHREADS_LLDB_CACHE_DIR} (once; about 20 minutes on 2 cores)")
  execute_process(
    COMMAND "${CMAKE_CURRENT_LIST_DIR}/build-lldb-dependency.sh"
            "${IOTHREADS_LLDB_CACHE_DIR}" ${_lldb_args}
    RESULT_VARIABLE _lldb_result)
  if(NOT _lldb_result EQUAL 0)
    message(FATAL_ERROR "Building the LLDB dependency failed (${_lldb_result}); "
      "see the output above. A rerun resumes where it stopped.")
  endif()
else()
  message(STATUS "Using the cached LLDB ${IOTHREADS_LLDB_VERSION} libraries in "
    "${IOTHREADS_LLDB_CACHE_DIR}")
endif()

set(IOTHREADS_LLDB_SOURCE_DIR "${IOTHREADS_LLDB_CACHE_DIR}/src/lldb")
set(_lldb_build "${IOTHREADS_LLDB_CACHE_DIR}/build")

# Everything LLGS, its platform server and our backend reach, as one linker
# group. The stock Linux process plugin is left out on purpose: this project
# is the Linux process plugin.
set(_lldb_archives
  lldbPluginProcessGDBRemote lldbPluginProcessPOSIX lldbPluginProcessUtility
  lldbPluginObjectFileELF lldbPluginObjectFilePDB lldbPluginSymbolFileDWARF
  lldbPluginSymbolFileNativePDB lldbPluginSymbolFilePDB
  lldbPluginTypeSystemClang lldbPluginExpressionParserClang
  lldbPluginClangCommon lldbPluginCPlusPlusLanguage lldbPluginCPPRuntime
  lldbPluginObjCLanguage lldbPluginObjCRuntime lldbPluginAppleObjCRuntime
  lldbInitialization lldbCommands lldbInterpreter lldbExpression
  lldbDataFormatters lldbBreakpoint lldbTarget lldbSymbol lldbCore lldbHost
  lldbVersion lldbUtility)
set(_lldb_archive_paths)
foreach(_archive IN LISTS _lldb_archives)
  set(_path "${_lldb_build}/lib/lib${_archive}.a")
  if(NOT EXISTS "${_path}")
    message(FATAL_ERROR "The LLDB cache lacks ${_path}; delete "
      "${IOTHREADS_LLDB_CACHE_DIR}/complete and configure again.")
  endif()
  list(APPEND _lldb_archive_paths "${_path}")
endforeach()

find_package(LibXml2 REQUIRED)
find_package(ZLIB REQUIRED)

add_library(iothreads_lldb INTERFACE)
add_library(iothreads::lldb ALIAS iothreads_lldb)
target_include_directories(iothreads_lldb SYSTEM INTERFACE
  "${IOTHREADS_LLDB_SOURCE_DIR}/include" "${_lldb_build}/include"
  "${IOTHREADS_LLDB_SOURCE_DIR}/source" "${_lldb_build}/source"
  "${IOTHREADS_LLVM_PREFIX}/include")
target_compile_definitions(iothreads_lldb INTERFACE
  __STDC_CONSTANT_MACROS __STDC_FORMAT_MACROS __STDC_LIMIT_MACROS)
# LLVM is built without RTTI and exceptions; code that derives from its
# classes must match.
target_compile_options(iothreads_lldb INTERFACE -fno-rtti -fno-exceptions)
# LLVM and clang come from Debian's shared libraries, or, for a program
# whose IOTHREADS_STATIC_LINK property is set (lldb-server-iothreads-static),
# from Debian's static archives: every LLVM component llvm-config names
# (Polly, which has no archive, aside) and every clang library, in LLDB's
# group (CMake keeps one --start-group), so the linker takes only what LLDB
# uses.
execute_process(
  COMMAND "${IOTHREADS_LLVM_PREFIX}/bin/llvm-config" --link-static --libs
  OUTPUT_VARIABLE _llvm_static_flags OUTPUT_STRIP_TRAILING_WHITESPACE
  COMMAND_ERROR_IS_FATAL ANY)
separate_arguments(_llvm_static_flags UNIX_COMMAND "${_llvm_static_flags}")
list(REMOVE_ITEM _llvm_static_flags -lPolly -lPollyISL)
file(GLOB _clang_archives "${IOTHREADS_LLVM_PREFIX}/lib/libclang[A-Z]*.a")
set(_static_archives ${_clang_archives} "-L${IOTHREADS_LLVM_PREFIX}/lib"
  ${_llvm_static_flags})
set(_static_system_libraries -l:libxml2.a -l:libicuuc.a -l:libicudata.a
  -l:liblzma.a -l:libz.a -l:libzstd.a)
set(_shared_libraries
  "${IOTHREADS_LLVM_PREFIX}/lib/libLLVM.so.1"
  "${IOTHREADS_LLVM_PREFIX}/lib/libclang-cpp.so.19.1"
  LibXml2::LibXml2 ZLIB::ZLIB)
set(_static_link "$<BOOL:$<TARGET_PROPERTY:IOTHREADS_STATIC_LINK>>")
target_link_libraries(iothreads_lldb INTERFACE
  -Wl,--start-group ${_lldb_archive_paths}
  "$<${_static_link}:${_static_archives}>" -Wl,--end-group
  "$<${_static_link}:${_static_system_libraries}>"
  "$<$<NOT:${_static_link}>:${_shared_libraries}>"
  ${CMAKE_DL_LIBS} pthread)
target_link_options(iothreads_lldb INTERFACE
  -Wl,--gc-sections "-Wl,-rpath,${IOTHREADS_LLVM_PREFIX}/lib")

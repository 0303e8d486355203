# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# IOTHREADS_SANITIZE=ON builds our own code (the backend, the server and the
# unit tests) with AddressSanitizer and UndefinedBehaviorSanitizer;
# test/run-sanitized-tests.sh configures such a build in build-sanitized/.
# LLDB's archives stay as they are: ASan intercepts malloc process-wide, so
# their heap is still checked, but their own accesses are not.
option(IOTHREADS_SANITIZE
  "Build the backend, server and unit tests with ASan and UBSan" OFF)

if(IOTHREADS_SANITIZE AND NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  # Observed with GCC 12: its separate UBSan runtime ignores log_path when
  # ASan is linked too, so a report from a server lldb started is lost.
  # Clang's ASan runtime carries UBSan and logs both where log_path says.
  message(WARNING "IOTHREADS_SANITIZE: configure with clang++-19; with "
    "${CMAKE_CXX_COMPILER_ID} UBSan reports go only to stderr.")
endif()
if(IOTHREADS_SANITIZE)
  set(_sanitizers -fsanitize=address,undefined)
  # vptr checks need RTTI, which LLVM's -fno-rtti forbids. Every UBSan
  # report aborts, so none can scroll past unnoticed.
  set(_sanitize_compile_flags ${_sanitizers} -fno-sanitize=vptr
    -fno-sanitize-recover=all -fno-omit-frame-pointer)
  foreach(_target NativeProcessIOThreads lldb-server-iothreads-code
      lldb-server-iothreads NativeProcessIOThreadsTests)
    if(TARGET ${_target})
      target_compile_options(${_target} PRIVATE ${_sanitize_compile_flags})
      # Public, so that whatever links the installed backend library links
      # the sanitizer runtimes it calls.
      target_link_options(${_target} PUBLIC ${_sanitizers})
    endif()
  endforeach()
endif()

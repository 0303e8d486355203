# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# The Debian package: `ninja -C build package-deb` writes
# build/packages/lldb-server-iothreads_<version>_amd64.deb with the server,
# the lldb-iothreads launcher and their man pages (the `server` install
# component). Its dependencies are computed from the server binary by
# dpkg-shlibdeps.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME lldb-server-iothreads)
set(CPACK_PACKAGE_VERSION "${PROJECT_VERSION}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
  "lldb debug server that leaves io_uring threads undisturbed")
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION
  "lldb-server-iothreads is a drop-in lldb-server 19 for x86-64 Linux on a
native-process backend of its own: it attaches with PTRACE_SEIZE and stops
threads with PTRACE_INTERRUPT, never sending the program SIGSTOP. io_uring
threads are listed and named but not stopped, so io in flight completes as
it would without a debugger. lldb-iothreads runs lldb with it.")
set(CPACK_PACKAGE_CONTACT "NativeProcessIOThreads developers")
set(CPACK_DEBIAN_PACKAGE_SECTION debug)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The launcher runs an lldb client; a target machine that only serves a
# remote lldb needs none.
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "lldb-19")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
# Only the `server` component; headers, libraries and the CMake package are
# for `cmake --install`.
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_COMPONENTS_ALL server)
set(CPACK_DEBIAN_SERVER_PACKAGE_NAME lldb-server-iothreads)
set(CPACK_DEBIAN_SERVER_FILE_NAME DEB-DEFAULT)
set(CPACK_STRIP_FILES ON)
set(CPACK_PACKAGE_DIRECTORY "${PROJECT_BINARY_DIR}/packages")
include(CPack)

add_custom_target(package-deb
  COMMAND cpack -G DEB --config "${PROJECT_BINARY_DIR}/CPackConfig.cmake"
  DEPENDS lldb-server-iothreads man-pages
  WORKING_DIRECTORY "${PROJECT_BINARY_DIR}"
  USES_TERMINAL
  COMMENT "Building the Debian package")

# The self-contained server, beside the .deb: `ninja -C build package-static`
# writes build/packages/lldb-server-iothreads-static_<version>_amd64.tar.xz,
# holding the stripped program, named lldb-server-iothreads, with its
# licence, copyright and a notice of the libraries linked into it, to copy
# into a container or onto a machine without LLVM.
set(_static_name
  "lldb-server-iothreads-static_${PROJECT_VERSION}_amd64")
set(_static_stage "${PROJECT_BINARY_DIR}/packages/${_static_name}")
set(IOTHREADS_STATIC_PACKAGE "${_static_stage}.tar.xz")
add_custom_target(package-static
  COMMAND "${CMAKE_COMMAND}" -E rm -rf "${_static_stage}"
  COMMAND "${CMAKE_COMMAND}" -E make_directory "${_static_stage}"
  COMMAND strip -o "${_static_stage}/lldb-server-iothreads"
          "$<TARGET_FILE:lldb-server-iothreads-static>"
  COMMAND "${CMAKE_COMMAND}" -E copy "${PROJECT_SOURCE_DIR}/LICENSE"
          "${_static_stage}/LICENSE"
  COMMAND "${CMAKE_COMMAND}" -E copy "${PROJECT_SOURCE_DIR}/cmake/debian-copyright"
          "${_static_stage}/copyright"
  COMMAND "${CMAKE_COMMAND}" -E copy "${PROJECT_SOURCE_DIR}/cmake/static-server-notice"
          "${_static_stage}/NOTICE"
  COMMAND tar -C "${PROJECT_BINARY_DIR}/packages" -cJf
          "${_static_stage}.tar.xz" "${_static_name}"
  DEPENDS lldb-server-iothreads-static
  USES_TERMINAL
  COMMENT "Packing the self-contained server")

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

# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
# `cmake --install build --prefix DIR`: the server and the lldb-iothreads
# launcher in bin/ with their man pages (component `server`, what the Debian
# package holds), and the public headers, the backend library and a CMake
# package for find_package(NativeProcessIOThreads) (component `development`).
# The package carries the LLDB libraries and headers the backend is built
# on, so a consumer needs neither this build nor its LLDB cache.
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(_package_dir "${CMAKE_INSTALL_LIBDIR}/cmake/NativeProcessIOThreads")

install(TARGETS lldb-server-iothreads RUNTIME
  DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT server)
# The build links with a run path to /usr/lib/llvm-19/lib, where libLLVM is
# a symlink of llvm-19-dev. The installed server finds libLLVM and
# libclang-cpp where libllvm19 and libclang-cpp19 put them, and so does
# dpkg-shlibdeps, which then names those packages as dependencies.
install(CODE "file(RPATH_REMOVE FILE
  \"\$ENV{DESTDIR}\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}/lldb-server-iothreads\")"
  COMPONENT server)
install(PROGRAMS "${PROJECT_SOURCE_DIR}/tools/lldb-iothreads.in"
  DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME lldb-iothreads COMPONENT server)
# The licence, where Debian policy puts a package's.
install(FILES "${PROJECT_SOURCE_DIR}/cmake/debian-copyright"
  DESTINATION "${CMAKE_INSTALL_DATAROOTDIR}/doc/lldb-server-iothreads"
  RENAME copyright COMPONENT server)

# Man pages, compressed as Debian installs them.
set(_man_pages)
foreach(_page lldb-server-iothreads.1 lldb-iothreads.1)
  set(_source "${PROJECT_SOURCE_DIR}/docs/man/${_page}")
  set(_copy "${PROJECT_BINARY_DIR}/man/${_page}")
  set(_compressed "${_copy}.gz")
  add_custom_command(OUTPUT "${_compressed}"
    COMMAND ${CMAKE_COMMAND} -E copy "${_source}" "${_copy}"
    COMMAND gzip -9nf "${_copy}"
    DEPENDS "${_source}" VERBATIM)
  list(APPEND _man_pages "${_compressed}")
endforeach()
add_custom_target(man-pages ALL DEPENDS ${_man_pages})
install(FILES ${_man_pages} DESTINATION "${CMAKE_INSTALL_MANDIR}/man1"
  COMPONENT server)

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/NativeProcessIOThreads"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR} COMPONENT development)

# iothreads_lldb names archives and header directories inside the LLDB
# cache. Install each and have the exported target name the installed copy;
# the build keeps using the cache.
set(_lldb_lib_dir
  "${CMAKE_INSTALL_LIBDIR}/NativeProcessIOThreads/lldb-${IOTHREADS_LLDB_VERSION}")
set(_lldb_include_dir
  "${CMAKE_INSTALL_INCLUDEDIR}/NativeProcessIOThreads/lldb-${IOTHREADS_LLDB_VERSION}")
get_target_property(_lldb_links iothreads_lldb INTERFACE_LINK_LIBRARIES)
set(_links)
foreach(_item IN LISTS _lldb_links)
  if(_item MATCHES "^${IOTHREADS_LLDB_CACHE_DIR}/.*\\.a$")
    install(FILES "${_item}" DESTINATION "${_lldb_lib_dir}"
      COMPONENT development)
    get_filename_component(_name "${_item}" NAME)
    list(APPEND _links "$<BUILD_INTERFACE:${_item}>"
      "$<INSTALL_INTERFACE:\${_IMPORT_PREFIX}/${_lldb_lib_dir}/${_name}>")
  else()
    list(APPEND _links "${_item}")
  endif()
endforeach()
set_property(TARGET iothreads_lldb PROPERTY INTERFACE_LINK_LIBRARIES ${_links})

foreach(_property INTERFACE_INCLUDE_DIRECTORIES
                  INTERFACE_SYSTEM_INCLUDE_DIRECTORIES)
  get_target_property(_lldb_dirs iothreads_lldb ${_property})
  set(_dirs)
  foreach(_dir IN LISTS _lldb_dirs)
    if(_dir MATCHES "^${IOTHREADS_LLDB_CACHE_DIR}/(.*)$")
      set(_installed "${_lldb_include_dir}/${CMAKE_MATCH_1}")
      if(_property STREQUAL "INTERFACE_INCLUDE_DIRECTORIES")
        install(DIRECTORY "${_dir}/" DESTINATION "${_installed}"
          COMPONENT development
          FILES_MATCHING PATTERN "*.h" PATTERN "*.def" PATTERN "*.inc")
      endif()
      # install(EXPORT) prefixes relative include directories, but not
      # system ones.
      if(_property STREQUAL "INTERFACE_SYSTEM_INCLUDE_DIRECTORIES")
        set(_installed "\${_IMPORT_PREFIX}/${_installed}")
      endif()
      list(APPEND _dirs "$<BUILD_INTERFACE:${_dir}>"
        "$<INSTALL_INTERFACE:${_installed}>")
    else()
      list(APPEND _dirs "${_dir}")
    endif()
  endforeach()
  set_property(TARGET iothreads_lldb PROPERTY ${_property} ${_dirs})
endforeach()

install(TARGETS NativeProcessIOThreads iothreads_lldb
  EXPORT NativeProcessIOThreadsTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
install(EXPORT NativeProcessIOThreadsTargets
  NAMESPACE NativeProcessIOThreads::
  DESTINATION "${_package_dir}" COMPONENT development)

configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/NativeProcessIOThreadsConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/NativeProcessIOThreadsConfig.cmake"
  INSTALL_DESTINATION "${_package_dir}")
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/NativeProcessIOThreadsConfigVersion.cmake"
  COMPATIBILITY SameMinorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/NativeProcessIOThreadsConfig.cmake"
  "${PROJECT_BINARY_DIR}/NativeProcessIOThreadsConfigVersion.cmake"
  DESTINATION "${_package_dir}" COMPONENT development)

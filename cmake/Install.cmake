# `cmake --install build --prefix DIR`: the server and the lldb-iothreads
# launcher in bin/, the public headers, the backend library and a CMake
# package for find_package(NativeProcessIOThreads).
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(_package_dir "${CMAKE_INSTALL_LIBDIR}/cmake/NativeProcessIOThreads")

install(TARGETS lldb-server-iothreads RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(PROGRAMS "${PROJECT_SOURCE_DIR}/tools/lldb-iothreads.in"
  DESTINATION ${CMAKE_INSTALL_BINDIR} RENAME lldb-iothreads)
install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/NativeProcessIOThreads"
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS NativeProcessIOThreads iothreads_lldb
  EXPORT NativeProcessIOThreadsTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT NativeProcessIOThreadsTargets
  NAMESPACE NativeProcessIOThreads::
  DESTINATION "${_package_dir}")

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
  DESTINATION "${_package_dir}")

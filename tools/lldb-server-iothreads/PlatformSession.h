//===-- PlatformSession.h - A gdbserver started for a platform --*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A platform starts a gdbserver for each debug session. The gdbserver's
// client then sits on another machine (or acts as if it did): the paths it
// names are its own, and it fetches files the server writes (a saved core)
// through the platform. The platform marks its environment with the
// directory such files go to, where its client may fetch and remove them,
// so that the gdbserver it starts knows; the mark is taken out again before
// the gdbserver starts any program.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_PLATFORMSESSION_H
#define LLDB_SERVER_IOTHREADS_PLATFORMSESSION_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace iothreads {

/// Called by the platform before it serves: its gdbservers inherit the mark
/// and \p file_directory.
void MarkPlatformSessions(llvm::StringRef file_directory);

/// The directory the platform that started this gdbserver named; none when
/// no platform did. Removes the mark.
std::optional<std::string> TakePlatformSessionMark();

/// LLDB starts a platform's gdbservers with standard error on /dev/null, so
/// what a session says (a client it refused, a program that would not
/// launch) was lost. While one of these lives, a gdbserver the platform
/// starts inherits a copy of the platform's standard error, named in its
/// environment.
class SharedStderr {
public:
  SharedStderr();
  ~SharedStderr();
  SharedStderr(const SharedStderr &) = delete;
  SharedStderr &operator=(const SharedStderr &) = delete;

private:
  int Fd;
};

/// Called first thing in a gdbserver: writes its standard error where the
/// platform that started it writes its own, if one shared it.
void AdoptPlatformStderr();

} // namespace iothreads

#endif

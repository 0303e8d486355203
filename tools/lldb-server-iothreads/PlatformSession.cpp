//===-- PlatformSession.cpp - A gdbserver started for a platform ----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PlatformSession.h"

#include <cstdlib>

static constexpr const char *SessionVariable =
    "LLDB_SERVER_IOTHREADS_PLATFORM_SESSION";

void iothreads::MarkPlatformSessions(llvm::StringRef file_directory) {
  ::setenv(SessionVariable, file_directory.str().c_str(), 1);
}

std::optional<std::string> iothreads::TakePlatformSessionMark() {
  const char *directory = ::getenv(SessionVariable);
  if (!directory)
    return std::nullopt;
  std::string taken = directory;
  ::unsetenv(SessionVariable);
  return taken;
}

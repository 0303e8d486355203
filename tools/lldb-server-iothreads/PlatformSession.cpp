//===-- PlatformSession.cpp - A gdbserver started for a platform ----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PlatformSession.h"

#include "llvm/ADT/StringExtras.h"

#include <cstdlib>
#include <fcntl.h>
#include <string>
#include <unistd.h>

static constexpr const char *SessionVariable =
    "LLDB_SERVER_IOTHREADS_PLATFORM_SESSION";
static constexpr const char *StderrVariable =
    "LLDB_SERVER_IOTHREADS_PLATFORM_STDERR";

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

iothreads::SharedStderr::SharedStderr()
    : Fd(::fcntl(STDERR_FILENO, F_DUPFD, 3)) {
  if (Fd >= 0)
    ::setenv(StderrVariable, std::to_string(Fd).c_str(), 1);
}

iothreads::SharedStderr::~SharedStderr() {
  ::unsetenv(StderrVariable);
  if (Fd >= 0)
    ::close(Fd);
}

void iothreads::AdoptPlatformStderr() {
  const char *shared = ::getenv(StderrVariable);
  int fd;
  if (!shared || !llvm::to_integer(shared, fd) || fd <= STDERR_FILENO)
    return;
  ::dup2(fd, STDERR_FILENO);
  ::close(fd);
  ::unsetenv(StderrVariable);
}

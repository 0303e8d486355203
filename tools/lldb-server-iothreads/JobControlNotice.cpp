//===-- JobControlNotice.cpp - Say why a resumed process runs not ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "JobControlNotice.h"

#include "NativeProcessIOThreads/ThreadQueries.h"

#include "llvm/Support/FormatVariadic.h"

#include <cstring>

using namespace iothreads;
using namespace lldb_private;

std::optional<std::string>
iothreads::DescribeJobControlStop(NativeProcessProtocol &process) {
  int signo = 0;
  for (NativeThreadProtocol &thread : process.Threads()) {
    if (!IsTracedThread(thread))
      continue;
    signo = HeldJobControlSignal(thread);
    if (signo == 0)
      return std::nullopt;
  }
  if (signo == 0)
    return std::nullopt;
  const char *name = ::sigabbrev_np(signo);
  return llvm::formatv(
             "lldb-server-iothreads: process {0} is stopped by job control "
             "(SIG{1}) and runs only once it gets SIGCONT, e.g. from a shell: "
             "kill -CONT {0}\n",
             process.GetID(), name ? name : "?")
      .str();
}

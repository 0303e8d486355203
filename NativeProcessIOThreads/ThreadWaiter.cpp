//===-- ThreadWaiter.cpp - The one way to block for a thread's status -----===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ThreadWaiter.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"

#include <cerrno>
#include <cstring>
#include <sys/wait.h>

using namespace iothreads;
using namespace lldb_private;

ThreadWaiter::~ThreadWaiter() = default;

llvm::Expected<WaitEvent> ThreadWaiter::Wait(pid_t tid) {
  llvm::Expected<int> status = WaitStatus(tid);
  if (!status)
    return status.takeError();
  return WaitEvent::Decode(*status);
}

llvm::Expected<int> DirectWaiter::WaitStatus(pid_t tid) {
  int status;
  while (::waitpid(tid, &status, __WALL) == -1)
    if (errno != EINTR)
      return llvm::createStringError(
          std::error_code(errno, std::generic_category()),
          "cannot wait for thread %d: %s", tid, std::strerror(errno));
  return status;
}

void DirectWaiter::Forward(pid_t tid, int status) {
  LLDB_LOG(GetLog(LLDBLog::Process), "tid {0}: {1} left unhandled", tid,
           WaitEvent::Decode(status));
}

//===-- ThreadWaiter.h - Blocking for one thread's status ------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Most wait statuses arrive through the SIGCHLD dispatch. A few steps must
// block for one thread instead (an attach waiting for its interrupts, a fork
// child's first stop, a step through an injected system call, a launch
// waiting for exec); they all wait through a ThreadWaiter, which also takes a
// status the dispatch collected early, and they hand every status they do not
// act on back to the dispatch, so none is lost.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_THREADWAITER_H
#define NATIVEPROCESSIOTHREADS_THREADWAITER_H

#include "WaitEvent.h"

#include "llvm/Support/Error.h"

#include <sys/types.h>

namespace iothreads {

class ThreadWaiter {
public:
  virtual ~ThreadWaiter();
  /// Blocks until thread \p tid reports a status and returns it raw.
  virtual llvm::Expected<int> WaitStatus(pid_t tid) = 0;
  /// Hands a status its waiter does not act on to the ordinary dispatch.
  virtual void Forward(pid_t tid, int status) = 0;

  /// WaitStatus, decoded.
  llvm::Expected<WaitEvent> Wait(pid_t tid);
};

/// For a thread no dispatch is behind (a unit test's child): waitpid, and a
/// forwarded status is only logged.
class DirectWaiter final : public ThreadWaiter {
public:
  llvm::Expected<int> WaitStatus(pid_t tid) override;
  void Forward(pid_t tid, int status) override;
};

} // namespace iothreads

#endif

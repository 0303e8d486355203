//===-- InferiorLauncher.h - Starting a program under trace -----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The child waits on a pipe until we have seized it, then execs, so tracing
// is in place before any of the program's code runs and no signal is used to
// get there. The program is returned stopped at its PTRACE_EVENT_EXEC stop.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_INFERIORLAUNCHER_H
#define NATIVEPROCESSIOTHREADS_INFERIORLAUNCHER_H

#include "llvm/Support/Error.h"

#include <sys/types.h>

namespace lldb_private {
class ProcessLaunchInfo;
}

namespace iothreads {

class ThreadWaiter;

struct LaunchedInferior {
  pid_t Pid;
  /// The primary side of the program's pseudo terminal, or -1.
  int TerminalFd;
};

/// Starts the program of \p info seized, and waits through \p waiter until
/// it has exec'd.
llvm::Expected<LaunchedInferior>
LaunchTraced(lldb_private::ProcessLaunchInfo &info, ThreadWaiter &waiter);

} // namespace iothreads

#endif

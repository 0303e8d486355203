//===-- ChildProcess.h - A real child process for a test --------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_UNITTESTS_CHILDPROCESS_H
#define NATIVEPROCESSIOTHREADS_UNITTESTS_CHILDPROCESS_H

#include <functional>
#include <memory>
#include <sys/types.h>

namespace iothreads {

/// Forks a child that runs a body and exits with its result. The child is
/// killed and reaped when the object goes, so a failing test leaves nothing.
class ChildProcess {
public:
  explicit ChildProcess(std::function<int()> body);
  ~ChildProcess();
  ChildProcess(const ChildProcess &) = delete;
  ChildProcess &operator=(const ChildProcess &) = delete;

  pid_t Pid() const { return ChildPid; }
  /// waitpid(tid, __WALL) on one of the child's threads; -1 on failure.
  int Wait(pid_t tid);
  int Wait() { return Wait(ChildPid); }
  /// Records that the child was reaped, so it is not waited for again.
  void Reaped() { ChildPid = -1; }
  /// Blocks until the child's body has called ReportReady().
  void WaitUntilReady();
  /// Called in the child when it is set up (handlers installed, threads
  /// started), so the test acts on a child in a known state.
  static void ReportReady();

private:
  pid_t ChildPid;
  int ReadyPipe[2];
};

/// Runs forever without a system call, as a busy thread does.
[[noreturn]] void Spin();

/// A child that has become the 32-bit Spin32 program.
std::unique_ptr<ChildProcess> StartSpin32();

/// Whether this machine's kernel runs i386 programs (IA32 emulation); tests
/// of 32-bit threads skip where it does not.
bool MachineRunsI386Programs();

/// Whether this machine delivers hardware watchpoint traps; some virtual
/// machines accept debug register writes and never trap.
bool MachineDeliversDebugTraps();

} // namespace iothreads

#endif

//===-- SyscallRestart.h - Undoing the EINTR our stops cause ----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A few blocking system calls fail with EINTR when the thread in them is
// stopped by PTRACE_INTERRUPT, though no signal reaches the program (signal(7)
// lists them for stop signals; io_uring_enter waits do the same). The stop
// shows rax = -EINTR with the call's number in orig_rax. Setting rax to
// -ERESTARTNOHAND before the thread resumes makes the kernel restart the call
// on the way out, and a signal whose handler runs still turns it into EINTR.
//
// The set below was measured on Linux 6.18 (unittests/SyscallRestartTest.cpp
// keeps the measurement): read, futex, nanosleep, poll, select, pause,
// io_pgetevents and the like already show a restart code at the stop and
// need nothing.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_SYSCALLRESTART_H
#define NATIVEPROCESSIOTHREADS_SYSCALLRESTART_H

#include "NativeProcessIOThreads/ExecutionMode.h"
#include "NativeProcessIOThreads/Procfs.h"

#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <optional>
#include <sys/user.h>

namespace iothreads {

/// The kernel's -ERESTARTNOHAND: restart unless a handler runs.
inline constexpr int64_t RestartUnlessHandled = -514;

/// What a stopped thread's registers say of the system call it was in.
struct SyscallRegisters {
  ExecutionMode Mode = ExecutionMode::X86_64;
  /// orig_rax: the call's number in the table of Mode, or -1 for none.
  int64_t Number = -1;
  /// rax: what the call returns if the thread resumes as it is.
  int64_t Result = 0;
  /// The first two arguments (rdi, rsi; ebx, ecx in compat mode).
  uint64_t Arguments[2] = {0, 0};
};

/// Reads the system call state out of a thread's registers. A compat
/// thread's values are the sign-extended 32-bit registers.
SyscallRegisters DecodeSyscallRegisters(const user_regs_struct &regs,
                                        ExecutionMode mode);

/// The name of the wait \p regs shows failing with EINTR, when restarting
/// it repeats nothing: the kernel returns a count, not EINTR, once a call
/// has consumed events or submitted work, and an io_uring_enter that
/// submits (to_submit > 0) is never restarted. std::nullopt otherwise.
std::optional<llvm::StringRef> InterruptedWait(const SyscallRegisters &regs);

/// True when a signal pending for the thread ends the call with EINTR
/// without us: an unblocked one that a handler catches or that stops the
/// process (job control makes these calls fail too). Others restart the
/// call or end the process either way.
bool SignalWillInterrupt(const TaskSignals &signals);

} // namespace iothreads

#endif

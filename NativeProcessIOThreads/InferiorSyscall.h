//===-- InferiorSyscall.h - A system call made by a stopped thread -*- C++ -*-//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Some work can only be done from inside the debuggee: mapping memory for
// lldb's expressions is the main one. A stopped thread is made to execute one
// system call instruction at its own pc, stepped over it, and put back as it
// was, registers and code bytes alike.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_INFERIORSYSCALL_H
#define NATIVEPROCESSIOTHREADS_INFERIORSYSCALL_H

#include "InferiorMemory.h"

#include "NativeProcessIOThreads/ExecutionMode.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <sys/types.h>

namespace iothreads {

class ThreadWaiter;

/// A system call in the convention of the mode a thread runs in: the
/// x86-64 `syscall` instruction or the i386 `int $0x80`.
struct SyscallRequest {
  ExecutionMode Mode;
  long Number;
  /// Up to six arguments, in the mode's argument order.
  llvm::ArrayRef<uint64_t> Arguments;
};

/// Runs \p request in the ptrace-stopped thread \p tid and returns what the
/// call returned; a kernel error code becomes an error. A signal that comes
/// in while the call runs is queued to the thread again, so it is not lost;
/// the thread's end, should it come, goes back to \p waiter's dispatch.
llvm::Expected<uint64_t> RunSyscall(pid_t tid, InferiorMemory &memory,
                                    ThreadWaiter &waiter,
                                    const SyscallRequest &request);

} // namespace iothreads

#endif

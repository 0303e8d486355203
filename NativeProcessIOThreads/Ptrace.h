//===-- Ptrace.h - ptrace requests as llvm::Error values --------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Thin wrappers over ptrace(2). Each returns an llvm::Error or Expected whose
// message names the request, the thread and the errno text, so a failure can
// travel to lldb unchanged.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_PTRACE_H
#define NATIVEPROCESSIOTHREADS_PTRACE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <csignal>
#include <cstdint>
#include <optional>
#include <sys/types.h>
#include <sys/user.h>
#include <vector>

namespace iothreads {
namespace ptrace {

/// The pid /proc shows as the tracer of the threads we trace: our guardian's
/// while one traces for us (Guardian.h), ours otherwise.
pid_t TracerPid();

/// The options every thread we trace carries: clone, exec and exit events,
/// so the thread list and the image stay known without polling (and a
/// leader that exits before its process is never waited for), and fork and
/// vfork events, so a child never runs into breakpoints it inherited.
unsigned DefaultOptions();

/// PTRACE_SEIZE with \p options set in the same call.
llvm::Error Seize(pid_t tid, unsigned options);
llvm::Error Interrupt(pid_t tid);
llvm::Error Continue(pid_t tid, int signo);
llvm::Error SingleStep(pid_t tid, int signo);
/// Leaves a group-stopped thread stopped but lets us hear when it ends.
llvm::Error Listen(pid_t tid);
llvm::Error Detach(pid_t tid, int signo);
llvm::Expected<unsigned long> GetEventMessage(pid_t tid);
llvm::Expected<siginfo_t> GetSignalInfo(pid_t tid);
/// The first \p signo waiting in the thread's own queue of pending signals,
/// if any (PTRACE_PEEKSIGINFO; the queue is left as it is).
llvm::Expected<std::optional<siginfo_t>> PeekQueuedSignal(pid_t tid, int signo);

llvm::Error GetGeneralRegisters(pid_t tid, user_regs_struct &regs);
llvm::Error SetGeneralRegisters(pid_t tid, const user_regs_struct &regs);
llvm::Error GetFloatingPointRegisters(pid_t tid, user_fpregs_struct &regs);
llvm::Error SetFloatingPointRegisters(pid_t tid,
                                      const user_fpregs_struct &regs);
/// The register set \p type (an NT_* note type) in the view of the thread's
/// current mode: an i386 thread's NT_PRSTATUS is the i386 layout. \p area's
/// size is the most read; it is resized to what the kernel answers with.
llvm::Error GetRegisterSet(pid_t tid, unsigned type,
                           std::vector<uint8_t> &area);
/// The thread's XSAVE area (NT_X86_XSTATE). \p area is resized to the size
/// the kernel answers with, which is the size a write must have.
llvm::Error GetExtendedState(pid_t tid, std::vector<uint8_t> &area);
llvm::Error SetExtendedState(pid_t tid, llvm::ArrayRef<uint8_t> area);
/// Where debug register \p index (0-7) is in the user area.
void *DebugRegisterOffset(unsigned index);
/// Debug register \p index (0-7) through the user area.
llvm::Expected<uint64_t> ReadDebugRegister(pid_t tid, unsigned index);
llvm::Error WriteDebugRegister(pid_t tid, unsigned index, uint64_t value);

} // namespace ptrace
} // namespace iothreads

#endif

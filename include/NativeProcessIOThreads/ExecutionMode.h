//===-- ExecutionMode.h - The mode a thread really runs in ------*- C++ -*-===//
//
// A 64-bit process can run 32-bit code (Wine's WoW64 far-jumps a thread to
// the compat code selector), and every thread of a -m32 process runs in
// compat mode. The kernel tells per thread: PTRACE_GETREGSET(NT_PRSTATUS)
// fills a 64-bit user_regs_struct (216 bytes) for a thread in 64-bit mode
// and a 32-bit one (68 bytes) for a thread in compat mode. PTRACE_GETREGS
// and the code selector's value say nothing reliable about it.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_EXECUTIONMODE_H
#define NATIVEPROCESSIOTHREADS_EXECUTIONMODE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstddef>
#include <sys/types.h>

namespace iothreads {

enum class ExecutionMode { X86_64, I386 };

/// "x86-64" or "i386": the names the topology JSON uses.
llvm::StringRef ExecutionModeName(ExecutionMode mode);

/// The mode an NT_PRSTATUS regset of \p size bytes belongs to.
llvm::Expected<ExecutionMode> ExecutionModeFromPrstatusSize(size_t size);

/// The mode a ptrace-stopped thread is in now. A thread can switch modes,
/// so this is read again at every stop.
llvm::Expected<ExecutionMode> ReadExecutionMode(pid_t tid);

} // namespace iothreads

#endif

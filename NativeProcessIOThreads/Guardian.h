//===-- Guardian.h - The tracer that outlives the server --------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// When a tracer dies, the kernel lets its tracees run at once: a thread that
// then reaches a trap dies of SIGTRAP, a step in flight delivers its SIGTRAP,
// and nothing started after the death can seize them first. So for a program
// we attached to, the tracer is not the server but a small process forked
// before the attach: the guardian. It runs every ptrace request and waitpid
// for the server, and it is still the tracer when the server dies (SIGKILL,
// the OOM killer, a crash). It then stops the threads, puts back the bytes
// under every trap, clears steps and debug registers, and detaches each
// thread with the signal it was due (GuardianProcess.cpp).
//
// The cost is a round trip between two processes per ptrace request; memory
// is still read and written by the server itself.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_GUARDIAN_H
#define NATIVEPROCESSIOTHREADS_GUARDIAN_H

#include "GuardianWire.h"

#include "lldb/lldb-types.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <sys/types.h>
#include <utility>
#include <vector>

namespace iothreads {

class Guardian {
public:
  /// Forks the guardian. From now until it is destroyed, every ptrace
  /// request of this server goes to it (Active()).
  static llvm::Expected<std::unique_ptr<Guardian>> Start();
  /// Tells the guardian it has nothing to rescue, and lets it exit.
  ~Guardian();
  Guardian(const Guardian &) = delete;
  Guardian &operator=(const Guardian &) = delete;

  /// The guardian tracing for this server, if one runs. A server traces
  /// either through one (it attached) or itself (it launched), never both.
  static Guardian *Active();

  pid_t GetPid() const { return Pid; }

  /// ptrace(2) run by the guardian: the same arguments, result and errno.
  long Ptrace(int op, pid_t tid, void *addr, void *data);

  /// The descriptor that becomes readable when wait statuses arrive.
  int GetStatusDescriptor() const { return Statuses; }
  /// Appends the wait statuses that have arrived, as (tid, status); waits
  /// up to \p timeout_ms (-1: forever) for at least one. Fails when the
  /// guardian is gone.
  llvm::Error ReceiveStatuses(std::vector<std::pair<pid_t, int>> &received,
                              int timeout_ms);

  /// Lists a trap before it is written to memory, or updates the bytes it
  /// replaces. A trap stays listed while it may be in the memory of any
  /// process we trace (a forked child has its parent's): the guardian puts
  /// bytes back only where it finds the trap itself.
  void ListTrap(lldb::addr_t addr, llvm::ArrayRef<uint8_t> saved,
                llvm::ArrayRef<uint8_t> opcode);
  /// The address space the traps were in is gone (exec).
  void ForgetTraps();

private:
  Guardian(pid_t pid, int requests, int statuses, guardian::TrapTable *table);

  pid_t Pid;
  int Requests;
  int Statuses;
  guardian::TrapTable *Table;
  /// Where each listed trap's entry is.
  llvm::DenseMap<lldb::addr_t, uint32_t> TrapEntries;
  /// A status read in part; the rest follows.
  std::vector<char> Partial;
  /// Reused for every request and reply.
  std::vector<char> Buffer;
};

} // namespace iothreads

#endif

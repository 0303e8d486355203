//===-- WaitEvent.h - What a waitpid status says happened -------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Decoding is kept apart from acting on it: a status becomes a WaitEvent value
// here, and TraceeState decides what to do with it.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_WAITEVENT_H
#define NATIVEPROCESSIOTHREADS_WAITEVENT_H

#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <sys/types.h>

namespace iothreads {

struct WaitEvent {
  enum class Kind {
    /// The thread exited; Value is the exit code.
    Exited,
    /// The thread was killed; Value is the signal.
    Killed,
    /// Signal-delivery-stop; Value is the signal, which a resume may deliver.
    SignalStop,
    /// PTRACE_EVENT_STOP with SIGTRAP: our PTRACE_INTERRUPT or the first stop
    /// of a thread that was auto-attached at clone.
    InterruptStop,
    /// PTRACE_EVENT_STOP with a stop signal: the thread is in a group-stop
    /// (job control); Value is the stop signal.
    GroupStop,
    /// PTRACE_EVENT_CLONE; the new tid comes from PTRACE_GETEVENTMSG.
    Clone,
    /// PTRACE_EVENT_FORK and PTRACE_EVENT_VFORK.
    Fork,
    VFork,
    VForkDone,
    /// PTRACE_EVENT_EXEC; the former tid comes from PTRACE_GETEVENTMSG.
    Exec,
    /// PTRACE_EVENT_EXIT: the thread is on its way out; Value is unused.
    Exiting,
    /// A status this decoder does not know; Value is the raw status.
    Unknown,
  };

  Kind EventKind;
  int Value = 0;

  static WaitEvent Decode(int status);

  bool IsStop() const {
    return EventKind != Kind::Exited && EventKind != Kind::Killed;
  }
  bool operator==(const WaitEvent &other) const {
    return EventKind == other.EventKind && Value == other.Value;
  }
};

llvm::raw_ostream &operator<<(llvm::raw_ostream &os, const WaitEvent &event);

} // namespace iothreads

#endif

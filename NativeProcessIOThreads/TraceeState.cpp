//===-- TraceeState.cpp - The ptrace state of one thread ------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "TraceeState.h"
#include "Ptrace.h"

#include <cerrno>
#include <sys/syscall.h>
#include <unistd.h>

using namespace iothreads;
using Kind = WaitEvent::Kind;
using Reaction = TraceeState::Reaction;

Reaction TraceeState::OnEvent(const WaitEvent &event, bool process_stopping,
                              bool signal_passes) {
  InterruptStopped = event.EventKind == Kind::InterruptStop;
  switch (event.EventKind) {
  case Kind::Exited:
  case Kind::Killed:
    CurrentPhase = Phase::Exited;
    return Reaction::Gone;

  case Kind::SignalStop:
    CurrentPhase = Phase::Stopped;
    DeliverableSignal = event.Value;
    GroupStopSignal = 0;
    if (QueuedSignal == event.Value) {
      QueuedSignal = 0;
      return Reaction::PassSignal;
    }
    return signal_passes ? Reaction::PassSignal : Reaction::Report;

  case Kind::InterruptStop:
    CurrentPhase = Phase::Stopped;
    DeliverableSignal = 0;
    GroupStopSignal = 0;
    return process_stopping ? Reaction::Parked : Reaction::ResumeAgain;

  case Kind::GroupStop:
    CurrentPhase = Phase::Stopped;
    DeliverableSignal = 0;
    GroupStopSignal = event.Value;
    return process_stopping ? Reaction::Parked : Reaction::Listen;

  case Kind::Clone:
  case Kind::Fork:
  case Kind::VFork:
  case Kind::VForkDone:
  case Kind::Exec:
  case Kind::Exiting:
    CurrentPhase = Phase::Stopped;
    DeliverableSignal = 0;
    return Reaction::ProcessEvent;

  case Kind::Unknown:
    break;
  }
  // An unknown stop is still a stop; lldb sees it rather than it being lost.
  CurrentPhase = Phase::Stopped;
  DeliverableSignal = 0;
  return Reaction::Report;
}

llvm::Error TraceeState::Run(ResumeKind kind, int signo) {
  llvm::Error error = kind == ResumeKind::Step ? ptrace::SingleStep(Tid, signo)
                                               : ptrace::Continue(Tid, signo);
  if (error) {
    // ESRCH: the kernel does not hold the thread in a ptrace-stop after all.
    // Seen about once in ten SIGCONTs that end a group-stop we listened to
    // while an interrupt was on its way: the stop we took for the interrupt
    // was the end of listening, and the thread runs, or is held listening
    // still. Either way the next PTRACE_INTERRUPT traps it; a thread that
    // died instead has its exit status on the way.
    std::error_code code = llvm::errorToErrorCode(std::move(error));
    if (code.value() != ESRCH)
      return llvm::errorCodeToError(code);
    CurrentPhase = Phase::Running;
    return llvm::Error::success();
  }
  LastResume = kind;
  CurrentPhase = kind == ResumeKind::Step ? Phase::Stepping : Phase::Running;
  DeliverableSignal = 0;
  GroupStopSignal = 0;
  return llvm::Error::success();
}

llvm::Error TraceeState::Resume(ResumeKind kind, int signo) {
  if (signo == 0 && kind == ResumeKind::Continue && GroupStopSignal != 0)
    return Listen();
  if (signo != 0 && signo != DeliverableSignal) {
    // Only a signal-delivery-stop can deliver a signal on resume; queue it
    // to this very thread and let its stop pass it on.
    if (::syscall(SYS_tkill, Tid, signo) == -1)
      return llvm::createStringError(
          std::error_code(errno, std::generic_category()),
          "cannot queue signal %d to thread %d", signo, Tid);
    QueuedSignal = signo;
    return Run(kind, 0);
  }
  return Run(kind, signo);
}

llvm::Error TraceeState::ResumeAgain() { return Run(LastResume, 0); }

llvm::Error TraceeState::PassSignal() {
  return Run(LastResume, DeliverableSignal);
}

llvm::Error TraceeState::Listen() {
  if (llvm::Error error = ptrace::Listen(Tid))
    return error;
  CurrentPhase = Phase::Listening;
  return llvm::Error::success();
}

llvm::Error TraceeState::RequestStop() {
  if (CurrentPhase == Phase::Stopped || CurrentPhase == Phase::Exited)
    return llvm::Error::success();
  return ptrace::Interrupt(Tid);
}

void TraceeState::SetStopped(int group_stop_signal) {
  CurrentPhase = Phase::Stopped;
  InterruptStopped = false;
  GroupStopSignal = group_stop_signal;
  DeliverableSignal = 0;
}

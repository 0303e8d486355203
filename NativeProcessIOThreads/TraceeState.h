//===-- TraceeState.h - The ptrace state of one thread ----------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// "How does a thread stop?" is answered here. A TraceeState knows what the
// kernel holds the thread in and what resuming it means; it decides, for each
// decoded wait event, what the process must do, and performs the ptrace
// requests that move the thread between states.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_TRACEESTATE_H
#define NATIVEPROCESSIOTHREADS_TRACEESTATE_H

#include "WaitEvent.h"

#include "llvm/Support/Error.h"

#include <sys/types.h>

namespace iothreads {

enum class ResumeKind { Continue, Step };

class TraceeState {
public:
  enum class Phase {
    /// Resumed with PTRACE_CONT, or auto-attached and not yet stopped.
    Running,
    /// Resumed with PTRACE_SINGLESTEP.
    Stepping,
    /// In a ptrace-stop we hold it in.
    Stopped,
    /// In a group-stop that we let stand (PTRACE_LISTEN): the kernel keeps it
    /// stopped for job control and tells us when that ends.
    Listening,
    Exited,
  };

  /// What the process must do after a thread event.
  enum class Reaction {
    /// The thread stopped for a reason lldb must see.
    Report,
    /// The thread stopped because the process is stopping all threads.
    Parked,
    /// A trap nobody needs (an interrupt that arrived after the all-stop it
    /// was sent for ended, the first stop of a new thread while running):
    /// resume as it last ran.
    ResumeAgain,
    /// A group-stop while running: let it stand with PTRACE_LISTEN.
    Listen,
    /// A signal that goes to the program without stopping the process.
    PassSignal,
    /// A clone, fork, exec or exit event for the process to handle.
    ProcessEvent,
    /// The thread is gone.
    Gone,
  };

  explicit TraceeState(pid_t tid) : Tid(tid) {}

  /// Classifies \p event. \p process_stopping says an all-stop is in
  /// progress; \p signal_passes says the process lets this signal through.
  Reaction OnEvent(const WaitEvent &event, bool process_stopping,
                   bool signal_passes);

  /// Resumes a stopped thread. A signal is delivered by the resume when the
  /// thread is in a signal-delivery-stop and queued to the thread otherwise,
  /// so it is never lost. A continued thread in a group-stop stays in it.
  llvm::Error Resume(ResumeKind kind, int signo);
  /// Resumes the thread as it last ran, without a signal.
  llvm::Error ResumeAgain();
  /// Lets a group-stop stand until it ends.
  llvm::Error Listen();
  /// Resumes the thread delivering the signal of its signal-delivery-stop.
  llvm::Error PassSignal();
  /// Asks a running thread to stop; a no-op for a stopped thread.
  llvm::Error RequestStop();

  pid_t GetTid() const { return Tid; }
  Phase GetPhase() const { return CurrentPhase; }
  bool IsStopped() const { return CurrentPhase == Phase::Stopped; }
  bool IsGone() const { return CurrentPhase == Phase::Exited; }
  bool WasStepping() const { return LastResume == ResumeKind::Step; }
  /// True in the PTRACE_EVENT_STOP of our PTRACE_INTERRUPT (attach, halt,
  /// all-stop), the one stop no signal caused.
  bool IsInterruptStopped() const {
    return CurrentPhase == Phase::Stopped && InterruptStopped;
  }
  /// The stop signal of a group-stop the thread is in, or 0.
  int GetGroupStopSignal() const { return GroupStopSignal; }
  /// The signal of the signal-delivery-stop the thread is in, or 0.
  int GetPendingSignal() const { return DeliverableSignal; }
  /// Drops the pending signal so a resume does not deliver it.
  void DiscardPendingSignal() { DeliverableSignal = 0; }

  /// For a thread that is known stopped when first traced.
  void SetStopped(int group_stop_signal);

private:
  llvm::Error Run(ResumeKind kind, int signo);

  pid_t Tid;
  Phase CurrentPhase = Phase::Running;
  ResumeKind LastResume = ResumeKind::Continue;
  int DeliverableSignal = 0;
  int GroupStopSignal = 0;
  bool InterruptStopped = false;
  /// A signal we queued with tgkill for lldb: its stop passes it on silently.
  int QueuedSignal = 0;
};

} // namespace iothreads

#endif

//===-- AllStop.h - Stopping every thread of a process ----------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Every stop the process makes is an all-stop: a thread with a reason (or a
// halt, or an attach) begins it, every other traced thread is asked to stop
// with PTRACE_INTERRUPT, and it completes once each has parked. AllStop owns
// that bookkeeping and the choice of the thread lldb is told about; the
// process supplies the threads through AllStop::Threads, which a test can
// script.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_ALLSTOP_H
#define NATIVEPROCESSIOTHREADS_ALLSTOP_H

#include "lldb/lldb-types.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <sys/types.h>
#include <vector>

namespace iothreads {

/// A thread as the all-stop sees it.
struct StopView {
  lldb::tid_t Tid = 0;
  /// Traced threads take part; an observed io thread runs on.
  bool Traced = false;
  bool Stopped = false;
  /// An io_uring thread: traced only when frozen, never a halt's reporter.
  bool IoThread = false;
  /// It was last resumed with a single step.
  bool Stepping = false;
  /// It stopped for a reason of its own (a breakpoint, a signal, ...).
  bool HasReason = false;

  bool OwesStop() const { return Traced && !Stopped; }
  bool RunsProgramCode() const { return Traced && !IoThread; }
};

class AllStop {
public:
  /// Why the all-stop was begun.
  enum class Purpose {
    /// A thread stopped for a reason; it is the one reported.
    Report,
    /// lldb asked for a halt; the reporter is chosen at completion.
    Halt,
    /// An attach or a detach waits for every thread itself; lldb is told
    /// nothing (the attach returns the stopped process).
    Silent,
  };

  /// The process's threads, in its order, and what the all-stop does to
  /// them.
  class Threads {
  public:
    virtual ~Threads();
    virtual size_t Count() const = 0;
    virtual StopView View(size_t index) const = 0;
    /// Asks a running thread to stop (PTRACE_INTERRUPT).
    virtual llvm::Error RequestStop(size_t index) = 0;
    /// A thread that traps just as it is interrupted parks first, with the
    /// trap queued. Resumes \p tid to take it and returns true when so.
    virtual bool TakeQueuedTrap(lldb::tid_t tid) = 0;
  };

  /// The outcome of a completed all-stop.
  struct Completion {
    Purpose For;
    /// The thread lldb is told about; none when no thread is left.
    std::optional<lldb::tid_t> Reporter;
    /// The reporter stopped only because of the halt: lldb sees SIGSTOP.
    bool HaltedByRequest = false;
  };

  explicit AllStop(Threads &threads) : Members(threads) {}

  bool InProgress() const { return Current.has_value(); }
  bool IsSilent() const { return Current && *Current == Purpose::Silent; }

  /// Begins an all-stop in which every thread is already asked to stop (an
  /// attach, a refused step, an exec). \p reporter is required for
  /// Purpose::Report.
  void Begin(Purpose purpose, std::optional<lldb::tid_t> reporter);
  /// Begins an all-stop and asks every traced thread to stop.
  void StopAll(Purpose purpose, std::optional<lldb::tid_t> reporter);
  /// Drops the all-stop in progress: the process resumes or has ended.
  void Abandon();
  /// A thread was resumed or removed while stopping: the stopped-prefix
  /// shortcut no longer holds.
  void ThreadsMoved() { StoppedPrefix = 0; }

  /// Adds the threads that owe this all-stop a stop to \p awaited.
  void AppendAwaited(std::vector<pid_t> &awaited) const;
  /// A thread parked for this all-stop. Returns the completion when it was
  /// the last.
  std::optional<Completion> OnParked(lldb::tid_t tid, lldb::tid_t current);
  /// Returns the completion when every traced thread has stopped; the
  /// all-stop then ends. \p current is the process's current thread.
  std::optional<Completion> TryComplete(lldb::tid_t current);

private:
  std::optional<lldb::tid_t> ReporterStillThere() const;
  /// A halt is shown on a thread that stopped for a reason meanwhile, else
  /// on a program thread that was stepping (what the user waits on), else
  /// the current one if it runs program code, else the first that does. An
  /// io thread is never halted, yet it is current after a refused step of it
  /// or an Hg.
  Completion ChooseHaltReporter(lldb::tid_t current) const;

  Threads &Members;
  std::optional<Purpose> Current;
  std::optional<lldb::tid_t> Reporter;
  /// Every traced thread before this index is stopped, so each wait status
  /// checks only the threads after it and a whole stop costs O(N), not
  /// O(N^2).
  size_t StoppedPrefix = 0;
};

} // namespace iothreads

#endif

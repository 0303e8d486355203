//===-- NativeProcessIOThreads.cpp - A process debugged through ptrace ----===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The process core: lifecycle, threads, resume, halt, detach, kill and the
// all-stop's side of the process.
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads.h"
#include "InferiorLauncher.h"
#include "NativeProcessIOThreads/Manager.h"
#include "NativeProcessIOThreads/Procfs.h"
#include "ProcessArchitecture.h"
#include "Ptrace.h"
#include "ThreadWaiter.h"

#include "lldb/Host/ProcessLaunchInfo.h"
#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"

#include <cerrno>
#include <csignal>
#include <cstring>

using namespace iothreads;
using namespace lldb_private;

namespace {

Log *ProcessLog() { return GetLog(LLDBLog::Process); }

} // namespace

NativeProcessIOThreads::NativeProcessIOThreads(pid_t pid, int terminal_fd,
                                               NativeDelegate &delegate,
                                               ProcessManager &manager,
                                               const ArchSpec &arch,
                                               bool launched)
    : NativeProcessELF(pid, terminal_fd, delegate), Manager(manager),
      Arch(arch), Memory(pid), Launched(launched) {
  Manager.Register(*this);
}

NativeProcessIOThreads::~NativeProcessIOThreads() {
  if (!ThreadsByTid.empty() && IsAlive()) {
    // The session ended without saying what to do: a program we started
    // goes with it, one we attached to is left running on its own.
    if (Launched)
      ::kill(GetID(), SIGKILL);
    else
      Detach();
  }
  // Last: the guardian, which goes with the last process, does the detach.
  Manager.Unregister(*this);
}

llvm::Expected<std::unique_ptr<NativeProcessIOThreads>>
NativeProcessIOThreads::Launch(ProcessLaunchInfo &info,
                               NativeDelegate &delegate,
                               ProcessManager &manager) {
  llvm::Expected<LaunchedInferior> launched =
      LaunchTraced(info, manager.GetWaiter());
  if (!launched)
    return launched.takeError();
  llvm::Expected<ArchSpec> arch = ReadProcessArchitecture(launched->Pid);
  if (!arch) {
    ::kill(launched->Pid, SIGKILL);
    return arch.takeError();
  }
  std::unique_ptr<NativeProcessIOThreads> process(
      new NativeProcessIOThreads(launched->Pid, launched->TerminalFd, delegate,
                                 manager, *arch, /*launched=*/true));
  NativeThreadIOThreads &thread = process->AddThread(launched->Pid);
  thread.Tracee().SetStopped(0);
  process->SetCurrentThreadID(thread.GetID());
  process->SetState(lldb::eStateStopped, false);
  return process;
}

NativeThreadIOThreads &NativeProcessIOThreads::AddThread(pid_t tid) {
  TaskInfo info;
  info.Tid = tid;
  return AddThread(tid, std::move(info), /*traced=*/true);
}

NativeThreadIOThreads &
NativeProcessIOThreads::AddThread(pid_t tid, TaskInfo info, bool traced) {
  std::lock_guard<std::recursive_mutex> guard(m_threads_mutex);
  auto thread = std::make_unique<NativeThreadIOThreads>(
      *this, tid, std::move(info), traced);
  NativeThreadIOThreads &result = *thread;
  m_threads.push_back(std::move(thread));
  ThreadsByTid[tid] = &result;
  return result;
}

void NativeProcessIOThreads::ForgetAllThreads() {
  std::lock_guard<std::recursive_mutex> guard(m_threads_mutex);
  ThreadsByTid.clear();
  Manager.DestroySoon(std::move(m_threads));
  m_threads.clear();
  Stop.ThreadsMoved();
}

void NativeProcessIOThreads::RemoveThread(pid_t tid) {
  std::lock_guard<std::recursive_mutex> guard(m_threads_mutex);
  if (!ThreadsByTid.erase(tid))
    return;
  llvm::erase_if(m_threads, [tid](const auto &thread) {
    return thread->GetID() == static_cast<lldb::tid_t>(tid);
  });
  Stop.ThreadsMoved();
}

NativeThreadIOThreads *NativeProcessIOThreads::FindThread(pid_t tid) const {
  auto it = ThreadsByTid.find(tid);
  return it == ThreadsByTid.end() ? nullptr : it->second;
}

NativeThreadIOThreads *
NativeProcessIOThreads::FirstProgramThread(pid_t except) const {
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    if (ours.IsTraced() && !ours.IsIoThread() &&
        static_cast<pid_t>(ours.GetID()) != except)
      return &ours;
  }
  return nullptr;
}

size_t NativeProcessIOThreads::UpdateThreads() { return m_threads.size(); }

void NativeProcessIOThreads::AppendAwaitedStops(
    std::vector<pid_t> &awaited) const {
  Stop.AppendAwaited(awaited);
}

void NativeProcessIOThreads::FinishStopIfComplete() {
  if (std::optional<AllStop::Completion> done =
          Stop.TryComplete(GetCurrentThreadID()))
    ReportAllStop(*done);
}

void NativeProcessIOThreads::ReportAllStop(const AllStop::Completion &done) {
  if (done.For == AllStop::Purpose::Silent)
    return;
  RefreshIoThreads();
  NativeThreadIOThreads *thread =
      done.Reporter ? FindThread(*done.Reporter) : nullptr;
  // The refresh may have removed an io thread that had ended: report on a
  // program thread instead.
  if (!thread)
    thread = FirstProgramThread();
  lldb::tid_t reporter = thread ? thread->GetID() : GetCurrentThreadID();
  if (thread && done.HaltedByRequest)
    thread->SetHaltedByRequest();
  SetCurrentThreadID(reporter);
  // Before lldb hears of the stop: once it has, the server may be killed.
  LiftTraps();
  SetState(lldb::eStateStopped, true);
}

StopView NativeProcessIOThreads::View(size_t index) const {
  const NativeThreadIOThreads &thread = Ours(m_threads[index]);
  StopView view;
  view.Tid = thread.GetID();
  view.Traced = thread.IsTraced();
  view.Stopped = thread.Tracee().IsStopped();
  view.IoThread = thread.IsIoThread();
  view.Stepping = thread.Tracee().WasStepping();
  view.HasReason = thread.HasStopReason();
  return view;
}

llvm::Error NativeProcessIOThreads::RequestStop(size_t index) {
  NativeThreadIOThreads &thread = Ours(m_threads[index]);
  // Stopped already, with its status about to be handled: an interrupt would
  // stay pending and stop it again as soon as it is resumed.
  if (Manager.HasCollectedStatus(static_cast<pid_t>(thread.GetID())))
    return llvm::Error::success();
  return thread.Tracee().RequestStop();
}

bool NativeProcessIOThreads::IsTrapQueued(NativeThreadIOThreads &thread) {
  // Only a thread that may have trapped is asked, which saves a system call
  // per thread per stop: one that was stepping, that has debug registers
  // armed, or whose pc is just past one of our breakpoints.
  bool may_have_trapped =
      thread.Tracee().WasStepping() || !thread.GetDebugRegisterSlots().Empty();
  if (!may_have_trapped && !m_software_breakpoints.empty())
    may_have_trapped = m_software_breakpoints.count(
        thread.GetRegisterContext().GetPC() - GetSoftwareBreakpointPCOffset());
  if (!may_have_trapped)
    return false;
  llvm::Expected<std::optional<siginfo_t>> trap =
      ptrace::PeekQueuedSignal(thread.GetID(), SIGTRAP);
  if (!trap) {
    LLDB_LOG_ERROR(ProcessLog(), trap.takeError(),
                   "cannot look for a queued trap: {0}");
    return false;
  }
  // Only a trap the kernel raised is certain to be taken at once: it is
  // forced through any blocking. One a program sent itself may be blocked.
  return *trap && (*trap)->si_code > 0;
}

bool NativeProcessIOThreads::TakeQueuedTrap(lldb::tid_t tid) {
  NativeThreadIOThreads *thread = FindThread(static_cast<pid_t>(tid));
  if (!thread || !IsTrapQueued(*thread))
    return false;
  // Resumed without a new interrupt, the thread dequeues the trap before it
  // runs any code, and stops for it; that stop is classified as any other.
  thread->LeaveStop();
  if (llvm::Error error = thread->Tracee().Resume(ResumeKind::Continue, 0)) {
    LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                   "cannot let a thread take its trap: {0}");
    return false;
  }
  return true;
}

Status NativeProcessIOThreads::Resume(const ResumeActionList &actions) {
  if (PendingExitStatus) {
    SetState(lldb::eStateRunning, true);
    Manager.ReportSoon(GetID());
    return Status();
  }
  // Refuse before anything runs: a step aimed at an io thread would never
  // complete, and the session must stay as it was.
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    const ResumeAction *action =
        actions.GetActionForThread(ours.GetID(), /*default_ok=*/false);
    if (action && action->state == lldb::eStateStepping)
      if (llvm::Error error = ours.CheckSteppable()) {
        RefuseStep(ours, std::move(error));
        return Status();
      }
  }
  Stop.Abandon();
  struct Run {
    NativeThreadIOThreads &Thread;
    ResumeKind Kind;
    int Signal;
  };
  std::vector<Run> runs;
  runs.reserve(m_threads.size());
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    const ResumeAction *action = actions.GetActionForThread(ours.GetID(), true);
    if (!ours.IsTraced()) {
      ours.LeaveStop();
      continue;
    }
    if (!action || action->state == lldb::eStateSuspended ||
        !ours.Tracee().IsStopped())
      continue;
    // Single-stepping an io thread never completes; it only ever continues.
    ResumeKind kind =
        action->state == lldb::eStateStepping && !ours.IsIoThread()
            ? ResumeKind::Step
            : ResumeKind::Continue;
    // LLGS says "no signal" with LLDB_INVALID_SIGNAL_NUMBER. The SIGSTOP a
    // halt was reported with was never sent, so it is not passed on either.
    int signo =
        action->signal == LLDB_INVALID_SIGNAL_NUMBER ? 0 : action->signal;
    if (signo == SIGSTOP && ours.IsHaltedByRequest())
      signo = 0;
    runs.push_back({ours, kind, signo});
  }
  // A thread that only steps runs one instruction and cannot reach a trap
  // (lldb takes out the one where it stands), and io threads run no program
  // code: lifted traps go back only when a program thread continues.
  if (llvm::any_of(runs, [](const Run &run) {
        return run.Kind == ResumeKind::Continue && !run.Thread.IsIoThread();
      }))
    InsertTraps();
  bool stepping = false;
  llvm::Error failure = llvm::Error::success();
  for (const Run &run : runs) {
    stepping |= run.Kind == ResumeKind::Step;
    if (llvm::Error error = run.Thread.Resume(run.Kind, run.Signal))
      failure = llvm::joinErrors(std::move(failure), std::move(error));
  }
  SetState(stepping ? lldb::eStateStepping : lldb::eStateRunning, true);
  return Status(std::move(failure));
}

void NativeProcessIOThreads::RefuseStep(NativeThreadIOThreads &thread,
                                        llvm::Error why) {
  // No thread runs. The stop is reported from the main loop, after LLGS has
  // finished with the resume request, as the answer to it.
  thread.SetStopReason(lldb::eStopReasonException, 0,
                       llvm::toString(std::move(why)));
  SetState(lldb::eStateRunning, true);
  Stop.Begin(AllStop::Purpose::Report, thread.GetID());
  Manager.ReportSoon(GetID());
}

Status NativeProcessIOThreads::Halt() {
  if (!IsRunning() || Stop.InProgress())
    return Status();
  Stop.StopAll(AllStop::Purpose::Halt, std::nullopt);
  FinishStopIfComplete();
  return Status();
}

/// How long a silent stop waits for one thread before it handles what other
/// threads reported meanwhile.
static constexpr int SilentStopPatienceMs = 50;

void NativeProcessIOThreads::AwaitSilentStop() {
  std::vector<pid_t> awaited;
  while (Stop.InProgress()) {
    awaited.clear();
    Stop.AppendAwaited(awaited);
    if (awaited.empty()) {
      FinishStopIfComplete();
      continue;
    }
    for (pid_t tid : awaited) {
      NativeThreadIOThreads *thread = FindThread(tid);
      if (!thread || !thread->IsTraced() || thread->Tracee().IsStopped())
        continue;
      llvm::Expected<std::optional<int>> status =
          Manager.WaitStatusWithin(tid, SilentStopPatienceMs);
      if (!status) {
        // Not our child any more: nothing will come from it.
        LLDB_LOG_ERROR(ProcessLog(), status.takeError(), "{0}");
        RemoveThread(tid);
        FinishStopIfComplete();
        continue;
      }
      if (!*status) {
        // The thread may wait for another's event: an exec waits for the
        // threads it ended to finish exiting, and each stops at its exit
        // event until resumed. So what has come is handled now.
        Manager.DispatchCollected();
        break;
      }
      HandleWaitStatus(tid, **status);
    }
  }
}

/// True when thread \p tid of \p pid still exists and is not a zombie.
static bool IsThreadAlive(lldb::pid_t pid, pid_t tid) {
  llvm::Expected<TaskStat> stat = ReadTaskStat(static_cast<pid_t>(pid), tid);
  if (!stat) {
    llvm::consumeError(stat.takeError());
    return false;
  }
  return stat->State != 'Z' && stat->State != 'X';
}

Status NativeProcessIOThreads::Detach() {
  // An attached program's traps go first, while threads may still run: a
  // server that dies during the stop below leaves none in memory, and a
  // thread that now misses a breakpoint would have been let go anyway.
  LiftTraps();
  Quiet = true;
  // A thread is detached from a ptrace-stop only; LLGS detaches a running
  // process too (the client vanished, or sent D without a halt).
  if (IsRunning() || Stop.InProgress()) {
    Stop.StopAll(AllStop::Purpose::Silent, std::nullopt);
    AwaitSilentStop();
  }
  // Leave the program as it would be without us: no breakpoint bytes, each
  // thread carrying on with the signal it was about to receive.
  if (!TrapsLifted)
    WriteBreakpointBytes(/*traps=*/false);
  ForgetBreakpoints();

  llvm::Error failure = llvm::Error::success();
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    if (!ours.IsTraced())
      continue;
    ours.LeaveStop();
    llvm::Error error =
        ptrace::Detach(ours.GetID(), ours.Tracee().GetPendingSignal());
    if (!error)
      continue;
    // ESRCH also answers a thread that is not in a ptrace-stop; only one
    // that is gone needs no detaching.
    if (llvm::errorToErrorCode(std::move(error)).value() != ESRCH ||
        IsThreadAlive(GetID(), ours.GetID()))
      failure = llvm::joinErrors(
          std::move(failure),
          llvm::createStringError(llvm::inconvertibleErrorCode(),
                                  "cannot detach from thread %" PRIu64,
                                  ours.GetID()));
  }
  // A zombie leader is released too, so its exit goes to its parent.
  if (LeaderExited)
    llvm::consumeError(ptrace::Detach(GetID(), 0));
  ForgetAllThreads();
  SetState(lldb::eStateDetached, false);
  return Status(std::move(failure));
}

Status NativeProcessIOThreads::Signal(int signo) {
  if (::kill(GetID(), signo) != 0)
    return Status("cannot send signal %d to process %" PRIu64 ": %s", signo,
                  GetID(), std::strerror(errno));
  return Status();
}

Status NativeProcessIOThreads::Kill() {
  if (PendingExitStatus) {
    Manager.ReportSoon(GetID());
    return Status();
  }
  if (!IsAlive())
    return Status("process %" PRIu64 " has already exited", GetID());
  KillRequested = true;
  if (::kill(GetID(), SIGKILL) != 0)
    return Status("cannot kill process %" PRIu64 ": %s", GetID(),
                  std::strerror(errno));
  return Status();
}

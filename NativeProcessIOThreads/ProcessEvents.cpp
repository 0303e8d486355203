//===-- ProcessEvents.cpp - The dispatch of a process's wait events -------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Each wait status of one of the process's threads is decoded, classified by
// the thread's TraceeState and acted on here: stops with a reason, parked
// threads, clone, fork, exec and exit events.
//
//===----------------------------------------------------------------------===//

#include "Guardian.h"
#include "NativeProcessIOThreads.h"
#include "NativeProcessIOThreads/Manager.h"
#include "ProcessArchitecture.h"
#include "Ptrace.h"
#include "ThreadWaiter.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"
#include "llvm/Support/FormatVariadic.h"

#include <csignal>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;

namespace {

Log *ProcessLog() { return GetLog(LLDBLog::Process); }

} // namespace

void NativeProcessIOThreads::HandleWaitStatus(pid_t tid, int status) {
  WaitEvent event = WaitEvent::Decode(status);
  LLDB_LOG(ProcessLog(), "pid {0} tid {1}: {2}", GetID(), tid, event);
  NativeThreadIOThreads *thread = FindThread(tid);
  if (!thread) {
    // A leader that exited early left the thread list. Its id comes back
    // when another thread execs (that thread takes it over) or when the
    // whole process has ended.
    if (tid != static_cast<pid_t>(GetID()))
      return;
    if (event.EventKind == WaitEvent::Kind::Exec)
      OnExec();
    else if (!event.IsStop())
      OnThreadGone(tid, status);
    return;
  }

  bool passes = event.EventKind == WaitEvent::Kind::SignalStop &&
                m_signals_to_ignore.contains(event.Value);
  using Reaction = TraceeState::Reaction;
  Reaction reaction =
      thread->Tracee().OnEvent(event, Stop.InProgress(), passes);
  thread->ApplyPendingDebugRegisters();
  switch (reaction) {
  case Reaction::Report:
    OnStopWithReason(*thread, event);
    return;
  case Reaction::Parked:
    if (std::optional<AllStop::Completion> done =
            Stop.OnParked(tid, GetCurrentThreadID()))
      ReportAllStop(*done);
    return;
  case Reaction::ResumeAgain:
    ResumeSilently(*thread, "a stop nobody asked for");
    return;
  case Reaction::Listen:
    ResumeOrLog(*thread, thread->Tracee().Listen());
    return;
  case Reaction::PassSignal:
    thread->LeaveStop();
    ResumeOrLog(*thread, thread->Tracee().PassSignal());
    return;
  case Reaction::ProcessEvent:
    OnProcessEvent(*thread, event);
    return;
  case Reaction::Gone:
    OnThreadGone(tid, status);
    return;
  }
}

void NativeProcessIOThreads::ResumeOrLog(NativeThreadIOThreads &thread,
                                         llvm::Error error) {
  // A thread that cannot be resumed is being killed; its exit status is on
  // its way and will remove it.
  if (error) {
    LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                   "pid {1} tid {2}: resume failed: {0}", GetID(),
                   thread.GetID());
    return;
  }
  // Any ptrace-stop clears a pending PTRACE_INTERRUPT, so a thread resumed
  // from an event or a passed signal during an all-stop must be asked again.
  if (!Stop.InProgress())
    return;
  Stop.ThreadsMoved();
  if (llvm::Error error = thread.Tracee().RequestStop())
    LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                   "cannot interrupt thread again: {0}");
}

void NativeProcessIOThreads::ResumeSilently(NativeThreadIOThreads &thread,
                                            llvm::StringRef why) {
  LLDB_LOG(ProcessLog(), "tid {0} resumed: {1}", thread.GetID(), why);
  thread.LeaveStop();
  ResumeOrLog(thread, thread.Tracee().ResumeAgain());
}

void NativeProcessIOThreads::OnStopWithReason(NativeThreadIOThreads &thread,
                                              const WaitEvent &event) {
  if (event.EventKind == WaitEvent::Kind::SignalStop && event.Value == SIGTRAP)
    ClassifyTrap(thread);
  else if (event.EventKind == WaitEvent::Kind::SignalStop)
    thread.SetSignalStopReason(event.Value);
  else
    thread.SetStopReason(lldb::eStopReasonSignal, 0,
                         llvm::formatv("unexpected stop {0:x}", event.Value));

  ReportThreadStop(thread);
}

void NativeProcessIOThreads::ClassifyTrap(NativeThreadIOThreads &thread) {
  llvm::Expected<siginfo_t> info = ptrace::GetSignalInfo(thread.GetID());
  int code = info ? info->si_code : SI_USER;
  if (!info)
    llvm::consumeError(info.takeError());

  switch (code) {
  case SI_KERNEL:
  case TRAP_BRKPT: {
    lldb::addr_t pc = thread.GetRegisterContext().GetPC();
    if (m_software_breakpoints.count(pc - GetSoftwareBreakpointPCOffset())) {
      FixupBreakpointPCAsNeeded(thread);
      thread.Tracee().DiscardPendingSignal();
      thread.SetStopReason(lldb::eStopReasonBreakpoint, SIGTRAP);
      return;
    }
    break;
  }
  case TRAP_TRACE:
  case TRAP_HWBKPT:
    thread.Tracee().DiscardPendingSignal();
    // A step can trigger a watchpoint too; the watchpoint is what matters.
    if (std::optional<unsigned> slot = thread.TakeTriggeredSlot()) {
      const DebugRegisterSlots::Slot &hit =
          thread.GetDebugRegisterSlots().Get(*slot);
      if (hit.Kind == DebugRegisterSlots::Use::Execute) {
        thread.SetStopReason(lldb::eStopReasonBreakpoint, SIGTRAP);
        return;
      }
      // lldb reads "watched-address slot hit-address" from the description;
      // x86 reports the slot, not the byte accessed.
      thread.SetStopReason(
          lldb::eStopReasonWatchpoint, SIGTRAP,
          llvm::formatv("{0} {1} {0}", hit.Address, *slot).str());
      return;
    }
    thread.SetStopReason(lldb::eStopReasonTrace, SIGTRAP);
    return;
  default:
    break;
  }
  // A SIGTRAP of the program's own (its int3, a kill): it gets it back.
  thread.SetStopReason(lldb::eStopReasonSignal, SIGTRAP);
}

/// True when /proc lists \p tid among the tasks of process \p pid.
static bool IsThreadOf(lldb::pid_t pid, unsigned long tid) {
  std::string path = llvm::formatv("/proc/{0}/task/{1}", pid, tid);
  return ::access(path.c_str(), F_OK) == 0;
}

void NativeProcessIOThreads::OnProcessEvent(NativeThreadIOThreads &thread,
                                            const WaitEvent &event) {
  switch (event.EventKind) {
  case WaitEvent::Kind::Clone:
    OnClone(thread);
    return;
  case WaitEvent::Kind::Exec:
    OnExec();
    return;
  case WaitEvent::Kind::Exiting:
    OnThreadExiting(thread);
    return;
  case WaitEvent::Kind::Fork:
  case WaitEvent::Kind::VFork:
    OnFork(thread, event.EventKind == WaitEvent::Kind::VFork);
    return;
  case WaitEvent::Kind::VForkDone:
    // lldb took its breakpoints out of the memory a vfork child shared
    // with us; now that the child has exec'd or exited it puts them back.
    if (bool(m_enabled_extensions & Extension::vfork)) {
      thread.SetStopReason(lldb::eStopReasonVForkDone, SIGTRAP);
      ReportThreadStop(thread);
      return;
    }
    ResumeSilently(thread, "vfork done, lldb does not follow vforks");
    return;
  default:
    ResumeSilently(thread, "an event nobody needs");
    return;
  }
}

void NativeProcessIOThreads::OnClone(NativeThreadIOThreads &thread) {
  llvm::Expected<unsigned long> child = ptrace::GetEventMessage(thread.GetID());
  if (!child) {
    LLDB_LOG_ERROR(ProcessLog(), child.takeError(),
                   "cannot learn the new thread's id: {0}");
  } else if (!IsThreadOf(GetID(), *child)) {
    // A clone() without CLONE_THREAD made a process; the kernel reports it
    // as a clone, not a fork, when its exit signal is not SIGCHLD.
    OnFork(thread, /*vfork=*/false);
    return;
  } else {
    pid_t tid = static_cast<pid_t>(*child);
    if (!OwnsThread(tid)) {
      NativeThreadIOThreads &born = AddThread(tid);
      born.ExpectBirthStop();
      InheritDebugRegisters(born);
      LLDB_LOG(ProcessLog(), "tid {0} created tid {1}", thread.GetID(), tid);
    }
    // A thread born during a step runs freely: it must meet the traps.
    InsertTraps();
    // The parent runs again first: a birth stop that came early may
    // complete the all-stop, which must not then leave the parent running.
    ResumeSilently(thread, "it created a thread");
    Manager.DispatchEarlyStatus(tid);
    return;
  }
  ResumeSilently(thread, "it created a thread");
}

/// Waits for the first stop of a child the kernel attached to us at fork.
static llvm::Error WaitForForkChild(ThreadWaiter &waiter, pid_t child) {
  llvm::Expected<WaitEvent> first = waiter.Wait(child);
  if (!first)
    return first.takeError();
  if (!first->IsStop())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "forked child %d ended at once", child);
  return llvm::Error::success();
}

void NativeProcessIOThreads::OnFork(NativeThreadIOThreads &thread, bool vfork) {
  llvm::Expected<unsigned long> message =
      ptrace::GetEventMessage(thread.GetID());
  llvm::Error error = message ? WaitForForkChild(Manager.GetWaiter(), *message)
                              : message.takeError();
  if (error) {
    LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                   "cannot take over the forked child: {0}");
    ResumeSilently(thread, "its fork child could not be taken over");
    return;
  }
  pid_t child = static_cast<pid_t>(*message);

  // During a silent all-stop (attach, detach) lldb cannot take a new
  // process either.
  if (Stop.IsSilent() || !bool(m_enabled_extensions &
                               (vfork ? Extension::vfork : Extension::fork))) {
    // lldb does not follow forks: the child goes its own way, without the
    // breakpoints it inherited (a vfork child shares the parent's memory,
    // and with it the parent's breakpoints).
    if (!vfork) {
      InferiorMemory memory(child);
      for (const auto &[addr, breakpoint] : m_software_breakpoints)
        llvm::consumeError(memory
                               .Write(addr, breakpoint.saved_opcodes.data(),
                                      breakpoint.saved_opcodes.size())
                               .takeError());
    }
    llvm::consumeError(ptrace::Detach(child, 0));
    ResumeSilently(thread, "lldb does not follow its fork child");
    return;
  }

  // lldb decides which side to follow and detaches the other.
  std::unique_ptr<NativeProcessIOThreads> process(new NativeProcessIOThreads(
      child, -1, m_delegate, Manager, Arch, Launched));
  process->m_enabled_extensions = m_enabled_extensions;
  if (!vfork) {
    process->m_software_breakpoints = m_software_breakpoints;
    process->TrapsLifted = TrapsLifted;
  }
  NativeThreadIOThreads &child_thread = process->AddThread(child);
  child_thread.Tracee().SetStopped(0);
  process->SetCurrentThreadID(child);
  process->SetState(lldb::eStateStopped, false);
  m_delegate.NewSubprocess(this, std::move(process));
  thread.SetForkStopReason(vfork, child);
  ReportThreadStop(thread);
}

void NativeProcessIOThreads::ReportThreadStop(NativeThreadIOThreads &thread) {
  if (!Stop.InProgress())
    Stop.StopAll(AllStop::Purpose::Report, thread.GetID());
  FinishStopIfComplete();
}

void NativeProcessIOThreads::InheritDebugRegisters(
    NativeThreadIOThreads &thread) {
  // The kernel gives a new thread clear debug registers; lldb expects the
  // process's watchpoints and hardware breakpoints to cover it.
  for (const auto &entry : GetWatchpointMap()) {
    const NativeWatchpoint &watch = entry.second;
    Status error = thread.SetWatchpoint(watch.m_addr, watch.m_size,
                                        watch.m_watch_flags, watch.m_hardware);
    if (error.Fail())
      LLDB_LOG(ProcessLog(), "tid {0}: cannot add watchpoint: {1}",
               thread.GetID(), error);
  }
  for (const auto &entry : GetHardwareBreakpointMap()) {
    Status error =
        thread.SetHardwareBreakpoint(entry.second.m_addr, entry.second.m_size);
    if (error.Fail())
      LLDB_LOG(ProcessLog(), "tid {0}: cannot add hardware breakpoint: {1}",
               thread.GetID(), error);
  }
}

void NativeProcessIOThreads::OnExec() {
  // The kernel has ended every other thread and the exec'ing one now has the
  // process id; the old image, its breakpoints, watchpoints and mappings are
  // gone.
  ForgetAllThreads();
  ForgetBreakpoints();
  // The guardian keeps the table until then: it tells our traps from the
  // program's own, even in a thread being detached.
  if (Guardian *guardian = Guardian::Active())
    guardian->ForgetTraps();
  m_hw_breakpoints_map.clear();
  Allocations.clear();
  std::vector<lldb::addr_t> watched;
  for (const auto &entry : GetWatchpointMap())
    watched.push_back(entry.first);
  for (lldb::addr_t addr : watched)
    m_watchpoint_list.Remove(addr);
  Memory.ReachThrough(GetID());
  LeaderExited = false;
  LeaderTraced = true;
  Regions.clear();
  if (llvm::Expected<ArchSpec> arch = ReadProcessArchitecture(GetID()))
    Arch = *arch;
  else
    LLDB_LOG_ERROR(ProcessLog(), arch.takeError(),
                   "keeping the old architecture after exec: {0}");

  NativeThreadIOThreads &thread = AddThread(GetID());
  thread.Tracee().SetStopped(0);
  thread.SetStopReason(lldb::eStopReasonExec);
  NotifyDidExec();
  // An exec that an attach or a detach meets is not lldb's to hear of.
  Stop.Begin(Stop.IsSilent() || Quiet ? AllStop::Purpose::Silent
                                      : AllStop::Purpose::Report,
             thread.GetID());
  FinishStopIfComplete();
}

void NativeProcessIOThreads::OnThreadExiting(NativeThreadIOThreads &thread) {
  pid_t tid = thread.GetID();
  ResumeSilently(thread, "it is exiting");
  if (tid != static_cast<pid_t>(GetID()))
    return;
  // The leader ends first (pthread_exit, or exit_group on its way): it stays
  // a zombie that never stops again, so no all-stop may wait for it, and
  // the address space is only reachable through a live thread.
  NativeThreadIOThreads *survivor = FirstProgramThread(tid);
  if (!survivor)
    return;
  Memory.ReachThrough(survivor->GetID());
  LeaderExited = true;
  RemoveThread(tid);
  FinishStopIfComplete();
}

void NativeProcessIOThreads::OnThreadGone(pid_t tid, int status) {
  if (tid != static_cast<pid_t>(GetID())) {
    RemoveThread(tid);
    // A leader that was a zombie when we attached never reports to us: the
    // status of the last traced thread is the process's.
    bool last = !LeaderTraced && llvm::none_of(m_threads, [](const auto &t) {
      return Ours(t).IsTraced();
    });
    if (!last) {
      FinishStopIfComplete();
      return;
    }
  }
  // The leader's status comes last: the whole process has ended.
  // Nor during an attach or detach, which the exit must not overtake.
  if (Stop.IsSilent() || (GetState() == lldb::eStateStopped &&
                          !Stop.InProgress() && !KillRequested)) {
    PendingExitStatus = status;
    return;
  }
  ReportExit(status);
}

void NativeProcessIOThreads::ReportPending() {
  if (PendingExitStatus)
    ReportExit(*PendingExitStatus);
  else
    FinishStopIfComplete();
}

void NativeProcessIOThreads::ReportExit(int status) {
  ForgetAllThreads();
  Stop.Abandon();
  // The delegate may destroy this process while handling the exit.
  SetExitStatus(WaitStatus::Decode(status), true);
}

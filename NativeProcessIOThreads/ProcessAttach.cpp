//===-- ProcessAttach.cpp - Attaching to a running process ----------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Attach seizes every thread with PTRACE_SEIZE and interrupts it before
// waiting for any, so busy threads stop together; the stops then arrive
// through the ordinary dispatch, in a silent all-stop.
//
//===----------------------------------------------------------------------===//

#include "AttachDiagnosis.h"
#include "NativeProcessIOThreads.h"
#include "NativeProcessIOThreads/Manager.h"
#include "NativeProcessIOThreads/Procfs.h"
#include "NativeProcessIOThreads/TaskInfo.h"
#include "ProcessArchitecture.h"
#include "Ptrace.h"
#include "ThreadWaiter.h"

#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"

#include <cerrno>
#include <cstring>
#include <map>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;

namespace {

llvm::Error AttachError(pid_t pid, const llvm::Twine &why) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      ("cannot attach to process " + llvm::Twine(pid) + ": " + why).str());
}

/// Says why PTRACE_SEIZE of thread \p tid was refused in words a user can
/// act on (AttachDiagnosis.h).
std::string ExplainSeizeRefusal(pid_t pid, pid_t tid, int error) {
  if (error != EPERM)
    return std::strerror(error);
  if (std::optional<std::string> why =
          ExplainPtraceRefusal(pid, GatherPtraceRefusalFacts(pid, tid)))
    return *why;
  return "operation not permitted (run as the process's owner, or with "
         "CAP_SYS_PTRACE)";
}

/// What a refused PTRACE_SEIZE of one thread means for an attach.
enum class SeizeRefusal {
  /// The thread is exiting or gone (the kernel refuses a task that has an
  /// exit state with EPERM, one already released with ESRCH), or it is ours
  /// already: the kernel attached it to us when a thread we had seized
  /// created it, and that thread's clone event brings it in; or a thread we
  /// seized exec'd and took the leader's id, and its exec event comes.
  Skip,
  /// The leader has ended with pthread_exit and stays a zombie while the
  /// other threads run.
  ZombieLeader,
  /// The process cannot be traced by us.
  Fatal,
};

SeizeRefusal ClassifySeizeRefusal(pid_t pid, pid_t tid, int error) {
  if (error != EPERM && error != ESRCH)
    return SeizeRefusal::Fatal;
  bool leader = tid == pid;
  llvm::Expected<TaskStat> stat = ReadTaskStat(pid, tid);
  if (!stat) {
    llvm::consumeError(stat.takeError());
    return leader ? SeizeRefusal::Fatal : SeizeRefusal::Skip;
  }
  if (stat->State == 'Z' || stat->State == 'X')
    return leader ? SeizeRefusal::ZombieLeader : SeizeRefusal::Skip;
  if (error == ESRCH)
    return leader ? SeizeRefusal::Fatal : SeizeRefusal::Skip;
  // Ours already: a thread we seized created it, or, for the leader's id,
  // a thread we seized has exec'd and taken it over.
  std::optional<pid_t> tracer = ReadTracerPid(pid, tid);
  if (tracer && *tracer == ptrace::TracerPid())
    return SeizeRefusal::Skip;
  return SeizeRefusal::Fatal;
}

/// PTRACE_SEIZE of thread \p tid of \p pid: 0, or the errno. The kernel
/// refuses a zombie; a leader refused as one may have been ended by an exec
/// in another thread, which then took the leader's id and now runs
/// untraced: that thread is seized in its place.
int SeizeThread(pid_t pid, pid_t tid) {
  for (int attempt = 0;; ++attempt) {
    llvm::Error error = ptrace::Seize(tid, ptrace::DefaultOptions());
    if (!error)
      return 0;
    int code = llvm::errorToErrorCode(std::move(error)).value();
    if (code != EPERM || tid != pid || attempt == 3)
      return code;
    llvm::Expected<TaskStat> stat = ReadTaskStat(pid, tid);
    if (!stat) {
      llvm::consumeError(stat.takeError());
      return code;
    }
    if (stat->State == 'Z' || stat->State == 'X' ||
        ReadTracerPid(pid, tid) != 0)
      return code;
  }
}

/// The threads an attach has seized and interrupted, and what else it found.
struct AttachedThreads {
  std::vector<pid_t> Seized;
  /// io_uring threads; they are among the seized only when frozen.
  std::vector<TaskStat> IoThreads;
  /// The kernel refuses to seize a zombie leader.
  bool ZombieLeader = false;
};

/// Lets a thread seized by an attach that failed go again, as it was: with
/// the signal its first stop holds, and with a thread or process it created
/// meanwhile (which the kernel attached to us) let go too.
void ReleaseSeized(pid_t tid, ThreadWaiter &waiter) {
  llvm::Expected<WaitEvent> stop = waiter.Wait(tid);
  if (!stop) {
    llvm::consumeError(stop.takeError());
    return;
  }
  if (!stop->IsStop())
    return;
  using Kind = WaitEvent::Kind;
  Kind kind = stop->EventKind;
  if (kind == Kind::Clone || kind == Kind::Fork || kind == Kind::VFork) {
    if (llvm::Expected<unsigned long> child = ptrace::GetEventMessage(tid))
      ReleaseSeized(static_cast<pid_t>(*child), waiter);
    else
      llvm::consumeError(child.takeError());
  }
  int signo = kind == Kind::SignalStop ? stop->Value : 0;
  llvm::consumeError(ptrace::Detach(tid, signo));
}

/// Seizes and interrupts every thread of \p pid listed in \p tids before
/// waiting for any, so busy threads stop together, and rescans until no
/// thread appeared behind our back. io_uring threads are only observed
/// unless \p freeze_io.
llvm::Expected<AttachedThreads> SeizeThreads(pid_t pid, std::vector<pid_t> tids,
                                             bool freeze_io,
                                             ThreadWaiter &waiter) {
  AttachedThreads found;
  llvm::DenseSet<pid_t> known;
  for (bool found_new = true; found_new;) {
    found_new = false;
    for (pid_t tid : tids) {
      if (!known.insert(tid).second)
        continue;
      found_new = true;
      llvm::Expected<TaskStat> stat = ReadTaskStat(pid, tid);
      if (!stat) {
        llvm::consumeError(stat.takeError());
      } else if (stat->Flags & IoWorkerTaskFlag) {
        found.IoThreads.push_back(*stat);
        if (!freeze_io)
          continue;
      }
      int code = SeizeThread(pid, tid);
      if (code == 0) {
        found.Seized.push_back(tid);
        llvm::consumeError(ptrace::Interrupt(tid));
        continue;
      }
      SeizeRefusal refusal = ClassifySeizeRefusal(pid, tid, code);
      if (refusal == SeizeRefusal::ZombieLeader)
        found.ZombieLeader = true;
      if (refusal != SeizeRefusal::Fatal)
        continue;
      for (pid_t seized : found.Seized)
        ReleaseSeized(seized, waiter);
      return AttachError(pid, ExplainSeizeRefusal(pid, tid, code));
    }
    llvm::Expected<std::vector<pid_t>> listed = ListTasks(pid);
    if (!listed) {
      llvm::consumeError(listed.takeError());
      break;
    }
    tids = std::move(*listed);
  }
  return found;
}

} // namespace

llvm::Expected<std::unique_ptr<NativeProcessIOThreads>>
NativeProcessIOThreads::Attach(pid_t pid, NativeDelegate &delegate,
                               ProcessManager &manager, bool &lost) {
  if (pid <= 0)
    return AttachError(pid, "that is not a process id");
  if (pid == ::getpid())
    return AttachError(pid, "that is this debug server");
  llvm::Expected<std::vector<pid_t>> tids = ListTasks(pid);
  if (!tids) {
    llvm::consumeError(tids.takeError());
    if (std::optional<std::string> why =
            ExplainMissingPid(pid, FindPidInOtherNamespaces(pid)))
      return AttachError(pid, *why);
    return AttachError(pid, "no such process");
  }
  llvm::Expected<ArchSpec> arch = ReadProcessArchitecture(pid);
  if (!arch) {
    // /proc/PID/exe is as closed to us as the process is.
    if (std::optional<std::string> why =
            ExplainPtraceRefusal(pid, GatherPtraceRefusalFacts(pid, pid))) {
      llvm::consumeError(arch.takeError());
      return AttachError(pid, *why);
    }
    return AttachError(pid, llvm::toString(arch.takeError()));
  }
  llvm::Expected<AttachedThreads> found =
      SeizeThreads(pid, std::move(*tids),
                   manager.GetIoThreadPolicy() == IoThreadPolicy::Freeze,
                   manager.GetWaiter());
  if (!found)
    return found.takeError();

  std::unique_ptr<NativeProcessIOThreads> process(new NativeProcessIOThreads(
      pid, -1, delegate, manager, *arch, /*launched=*/false));
  process->AddAttachedThreads(found->Seized, found->IoThreads);
  // Every seized thread owes a stop; what comes first (a clone in flight, a
  // signal already pending, a fork) goes through the ordinary dispatch.
  process->Quiet = true;
  process->Stop.Begin(AllStop::Purpose::Silent, std::nullopt);
  process->AwaitSilentStop();
  process->AwaitExecTakeover();
  process->Quiet = false;
  if (process->PendingExitStatus) {
    process->ForgetAllThreads();
    return AttachError(pid, "the process exited while being attached");
  }
  if (found->ZombieLeader) {
    process->LeaderExited = true;
    process->LeaderTraced = false;
  }
  pid_t current = pid;
  if (process->LeaderExited) {
    // As when the leader exits while traced: the process goes on without
    // it, and its address space is reached through a live thread.
    if (NativeThreadIOThreads *live = process->FirstProgramThread()) {
      current = live->GetID();
      process->Memory.ReachThrough(current);
    }
  }
  if (!process->FindThread(current)) {
    // Threads still seized (frozen io threads) go back as they were.
    process->Detach();
    lost = true;
    return AttachError(pid, "the process exited while being attached");
  }
  process->SetCurrentThreadID(current);
  process->SetState(lldb::eStateStopped, false);
  return process;
}

void NativeProcessIOThreads::AwaitExecTakeover() {
  pid_t pid = GetID();
  // Each round waits up to 100 ms for a status of the leader's id; the exec
  // event comes among the first few. The bound keeps a status that went
  // elsewhere from holding the attach for ever.
  for (int round = 0; round < 20 && !PendingExitStatus; ++round) {
    NativeThreadIOThreads *leader = FindThread(pid);
    if (leader ? leader->Tracee().IsStopped() : FirstProgramThread() != nullptr)
      return;
    if (ReadTracerPid(pid) != ptrace::TracerPid())
      return;
    llvm::Expected<std::optional<int>> status =
        Manager.WaitStatusWithin(pid, 100);
    if (!status) {
      llvm::consumeError(status.takeError());
      return;
    }
    if (*status)
      HandleWaitStatus(pid, **status);
    else
      Manager.DispatchCollected();
    AwaitSilentStop();
  }
}

void NativeProcessIOThreads::AddAttachedThreads(
    llvm::ArrayRef<pid_t> seized, llvm::ArrayRef<TaskStat> io_threads) {
  std::vector<IoUringRing> rings;
  if (!io_threads.empty()) {
    if (auto listed = ListIoUringRings(GetID()))
      rings = std::move(*listed);
    else
      llvm::consumeError(listed.takeError());
  }
  // Ordered by tid, so lldb numbers the io threads in the order they were
  // created, run after run.
  std::map<pid_t, TaskInfo> io_infos;
  for (const TaskStat &stat : io_threads)
    io_infos[stat.Tid] = ClassifyTask(stat, rings);
  for (pid_t tid : seized) {
    auto io = io_infos.find(tid);
    if (io == io_infos.end())
      AddThread(tid);
    else
      AddThread(tid, io->second, /*traced=*/true);
  }
  if (Manager.GetIoThreadPolicy() != IoThreadPolicy::Freeze)
    for (const auto &io : io_infos)
      AddThread(io.first, io.second, /*traced=*/false);
}

llvm::Error NativeProcessIOThreads::SeizeAndStop(pid_t tid) {
  if (llvm::Error error = ptrace::Seize(tid, ptrace::DefaultOptions()))
    return error;
  if (llvm::Error error = ptrace::Interrupt(tid))
    return error;
  for (;;) {
    llvm::Expected<WaitEvent> waited = Manager.GetWaiter().Wait(tid);
    if (!waited)
      return waited.takeError();
    WaitEvent event = *waited;
    if (!event.IsStop())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "thread %d ended", tid);
    if (event.EventKind == WaitEvent::Kind::InterruptStop ||
        event.EventKind == WaitEvent::Kind::GroupStop)
      return llvm::Error::success();
    // Another stop came first and used up the interrupt; let it go on (with
    // its signal) and ask again.
    int signo =
        event.EventKind == WaitEvent::Kind::SignalStop ? event.Value : 0;
    if (llvm::Error error = ptrace::Continue(tid, signo))
      return error;
    if (llvm::Error error = ptrace::Interrupt(tid))
      return error;
  }
}

//===-- Manager.cpp - The process factory LLGS is built with --------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads/Manager.h"
#include "Guardian.h"
#include "NativeProcessIOThreads.h"
#include "NativeProcessIOThreads/Procfs.h"
#include "ThreadWaiter.h"

#include "lldb/Host/File.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"

#include <csignal>
#include <sys/wait.h>

using namespace iothreads;
using namespace lldb_private;

class ProcessManager::Waiter final : public ThreadWaiter {
public:
  explicit Waiter(ProcessManager &manager) : Manager(manager) {}

  llvm::Expected<int> WaitStatus(pid_t tid) override {
    for (;;) {
      llvm::Expected<std::optional<int>> status =
          Manager.WaitStatusWithin(tid, PatienceMs);
      if (!status)
        return status.takeError();
      if (*status)
        return **status;
    }
  }

  void Forward(pid_t tid, int status) override {
    // Not now: the waiter is in the middle of handling something of the
    // same process.
    Manager.m_mainloop.AddPendingCallback(
        [this, tid, status](MainLoopBase &) { Manager.Dispatch(tid, status); });
  }

private:
  static constexpr int PatienceMs = 100;

  ProcessManager &Manager;
};

ProcessManager::ProcessManager(MainLoop &mainloop)
    : NativeProcessProtocol::Manager(mainloop),
      BlockingWaiter(std::make_unique<Waiter>(*this)) {}

ProcessManager::~ProcessManager() = default;

llvm::Error ProcessManager::ListenForChildren() {
  if (ChildSignalHandle)
    return llvm::Error::success();
  Status status;
  ChildSignalHandle = m_mainloop.RegisterSignal(
      SIGCHLD, [this](MainLoopBase &) { CollectWaitStatuses(); }, status);
  return status.ToError();
}

llvm::Expected<std::unique_ptr<NativeProcessProtocol>>
ProcessManager::Launch(ProcessLaunchInfo &launch_info,
                       NativeProcessProtocol::NativeDelegate &delegate) {
  if (llvm::Error error = ListenForChildren())
    return std::move(error);
  return NativeProcessIOThreads::Launch(launch_info, delegate, *this);
}

/// Whether \p pid is a process that has not ended.
static bool IsRunningProcess(lldb::pid_t pid) {
  llvm::Expected<TaskStat> stat =
      ReadTaskStat(static_cast<pid_t>(pid), static_cast<pid_t>(pid));
  if (!stat) {
    llvm::consumeError(stat.takeError());
    return false;
  }
  return stat->State != 'Z' && stat->State != 'X';
}

llvm::Expected<std::unique_ptr<NativeProcessProtocol>>
ProcessManager::Attach(lldb::pid_t pid,
                       NativeProcessProtocol::NativeDelegate &delegate) {
  if (llvm::Error error = ListenForChildren())
    return std::move(error);
  // An exec in a thread not seized yet can end every thread the attach
  // seized and leave the process running untraced under the same id: the
  // attach then begins again.
  llvm::Expected<std::unique_ptr<NativeProcessIOThreads>> process = nullptr;
  for (int attempt = 1;; ++attempt) {
    if (GuardAttached && !Guard)
      StartGuardian();
    bool lost = false;
    process = NativeProcessIOThreads::Attach(static_cast<pid_t>(pid), delegate,
                                             *this, lost);
    if (process || !lost || attempt == 3 || !IsRunningProcess(pid))
      break;
    llvm::consumeError(process.takeError());
  }
  if (!process) {
    std::string why = llvm::toString(process.takeError());
    LLDB_LOG(GetLog(LLDBLog::Process), "attach to {0} failed: {1}", pid, why);
    EndGuardianIfIdle();
    return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
  }
  return process;
}

void ProcessManager::StartGuardian() {
  Log *log = GetLog(LLDBLog::Process);
  llvm::Expected<std::unique_ptr<Guardian>> started = Guardian::Start();
  if (!started) {
    // Debugging goes on as any debugger's does: the program then dies with
    // us if we die while its traps are in memory.
    LLDB_LOG_ERROR(log, started.takeError(), "no guardian: {0}");
    return;
  }
  Guard = std::move(*started);
  Status status;
  GuardianHandle = m_mainloop.RegisterReadObject(
      std::make_shared<NativeFile>(Guard->GetStatusDescriptor(),
                                   File::eOpenOptionReadOnly, false),
      [this](MainLoopBase &) { CollectWaitStatuses(); }, status);
  if (status.Fail()) {
    LLDB_LOG(log, "no guardian: {0}", status);
    Guard.reset();
    return;
  }
  LLDB_LOG(log, "guardian {0} traces for us", Guard->GetPid());
}

void ProcessManager::EndGuardianIfIdle() {
  if (!Guard || !Processes.empty())
    return;
  GuardianHandle.reset();
  Guard.reset();
}

llvm::Expected<std::optional<int>>
ProcessManager::WaitStatusWithin(pid_t tid, int timeout_ms) {
  if (std::optional<int> early = TakeEarlyStatus(tid))
    return *early;
  if (!Guard)
    return DirectWaiter().WaitStatus(tid);
  // The guardian sends every status there is, not only this thread's: the
  // others wait their turn with those the dispatch collected.
  size_t collected = Collected.size();
  if (llvm::Error error = ReceiveFromGuardian(timeout_ms))
    return std::move(error);
  if (Collected.size() > collected) {
    m_mainloop.AddPendingCallback(
        [this](MainLoopBase &) { CollectWaitStatuses(); });
    if (std::optional<int> early = TakeEarlyStatus(tid))
      return *early;
    return std::nullopt;
  }
  // waitpid would say ECHILD for a thread that is no longer ours (the exec
  // of another thread of its process took its tid away); nothing comes
  // from such a one.
  if (ReadTracerPid(tid) != Guard->GetPid())
    return llvm::createStringError(
        std::make_error_code(std::errc::no_child_process),
        "cannot wait for thread %d: it is not traced by us", tid);
  return std::nullopt;
}

void ProcessManager::DispatchCollected() {
  while (!Collected.empty()) {
    auto [tid, status] = Collected.front();
    Uncollect(Collected.begin());
    Dispatch(tid, status);
  }
}

llvm::Error ProcessManager::ReceiveFromGuardian(int timeout_ms) {
  std::vector<std::pair<pid_t, int>> received;
  llvm::Error error = Guard->ReceiveStatuses(received, timeout_ms);
  for (auto [tid, status] : received) {
    Collected.emplace_back(tid, status);
    ++CollectedCounts[tid];
  }
  return error;
}

NativeProcessProtocol::Extension
ProcessManager::GetSupportedExtensions() const {
  using Extension = NativeProcessProtocol::Extension;
  return Extension::pass_signals | Extension::auxv | Extension::libraries_svr4 |
         Extension::siginfo_read | Extension::multiprocess | Extension::fork |
         Extension::vfork | Extension::savecore;
}

std::optional<IoThreadPolicy>
iothreads::ParseIoThreadPolicy(llvm::StringRef text) {
  if (text == "observe")
    return IoThreadPolicy::Observe;
  if (text == "freeze")
    return IoThreadPolicy::Freeze;
  return std::nullopt;
}

llvm::Error ProcessManager::SetIoThreadPolicy(IoThreadPolicy policy) {
  Policy = policy;
  llvm::Error failure = llvm::Error::success();
  for (NativeProcessIOThreads *process : Processes)
    failure = llvm::joinErrors(std::move(failure),
                               process->ApplyIoThreadPolicy(policy));
  return failure;
}

llvm::json::Value ProcessManager::DescribeIoUring() const {
  llvm::json::Array processes;
  for (NativeProcessIOThreads *process : Processes)
    processes.push_back(process->DescribeIoUring());
  return llvm::json::Object{
      {"io_thread_policy",
       Policy == IoThreadPolicy::Observe ? "observe" : "freeze"},
      {"restart_syscalls", RestartSyscalls},
      {"processes", std::move(processes)}};
}

void ProcessManager::Register(NativeProcessIOThreads &process) {
  Processes.push_back(&process);
}

void ProcessManager::Unregister(NativeProcessIOThreads &process) {
  llvm::erase(Processes, &process);
  EndGuardianIfIdle();
}

void ProcessManager::ReportSoon(lldb::pid_t pid) {
  m_mainloop.AddPendingCallback([this, pid](MainLoopBase &) {
    // The process may have gone meanwhile; then there is nothing to report.
    // Reporting can end the process and its entry, so the search stops.
    auto process = llvm::find_if(Processes, [pid](NativeProcessIOThreads *p) {
      return p->GetID() == pid;
    });
    if (process != Processes.end())
      (*process)->ReportPending();
  });
}

void ProcessManager::DestroySoon(
    std::vector<std::unique_ptr<NativeThreadProtocol>> threads) {
  if (threads.empty())
    return;
  // A pending callback must be copyable; the threads travel in a shared_ptr.
  auto doomed = std::make_shared<decltype(threads)>(std::move(threads));
  m_mainloop.AddPendingCallback([doomed](MainLoopBase &) { doomed->clear(); });
}

ThreadWaiter &ProcessManager::GetWaiter() { return *BlockingWaiter; }

std::optional<int> ProcessManager::TakeEarlyStatus(pid_t tid) {
  // A waiter blocking for a thread takes its status from those collected
  // too: waitpid would never return it again.
  if (HasCollectedStatus(tid)) {
    auto collected = llvm::find_if(
        Collected, [tid](const auto &entry) { return entry.first == tid; });
    int status = collected->second;
    Uncollect(collected);
    return status;
  }
  auto early = EarlyStatuses.find(tid);
  if (early == EarlyStatuses.end())
    return std::nullopt;
  int status = early->second;
  EarlyStatuses.erase(early);
  return status;
}

void ProcessManager::DispatchEarlyStatus(pid_t tid) {
  if (std::optional<int> early = TakeEarlyStatus(tid))
    Dispatch(tid, *early);
}

bool ProcessManager::HasCollectedStatus(pid_t tid) const {
  return CollectedCounts.contains(tid);
}

void ProcessManager::Uncollect(
    std::deque<std::pair<pid_t, int>>::iterator entry) {
  auto count = CollectedCounts.find(entry->first);
  if (--count->second == 0)
    CollectedCounts.erase(count);
  Collected.erase(entry);
}

bool ProcessManager::CollectAvailable(const llvm::DenseSet<pid_t> &awaited) {
  if (Guard)
    if (llvm::Error error = ReceiveFromGuardian(/*timeout_ms=*/0))
      LLDB_LOG_ERROR(GetLog(LLDBLog::Process), std::move(error), "{0}");
  for (;;) {
    int status;
    pid_t tid = ::waitpid(-1, &status, __WALL | WNOHANG);
    if (tid <= 0)
      return false;
    Collected.emplace_back(tid, status);
    ++CollectedCounts[tid];
    if (awaited.contains(tid))
      return true;
  }
}

llvm::DenseSet<pid_t> ProcessManager::CollectAwaitedStops() {
  // The guardian waits for its tracees itself.
  if (Guard)
    return {};
  std::vector<pid_t> awaited;
  for (NativeProcessIOThreads *process : Processes)
    process->AppendAwaitedStops(awaited);
  for (pid_t tid : awaited) {
    int status;
    if (::waitpid(tid, &status, __WALL | WNOHANG) == tid)
      Dispatch(tid, status);
  }
  return llvm::DenseSet<pid_t>(awaited.begin(), awaited.end());
}

void ProcessManager::CollectWaitStatuses() {
  // A thread that owes a stop is waited for by its tid, which the kernel
  // answers in O(1); waiting for any child scans every traced thread. So
  // the scan, which must still run until it finds nothing (a thread that
  // owes no stop can exit, or hold up another's exec until it is reaped),
  // gives way as soon as it meets a stop that was owed: more are arriving,
  // and the pass by tid collects them. Scanning for each of N stops
  // arriving one by one cost O(N^2), seconds at 10,000 threads.
  for (;;) {
    llvm::DenseSet<pid_t> awaited = CollectAwaitedStops();
    // Every status there is now is collected before any is handled: an
    // all-stop one of them begins then leaves the threads already stopped
    // alone. Interrupted in its stop, a thread would stop again for the
    // interrupt (the kernel keeps it pending) as soon as lldb resumes it.
    bool gave_way = CollectAvailable(awaited);
    if (Collected.empty())
      return;
    DispatchCollected();
    // The stops of an all-stop just begun may be there already.
    if (!gave_way && llvm::none_of(Processes, [](NativeProcessIOThreads *p) {
          return p->IsStopping();
        }))
      return;
  }
}

void ProcessManager::Dispatch(pid_t tid, int status) {
  // The owner is looked up afresh each time: handling a status can end a
  // process.
  auto owner = llvm::find_if(Processes, [tid](NativeProcessIOThreads *p) {
    return p->OwnsThread(tid);
  });
  if (owner != Processes.end()) {
    (*owner)->HandleWaitStatus(tid, status);
    return;
  }
  // Only a stop can belong to a thread whose clone event is still to come;
  // the exit of a thread nobody owns needs nothing.
  if (WIFSTOPPED(status))
    EarlyStatuses[tid] = status;
  else
    LLDB_LOG(GetLog(LLDBLog::Process), "unowned tid {0} ended: {1:x}", tid,
             status);
}

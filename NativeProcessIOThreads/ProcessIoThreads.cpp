//===-- ProcessIoThreads.cpp - A process's io_uring threads ---------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The kernel creates io_uring threads untraced, so no event announces them:
// they are found in /proc at each stop, observed or frozen by the policy,
// and described in the topology.
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads.h"
#include "NativeProcessIOThreads/ExecutionMode.h"
#include "NativeProcessIOThreads/Manager.h"
#include "NativeProcessIOThreads/Procfs.h"
#include "NativeProcessIOThreads/TaskInfo.h"
#include "Ptrace.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"

using namespace iothreads;
using namespace lldb_private;

namespace {

Log *ProcessLog() { return GetLog(LLDBLog::Process); }

} // namespace

bool NativeProcessIOThreads::MayHaveUnlistedThreads() const {
  // Every thread we know is traced: it stays in the kernel's thread group
  // until we reap it (an exited one too, as a zombie), and we forget it only
  // then. So the kernel counts at least the threads we know, and the count
  // matching ours means the kernel has no thread we do not know. A program
  // thread arrives with a clone event, but an io thread arrives with none,
  // and observed io threads come and go unseen: while any is known, the
  // count proves nothing and the listing stays. So does it for an io thread
  // still to be classified.
  for (const auto &thread : m_threads) {
    const NativeThreadIOThreads &ours = Ours(thread);
    if (!ours.IsTraced() || ours.GetTaskInfo().IsIncomplete())
      return true;
  }
  std::optional<size_t> count = CountTasks(GetID());
  return !count || *count != m_threads.size();
}

void NativeProcessIOThreads::RefreshIoThreads() {
  // A listing reads an entry per thread, at every stop; a stat is enough to
  // tell nothing has changed.
  if (!MayHaveUnlistedThreads())
    return;
  llvm::Expected<std::vector<pid_t>> tids = ListTasks(GetID());
  if (!tids) {
    LLDB_LOG_ERROR(ProcessLog(), tids.takeError(),
                   "cannot rescan the threads: {0}");
    return;
  }
  std::vector<pid_t> ended;
  for (const auto &thread : m_threads)
    if (!Ours(thread).IsTraced() &&
        !std::binary_search(tids->begin(), tids->end(),
                            static_cast<pid_t>(thread->GetID())))
      ended.push_back(thread->GetID());
  for (pid_t tid : ended)
    RemoveThread(tid);

  // A program thread we do not know yet has a clone event on its way; only
  // io threads arrive unannounced. io threads seen too early to classify
  // fully are looked at again.
  std::vector<TaskStat> found;
  std::vector<NativeThreadIOThreads *> incomplete;
  for (pid_t tid : *tids) {
    if (NativeThreadIOThreads *known = FindThread(tid)) {
      if (known->GetTaskInfo().IsIncomplete())
        incomplete.push_back(known);
      continue;
    }
    llvm::Expected<TaskStat> stat = ReadTaskStat(GetID(), tid);
    if (!stat)
      llvm::consumeError(stat.takeError());
    else if (stat->Flags & IoWorkerTaskFlag)
      found.push_back(*stat);
  }
  if (found.empty() && incomplete.empty())
    return;
  llvm::Expected<std::vector<IoUringRing>> rings = ListIoUringRings(GetID());
  if (!rings) {
    llvm::consumeError(rings.takeError());
    rings = std::vector<IoUringRing>();
  }
  for (NativeThreadIOThreads *thread : incomplete) {
    llvm::Expected<TaskStat> stat = ReadTaskStat(GetID(), thread->GetID());
    if (!stat) {
      llvm::consumeError(stat.takeError());
      continue;
    }
    thread->SetTaskInfo(ClassifyTask(*stat, *rings));
  }
  bool freeze = Manager.GetIoThreadPolicy() == IoThreadPolicy::Freeze;
  for (const TaskStat &stat : found) {
    TaskInfo info = ClassifyTask(stat, *rings);
    bool traced = false;
    if (freeze) {
      if (llvm::Error error = SeizeAndStop(stat.Tid))
        LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                       "cannot freeze io thread: {0}");
      else
        traced = true;
    }
    NativeThreadIOThreads &thread = AddThread(stat.Tid, info, traced);
    if (traced)
      thread.Tracee().SetStopped(0);
  }
}

llvm::Error NativeProcessIOThreads::ApplyIoThreadPolicy(IoThreadPolicy policy) {
  if (GetState() != lldb::eStateStopped)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "process %" PRIu64
                                   " must be stopped to change how its "
                                   "io_uring threads are handled",
                                   GetID());
  bool freeze = policy == IoThreadPolicy::Freeze;
  std::vector<std::pair<pid_t, TaskInfo>> changing;
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    if (ours.IsIoThread() && ours.IsTraced() != freeze)
      changing.emplace_back(ours.GetID(), ours.GetTaskInfo());
  }
  llvm::Error failure = llvm::Error::success();
  for (auto &[tid, info] : changing) {
    llvm::Error error =
        freeze ? SeizeAndStop(tid) : ptrace::Detach(tid, /*signo=*/0);
    if (error) {
      failure = llvm::joinErrors(std::move(failure), std::move(error));
      continue;
    }
    RemoveThread(tid);
    NativeThreadIOThreads &thread = AddThread(tid, info, freeze);
    if (freeze)
      thread.Tracee().SetStopped(0);
  }
  RefreshIoThreads();
  return failure;
}

llvm::json::Value NativeProcessIOThreads::DescribeIoUring() {
  if (GetState() == lldb::eStateStopped)
    RefreshIoThreads();
  llvm::json::Array rings;
  llvm::Expected<std::vector<IoUringRing>> listed = ListIoUringRings(GetID());
  if (listed) {
    for (const IoUringRing &ring : *listed)
      rings.push_back(llvm::json::Object{
          {"fd", ring.Fd},
          {"sq_thread", ring.SqThread ? llvm::json::Value(*ring.SqThread)
                                      : llvm::json::Value(nullptr)}});
  } else {
    llvm::consumeError(listed.takeError());
  }
  llvm::json::Array threads;
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    const TaskInfo &info = ours.GetTaskInfo();
    std::string name = info.Name;
    if (llvm::Expected<TaskStat> stat = ReadTaskStat(GetID(), ours.GetID()))
      name = stat->Name;
    else
      llvm::consumeError(stat.takeError());
    llvm::json::Object entry{
        {"tid", static_cast<int64_t>(ours.GetID())},
        {"name", name},
        {"kind", TaskKindName(info.Kind)},
        {"traced", ours.IsTraced()},
        {"mode", ExecutionModeName(ours.GetExecutionMode())}};
    if (info.Creator)
      entry["creator"] = *info.Creator;
    if (info.RingFd)
      entry["ring_fd"] = *info.RingFd;
    if (ours.IsIoThread())
      entry["wchan"] = ReadTaskWaitChannel(static_cast<pid_t>(GetID()),
                                           static_cast<pid_t>(ours.GetID()));
    threads.push_back(std::move(entry));
  }
  return llvm::json::Object{{"pid", static_cast<int64_t>(GetID())},
                            {"rings", std::move(rings)},
                            {"threads", std::move(threads)}};
}

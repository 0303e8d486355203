//===-- VContCheck.cpp - Refuse a vCont that resumes no thread ------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "VContCheck.h"

#include "NativeProcessIOThreads/Procfs.h"

#include "lldb/Utility/StringExtractorGDBRemote.h"
#include "llvm/ADT/STLExtras.h"

#include <cinttypes>

using namespace iothreads;
using namespace lldb_private;

static llvm::Error NoThreadError(lldb::pid_t pid, lldb::tid_t tid) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "vCont: process %" PRIu64 " has no thread %" PRIu64, pid, tid);
}

/// Whether every thread of \p pid has exited (a SIGKILL from outside while
/// lldb held the process stopped): its threads are gone for good, and the
/// backend answers the resume with the exit.
static bool HasExited(lldb::pid_t pid) {
  llvm::Expected<std::vector<pid_t>> tasks = ListTasks(pid);
  if (!tasks) {
    llvm::consumeError(tasks.takeError());
    return true;
  }
  return llvm::none_of(*tasks, [pid](pid_t tid) {
    llvm::Expected<TaskStat> stat = ReadTaskStat(pid, tid);
    if (!stat) {
      llvm::consumeError(stat.takeError());
      return false;
    }
    return stat->State != 'Z' && stat->State != 'X';
  });
}

llvm::Error
iothreads::CheckVContResumesAThread(llvm::StringRef packet,
                                    NativeProcessProtocol &process) {
  llvm::SmallVector<llvm::StringRef, 4> actions;
  packet.split(actions, ';');
  bool resumes = false;
  for (llvm::StringRef action : llvm::drop_begin(actions)) {
    auto [kind, thread_id] = action.split(':');
    if (kind.empty() || !llvm::is_contained("cCsSt", kind.front()))
      return llvm::Error::success();
    resumes |= kind.front() != 't';
    if (thread_id.empty())
      continue;
    StringExtractorGDBRemote extractor(thread_id);
    auto pid_tid = extractor.GetPidTid(process.GetID());
    if (!pid_tid || pid_tid->first != process.GetID())
      return llvm::Error::success();
    lldb::tid_t tid = pid_tid->second;
    if (tid != StringExtractorGDBRemote::AllThreads &&
        !process.GetThreadByID(tid) && !HasExited(process.GetID()))
      return NoThreadError(process.GetID(), tid);
  }
  if (resumes)
    return llvm::Error::success();
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "vCont: the actions resume no thread");
}

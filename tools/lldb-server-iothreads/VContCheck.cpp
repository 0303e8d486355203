//===-- VContCheck.cpp - Refuse a vCont that resumes no thread ------------===//

#include "VContCheck.h"

#include "NativeProcessIOThreads/ThreadQueries.h"

#include "lldb/Host/Debug.h"
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

llvm::Error
iothreads::CheckVContResumesAThread(llvm::StringRef packet,
                                    NativeProcessProtocol &process) {
  llvm::SmallVector<llvm::StringRef, 4> actions;
  packet.split(actions, ';');
  ResumeActionList list;
  for (llvm::StringRef action : llvm::drop_begin(actions)) {
    auto [kind, thread_id] = action.split(':');
    if (kind.empty() || !llvm::is_contained("cCsSt", kind.front()))
      return llvm::Error::success();
    lldb::StateType state =
        kind.front() == 't' ? lldb::eStateSuspended : lldb::eStateRunning;
    lldb::tid_t tid = LLDB_INVALID_THREAD_ID;
    if (!thread_id.empty()) {
      StringExtractorGDBRemote extractor(thread_id);
      auto pid_tid = extractor.GetPidTid(process.GetID());
      if (!pid_tid || pid_tid->first != process.GetID())
        return llvm::Error::success();
      if (pid_tid->second != StringExtractorGDBRemote::AllThreads) {
        tid = pid_tid->second;
        if (!process.GetThreadByID(tid))
          return NoThreadError(process.GetID(), tid);
      }
    }
    list.AppendAction(tid, state);
  }
  for (NativeThreadProtocol &thread : process.Threads()) {
    const ResumeAction *action = list.GetActionForThread(thread.GetID(), true);
    if (action && action->state != lldb::eStateSuspended &&
        IsTracedThread(thread))
      return llvm::Error::success();
  }
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "vCont: the actions resume no thread process %" PRIu64 " traces",
      process.GetID());
}

//===-- ThreadQueries.cpp - What a server may ask of a thread -------------===//

#include "NativeProcessIOThreads/ThreadQueries.h"
#include "NativeThreadIOThreads.h"

using namespace iothreads;

static NativeThreadIOThreads &Ours(lldb_private::NativeThreadProtocol &thread) {
  return static_cast<NativeThreadIOThreads &>(thread);
}

bool iothreads::IsTracedThread(lldb_private::NativeThreadProtocol &thread) {
  return Ours(thread).IsTraced();
}

int iothreads::HeldJobControlSignal(
    lldb_private::NativeThreadProtocol &thread) {
  const TraceeState &tracee = Ours(thread).Tracee();
  if (tracee.GetPhase() != TraceeState::Phase::Listening)
    return 0;
  return tracee.GetGroupStopSignal();
}

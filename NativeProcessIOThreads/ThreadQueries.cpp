//===-- ThreadQueries.cpp - What a server may ask of a thread -------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

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

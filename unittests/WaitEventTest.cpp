//===-- WaitEventTest.cpp - Decoding waitpid statuses ---------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "WaitEvent.h"
#include "ChildProcess.h"
#include "ErrorAssertions.h"
#include "Ptrace.h"

#include "gtest/gtest.h"

#include <csignal>
#include <pthread.h>
#include <sys/ptrace.h>
#include <unistd.h>

using namespace iothreads;
using Kind = WaitEvent::Kind;

namespace {

int StopStatus(int signo, int event = 0) {
  return (event << 16) | (signo << 8) | 0x7f;
}

TEST(WaitEventTest, DecodesExitAndDeath) {
  EXPECT_EQ((WaitEvent{Kind::Exited, 3}), WaitEvent::Decode(3 << 8));
  EXPECT_EQ((WaitEvent{Kind::Killed, SIGKILL}), WaitEvent::Decode(SIGKILL));
  EXPECT_FALSE(WaitEvent::Decode(0).IsStop());
}

TEST(WaitEventTest, TellsGroupStopsFromInterrupts) {
  EXPECT_EQ((WaitEvent{Kind::SignalStop, SIGUSR1}),
            WaitEvent::Decode(StopStatus(SIGUSR1)));
  EXPECT_EQ((WaitEvent{Kind::InterruptStop, SIGTRAP}),
            WaitEvent::Decode(StopStatus(SIGTRAP, PTRACE_EVENT_STOP)));
  for (int signo : {SIGSTOP, SIGTSTP, SIGTTIN, SIGTTOU})
    EXPECT_EQ((WaitEvent{Kind::GroupStop, signo}),
              WaitEvent::Decode(StopStatus(signo, PTRACE_EVENT_STOP)));
}

TEST(WaitEventTest, DecodesPtraceEvents) {
  EXPECT_EQ(
      Kind::Clone,
      WaitEvent::Decode(StopStatus(SIGTRAP, PTRACE_EVENT_CLONE)).EventKind);
  EXPECT_EQ(
      Kind::Exec,
      WaitEvent::Decode(StopStatus(SIGTRAP, PTRACE_EVENT_EXEC)).EventKind);
  EXPECT_EQ(
      Kind::Fork,
      WaitEvent::Decode(StopStatus(SIGTRAP, PTRACE_EVENT_FORK)).EventKind);
  EXPECT_EQ(
      Kind::Exiting,
      WaitEvent::Decode(StopStatus(SIGTRAP, PTRACE_EVENT_EXIT)).EventKind);
  EXPECT_EQ(Kind::Unknown,
            WaitEvent::Decode(StopStatus(SIGTRAP, 99)).EventKind);
}

TEST(WaitEventTest, RealExitStatus) {
  ChildProcess child([] { return 7; });
  EXPECT_EQ((WaitEvent{Kind::Exited, 7}), WaitEvent::Decode(child.Wait()));
  child.Reaped();
}

TEST(WaitEventTest, RealInterruptOfABusyProcess) {
  ChildProcess child([]() -> int { Spin(); });
  ASSERT_TRUE(Ok(ptrace::Seize(child.Pid(), 0)));
  ASSERT_TRUE(Ok(ptrace::Interrupt(child.Pid())));
  EXPECT_EQ((WaitEvent{Kind::InterruptStop, SIGTRAP}),
            WaitEvent::Decode(child.Wait()));
}

TEST(WaitEventTest, RealCloneEventNamesTheNewThread) {
  int go[2];
  ASSERT_EQ(0, ::pipe(go));
  ChildProcess child([&]() -> int {
    char byte;
    if (::read(go[0], &byte, 1) != 1)
      return 1;
    pthread_t thread;
    pthread_create(&thread, nullptr, [](void *) -> void * { Spin(); }, nullptr);
    Spin();
  });
  ASSERT_TRUE(Ok(ptrace::Seize(child.Pid(), ptrace::DefaultOptions())));
  ASSERT_EQ(1, ::write(go[1], "x", 1));
  WaitEvent event = WaitEvent::Decode(child.Wait());
  ASSERT_EQ(Kind::Clone, event.EventKind);
  llvm::Expected<unsigned long> new_tid = ptrace::GetEventMessage(child.Pid());
  ASSERT_TRUE(static_cast<bool>(new_tid));
  EXPECT_NE(static_cast<unsigned long>(child.Pid()), *new_tid);
  // The new thread is traced from its first instruction and stops first.
  EXPECT_EQ((WaitEvent{Kind::InterruptStop, SIGTRAP}),
            WaitEvent::Decode(child.Wait(*new_tid)));
}

} // namespace

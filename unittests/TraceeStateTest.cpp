//===-- TraceeStateTest.cpp - The per-thread state machine ----------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Each test drives a real child through the kernel and feeds the statuses it
// produces to a TraceeState, checking the reaction the process would act on.
//
//===----------------------------------------------------------------------===//

#include "TraceeState.h"
#include "ChildProcess.h"
#include "Ptrace.h"

#include "ErrorAssertions.h"
#include "gtest/gtest.h"

#include <csignal>
#include <sys/syscall.h>
#include <unistd.h>

using namespace iothreads;
using Reaction = TraceeState::Reaction;
using Phase = TraceeState::Phase;

namespace {

class TraceeStateTest : public ::testing::Test {
protected:
  /// Seizes \p child and returns its state, running.
  TraceeState Seize(ChildProcess &child) {
    EXPECT_TRUE(Ok(ptrace::Seize(child.Pid(), ptrace::DefaultOptions())));
    return TraceeState(child.Pid());
  }

  /// Waits for the child's end, letting it past the exit event that
  /// DefaultOptions asks for, which the state classifies for the process.
  int WaitForEnd(ChildProcess &child, TraceeState &state) {
    int status = child.Wait();
    if (WaitEvent::Decode(status).EventKind == WaitEvent::Kind::Exiting) {
      EXPECT_EQ(Reaction::ProcessEvent,
                state.OnEvent(WaitEvent::Decode(status), false, false));
      EXPECT_TRUE(Ok(state.ResumeAgain()));
      status = child.Wait();
    }
    child.Reaped();
    return status;
  }

  Reaction Next(ChildProcess &child, TraceeState &state, bool stopping,
                bool passes = false) {
    return state.OnEvent(WaitEvent::Decode(child.Wait()), stopping, passes);
  }
};

TEST_F(TraceeStateTest, AnInterruptParksTheThreadDuringAnAllStop) {
  ChildProcess child([]() -> int { Spin(); });
  TraceeState state = Seize(child);
  ASSERT_TRUE(Ok(state.RequestStop()));
  EXPECT_EQ(Reaction::Parked, Next(child, state, /*stopping=*/true));
  EXPECT_EQ(Phase::Stopped, state.GetPhase());

  ASSERT_TRUE(Ok(state.Resume(ResumeKind::Continue, 0)));
  EXPECT_EQ(Phase::Running, state.GetPhase());
  // Stopping a stopped thread asks the kernel nothing.
  ASSERT_TRUE(Ok(state.RequestStop()));
  EXPECT_EQ(Reaction::Parked, Next(child, state, /*stopping=*/true));
}

TEST_F(TraceeStateTest, AnInterruptNobodyWaitsForResumesTheThread) {
  ChildProcess child([]() -> int { Spin(); });
  TraceeState state = Seize(child);
  ASSERT_TRUE(Ok(ptrace::Interrupt(child.Pid())));
  EXPECT_EQ(Reaction::ResumeAgain, Next(child, state, /*stopping=*/false));
  ASSERT_TRUE(Ok(state.ResumeAgain()));
  EXPECT_EQ(Phase::Running, state.GetPhase());
}

TEST_F(TraceeStateTest, ASignalIsReportedOrPassed) {
  ChildProcess child([]() -> int {
    ::signal(SIGUSR1, [](int) { ::_exit(42); });
    ChildProcess::ReportReady();
    Spin();
  });
  child.WaitUntilReady();
  TraceeState state = Seize(child);
  ASSERT_EQ(0, ::kill(child.Pid(), SIGUSR1));
  EXPECT_EQ(Reaction::Report, Next(child, state, false));
  EXPECT_EQ(SIGUSR1, state.GetPendingSignal());

  // Continuing with the signal delivers it: the handler exits with 42.
  ASSERT_TRUE(Ok(state.Resume(ResumeKind::Continue, SIGUSR1)));
  int status = WaitForEnd(child, state);
  EXPECT_EQ((WaitEvent{WaitEvent::Kind::Exited, 42}),
            WaitEvent::Decode(status));
  EXPECT_EQ(Reaction::Gone,
            state.OnEvent(WaitEvent::Decode(status), false, false));
}

TEST_F(TraceeStateTest, AResumeSignalFromAnInterruptStopIsNotLost) {
  ChildProcess child([]() -> int {
    ::signal(SIGUSR2, [](int) { ::_exit(7); });
    ChildProcess::ReportReady();
    Spin();
  });
  child.WaitUntilReady();
  TraceeState state = Seize(child);
  ASSERT_TRUE(Ok(state.RequestStop()));
  ASSERT_EQ(Reaction::Parked, Next(child, state, true));
  // An interrupt stop cannot deliver a signal; the state queues it and its
  // own stop passes it on silently.
  ASSERT_TRUE(Ok(state.Resume(ResumeKind::Continue, SIGUSR2)));
  ASSERT_EQ(Reaction::PassSignal, Next(child, state, false));
  ASSERT_TRUE(Ok(state.PassSignal()));
  int status = WaitForEnd(child, state);
  EXPECT_EQ((WaitEvent{WaitEvent::Kind::Exited, 7}), WaitEvent::Decode(status));
}

TEST_F(TraceeStateTest, AnInterruptOvertakesAQueuedTrapTakenOnResume) {
  // The order the kernel keeps when a thread traps as an all-stop interrupts
  // it, made certain here by raising both while the thread is held: the
  // interrupt stop comes first, the trap stays queued, and resuming without
  // a new interrupt stops for the trap before any code runs.
  ChildProcess child([]() -> int { Spin(); });
  TraceeState state = Seize(child);
  ASSERT_TRUE(Ok(state.RequestStop()));
  ASSERT_EQ(Reaction::Parked, Next(child, state, true));
  ASSERT_EQ(0, ::syscall(SYS_tgkill, child.Pid(), child.Pid(), SIGTRAP));
  ASSERT_TRUE(Ok(ptrace::Interrupt(child.Pid())));
  ASSERT_TRUE(Ok(state.Resume(ResumeKind::Continue, 0)));
  ASSERT_EQ(Reaction::Parked, Next(child, state, true));

  llvm::Expected<std::optional<siginfo_t>> trap =
      ptrace::PeekQueuedSignal(child.Pid(), SIGTRAP);
  ASSERT_TRUE(Ok(trap));
  ASSERT_TRUE(trap->has_value());
  EXPECT_EQ(SI_TKILL, (*trap)->si_code);
  llvm::Expected<std::optional<siginfo_t>> other =
      ptrace::PeekQueuedSignal(child.Pid(), SIGUSR1);
  ASSERT_TRUE(Ok(other));
  EXPECT_FALSE(other->has_value());

  ASSERT_TRUE(Ok(state.Resume(ResumeKind::Continue, 0)));
  EXPECT_EQ(Reaction::Report, Next(child, state, true));
  EXPECT_EQ(SIGTRAP, state.GetPendingSignal());
  trap = ptrace::PeekQueuedSignal(child.Pid(), SIGTRAP);
  ASSERT_TRUE(Ok(trap));
  EXPECT_FALSE(trap->has_value());
}

TEST_F(TraceeStateTest, AGroupStopStandsWhileTheProcessRuns) {
  ChildProcess child([]() -> int { Spin(); });
  TraceeState state = Seize(child);
  ASSERT_EQ(0, ::kill(child.Pid(), SIGSTOP));
  ASSERT_EQ(Reaction::Report, Next(child, state, false));
  ASSERT_TRUE(Ok(state.Resume(ResumeKind::Continue, SIGSTOP)));
  EXPECT_EQ(Reaction::Listen, Next(child, state, false));
  EXPECT_EQ(SIGSTOP, state.GetGroupStopSignal());
  ASSERT_TRUE(Ok(state.Listen()));
  EXPECT_EQ(Phase::Listening, state.GetPhase());

  // An all-stop reaches a listening thread too, and it stays group-stopped.
  ASSERT_TRUE(Ok(state.RequestStop()));
  EXPECT_EQ(Reaction::Parked, Next(child, state, true));
  EXPECT_EQ(SIGSTOP, state.GetGroupStopSignal());
}

} // namespace

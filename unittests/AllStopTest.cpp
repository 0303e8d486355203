//===-- AllStopTest.cpp - Stopping every thread of a process --------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The all-stop's bookkeeping is driven two ways: by a scripted sequence of
// thread states, for the orders the kernel cannot be made to produce on
// demand (a queued trap, a thread resumed after it parked), and by a real
// multithreaded child stopped with PTRACE_INTERRUPT.
//
//===----------------------------------------------------------------------===//

#include "AllStop.h"
#include "ChildProcess.h"
#include "ErrorAssertions.h"
#include "Ptrace.h"
#include "TraceeState.h"

#include "NativeProcessIOThreads/Procfs.h"

#include "llvm/ADT/DenseSet.h"
#include "gtest/gtest.h"

#include <pthread.h>
#include <sys/wait.h>

using namespace iothreads;
using Purpose = AllStop::Purpose;

namespace {

/// Threads whose states the test sets by hand.
class ScriptedThreads : public AllStop::Threads {
public:
  size_t Count() const override { return Views.size(); }
  StopView View(size_t index) const override { return Views[index]; }
  llvm::Error RequestStop(size_t index) override {
    Requested.push_back(Views[index].Tid);
    return llvm::Error::success();
  }
  bool TakeQueuedTrap(lldb::tid_t tid) override {
    return QueuedTraps.erase(tid) != 0;
  }

  StopView &Thread(lldb::tid_t tid) {
    for (StopView &view : Views)
      if (view.Tid == tid)
        return view;
    ADD_FAILURE() << "no thread " << tid;
    return Views.front();
  }
  void Add(lldb::tid_t tid, bool stopped, bool io = false) {
    StopView view;
    view.Tid = tid;
    view.Traced = true;
    view.Stopped = stopped;
    view.IoThread = io;
    Views.push_back(view);
  }

  std::vector<StopView> Views;
  std::vector<lldb::tid_t> Requested;
  llvm::DenseSet<lldb::tid_t> QueuedTraps;
};

TEST(AllStopTest, AsksOnlyRunningTracedThreadsAndWaitsForThem) {
  ScriptedThreads threads;
  threads.Add(1, /*stopped=*/true);
  threads.Add(2, /*stopped=*/false);
  threads.Add(3, /*stopped=*/false);
  threads.Thread(3).Traced = false;
  AllStop stop(threads);

  stop.StopAll(Purpose::Report, 1);
  EXPECT_EQ(std::vector<lldb::tid_t>{2}, threads.Requested);
  std::vector<pid_t> awaited;
  stop.AppendAwaited(awaited);
  EXPECT_EQ(std::vector<pid_t>{2}, awaited);
  EXPECT_FALSE(stop.TryComplete(1));
  EXPECT_TRUE(stop.InProgress());

  threads.Thread(2).Stopped = true;
  std::optional<AllStop::Completion> done = stop.OnParked(2, 1);
  ASSERT_TRUE(done);
  EXPECT_EQ(Purpose::Report, done->For);
  EXPECT_EQ(lldb::tid_t(1), done->Reporter);
  EXPECT_FALSE(done->HaltedByRequest);
  EXPECT_FALSE(stop.InProgress());
}

TEST(AllStopTest, AThreadResumedAfterParkingIsWaitedForAgain) {
  ScriptedThreads threads;
  threads.Add(1, /*stopped=*/true);
  threads.Add(2, /*stopped=*/false);
  AllStop stop(threads);
  stop.StopAll(Purpose::Report, 1);
  EXPECT_FALSE(stop.TryComplete(1));

  // Thread 1 is past the stopped prefix; a passed signal resumes it.
  threads.Thread(1).Stopped = false;
  stop.ThreadsMoved();
  threads.Thread(2).Stopped = true;
  EXPECT_FALSE(stop.OnParked(2, 1));
  std::vector<pid_t> awaited;
  stop.AppendAwaited(awaited);
  EXPECT_EQ(std::vector<pid_t>{1}, awaited);

  threads.Thread(1).Stopped = true;
  EXPECT_TRUE(stop.OnParked(1, 1));
}

TEST(AllStopTest, AQueuedTrapIsTakenBeforeTheStopCompletes) {
  ScriptedThreads threads;
  threads.Add(1, /*stopped=*/true);
  threads.Add(2, /*stopped=*/false);
  AllStop stop(threads);
  stop.StopAll(Purpose::Halt, std::nullopt);

  // Thread 2 hit a breakpoint as the interrupt came: it parks with its
  // trap queued, is resumed to take it, and stops again with a reason.
  threads.Thread(2).Stopped = true;
  threads.QueuedTraps.insert(2);
  EXPECT_FALSE(stop.OnParked(2, 1));
  threads.Thread(2).Stopped = false;
  EXPECT_FALSE(stop.TryComplete(1));

  threads.Thread(2).Stopped = true;
  threads.Thread(2).HasReason = true;
  std::optional<AllStop::Completion> done = stop.TryComplete(1);
  ASSERT_TRUE(done);
  EXPECT_EQ(lldb::tid_t(2), done->Reporter);
  EXPECT_FALSE(done->HaltedByRequest);
}

/// Completes a halt of \p threads, all stopped, with \p current current.
AllStop::Completion Halt(ScriptedThreads &threads, lldb::tid_t current) {
  AllStop stop(threads);
  stop.StopAll(Purpose::Halt, std::nullopt);
  std::optional<AllStop::Completion> done = stop.TryComplete(current);
  EXPECT_TRUE(done);
  return done.value_or(AllStop::Completion{Purpose::Halt, std::nullopt});
}

TEST(AllStopTest, AHaltIsShownWhereTheUserLooks) {
  ScriptedThreads threads;
  threads.Add(1, /*stopped=*/true);
  threads.Add(2, /*stopped=*/true);
  threads.Add(3, /*stopped=*/true, /*io=*/true);

  // The current program thread.
  AllStop::Completion done = Halt(threads, 2);
  EXPECT_EQ(lldb::tid_t(2), done.Reporter);
  EXPECT_TRUE(done.HaltedByRequest);
  // Never an io thread, even a current one.
  EXPECT_EQ(lldb::tid_t(1), Halt(threads, 3).Reporter);
  // A step the halt overtook.
  threads.Thread(1).Stepping = true;
  EXPECT_EQ(lldb::tid_t(1), Halt(threads, 2).Reporter);
  // A thread that stopped for a reason of its own meanwhile.
  threads.Thread(2).HasReason = true;
  done = Halt(threads, 1);
  EXPECT_EQ(lldb::tid_t(2), done.Reporter);
  EXPECT_FALSE(done.HaltedByRequest);
}

TEST(AllStopTest, AReporterThatIsGoneGivesWayToAHaltsChoice) {
  ScriptedThreads threads;
  threads.Add(1, /*stopped=*/true);
  AllStop stop(threads);
  stop.Begin(Purpose::Report, 7);
  std::optional<AllStop::Completion> done = stop.TryComplete(1);
  ASSERT_TRUE(done);
  EXPECT_EQ(lldb::tid_t(1), done->Reporter);
  EXPECT_TRUE(done->HaltedByRequest);
}

TEST(AllStopTest, ASilentStopReportsNothing) {
  ScriptedThreads threads;
  threads.Add(1, /*stopped=*/true);
  threads.Thread(1).HasReason = true;
  AllStop stop(threads);
  stop.Begin(Purpose::Silent, std::nullopt);
  EXPECT_TRUE(stop.IsSilent());
  std::optional<AllStop::Completion> done = stop.TryComplete(1);
  ASSERT_TRUE(done);
  EXPECT_EQ(Purpose::Silent, done->For);
  EXPECT_FALSE(done->Reporter);
}

TEST(AllStopTest, AnAbandonedStopNeverCompletes) {
  ScriptedThreads threads;
  threads.Add(1, /*stopped=*/true);
  AllStop stop(threads);
  stop.Begin(Purpose::Report, 1);
  stop.Abandon();
  EXPECT_FALSE(stop.InProgress());
  EXPECT_FALSE(stop.TryComplete(1));
  std::vector<pid_t> awaited;
  stop.AppendAwaited(awaited);
  EXPECT_TRUE(awaited.empty());
}

/// The threads of a real child, each with its TraceeState.
class ChildThreads : public AllStop::Threads {
public:
  size_t Count() const override { return States.size(); }
  StopView View(size_t index) const override {
    StopView view;
    view.Tid = States[index].GetTid();
    view.Traced = true;
    view.Stopped = States[index].IsStopped();
    return view;
  }
  llvm::Error RequestStop(size_t index) override {
    return States[index].RequestStop();
  }
  bool TakeQueuedTrap(lldb::tid_t) override { return false; }

  TraceeState *Find(pid_t tid) {
    for (TraceeState &state : States)
      if (state.GetTid() == tid)
        return &state;
    return nullptr;
  }

  std::vector<TraceeState> States;
};

void *SpinThread(void *) { Spin(); }

TEST(AllStopTest, StopsEveryThreadOfARealProcess) {
  constexpr int ExtraThreads = 4;
  ChildProcess child([]() -> int {
    for (int i = 0; i < ExtraThreads; ++i) {
      pthread_t thread;
      pthread_create(&thread, nullptr, SpinThread, nullptr);
    }
    ChildProcess::ReportReady();
    Spin();
  });
  child.WaitUntilReady();
  llvm::Expected<std::vector<pid_t>> tids = ListTasks(child.Pid());
  ASSERT_TRUE(Ok(tids));
  ASSERT_EQ(size_t(ExtraThreads + 1), tids->size());
  ChildThreads threads;
  for (pid_t tid : *tids) {
    ASSERT_TRUE(Ok(ptrace::Seize(tid, 0)));
    threads.States.emplace_back(tid);
  }

  AllStop stop(threads);
  stop.StopAll(Purpose::Halt, std::nullopt);
  std::optional<AllStop::Completion> done;
  while (!done) {
    std::vector<pid_t> awaited;
    stop.AppendAwaited(awaited);
    ASSERT_FALSE(awaited.empty());
    pid_t tid = awaited.front();
    TraceeState::Reaction reaction = threads.Find(tid)->OnEvent(
        WaitEvent::Decode(child.Wait(tid)), stop.InProgress(), false);
    ASSERT_EQ(TraceeState::Reaction::Parked, reaction);
    done = stop.OnParked(tid, child.Pid());
  }
  EXPECT_EQ(lldb::tid_t(child.Pid()), done->Reporter);
  EXPECT_TRUE(done->HaltedByRequest);
  for (const TraceeState &state : threads.States)
    EXPECT_TRUE(state.IsStopped());
}

} // namespace

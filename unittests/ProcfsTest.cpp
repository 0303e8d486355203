//===-- ProcfsTest.cpp - Reading tasks from /proc -------------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads/Procfs.h"
#include "ChildProcess.h"
#include "Ptrace.h"

#include "ErrorAssertions.h"
#include "gtest/gtest.h"

#include <csignal>
#include <pthread.h>
#include <sys/prctl.h>
#include <unistd.h>

using namespace iothreads;

namespace {

TEST(ProcfsTest, ParsesANameWithSpacesAndParentheses) {
  llvm::Expected<TaskStat> stat =
      ParseTaskStat("4242 (a) b (c) t 1 4242 4242 0 -1 4194368 95 0 0 0\n");
  ASSERT_TRUE(Ok(stat));
  EXPECT_EQ(4242, stat->Tid);
  EXPECT_EQ("a) b (c", stat->Name);
  EXPECT_EQ('t', stat->State);
  EXPECT_EQ(1, stat->ParentPid);
  EXPECT_EQ(4242, stat->ProcessGroup);
  EXPECT_EQ(4242, stat->Session);
  EXPECT_EQ(4194368ul, stat->Flags);
}

TEST(ProcfsTest, ReadsTheNiceValueOfAWholeStatLine) {
  llvm::Expected<TaskStat> stat =
      ParseTaskStat("7 (x) S 1 7 7 0 -1 4194560 90 0 0 0 0 0 0 0 25 5 1 0 "
                    "2733804 27713536 286\n");
  ASSERT_TRUE(Ok(stat));
  EXPECT_EQ(5, stat->Nice);
}

TEST(ProcfsTest, RejectsWhatIsNotAStatLine) {
  EXPECT_TRUE(Failed(ParseTaskStat("")));
  EXPECT_TRUE(Failed(ParseTaskStat("12 (x")));
  EXPECT_TRUE(Failed(ParseTaskStat("12 (x) S 1 2")));
  EXPECT_TRUE(Failed(ParseTaskStat("x (y) S 1 2 3 4 5 6 7")));
}

TEST(ProcfsTest, ListsEveryThreadOfARealProcess) {
  ChildProcess child([]() -> int {
    for (int i = 0; i < 3; ++i) {
      pthread_t thread;
      pthread_create(
          &thread, nullptr,
          [](void *) -> void * {
            ::pause();
            return nullptr;
          },
          nullptr);
    }
    ::prctl(PR_SET_NAME, "procfs test");
    ChildProcess::ReportReady();
    ::pause();
    return 0;
  });
  child.WaitUntilReady();

  llvm::Expected<std::vector<pid_t>> tids = ListTasks(child.Pid());
  ASSERT_TRUE(Ok(tids));
  EXPECT_EQ(4u, tids->size());
  EXPECT_EQ(child.Pid(), tids->front());

  EXPECT_EQ(std::optional<size_t>(4), CountTasks(child.Pid()));

  llvm::Expected<TaskStat> stat = ReadTaskStat(child.Pid(), child.Pid());
  ASSERT_TRUE(Ok(stat));
  EXPECT_EQ("procfs test", stat->Name);
  EXPECT_EQ(child.Pid(), stat->Tid);
}

TEST(ProcfsTest, NamesTheTracer) {
  ChildProcess child([]() -> int {
    ::pause();
    return 0;
  });
  EXPECT_EQ(std::optional<pid_t>(0), ReadTracerPid(child.Pid()));
  ASSERT_TRUE(Ok(ptrace::Seize(child.Pid(), 0)));
  EXPECT_EQ(std::optional<pid_t>(::getpid()), ReadTracerPid(child.Pid()));
}

TEST(ProcfsTest, AHeldNameFileFollowsRenamesAndTheThreadsEnd) {
  ChildProcess child([]() -> int {
    ::prctl(PR_SET_NAME, "first name");
    ::signal(SIGUSR1, [](int) {
      ::prctl(PR_SET_NAME, "second name");
      ChildProcess::ReportReady();
    });
    ChildProcess::ReportReady();
    for (;;)
      ::pause();
  });
  child.WaitUntilReady();

  TaskNameFile file(child.Pid(), child.Pid());
  llvm::Expected<std::string> name = file.Read();
  ASSERT_TRUE(Ok(name));
  EXPECT_EQ("first name", *name);
  EXPECT_TRUE(file.IsHeldOpen());

  ::kill(child.Pid(), SIGUSR1);
  child.WaitUntilReady();
  name = file.Read();
  ASSERT_TRUE(Ok(name));
  EXPECT_EQ("second name", *name);

  ::kill(child.Pid(), SIGKILL);
  child.Wait();
  child.Reaped();
  EXPECT_TRUE(Failed(file.Read()));
}

TEST(ProcfsTest, FailsClearlyForAMissingProcess) {
  EXPECT_EQ(std::nullopt, CountTasks(0x3fffffff));
  llvm::Expected<std::vector<pid_t>> tids = ListTasks(0x3fffffff);
  ASSERT_FALSE(tids);
  EXPECT_NE(std::string::npos,
            llvm::toString(tids.takeError()).find("/proc/1073741823/task"));

  llvm::Expected<std::string> name =
      TaskNameFile(0x3fffffff, 0x3fffffff).Read();
  ASSERT_FALSE(name);
  EXPECT_NE(std::string::npos,
            llvm::toString(name.takeError())
                .find("/proc/1073741823/task/1073741823/comm"));
}

} // namespace

//===-- TaskInfoTest.cpp - Classifying tasks and io_uring rings -----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads/TaskInfo.h"
#include "ChildProcess.h"
#include "ErrorAssertions.h"

#include "gtest/gtest.h"

#include <cstring>
#include <linux/io_uring.h>
#include <sys/syscall.h>
#include <unistd.h>

using namespace iothreads;

namespace {

TaskStat Stat(pid_t tid, const char *name, unsigned long flags) {
  TaskStat stat;
  stat.Tid = tid;
  stat.Name = name;
  stat.State = 'S';
  stat.Flags = flags;
  return stat;
}

TEST(TaskInfoTest, TheFlagNotTheNameMakesAnIoThread) {
  // A program thread may call itself anything.
  EXPECT_EQ(TaskKind::User,
            ClassifyTask(Stat(10, "iou-wrk-3", 0x400040), {}).Kind);
  // An io thread the kernel has not renamed yet is still one.
  TaskInfo early = ClassifyTask(Stat(11, "myserver", 0x404050), {});
  EXPECT_EQ(TaskKind::IoWorker, early.Kind);
  EXPECT_TRUE(early.IsIncomplete());
}

TEST(TaskInfoTest, APollerIsKnownByItsRing) {
  IoUringRing rings[] = {{3, 20}, {4, std::nullopt}};
  TaskInfo poller = ClassifyTask(Stat(20, "iou-sqp-9", 0x404050), rings);
  EXPECT_EQ(TaskKind::SqPoller, poller.Kind);
  EXPECT_EQ(std::optional<int>(3), poller.RingFd);
  EXPECT_FALSE(poller.IsIncomplete());
  // fdinfo may not name a busy poller; its name still tells its kind.
  TaskInfo busy = ClassifyTask(Stat(21, "iou-sqp-9", 0x404050), {});
  EXPECT_EQ(TaskKind::SqPoller, busy.Kind);
  EXPECT_TRUE(busy.IsIncomplete());
}

TEST(TaskInfoTest, AWorkerNamesItsCreator) {
  TaskInfo worker = ClassifyTask(Stat(30, "iou-wrk-1234", 0x404050), {});
  EXPECT_EQ(TaskKind::IoWorker, worker.Kind);
  EXPECT_EQ(std::optional<pid_t>(1234), worker.Creator);
  EXPECT_EQ("io-wq-worker", TaskKindName(worker.Kind));
}

TEST(TaskInfoTest, ParsesSqThread) {
  EXPECT_EQ(std::optional<pid_t>(4711),
            ParseSqThread("SqMask:\t0x7\nSqThread:\t4711\nSqThreadCpu:\t1\n"));
  EXPECT_EQ(std::nullopt, ParseSqThread("SqThread:\t-1\nSqThreadCpu:\t-1\n"));
  EXPECT_EQ(std::nullopt, ParseSqThread("pos:\t0\nflags:\t02\n"));
}

TEST(TaskInfoTest, FindsTheRingsAndPollerOfARealProcess) {
  ChildProcess child([]() -> int {
    io_uring_params params;
    std::memset(&params, 0, sizeof(params));
    params.flags = IORING_SETUP_SQPOLL;
    params.sq_thread_idle = 1;
    long fd = ::syscall(__NR_io_uring_setup, 4, &params);
    if (fd < 0)
      return 1;
    // Let the poller go idle, which lets fdinfo name it.
    ::usleep(50000);
    ChildProcess::ReportReady();
    ::pause();
    return 0;
  });
  child.WaitUntilReady();

  llvm::Expected<std::vector<IoUringRing>> rings =
      ListIoUringRings(child.Pid());
  ASSERT_TRUE(Ok(rings));
  ASSERT_EQ(1u, rings->size());
  ASSERT_TRUE(rings->front().SqThread.has_value());

  pid_t poller = *rings->front().SqThread;
  llvm::Expected<TaskStat> stat = ReadTaskStat(child.Pid(), poller);
  ASSERT_TRUE(Ok(stat));
  EXPECT_TRUE(stat->Flags & IoWorkerTaskFlag);
  TaskInfo info = ClassifyTask(*stat, *rings);
  EXPECT_EQ(TaskKind::SqPoller, info.Kind);
  EXPECT_EQ(std::optional<int>(rings->front().Fd), info.RingFd);
}

} // namespace

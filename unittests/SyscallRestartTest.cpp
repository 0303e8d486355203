//===-- SyscallRestartTest.cpp - Undoing the EINTR our stops cause --------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The real-child tests are the measurement behind the set of calls in
// SyscallRestart.cpp: each wait, stopped by PTRACE_INTERRUPT and resumed as
// it is, fails with EINTR; with rax set to -ERESTARTNOHAND it stays blocked
// and completes normally; a handled signal still makes it fail.
//
//===----------------------------------------------------------------------===//

#include "SyscallRestart.h"
#include "ChildProcess.h"
#include "ErrorAssertions.h"
#include "Ptrace.h"

#include "gtest/gtest.h"

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <string>
#include <sys/ptrace.h>
#include <sys/sem.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace iothreads;

namespace {

uint64_t Bit(int signo) { return uint64_t(1) << (signo - 1); }

SyscallRegisters Registers64(int64_t number, int64_t result,
                             uint64_t second_argument = 0) {
  SyscallRegisters regs;
  regs.Number = number;
  regs.Result = result;
  regs.Arguments[1] = second_argument;
  return regs;
}

TEST(SyscallRestartTest, DecodesCompatRegistersAsThirtyTwoBitValues) {
  user_regs_struct regs{};
  regs.orig_rax = 256;
  regs.rax = 0xfffffffc; // -EINTR as a compat thread's eax
  regs.rbx = 0x100000003;
  regs.rcx = 7;
  SyscallRegisters decoded = DecodeSyscallRegisters(regs, ExecutionMode::I386);
  EXPECT_EQ(256, decoded.Number);
  EXPECT_EQ(-EINTR, decoded.Result);
  EXPECT_EQ(3u, decoded.Arguments[0]);
  EXPECT_EQ(7u, decoded.Arguments[1]);
  EXPECT_EQ(std::optional<llvm::StringRef>("epoll_wait"),
            InterruptedWait(decoded));
}

TEST(SyscallRestartTest, OnlyAWaitThatFailedWithEintrIsRestarted) {
  EXPECT_EQ(std::optional<llvm::StringRef>("epoll_wait"),
            InterruptedWait(Registers64(232, -EINTR)));
  // Returned events, restarts by itself, or no system call at all.
  EXPECT_FALSE(InterruptedWait(Registers64(232, 1)));
  EXPECT_FALSE(InterruptedWait(Registers64(0, -EINTR)));
  EXPECT_FALSE(InterruptedWait(Registers64(-1, -EINTR)));
  // io_pgetevents answers -ERESTARTNOHAND itself.
  EXPECT_FALSE(InterruptedWait(Registers64(333, -EINTR)));
}

TEST(SyscallRestartTest, AnIoUringEnterThatSubmitsIsNeverRepeated) {
  EXPECT_TRUE(InterruptedWait(Registers64(426, -EINTR, 0)));
  EXPECT_FALSE(InterruptedWait(Registers64(426, -EINTR, 1)));
}

TEST(SyscallRestartTest, CompatSemaphoresGoThroughIpc) {
  SyscallRegisters regs;
  regs.Mode = ExecutionMode::I386;
  regs.Number = 117;
  regs.Result = -EINTR;
  regs.Arguments[0] = 1; // SEMOP
  EXPECT_TRUE(InterruptedWait(regs));
  regs.Arguments[0] = 0x10004; // SEMTIMEDOP, version 1
  EXPECT_TRUE(InterruptedWait(regs));
  regs.Arguments[0] = 12; // MSGRCV restarts by itself
  EXPECT_FALSE(InterruptedWait(regs));
}

TEST(SyscallRestartTest, OnlyASignalThatWouldInterruptKeepsTheEintr) {
  TaskSignals signals;
  EXPECT_FALSE(SignalWillInterrupt(signals));
  signals.Pending = Bit(SIGUSR1);
  EXPECT_FALSE(SignalWillInterrupt(signals)); // no handler: it kills
  signals.Caught = Bit(SIGUSR1);
  EXPECT_TRUE(SignalWillInterrupt(signals));
  signals.Blocked = Bit(SIGUSR1);
  EXPECT_FALSE(SignalWillInterrupt(signals));
  signals = {};
  signals.Pending = Bit(SIGTSTP);
  EXPECT_TRUE(SignalWillInterrupt(signals)); // a job-control stop
  signals.Ignored = Bit(SIGTSTP);
  EXPECT_FALSE(SignalWillInterrupt(signals));
}

TEST(SyscallRestartTest, ParsesTheSignalSetsOfAStatusFile) {
  llvm::Expected<TaskSignals> signals = ParseTaskSignals(
      "Name:\tx\nSigQ:\t1/100\nSigPnd:\t0000000000000200\n"
      "ShdPnd:\t0000000000000001\nSigBlk:\t0000000000000800\n"
      "SigIgn:\t0000000000001000\nSigCgt:\t0000000000000200\n");
  ASSERT_TRUE(Ok(signals));
  EXPECT_EQ(0x201u, signals->Pending);
  EXPECT_EQ(0x800u, signals->Blocked);
  EXPECT_EQ(0x1000u, signals->Ignored);
  EXPECT_EQ(0x200u, signals->Caught);
  EXPECT_TRUE(Failed(ParseTaskSignals("Name:\tx\nSigPnd:\t0\n")));
}

/// A wait of unittests/WaitCall.c and what it returns when it completes.
struct WaitCase {
  const char *Call;
  const char *Normal;
  bool Compat;
};

std::string PrintCase(const ::testing::TestParamInfo<WaitCase> &info) {
  return std::string(info.param.Call) + (info.param.Compat ? "_i386" : "");
}

/// WaitCall blocked in one wait, its stdout read through a pipe.
class WaitingChild {
public:
  explicit WaitingChild(const WaitCase &wait) : Call(wait.Call) {
    const char *path =
        wait.Compat ? IOTHREADS_WAITCALL32_PATH : IOTHREADS_WAITCALL64_PATH;
    int out[2];
    if (::pipe(out) != 0)
      return;
    Child = std::make_unique<ChildProcess>([&]() -> int {
      ::dup2(out[1], 1);
      ::execl(path, path, wait.Call, nullptr);
      return 127;
    });
    ::close(out[1]);
    Output = ::fdopen(out[0], "r");
  }
  ~WaitingChild() {
    if (Output)
      ::fclose(Output);
    // The semaphore outlives the child; it goes only once the wait is over.
    if (llvm::StringRef(Call).starts_with("sem") && Child)
      ::semctl(::semget(0x5e000000 + Pid(), 1, 0), 0, IPC_RMID);
  }

  pid_t Pid() const { return Child->Pid(); }
  /// The next line the child prints, without its newline.
  std::string ReadLine() {
    char line[64] = "";
    if (!Output || !::fgets(line, sizeof(line), Output))
      return "(nothing)";
    return llvm::StringRef(line).rtrim().str();
  }

  /// Interrupts the child until the stop finds it inside its wait (it may
  /// not have entered it yet). Fails when the child ends instead: its wait
  /// returned.
  ::testing::AssertionResult StopInWait() {
    for (int attempt = 0; attempt < 2000; ++attempt) {
      if (llvm::Error error = ptrace::Interrupt(Pid()))
        return ::testing::AssertionFailure()
               << llvm::toString(std::move(error));
      int status = Child->Wait();
      if (status == -1 || !WIFSTOPPED(status))
        return ::testing::AssertionFailure()
               << "the child's wait returned (status " << status << ", "
               << ReadLine() << ")";
      if (llvm::Error error = ptrace::GetGeneralRegisters(Pid(), Regs))
        return ::testing::AssertionFailure()
               << llvm::toString(std::move(error));
      Wait = InterruptedWait(
          DecodeSyscallRegisters(Regs, ExecutionModeFromCodeSegment(Regs.cs)));
      if (Wait)
        return ::testing::AssertionSuccess();
      ::ptrace(PTRACE_CONT, Pid(), nullptr, nullptr);
      ::usleep(1000);
    }
    return ::testing::AssertionFailure() << "never stopped inside " << Call;
  }

  /// Sets the interrupted wait to restart, as the server does.
  ::testing::AssertionResult Restart() {
    Regs.rax = static_cast<uint64_t>(RestartUnlessHandled);
    return Ok(ptrace::SetGeneralRegisters(Pid(), Regs));
  }

  void Continue(int signo = 0) {
    ::ptrace(PTRACE_CONT, Pid(), nullptr, reinterpret_cast<void *>(signo));
  }

  /// Gives the wait what it waits for.
  void EndWait() {
    llvm::StringRef call = Call;
    if (call.starts_with("sem")) {
      int semaphore = ::semget(0x5e000000 + Pid(), 1, 0);
      struct sembuf post = {0, 1, 0};
      ::semop(semaphore, &post, 1);
    } else if (call == "rt_sigtimedwait") {
      ::kill(Pid(), SIGUSR2);
    } else {
      std::string pipe = "/proc/" + std::to_string(Pid()) + "/fd/101";
      int fd = ::open(pipe.c_str(), O_WRONLY);
      (void)!::write(fd, "x", 1);
      ::close(fd);
    }
  }

  const char *Call;
  std::unique_ptr<ChildProcess> Child;
  FILE *Output = nullptr;
  user_regs_struct Regs{};
  std::optional<llvm::StringRef> Wait;
};

class InterruptedWaitTest : public ::testing::TestWithParam<WaitCase> {
protected:
  void SetUp() override {
    if (GetParam().Compat && !MachineRunsI386Programs())
      GTEST_SKIP() << "this kernel runs no i386 programs";
    Child = std::make_unique<WaitingChild>(GetParam());
    ASSERT_EQ("ready", Child->ReadLine());
    ASSERT_TRUE(Ok(ptrace::Seize(Child->Pid(), 0)));
  }
  void TearDown() override {
    if (Child)
      ::kill(Child->Pid(), SIGKILL);
  }

  std::unique_ptr<WaitingChild> Child;
};

TEST_P(InterruptedWaitTest, FailsWithEintrWhenResumedAsItIs) {
  ASSERT_TRUE(Child->StopInWait());
  Child->Continue();
  EXPECT_EQ("-4", Child->ReadLine());
}

TEST_P(InterruptedWaitTest, RestartedStaysBlockedAndCompletesNormally) {
  ASSERT_TRUE(Child->StopInWait());
  llvm::Expected<TaskSignals> signals =
      ReadTaskSignals(Child->Pid(), Child->Pid());
  ASSERT_TRUE(Ok(signals));
  EXPECT_FALSE(SignalWillInterrupt(*signals));
  ASSERT_TRUE(Child->Restart());
  Child->Continue();
  // Still blocked: a second stop finds it in the same wait, not ended.
  ASSERT_TRUE(Child->StopInWait());
  ASSERT_TRUE(Child->Restart());
  Child->Continue();
  Child->EndWait();
  EXPECT_EQ(GetParam().Normal, Child->ReadLine());
}

TEST_P(InterruptedWaitTest, AHandledSignalStillInterrupts) {
  ASSERT_TRUE(Child->StopInWait());
  ::kill(Child->Pid(), SIGUSR1);
  llvm::Expected<TaskSignals> signals =
      ReadTaskSignals(Child->Pid(), Child->Pid());
  ASSERT_TRUE(Ok(signals));
  EXPECT_TRUE(SignalWillInterrupt(*signals));
  Child->Continue();
  int status = Child->Child->Wait();
  ASSERT_TRUE(WIFSTOPPED(status));
  ASSERT_EQ(SIGUSR1, WSTOPSIG(status));
  Child->Continue(SIGUSR1);
  EXPECT_EQ("-4", Child->ReadLine());
}

const WaitCase Waits[] = {
    {"epoll_wait", "1", false},   {"epoll_pwait", "1", false},
    {"epoll_pwait2", "1", false}, {"io_uring_enter", "0", false},
    {"io_getevents", "1", false}, {"semop", "0", false},
    {"semtimedop", "0", false},   {"rt_sigtimedwait", "12", false},
    {"epoll_wait", "1", true},    {"epoll_pwait", "1", true},
    {"epoll_pwait2", "1", true},  {"io_uring_enter", "0", true},
    {"io_getevents", "1", true},  {"semop", "0", true},
    {"semtimedop", "0", true},    {"rt_sigtimedwait", "12", true},
    {"accept", "0", false},       {"recvfrom", "1", false},
    {"recvmsg", "1", false},      {"accept", "0", true},
    {"recvfrom", "1", true},      {"recvmsg", "1", true},
};

INSTANTIATE_TEST_SUITE_P(Waits, InterruptedWaitTest, ::testing::ValuesIn(Waits),
                         PrintCase);

} // namespace

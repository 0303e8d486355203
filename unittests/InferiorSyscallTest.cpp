//===-- InferiorSyscallTest.cpp - System calls made by a stopped thread ---===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "InferiorSyscall.h"
#include "ChildProcess.h"
#include "ErrorAssertions.h"
#include "Ptrace.h"
#include "ThreadWaiter.h"

#include "gtest/gtest.h"

#include <csignal>
#include <cstring>
#include <sys/mman.h>

using namespace iothreads;

namespace {

DirectWaiter Waiter;

/// Remembers the statuses a system call hands back to the dispatch.
class RecordingWaiter : public ThreadWaiter {
public:
  llvm::Expected<int> WaitStatus(pid_t tid) override {
    return Waiter.WaitStatus(tid);
  }
  void Forward(pid_t tid, int status) override {
    Forwarded.emplace_back(tid, status);
  }
  std::vector<std::pair<pid_t, int>> Forwarded;
};

/// Seizes and stops \p child.
void SeizeAndStop(ChildProcess &child) {
  ASSERT_TRUE(Ok(ptrace::Seize(child.Pid(), 0)));
  ASSERT_TRUE(Ok(ptrace::Interrupt(child.Pid())));
  child.Wait();
}

/// Checks that \p request in \p child returns its pid and leaves the
/// registers and the code as they were.
void ExpectGetpidAnswers(ChildProcess &child, const SyscallRequest &request) {
  user_regs_struct before, after;
  ASSERT_TRUE(Ok(ptrace::GetGeneralRegisters(child.Pid(), before)));
  InferiorMemory memory(child.Pid());
  uint8_t code_before[2], code_after[2];
  ASSERT_TRUE(Ok(memory.Read(before.rip, code_before, 2).takeError()));

  llvm::Expected<uint64_t> pid =
      RunSyscall(child.Pid(), memory, Waiter, request);
  ASSERT_TRUE(Ok(pid));
  EXPECT_EQ(static_cast<uint64_t>(child.Pid()), *pid);

  ASSERT_TRUE(Ok(ptrace::GetGeneralRegisters(child.Pid(), after)));
  // EFLAGS bit 1 always reads 1 on a real CPU, and the kernel keeps it set
  // on a write; under QEMU's TCG, Debian's 6.1 reads it 0 at a 32-bit
  // thread's interrupt-stop, so it is not compared.
  constexpr unsigned long long AlwaysOne = 1ULL << 1;
  before.eflags |= AlwaysOne;
  after.eflags |= AlwaysOne;
  EXPECT_EQ(0, std::memcmp(&before, &after, sizeof(before)));
  ASSERT_TRUE(Ok(memory.Read(before.rip, code_after, 2).takeError()));
  EXPECT_EQ(0, std::memcmp(code_before, code_after, 2));
}

TEST(InferiorSyscallTest, RunsAndRestoresInASixtyFourBitThread) {
  ChildProcess child([]() -> int { Spin(); });
  SeizeAndStop(child);
  // getpid is call 39 on x86-64.
  ExpectGetpidAnswers(child, {ExecutionMode::X86_64, 39, {}});
  ::kill(child.Pid(), SIGKILL);
}

TEST(InferiorSyscallTest, RunsAndRestoresInAThirtyTwoBitThread) {
  if (!MachineRunsI386Programs())
    GTEST_SKIP() << "this kernel runs no i386 programs";
  std::unique_ptr<ChildProcess> child = StartSpin32();
  SeizeAndStop(*child);
  // getpid is call 20 on i386.
  ExpectGetpidAnswers(*child, {ExecutionMode::I386, 20, {}});
  ::kill(child->Pid(), SIGKILL);
}

TEST(InferiorSyscallTest, MapsMemoryTheThreadCanUse) {
  ChildProcess child([]() -> int { Spin(); });
  SeizeAndStop(child);
  InferiorMemory memory(child.Pid());
  const uint64_t arguments[] = {0,
                                4096,
                                PROT_READ | PROT_WRITE,
                                MAP_PRIVATE | MAP_ANONYMOUS,
                                uint64_t(-1),
                                0};
  llvm::Expected<uint64_t> addr = RunSyscall(
      child.Pid(), memory, Waiter, {ExecutionMode::X86_64, 9, arguments});
  ASSERT_TRUE(Ok(addr));
  const char text[] = "mapped";
  llvm::Expected<size_t> written = memory.Write(*addr, text, sizeof(text));
  ASSERT_TRUE(Ok(written));
  EXPECT_EQ(sizeof(text), *written);
  ::kill(child.Pid(), SIGKILL);
}

TEST(InferiorSyscallTest, AKernelErrorBecomesAnError) {
  ChildProcess child([]() -> int { Spin(); });
  SeizeAndStop(child);
  InferiorMemory memory(child.Pid());
  // munmap of an unaligned address fails with EINVAL.
  const uint64_t arguments[] = {1, 4096};
  llvm::Expected<uint64_t> result = RunSyscall(
      child.Pid(), memory, Waiter, {ExecutionMode::X86_64, 11, arguments});
  ASSERT_FALSE(result);
  EXPECT_NE(std::string::npos,
            llvm::toString(result.takeError()).find("Invalid argument"));
  ::kill(child.Pid(), SIGKILL);
}

} // namespace

TEST(InferiorSyscallTest, TheThreadsEndGoesBackToTheDispatch) {
  ChildProcess child([]() -> int { Spin(); });
  SeizeAndStop(child);
  InferiorMemory memory(child.Pid());
  // exit_group (231) ends the thread inside the call; the process must
  // still hear of that end.
  const uint64_t arguments[] = {3};
  RecordingWaiter waiter;
  llvm::Expected<uint64_t> result = RunSyscall(
      child.Pid(), memory, waiter, {ExecutionMode::X86_64, 231, arguments});
  ASSERT_FALSE(result);
  llvm::consumeError(result.takeError());
  ASSERT_EQ(1u, waiter.Forwarded.size());
  EXPECT_EQ(child.Pid(), waiter.Forwarded[0].first);
  EXPECT_TRUE(WIFEXITED(waiter.Forwarded[0].second));
  EXPECT_EQ(3, WEXITSTATUS(waiter.Forwarded[0].second));
}

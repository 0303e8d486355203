//===-- ExecutionModeTest.cpp - Reading a thread's mode -------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads/ExecutionMode.h"
#include "ChildProcess.h"
#include "ErrorAssertions.h"
#include "Ptrace.h"

#include "gtest/gtest.h"

#include <sys/wait.h>
#include <unistd.h>

using namespace iothreads;

namespace {

TEST(ExecutionModeTest, KnowsBothUserCodeSegments) {
  EXPECT_EQ(ExecutionMode::X86_64, ExecutionModeFromCodeSegment(0x33));
  EXPECT_EQ(ExecutionMode::I386, ExecutionModeFromCodeSegment(0x23));
  // A selector of the thread's own LDT runs in compat mode too.
  EXPECT_EQ(ExecutionMode::I386, ExecutionModeFromCodeSegment(0x0f));
  EXPECT_EQ("i386", ExecutionModeName(ExecutionMode::I386));
}

/// Seizes and stops \p pid, then tells its mode by its code segment.
llvm::Expected<ExecutionMode> StopAndReadMode(ChildProcess &child) {
  if (llvm::Error error = ptrace::Seize(child.Pid(), 0))
    return std::move(error);
  if (llvm::Error error = ptrace::Interrupt(child.Pid()))
    return std::move(error);
  child.Wait();
  user_regs_struct regs;
  if (llvm::Error error = ptrace::GetGeneralRegisters(child.Pid(), regs))
    return std::move(error);
  return ExecutionModeFromCodeSegment(regs.cs);
}

TEST(ExecutionModeTest, ReadsARealSixtyFourBitThread) {
  ChildProcess child([]() -> int { Spin(); });
  llvm::Expected<ExecutionMode> mode = StopAndReadMode(child);
  ASSERT_TRUE(Ok(mode));
  EXPECT_EQ(ExecutionMode::X86_64, *mode);
}

TEST(ExecutionModeTest, ReadsARealThirtyTwoBitThread) {
  if (!MachineRunsI386Programs())
    GTEST_SKIP() << "this kernel runs no i386 programs";
  std::unique_ptr<ChildProcess> child = StartSpin32();
  llvm::Expected<ExecutionMode> mode = StopAndReadMode(*child);
  ASSERT_TRUE(Ok(mode));
  EXPECT_EQ(ExecutionMode::I386, *mode);
}

} // namespace

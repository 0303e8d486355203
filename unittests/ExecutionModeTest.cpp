//===-- ExecutionModeTest.cpp - Reading a thread's mode -------------------===//

#include "NativeProcessIOThreads/ExecutionMode.h"
#include "ChildProcess.h"
#include "ErrorAssertions.h"
#include "Ptrace.h"

#include "gtest/gtest.h"

#include <sys/wait.h>
#include <unistd.h>

using namespace iothreads;

namespace {

TEST(ExecutionModeTest, KnowsBothRegsetSizes) {
  llvm::Expected<ExecutionMode> wide = ExecutionModeFromPrstatusSize(216);
  ASSERT_TRUE(Ok(wide));
  EXPECT_EQ(ExecutionMode::X86_64, *wide);
  llvm::Expected<ExecutionMode> narrow = ExecutionModeFromPrstatusSize(68);
  ASSERT_TRUE(Ok(narrow));
  EXPECT_EQ(ExecutionMode::I386, *narrow);
  EXPECT_TRUE(Failed(ExecutionModeFromPrstatusSize(100)));
  EXPECT_EQ("i386", ExecutionModeName(ExecutionMode::I386));
}

/// Seizes and stops \p pid, then reads its mode.
llvm::Expected<ExecutionMode> StopAndReadMode(ChildProcess &child) {
  if (llvm::Error error = ptrace::Seize(child.Pid(), 0))
    return std::move(error);
  if (llvm::Error error = ptrace::Interrupt(child.Pid()))
    return std::move(error);
  child.Wait();
  return ReadExecutionMode(child.Pid());
}

TEST(ExecutionModeTest, ReadsARealSixtyFourBitThread) {
  ChildProcess child([]() -> int { Spin(); });
  llvm::Expected<ExecutionMode> mode = StopAndReadMode(child);
  ASSERT_TRUE(Ok(mode));
  EXPECT_EQ(ExecutionMode::X86_64, *mode);
}

TEST(ExecutionModeTest, ReadsARealThirtyTwoBitThread) {
  std::unique_ptr<ChildProcess> child = StartSpin32();
  llvm::Expected<ExecutionMode> mode = StopAndReadMode(*child);
  ASSERT_TRUE(Ok(mode));
  EXPECT_EQ(ExecutionMode::I386, *mode);
}

TEST(ExecutionModeTest, FailsClearlyForAThreadNotStopped) {
  llvm::Expected<ExecutionMode> mode = ReadExecutionMode(::getpid());
  ASSERT_FALSE(mode);
  EXPECT_NE(std::string::npos,
            llvm::toString(mode.takeError()).find("cannot read the mode"));
}

} // namespace

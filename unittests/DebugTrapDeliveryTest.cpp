//===-- DebugTrapDeliveryTest.cpp - Whether debug register traps arrive ---===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The server's own probe must agree with test/probes/debug-trap-probe.c on
// every machine, trapping or not, return in bounded time and leave no wait
// status behind for the server's wait for its debuggees.
//
//===----------------------------------------------------------------------===//

#include "DebugTrapDelivery.h"
#include "ChildProcess.h"

#include "gtest/gtest.h"

#include <chrono>
#include <sys/wait.h>

using namespace iothreads;

namespace {

TEST(DebugTrapDeliveryTest, AgreesWithTheMachineProbe) {
  EXPECT_EQ(MachineDeliversDebugTraps(), ProbeDebugTrapDelivery());
}

TEST(DebugTrapDeliveryTest, KeepsTheFirstAnswer) {
  bool first = DebugTrapsDelivered();
  EXPECT_EQ(MachineDeliversDebugTraps(), first);
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(first, DebugTrapsDelivered());
  // A kept answer forks nothing.
  EXPECT_LT(std::chrono::steady_clock::now() - start,
            std::chrono::milliseconds(1));
}

TEST(DebugTrapDeliveryTest, ReturnsPromptlyAndReapsItsChild) {
  auto start = std::chrono::steady_clock::now();
  ProbeDebugTrapDelivery();
  // Its bound on each wait is 2 s; a machine that answers at all does so in
  // milliseconds.
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(5));
  int status;
  EXPECT_GE(0, ::waitpid(-1, &status, __WALL | WNOHANG));
}

TEST(DebugTrapDeliveryTest, RefusalSaysWhy) {
  std::string message = llvm::toString(UndeliveredDebugTrapsError());
  EXPECT_NE(std::string::npos, message.find("never trap")) << message;
}

} // namespace

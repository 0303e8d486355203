//===-- DebugRegisterSlotsTest.cpp - The x86 debug register slots ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The encoding is checked against the CPU: a slot armed in a real child must
// stop the child with a hardware-breakpoint trap naming that slot.
//
//===----------------------------------------------------------------------===//

#include "DebugRegisterSlots.h"
#include "ChildProcess.h"
#include "ErrorAssertions.h"
#include "Ptrace.h"
#include "WaitEvent.h"

#include "gtest/gtest.h"

#include <csignal>
#include <unistd.h>

using namespace iothreads;
using Use = DebugRegisterSlots::Use;

namespace {

TEST(DebugRegisterSlotsTest, EncodesEachSlotInTheControlWord) {
  DebugRegisterSlots slots;
  EXPECT_EQ(0u, slots.ControlWord());
  llvm::Expected<unsigned> write = slots.Claim(0x1000, 4, Use::Write);
  ASSERT_TRUE(Ok(write));
  EXPECT_EQ(0u, *write);
  // L0, condition 01 (write), length 11 (4 bytes).
  EXPECT_EQ(0xd0001u, slots.ControlWord());
  llvm::Expected<unsigned> code = slots.Claim(0x401000, 1, Use::Execute);
  ASSERT_TRUE(Ok(code));
  EXPECT_EQ(1u, *code);
  // L1 with condition and length 00.
  EXPECT_EQ(0xd0005u, slots.ControlWord());
  llvm::Expected<unsigned> both = slots.Claim(0x2000, 8, Use::ReadWrite);
  ASSERT_TRUE(Ok(both));
  // L2, condition 11, length 10 (8 bytes).
  EXPECT_EQ(0xb0d0015u, slots.ControlWord());
  slots.Release(*write);
  EXPECT_EQ(0xb000014u, slots.ControlWord());
}

TEST(DebugRegisterSlotsTest, RefusesWhatX86CannotWatch) {
  DebugRegisterSlots slots;
  EXPECT_TRUE(Failed(slots.Claim(0x1000, 3, Use::Write)));
  EXPECT_TRUE(Failed(slots.Claim(0x1002, 4, Use::Write)));
  EXPECT_TRUE(Failed(slots.Claim(0x1000, 4, Use::Execute)));
  for (uint64_t i = 0; i < DebugRegisterSlots::Count; ++i) {
    llvm::Expected<unsigned> slot = slots.Claim(0x1000 + 8 * i, 8, Use::Write);
    ASSERT_TRUE(Ok(slot));
  }
  llvm::Expected<unsigned> fifth = slots.Claim(0x2000, 1, Use::Write);
  ASSERT_FALSE(fifth);
  EXPECT_NE(std::string::npos, llvm::toString(fifth.takeError()).find("all 4"));
}

TEST(DebugRegisterSlotsTest, FindsTheTriggeredSlot) {
  EXPECT_FALSE(DebugRegisterSlots::TriggeredSlot(0xffff0ff0));
  EXPECT_EQ(2u, DebugRegisterSlots::TriggeredSlot(0xffff0ff4));
}

volatile int Watched;

TEST(DebugRegisterSlotsTest, AnArmedWriteSlotStopsARealChild) {
  if (!MachineDeliversDebugTraps())
    GTEST_SKIP() << "this machine delivers no hardware watchpoint traps";
  ChildProcess child([]() -> int {
    ChildProcess::ReportReady();
    ::usleep(50 * 1000);
    Watched = 1;
    return 0;
  });
  ASSERT_TRUE(Ok(ptrace::Seize(child.Pid(), 0)));
  ASSERT_TRUE(Ok(ptrace::Interrupt(child.Pid())));
  child.Wait();
  DebugRegisterSlots slots;
  llvm::Expected<unsigned> slot =
      slots.Claim(reinterpret_cast<uintptr_t>(&Watched), 4, Use::Write);
  ASSERT_TRUE(Ok(slot));
  ASSERT_TRUE(Ok(ptrace::WriteDebugRegister(
      child.Pid(), *slot, reinterpret_cast<uintptr_t>(&Watched))));
  ASSERT_TRUE(
      Ok(ptrace::WriteDebugRegister(child.Pid(), 7, slots.ControlWord())));
  ASSERT_TRUE(Ok(ptrace::Continue(child.Pid(), 0)));

  WaitEvent event = WaitEvent::Decode(child.Wait());
  ASSERT_EQ(WaitEvent::Kind::SignalStop, event.EventKind);
  EXPECT_EQ(SIGTRAP, event.Value);
  llvm::Expected<siginfo_t> info = ptrace::GetSignalInfo(child.Pid());
  ASSERT_TRUE(Ok(info));
  EXPECT_EQ(TRAP_HWBKPT, info->si_code);
  llvm::Expected<uint64_t> status = ptrace::ReadDebugRegister(child.Pid(), 6);
  ASSERT_TRUE(Ok(status));
  EXPECT_EQ(*slot, DebugRegisterSlots::TriggeredSlot(*status));
  ::kill(child.Pid(), SIGKILL);
}

} // namespace

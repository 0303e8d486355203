//===-- X87TagWordTest.cpp - The x87 tag word and the abridged one --------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "X87TagWord.h"

#include "gtest/gtest.h"

#include <array>
#include <cstring>

using namespace iothreads;

namespace {

struct Float80 {
  uint64_t Mantissa;
  uint16_t SignExponent;
};

/// The FXSAVE stack area: eight 16-byte slots, st(0) first.
std::array<uint8_t, 128> Stack(std::array<Float80, 8> values) {
  std::array<uint8_t, 128> stack{};
  for (size_t slot = 0; slot < values.size(); ++slot) {
    std::memcpy(&stack[slot * 16], &values[slot].Mantissa, 8);
    std::memcpy(&stack[slot * 16 + 8], &values[slot].SignExponent, 2);
  }
  return stack;
}

const Float80 Two{0x8000000000000000, 0x4000};
const Float80 Denormal{0x3f00000000000000, 0x0000};
const Float80 PlusZero{0, 0x0000};
const Float80 MinusZero{0, 0x8000};
const Float80 PlusInfinity{0x8000000000000000, 0x7fff};
const Float80 MinusInfinity{0x8000000000000000, 0xffff};
const Float80 NaN{0xc000000000000000, 0xffff};
const Float80 Unnormal{0x4000000000000000, 0x4000};

TEST(X87TagWordTest, EveryKindOfValueWithTopAtZero) {
  // 00 valid, 10 denormal, 01 +0, 01 -0, 10 +inf, 10 -inf, 10 NaN, 11 empty.
  auto stack = Stack({Two, Denormal, PlusZero, MinusZero, PlusInfinity,
                      MinusInfinity, NaN, PlusZero});
  EXPECT_EQ(0xea58, FullTagWord(0x7f, 0x8084, stack));
}

TEST(X87TagWordTest, PhysicalRegistersFollowTop) {
  // One value pushed: TOP is 7, so st(0) is physical register 7.
  auto stack = Stack({Two, {}, {}, {}, {}, {}, {}, {}});
  EXPECT_EQ(0x3fff, FullTagWord(0x80, 7 << 11, stack));
  // Two pushed, the first a zero: TOP is 6, st(1) (zero) is register 7.
  stack = Stack({Unnormal, PlusZero, {}, {}, {}, {}, {}, {}});
  EXPECT_EQ(0x6fff, FullTagWord(0xc0, 6 << 11, stack));
}

TEST(X87TagWordTest, AllEmpty) {
  EXPECT_EQ(0xffff, FullTagWord(0, 0, Stack({})));
}

TEST(X87TagWordTest, AbridgedKeepsWhatIsNotEmpty) {
  EXPECT_EQ(0x7f, AbridgedTagWord(0xea58));
  EXPECT_EQ(0x00, AbridgedTagWord(0xffff));
  EXPECT_EQ(0xff, AbridgedTagWord(0x0000));
  // The write test of LLDB: st(7) is the only empty register.
  EXPECT_EQ(0x7f, AbridgedTagWord(0x2a58 | 0xc000));
  EXPECT_EQ(0xff, AbridgedTagWord(0x2a58));
  EXPECT_EQ(0x81, AbridgedTagWord(0x7ffd));
}

TEST(X87TagWordTest, RoundTripsThroughTheAbridgedForm) {
  auto stack = Stack({Two, Denormal, PlusZero, MinusZero, PlusInfinity,
                      MinusInfinity, NaN, PlusZero});
  uint16_t full = FullTagWord(0x7f, 0x8084, stack);
  EXPECT_EQ(full, FullTagWord(AbridgedTagWord(full), 0x8084, stack));
}

} // namespace

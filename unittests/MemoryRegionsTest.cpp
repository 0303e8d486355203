//===-- MemoryRegionsTest.cpp - A process's memory map from /proc ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "MemoryRegions.h"

#include "ErrorAssertions.h"
#include "gtest/gtest.h"

using namespace iothreads;

namespace {

TEST(MemoryRegionsTest, ParsesAWholeMap) {
  llvm::Expected<std::vector<lldb_private::MemoryRegionInfo>> regions =
      ParseMemoryRegions("00400000-00401000 r-xp 00000000 08:01 12 /bin/a\n"
                         "7ffc0000-7ffd0000 rw-p 00000000 00:00 0 [stack]\n");
  ASSERT_TRUE(Ok(regions));
  ASSERT_EQ(2u, regions->size());
  EXPECT_EQ(0x400000u, (*regions)[0].GetRange().GetRangeBase());
  EXPECT_EQ("[stack]", (*regions)[1].GetName().GetStringRef());
}

TEST(MemoryRegionsTest, AMapCutShortIsAnErrorNotAPartialMap) {
  // Before, the regions read up to the bad line were kept and answered
  // every later question as if the map ended there.
  llvm::Expected<std::vector<lldb_private::MemoryRegionInfo>> regions =
      ParseMemoryRegions("00400000-00401000 r-xp 00000000 08:01 12 /bin/a\n"
                         "this is not a mapping\n");
  EXPECT_FALSE(regions);
  llvm::consumeError(regions.takeError());
}

} // namespace

//===-- WriteConfinementTest.cpp - Paths a platform client may change -----===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "WriteConfinement.h"

#include "ErrorAssertions.h"
#include "gtest/gtest.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include <unistd.h>

using namespace iothreads;

namespace {

class WriteConfinementTest : public testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> scratch;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("confinement", scratch));
    Scratch = scratch.str().str();
    Root = Scratch + "/root";
    ASSERT_FALSE(llvm::sys::fs::create_directories(Root + "/sub"));
    ASSERT_FALSE(llvm::sys::fs::create_directories(Scratch + "/outside"));
  }
  void TearDown() override { llvm::sys::fs::remove_directories(Scratch); }

  bool Allows(llvm::StringRef path) {
    llvm::Expected<WriteConfinement> confinement =
        WriteConfinement::Create(Root);
    EXPECT_TRUE(Ok(confinement));
    return confinement && confinement->Allows(path);
  }

  std::string Scratch;
  std::string Root;
};

TEST_F(WriteConfinementTest, AllowsPathsUnderTheRoot) {
  EXPECT_TRUE(Allows(Root + "/new-file"));
  EXPECT_TRUE(Allows(Root + "/sub/new-file"));
  EXPECT_TRUE(Allows(Root + "/sub/new-dir/new-file"));
  EXPECT_TRUE(Allows(Root + "/sub/../other"));
  EXPECT_TRUE(Allows(Root));
}

TEST_F(WriteConfinementTest, RefusesPathsOutsideTheRoot) {
  EXPECT_FALSE(Allows("/etc/passwd"));
  EXPECT_FALSE(Allows(Scratch + "/outside/file"));
  EXPECT_FALSE(Allows(Root + "/../outside/file"));
  EXPECT_FALSE(Allows(Root + "-sibling/file"));
  EXPECT_FALSE(Allows(Root + "/missing/../../outside/file"));
  EXPECT_FALSE(Allows(""));
}

TEST_F(WriteConfinementTest, FollowsLinksOutOfTheRoot) {
  ASSERT_EQ(
      0, ::symlink((Scratch + "/outside").c_str(), (Root + "/escape").c_str()));
  ASSERT_EQ(0, ::symlink("/etc/passwd", (Root + "/passwd").c_str()));
  ASSERT_EQ(0, ::symlink((Scratch + "/outside/new").c_str(),
                         (Root + "/dangling").c_str()));
  EXPECT_FALSE(Allows(Root + "/escape/file"));
  EXPECT_FALSE(Allows(Root + "/passwd"));
  EXPECT_FALSE(Allows(Root + "/dangling"));
}

TEST_F(WriteConfinementTest, ResolvesRelativePathsAgainstTheCurrentDirectory) {
  llvm::SmallString<128> saved;
  ASSERT_FALSE(llvm::sys::fs::current_path(saved));
  ASSERT_FALSE(llvm::sys::fs::set_current_path(Root + "/sub"));
  EXPECT_TRUE(Allows("file"));
  EXPECT_TRUE(Allows("../file"));
  EXPECT_FALSE(Allows("../../outside/file"));
  ASSERT_FALSE(llvm::sys::fs::set_current_path(saved));
}

} // namespace

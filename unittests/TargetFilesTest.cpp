//===-- TargetFilesTest.cpp -----------------------------------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ChildProcess.h"

#include "NativeProcessIOThreads/TargetFiles.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/raw_ostream.h"

#include "gtest/gtest.h"

#include <unistd.h>

using namespace iothreads;

namespace {

std::string ReadLink(const std::string &path) {
  char target[4096];
  ssize_t size = ::readlink(path.c_str(), target, sizeof(target));
  return size > 0 ? std::string(target, size) : std::string();
}

TEST(TargetFilesTest, OurOwnPathsAreServedAsTheyAre) {
  TargetFiles files(::getpid());
  EXPECT_TRUE(files.SharesOurView());
  EXPECT_EQ(files.PathHere("/etc/passwd"), "/etc/passwd");
  EXPECT_EQ(files.ExecutablePathHere(), ReadLink("/proc/self/exe"));
}

// A process in a chroot names its files from its own root: a file only its
// root has is reached through /proc/PID/root, one it lacks keeps its name,
// and its executable (this test, from before the chroot) is ours.
TEST(TargetFilesTest, AChrootedProcessIsServedItsOwnFiles) {
  if (::geteuid() != 0)
    GTEST_SKIP() << "chroot needs root";
  llvm::SmallString<128> root;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("target-files", root));
  std::string only_theirs = (root + "/only-theirs").str();
  {
    std::error_code error;
    llvm::raw_fd_ostream file(only_theirs, error);
    ASSERT_FALSE(error);
  }
  std::string root_path = root.str().str();
  ChildProcess child([&root_path] {
    if (::chroot(root_path.c_str()) != 0)
      return 1;
    ChildProcess::ReportReady();
    Spin();
  });
  child.WaitUntilReady();

  TargetFiles files(child.Pid());
  EXPECT_FALSE(files.SharesOurView());
  EXPECT_EQ(files.PathHere("/only-theirs"),
            llvm::formatv("/proc/{0}/root/only-theirs", child.Pid()).str());
  EXPECT_EQ(files.PathHere("/etc/passwd"), "/etc/passwd");
  EXPECT_EQ(files.ExecutablePathHere(), ReadLink("/proc/self/exe"));

  llvm::sys::fs::remove(only_theirs);
  llvm::sys::fs::remove(root);
}

} // namespace

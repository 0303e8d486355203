//===-- TargetFiles.cpp - A process's files, by paths that reach them here ===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads/TargetFiles.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FormatVariadic.h"

#include <sys/stat.h>
#include <unistd.h>

using namespace iothreads;

namespace {

/// The identity of the file a path leads to, or none.
std::optional<std::pair<dev_t, ino_t>> FileIdentity(const std::string &path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0)
    return std::nullopt;
  return std::make_pair(st.st_dev, st.st_ino);
}

} // namespace

TargetFiles::TargetFiles(pid_t pid) : Pid(pid) {
  std::string proc = llvm::formatv("/proc/{0}", pid).str();
  auto root = FileIdentity(proc + "/root");
  auto mounts = FileIdentity(proc + "/ns/mnt");
  // A process whose root or namespace is closed to us can only be served
  // its paths as they are: /proc/PID/root would be closed too.
  SameView = !root || !mounts ||
             (root == FileIdentity("/") &&
              mounts == FileIdentity("/proc/self/ns/mnt"));
}

std::string TargetFiles::PathHere(llvm::StringRef path) const {
  if (SameView || !path.starts_with("/"))
    return path.str();
  std::string here = path.str();
  std::string through_root = llvm::formatv("/proc/{0}/root{1}", Pid, path);
  auto theirs = FileIdentity(through_root);
  if (!theirs || FileIdentity(here) == theirs)
    return here;
  return through_root;
}

std::optional<std::string> TargetFiles::ExecutablePathHere() const {
  std::string exe = llvm::formatv("/proc/{0}/exe", Pid).str();
  llvm::SmallString<256> link;
  link.resize_for_overwrite(4096);
  ssize_t size = ::readlink(exe.c_str(), link.data(), link.size());
  auto identity = FileIdentity(exe);
  if (size <= 0 || !identity)
    return std::nullopt;
  llvm::StringRef path(link.data(), size);
  if (path.ends_with(" (deleted)"))
    return exe;
  if (FileIdentity(path.str()) == identity)
    return path.str();
  // The link reads as the path from our root, which leads elsewhere or
  // nowhere here; some tail of it is the path inside the process's root.
  for (size_t slash = 0; slash != llvm::StringRef::npos;
       slash = path.find('/', slash + 1)) {
    std::string through_root =
        llvm::formatv("/proc/{0}/root{1}", Pid, path.substr(slash)).str();
    if (FileIdentity(through_root) == identity)
      return through_root;
  }
  return exe;
}

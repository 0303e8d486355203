//===-- TargetFiles.h - A process's files, by paths that reach them here --===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_TARGETFILES_H
#define NATIVEPROCESSIOTHREADS_TARGETFILES_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <sys/types.h>

namespace iothreads {

/// A process in a container names its files from its own root directory
/// and mount namespace: /lib/x86_64-linux-gnu/libc.so.6 there may be
/// another file here, or none. lldb opens the paths the server gives it
/// (the dynamic linker's list, a platform's process information), so those
/// paths must reach the process's own files from where lldb runs, which is
/// where the server runs. /proc/PID/root reaches them by the process's own
/// names, with the opener's own permissions, and a path through it is
/// served only when it leads to the same file as the process's view.
class TargetFiles {
public:
  explicit TargetFiles(pid_t pid);

  /// True when the process resolves paths as we do: the same root directory
  /// in the same mount namespace. Every path is then served as it is.
  bool SharesOurView() const { return SameView; }

  /// The path here of the file the process knows as \p path: \p path itself
  /// when it names the same file here, else the path under /proc/PID/root.
  /// \p path unchanged when the process has no such file (it was removed
  /// after the process opened it).
  std::string PathHere(llvm::StringRef path) const;

  /// The path here of the process's executable: where /proc/PID/exe points
  /// when that is the same file here, else the executable's path inside the
  /// process's root under /proc/PID/root, else /proc/PID/exe itself (a
  /// deleted file). None when the process is gone or closed to us.
  std::optional<std::string> ExecutablePathHere() const;

private:
  pid_t Pid;
  bool SameView;
};

} // namespace iothreads

#endif

//===-- WriteConfinement.h - Which paths a client may change ----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_WRITECONFINEMENT_H
#define LLDB_SERVER_IOTHREADS_WRITECONFINEMENT_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace iothreads {

/// The directory tree a platform client may create, change and remove files
/// in. A path is judged as the kernel would resolve it now: relative to the
/// current directory, with every symbolic link of the part that exists
/// followed. So a link inside the tree that points out of it is outside,
/// and so is any path with ".." after a part that does not exist yet.
class WriteConfinement {
public:
  /// \p root must exist; it is resolved once, here.
  static llvm::Expected<WriteConfinement> Create(llvm::StringRef root);

  bool Allows(llvm::StringRef path) const;
  llvm::StringRef GetRoot() const { return Root; }

private:
  std::string Root;
};

} // namespace iothreads

#endif

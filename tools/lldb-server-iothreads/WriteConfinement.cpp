//===-- WriteConfinement.cpp - Which paths a client may change ------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "WriteConfinement.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <sys/stat.h>

using namespace iothreads;

llvm::Expected<WriteConfinement>
WriteConfinement::Create(llvm::StringRef root) {
  llvm::SmallString<256> real;
  if (std::error_code ec = llvm::sys::fs::real_path(root, real))
    return llvm::createStringError(ec, "cannot confine writes to '%s': %s",
                                   root.str().c_str(), ec.message().c_str());
  WriteConfinement confinement;
  confinement.Root = real.str().str();
  return confinement;
}

bool WriteConfinement::Allows(llvm::StringRef path) const {
  if (path.empty())
    return false;
  llvm::SmallString<256> existing(path);
  if (llvm::sys::fs::make_absolute(existing))
    return false;
  // Peel off the components that do not exist yet; a dangling link exists.
  llvm::SmallVector<std::string, 4> missing;
  struct stat status;
  while (::lstat(existing.c_str(), &status) != 0) {
    llvm::StringRef name = llvm::sys::path::filename(existing);
    if (name == ".." || existing == llvm::sys::path::root_path(existing))
      return false;
    if (name != ".")
      missing.push_back(name.str());
    llvm::sys::path::remove_filename(existing);
  }
  llvm::SmallString<256> resolved;
  if (llvm::sys::fs::real_path(existing, resolved))
    return false;
  for (const std::string &name : llvm::reverse(missing))
    llvm::sys::path::append(resolved, name);
  llvm::StringRef candidate = resolved;
  return candidate == Root ||
         (candidate.starts_with(Root) &&
          (Root == "/" || candidate.drop_front(Root.size()).starts_with("/")));
}

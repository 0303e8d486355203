//===-- ServerLogging.h - --log-file and --log-channels ---------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_SERVERLOGGING_H
#define LLDB_SERVER_IOTHREADS_SERVERLOGGING_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace iothreads {

/// Enables LLDB log channels the way lldb-server does: \p channels is a
/// colon-separated list of "CHANNEL CATEGORY..." entries, written to
/// \p log_file or, when it is empty or cannot be opened, to stderr. The
/// error's text is lldb-server's, ending in a newline.
llvm::Error SetUpLogging(llvm::StringRef log_file, llvm::StringRef channels);

} // namespace iothreads

#endif

//===-- GDBServerCommand.h - The gdbserver subcommand -----------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_GDBSERVERCOMMAND_H
#define LLDB_SERVER_IOTHREADS_GDBSERVERCOMMAND_H

#include "llvm/ADT/ArrayRef.h"

namespace iothreads {

/// Serves one lldb client with this project's backend. \p args are the
/// arguments after the subcommand name; returns the exit code.
int RunGDBServer(llvm::StringRef argv0, llvm::ArrayRef<const char *> args);

} // namespace iothreads

#endif

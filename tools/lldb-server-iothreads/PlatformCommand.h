//===-- PlatformCommand.h - The platform subcommand -------------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_PLATFORMCOMMAND_H
#define LLDB_SERVER_IOTHREADS_PLATFORMCOMMAND_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

namespace iothreads {

/// Serves lldb's remote-linux platform; each debug session it starts runs
/// this same binary's gdbserver. \p subcommand is the name it was called
/// by, \p args what follows it. Returns the exit code.
int RunPlatform(llvm::StringRef argv0, llvm::StringRef subcommand,
                llvm::ArrayRef<const char *> args);

} // namespace iothreads

#endif

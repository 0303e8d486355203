//===-- ThreadQueries.h - What a server may ask of a thread -----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Questions about this backend's threads for code that sees them only as
// NativeThreadProtocol (the server), without its private headers.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_THREADQUERIES_H
#define NATIVEPROCESSIOTHREADS_THREADQUERIES_H

#include "lldb/Host/common/NativeThreadProtocol.h"

namespace iothreads {

/// Whether we trace \p thread (an observed io_uring thread is not traced,
/// and no resume moves it).
bool IsTracedThread(lldb_private::NativeThreadProtocol &thread);

/// The stop signal of the job-control stop a resume left \p thread in (we
/// let it stand until SIGCONT), or 0.
int HeldJobControlSignal(lldb_private::NativeThreadProtocol &thread);

} // namespace iothreads

#endif

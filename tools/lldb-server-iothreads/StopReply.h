//===-- StopReply.h - The stop reply, written in one pass -------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The T packet lldb gets at every stop: the reporting thread's signal, id,
// name and registers, the stop reason, and (once lldb has sent
// QListThreadsInStopReply) every thread's id, pc and stop (jstopinfo).
// LLGS writes it through a virtual stream call per byte and builds the
// jstopinfo as a tree of json::Value; this writes the same text, field for
// field, into one string.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_STOPREPLY_H
#define LLDB_SERVER_IOTHREADS_STOPREPLY_H

#include "lldb/Host/common/NativeThreadProtocol.h"

#include <string>

namespace iothreads {

struct StopReplyOptions {
  /// lldb asked for every thread in the reply (QListThreadsInStopReply).
  bool ListThreads = false;
  /// Thread ids carry their process id (the multiprocess extension).
  bool Multiprocess = false;
};

/// The stop reply for \p thread, or an empty string when the thread has no
/// stop to describe.
std::string WriteStopReply(lldb_private::NativeThreadProtocol &thread,
                           const StopReplyOptions &options);

} // namespace iothreads

#endif

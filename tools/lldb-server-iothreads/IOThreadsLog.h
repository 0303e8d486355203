//===-- IOThreadsLog.h - The server's own log channel -----------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// `--log-channels "iothreads stop-replies"` (or LLDB_SERVER_LOG_CHANNELS
// when lldb starts the server) logs every stop reply twice: as this server
// wrote it and as LLGS would have, so that a user or a test can see that
// lldb is told the same thing.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_IOTHREADSLOG_H
#define LLDB_SERVER_IOTHREADS_IOTHREADSLOG_H

#include "lldb/Utility/Log.h"
#include "llvm/ADT/BitmaskEnum.h"

namespace iothreads {

enum class IOThreadsLog : lldb_private::Log::MaskType {
  StopReplies = lldb_private::Log::ChannelFlag<0>,
  LLVM_MARK_AS_BITMASK_ENUM(StopReplies)
};

/// Makes the "iothreads" channel known to --log-channels.
void RegisterIOThreadsLog();

} // namespace iothreads

namespace lldb_private {
template <> Log::Channel &LogChannelFor<iothreads::IOThreadsLog>();
} // namespace lldb_private

#endif

//===-- IOThreadsLog.cpp - The server's own log channel -------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "IOThreadsLog.h"

using namespace iothreads;
using namespace lldb_private;

static constexpr Log::Category Categories[] = {
    {{"stop-replies"},
     {"log each stop reply beside the one LLGS would have sent"},
     IOThreadsLog::StopReplies},
};

static Log::Channel Channel(Categories, IOThreadsLog::StopReplies);

template <> Log::Channel &lldb_private::LogChannelFor<IOThreadsLog>() {
  return Channel;
}

void iothreads::RegisterIOThreadsLog() { Log::Register("iothreads", Channel); }

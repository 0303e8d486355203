//===-- JobControlNotice.h - Say why a resumed process runs not -*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A process in a job-control stop when we attach (`kill -STOP`, ^Z) stays in
// it when lldb continues: the server lets the stop stand (PTRACE_LISTEN), as
// the program's shell expects, until someone sends SIGCONT. LLGS then sends
// nothing, and lldb shows a process that runs but never stops. The server
// tells lldb why, as console output (an `O` packet), which lldb prints at
// once and which leaves the process resumed: the SIGCONT that ends the stop
// lets it run on, and `process interrupt` stops it as usual.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_JOBCONTROLNOTICE_H
#define LLDB_SERVER_IOTHREADS_JOBCONTROLNOTICE_H

#include "lldb/Host/common/NativeProcessProtocol.h"

#include <optional>
#include <string>

namespace iothreads {

/// The words for the client when every thread \p process traces is held in
/// a job-control stop after a resume; none otherwise.
std::optional<std::string>
DescribeJobControlStop(lldb_private::NativeProcessProtocol &process);

} // namespace iothreads

#endif

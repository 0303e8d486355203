//===-- ControlledPlatform.h - The platform with access rules ---*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_CONTROLLEDPLATFORM_H
#define LLDB_SERVER_IOTHREADS_CONTROLLEDPLATFORM_H

#include "AccessControls.h"
#include "PacketGuards.h"

#include "Plugins/Process/gdb-remote/GDBRemoteCommunicationServerPlatform.h"

namespace iothreads {

/// LLDB's platform server, serving its debug sessions over TCP, with the
/// packets AccessControls forbids refused, packets LLDB could not decode
/// (see PacketFraming.h) answered with an error, and each process's
/// executable named by a path that reaches its file from here.
class ControlledPlatform
    : public PacketGuards<lldb_private::process_gdb_remote::
                              GDBRemoteCommunicationServerPlatform> {
public:
  explicit ControlledPlatform(const AccessControls &controls);

  /// Sends lldb to the platform's own listener for each debug session
  /// (--one-port): TCP \p port, or the Unix socket at \p socket_path. With
  /// a \p program_token_fd, a session with the program given after `--`
  /// awaits the client there: when lldb asks for it (qQueryGDBServer), a
  /// byte written to the descriptor tells the acceptor to start the next
  /// debug session it is handed with the program.
  void ServeSessionsOnListener(uint16_t port, llvm::StringRef socket_path,
                               int program_token_fd);

  /// Waits until every debug session this platform started has ended: each
  /// is watched by a thread that reports its end to this object, which must
  /// outlive it (LLDB 19's own platform aborts when it does not).
  void WaitForSessions();

private:
  /// qProcessInfoPID, whose executable lldb opens (through this platform)
  /// as the file of a process it attaches to: for a process in another
  /// mount namespace, a path through /proc/PID/root (TargetFiles.h).
  PacketResult AnswerProcessInfo(StringExtractorGDBRemote &packet);
};

} // namespace iothreads

#endif

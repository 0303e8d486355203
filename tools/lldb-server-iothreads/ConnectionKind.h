//===-- ConnectionKind.h - A platform client or a debug session? -*- C++
//-*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A one-port platform (--one-port) serves its debug sessions on its own
// listener, where lldb connects again for each session, so each connection
// must show what it is. lldb opens both alike: acknowledgements, then
// QStartNoAckMode. Then a platform client asks qHostInfo and a debug session
// qSupported (as gdb does first). The platform reads that far, answering
// QStartNoAckMode, and leaves the packet after it unread for the server that
// serves the connection.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_CONNECTIONKIND_H
#define LLDB_SERVER_IOTHREADS_CONNECTIONKIND_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <chrono>

namespace iothreads {

enum class ConnectionKind { Platform, DebugSession };

struct ConnectionOpening {
  ConnectionKind Kind = ConnectionKind::Platform;
  /// The client turned acknowledgements off (its QStartNoAckMode was
  /// answered): the server that takes the connection must not expect them.
  bool AcksOff = false;
};

/// The kind of a connection whose first packet after the opening is
/// \p packet (its text from the '$').
ConnectionKind KindOfFirstPacket(llvm::StringRef packet);

/// Reads the opening of the connection on socket \p fd as described above.
/// Fails when the client closes or stays silent for \p patience.
llvm::Expected<ConnectionOpening>
ReadConnectionOpening(int fd, std::chrono::milliseconds patience);

} // namespace iothreads

#endif

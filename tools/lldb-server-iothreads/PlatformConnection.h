//===-- PlatformConnection.h - A platform client's connection ---*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_PLATFORMCONNECTION_H
#define LLDB_SERVER_IOTHREADS_PLATFORMCONNECTION_H

#include "PacketFraming.h"

#include <memory>
#include <string>

namespace iothreads {

/// LLDB 19's platform server starts each debug session listening on the
/// host of its connection's URI, which for an accepted socket is the
/// client's address: from another machine (or another loopback address)
/// the session cannot bind it, and lldb, which connects to the host it
/// reached the platform at, finds nothing there. This connection reports
/// instead the address the client reached us at, so the session listens
/// where lldb looks; for a Unix-domain client, loopback.
class PlatformConnection : public FramedConnection {
public:
  /// \p fd is the accepted socket \p inner reads.
  PlatformConnection(std::unique_ptr<lldb_private::Connection> inner, int fd);
  std::string GetURI() override { return URI; }

private:
  std::string URI;
};

} // namespace iothreads

#endif

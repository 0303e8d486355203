//===-- PeerIdentity.h - Who is at the other end of a socket ----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_PEERIDENTITY_H
#define LLDB_SERVER_IOTHREADS_PEERIDENTITY_H

#include <optional>
#include <string>
#include <sys/socket.h>
#include <sys/types.h>

namespace iothreads {

/// The peer's address of the connected socket \p fd.
struct PeerAddress {
  sockaddr_storage Storage{};
  socklen_t Length = 0;
  const sockaddr &Get() const {
    return reinterpret_cast<const sockaddr &>(Storage);
  }
};
std::optional<PeerAddress> GetPeerAddress(int fd);

/// The user the peer of the connected socket \p fd runs as: from
/// SO_PEERCRED for a Unix-domain socket, and for a TCP connection from this
/// host, from the owner of the peer's socket in /proc/net/tcp or tcp6.
/// None for a TCP peer on another host.
std::optional<uid_t> GetPeerUid(int fd);

/// "ADDRESS:PORT", "[ADDRESS]:PORT" or "uid N" (Unix-domain) for messages.
std::string DescribePeer(int fd);

} // namespace iothreads

#endif

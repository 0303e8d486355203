//===-- PeerIdentity.cpp - Who is at the other end of a socket ------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PeerIdentity.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>

using namespace iothreads;

std::optional<PeerAddress> iothreads::GetPeerAddress(int fd) {
  PeerAddress peer;
  peer.Length = sizeof(peer.Storage);
  if (::getpeername(fd, reinterpret_cast<sockaddr *>(&peer.Storage),
                    &peer.Length) != 0)
    return std::nullopt;
  return peer;
}

/// The address of a socket as /proc/net/tcp{,6} prints it: each 32-bit
/// word of the address in host order, then the port, in hexadecimal.
/// IPv4-mapped addresses are printed as IPv4, in the table the kernel keeps
/// such a connection's other end in.
static std::string ProcNetAddress(const sockaddr &address, bool &ipv6) {
  if (address.sa_family == AF_INET) {
    const auto &v4 = reinterpret_cast<const sockaddr_in &>(address);
    ipv6 = false;
    return llvm::formatv("{0:X-8}:{1:X-4}", v4.sin_addr.s_addr,
                         ntohs(v4.sin_port));
  }
  const auto &v6 = reinterpret_cast<const sockaddr_in6 &>(address);
  uint32_t words[4];
  std::memcpy(words, &v6.sin6_addr, sizeof(words));
  if (IN6_IS_ADDR_V4MAPPED(&v6.sin6_addr)) {
    ipv6 = false;
    return llvm::formatv("{0:X-8}:{1:X-4}", words[3], ntohs(v6.sin6_port));
  }
  ipv6 = true;
  return llvm::formatv("{0:X-8}{1:X-8}{2:X-8}{3:X-8}:{4:X-4}", words[0],
                       words[1], words[2], words[3], ntohs(v6.sin6_port));
}

/// Finds the socket whose local end is \p peer and remote end \p ours: the
/// client's end of our connection, when the client is on this host.
static std::optional<uid_t> FindTcpOwner(const sockaddr &ours,
                                         const sockaddr &peer) {
  bool ipv6 = false;
  std::string local = ProcNetAddress(peer, ipv6);
  std::string remote = ProcNetAddress(ours, ipv6);
  auto table = llvm::MemoryBuffer::getFileAsStream(ipv6 ? "/proc/net/tcp6"
                                                        : "/proc/net/tcp");
  if (!table)
    return std::nullopt;
  llvm::SmallVector<llvm::StringRef, 64> lines;
  (*table)->getBuffer().split(lines, '\n');
  for (llvm::StringRef line : lines) {
    // sl local_address rem_address st tx:rx tr:when retrnsmt uid ...
    llvm::SmallVector<llvm::StringRef, 12> fields;
    line.split(fields, ' ', -1, /*KeepEmpty=*/false);
    uid_t uid;
    if (fields.size() > 7 && fields[1] == local && fields[2] == remote &&
        !fields[7].getAsInteger(10, uid))
      return uid;
  }
  return std::nullopt;
}

std::optional<uid_t> iothreads::GetPeerUid(int fd) {
  std::optional<PeerAddress> peer = GetPeerAddress(fd);
  if (!peer)
    return std::nullopt;
  if (peer->Get().sa_family == AF_UNIX) {
    ucred credentials;
    socklen_t length = sizeof(credentials);
    if (::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &credentials, &length) != 0)
      return std::nullopt;
    return credentials.uid;
  }
  PeerAddress ours;
  ours.Length = sizeof(ours.Storage);
  if (::getsockname(fd, reinterpret_cast<sockaddr *>(&ours.Storage),
                    &ours.Length) != 0 ||
      (ours.Get().sa_family != AF_INET && ours.Get().sa_family != AF_INET6))
    return std::nullopt;
  return FindTcpOwner(ours.Get(), peer->Get());
}

std::string iothreads::DescribePeer(int fd) {
  std::optional<PeerAddress> peer = GetPeerAddress(fd);
  if (!peer)
    return "an unknown peer";
  char host[INET6_ADDRSTRLEN] = "";
  if (peer->Get().sa_family == AF_INET) {
    const auto &v4 = reinterpret_cast<const sockaddr_in &>(peer->Storage);
    ::inet_ntop(AF_INET, &v4.sin_addr, host, sizeof(host));
    return llvm::formatv("{0}:{1}", host, ntohs(v4.sin_port));
  }
  if (peer->Get().sa_family == AF_INET6) {
    const auto &v6 = reinterpret_cast<const sockaddr_in6 &>(peer->Storage);
    ::inet_ntop(AF_INET6, &v6.sin6_addr, host, sizeof(host));
    return llvm::formatv("[{0}]:{1}", host, ntohs(v6.sin6_port));
  }
  std::optional<uid_t> uid = GetPeerUid(fd);
  return uid ? llvm::formatv("uid {0}", *uid).str() : "an unknown peer";
}

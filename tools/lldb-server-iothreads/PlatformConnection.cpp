//===-- PlatformConnection.cpp - A platform client's connection -----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PlatformConnection.h"

#include "llvm/Support/FormatVariadic.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

using namespace iothreads;

/// The host part ("127.0.0.1", "::1") of the local end of socket \p fd; an
/// IPv4-mapped address is given as IPv4. Loopback for anything else.
static std::string LocalHost(int fd) {
  sockaddr_storage storage{};
  socklen_t length = sizeof(storage);
  char host[INET6_ADDRSTRLEN] = "127.0.0.1";
  if (::getsockname(fd, reinterpret_cast<sockaddr *>(&storage), &length) != 0)
    return host;
  if (storage.ss_family == AF_INET) {
    ::inet_ntop(AF_INET, &reinterpret_cast<sockaddr_in &>(storage).sin_addr,
                host, sizeof(host));
  } else if (storage.ss_family == AF_INET6) {
    const in6_addr &v6 = reinterpret_cast<sockaddr_in6 &>(storage).sin6_addr;
    if (IN6_IS_ADDR_V4MAPPED(&v6))
      ::inet_ntop(AF_INET, &v6.s6_addr[12], host, sizeof(host));
    else
      ::inet_ntop(AF_INET6, &v6, host, sizeof(host));
  }
  return host;
}

PlatformConnection::PlatformConnection(
    std::unique_ptr<lldb_private::Connection> inner, int fd)
    : FramedConnection(std::move(inner)),
      URI(llvm::formatv("connect://[{0}]:0", LocalHost(fd)).str()) {}

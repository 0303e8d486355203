//===-- ListenAddress.cpp - Where a server listens ------------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ListenAddress.h"

#include "lldb/Host/common/TCPSocket.h"
#include "llvm/ADT/StringExtras.h"

#include <sys/stat.h>

using namespace lldb_private;

std::string iothreads::DefaultToLoopback(llvm::StringRef address) {
  if (address.contains("://"))
    return address.str();
  if (!address.empty() && llvm::all_of(address, llvm::isDigit))
    return ("localhost:" + address).str();
  if (address.starts_with(":"))
    return ("localhost" + address).str();
  return address.str();
}

std::optional<std::string>
iothreads::GetUnixSocketPath(llvm::StringRef address) {
  for (llvm::StringRef scheme : {"unix://", "unix-accept://"})
    if (address.consume_front(scheme))
      return address.str();
  if (!address.contains("://") && address.contains('/'))
    return address.str();
  return std::nullopt;
}

llvm::Expected<std::unique_ptr<Socket>>
iothreads::ListenOn(llvm::StringRef address) {
  constexpr int Backlog = 16;
  std::optional<std::string> path = GetUnixSocketPath(address);
  if (!path) {
    std::string host_port = DefaultToLoopback(address);
    llvm::StringRef rest = host_port;
    if (!rest.consume_front("tcp://"))
      rest.consume_front("listen://");
    llvm::Expected<std::unique_ptr<TCPSocket>> listener =
        Socket::TcpListen(rest, /*child_processes_inherit=*/false, Backlog);
    if (!listener)
      return listener.takeError();
    return std::move(*listener);
  }
  Status error;
  std::unique_ptr<Socket> listener =
      Socket::Create(Socket::ProtocolUnixDomain, false, error);
  if (error.Success())
    error = listener->Listen(*path, Backlog);
  if (error.Fail())
    return error.ToError();
  // Only our user may connect (as the peer check also demands); root may
  // anyway.
  if (::chmod(path->c_str(), S_IRUSR | S_IWUSR) != 0)
    return llvm::errorCodeToError(
        std::error_code(errno, std::generic_category()));
  return listener;
}

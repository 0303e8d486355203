//===-- ListenAddress.h - Where a server listens ----------------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_LISTENADDRESS_H
#define LLDB_SERVER_IOTHREADS_LISTENADDRESS_H

#include "lldb/Host/Socket.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <optional>
#include <string>

namespace iothreads {

/// Turns "PORT", ":PORT" and "HOST:PORT" into "HOST:PORT", with HOST the
/// loopback name unless the user gave one: a debug server reachable from
/// the network must be asked for. URLs ("scheme://...") are left as given.
std::string DefaultToLoopback(llvm::StringRef address);

/// The socket path of a Unix-domain address, as lldb-server 19 spells one:
/// "unix://PATH", "unix-accept://PATH" (LLGS's form of the same), or a bare
/// path (anything with a '/' and no scheme).
std::optional<std::string> GetUnixSocketPath(llvm::StringRef address);

/// Listens on \p address: a Unix-domain socket (see GetUnixSocketPath),
/// which only its owner may connect to (mode 0600; root bypasses that), or
/// TCP at "[HOST]:PORT", "tcp://HOST:PORT" or "listen://HOST:PORT".
llvm::Expected<std::unique_ptr<lldb_private::Socket>>
ListenOn(llvm::StringRef address);

} // namespace iothreads

#endif

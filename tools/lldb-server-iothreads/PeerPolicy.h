//===-- PeerPolicy.h - Which clients a listening server admits --*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_PEERPOLICY_H
#define LLDB_SERVER_IOTHREADS_PEERPOLICY_H

#include "AddressRange.h"

#include "lldb/Host/Socket.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/Support/Error.h"

#include <memory>
#include <string>
#include <vector>

namespace iothreads {

struct PeerPolicy {
  /// TCP clients must come from one of these; empty admits any address.
  std::vector<AddressRange> Allowed;
  /// Clients must run as the user we run as, or as root.
  bool SameUserOnly = false;

  /// Reads `--allow` values; an invalid one is the error.
  static llvm::Expected<PeerPolicy> Parse(llvm::ArrayRef<std::string> allowed,
                                          bool same_user_only);

  /// Why the peer of the connected socket \p fd must be turned away, or
  /// success. A Unix-domain peer is not subject to Allowed.
  llvm::Error Admit(int fd) const;
};

/// Accepts clients on \p listener until one passes \p policy; each one
/// refused is logged on stderr, with the reason, and dropped.
llvm::Expected<std::unique_ptr<lldb_private::Socket>>
AcceptAdmitted(lldb_private::Socket &listener, const PeerPolicy &policy);

} // namespace iothreads

#endif

//===-- AddressRange.h - An IPv4 or IPv6 network in CIDR form ---*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_ADDRESSRANGE_H
#define LLDB_SERVER_IOTHREADS_ADDRESSRANGE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <sys/socket.h>

namespace iothreads {

/// The addresses `--allow` admits: "10.0.0.0/8", "fd00::/8", or one address
/// ("192.0.2.7" is 192.0.2.7/32). IPv4 is held as the IPv4-mapped IPv6
/// address, so that a client of a dual-stack listener (which sees it as
/// ::ffff:a.b.c.d) matches the IPv4 range it belongs to.
class AddressRange {
public:
  static llvm::Expected<AddressRange> Parse(llvm::StringRef text);

  /// Whether the IPv4 or IPv6 socket address \p address lies in the range;
  /// any other family never does.
  bool Contains(const sockaddr &address) const;

private:
  std::array<uint8_t, 16> Network{};
  unsigned PrefixBits = 0;
};

} // namespace iothreads

#endif

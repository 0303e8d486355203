//===-- AddressRange.cpp - An IPv4 or IPv6 network in CIDR form -----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AddressRange.h"

#include "llvm/ADT/StringExtras.h"

#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <optional>

using namespace iothreads;

/// The 16-byte form of an IPv4 address: ::ffff:a.b.c.d.
static std::array<uint8_t, 16> MapIPv4(const in_addr &address) {
  std::array<uint8_t, 16> mapped{};
  mapped[10] = mapped[11] = 0xff;
  std::memcpy(&mapped[12], &address, 4);
  return mapped;
}

llvm::Expected<AddressRange> AddressRange::Parse(llvm::StringRef text) {
  auto [host, prefix] = text.split('/');
  auto invalid = [&] {
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "'%s' is not an IPv4 or IPv6 address or ADDRESS/PREFIX-LENGTH",
        text.str().c_str());
  };
  std::string host_text = host.str();
  AddressRange range;
  unsigned max_bits;
  in_addr v4;
  in6_addr v6;
  if (::inet_pton(AF_INET, host_text.c_str(), &v4) == 1) {
    range.Network = MapIPv4(v4);
    max_bits = 32;
  } else if (::inet_pton(AF_INET6, host_text.c_str(), &v6) == 1) {
    std::memcpy(range.Network.data(), &v6, 16);
    max_bits = 128;
  } else {
    return invalid();
  }
  unsigned bits = max_bits;
  if (text.contains('/') &&
      (prefix.empty() || !llvm::all_of(prefix, llvm::isDigit) ||
       prefix.getAsInteger(10, bits) || bits > max_bits))
    return invalid();
  range.PrefixBits = bits + (128 - max_bits);
  // Host bits set in the network ("10.1.2.3/8") are ignored, as ip(8) does.
  for (unsigned bit = range.PrefixBits; bit < 128; ++bit)
    range.Network[bit / 8] &= ~(0x80 >> (bit % 8));
  return range;
}

bool AddressRange::Contains(const sockaddr &address) const {
  std::array<uint8_t, 16> candidate;
  if (address.sa_family == AF_INET)
    candidate =
        MapIPv4(reinterpret_cast<const sockaddr_in &>(address).sin_addr);
  else if (address.sa_family == AF_INET6)
    std::memcpy(candidate.data(),
                &reinterpret_cast<const sockaddr_in6 &>(address).sin6_addr, 16);
  else
    return false;
  for (unsigned bit = 0; bit < PrefixBits; ++bit) {
    uint8_t mask = 0x80 >> (bit % 8);
    if ((candidate[bit / 8] & mask) != (Network[bit / 8] & mask))
      return false;
  }
  return true;
}

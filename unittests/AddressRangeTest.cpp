//===-- AddressRangeTest.cpp - The --allow network matcher ----------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AddressRange.h"

#include "ErrorAssertions.h"
#include "gtest/gtest.h"

#include <arpa/inet.h>
#include <netinet/in.h>

using namespace iothreads;

namespace {

sockaddr_storage V4(const char *text) {
  sockaddr_storage storage{};
  auto &address = reinterpret_cast<sockaddr_in &>(storage);
  address.sin_family = AF_INET;
  EXPECT_EQ(1, ::inet_pton(AF_INET, text, &address.sin_addr));
  return storage;
}

sockaddr_storage V6(const char *text) {
  sockaddr_storage storage{};
  auto &address = reinterpret_cast<sockaddr_in6 &>(storage);
  address.sin6_family = AF_INET6;
  EXPECT_EQ(1, ::inet_pton(AF_INET6, text, &address.sin6_addr));
  return storage;
}

bool Contains(const char *range, const sockaddr_storage &address) {
  llvm::Expected<AddressRange> parsed = AddressRange::Parse(range);
  EXPECT_TRUE(Ok(parsed));
  return parsed &&
         parsed->Contains(reinterpret_cast<const sockaddr &>(address));
}

TEST(AddressRangeTest, MatchesIPv4Prefixes) {
  EXPECT_TRUE(Contains("10.0.0.0/8", V4("10.255.1.2")));
  EXPECT_FALSE(Contains("10.0.0.0/8", V4("11.0.0.1")));
  EXPECT_TRUE(Contains("192.168.4.0/22", V4("192.168.7.255")));
  EXPECT_FALSE(Contains("192.168.4.0/22", V4("192.168.8.0")));
  EXPECT_TRUE(Contains("127.0.0.1", V4("127.0.0.1")));
  EXPECT_FALSE(Contains("127.0.0.1", V4("127.0.0.2")));
  EXPECT_TRUE(Contains("0.0.0.0/0", V4("203.0.113.9")));
  // Host bits in the network are ignored.
  EXPECT_TRUE(Contains("10.1.2.3/8", V4("10.9.9.9")));
}

TEST(AddressRangeTest, MatchesIPv6Prefixes) {
  EXPECT_TRUE(Contains("fd00::/8", V6("fd12:3456::1")));
  EXPECT_FALSE(Contains("fd00::/8", V6("fe80::1")));
  EXPECT_TRUE(Contains("2001:db8::/33", V6("2001:db8:7fff::1")));
  EXPECT_FALSE(Contains("2001:db8::/33", V6("2001:db8:8000::1")));
  EXPECT_TRUE(Contains("::1", V6("::1")));
  EXPECT_FALSE(Contains("::1", V6("::2")));
}

TEST(AddressRangeTest, MatchesIPv4MappedPeersOfDualStackListeners) {
  EXPECT_TRUE(Contains("10.0.0.0/8", V6("::ffff:10.1.2.3")));
  EXPECT_FALSE(Contains("10.0.0.0/8", V6("::ffff:11.1.2.3")));
  EXPECT_TRUE(Contains("::ffff:10.0.0.0/104", V4("10.1.2.3")));
  // An IPv6 range outside ::ffff:0:0/96 never holds an IPv4 peer.
  EXPECT_FALSE(Contains("2001:db8::/32", V4("32.1.13.184")));
}

TEST(AddressRangeTest, RejectsWhatIsNotARange) {
  for (const char *text :
       {"", "10.0.0.0/33", "::/129", "10.0.0.0/", "10/8", "10.0.0.0/8x",
        "10.0.0.0/-1", "host.example", "10.0.0.0/8/8", "1.2.3.4.5"})
    EXPECT_TRUE(Failed(AddressRange::Parse(text))) << text;
}

TEST(AddressRangeTest, NeverHoldsOtherFamilies) {
  sockaddr_storage local{};
  local.ss_family = AF_UNIX;
  EXPECT_FALSE(Contains("0.0.0.0/0", local));
  EXPECT_FALSE(Contains("::/0", local));
}

} // namespace

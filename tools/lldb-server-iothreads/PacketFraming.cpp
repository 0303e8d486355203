//===-- PacketFraming.cpp - Only whole, decodable packets reach LLDB ------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PacketFraming.h"

#include "lldb/Utility/IOObject.h"
#include "lldb/Utility/Timeout.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <sys/socket.h>

using namespace iothreads;
using namespace lldb_private;

static uint8_t Checksum(llvm::StringRef body) {
  uint8_t sum = 0;
  for (char c : body)
    sum += static_cast<uint8_t>(c);
  return sum;
}

/// Why LLDB 19 cannot undo the escapes and run-length encoding of BODY.
static std::optional<llvm::StringRef> FindEncodingFault(llvm::StringRef body) {
  if (body.empty())
    return "the packet is empty";
  bool decoded_any = false;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '}' && i + 1 == body.size())
      return "the packet ends in an escape character";
    if (body[i] == '*' && !decoded_any)
      return "a run-length marker has nothing to repeat";
    if (body[i] == '*' && i + 1 == body.size())
      return "a run-length marker has no count";
    // An escape and a run both take the byte after them.
    if (body[i] == '}' || body[i] == '*')
      ++i;
    decoded_any = true;
  }
  return std::nullopt;
}

/// The packet LLDB must see for a packet with \p fault: a read of the
/// malformed-packet object, which the server answers with an error. A
/// \p damaged packet stays damaged, so that in acknowledgement mode LLDB
/// still asks for it again.
static std::string Substitute(llvm::StringRef fault, bool damaged) {
  std::string substitute = (MalformedPacketRead + fault + ":0,0").str();
  uint8_t sum = Checksum(substitute);
  return llvm::formatv("${0}#{1:x-2}", substitute,
                       damaged ? static_cast<uint8_t>(~sum) : sum)
      .str();
}

/// The packet to hand LLDB for `$BODY#CHECKSUM`.
static std::string FramePacket(llvm::StringRef body, llvm::StringRef checksum) {
  std::optional<llvm::StringRef> fault = FindEncodingFault(body);
  if (!fault)
    return ("$" + body + "#" + checksum).str();
  unsigned sent;
  return Substitute(*fault,
                    checksum.getAsInteger(16, sent) || sent != Checksum(body));
}

static std::string OverlongFault() {
  return llvm::formatv("the packet is longer than {0} bytes", MaxPacketBody)
      .str();
}

size_t PacketFramer::SkipOverlong(size_t start) {
  size_t end = Pending.find_first_of("$#", start);
  if (end == std::string::npos)
    return end;
  Overlong = false;
  // The checksum after a '#' is dropped as stray bytes.
  return Pending[end] == '#' ? end + 1 : end;
}

std::string PacketFramer::TakeReady() {
  std::string ready;
  size_t start = 0;
  while (start < Pending.size()) {
    if (Overlong) {
      start = SkipOverlong(start);
      if (start == std::string::npos) {
        start = Pending.size();
        break;
      }
      continue;
    }
    char first = Pending[start];
    if (first == '+' || first == '-' || first == '\x03') {
      ready += first;
      ++start;
      continue;
    }
    if (first != '$' && first != '%') {
      ++start;
      continue;
    }
    size_t end = Pending.find_first_of("$#", start + 1);
    if (end != std::string::npos && Pending[end] == '$') {
      start = end;
      continue;
    }
    size_t body_end = end == std::string::npos ? Pending.size() : end;
    if (body_end - start - 1 > MaxPacketBody) {
      if (first == '$')
        ready += Substitute(OverlongFault(), /*damaged=*/false);
      Overlong = true;
      start = body_end;
      continue;
    }
    if (end == std::string::npos || end + 2 >= Pending.size())
      break;
    if (first == '$') {
      llvm::StringRef packet(Pending);
      ready += FramePacket(packet.slice(start + 1, end),
                           packet.slice(end + 1, end + 3));
    }
    start = end + 3;
  }
  Pending.erase(0, start);
  // What an overlong packet made the buffer grow to is not kept.
  if (Pending.capacity() > MaxPacketBody)
    Pending.shrink_to_fit();
  return ready;
}

size_t FramedConnection::ReadInner(char *buffer, size_t size,
                                   const Timeout<std::micro> &timeout,
                                   lldb::ConnectionStatus &status,
                                   Status *error_ptr) {
  // LLGS reads with no time to wait after every packet until nothing is
  // left, and the inner connection makes a select before each read: a
  // socket is read without it. End of file, errors and other kinds of
  // descriptor are left to the inner connection to report.
  lldb::IOObjectSP object = Inner->GetReadObject();
  if (timeout && *timeout == std::chrono::microseconds::zero() && object) {
    ssize_t count =
        ::recv(object->GetWaitableHandle(), buffer, size, MSG_DONTWAIT);
    if (count > 0) {
      status = lldb::eConnectionStatusSuccess;
      return count;
    }
    if (count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      status = lldb::eConnectionStatusTimedOut;
      return 0;
    }
  }
  return Inner->Read(buffer, size, timeout, status, error_ptr);
}

size_t FramedConnection::Read(void *dst, size_t dst_len,
                              const Timeout<std::micro> &timeout,
                              lldb::ConnectionStatus &status,
                              Status *error_ptr) {
  while (Ready.empty()) {
    char buffer[8192];
    size_t count =
        ReadInner(buffer, sizeof(buffer), timeout, status, error_ptr);
    if (count == 0)
      return 0;
    Framer.Append(llvm::StringRef(buffer, count));
    Ready = Framer.TakeReady();
  }
  size_t count = std::min(dst_len, Ready.size());
  std::memcpy(dst, Ready.data(), count);
  Ready.erase(0, count);
  status = lldb::eConnectionStatusSuccess;
  return count;
}

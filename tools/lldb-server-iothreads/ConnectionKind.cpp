//===-- ConnectionKind.cpp - A platform client or a debug session? --------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ConnectionKind.h"

#include <cerrno>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace iothreads;
using Clock = std::chrono::steady_clock;

namespace {

constexpr llvm::StringLiteral NoAckMode = "$QStartNoAckMode#";
/// Enough of a packet to tell it: all of QStartNoAckMode, with its checksum.
constexpr size_t NameBytes = NoAckMode.size() + 2;

llvm::Error Failure(const llvm::Twine &why) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), why);
}

/// Peeks at what the client has sent and we have not read: at least
/// \p wanted bytes, or fewer when a packet's checksum ends sooner.
llvm::Expected<std::string> Peek(int fd, size_t wanted, Clock::time_point end) {
  char buffer[64];
  for (;;) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        end - Clock::now());
    pollfd input{fd, POLLIN | POLLRDHUP, 0};
    int ready = left.count() > 0 ? ::poll(&input, 1, left.count()) : 0;
    if (ready < 0 && errno == EINTR)
      continue;
    if (ready <= 0)
      return Failure("the client sent no packet in time");
    ssize_t size = ::recv(fd, buffer, sizeof(buffer), MSG_PEEK);
    if (size < 0 && errno == EINTR)
      continue;
    if (size <= 0)
      return Failure("the client closed the connection");
    llvm::StringRef seen(buffer, size);
    size_t hash = seen.find('#');
    if (seen.size() >= wanted ||
        (hash != llvm::StringRef::npos && seen.size() >= hash + 3))
      return seen.str();
    if (input.revents & (POLLRDHUP | POLLHUP))
      return Failure("the client closed the connection");
    // The rest of the packet is on its way; poll would return at once.
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

llvm::Error Consume(int fd, size_t size) {
  char buffer[64];
  while (size > 0) {
    ssize_t done = ::read(fd, buffer, std::min(size, sizeof(buffer)));
    if (done < 0 && errno == EINTR)
      continue;
    if (done <= 0)
      return Failure("the client closed the connection");
    size -= done;
  }
  return llvm::Error::success();
}

/// Reads the acknowledgements ('+') before the next packet and peeks at
/// that packet.
llvm::Expected<std::string> PeekNextPacket(int fd, Clock::time_point end) {
  for (;;) {
    llvm::Expected<std::string> seen = Peek(fd, NameBytes, end);
    if (!seen)
      return seen.takeError();
    size_t acks = llvm::StringRef(*seen).find_first_not_of('+');
    if (acks == 0)
      return seen;
    if (llvm::Error error =
            Consume(fd, acks == llvm::StringRef::npos ? seen->size() : acks))
      return std::move(error);
  }
}

} // namespace

ConnectionKind iothreads::KindOfFirstPacket(llvm::StringRef packet) {
  return packet.starts_with("$qSupported") ? ConnectionKind::DebugSession
                                           : ConnectionKind::Platform;
}

llvm::Expected<ConnectionOpening>
iothreads::ReadConnectionOpening(int fd, std::chrono::milliseconds patience) {
  Clock::time_point end = Clock::now() + patience;
  llvm::Expected<std::string> first = PeekNextPacket(fd, end);
  if (!first)
    return first.takeError();
  ConnectionOpening opening;
  if (llvm::StringRef(*first).starts_with(NoAckMode)) {
    if (llvm::Error error = Consume(fd, NameBytes))
      return std::move(error);
    constexpr llvm::StringLiteral reply = "+$OK#9a";
    if (::write(fd, reply.data(), reply.size()) !=
        static_cast<ssize_t>(reply.size()))
      return Failure("the client closed the connection");
    opening.AcksOff = true;
    first = PeekNextPacket(fd, end);
    if (!first)
      return first.takeError();
  }
  opening.Kind = KindOfFirstPacket(*first);
  return opening;
}

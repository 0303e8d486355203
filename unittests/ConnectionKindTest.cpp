//===-- ConnectionKindTest.cpp --------------------------------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ConnectionKind.h"

#include "gtest/gtest.h"

#include <string>
#include <sys/socket.h>
#include <unistd.h>

using namespace iothreads;

namespace {

/// A connected pair: the client's end and the platform's.
class ConnectionKindTest : public ::testing::Test {
protected:
  void SetUp() override {
    ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, Ends), 0);
  }
  void TearDown() override {
    ::close(Ends[0]);
    ::close(Ends[1]);
  }
  void Send(llvm::StringRef text) {
    ASSERT_EQ(::write(Client(), text.data(), text.size()),
              static_cast<ssize_t>(text.size()));
  }
  /// What is left unread on \p fd, up to what is there now.
  static std::string Unread(int fd) {
    char buffer[256];
    ssize_t size = ::recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    return size > 0 ? std::string(buffer, size) : std::string();
  }
  /// The platform's reading of what the client sent, which must succeed.
  ConnectionOpening Open() {
    llvm::Expected<ConnectionOpening> opening =
        ReadConnectionOpening(Platform(), std::chrono::seconds(5));
    EXPECT_TRUE(static_cast<bool>(opening)) << toString(opening.takeError());
    return opening ? *opening : ConnectionOpening();
  }
  int Client() const { return Ends[0]; }
  int Platform() const { return Ends[1]; }

  int Ends[2];
};

TEST_F(ConnectionKindTest, ADebugSessionIsToldByItsQSupported) {
  Send("++$QStartNoAckMode#b0+$qSupported:xmlRegisters=i386#6a");
  ConnectionOpening opening = Open();
  EXPECT_EQ(opening.Kind, ConnectionKind::DebugSession);
  EXPECT_TRUE(opening.AcksOff);
  EXPECT_EQ(Unread(Client()), "+$OK#9a");
  // The session's server reads qSupported itself.
  EXPECT_EQ(Unread(Platform()), "$qSupported:xmlRegisters=i386#6a");
}

TEST_F(ConnectionKindTest, APlatformClientAsksForSomethingElse) {
  Send("+$QStartNoAckMode#b0+$qHostInfo#9b");
  ConnectionOpening opening = Open();
  EXPECT_EQ(opening.Kind, ConnectionKind::Platform);
  EXPECT_TRUE(opening.AcksOff);
  EXPECT_EQ(Unread(Platform()), "$qHostInfo#9b");
}

// A client that keeps acknowledgements (gdb) opens with qSupported itself.
TEST_F(ConnectionKindTest, AClientWithAcksIsLeftUnanswered) {
  Send("+$qSupported:multiprocess+#c6");
  ConnectionOpening opening = Open();
  EXPECT_EQ(opening.Kind, ConnectionKind::DebugSession);
  EXPECT_FALSE(opening.AcksOff);
  EXPECT_EQ(Unread(Client()), "");
  EXPECT_EQ(Unread(Platform()), "$qSupported:multiprocess+#c6");
}

TEST_F(ConnectionKindTest, ASilentOrClosedClientIsAnError) {
  Send("+");
  llvm::Expected<ConnectionOpening> silent =
      ReadConnectionOpening(Platform(), std::chrono::milliseconds(50));
  ASSERT_FALSE(static_cast<bool>(silent));
  EXPECT_EQ(toString(silent.takeError()), "the client sent no packet in time");

  ::shutdown(Client(), SHUT_WR);
  llvm::Expected<ConnectionOpening> closed =
      ReadConnectionOpening(Platform(), std::chrono::seconds(5));
  ASSERT_FALSE(static_cast<bool>(closed));
  EXPECT_EQ(toString(closed.takeError()), "the client closed the connection");
}

} // namespace

//===-- PacketFraming.h - Whole, decodable packets only ---------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// LLDB 19 splits the client's bytes into packets, and undoes escapes and
// run-length encoding, in code no subclass can reach
// (GDBRemoteCommunication::CheckForPacket). That code reads past the end of
// a packet whose last byte is an escape ('}') or a run-length marker ('*')
// and before the start of one that begins with '*', which kills the server;
// it answers nothing to an empty packet; and after stray bytes it leaves the
// next packet unread until more bytes arrive. FramedConnection sits between
// the socket and LLDB and passes on only whole packets and the one-byte
// '+', '-' and '\x03'. A packet LLDB could not decode reaches it instead as
// a read of the qXfer object `malformed-packet`, whose annex says what is
// wrong, so that the server answers it with an error.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_PACKETFRAMING_H
#define LLDB_SERVER_IOTHREADS_PACKETFRAMING_H

#include "lldb/Utility/Connection.h"
#include "llvm/ADT/StringRef.h"

#include <memory>
#include <string>

namespace iothreads {

/// What a packet LLDB could not decode is replaced with, followed by the
/// fault (which holds no ':') and ":0,0".
constexpr llvm::StringLiteral MalformedPacketRead =
    "qXfer:malformed-packet:read:";

/// The longest packet body taken: 8 times the 128 KiB packets LLGS
/// advertises (qSupported PacketSize), so that no packet lldb sends, escaped
/// or not, comes near it. A longer one is answered with an error and its
/// bytes are dropped as they arrive, so a packet that never ends cannot
/// exhaust memory.
constexpr size_t MaxPacketBody = 1024 * 1024;

/// Splits the client's bytes into what LLDB may see.
class PacketFramer {
public:
  void Append(llvm::StringRef bytes) { Pending.append(bytes); }
  /// Takes every whole packet and control byte received so far, packets
  /// LLDB could not decode replaced. Stray bytes, a packet cut short by the
  /// start of another ('$' never appears unescaped inside one) and
  /// notifications ('%', which no client sends) are dropped.
  std::string TakeReady();

private:
  /// Drops the rest of an overlong packet from \p start; returns where
  /// framing resumes, or npos when all of Pending was dropped.
  size_t SkipOverlong(size_t start);

  std::string Pending;
  /// In an overlong packet: its bytes are dropped up to its '#' (or a '$').
  bool Overlong = false;
};

/// A connection whose reads go through a PacketFramer.
class FramedConnection : public lldb_private::Connection {
public:
  explicit FramedConnection(std::unique_ptr<lldb_private::Connection> inner)
      : Inner(std::move(inner)) {}

  lldb::ConnectionStatus Connect(llvm::StringRef url,
                                 lldb_private::Status *error_ptr) override {
    return Inner->Connect(url, error_ptr);
  }
  lldb::ConnectionStatus Disconnect(lldb_private::Status *error_ptr) override {
    return Inner->Disconnect(error_ptr);
  }
  bool IsConnected() const override { return Inner->IsConnected(); }
  size_t Read(void *dst, size_t dst_len,
              const lldb_private::Timeout<std::micro> &timeout,
              lldb::ConnectionStatus &status,
              lldb_private::Status *error_ptr) override;
  size_t Write(const void *src, size_t src_len, lldb::ConnectionStatus &status,
               lldb_private::Status *error_ptr) override {
    return Inner->Write(src, src_len, status, error_ptr);
  }
  std::string GetURI() override { return Inner->GetURI(); }
  bool InterruptRead() override { return Inner->InterruptRead(); }
  lldb::IOObjectSP GetReadObject() override { return Inner->GetReadObject(); }

private:
  /// Reads what the client sent, waiting at most \p timeout.
  size_t ReadInner(char *buffer, size_t size,
                   const lldb_private::Timeout<std::micro> &timeout,
                   lldb::ConnectionStatus &status,
                   lldb_private::Status *error_ptr);

  std::unique_ptr<lldb_private::Connection> Inner;
  PacketFramer Framer;
  /// Framed bytes LLDB has not read yet.
  std::string Ready;
};

} // namespace iothreads

#endif

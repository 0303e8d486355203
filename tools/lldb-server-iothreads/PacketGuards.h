//===-- PacketGuards.h - Checks before LLDB serves a packet -----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Runs PacketRules (AccessControls.h) in front of the handlers of one of
// LLDB's gdb-remote servers, the platform or the debug server.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_PACKETGUARDS_H
#define LLDB_SERVER_IOTHREADS_PACKETGUARDS_H

#include "AccessControls.h"

#include "llvm/Support/Error.h"

#include <vector>

namespace iothreads {

template <typename Server> class PacketGuards : public Server {
public:
  /// Serves a client that turned acknowledgements off with whoever read
  /// its first packets (a one-port platform, ConnectionKind.h).
  void ContinueWithoutAcks() { this->m_send_acks = false; }

protected:
  using Server::Server;

  /// Registers \p around in place of the handler LLDB (or we) registered
  /// for \p type. It is called as around(packet, next), where next() runs
  /// that handler (or answers "unimplemented" when there was none), so it
  /// may act before or after it, or answer instead.
  template <typename Around>
  void WrapHandler(StringExtractorGDBRemote::ServerPacketType type,
                   Around around) {
    typename Server::PacketHandler served = this->m_packet_handlers[type];
    this->RegisterPacketHandler(type, [this, served, around](
                                          StringExtractorGDBRemote &packet,
                                          lldb_private::Status &error,
                                          bool &interrupt, bool &quit) mutable {
      return around(packet, [&] {
        if (!served)
          return this->SendUnimplementedResponse(packet.GetStringRef().data());
        return served(packet, error, interrupt, quit);
      });
    });
  }

  /// Puts each rule before the handler LLDB (or we) registered for its
  /// packet type.
  void Guard(const std::vector<PacketRule> &rules) {
    for (const PacketRule &rule : rules)
      WrapHandler(rule.Type, [this, check = rule.Check](
                                 StringExtractorGDBRemote &packet, auto next) {
        if (std::optional<Refusal> refused = check(packet.GetStringRef())) {
          if (!refused->Reply.empty())
            return this->SendPacketNoLock(refused->Reply);
          return this->SendErrorResponse(llvm::createStringError(
              llvm::inconvertibleErrorCode(), refused->Reason));
        }
        return next();
      });
  }
};

} // namespace iothreads

#endif

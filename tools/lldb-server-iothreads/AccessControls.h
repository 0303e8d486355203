//===-- AccessControls.h - What a platform's clients may not do -*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A platform started with --no-shell or --confine-writes refuses the packets
// that would run a command or change a file elsewhere. LLDB's debug server
// serves the same file and shell packets as its platform (both build on
// GDBRemoteCommunicationServerCommon), and opens the files QSetSTDOUT and
// QSetSTDERR name, so each debug session the platform starts applies the
// same rules; the platform passes them on its command line.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_ACCESSCONTROLS_H
#define LLDB_SERVER_IOTHREADS_ACCESSCONTROLS_H

#include "WriteConfinement.h"

#include "lldb/Utility/StringExtractorGDBRemote.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace iothreads {

struct AccessControls {
  /// Refuse commands (qPlatform_shell), and the platform's own launches of a
  /// program with no debugger (`platform process launch`).
  bool NoShell = false;
  /// Where files may be created, written, removed and changed; none: anywhere.
  std::optional<WriteConfinement> Writes;
};

/// How a refused packet is answered.
struct Refusal {
  /// An error reply that gives this reason where the client takes text...
  std::string Reason;
  /// ...or, when not empty, this exact reply (the File-I/O protocol's).
  std::string Reply;
};

/// A check made before LLDB serves one type of packet; a refusal stops it.
struct PacketRule {
  StringExtractorGDBRemote::ServerPacketType Type;
  std::function<std::optional<Refusal>(llvm::StringRef packet)> Check;
};

enum class ServedBy { Platform, DebugSession };

/// The rules that enforce \p controls on a platform's connection, or on a
/// debug session's (which must still launch the program it debugs).
std::vector<PacketRule> MakePacketRules(const AccessControls &controls,
                                        ServedBy server);

} // namespace iothreads

#endif

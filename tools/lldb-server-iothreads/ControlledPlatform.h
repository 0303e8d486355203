//===-- ControlledPlatform.h - The platform with access rules ---*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_CONTROLLEDPLATFORM_H
#define LLDB_SERVER_IOTHREADS_CONTROLLEDPLATFORM_H

#include "WriteConfinement.h"

#include "Plugins/Process/gdb-remote/GDBRemoteCommunicationServerPlatform.h"

#include <functional>
#include <optional>
#include <string>

namespace iothreads {

struct PlatformControls {
  /// Refuse qPlatform_shell, and the platform's own launches of a program
  /// with no debugger (`platform process launch`).
  bool NoShell = false;
  /// Where files may be created, written, removed and changed; none: anywhere.
  std::optional<WriteConfinement> Writes;
};

/// LLDB's platform server, serving its debug sessions over TCP, with the
/// packets PlatformControls forbids refused, and packets LLDB could not
/// decode (see PacketFraming.h) answered with an error.
class ControlledPlatform : public lldb_private::process_gdb_remote::
                               GDBRemoteCommunicationServerPlatform {
public:
  explicit ControlledPlatform(PlatformControls controls);

private:
  /// Refuses a packet (and returns what sending the refusal gave), or
  /// returns none to have it served.
  using Check = std::function<std::optional<PacketResult>(llvm::StringRef)>;
  /// Runs \p check before LLDB's handler of \p type.
  void Guard(StringExtractorGDBRemote::ServerPacketType type, Check check);
  void ConfineWrites();
  /// Refuses with \p reply a packet that names \p paths (hex-encoded,
  /// separated by ',') if any is outside the confinement.
  std::optional<PacketResult> ConfinePaths(llvm::StringRef paths,
                                           llvm::StringRef reply);

  PlatformControls Controls;
};

} // namespace iothreads

#endif

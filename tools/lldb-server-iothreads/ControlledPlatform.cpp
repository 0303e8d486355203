//===-- ControlledPlatform.cpp - The platform server with access rules ----===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ControlledPlatform.h"
#include "PacketFraming.h"

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

ControlledPlatform::ControlledPlatform(const AccessControls &controls)
    : PacketGuards(Socket::ProtocolTcp, "tcp") {
  RegisterPacketHandler(
      StringExtractorGDBRemote::eServerPacketType_qXfer,
      [this](StringExtractorGDBRemote &packet, Status &, bool &, bool &) {
        llvm::StringRef text = packet.GetStringRef();
        if (!text.consume_front(MalformedPacketRead))
          return SendUnimplementedResponse(packet.GetStringRef().data());
        return SendErrorResponse(llvm::createStringError(
            llvm::inconvertibleErrorCode(), text.rsplit(':').first));
      });
  Guard(MakePacketRules(controls, ServedBy::Platform));
}

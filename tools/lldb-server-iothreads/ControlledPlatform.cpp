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

#include "lldb/Utility/StringExtractor.h"
#include "llvm/Support/FormatVariadic.h"

#include <cerrno>

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

namespace {

/// File-I/O packets fail with "F-1,ERRNO" (in hex); qPlatform_mkdir and
/// qPlatform_chmod with "FERRNO". EACCES has the same number in the
/// protocol as on Linux.
const std::string FileIORefusal = llvm::formatv("F-1,{0:x-}", EACCES).str();
const std::string PlatformOpRefusal = llvm::formatv("F{0:x-}", EACCES).str();

/// The vFile:open flags (the protocol's values) that write or create.
constexpr uint32_t OpenWriteOnly = 0x1, OpenReadWrite = 0x2, OpenAppend = 0x8,
                   OpenCreate = 0x200, OpenTruncate = 0x400;

} // namespace

ControlledPlatform::ControlledPlatform(PlatformControls controls)
    : GDBRemoteCommunicationServerPlatform(Socket::ProtocolTcp, "tcp"),
      Controls(std::move(controls)) {
  RegisterPacketHandler(
      StringExtractorGDBRemote::eServerPacketType_qXfer,
      [this](StringExtractorGDBRemote &packet, Status &, bool &, bool &) {
        llvm::StringRef text = packet.GetStringRef();
        if (!text.consume_front(MalformedPacketRead))
          return SendUnimplementedResponse(packet.GetStringRef().data());
        return SendErrorResponse(llvm::createStringError(
            llvm::inconvertibleErrorCode(), text.rsplit(':').first));
      });
  if (Controls.NoShell) {
    auto refuse = [this](llvm::StringRef) -> std::optional<PacketResult> {
      return SendErrorResponse(llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "this platform runs no commands (--no-shell)"));
    };
    for (auto type :
         {StringExtractorGDBRemote::eServerPacketType_qPlatform_shell,
          StringExtractorGDBRemote::eServerPacketType_A,
          StringExtractorGDBRemote::eServerPacketType_vRun})
      Guard(type, refuse);
  }
  if (Controls.Writes)
    ConfineWrites();
}

void ControlledPlatform::Guard(StringExtractorGDBRemote::ServerPacketType type,
                               Check check) {
  PacketHandler served = m_packet_handlers[type];
  RegisterPacketHandler(
      type, [this, served, check](StringExtractorGDBRemote &packet,
                                  Status &error, bool &interrupt, bool &quit) {
        if (std::optional<PacketResult> refused = check(packet.GetStringRef()))
          return *refused;
        if (!served)
          return SendUnimplementedResponse(packet.GetStringRef().data());
        return served(packet, error, interrupt, quit);
      });
}

void ControlledPlatform::ConfineWrites() {
  Guard(StringExtractorGDBRemote::eServerPacketType_vFile_open,
        [this](llvm::StringRef packet) -> std::optional<PacketResult> {
          StringExtractor fields(packet.drop_front(strlen("vFile:open:")));
          std::string path;
          fields.GetHexByteStringTerminatedBy(path, ',');
          fields.GetChar();
          uint32_t flags = fields.GetHexMaxU32(false, UINT32_MAX);
          bool writes = flags & (OpenWriteOnly | OpenReadWrite | OpenAppend |
                                 OpenCreate | OpenTruncate);
          if (writes && !Controls.Writes->Allows(path))
            return SendPacketNoLock(FileIORefusal);
          return std::nullopt;
        });
  Guard(StringExtractorGDBRemote::eServerPacketType_vFile_unlink,
        [this](llvm::StringRef packet) {
          return ConfinePaths(packet.drop_front(strlen("vFile:unlink:")),
                              FileIORefusal);
        });
  Guard(StringExtractorGDBRemote::eServerPacketType_vFile_symlink,
        [this](llvm::StringRef packet) {
          return ConfinePaths(packet.drop_front(strlen("vFile:symlink:")),
                              FileIORefusal);
        });
  // qPlatform_mkdir:MODE,PATH and qPlatform_chmod:MODE,PATH.
  for (auto type :
       {StringExtractorGDBRemote::eServerPacketType_qPlatform_mkdir,
        StringExtractorGDBRemote::eServerPacketType_qPlatform_chmod})
    Guard(type, [this](llvm::StringRef packet) {
      return ConfinePaths(packet.split(',').second, PlatformOpRefusal);
    });
}

std::optional<GDBRemoteCommunication::PacketResult>
ControlledPlatform::ConfinePaths(llvm::StringRef paths, llvm::StringRef reply) {
  llvm::SmallVector<llvm::StringRef, 2> fields;
  paths.split(fields, ',');
  for (llvm::StringRef field : fields) {
    std::string path;
    StringExtractor(field).GetHexByteString(path);
    if (!Controls.Writes->Allows(path))
      return SendPacketNoLock(reply);
  }
  return std::nullopt;
}

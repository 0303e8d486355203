//===-- AccessControls.cpp - What a platform's clients may not do ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AccessControls.h"

#include "lldb/Utility/StringExtractor.h"
#include "llvm/Support/FormatVariadic.h"

#include <cerrno>

using namespace iothreads;

namespace {

using PacketType = StringExtractorGDBRemote::ServerPacketType;

/// File-I/O packets fail with "F-1,ERRNO" (in hex); qPlatform_mkdir and
/// qPlatform_chmod with "FERRNO". EACCES has the same number in the
/// protocol as on Linux.
Refusal FileIORefusal() {
  return {"", llvm::formatv("F-1,{0:x-}", EACCES).str()};
}
Refusal PlatformOpRefusal() {
  return {"", llvm::formatv("F{0:x-}", EACCES).str()};
}

/// The vFile:open flags (the protocol's values) that write or create.
constexpr uint32_t OpenWriteOnly = 0x1, OpenReadWrite = 0x2, OpenAppend = 0x8,
                   OpenCreate = 0x200, OpenTruncate = 0x400;

/// Refuses with \p refusal when any of \p paths (hex-encoded, separated by
/// ',') is outside \p writes.
std::optional<Refusal> ConfinePaths(const WriteConfinement &writes,
                                    llvm::StringRef paths, Refusal refusal) {
  llvm::SmallVector<llvm::StringRef, 2> fields;
  paths.split(fields, ',');
  for (llvm::StringRef field : fields) {
    std::string path;
    StringExtractor(field).GetHexByteString(path);
    if (!writes.Allows(path))
      return refusal;
  }
  return std::nullopt;
}

void AddShellRules(std::vector<PacketRule> &rules, ServedBy server) {
  auto refuse = [](llvm::StringRef) -> std::optional<Refusal> {
    return Refusal{"this platform runs no commands (--no-shell)", ""};
  };
  rules.push_back({PacketType::eServerPacketType_qPlatform_shell, refuse});
  // A debug session's launch is the program it debugs.
  if (server == ServedBy::Platform)
    for (PacketType type :
         {PacketType::eServerPacketType_A, PacketType::eServerPacketType_vRun})
      rules.push_back({type, refuse});
}

void AddWriteRules(std::vector<PacketRule> &rules,
                   const WriteConfinement &writes) {
  rules.push_back(
      {PacketType::eServerPacketType_vFile_open,
       [writes](llvm::StringRef packet) -> std::optional<Refusal> {
         StringExtractor fields(packet.drop_front(strlen("vFile:open:")));
         std::string path;
         fields.GetHexByteStringTerminatedBy(path, ',');
         fields.GetChar();
         uint32_t flags = fields.GetHexMaxU32(false, UINT32_MAX);
         bool changes = flags & (OpenWriteOnly | OpenReadWrite | OpenAppend |
                                 OpenCreate | OpenTruncate);
         if (changes && !writes.Allows(path))
           return FileIORefusal();
         return std::nullopt;
       }});
  for (auto [type, prefix] :
       {std::pair{PacketType::eServerPacketType_vFile_unlink, "vFile:unlink:"},
        std::pair{PacketType::eServerPacketType_vFile_symlink,
                  "vFile:symlink:"}})
    rules.push_back({type, [writes, prefix](llvm::StringRef packet) {
                       return ConfinePaths(writes,
                                           packet.drop_front(strlen(prefix)),
                                           FileIORefusal());
                     }});
  // qPlatform_mkdir:MODE,PATH and qPlatform_chmod:MODE,PATH.
  for (PacketType type : {PacketType::eServerPacketType_qPlatform_mkdir,
                          PacketType::eServerPacketType_qPlatform_chmod})
    rules.push_back({type, [writes](llvm::StringRef packet) {
                       return ConfinePaths(writes, packet.split(',').second,
                                           PlatformOpRefusal());
                     }});
  // The program's output files are created (or truncated) when it starts.
  for (auto [type, prefix] :
       {std::pair{PacketType::eServerPacketType_QSetSTDOUT, "QSetSTDOUT:"},
        std::pair{PacketType::eServerPacketType_QSetSTDERR, "QSetSTDERR:"}})
    rules.push_back(
        {type,
         [writes, prefix](llvm::StringRef packet) -> std::optional<Refusal> {
           std::string path;
           StringExtractor(packet.drop_front(strlen(prefix)))
               .GetHexByteString(path);
           if (writes.Allows(path))
             return std::nullopt;
           return Refusal{llvm::formatv("'{0}' is outside {1}, where this "
                                        "platform confines writes "
                                        "(--confine-writes)",
                                        path, writes.GetRoot())
                              .str(),
                          ""};
         }});
}

} // namespace

std::vector<PacketRule>
iothreads::MakePacketRules(const AccessControls &controls, ServedBy server) {
  std::vector<PacketRule> rules;
  if (controls.NoShell)
    AddShellRules(rules, server);
  if (controls.Writes)
    AddWriteRules(rules, *controls.Writes);
  return rules;
}

//===-- IOThreadsServer.cpp - LLGS with this project's extensions ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "IOThreadsServer.h"
#include "BinaryPayload.h"
#include "JobControlNotice.h"
#include "PacketFraming.h"
#include "ThreadsInfo.h"
#include "VContCheck.h"

#include "lldb/Utility/GDBRemote.h"
#include "lldb/Utility/State.h"
#include "llvm/Support/FormatVariadic.h"

#include <cinttypes>
#include <vector>

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

// lldb never asks for more than the 128 KiB packets LLGS advertises; a
// larger request gets a short reply, which the protocol allows.
static constexpr uint64_t MaxMemoryRead = 128 * 1024;

/// The `ADDRESS,LENGTH` after a packet's letter, read the way LLGS reads it,
/// so that both agree on what was asked.
static std::optional<std::pair<uint64_t, uint64_t>>
ParseRange(StringExtractorGDBRemote &packet) {
  packet.SetFilePos(1);
  uint64_t address = packet.GetHexMaxU64(false, 0);
  if (packet.GetChar() != ',')
    return std::nullopt;
  uint64_t length = packet.GetHexMaxU64(false, 0);
  if (!packet.IsGood())
    return std::nullopt;
  return std::make_pair(address, length);
}

static bool WrapsAround(uint64_t address, uint64_t length) {
  return length > 0 && address + (length - 1) < address;
}

static llvm::Error WrapError(char kind, uint64_t address, uint64_t length) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "%c: 0x%" PRIx64 " bytes at 0x%" PRIx64
                                 " run past the end of the address space",
                                 kind, length, address);
}

IOThreadsServer::IOThreadsServer(MainLoop &mainloop, ProcessManager &manager)
    : PacketGuards(mainloop, manager), Manager(manager),
      LLGSReadMemory(
          m_packet_handlers[StringExtractorGDBRemote::eServerPacketType_m]),
      LLGSWriteMemory(
          m_packet_handlers[StringExtractorGDBRemote::eServerPacketType_M]) {
  // The packet history is only ever read to give a log enabled mid-session
  // its context, and a server's log is enabled before its first packet:
  // each packet was copied into it (a 15 KB stop reply at 1,000 threads)
  // beside a gettid call, for nothing.
  m_history = GDBRemoteCommunicationHistory();
  PacketHandler llgs_xfer =
      m_packet_handlers[StringExtractorGDBRemote::eServerPacketType_qXfer];
  RegisterPacketHandler(StringExtractorGDBRemote::eServerPacketType_qXfer,
                        [this, llgs_xfer](StringExtractorGDBRemote &packet,
                                          Status &error, bool &interrupt,
                                          bool &quit) {
                          if (std::optional<PacketResult> result =
                                  HandleXfer(packet.GetStringRef()))
                            return *result;
                          return llgs_xfer(packet, error, interrupt, quit);
                        });
  RegisterPacketHandler(
      StringExtractorGDBRemote::eServerPacketType_x,
      [this](StringExtractorGDBRemote &packet, Status &, bool &, bool &) {
        return ReadMemoryBinary(packet.GetStringRef().drop_front(1));
      });
  RegisterPacketHandler(
      StringExtractorGDBRemote::eServerPacketType_jThreadsInfo,
      [this](StringExtractorGDBRemote &, Status &, bool &, bool &) {
        return SendThreadsInfo();
      });
  RegisterPacketHandler(StringExtractorGDBRemote::eServerPacketType_m,
                        [this](StringExtractorGDBRemote &packet, Status &error,
                               bool &interrupt, bool &quit) {
                          return ReadMemoryHex(packet, error, interrupt, quit);
                        });
  RegisterPacketHandler(StringExtractorGDBRemote::eServerPacketType_M,
                        [this](StringExtractorGDBRemote &packet, Status &error,
                               bool &interrupt, bool &quit) {
                          return WriteMemoryHex(packet, error, interrupt, quit);
                        });
  RegisterPacketHandler(
      StringExtractorGDBRemote::eServerPacketType_stop_reason,
      [this, llgs_stop_reason = m_packet_handlers
                 [StringExtractorGDBRemote::eServerPacketType_stop_reason]](
          StringExtractorGDBRemote &packet, Status &error, bool &interrupt,
          bool &quit) {
        if (!OwnsStopReplies() || !m_current_process ||
            !lldb_private::StateIsStoppedState(m_current_process->GetState(),
                                               /*must_exist=*/true))
          return llgs_stop_reason(packet, error, interrupt, quit);
        return SendStopReply(*m_current_process);
      });
  RegisterPacketHandler(StringExtractorGDBRemote::eServerPacketType_vAttach,
                        [this](StringExtractorGDBRemote &packet, Status &,
                               bool &, bool &) { return Attach(packet); });
  RegisterLaunchGuards();
  RegisterResumeChecks();
  RegisterBreakpointHandlers();
  RegisterSaveCoreCheck();
}

void IOThreadsServer::RegisterSaveCoreCheck() {
  auto type = StringExtractorGDBRemote::eServerPacketType_qLLDBSaveCore;
  PacketHandler llgs = m_packet_handlers[type];
  RegisterPacketHandler(type, [this, llgs](StringExtractorGDBRemote &packet,
                                           Status &error, bool &interrupt,
                                           bool &quit) {
    llvm::StringRef options = packet.GetStringRef();
    if (options.consume_front("qSaveCore;")) {
      for (llvm::StringRef option : llvm::split(options, ';')) {
        if (!option.consume_front("path-hint:"))
          continue;
        std::string path;
        if (option.empty() || !llvm::tryGetFromHex(option, path) ||
            llvm::StringRef(path).contains('\0'))
          return SendErrorResponse(llvm::createStringError(
              "qSaveCore: path-hint must be a path in hex"));
      }
    }
    return llgs(packet, error, interrupt, quit);
  });
}

void IOThreadsServer::RegisterLaunchGuards() {
  // vAttach is not among them: LLGS refuses it itself.
  for (StringExtractorGDBRemote::ServerPacketType type :
       {StringExtractorGDBRemote::eServerPacketType_vRun,
        StringExtractorGDBRemote::eServerPacketType_A,
        StringExtractorGDBRemote::eServerPacketType_vAttachWait,
        StringExtractorGDBRemote::eServerPacketType_vAttachOrWait}) {
    PacketHandler llgs = m_packet_handlers[type];
    RegisterPacketHandler(type, [this, llgs](StringExtractorGDBRemote &packet,
                                             Status &error, bool &interrupt,
                                             bool &quit) {
      if (m_debugged_processes.empty())
        return llgs(packet, error, interrupt, quit);
      return SendErrorResponse(llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "cannot start another process while process %" PRIu64
          " is being debugged",
          m_debugged_processes.begin()->first));
    });
  }
}

void IOThreadsServer::RegisterResumeChecks() {
  for (StringExtractorGDBRemote::ServerPacketType type :
       {StringExtractorGDBRemote::eServerPacketType_vCont,
        StringExtractorGDBRemote::eServerPacketType_c,
        StringExtractorGDBRemote::eServerPacketType_C,
        StringExtractorGDBRemote::eServerPacketType_s}) {
    PacketHandler llgs = m_packet_handlers[type];
    RegisterPacketHandler(
        type, [this, llgs, type](StringExtractorGDBRemote &packet,
                                 Status &error, bool &interrupt, bool &quit) {
          NativeProcessProtocol *process = m_continue_process;
          if (!process || process->IsRunning())
            return llgs(packet, error, interrupt, quit);
          // In non-stop mode a vCont may rightly resume nothing.
          if (type == StringExtractorGDBRemote::eServerPacketType_vCont &&
              !m_non_stop)
            if (llvm::Error refused =
                    CheckVContResumesAThread(packet.GetStringRef(), *process))
              return SendErrorResponse(std::move(refused));
          lldb::pid_t pid = process->GetID();
          PacketResult result = llgs(packet, error, interrupt, quit);
          // The resume may have ended the process and its object with it.
          auto it = m_debugged_processes.find(pid);
          if (it == m_debugged_processes.end() || m_non_stop)
            return result;
          NativeProcessProtocol &resumed = *it->second.process_up;
          if (!resumed.IsRunning())
            return result;
          if (std::optional<std::string> notice =
                  DescribeJobControlStop(resumed))
            SendONotification(notice->data(), notice->size());
          return result;
        });
  }
}

void IOThreadsServer::RegisterBreakpointHandlers() {
  for (bool set : {true, false}) {
    auto type = set ? StringExtractorGDBRemote::eServerPacketType_Z
                    : StringExtractorGDBRemote::eServerPacketType_z;
    PacketHandler llgs = m_packet_handlers[type];
    RegisterPacketHandler(
        type, [this, llgs, set](StringExtractorGDBRemote &packet, Status &error,
                                bool &interrupt, bool &quit) {
          if (!m_current_process)
            return llgs(packet, error, interrupt, quit);
          llvm::StringRef text = packet.GetStringRef();
          if (text.starts_with(set ? "Z0," : "z0,"))
            return SetOrRemoveBreakpoint(packet, set);
          // LLGS answers a refused debug register stoppoint with a bare
          // error number; the backend's reason is what the user needs.
          if (set && text.size() > 2 && text[1] >= '1' && text[1] <= '4' &&
              text[2] == ',')
            return SetDebugRegisterStoppoint(packet);
          return llgs(packet, error, interrupt, quit);
        });
  }
}

/// The ADDRESS,KIND that follow a `Z` or `z` packet's type.
static std::optional<std::pair<lldb::addr_t, uint32_t>>
ParseStoppoint(StringExtractorGDBRemote &packet) {
  packet.SetFilePos(3);
  lldb::addr_t addr = packet.GetHexMaxU64(false, LLDB_INVALID_ADDRESS);
  if (packet.GetChar() != ',')
    return std::nullopt;
  uint32_t size = packet.GetHexMaxU32(false, 0);
  if (addr == LLDB_INVALID_ADDRESS || size == 0)
    return std::nullopt;
  return std::make_pair(addr, size);
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::SetDebugRegisterStoppoint(StringExtractorGDBRemote &packet) {
  char type = packet.GetStringRef()[1];
  std::optional<std::pair<lldb::addr_t, uint32_t>> stoppoint =
      ParseStoppoint(packet);
  if (!stoppoint)
    return SendIllFormedResponse(packet, "Z1-Z4: ADDRESS,KIND expected");
  auto [addr, size] = *stoppoint;
  // lldb's watch flags: 1 write (Z2), 2 read (Z3), 3 both (Z4).
  Status status =
      type == '1'
          ? m_current_process->SetBreakpoint(addr, size, /*hardware=*/true)
          : m_current_process->SetWatchpoint(addr, size, uint32_t(type - '1'),
                                             /*hardware=*/true);
  if (status.Success())
    return SendOKResponse();
  // LLGS's number for any refused stoppoint, so that a client reads the
  // reply as it did; the reason follows where the client asked for text.
  Status reply(0x09);
  reply.SetErrorString(status.AsCString());
  return SendErrorResponse(reply);
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::SetOrRemoveBreakpoint(StringExtractorGDBRemote &packet,
                                       bool set) {
  std::optional<std::pair<lldb::addr_t, uint32_t>> stoppoint =
      ParseStoppoint(packet);
  if (!stoppoint)
    return SendIllFormedResponse(packet, "Z0/z0: ADDRESS,KIND expected");
  auto [addr, size] = *stoppoint;
  Status status =
      set ? m_current_process->SetBreakpoint(addr, size, /*hardware=*/false)
          : m_current_process->RemoveBreakpoint(addr);
  if (status.Fail())
    return SendErrorResponse(status);
  return SendOKResponse();
}

std::optional<GDBRemoteCommunication::PacketResult>
IOThreadsServer::HandleXfer(llvm::StringRef packet) {
  if (packet.consume_front("qXfer:io-uring-topology:read::"))
    return SendTopology(packet);
  if (packet.consume_front("qXfer:io-thread-policy:write::"))
    return SetPolicy(packet);
  if (packet.consume_front("qXfer:restart-syscalls:write::"))
    return SetRestartSyscalls(packet);
  if (packet.consume_front(MalformedPacketRead))
    return SendErrorResponse(llvm::createStringError(
        llvm::inconvertibleErrorCode(), packet.rsplit(':').first));
  return std::nullopt;
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::SendTopology(llvm::StringRef range) {
  auto [offset_text, length_text] = range.split(',');
  uint64_t offset, length;
  if (offset_text.getAsInteger(16, offset) ||
      length_text.getAsInteger(16, length))
    return SendErrorResponse(llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "qXfer:io-uring-topology:read needs OFFSET,LENGTH in hex"));
  std::string json = llvm::formatv("{0}", Manager.DescribeIoUring()).str();
  llvm::StringRef rest = llvm::StringRef(json).drop_front(offset);
  StreamGDBRemote response;
  response.PutChar(rest.size() > length ? 'm' : 'l');
  rest = rest.take_front(length);
  response.PutEscapedBytes(rest.data(), rest.size());
  return SendPacketNoLock(response.GetString());
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::SetPolicy(llvm::StringRef rest) {
  llvm::StringRef name = rest.split(':').second;
  std::optional<IoThreadPolicy> policy = ParseIoThreadPolicy(name);
  if (!policy)
    return SendErrorResponse(llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "unknown io thread policy '%s': write observe or freeze",
        name.str().c_str()));
  if (llvm::Error error = Manager.SetIoThreadPolicy(*policy))
    return SendErrorResponse(std::move(error));
  // A qXfer write answers with the number of bytes taken, in hex.
  return SendPacketNoLock(llvm::utohexstr(name.size()));
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::SetRestartSyscalls(llvm::StringRef rest) {
  llvm::StringRef value = rest.split(':').second;
  if (value != "on" && value != "off")
    return SendErrorResponse(llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "restart-syscalls takes on or off, not '%s'", value.str().c_str()));
  Manager.SetRestartSyscalls(value == "on");
  return SendPacketNoLock(llvm::utohexstr(value.size()));
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::ReadMemoryHex(StringExtractorGDBRemote &packet, Status &error,
                               bool &interrupt, bool &quit) {
  std::optional<std::pair<uint64_t, uint64_t>> range = ParseRange(packet);
  packet.SetFilePos(0);
  // LLGS answers what it cannot parse, and lengths within the limit.
  if (!range || range->second <= MaxMemoryRead)
    return LLGSReadMemory(packet, error, interrupt, quit);
  auto [address, length] = *range;
  if (WrapsAround(address, length))
    return SendErrorResponse(WrapError('m', address, length));
  StringExtractorGDBRemote shorter(
      llvm::formatv("m{0:x-},{1:x-}", address, MaxMemoryRead).str());
  return LLGSReadMemory(shorter, error, interrupt, quit);
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::WriteMemoryHex(StringExtractorGDBRemote &packet, Status &error,
                                bool &interrupt, bool &quit) {
  std::optional<std::pair<uint64_t, uint64_t>> range = ParseRange(packet);
  bool has_data = range && packet.GetChar() == ':';
  uint64_t data_size = packet.GetBytesLeft() / 2;
  packet.SetFilePos(0);
  // LLGS sends no reply at all to an empty write.
  if (range && range->second == 0)
    return SendOKResponse();
  if (!has_data)
    return LLGSWriteMemory(packet, error, interrupt, quit);
  auto [address, length] = *range;
  if (WrapsAround(address, length))
    return SendErrorResponse(WrapError('M', address, length));
  if (length > data_size)
    return SendErrorResponse(llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "M: 0x%" PRIx64 " bytes to write, but 0x%" PRIx64 " given", length,
        data_size));
  return LLGSWriteMemory(packet, error, interrupt, quit);
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::ReadMemoryBinary(llvm::StringRef arguments) {
  if (!m_current_process)
    return SendErrorResponse(llvm::createStringError(
        llvm::inconvertibleErrorCode(), "no process to read memory from"));
  auto [address_text, length_text] = arguments.split(',');
  uint64_t address, length;
  if (address_text.getAsInteger(16, address) ||
      length_text.getAsInteger(16, length))
    return SendErrorResponse(llvm::createStringError(
        llvm::inconvertibleErrorCode(), "x needs ADDRESS,LENGTH in hex"));
  // lldb sends "x0,0" to learn whether binary reads are served.
  if (length == 0)
    return SendOKResponse();

  std::vector<uint8_t> bytes(std::min(length, MaxMemoryRead));
  size_t bytes_read = 0;
  Status status = m_current_process->ReadMemoryWithoutTrap(
      address, bytes.data(), bytes.size(), bytes_read);
  if (status.Fail())
    return SendErrorResponse(status);
  if (bytes_read == 0)
    return SendErrorResponse(
        llvm::createStringError(llvm::inconvertibleErrorCode(),
                                "cannot read memory at 0x%" PRIx64, address));
  bytes.resize(bytes_read);
  return SendPacketNoLock(EscapeBinaryPayload(bytes));
}

GDBRemoteCommunication::PacketResult IOThreadsServer::SendThreadsInfo() {
  if (!m_current_process)
    return SendErrorResponse(llvm::createStringError(
        llvm::inconvertibleErrorCode(), "no process to describe"));
  llvm::Expected<std::string> json =
      DescribeThreads(*m_current_process, ThreadDetail::WithRegisters);
  if (!json)
    return SendErrorResponse(json.takeError());
  return SendPacketNoLock(
      EscapeBinaryPayload(llvm::arrayRefFromStringRef(*json)));
}

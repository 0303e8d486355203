//===-- IOThreadsServer.cpp - LLGS with this project's extensions ---------===//

#include "IOThreadsServer.h"
#include "BinaryPayload.h"
#include "ThreadsInfo.h"

#include "lldb/Utility/GDBRemote.h"
#include "llvm/Support/FormatVariadic.h"

#include <cinttypes>
#include <vector>

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

IOThreadsServer::IOThreadsServer(MainLoop &mainloop, ProcessManager &manager)
    : GDBRemoteCommunicationServerLLGS(mainloop, manager), Manager(manager) {
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
}

std::optional<GDBRemoteCommunication::PacketResult>
IOThreadsServer::HandleXfer(llvm::StringRef packet) {
  if (packet.consume_front("qXfer:io-uring-topology:read::"))
    return SendTopology(packet);
  if (packet.consume_front("qXfer:io-thread-policy:write::"))
    return SetPolicy(packet);
  if (packet.consume_front("qXfer:restart-syscalls:write::"))
    return SetRestartSyscalls(packet);
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
IOThreadsServer::ReadMemoryBinary(llvm::StringRef arguments) {
  // lldb never asks for more than the 128 KiB packets LLGS advertises; a
  // larger request gets a short reply, which the protocol allows.
  constexpr uint64_t max_read = 128 * 1024;
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

  std::vector<uint8_t> bytes(std::min(length, max_read));
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
  llvm::Expected<std::string> json = DescribeThreads(*m_current_process);
  if (!json)
    return SendErrorResponse(json.takeError());
  return SendPacketNoLock(
      EscapeBinaryPayload(llvm::arrayRefFromStringRef(*json)));
}

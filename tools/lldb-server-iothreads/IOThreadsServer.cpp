//===-- IOThreadsServer.cpp - LLGS with this project's extensions ---------===//

#include "IOThreadsServer.h"

#include "lldb/Utility/GDBRemote.h"
#include "llvm/Support/FormatVariadic.h"

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
}

std::optional<GDBRemoteCommunication::PacketResult>
IOThreadsServer::HandleXfer(llvm::StringRef packet) {
  if (packet.consume_front("qXfer:io-uring-topology:read::"))
    return SendTopology(packet);
  if (packet.consume_front("qXfer:io-thread-policy:write::"))
    return SetPolicy(packet);
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

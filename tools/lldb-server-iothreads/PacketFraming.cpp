//===-- PacketFraming.cpp - Only whole, decodable packets reach LLDB ------===//

#include "PacketFraming.h"

#include "lldb/Utility/Timeout.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <cstring>
#include <optional>

using namespace iothreads;
using namespace lldb_private;

static uint8_t Checksum(llvm::StringRef body) {
  uint8_t sum = 0;
  for (char c : body)
    sum += static_cast<uint8_t>(c);
  return sum;
}

/// Why LLDB 19 cannot undo the escapes and run-length encoding of BODY.
static std::optional<llvm::StringRef> FindEncodingFault(llvm::StringRef body) {
  if (body.empty())
    return "the packet is empty";
  bool decoded_any = false;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i] == '}' && i + 1 == body.size())
      return "the packet ends in an escape character";
    if (body[i] == '*' && !decoded_any)
      return "a run-length marker has nothing to repeat";
    if (body[i] == '*' && i + 1 == body.size())
      return "a run-length marker has no count";
    // An escape and a run both take the byte after them.
    if (body[i] == '}' || body[i] == '*')
      ++i;
    decoded_any = true;
  }
  return std::nullopt;
}

/// The packet to hand LLDB for `$BODY#CHECKSUM`.
static std::string FramePacket(llvm::StringRef body, llvm::StringRef checksum) {
  std::optional<llvm::StringRef> fault = FindEncodingFault(body);
  if (!fault)
    return ("$" + body + "#" + checksum).str();
  std::string substitute = (MalformedPacketRead + *fault + ":0,0").str();
  uint8_t sum = Checksum(substitute);
  // A damaged packet stays damaged, so that in acknowledgement mode LLDB
  // still asks for it again.
  unsigned sent;
  if (checksum.getAsInteger(16, sent) || sent != Checksum(body))
    sum = ~sum;
  return llvm::formatv("${0}#{1:x-2}", substitute, sum).str();
}

std::string PacketFramer::TakeReady() {
  std::string ready;
  size_t start = 0;
  while (start < Pending.size()) {
    char first = Pending[start];
    if (first == '+' || first == '-' || first == '\x03') {
      ready += first;
      ++start;
      continue;
    }
    if (first != '$' && first != '%') {
      ++start;
      continue;
    }
    size_t end = Pending.find_first_of("$#", start + 1);
    if (end != std::string::npos && Pending[end] == '$') {
      start = end;
      continue;
    }
    if (end == std::string::npos || end + 2 >= Pending.size())
      break;
    if (first == '$') {
      llvm::StringRef packet(Pending);
      ready += FramePacket(packet.slice(start + 1, end),
                           packet.slice(end + 1, end + 3));
    }
    start = end + 3;
  }
  Pending.erase(0, start);
  return ready;
}

size_t FramedConnection::Read(void *dst, size_t dst_len,
                              const Timeout<std::micro> &timeout,
                              lldb::ConnectionStatus &status,
                              Status *error_ptr) {
  while (Ready.empty()) {
    char buffer[8192];
    size_t count =
        Inner->Read(buffer, sizeof(buffer), timeout, status, error_ptr);
    if (count == 0)
      return 0;
    Framer.Append(llvm::StringRef(buffer, count));
    Ready = Framer.TakeReady();
  }
  size_t count = std::min(dst_len, Ready.size());
  std::memcpy(dst, Ready.data(), count);
  Ready.erase(0, count);
  status = lldb::eConnectionStatusSuccess;
  return count;
}

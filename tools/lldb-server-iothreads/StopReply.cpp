//===-- StopReply.cpp - The stop reply, written in one pass ---------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "StopReply.h"
#include "ThreadsInfo.h"

#include "lldb/Host/common/NativeProcessProtocol.h"
#include "lldb/Host/common/NativeRegisterContext.h"
#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"
#include "lldb/Utility/RegisterValue.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

using namespace iothreads;
using namespace lldb_private;

namespace {

/// Appends to one string; hex is written a buffer at a time.
class ReplyWriter {
public:
  explicit ReplyWriter(std::string &text) : Text(text), Stream(text) {}

  void Put(llvm::StringRef field) { Stream << field; }
  /// \p value in hex, at least \p digits of it.
  void PutHex(uint64_t value, unsigned digits = 1) {
    Stream << llvm::format_hex_no_prefix(value, digits);
  }
  /// Each byte as two digits, in the order given.
  void PutBytes(llvm::ArrayRef<uint8_t> bytes) {
    Stream.flush();
    llvm::toHex(bytes, /*LowerCase=*/true, Buffer);
    Text.append(Buffer.data(), Buffer.size());
  }
  void PutBytes(llvm::StringRef bytes) {
    PutBytes(llvm::arrayRefFromStringRef(bytes));
  }
  /// \p value's low \p size bytes, least significant first, as lldb's
  /// Stream::PutHex64 writes them on a little-endian host.
  void PutLittleEndian(uint64_t value, size_t size) {
    for (size_t byte = 0; byte < size; ++byte)
      Stream << llvm::format_hex_no_prefix((value >> (8 * byte)) & 0xff, 2);
  }
  void PutThreadID(lldb::pid_t pid, lldb::tid_t tid, bool multiprocess) {
    if (multiprocess) {
      Put("p");
      PutHex(pid);
      Put(".");
    }
    PutHex(tid);
  }

private:
  std::string &Text;
  llvm::raw_string_ostream Stream;
  llvm::SmallString<64> Buffer;
};

Log *ThreadLog() { return GetLog(LLDBLog::Process | LLDBLog::Thread); }

void WriteName(ReplyWriter &writer, const std::string &name) {
  if (name.empty())
    return;
  // A name that would break the packet's framing goes as hex.
  if (name.find_first_of("$#+-;:") == std::string::npos) {
    writer.Put("name:");
    writer.Put(name);
  } else {
    writer.Put("hexname:");
    writer.PutBytes(name);
  }
  writer.Put(";");
}

/// Every thread's id, its stop (jstopinfo, when there is more than one
/// thread) and its pc as a number.
void WriteThreadList(ReplyWriter &writer, NativeProcessProtocol &process) {
  writer.Put("threads:");
  size_t count = 0;
  for (NativeThreadProtocol &listed : process.Threads()) {
    if (count++)
      writer.Put(",");
    writer.PutHex(listed.GetID());
  }
  writer.Put(";");
  if (count > 1) {
    llvm::Expected<std::string> stops =
        DescribeThreads(process, ThreadDetail::Abridged);
    if (stops) {
      writer.Put("jstopinfo:");
      writer.PutBytes(*stops);
      writer.Put(";");
    } else {
      LLDB_LOG_ERROR(ThreadLog(), stops.takeError(),
                     "no jstopinfo for pid {1}: {0}", process.GetID());
    }
  }
  writer.Put("thread-pcs");
  char delimiter = ':';
  for (NativeThreadProtocol &listed : process.Threads()) {
    NativeRegisterContext &context = listed.GetRegisterContext();
    const RegisterInfo *pc = context.GetRegisterInfo(lldb::eRegisterKindGeneric,
                                                     LLDB_REGNUM_GENERIC_PC);
    std::optional<RegisterValue> value =
        pc ? ReadRegisterValue(context, *pc) : std::nullopt;
    if (!value)
      continue;
    writer.Put(llvm::StringRef(&delimiter, 1));
    delimiter = ',';
    llvm::SmallVector<uint8_t, 8> number(llvm::reverse(RegisterBytes(*value)));
    writer.PutBytes(number);
  }
  writer.Put(";");
}

/// The registers lldb needs to unwind the reporting thread, each as
/// NUMBER:BYTES in target order.
void WriteExpeditedRegisters(ReplyWriter &writer,
                             NativeThreadProtocol &thread) {
  NativeRegisterContext &context = thread.GetRegisterContext();
  ForEachReadableRegister(context,
                          context.GetExpeditedRegisters(ExpeditedRegs::Full),
                          [&](uint32_t number, llvm::ArrayRef<uint8_t> bytes) {
                            writer.PutHex(number, 2);
                            writer.Put(":");
                            writer.PutBytes(bytes);
                            writer.Put(";");
                          });
}

void WriteReason(ReplyWriter &writer, const ThreadStopInfo &stop,
                 const std::string &description) {
  const char *reason = StopReasonName(stop.reason);
  if (reason) {
    writer.Put("reason:");
    writer.Put(reason);
    writer.Put(";");
  }
  if (!description.empty()) {
    writer.Put("description:");
    writer.PutBytes(description);
    writer.Put(";");
  } else if (stop.reason == lldb::eStopReasonException &&
             stop.details.exception.type) {
    writer.Put("metype:");
    writer.PutLittleEndian(stop.details.exception.type, 8);
    writer.Put(";mecount:");
    writer.PutLittleEndian(stop.details.exception.data_count, 4);
    writer.Put(";");
    for (uint32_t i = 0; i < stop.details.exception.data_count; ++i) {
      writer.Put("medata:");
      writer.PutLittleEndian(stop.details.exception.data[i], 8);
      writer.Put(";");
    }
  }
  if (stop.reason == lldb::eStopReasonFork ||
      stop.reason == lldb::eStopReasonVFork) {
    writer.Put(reason);
    writer.Put(":");
    writer.PutThreadID(stop.details.fork.child_pid, stop.details.fork.child_tid,
                       /*multiprocess=*/true);
    writer.Put(";");
  }
}

} // namespace

std::string iothreads::WriteStopReply(NativeThreadProtocol &thread,
                                      const StopReplyOptions &options) {
  ThreadStopInfo stop;
  std::string description;
  std::string text;
  if (!thread.GetStopReason(stop, description))
    return text;
  NativeProcessProtocol &process = thread.GetProcess();
  ReplyWriter writer(text);
  writer.Put("T");
  writer.PutHex(stop.signo & 0xff, 2);
  writer.Put("thread:");
  writer.PutThreadID(process.GetID(), thread.GetID(), options.Multiprocess);
  writer.Put(";");
  WriteName(writer, thread.GetName());
  if (options.ListThreads)
    WriteThreadList(writer, process);
  WriteExpeditedRegisters(writer, thread);
  WriteReason(writer, stop, description);
  return text;
}

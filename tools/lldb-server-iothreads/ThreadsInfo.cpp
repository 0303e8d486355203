//===-- ThreadsInfo.cpp - The jThreadsInfo reply --------------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ThreadsInfo.h"

#include "lldb/Host/common/NativeRegisterContext.h"
#include "lldb/Host/common/NativeThreadProtocol.h"
#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"
#include "lldb/Utility/RegisterValue.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#include <cinttypes>
#include <optional>

using namespace iothreads;
using namespace lldb_private;

llvm::ArrayRef<uint8_t> iothreads::RegisterBytes(const RegisterValue &value) {
  return {static_cast<const uint8_t *>(value.GetBytes()), value.GetByteSize()};
}

std::optional<RegisterValue>
iothreads::ReadRegisterValue(NativeRegisterContext &context,
                             const RegisterInfo &info) {
  RegisterValue value;
  Status error = context.ReadRegister(&info, value);
  if (error.Fail()) {
    LLDB_LOG(GetLog(LLDBLog::Process | LLDBLog::Thread),
             "cannot read register {0}: {1}", info.name, error);
    return std::nullopt;
  }
  return value;
}

void iothreads::ForEachReadableRegister(
    NativeRegisterContext &context, llvm::ArrayRef<uint32_t> numbers,
    llvm::function_ref<void(uint32_t, llvm::ArrayRef<uint8_t>)> write) {
  for (uint32_t number : numbers) {
    const RegisterInfo *info = context.GetRegisterInfoAtIndex(number);
    // A register held inside another is sent as that one.
    if (!info || info->value_regs)
      continue;
    if (std::optional<RegisterValue> value = ReadRegisterValue(context, *info))
      write(number, RegisterBytes(*value));
  }
}

const char *iothreads::StopReasonName(lldb::StopReason reason) {
  switch (reason) {
  case lldb::eStopReasonTrace:
    return "trace";
  case lldb::eStopReasonBreakpoint:
    return "breakpoint";
  case lldb::eStopReasonWatchpoint:
    return "watchpoint";
  case lldb::eStopReasonSignal:
    return "signal";
  case lldb::eStopReasonException:
    return "exception";
  case lldb::eStopReasonExec:
    return "exec";
  case lldb::eStopReasonProcessorTrace:
    return "processor trace";
  case lldb::eStopReasonFork:
    return "fork";
  case lldb::eStopReasonVFork:
    return "vfork";
  case lldb::eStopReasonVForkDone:
    return "vforkdone";
  default:
    return nullptr;
  }
}

/// The registers lldb needs to start unwinding (pc, sp, fp, flags), keyed
/// by register number, each as its bytes in target order.
static void WriteExpeditedRegisters(llvm::json::OStream &json,
                                    NativeThreadProtocol &thread) {
  NativeRegisterContext &context = thread.GetRegisterContext();
  std::vector<uint32_t> expedited =
      context.GetExpeditedRegisters(ExpeditedRegs::Minimal);
  if (expedited.empty())
    return;
  json.attributeObject("registers", [&] {
    ForEachReadableRegister(
        context, expedited,
        [&](uint32_t number, llvm::ArrayRef<uint8_t> bytes) {
          json.attribute(llvm::utostr(number), llvm::toHex(bytes, true));
        });
  });
}

/// One thread's object, its keys in sorted order.
static void WriteThread(llvm::json::OStream &json, NativeThreadProtocol &thread,
                        const ThreadStopInfo &stop,
                        const std::string &description, ThreadDetail detail) {
  json.object([&] {
    if (!description.empty())
      json.attribute("description", description);
    bool exception = stop.reason == lldb::eStopReasonException &&
                     stop.details.exception.type;
    if (exception) {
      json.attributeArray("medata", [&] {
        for (uint32_t i = 0; i < stop.details.exception.data_count; ++i)
          json.value(static_cast<int64_t>(stop.details.exception.data[i]));
      });
      json.attribute("metype",
                     static_cast<int64_t>(stop.details.exception.type));
    }
    std::string name = thread.GetName();
    if (!name.empty())
      json.attribute("name", name);
    if (const char *reason = StopReasonName(stop.reason))
      json.attribute("reason", reason);
    if (detail == ThreadDetail::WithRegisters)
      WriteExpeditedRegisters(json, thread);
    if (stop.signo != 0)
      json.attribute("signal", static_cast<int64_t>(stop.signo));
    json.attribute("tid", static_cast<int64_t>(thread.GetID()));
  });
}

llvm::Expected<std::string>
iothreads::DescribeThreads(NativeProcessProtocol &process,
                           ThreadDetail detail) {
  std::string text;
  llvm::raw_string_ostream stream(text);
  llvm::json::OStream json(stream);
  std::optional<lldb::tid_t> not_stopped;
  json.array([&] {
    for (NativeThreadProtocol &thread : process.Threads()) {
      ThreadStopInfo stop;
      std::string description;
      if (!thread.GetStopReason(stop, description)) {
        not_stopped = thread.GetID();
        return;
      }
      WriteThread(json, thread, stop, description, detail);
    }
  });
  if (not_stopped)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "thread %" PRIu64 " has not stopped",
                                   *not_stopped);
  return text;
}

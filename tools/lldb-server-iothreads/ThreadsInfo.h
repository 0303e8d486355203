//===-- ThreadsInfo.h - The jThreadsInfo reply ------------------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// lldb asks for jThreadsInfo at every stop: a JSON array with, per thread,
// its id, name, stop reason and expedited registers. LLGS builds it as a
// tree of json::Value (whose array growth copies every object so far) and
// escapes it a byte at a time; this writes the same text in one pass, its
// keys in the sorted order llvm::json prints, so the text is LLGS's own.
// The stop reply's jstopinfo is the same array without registers.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_THREADSINFO_H
#define LLDB_SERVER_IOTHREADS_THREADSINFO_H

#include "lldb/Host/common/NativeProcessProtocol.h"
#include "lldb/Host/common/NativeRegisterContext.h"
#include "lldb/Utility/RegisterValue.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>

namespace iothreads {

enum class ThreadDetail {
  /// With each thread's expedited registers (jThreadsInfo).
  WithRegisters,
  /// Without them (the stop reply's jstopinfo).
  Abridged,
};

/// The JSON array describing every thread of \p process. Fails when a
/// thread has no stop to describe (the process is running).
llvm::Expected<std::string>
DescribeThreads(lldb_private::NativeProcessProtocol &process,
                ThreadDetail detail);

/// A register value's bytes, in target order.
llvm::ArrayRef<uint8_t> RegisterBytes(const lldb_private::RegisterValue &value);

/// The value of register \p info; none, and a log line, when it cannot be
/// read.
std::optional<lldb_private::RegisterValue>
ReadRegisterValue(lldb_private::NativeRegisterContext &context,
                  const lldb_private::RegisterInfo &info);

/// Calls \p write with the number and the bytes (in target order) of each
/// register in \p numbers that can be read, the way jThreadsInfo and the
/// stop reply send registers.
void ForEachReadableRegister(
    lldb_private::NativeRegisterContext &context,
    llvm::ArrayRef<uint32_t> numbers,
    llvm::function_ref<void(uint32_t, llvm::ArrayRef<uint8_t>)> write);

/// The stop reason as lldb's gdb-remote client reads it; null for a thread
/// that did not stop for a reason of its own.
const char *StopReasonName(lldb::StopReason reason);

} // namespace iothreads

#endif

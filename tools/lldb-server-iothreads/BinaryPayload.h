//===-- BinaryPayload.h - Binary data in a gdb-remote packet ----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The gdb-remote protocol carries raw bytes in a packet once the four bytes
// that frame or compress packets ('#', '$', '}', '*') are escaped: each is
// sent as '}' followed by the byte xor 0x20.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_BINARYPAYLOAD_H
#define LLDB_SERVER_IOTHREADS_BINARYPAYLOAD_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>
#include <string>

namespace iothreads {

/// \p bytes escaped for a packet's payload. Runs of plain bytes are copied
/// whole, so a 128 KiB memory read costs a pass over it, not a call per byte.
std::string EscapeBinaryPayload(llvm::ArrayRef<uint8_t> bytes);

} // namespace iothreads

#endif

//===-- GuardianWire.h - What the server and its guardian share -*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The guardian (Guardian.h) is the tracer of a process we attached to; the
// server asks it for each ptrace request over one socket and hears each wait
// status over another. Both are SOCK_SEQPACKET, so a message is one read.
// The traps the server puts in memory are listed in memory both map, so the
// guardian knows them after the server is gone without being told.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_GUARDIANWIRE_H
#define NATIVEPROCESSIOTHREADS_GUARDIANWIRE_H

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <sys/types.h>

namespace iothreads {
namespace guardian {

/// A ptrace request. Pointer arguments travel as the bytes they point at:
/// \c InSize bytes follow the header, and the reply carries up to \c OutSize.
struct Request {
  int32_t Op;
  int32_t Tid;
  uint64_t Addr;
  uint64_t Data;
  uint32_t InSize;
  uint32_t OutSize;
};

/// Not a ptrace request: the server is done with the process (detached, or
/// it ended), so the guardian has nothing to rescue and exits.
inline constexpr int32_t ReleaseOp = -1;

/// ptrace's return value and errno, then the bytes it wrote.
struct Reply {
  int64_t Result;
  int32_t Error;
  uint32_t OutSize;
};

/// How a request's addr and data arguments are carried.
enum class Shape {
  /// Both are values (or unused).
  Values,
  /// data points at OutSize bytes ptrace fills.
  DataOut,
  /// data points at InSize bytes ptrace reads.
  DataIn,
  /// data points at an iovec; its buffer is filled (InSize 0) or read.
  DataIovec,
  /// addr points at InSize bytes of arguments; data at OutSize bytes.
  AddrInDataOut,
  /// A request the guardian does not forward.
  Refused,
};

Shape ShapeOf(int op);

/// The largest payload either way: an XSAVE area with room to spare.
inline constexpr size_t MaxPayload = 32 * 1024;

/// Wait statuses travel in batches, each entry as waitpid gave it.
struct Status {
  int32_t Tid;
  int32_t Value;
};
inline constexpr size_t StatusesPerMessage = 512;

/// One software breakpoint in memory: where, what it replaced, what it is.
struct Trap {
  uint64_t Addr;
  uint8_t Size;
  uint8_t Saved[7];
  uint8_t Opcode[8];
};

/// The traps in memory, in a shared anonymous mapping. Entries are written
/// before Count grows and before any trap reaches memory, so whatever the
/// server was doing when it died, the guardian reads whole entries.
struct alignas(Trap) TrapTable {
  std::atomic<uint32_t> Count;
  uint32_t Capacity;

  /// The entries follow the header.
  Trap *Entries() { return reinterpret_cast<Trap *>(this + 1); }
  static size_t BytesFor(uint32_t capacity) {
    return sizeof(TrapTable) + capacity * sizeof(Trap);
  }
};

} // namespace guardian
} // namespace iothreads

#endif

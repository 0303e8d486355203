//===-- ExecutionMode.h - The mode a thread really runs in ------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A 64-bit process can run 32-bit code (Wine's WoW64 far-jumps a thread to
// the compat code selector), and every thread of a -m32 process runs in
// compat mode. PTRACE_GETREGSET(NT_PRSTATUS) answers in a 64-bit layout (216
// bytes) for a thread in 64-bit mode and a 32-bit one (68 bytes) otherwise;
// the kernel picks by the thread's code segment selector (user_64bit_mode),
// which PTRACE_GETREGS also returns. Reading cs from the registers a stop
// reads anyway tells the mode without a system call of its own.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_EXECUTIONMODE_H
#define NATIVEPROCESSIOTHREADS_EXECUTIONMODE_H

#include "llvm/ADT/StringRef.h"

#include <cstdint>

namespace iothreads {

enum class ExecutionMode { X86_64, I386 };

/// "x86-64" or "i386": the names the topology JSON uses.
llvm::StringRef ExecutionModeName(ExecutionMode mode);

/// The mode of a thread running with code segment selector \p cs, decided
/// as the kernel does: 64-bit for __USER_CS (0x33) and for Xen PV's extra
/// 64-bit selector (0xe033), compat for anything else (__USER32_CS, 0x23, or
/// a selector of the thread's own LDT).
ExecutionMode ExecutionModeFromCodeSegment(uint64_t cs);

} // namespace iothreads

#endif

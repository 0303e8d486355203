//===-- ExecutionMode.cpp - The mode a thread really runs in --------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads/ExecutionMode.h"

using namespace iothreads;

/// Linux's 64-bit user code selectors: __USER_CS, and the one Xen PV guests
/// add.
static constexpr uint64_t UserCodeSegment64 = 0x33;
static constexpr uint64_t XenUserCodeSegment64 = 0xe033;

llvm::StringRef iothreads::ExecutionModeName(ExecutionMode mode) {
  return mode == ExecutionMode::I386 ? "i386" : "x86-64";
}

ExecutionMode iothreads::ExecutionModeFromCodeSegment(uint64_t cs) {
  return cs == UserCodeSegment64 || cs == XenUserCodeSegment64
             ? ExecutionMode::X86_64
             : ExecutionMode::I386;
}

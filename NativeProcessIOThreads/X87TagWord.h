//===-- X87TagWord.h - x87 tag word and FXSAVE's abridged one --*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// FXSAVE keeps one bit per x87 register, set unless the register is empty.
// The tag word the FPU itself, FSAVE, gdb and lldb use has two bits per
// register: 00 valid, 01 zero, 10 special (NaN, infinity, denormal,
// unnormal), 11 empty. Both are indexed by physical register, while the
// FXSAVE area stores the registers in stack order, st(0) first.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_X87TAGWORD_H
#define NATIVEPROCESSIOTHREADS_X87TAGWORD_H

#include "llvm/ADT/ArrayRef.h"

#include <cstdint>

namespace iothreads {

/// The full tag word from FXSAVE's \p abridged tags, the status word
/// \p fstat (whose TOP field maps physical registers to stack slots) and
/// \p stack, the eight 16-byte slots holding st(0)..st(7).
uint16_t FullTagWord(uint8_t abridged, uint16_t fstat,
                     llvm::ArrayRef<uint8_t> stack);

/// The abridged tags FXRSTOR takes for the full tag word \p full: a
/// register is empty exactly when its two bits are 11.
uint8_t AbridgedTagWord(uint16_t full);

} // namespace iothreads

#endif

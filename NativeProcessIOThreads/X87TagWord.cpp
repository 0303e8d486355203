//===-- X87TagWord.cpp - The x87 tag word and FXSAVE's abridged one -------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "X87TagWord.h"

#include <cassert>
#include <cstring>

using namespace iothreads;

namespace {

enum Tag : uint16_t { Valid = 0, Zero = 1, Special = 2, Empty = 3 };

constexpr unsigned SlotSize = 16;

/// The tag the FPU gives an 80-bit value: an exponent of all ones is a NaN
/// or infinity; an exponent of 0 is zero or a denormal; any other value is
/// valid only with its explicit integer bit set (else it is unnormal).
Tag Classify(const uint8_t *value) {
  uint64_t mantissa;
  uint16_t sign_exponent;
  std::memcpy(&mantissa, value, sizeof(mantissa));
  std::memcpy(&sign_exponent, value + 8, sizeof(sign_exponent));
  uint16_t exponent = sign_exponent & 0x7fff;
  if (exponent == 0x7fff)
    return Special;
  if (exponent == 0)
    return mantissa == 0 ? Zero : Special;
  return mantissa >> 63 ? Valid : Special;
}

} // namespace

uint16_t iothreads::FullTagWord(uint8_t abridged, uint16_t fstat,
                                llvm::ArrayRef<uint8_t> stack) {
  assert(stack.size() >= 8 * SlotSize && "eight stack slots");
  unsigned top = fstat >> 11 & 7;
  uint16_t full = 0;
  for (unsigned physical = 0; physical < 8; ++physical) {
    unsigned slot = (physical - top) & 7;
    Tag tag = abridged >> physical & 1
                  ? Classify(stack.data() + slot * SlotSize)
                  : Empty;
    full |= tag << (2 * physical);
  }
  return full;
}

uint8_t iothreads::AbridgedTagWord(uint16_t full) {
  uint8_t abridged = 0;
  for (unsigned physical = 0; physical < 8; ++physical)
    if ((full >> (2 * physical) & 3) != Empty)
      abridged |= 1 << physical;
  return abridged;
}

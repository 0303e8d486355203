//===-- DebugRegisterSlots.cpp - The four x86 debug address slots ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "DebugRegisterSlots.h"

#include "llvm/Support/FormatVariadic.h"

using namespace iothreads;

static llvm::Error SlotError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message.str());
}

llvm::Expected<unsigned> DebugRegisterSlots::Claim(uint64_t address,
                                                   unsigned size, Use kind) {
  if (kind == Use::Execute ? size != 1
                           : size != 1 && size != 2 && size != 4 && size != 8)
    return SlotError(llvm::formatv(
        "x86 debug registers cannot {0} {1} bytes; {2}",
        kind == Use::Execute ? "break on" : "watch", size,
        kind == Use::Execute ? "an instruction breakpoint takes 1 byte"
                             : "watch 1, 2, 4 or 8 bytes"));
  if (address % size != 0)
    return SlotError(llvm::formatv("x86 debug registers cannot watch {0} bytes "
                                   "at {1:x}: the address must be a multiple "
                                   "of the size",
                                   size, address));
  if (Find(address, kind == Use::Execute))
    return SlotError(
        llvm::formatv("address {0:x} already has a hardware {1}", address,
                      kind == Use::Execute ? "breakpoint" : "watchpoint"));
  for (unsigned index = 0; index < Count; ++index) {
    if (Slots[index].InUse)
      continue;
    Slots[index] = {address, size, kind, true};
    return index;
  }
  return SlotError("all 4 x86 debug registers are in use; delete a hardware "
                   "watchpoint or breakpoint first");
}

std::optional<unsigned> DebugRegisterSlots::Find(uint64_t address,
                                                 bool execute) const {
  for (unsigned index = 0; index < Count; ++index) {
    const Slot &slot = Slots[index];
    if (slot.InUse && slot.Address == address &&
        (slot.Kind == Use::Execute) == execute)
      return index;
  }
  return std::nullopt;
}

bool DebugRegisterSlots::Empty() const {
  return llvm::none_of(Slots, [](const Slot &slot) { return slot.InUse; });
}

/// DR7's 2-bit condition field: 00 execute, 01 write, 11 read or write.
static uint64_t ConditionBits(DebugRegisterSlots::Use kind) {
  switch (kind) {
  case DebugRegisterSlots::Use::Execute:
    return 0;
  case DebugRegisterSlots::Use::Write:
    return 1;
  case DebugRegisterSlots::Use::ReadWrite:
    return 3;
  }
  llvm_unreachable("unknown debug register use");
}

/// DR7's 2-bit length field: 00 one byte, 01 two, 11 four, 10 eight.
static uint64_t LengthBits(unsigned size) {
  switch (size) {
  case 2:
    return 1;
  case 4:
    return 3;
  case 8:
    return 2;
  default:
    return 0;
  }
}

uint64_t DebugRegisterSlots::ControlWord() const {
  uint64_t control = 0;
  for (unsigned index = 0; index < Count; ++index) {
    const Slot &slot = Slots[index];
    if (!slot.InUse)
      continue;
    control |= uint64_t(1) << (2 * index);
    control |= (ConditionBits(slot.Kind) | LengthBits(slot.Size) << 2)
               << (16 + 4 * index);
  }
  return control;
}

std::optional<unsigned> DebugRegisterSlots::TriggeredSlot(uint64_t status) {
  for (unsigned index = 0; index < Count; ++index)
    if (status & (uint64_t(1) << index))
      return index;
  return std::nullopt;
}

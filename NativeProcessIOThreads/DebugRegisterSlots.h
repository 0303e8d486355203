//===-- DebugRegisterSlots.h - The four x86 debug address slots -*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// What the debug registers of one thread should hold: up to four watched or
// breakpointed addresses (DR0-DR3) and the control word that arms them (DR7).
// This is bookkeeping only; the thread writes the values through ptrace.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_DEBUGREGISTERSLOTS_H
#define NATIVEPROCESSIOTHREADS_DEBUGREGISTERSLOTS_H

#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <optional>

namespace iothreads {

class DebugRegisterSlots {
public:
  /// What makes a slot trigger.
  enum class Use { Execute, Write, ReadWrite };

  struct Slot {
    uint64_t Address = 0;
    unsigned Size = 0;
    Use Kind = Use::Execute;
    bool InUse = false;
  };

  static constexpr unsigned Count = 4;

  /// Takes a free slot for \p size bytes at \p address. x86 watches 1, 2, 4
  /// or 8 aligned bytes and breaks on an instruction with a 1-byte slot.
  llvm::Expected<unsigned> Claim(uint64_t address, unsigned size, Use kind);
  /// The slot holding \p address, for instructions or for data.
  std::optional<unsigned> Find(uint64_t address, bool execute) const;
  void Release(unsigned index) { Slots[index] = Slot(); }
  const Slot &Get(unsigned index) const { return Slots[index]; }
  bool Empty() const;

  /// The DR7 value that arms exactly the slots in use (local enable bits).
  uint64_t ControlWord() const;
  /// The first slot that a DR6 status value says has triggered.
  static std::optional<unsigned> TriggeredSlot(uint64_t status);

private:
  std::array<Slot, Count> Slots;
};

} // namespace iothreads

#endif

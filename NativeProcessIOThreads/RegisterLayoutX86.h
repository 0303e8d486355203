//===-- RegisterLayoutX86.h - What x86 registers a thread has -*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The description every register context of one mode shares: LLDB's Linux
// x86 register table, the registers we add after it, the register sets, and
// where each vector register lives in the XSAVE area. Building it asks the
// CPU (cpuid, xgetbv), which traps to the hypervisor in a virtual machine,
// so it is built once per mode and never per thread.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_REGISTERLAYOUTX86_H
#define NATIVEPROCESSIOTHREADS_REGISTERLAYOUTX86_H

#include "Plugins/Process/Utility/RegisterInfoInterface.h"
#include "lldb/lldb-private-types.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <deque>
#include <memory>
#include <string>
#include <vector>

namespace iothreads {

/// State components (bits of XSTATE_BV): x87, and those that hold vector
/// register parts.
enum XsaveComponent : unsigned {
  X87State = 0,
  SseState = 1,
  AvxState = 2,
  OpmaskState = 5,
  ZmmHighState = 6,
  HighZmmState = 7,
};

/// Where part of a vector register lives in the XSAVE area, and the state
/// component that holds it.
struct XsavePart {
  uint32_t Offset;
  uint32_t Size;
  unsigned Component;
};
using XsaveParts = llvm::SmallVector<XsavePart, 3>;

class RegisterLayoutX86 {
public:
  /// The layout for i386 processes or for x86-64 ones.
  static const RegisterLayoutX86 &Get(bool i386);

  const lldb_private::RegisterInfo *GetRegisterInfo(uint32_t number) const;
  /// The XSAVE parts of a register served from beyond FXSAVE, or null.
  const XsaveParts *PartsOf(const lldb_private::RegisterInfo &info) const;
  uint32_t GetRegisterSetCount() const;
  const lldb_private::RegisterSet *GetRegisterSet(uint32_t index) const;

  bool IsI386;
  /// The machine saves AVX state with XSAVE: floating point and vector
  /// registers come from NT_X86_XSTATE, else from the FXSAVE area.
  bool HasXsave;
  /// Registers [0, FirstFpr) live in user_regs_struct, [FirstFpr, FirstYmm)
  /// in the FXSAVE area and [FirstYmm, FirstExtra) are the ymm registers,
  /// assembled from an xmm register and its upper half in the XSAVE area.
  /// [FirstExtra, RegisterCount) are ours, numbered after LLDB's table,
  /// which leaves them out: the kernel's orig_rax (orig_eax), then AVX-512's
  /// opmask (k0-k7) and zmm registers.
  uint32_t FirstFpr;
  uint32_t FirstYmm;
  uint32_t FirstExtra;
  uint32_t RegisterCount;
  /// Where the FXSAVE area starts in LLDB's register offsets.
  uint32_t FprOffset;
  /// The x87 tag word, which lldb reads as the full word, not FXSAVE's.
  uint32_t Ftag;
  /// The XSAVE area must reach this far for every part to be read.
  size_t XsaveEnd = 0;
  /// The general registers that are not parts of others: what a stop sends.
  std::vector<uint32_t> PrimitiveGprNumbers;

private:
  explicit RegisterLayoutX86(bool i386);
  void AddExtraRegister(std::string name, uint32_t size,
                        lldb::Encoding encoding, lldb::Format format,
                        uint32_t offset);
  void AddAvx512Registers(uint32_t first_free_offset);

  std::unique_ptr<lldb_private::RegisterInfoInterface> Table;
  std::vector<lldb_private::RegisterInfo> ExtraInfos;
  /// Names of our registers; a deque keeps each c_str() in place.
  std::deque<std::string> ExtraNames;
  llvm::DenseMap<uint32_t, XsaveParts> VectorParts;
  std::vector<uint32_t> GprNumbers;
  std::vector<uint32_t> FprNumbers;
  std::vector<uint32_t> YmmNumbers;
  std::vector<uint32_t> Avx512Numbers;
  lldb_private::RegisterSet Sets[4];
};

} // namespace iothreads

#endif

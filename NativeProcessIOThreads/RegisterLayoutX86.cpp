//===-- RegisterLayoutX86.cpp - What x86 registers a thread has ----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "RegisterLayoutX86.h"

#include "Plugins/Process/Utility/RegisterContextLinux_x86_64.h"
#include "Plugins/Process/Utility/lldb-x86-register-enums.h"
#include "lldb/Utility/ArchSpec.h"

#include <cpuid.h>
#include <cstddef>
#include <sys/user.h>

using namespace iothreads;
using namespace lldb_private;

namespace {

/// The kernel's ptrace copy of the XSAVE area is always in the standard
/// (uncompacted) format, in which xmm registers sit at 160 and AVX state at
/// 576 on every x86 CPU; AVX-512's components are placed where CPUID leaf
/// 0xD says.
constexpr uint32_t XmmOffset = 160;
constexpr uint32_t YmmHighOffset = 576;
constexpr uint64_t AvxFeatures = 1u << SseState | 1u << AvxState;
constexpr uint64_t Avx512Features =
    1u << OpmaskState | 1u << ZmmHighState | 1u << HighZmmState;

/// The state components the kernel saves with XSAVE (XCR0), or 0.
uint64_t HostXsaveFeatures() {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
    return 0;
  constexpr unsigned OsXsave = 1u << 27;
  if (!(ecx & OsXsave))
    return 0;
  uint32_t low, high;
  asm volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  return uint64_t(high) << 32 | low;
}

/// Where component \p component starts in the standard XSAVE format.
uint32_t ComponentOffset(unsigned component) {
  unsigned size = 0, offset = 0, ecx = 0, edx = 0;
  __get_cpuid_count(0xd, component, &size, &offset, &ecx, &edx);
  return offset;
}

} // namespace

const RegisterLayoutX86 &RegisterLayoutX86::Get(bool i386) {
  static const RegisterLayoutX86 x86_64(false), x86(true);
  return i386 ? x86 : x86_64;
}

RegisterLayoutX86::RegisterLayoutX86(bool i386)
    : IsI386(i386),
      Table(std::make_unique<RegisterContextLinux_x86_64>(
          ArchSpec(i386 ? "i386-pc-linux-gnu" : "x86_64-pc-linux-gnu"))) {
  uint64_t xsave_features = HostXsaveFeatures();
  HasXsave = (xsave_features & AvxFeatures) == AvxFeatures;
  // LLDB's tables put general registers (with their aliases) first, then the
  // FXSAVE registers, then ymm, then ones this context does not serve.
  FirstFpr = IsI386 ? static_cast<uint32_t>(lldb_fctrl_i386)
                    : static_cast<uint32_t>(x86_64_with_base::lldb_fctrl);
  Ftag = IsI386 ? static_cast<uint32_t>(lldb_ftag_i386)
                : static_cast<uint32_t>(x86_64_with_base::lldb_ftag);
  FirstYmm = IsI386 ? static_cast<uint32_t>(k_first_avx_i386)
                    : static_cast<uint32_t>(x86_64_with_base::k_first_avx);
  FirstExtra = !HasXsave ? FirstYmm
               : IsI386
                   ? static_cast<uint32_t>(k_last_avx_i386) + 1
                   : static_cast<uint32_t>(x86_64_with_base::k_last_avx) + 1;
  const RegisterInfo *table = Table->GetRegisterInfo();
  FprOffset = table[FirstFpr].byte_offset;

  uint32_t first_free_offset = 0;
  for (uint32_t reg = 0; reg < FirstExtra; ++reg) {
    if (reg >= FirstYmm) {
      uint32_t index = reg - FirstYmm;
      YmmNumbers.push_back(reg);
      VectorParts[reg] = {{XmmOffset + 16 * index, 16, SseState},
                          {YmmHighOffset + 16 * index, 16, AvxState}};
    } else {
      (reg < FirstFpr ? GprNumbers : FprNumbers).push_back(reg);
    }
    if (reg < FirstFpr && !table[reg].value_regs)
      PrimitiveGprNumbers.push_back(reg);
    first_free_offset = std::max(first_free_offset,
                                 table[reg].byte_offset + table[reg].byte_size);
  }
  // The system call number the thread entered the kernel with, which
  // decides whether an interrupted call restarts; LLDB's tables keep its
  // slot in the user area but name no register for it.
  AddExtraRegister(IsI386 ? "orig_eax" : "orig_rax", IsI386 ? 4 : 8,
                   lldb::eEncodingUint, lldb::eFormatHex,
                   offsetof(user_regs_struct, orig_rax));
  GprNumbers.push_back(FirstExtra);
  if (HasXsave && (xsave_features & Avx512Features) == Avx512Features)
    AddAvx512Registers(first_free_offset);
  RegisterCount = FirstExtra + ExtraInfos.size();
  for (const auto &entry : VectorParts)
    for (const XsavePart &part : entry.second)
      XsaveEnd = std::max<size_t>(XsaveEnd, part.Offset + part.Size);
  Sets[0] = {"General Purpose Registers", "gpr", GprNumbers.size(),
             GprNumbers.data()};
  Sets[1] = {"Floating Point Registers", "fpu", FprNumbers.size(),
             FprNumbers.data()};
  Sets[2] = {"Advanced Vector Extensions", "avx", YmmNumbers.size(),
             YmmNumbers.data()};
  Sets[3] = {"AVX-512", "avx512", Avx512Numbers.size(), Avx512Numbers.data()};
}

void RegisterLayoutX86::AddExtraRegister(std::string name, uint32_t size,
                                         lldb::Encoding encoding,
                                         lldb::Format format, uint32_t offset) {
  uint32_t number = FirstExtra + ExtraInfos.size();
  ExtraNames.push_back(std::move(name));
  ExtraInfos.push_back({ExtraNames.back().c_str(),
                        nullptr,
                        size,
                        offset,
                        encoding,
                        format,
                        {LLDB_INVALID_REGNUM, LLDB_INVALID_REGNUM,
                         LLDB_INVALID_REGNUM, LLDB_INVALID_REGNUM, number},
                        nullptr,
                        nullptr,
                        nullptr});
}

void RegisterLayoutX86::AddAvx512Registers(uint32_t first_free_offset) {
  // lldb keeps registers at the offsets we give; ours follow the table's.
  uint32_t offset = first_free_offset;
  uint32_t opmask = ComponentOffset(OpmaskState);
  uint32_t zmm_high = ComponentOffset(ZmmHighState);
  uint32_t high_zmm = ComponentOffset(HighZmmState);
  for (uint32_t index = 0; index < 8; ++index) {
    uint32_t number = FirstExtra + ExtraInfos.size();
    AddExtraRegister("k" + std::to_string(index), 8, lldb::eEncodingUint,
                     lldb::eFormatHex, offset);
    offset += 8;
    VectorParts[number] = {{opmask + 8 * index, 8, OpmaskState}};
    Avx512Numbers.push_back(number);
  }
  // 32-bit code sees zmm0-zmm7 only.
  for (uint32_t index = 0; index < (IsI386 ? 8u : 32u); ++index) {
    uint32_t number = FirstExtra + ExtraInfos.size();
    AddExtraRegister("zmm" + std::to_string(index), 64, lldb::eEncodingVector,
                     lldb::eFormatVectorOfUInt8, offset);
    offset += 64;
    if (index < 16)
      VectorParts[number] = {{XmmOffset + 16 * index, 16, SseState},
                             {YmmHighOffset + 16 * index, 16, AvxState},
                             {zmm_high + 32 * index, 32, ZmmHighState}};
    else
      VectorParts[number] = {{high_zmm + 64 * (index - 16), 64, HighZmmState}};
    Avx512Numbers.push_back(number);
  }
}

const RegisterInfo *RegisterLayoutX86::GetRegisterInfo(uint32_t number) const {
  if (number < FirstExtra)
    return &Table->GetRegisterInfo()[number];
  if (number < RegisterCount)
    return &ExtraInfos[number - FirstExtra];
  return nullptr;
}

const XsaveParts *RegisterLayoutX86::PartsOf(const RegisterInfo &info) const {
  auto parts = VectorParts.find(info.kinds[lldb::eRegisterKindLLDB]);
  return parts == VectorParts.end() ? nullptr : &parts->second;
}

uint32_t RegisterLayoutX86::GetRegisterSetCount() const {
  return Avx512Numbers.empty() ? (HasXsave ? 3 : 2) : 4;
}

const RegisterSet *RegisterLayoutX86::GetRegisterSet(uint32_t index) const {
  return index < GetRegisterSetCount() ? &Sets[index] : nullptr;
}

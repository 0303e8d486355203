//===-- RegisterContextX86.cpp - x86 registers of a traced thread ---------===//

#include "RegisterContextX86.h"
#include "DebugRegisterSlots.h"
#include "Ptrace.h"

#include "Plugins/Process/Utility/RegisterContextLinux_x86_64.h"
#include "Plugins/Process/Utility/lldb-x86-register-enums.h"
#include "lldb/Host/common/NativeThreadProtocol.h"
#include "lldb/Utility/DataBufferHeap.h"

#include <cpuid.h>
#include <cstddef>
#include <cstring>

using namespace iothreads;
using namespace lldb_private;

namespace {

/// Where the XSAVE layout keeps the parts of the vector registers. The
/// kernel's ptrace copy is always in the standard (uncompacted) format, in
/// which AVX state sits at 576 on every x86 CPU; AVX-512's components are
/// placed where CPUID leaf 0xD says.
constexpr size_t FxsaveSize = 512;
constexpr uint32_t XmmOffset = 160;
constexpr size_t XstateBvOffset = 512;
constexpr uint32_t YmmHighOffset = 576;
enum XsaveComponent : unsigned {
  SseState = 1,
  AvxState = 2,
  OpmaskState = 5,
  ZmmHighState = 6,
  HighZmmState = 7,
};
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

RegisterContextX86::RegisterContextX86(NativeThreadProtocol &thread,
                                       const ArchSpec &arch, bool traced)
    : NativeRegisterContextRegisterInfo(thread,
                                        new RegisterContextLinux_x86_64(arch)),
      Tid(thread.GetID()), Traced(traced),
      IsI386(arch.GetMachine() == llvm::Triple::x86),
      XsaveFeatures(HostXsaveFeatures()),
      HasXsave((XsaveFeatures & AvxFeatures) == AvxFeatures) {
  // LLDB's tables put general registers (with their aliases) first, then the
  // FXSAVE registers, then ymm, then ones this context does not serve.
  FirstFpr = IsI386 ? static_cast<uint32_t>(lldb_fctrl_i386)
                    : static_cast<uint32_t>(x86_64_with_base::lldb_fctrl);
  FirstYmm = IsI386 ? static_cast<uint32_t>(k_first_avx_i386)
                    : static_cast<uint32_t>(x86_64_with_base::k_first_avx);
  FirstExtra = !HasXsave ? FirstYmm
               : IsI386
                   ? static_cast<uint32_t>(k_last_avx_i386) + 1
                   : static_cast<uint32_t>(x86_64_with_base::k_last_avx) + 1;
  const RegisterInfo *table = GetRegisterInfoInterface().GetRegisterInfo();
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
  if (HasXsave && (XsaveFeatures & Avx512Features) == Avx512Features)
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

void RegisterContextX86::AddExtraRegister(std::string name, uint32_t size,
                                          lldb::Encoding encoding,
                                          lldb::Format format,
                                          uint32_t offset) {
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

void RegisterContextX86::AddAvx512Registers(uint32_t first_free_offset) {
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

uint32_t RegisterContextX86::GetRegisterCount() const { return RegisterCount; }

const RegisterInfo *
RegisterContextX86::GetRegisterInfoAtIndex(uint32_t index) const {
  if (index < FirstExtra)
    return &GetRegisterInfoInterface().GetRegisterInfo()[index];
  if (index < RegisterCount)
    return &ExtraInfos[index - FirstExtra];
  return nullptr;
}

uint32_t RegisterContextX86::GetUserRegisterCount() const {
  return RegisterCount;
}

uint32_t RegisterContextX86::GetRegisterSetCount() const {
  return Avx512Numbers.empty() ? (HasXsave ? 3 : 2) : 4;
}

const RegisterSet *RegisterContextX86::GetRegisterSet(uint32_t index) const {
  return index < GetRegisterSetCount() ? &Sets[index] : nullptr;
}

uint32_t RegisterContextX86::NumSupportedHardwareBreakpoints() {
  return DebugRegisterSlots::Count;
}

uint32_t RegisterContextX86::NumSupportedHardwareWatchpoints() {
  return DebugRegisterSlots::Count;
}

uint32_t RegisterContextX86::RegisterNumber(const RegisterInfo &info) const {
  return info.kinds[lldb::eRegisterKindLLDB];
}

std::vector<uint32_t>
RegisterContextX86::GetExpeditedRegisters(ExpeditedRegs kind) const {
  if (kind == ExpeditedRegs::Full)
    return PrimitiveGprNumbers;
  return NativeRegisterContextRegisterInfo::GetExpeditedRegisters(kind);
}

llvm::Error RegisterContextX86::NoUserContext(const char *what) const {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "cannot %s of thread %d: it is an io_uring thread, which never runs "
      "user code",
      what, Tid);
}

llvm::Error RegisterContextX86::Load(Area area) {
  if (!Traced) {
    if (area == Area::FloatingPoint)
      return NoUserContext("read floating point registers");
    if (!GprValid) {
      std::memset(&Gpr, 0, sizeof(Gpr));
      // The selectors of the process's user mode (GDT entries 6 and 5).
      Gpr.cs = IsI386 ? 0x23 : 0x33;
      Gpr.ss = 0x2b;
      GprValid = true;
    }
    return llvm::Error::success();
  }
  if (area == Area::General) {
    if (GprValid)
      return llvm::Error::success();
    if (llvm::Error error = ptrace::GetGeneralRegisters(Tid, Gpr))
      return error;
    GprValid = true;
    return llvm::Error::success();
  }
  if (FpuValid)
    return llvm::Error::success();
  if (HasXsave) {
    if (llvm::Error error = ptrace::GetExtendedState(Tid, Fpu))
      return error;
    if (Fpu.size() < XsaveEnd)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "the XSAVE area of thread %d has only "
                                     "%zu bytes",
                                     Tid, Fpu.size());
  } else {
    user_fpregs_struct fxsave;
    if (llvm::Error error = ptrace::GetFloatingPointRegisters(Tid, fxsave))
      return error;
    Fpu.assign(reinterpret_cast<uint8_t *>(&fxsave),
               reinterpret_cast<uint8_t *>(&fxsave) + sizeof(fxsave));
  }
  FpuValid = true;
  return llvm::Error::success();
}

llvm::Error RegisterContextX86::Store(Area area) {
  if (!Traced) {
    InvalidateCache();
    return NoUserContext("write registers");
  }
  llvm::Error error = llvm::Error::success();
  if (area == Area::General) {
    error = ptrace::SetGeneralRegisters(Tid, Gpr);
  } else if (HasXsave) {
    error = ptrace::SetExtendedState(Tid, Fpu);
  } else {
    user_fpregs_struct fxsave;
    std::memcpy(&fxsave, Fpu.data(), sizeof(fxsave));
    error = ptrace::SetFloatingPointRegisters(Tid, fxsave);
  }
  if (error) {
    // The kernel may have refused part of the write; read it afresh.
    InvalidateCache();
  }
  return error;
}

llvm::Expected<uint8_t *>
RegisterContextX86::AreaBytes(const RegisterInfo &info, Area &area) {
  uint32_t end = info.byte_offset + info.byte_size;
  if (end <= sizeof(Gpr)) {
    area = Area::General;
  } else if (info.byte_offset >= FprOffset && end <= FprOffset + FxsaveSize &&
             !PartsOf(info)) {
    area = Area::FloatingPoint;
  } else {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "register %s is not available on thread %d",
                                   info.name, Tid);
  }
  if (llvm::Error error = Load(area))
    return std::move(error);
  return area == Area::General
             ? reinterpret_cast<uint8_t *>(&Gpr) + info.byte_offset
             : Fpu.data() + info.byte_offset - FprOffset;
}

const RegisterContextX86::XsaveParts *
RegisterContextX86::PartsOf(const RegisterInfo &info) const {
  auto parts = VectorParts.find(RegisterNumber(info));
  return parts == VectorParts.end() ? nullptr : &parts->second;
}

Status RegisterContextX86::ReadXsaveRegister(const XsaveParts &parts,
                                             RegisterValue &value) {
  if (llvm::Error error = Load(Area::FloatingPoint))
    return Status(std::move(error));
  uint64_t present;
  std::memcpy(&present, Fpu.data() + XstateBvOffset, sizeof(present));
  uint8_t bytes[64];
  uint32_t size = 0;
  for (const XsavePart &part : parts) {
    // A component the CPU holds in its initial state reads as zeros.
    if (part.Component == SseState || (present >> part.Component & 1))
      std::memcpy(bytes + size, Fpu.data() + part.Offset, part.Size);
    else
      std::memset(bytes + size, 0, part.Size);
    size += part.Size;
  }
  value.SetBytes(bytes, size, lldb::eByteOrderLittle);
  return Status();
}

Status RegisterContextX86::WriteXsaveRegister(const XsaveParts &parts,
                                              const RegisterValue &value) {
  uint32_t size = 0;
  for (const XsavePart &part : parts)
    size += part.Size;
  if (value.GetByteSize() != size)
    return Status("this register takes %u bytes, not %u", size,
                  static_cast<unsigned>(value.GetByteSize()));
  if (llvm::Error error = Load(Area::FloatingPoint))
    return Status(std::move(error));
  const uint8_t *bytes = static_cast<const uint8_t *>(value.GetBytes());
  uint64_t present;
  std::memcpy(&present, Fpu.data() + XstateBvOffset, sizeof(present));
  for (const XsavePart &part : parts) {
    std::memcpy(Fpu.data() + part.Offset, bytes, part.Size);
    bytes += part.Size;
    // Mark the component present, or the kernel keeps its initial state.
    present |= uint64_t(1) << part.Component;
  }
  std::memcpy(Fpu.data() + XstateBvOffset, &present, sizeof(present));
  return Status(Store(Area::FloatingPoint));
}

Status RegisterContextX86::ReadRegister(const RegisterInfo *info,
                                        RegisterValue &value) {
  if (!info)
    return Status("no register given");
  if (const XsaveParts *parts = PartsOf(*info))
    return ReadXsaveRegister(*parts, value);
  Area area;
  llvm::Expected<uint8_t *> bytes = AreaBytes(*info, area);
  if (!bytes)
    return Status(bytes.takeError());
  Status error;
  value.SetFromMemoryData(*info, *bytes, info->byte_size,
                          lldb::eByteOrderLittle, error);
  return error;
}

Status RegisterContextX86::WriteRegister(const RegisterInfo *info,
                                         const RegisterValue &value) {
  if (!info)
    return Status("no register given");
  if (const XsaveParts *parts = PartsOf(*info))
    return WriteXsaveRegister(*parts, value);
  Area area;
  llvm::Expected<uint8_t *> bytes = AreaBytes(*info, area);
  if (!bytes)
    return Status(bytes.takeError());
  Status error;
  value.GetAsMemoryData(*info, *bytes, info->byte_size, lldb::eByteOrderLittle,
                        error);
  if (error.Fail())
    return error;
  return Status(Store(area));
}

Status
RegisterContextX86::ReadAllRegisterValues(lldb::WritableDataBufferSP &data) {
  if (llvm::Error error = Load(Area::General))
    return Status(std::move(error));
  if (llvm::Error error = Load(Area::FloatingPoint))
    return Status(std::move(error));
  auto buffer = std::make_shared<DataBufferHeap>(sizeof(Gpr) + Fpu.size(), 0);
  std::memcpy(buffer->GetBytes(), &Gpr, sizeof(Gpr));
  std::memcpy(buffer->GetBytes() + sizeof(Gpr), Fpu.data(), Fpu.size());
  data = std::move(buffer);
  return Status();
}

Status
RegisterContextX86::WriteAllRegisterValues(const lldb::DataBufferSP &data) {
  if (llvm::Error error = Load(Area::FloatingPoint))
    return Status(std::move(error));
  if (!data || data->GetByteSize() != sizeof(Gpr) + Fpu.size())
    return Status("register state to restore has the wrong size");
  std::memcpy(&Gpr, data->GetBytes(), sizeof(Gpr));
  std::memcpy(Fpu.data(), data->GetBytes() + sizeof(Gpr), Fpu.size());
  GprValid = true;
  if (llvm::Error error = Store(Area::General))
    return Status(std::move(error));
  return Status(Store(Area::FloatingPoint));
}

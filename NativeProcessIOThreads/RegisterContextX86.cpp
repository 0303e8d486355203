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

/// Where the XSAVE layout keeps what the ymm registers are made of. The
/// kernel's ptrace copy is always in the standard (uncompacted) format, in
/// which AVX state sits at 576 on every x86 CPU.
constexpr size_t FxsaveSize = 512;
constexpr size_t XmmOffset = 160;
constexpr size_t XstateBvOffset = 512;
constexpr size_t YmmHighOffset = 576;
constexpr uint64_t SseAndAvxState = 0x6;

/// True when the CPU has AVX and the kernel saves its state with XSAVE.
bool HostSavesAvxState() {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx))
    return false;
  constexpr unsigned OsXsave = 1u << 27, Avx = 1u << 28;
  if ((ecx & (OsXsave | Avx)) != (OsXsave | Avx))
    return false;
  uint32_t low, high;
  asm volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
  return (low & SseAndAvxState) == SseAndAvxState;
}

} // namespace

RegisterContextX86::RegisterContextX86(NativeThreadProtocol &thread,
                                       const ArchSpec &arch, bool traced)
    : NativeRegisterContextRegisterInfo(thread,
                                        new RegisterContextLinux_x86_64(arch)),
      Tid(thread.GetID()), Traced(traced),
      IsI386(arch.GetMachine() == llvm::Triple::x86),
      HasXsave(HostSavesAvxState()) {
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

  for (uint32_t reg = 0; reg < FirstExtra; ++reg) {
    if (reg >= FirstYmm)
      YmmNumbers.push_back(reg);
    else
      (reg < FirstFpr ? GprNumbers : FprNumbers).push_back(reg);
    if (reg < FirstFpr && !table[reg].value_regs)
      PrimitiveGprNumbers.push_back(reg);
  }
  // The system call number the thread entered the kernel with, which
  // decides whether an interrupted call restarts; LLDB's tables keep its
  // slot in the user area but name no register for it.
  RegisterInfo orig_rax{
      IsI386 ? "orig_eax" : "orig_rax",
      nullptr,
      IsI386 ? 4u : 8u,
      static_cast<uint32_t>(offsetof(user_regs_struct, orig_rax)),
      lldb::eEncodingUint,
      lldb::eFormatHex,
      {LLDB_INVALID_REGNUM, LLDB_INVALID_REGNUM, LLDB_INVALID_REGNUM,
       LLDB_INVALID_REGNUM, FirstExtra},
      nullptr,
      nullptr,
      nullptr};
  ExtraInfos.push_back(orig_rax);
  GprNumbers.push_back(FirstExtra);
  RegisterCount = FirstExtra + ExtraInfos.size();
  Sets[0] = {"General Purpose Registers", "gpr", GprNumbers.size(),
             GprNumbers.data()};
  Sets[1] = {"Floating Point Registers", "fpu", FprNumbers.size(),
             FprNumbers.data()};
  Sets[2] = {"Advanced Vector Extensions", "avx", YmmNumbers.size(),
             YmmNumbers.data()};
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
  return HasXsave ? 3 : 2;
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
    if (Fpu.size() < YmmHighOffset + 16 * 16)
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
             !IsVectorRegister(RegisterNumber(info))) {
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

Status RegisterContextX86::ReadYmm(uint32_t index, RegisterValue &value) {
  if (llvm::Error error = Load(Area::FloatingPoint))
    return Status(std::move(error));
  uint8_t bytes[32];
  std::memcpy(bytes, Fpu.data() + XmmOffset + 16 * index, 16);
  // An AVX state the CPU holds in its initial form is not copied out: zero.
  uint64_t present;
  std::memcpy(&present, Fpu.data() + XstateBvOffset, sizeof(present));
  if (present & 0x4)
    std::memcpy(bytes + 16, Fpu.data() + YmmHighOffset + 16 * index, 16);
  else
    std::memset(bytes + 16, 0, 16);
  value.SetBytes(bytes, sizeof(bytes), lldb::eByteOrderLittle);
  return Status();
}

Status RegisterContextX86::WriteYmm(uint32_t index,
                                    const RegisterValue &value) {
  if (value.GetByteSize() != 32)
    return Status("a ymm register takes 32 bytes, not %u",
                  static_cast<unsigned>(value.GetByteSize()));
  if (llvm::Error error = Load(Area::FloatingPoint))
    return Status(std::move(error));
  const uint8_t *bytes = static_cast<const uint8_t *>(value.GetBytes());
  std::memcpy(Fpu.data() + XmmOffset + 16 * index, bytes, 16);
  std::memcpy(Fpu.data() + YmmHighOffset + 16 * index, bytes + 16, 16);
  // Mark SSE and AVX state present, or the kernel keeps the initial state.
  uint64_t present;
  std::memcpy(&present, Fpu.data() + XstateBvOffset, sizeof(present));
  present |= SseAndAvxState;
  std::memcpy(Fpu.data() + XstateBvOffset, &present, sizeof(present));
  return Status(Store(Area::FloatingPoint));
}

Status RegisterContextX86::ReadRegister(const RegisterInfo *info,
                                        RegisterValue &value) {
  if (!info)
    return Status("no register given");
  if (IsVectorRegister(RegisterNumber(*info)))
    return ReadYmm(RegisterNumber(*info) - FirstYmm, value);
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
  if (IsVectorRegister(RegisterNumber(*info)))
    return WriteYmm(RegisterNumber(*info) - FirstYmm, value);
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

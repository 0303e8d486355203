//===-- RegisterContextX86.cpp - x86 registers of a traced thread ---------===//

#include "RegisterContextX86.h"
#include "Ptrace.h"

#include "Plugins/Process/Utility/RegisterContextLinux_x86_64.h"
#include "Plugins/Process/Utility/lldb-x86-register-enums.h"
#include "lldb/Host/common/NativeThreadProtocol.h"
#include "lldb/Utility/DataBufferHeap.h"

#include <cstring>

using namespace iothreads;
using namespace lldb_private;

RegisterContextX86::RegisterContextX86(NativeThreadProtocol &thread,
                                       const ArchSpec &arch, bool traced)
    : NativeRegisterContextRegisterInfo(thread,
                                        new RegisterContextLinux_x86_64(arch)),
      Tid(thread.GetID()), Traced(traced),
      IsI386(arch.GetMachine() == llvm::Triple::x86) {
  bool is_i386 = IsI386;
  // LLDB's tables put general registers (with their aliases) first, then the
  // FXSAVE registers, then the ones this context does not serve yet.
  FirstFpr = is_i386 ? static_cast<uint32_t>(lldb_fctrl_i386)
                     : static_cast<uint32_t>(x86_64_with_base::lldb_fctrl);
  RegisterCount = is_i386
                      ? static_cast<uint32_t>(k_first_avx_i386)
                      : static_cast<uint32_t>(x86_64_with_base::k_first_avx);
  FprOffset = GetRegisterInfoAtIndex(FirstFpr)->byte_offset;

  for (uint32_t reg = 0; reg < RegisterCount; ++reg) {
    (reg < FirstFpr ? GprNumbers : FprNumbers).push_back(reg);
    if (reg < FirstFpr && !GetRegisterInfoAtIndex(reg)->value_regs)
      PrimitiveGprNumbers.push_back(reg);
  }
  Sets[0] = {"General Purpose Registers", "gpr", GprNumbers.size(),
             GprNumbers.data()};
  Sets[1] = {"Floating Point Registers", "fpu", FprNumbers.size(),
             FprNumbers.data()};
}

uint32_t RegisterContextX86::GetRegisterCount() const { return RegisterCount; }

uint32_t RegisterContextX86::GetUserRegisterCount() const {
  return RegisterCount;
}

uint32_t RegisterContextX86::GetRegisterSetCount() const {
  return std::size(Sets);
}

const RegisterSet *RegisterContextX86::GetRegisterSet(uint32_t index) const {
  return index < std::size(Sets) ? &Sets[index] : nullptr;
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
  if (FprValid)
    return llvm::Error::success();
  if (llvm::Error error = ptrace::GetFloatingPointRegisters(Tid, Fpr))
    return error;
  FprValid = true;
  return llvm::Error::success();
}

llvm::Error RegisterContextX86::Store(Area area) {
  if (!Traced) {
    InvalidateCache();
    return NoUserContext("write registers");
  }
  llvm::Error error = area == Area::General
                          ? ptrace::SetGeneralRegisters(Tid, Gpr)
                          : ptrace::SetFloatingPointRegisters(Tid, Fpr);
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
  } else if (info.byte_offset >= FprOffset && end <= FprOffset + sizeof(Fpr)) {
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
             : reinterpret_cast<uint8_t *>(&Fpr) + info.byte_offset - FprOffset;
}

Status RegisterContextX86::ReadRegister(const RegisterInfo *info,
                                        RegisterValue &value) {
  if (!info)
    return Status("no register given");
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
  auto buffer = std::make_shared<DataBufferHeap>(sizeof(Gpr) + sizeof(Fpr), 0);
  std::memcpy(buffer->GetBytes(), &Gpr, sizeof(Gpr));
  std::memcpy(buffer->GetBytes() + sizeof(Gpr), &Fpr, sizeof(Fpr));
  data = std::move(buffer);
  return Status();
}

Status
RegisterContextX86::WriteAllRegisterValues(const lldb::DataBufferSP &data) {
  if (!data || data->GetByteSize() != sizeof(Gpr) + sizeof(Fpr))
    return Status("register state to restore has the wrong size");
  std::memcpy(&Gpr, data->GetBytes(), sizeof(Gpr));
  std::memcpy(&Fpr, data->GetBytes() + sizeof(Gpr), sizeof(Fpr));
  GprValid = FprValid = true;
  if (llvm::Error error = Store(Area::General))
    return Status(std::move(error));
  return Status(Store(Area::FloatingPoint));
}

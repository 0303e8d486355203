//===-- RegisterContextX86.cpp - x86 registers of a traced thread ---------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "RegisterContextX86.h"
#include "DebugRegisterSlots.h"
#include "DebugTrapDelivery.h"
#include "Ptrace.h"
#include "X87TagWord.h"

#include "lldb/Host/common/NativeThreadProtocol.h"
#include "lldb/Utility/DataBufferHeap.h"

#include <cstring>

using namespace iothreads;
using namespace lldb_private;

/// The FXSAVE area's size, and where XSTATE_BV follows it.
static constexpr size_t FxsaveSize = 512;
static constexpr size_t XstateBvOffset = 512;
/// Where FXSAVE keeps the x87 status word, the abridged tags and st(0)-st(7).
static constexpr size_t FxsaveFstatOffset = 2;
static constexpr size_t FxsaveFtagOffset = 4;
static constexpr size_t FxsaveStackOffset = 32;

RegisterContextX86::RegisterContextX86(NativeThreadProtocol &thread,
                                       const ArchSpec &arch, bool traced)
    : NativeRegisterContext(thread), Tid(thread.GetID()), Traced(traced),
      Layout(RegisterLayoutX86::Get(arch.GetMachine() == llvm::Triple::x86)) {}

uint32_t RegisterContextX86::GetRegisterCount() const {
  return Layout.RegisterCount;
}

const RegisterInfo *
RegisterContextX86::GetRegisterInfoAtIndex(uint32_t index) const {
  return Layout.GetRegisterInfo(index);
}

uint32_t RegisterContextX86::GetUserRegisterCount() const {
  return Layout.RegisterCount;
}

uint32_t RegisterContextX86::GetRegisterSetCount() const {
  return Layout.GetRegisterSetCount();
}

const RegisterSet *RegisterContextX86::GetRegisterSet(uint32_t index) const {
  return Layout.GetRegisterSet(index);
}

uint32_t RegisterContextX86::NumSupportedHardwareBreakpoints() {
  return DebugTrapsDelivered() ? DebugRegisterSlots::Count : 0;
}

uint32_t RegisterContextX86::NumSupportedHardwareWatchpoints() {
  return DebugTrapsDelivered() ? DebugRegisterSlots::Count : 0;
}

std::vector<uint32_t>
RegisterContextX86::GetExpeditedRegisters(ExpeditedRegs kind) const {
  if (kind == ExpeditedRegs::Full)
    return Layout.PrimitiveGprNumbers;
  return NativeRegisterContext::GetExpeditedRegisters(kind);
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
      Gpr.cs = Layout.IsI386 ? 0x23 : 0x33;
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
  if (Layout.HasXsave) {
    if (llvm::Error error = ptrace::GetExtendedState(Tid, Fpu))
      return error;
    if (Fpu.size() < Layout.XsaveEnd)
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
    GprWritten = true;
    error = ptrace::SetGeneralRegisters(Tid, Gpr);
  } else if (Layout.HasXsave) {
    // The FXSAVE part now holds what the thread must get. A component left
    // out of XSTATE_BV (one the thread has not used yet) would be restored
    // to its initial state and the write lost.
    uint64_t present;
    std::memcpy(&present, Fpu.data() + XstateBvOffset, sizeof(present));
    present |= uint64_t(1) << X87State | uint64_t(1) << SseState;
    std::memcpy(Fpu.data() + XstateBvOffset, &present, sizeof(present));
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
  } else if (info.byte_offset >= Layout.FprOffset &&
             end <= Layout.FprOffset + FxsaveSize && !Layout.PartsOf(info)) {
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
             : Fpu.data() + info.byte_offset - Layout.FprOffset;
}

llvm::Expected<user_regs_struct> RegisterContextX86::ReadGeneralRegisters() {
  if (llvm::Error error = Load(Area::General))
    return std::move(error);
  return Gpr;
}

llvm::Error RegisterContextX86::WriteSyscallResult(int64_t result) {
  if (llvm::Error error = Load(Area::General))
    return error;
  Gpr.rax = static_cast<uint64_t>(result);
  return Store(Area::General);
}

llvm::Expected<uint64_t> RegisterContextX86::ReadCodeSegment() {
  if (llvm::Error error = Load(Area::General))
    return std::move(error);
  return Gpr.cs;
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

Status RegisterContextX86::ReadTagWord(RegisterValue &value) {
  if (llvm::Error error = Load(Area::FloatingPoint))
    return Status(std::move(error));
  uint16_t fstat;
  std::memcpy(&fstat, Fpu.data() + FxsaveFstatOffset, sizeof(fstat));
  value.SetUInt16(
      FullTagWord(Fpu[FxsaveFtagOffset], fstat,
                  llvm::ArrayRef(Fpu.data() + FxsaveStackOffset, 8 * 16)));
  return Status();
}

Status RegisterContextX86::WriteTagWord(const RegisterValue &value) {
  bool ok = false;
  uint16_t full = value.GetAsUInt16(0, &ok);
  if (!ok)
    return Status("ftag takes a 16-bit value");
  if (llvm::Error error = Load(Area::FloatingPoint))
    return Status(std::move(error));
  Fpu[FxsaveFtagOffset] = AbridgedTagWord(full);
  return Status(Store(Area::FloatingPoint));
}

Status RegisterContextX86::ReadRegister(const RegisterInfo *info,
                                        RegisterValue &value) {
  if (!info)
    return Status("no register given");
  if (const XsaveParts *parts = Layout.PartsOf(*info))
    return ReadXsaveRegister(*parts, value);
  if (info->kinds[lldb::eRegisterKindLLDB] == Layout.Ftag)
    return ReadTagWord(value);
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
  if (const XsaveParts *parts = Layout.PartsOf(*info))
    return WriteXsaveRegister(*parts, value);
  if (info->kinds[lldb::eRegisterKindLLDB] == Layout.Ftag)
    return WriteTagWord(value);
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

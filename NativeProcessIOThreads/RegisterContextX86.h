//===-- RegisterContextX86.h - x86 registers of a traced thread -*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The registers of one thread, described by the RegisterLayoutX86 of its
// process's mode and held in the kernel's 64-bit user area layout.
// PTRACE_GETREGS answers in that layout for every thread, so the same storage
// serves x86-64 and i386 register names. Floating point and vector registers
// come from the XSAVE area (NT_X86_XSTATE) where the machine has AVX (and
// AVX-512), else from the FXSAVE area. Values are read once per stop and
// written through.
//
// An io_uring thread we only observe cannot be asked through ptrace. Such a
// thread has no user-mode context: the kernel gives it ip and sp 0 and the
// process's user selectors, and that is what it reads as.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_REGISTERCONTEXTX86_H
#define NATIVEPROCESSIOTHREADS_REGISTERCONTEXTX86_H

#include "RegisterLayoutX86.h"

#include "lldb/Host/common/NativeRegisterContext.h"
#include "lldb/Utility/ArchSpec.h"
#include "lldb/Utility/RegisterValue.h"

#include <sys/user.h>
#include <vector>

namespace iothreads {

class RegisterContextX86 : public lldb_private::NativeRegisterContext {
public:
  /// \p traced says the thread's registers can be read through ptrace.
  RegisterContextX86(lldb_private::NativeThreadProtocol &thread,
                     const lldb_private::ArchSpec &arch, bool traced);

  uint32_t GetRegisterCount() const override;
  const lldb_private::RegisterInfo *
  GetRegisterInfoAtIndex(uint32_t index) const override;
  uint32_t GetUserRegisterCount() const override;
  uint32_t GetRegisterSetCount() const override;
  const lldb_private::RegisterSet *
  GetRegisterSet(uint32_t set_index) const override;

  lldb_private::Status
  ReadRegister(const lldb_private::RegisterInfo *info,
               lldb_private::RegisterValue &value) override;
  lldb_private::Status
  WriteRegister(const lldb_private::RegisterInfo *info,
                const lldb_private::RegisterValue &value) override;
  lldb_private::Status
  ReadAllRegisterValues(lldb::WritableDataBufferSP &data) override;
  lldb_private::Status
  WriteAllRegisterValues(const lldb::DataBufferSP &data) override;

  std::vector<uint32_t>
  GetExpeditedRegisters(lldb_private::ExpeditedRegs kind) const override;

  /// x86 has four debug address registers, shared by watchpoints and
  /// hardware breakpoints; the thread manages them. None where their traps
  /// never arrive (DebugTrapDelivery.h).
  uint32_t NumSupportedHardwareBreakpoints() override;
  uint32_t NumSupportedHardwareWatchpoints() override;

  /// Forgets the values read at the last stop.
  void InvalidateCache() { GprValid = FpuValid = false; }
  /// Called when the thread leaves its stop.
  void ForgetStop() {
    InvalidateCache();
    GprWritten = false;
  }

  /// The general registers, read once per stop.
  llvm::Expected<user_regs_struct> ReadGeneralRegisters();
  /// True when the general registers were written since the stop.
  bool GeneralRegistersWritten() const { return GprWritten; }
  /// Sets rax, which the kernel takes as the interrupted call's result.
  llvm::Error WriteSyscallResult(int64_t result);

  /// The code segment selector the thread runs with: it tells 64-bit code
  /// from 32-bit code.
  llvm::Expected<uint64_t> ReadCodeSegment();

private:
  enum class Area { General, FloatingPoint };
  llvm::Expected<uint8_t *> AreaBytes(const lldb_private::RegisterInfo &info,
                                      Area &area);
  llvm::Error Load(Area area);
  llvm::Error Store(Area area);
  llvm::Error NoUserContext(const char *what) const;
  lldb_private::Status ReadXsaveRegister(const XsaveParts &parts,
                                         lldb_private::RegisterValue &value);
  lldb_private::Status
  WriteXsaveRegister(const XsaveParts &parts,
                     const lldb_private::RegisterValue &value);
  /// ftag reads and writes as the full x87 tag word, kept in FXSAVE's
  /// abridged form.
  lldb_private::Status ReadTagWord(lldb_private::RegisterValue &value);
  lldb_private::Status WriteTagWord(const lldb_private::RegisterValue &value);

  pid_t Tid;
  bool Traced;
  const RegisterLayoutX86 &Layout;

  user_regs_struct Gpr;
  /// The FXSAVE area (512 bytes), followed by the rest of the XSAVE area when
  /// the machine has one.
  std::vector<uint8_t> Fpu;
  bool GprValid = false;
  bool GprWritten = false;
  bool FpuValid = false;
};

} // namespace iothreads

#endif

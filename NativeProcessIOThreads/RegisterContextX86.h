//===-- RegisterContextX86.h - x86 registers of a traced thread -*- C++ -*-===//
//
// The registers of one thread, described by LLDB's Linux x86 register tables
// and held in the kernel's 64-bit user area layout. PTRACE_GETREGS answers in
// that layout for every thread, so the same storage serves x86-64 and i386
// register names. Values are read once per stop and written through.
//
// An io_uring thread we only observe cannot be asked through ptrace. Such a
// thread has no user-mode context: the kernel gives it ip and sp 0 and the
// process's user selectors, and that is what it reads as.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_REGISTERCONTEXTX86_H
#define NATIVEPROCESSIOTHREADS_REGISTERCONTEXTX86_H

#include "Plugins/Process/Utility/NativeRegisterContextRegisterInfo.h"
#include "lldb/Utility/ArchSpec.h"
#include "lldb/Utility/RegisterValue.h"

#include <sys/user.h>

namespace iothreads {

class RegisterContextX86
    : public lldb_private::NativeRegisterContextRegisterInfo {
public:
  /// \p traced says the thread's registers can be read through ptrace.
  RegisterContextX86(lldb_private::NativeThreadProtocol &thread,
                     const lldb_private::ArchSpec &arch, bool traced);

  uint32_t GetRegisterCount() const override;
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

  /// Forgets the values read at the last stop; called when the thread runs.
  void InvalidateCache() { GprValid = FprValid = false; }

private:
  enum class Area { General, FloatingPoint };
  llvm::Expected<uint8_t *> AreaBytes(const lldb_private::RegisterInfo &info,
                                      Area &area);
  llvm::Error Load(Area area);
  llvm::Error Store(Area area);
  llvm::Error NoUserContext(const char *what) const;

  pid_t Tid;
  bool Traced;
  bool IsI386;
  /// Registers [0, FirstFpr) live in user_regs_struct and
  /// [FirstFpr, RegisterCount) in the FXSAVE area.
  uint32_t FirstFpr;
  uint32_t RegisterCount;
  uint32_t FprOffset;
  std::vector<uint32_t> GprNumbers;
  std::vector<uint32_t> FprNumbers;
  std::vector<uint32_t> PrimitiveGprNumbers;
  lldb_private::RegisterSet Sets[2];

  user_regs_struct Gpr;
  user_fpregs_struct Fpr;
  bool GprValid = false;
  bool FprValid = false;
};

} // namespace iothreads

#endif

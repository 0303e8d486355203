//===-- RegisterContextX86.h - x86 registers of a traced thread -*- C++ -*-===//
//
// The registers of one thread, described by LLDB's Linux x86 register tables
// and held in the kernel's 64-bit user area layout. PTRACE_GETREGS answers in
// that layout for every thread, so the same storage serves x86-64 and i386
// register names. Floating point and vector registers come from the XSAVE
// area (NT_X86_XSTATE) where the machine has AVX (and AVX-512), else from the
// FXSAVE area.
// Values are read once per stop and written through.
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

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/SmallVector.h"

#include <deque>
#include <string>
#include <sys/user.h>
#include <vector>

namespace iothreads {

class RegisterContextX86
    : public lldb_private::NativeRegisterContextRegisterInfo {
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
  /// hardware breakpoints; the thread manages them.
  uint32_t NumSupportedHardwareBreakpoints() override;
  uint32_t NumSupportedHardwareWatchpoints() override;

  /// Forgets the values read at the last stop; called when the thread runs.
  void InvalidateCache() { GprValid = FpuValid = false; }

private:
  enum class Area { General, FloatingPoint };
  llvm::Expected<uint8_t *> AreaBytes(const lldb_private::RegisterInfo &info,
                                      Area &area);
  llvm::Error Load(Area area);
  llvm::Error Store(Area area);
  llvm::Error NoUserContext(const char *what) const;
  /// Where part of a vector register lives in the XSAVE area, and the state
  /// component (bit of XSTATE_BV) that holds it.
  struct XsavePart {
    uint32_t Offset;
    uint32_t Size;
    unsigned Component;
  };
  using XsaveParts = llvm::SmallVector<XsavePart, 3>;

  uint32_t RegisterNumber(const lldb_private::RegisterInfo &info) const;
  const XsaveParts *PartsOf(const lldb_private::RegisterInfo &info) const;
  void AddAvx512Registers(uint32_t first_free_offset);
  void AddExtraRegister(std::string name, uint32_t size,
                        lldb::Encoding encoding, lldb::Format format,
                        uint32_t offset);
  lldb_private::Status ReadXsaveRegister(const XsaveParts &parts,
                                         lldb_private::RegisterValue &value);
  lldb_private::Status
  WriteXsaveRegister(const XsaveParts &parts,
                     const lldb_private::RegisterValue &value);

  pid_t Tid;
  bool Traced;
  bool IsI386;
  /// The state components the kernel saves (XCR0): with AVX the XSAVE area
  /// is used, with AVX-512 its zmm and opmask registers are served too.
  uint64_t XsaveFeatures;
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
  std::vector<lldb_private::RegisterInfo> ExtraInfos;
  /// Names of our registers; a deque keeps each c_str() in place.
  std::deque<std::string> ExtraNames;
  /// The parts of every register served from the XSAVE area beyond FXSAVE.
  llvm::DenseMap<uint32_t, XsaveParts> VectorParts;
  /// The XSAVE area must reach this far for every part to be read.
  size_t XsaveEnd = 0;
  uint32_t FprOffset;
  std::vector<uint32_t> GprNumbers;
  std::vector<uint32_t> FprNumbers;
  std::vector<uint32_t> YmmNumbers;
  std::vector<uint32_t> Avx512Numbers;
  std::vector<uint32_t> PrimitiveGprNumbers;
  lldb_private::RegisterSet Sets[4];

  user_regs_struct Gpr;
  /// The FXSAVE area (512 bytes), followed by the rest of the XSAVE area when
  /// the machine has one.
  std::vector<uint8_t> Fpu;
  bool GprValid = false;
  bool FpuValid = false;
};

} // namespace iothreads

#endif

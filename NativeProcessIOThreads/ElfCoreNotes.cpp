//===-- ElfCoreNotes.cpp - The notes of an ELF core file ------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ElfCoreNotes.h"

#include "llvm/Support/Endian.h"
#include "llvm/Support/MathExtras.h"

#include <cstring>

using namespace iothreads;

namespace {

/// Little-endian fields of a note's description, in the core's word size.
class Fields {
public:
  explicit Fields(CoreClass core) : WordSize(core == CoreClass::I386 ? 4 : 8) {}

  void Put(uint64_t value, unsigned size) {
    uint8_t bytes[8];
    llvm::support::endian::write64le(bytes, value);
    Bytes.insert(Bytes.end(), bytes, bytes + size);
  }
  void Int(int64_t value) { Put(value, 4); }
  void Short(int64_t value) { Put(value, 2); }
  void Word(uint64_t value) { Put(value, WordSize); }
  /// A NUL-terminated string in a field of \p size bytes.
  void Text(llvm::StringRef text, size_t size) {
    text = text.take_front(size - 1);
    Bytes.insert(Bytes.end(), text.begin(), text.end());
    Bytes.resize(Bytes.size() + size - text.size());
  }
  /// Zeroes up to the next multiple of \p alignment.
  void Align(size_t alignment) {
    Bytes.resize(llvm::alignTo(Bytes.size(), alignment));
  }

  const unsigned WordSize;
  std::vector<uint8_t> Bytes;
};

} // namespace

void iothreads::AppendNote(std::vector<uint8_t> &notes, llvm::StringRef name,
                           uint32_t type, llvm::ArrayRef<uint8_t> desc) {
  Fields note(CoreClass::I386);
  note.Int(name.size() + 1);
  note.Int(desc.size());
  note.Int(type);
  note.Text(name, name.size() + 1);
  note.Align(4);
  note.Bytes.insert(note.Bytes.end(), desc.begin(), desc.end());
  note.Align(4);
  notes.insert(notes.end(), note.Bytes.begin(), note.Bytes.end());
}

std::array<uint32_t, 17> iothreads::ToI386Registers(const user_regs_struct &r) {
  return {uint32_t(r.rbx), uint32_t(r.rcx), uint32_t(r.rdx),
          uint32_t(r.rsi), uint32_t(r.rdi), uint32_t(r.rbp),
          uint32_t(r.rax), uint32_t(r.ds),  uint32_t(r.es),
          uint32_t(r.fs),  uint32_t(r.gs),  uint32_t(r.orig_rax),
          uint32_t(r.rip), uint32_t(r.cs),  uint32_t(r.eflags),
          uint32_t(r.rsp), uint32_t(r.ss)};
}

std::vector<uint8_t> iothreads::EncodeThreadStatus(CoreClass core,
                                                   const ThreadStatus &status) {
  Fields prstatus(core);
  // pr_info (signo, code, errno), pr_cursig.
  prstatus.Int(status.Signal);
  prstatus.Int(status.SignalCode);
  prstatus.Int(0);
  prstatus.Short(status.Signal);
  prstatus.Align(prstatus.WordSize);
  prstatus.Word(status.PendingSignals);
  prstatus.Word(status.HeldSignals);
  prstatus.Int(status.Tid);
  prstatus.Int(status.ParentPid);
  prstatus.Int(status.ProcessGroup);
  prstatus.Int(status.Session);
  // pr_utime, pr_stime, pr_cutime, pr_cstime: no reader shows them.
  for (int timeval = 0; timeval < 4; ++timeval) {
    prstatus.Word(0);
    prstatus.Word(0);
  }
  if (core == CoreClass::I386) {
    for (uint32_t reg : ToI386Registers(status.Registers))
      prstatus.Int(reg);
  } else {
    static_assert(sizeof(user_regs_struct) == 27 * 8);
    const auto *bytes = reinterpret_cast<const uint8_t *>(&status.Registers);
    prstatus.Bytes.insert(prstatus.Bytes.end(), bytes,
                          bytes + sizeof(user_regs_struct));
  }
  prstatus.Int(status.HasFloatingPoint);
  prstatus.Align(prstatus.WordSize);
  return std::move(prstatus.Bytes);
}

std::vector<uint8_t> iothreads::EncodeProcessStatus(CoreClass core,
                                                    const ProcessStatus &status,
                                                    llvm::StringRef name) {
  static constexpr llvm::StringRef States = "RSDTZW";
  size_t state = States.find(status.State);
  Fields prpsinfo(core);
  prpsinfo.Put(state == llvm::StringRef::npos ? 0 : state, 1);
  prpsinfo.Put(status.State, 1);
  prpsinfo.Put(status.State == 'Z', 1);
  prpsinfo.Put(status.Nice, 1);
  prpsinfo.Align(prpsinfo.WordSize);
  prpsinfo.Word(status.Flags);
  // i386's __kernel_uid_t is 16 bits wide.
  unsigned id_size = core == CoreClass::I386 ? 2 : 4;
  prpsinfo.Put(status.Uid, id_size);
  prpsinfo.Put(status.Gid, id_size);
  prpsinfo.Int(status.Pid);
  prpsinfo.Int(status.ParentPid);
  prpsinfo.Int(status.ProcessGroup);
  prpsinfo.Int(status.Session);
  prpsinfo.Text(name, 16);
  prpsinfo.Text(status.Arguments, 80);
  return std::move(prpsinfo.Bytes);
}

std::vector<uint8_t> iothreads::EncodeMappedFiles(
    CoreClass core, llvm::ArrayRef<CoreMapping> mappings, uint64_t page_size) {
  Fields files(core);
  std::string names;
  size_t count = 0;
  for (const CoreMapping &mapping : mappings)
    count += mapping.HasFile();
  files.Word(count);
  files.Word(page_size);
  for (const CoreMapping &mapping : mappings) {
    if (!mapping.HasFile())
      continue;
    files.Word(mapping.Start);
    files.Word(mapping.End);
    files.Word(mapping.Offset / page_size);
    names += mapping.Path;
    names += '\0';
  }
  files.Bytes.insert(files.Bytes.end(), names.begin(), names.end());
  return std::move(files.Bytes);
}

namespace {
/// Which member of siginfo's union a signal uses (the kernel's
/// siginfo_layout).
enum class SignalLayout { Kill, Timer, Rt, Child, Fault, Poll, Sys };

SignalLayout LayoutOf(const siginfo_t &info) {
  int code = info.si_code;
  if (code > SI_USER && code < SI_KERNEL) {
    switch (info.si_signo) {
    case SIGILL:
    case SIGFPE:
    case SIGSEGV:
    case SIGBUS:
    case SIGTRAP:
      return SignalLayout::Fault;
    case SIGCHLD:
      return SignalLayout::Child;
    case SIGPOLL:
      return SignalLayout::Poll;
    case SIGSYS:
      return SignalLayout::Sys;
    }
    return SignalLayout::Kill;
  }
  if (code == SI_TIMER)
    return SignalLayout::Timer;
  if (code == SI_SIGIO)
    return SignalLayout::Poll;
  return code < 0 ? SignalLayout::Rt : SignalLayout::Kill;
}
} // namespace

std::vector<uint8_t> iothreads::EncodeSignalInfo(CoreClass core,
                                                 const siginfo_t &info) {
  static_assert(sizeof(siginfo_t) == 128);
  if (core == CoreClass::X86_64) {
    const auto *bytes = reinterpret_cast<const uint8_t *>(&info);
    return {bytes, bytes + sizeof(info)};
  }
  // compat_siginfo: the union follows the three ints, in 32-bit words.
  Fields compat(core);
  compat.Int(info.si_signo);
  compat.Int(info.si_errno);
  compat.Int(info.si_code);
  switch (LayoutOf(info)) {
  case SignalLayout::Kill:
    compat.Int(info.si_pid);
    compat.Int(info.si_uid);
    break;
  case SignalLayout::Timer:
    compat.Int(info.si_timerid);
    compat.Int(info.si_overrun);
    compat.Int(info.si_value.sival_int);
    break;
  case SignalLayout::Rt:
    compat.Int(info.si_pid);
    compat.Int(info.si_uid);
    compat.Int(info.si_value.sival_int);
    break;
  case SignalLayout::Child:
    compat.Int(info.si_pid);
    compat.Int(info.si_uid);
    compat.Int(info.si_status);
    compat.Int(info.si_utime);
    compat.Int(info.si_stime);
    break;
  case SignalLayout::Fault:
    compat.Int(reinterpret_cast<uintptr_t>(info.si_addr));
    break;
  case SignalLayout::Poll:
    compat.Int(info.si_band);
    compat.Int(info.si_fd);
    break;
  case SignalLayout::Sys:
    compat.Int(reinterpret_cast<uintptr_t>(info.si_call_addr));
    compat.Int(info.si_syscall);
    compat.Int(info.si_arch);
    break;
  }
  compat.Bytes.resize(128);
  return std::move(compat.Bytes);
}

//===-- ElfCoreNotes.h - The notes of an ELF core file ----------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The PT_NOTE contents of a Linux core file, laid out as the kernel writes
// them for the process's class: an i386 process's notes use 32-bit words and
// the i386 register layout, whatever this server's own class is.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_ELFCORENOTES_H
#define NATIVEPROCESSIOTHREADS_ELFCORENOTES_H

#include "CoreMappings.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <array>
#include <csignal>
#include <cstdint>
#include <sys/types.h>
#include <sys/user.h>
#include <vector>

namespace iothreads {

/// An i386 core (ELFCLASS32, EM_386) or an x86-64 one.
enum class CoreClass { I386, X86_64 };

/// What NT_PRSTATUS says of a thread.
struct ThreadStatus {
  pid_t Tid = 0;
  /// The signal the thread reports, 0 if none.
  int Signal = 0;
  int SignalCode = 0;
  uint64_t PendingSignals = 0;
  uint64_t HeldSignals = 0;
  pid_t ParentPid = 0;
  pid_t ProcessGroup = 0;
  pid_t Session = 0;
  /// The thread's registers as a 64-bit tracer reads them.
  user_regs_struct Registers{};
  /// Whether the thread's notes hold its FPU state.
  bool HasFloatingPoint = false;
};

/// What NT_PRPSINFO says of the process.
struct ProcessStatus {
  pid_t Pid = 0;
  pid_t ParentPid = 0;
  pid_t ProcessGroup = 0;
  pid_t Session = 0;
  uint32_t Uid = 0;
  uint32_t Gid = 0;
  /// The state letter of /proc/PID/stat.
  char State = 't';
  int Nice = 0;
  uint64_t Flags = 0;
  /// The command line, arguments separated by spaces.
  std::string Arguments;
};

/// Appends one note: its header, \p name and \p desc, each padded to 4.
void AppendNote(std::vector<uint8_t> &notes, llvm::StringRef name,
                uint32_t type, llvm::ArrayRef<uint8_t> desc);

/// elf_prstatus: 336 bytes for x86-64, 144 (elf_prstatus32) for i386.
std::vector<uint8_t> EncodeThreadStatus(CoreClass core,
                                        const ThreadStatus &status);
/// elf_prpsinfo with \p name as pr_fname: 136 bytes, 124 for i386.
std::vector<uint8_t> EncodeProcessStatus(CoreClass core,
                                         const ProcessStatus &status,
                                         llvm::StringRef name);
/// NT_FILE: every mapping with a file behind it, as the kernel lists them
/// (shared memory's too).
std::vector<uint8_t> EncodeMappedFiles(CoreClass core,
                                       llvm::ArrayRef<CoreMapping> mappings,
                                       uint64_t page_size);
/// NT_SIGINFO: siginfo_t as the process's class lays it out (128 bytes).
std::vector<uint8_t> EncodeSignalInfo(CoreClass core, const siginfo_t &info);

/// The i386 user_regs_struct (17 words) of a thread read as 64-bit.
std::array<uint32_t, 17> ToI386Registers(const user_regs_struct &regs);

} // namespace iothreads

#endif

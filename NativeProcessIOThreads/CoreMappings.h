//===-- CoreMappings.h - Which memory a core file holds ---------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A core holds a segment for every mapping of the process, and the bytes of
// those the kernel would dump: its rules (fs/coredump.c, vma_dump_size) with
// the process's own /proc/PID/coredump_filter, read off /proc/PID/smaps.
// What no reader needs and what reading could hang or change is left out:
// mappings the kernel marks "do not dump" or I/O ([vvar], devices), pages
// under userfaultfd, and anything not readable.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_COREMAPPINGS_H
#define NATIVEPROCESSIOTHREADS_COREMAPPINGS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace iothreads {

/// One mapping of /proc/PID/smaps, with what a core needs of it.
struct CoreMapping {
  uint64_t Start = 0;
  uint64_t End = 0;
  /// The file offset the mapping starts at.
  uint64_t Offset = 0;
  uint64_t Inode = 0;
  /// The file, or a kernel name ("[heap]", "[vdso]"); empty for anonymous.
  std::string Path;
  bool Readable = false;
  bool Writable = false;
  bool Executable = false;
  bool Shared = false;
  /// VmFlags: "dd" (VM_DONTDUMP), "io" (VM_IO), "pf" (VM_PFNMAP), "ht"
  /// (hugetlb), "um"/"uw"/"ui" (userfaultfd: missing, write-protect and
  /// minor faults).
  bool DontDump = false;
  bool InputOutput = false;
  bool PfnMap = false;
  bool Hugetlb = false;
  bool Userfault = false;
  /// Private pages the process has written (copy-on-write) or swapped:
  /// how a reader of smaps sees the kernel's anon_vma.
  bool HasAnonymousPages = false;

  uint64_t Size() const { return End - Start; }
  /// Backed by a file in a filesystem (not anonymous, not a kernel name).
  bool IsFile() const;
  /// Backed by any file, shared memory's included: what NT_FILE lists.
  bool HasFile() const { return llvm::StringRef(Path).starts_with("/"); }
  /// Shared memory no file name reaches: the kernel's "anonymous shared"
  /// (shmem with no links: /dev/zero, SysV, memfd, a deleted file).
  bool IsAnonymousShared() const;
};

/// Parses /proc/PID/smaps; any entry that does not parse is an error.
llvm::Expected<std::vector<CoreMapping>> ParseSmaps(llvm::StringRef smaps);

/// The kernel's coredump_filter bits (core(5)).
enum CoreDumpFilter : unsigned {
  DumpAnonymousPrivate = 1u << 0,
  DumpAnonymousShared = 1u << 1,
  DumpMappedPrivate = 1u << 2,
  DumpMappedShared = 1u << 3,
  DumpElfHeaders = 1u << 4,
  DumpHugetlbPrivate = 1u << 5,
  DumpHugetlbShared = 1u << 6,
  /// What the kernel starts every process with.
  DefaultCoreDumpFilter = 0x33,
};

/// How much of a mapping's memory goes into the core.
enum class DumpExtent {
  None,
  /// The first page, if it starts an ELF file (readers find the build-id).
  ElfHeaderPage,
  Whole,
};

/// Decides how much of \p mapping to dump under \p filter.
DumpExtent ChooseDumpExtent(const CoreMapping &mapping, unsigned filter);

} // namespace iothreads

#endif

//===-- ElfCoreWriter.h - An ELF core file on disk --------------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Lays out and writes an ET_CORE file: the ELF header, a PT_NOTE and a
// PT_LOAD per mapping, then each segment's bytes, page-aligned. Pages of
// zeros are left as holes, as the kernel leaves them: a core of a large,
// mostly untouched heap costs no disk.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_ELFCOREWRITER_H
#define NATIVEPROCESSIOTHREADS_ELFCOREWRITER_H

#include "ElfCoreNotes.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/Support/Error.h"

#include <cstdint>

namespace iothreads {

/// One PT_LOAD: a mapping, and how many of its bytes the core holds.
struct CoreSegment {
  uint64_t Address = 0;
  uint64_t Size = 0;
  /// 0, a page or Size.
  uint64_t DumpSize = 0;
  /// PF_R, PF_W, PF_X.
  uint32_t Flags = 0;
};

/// Fills the buffer with the memory at the address, zeros where there is
/// none to read.
using CoreMemoryReader =
    llvm::function_ref<llvm::Error(uint64_t, llvm::MutableArrayRef<uint8_t>)>;

/// Writes the core to the open file \p fd (from offset 0); \p notes is the
/// PT_NOTE contents.
llvm::Error WriteElfCore(int fd, CoreClass core, uint64_t page_size,
                         llvm::ArrayRef<uint8_t> notes,
                         llvm::ArrayRef<CoreSegment> segments,
                         CoreMemoryReader read);

} // namespace iothreads

#endif

//===-- MemoryRegions.h - A process's memory map from /proc -----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_MEMORYREGIONS_H
#define NATIVEPROCESSIOTHREADS_MEMORYREGIONS_H

#include "lldb/Target/MemoryRegionInfo.h"
#include "llvm/Support/Error.h"

#include <vector>

namespace iothreads {

/// Parses the text of /proc/PID/maps into regions in address order; any
/// line that does not parse makes the whole map an error.
llvm::Expected<std::vector<lldb_private::MemoryRegionInfo>>
ParseMemoryRegions(llvm::StringRef maps);

} // namespace iothreads

#endif

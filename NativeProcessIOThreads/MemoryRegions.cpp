//===-- MemoryRegions.cpp - A process's memory map from /proc -------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "MemoryRegions.h"

#include "Plugins/Process/Utility/LinuxProcMaps.h"

using namespace iothreads;
using namespace lldb_private;

llvm::Expected<std::vector<MemoryRegionInfo>>
iothreads::ParseMemoryRegions(llvm::StringRef maps) {
  std::vector<MemoryRegionInfo> regions;
  llvm::Error failure = llvm::Error::success();
  ParseLinuxMapRegions(maps, [&](llvm::Expected<MemoryRegionInfo> region) {
    if (!region) {
      failure = region.takeError();
      return false;
    }
    regions.push_back(std::move(*region));
    return true;
  });
  if (failure)
    return std::move(failure);
  return regions;
}

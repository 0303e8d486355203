//===-- MemoryRegions.cpp - A process's memory map from /proc -------------===//

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

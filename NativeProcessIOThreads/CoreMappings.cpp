//===-- CoreMappings.cpp - Which memory a core file holds -----------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CoreMappings.h"

#include "llvm/ADT/StringExtras.h"

using namespace iothreads;

bool CoreMapping::IsFile() const { return HasFile() && !IsAnonymousShared(); }

bool CoreMapping::IsAnonymousShared() const {
  llvm::StringRef path(Path);
  return Shared && (path.empty() || path.starts_with("/dev/zero") ||
                    path.starts_with("/SYSV") || path.starts_with("/memfd:") ||
                    path.ends_with(" (deleted)"));
}

/// "START-END PERMS OFFSET DEV INODE [PATH]"; the path may hold spaces.
static bool ParseHeader(llvm::StringRef line, CoreMapping &mapping) {
  auto [range, rest] = line.split(' ');
  auto [start, end] = range.split('-');
  llvm::StringRef perms, offset, device, inode;
  std::tie(perms, rest) = rest.split(' ');
  std::tie(offset, rest) = rest.split(' ');
  std::tie(device, rest) = rest.split(' ');
  std::tie(inode, rest) = rest.split(' ');
  if (start.getAsInteger(16, mapping.Start) ||
      end.getAsInteger(16, mapping.End) || mapping.End < mapping.Start ||
      perms.size() != 4 || offset.getAsInteger(16, mapping.Offset) ||
      !device.contains(':') || inode.getAsInteger(10, mapping.Inode))
    return false;
  mapping.Readable = perms[0] == 'r';
  mapping.Writable = perms[1] == 'w';
  mapping.Executable = perms[2] == 'x';
  mapping.Shared = perms[3] == 's';
  mapping.Path = rest.ltrim(' ').str();
  return true;
}

static bool IsHeader(llvm::StringRef line) {
  size_t dash = line.find('-');
  return dash != 0 && dash != llvm::StringRef::npos &&
         llvm::all_of(line.take_front(dash), llvm::isHexDigit);
}

llvm::Expected<std::vector<CoreMapping>>
iothreads::ParseSmaps(llvm::StringRef smaps) {
  std::vector<CoreMapping> mappings;
  llvm::SmallVector<llvm::StringRef> lines;
  smaps.split(lines, '\n', -1, /*KeepEmpty=*/false);
  for (llvm::StringRef line : lines) {
    if (IsHeader(line)) {
      mappings.emplace_back();
      if (!ParseHeader(line, mappings.back()))
        return llvm::createStringError("cannot parse the smaps line '%s'",
                                       line.str().c_str());
      continue;
    }
    if (mappings.empty())
      return llvm::createStringError("smaps starts with '%s', not a mapping",
                                     line.str().c_str());
    CoreMapping &mapping = mappings.back();
    auto [key, value] = line.split(':');
    value = value.trim();
    if (key == "Anonymous" || key == "Swap") {
      uint64_t kib = 0;
      value.consume_back(" kB");
      if (value.getAsInteger(10, kib))
        return llvm::createStringError("cannot parse the smaps line '%s'",
                                       line.str().c_str());
      mapping.HasAnonymousPages |= kib != 0;
    } else if (key == "VmFlags") {
      llvm::SmallVector<llvm::StringRef> flags;
      value.split(flags, ' ', -1, /*KeepEmpty=*/false);
      for (llvm::StringRef flag : flags) {
        mapping.DontDump |= flag == "dd";
        mapping.InputOutput |= flag == "io";
        mapping.PfnMap |= flag == "pf";
        mapping.Hugetlb |= flag == "ht";
        mapping.Userfault |= flag == "um" || flag == "uw" || flag == "ui";
      }
    }
  }
  return mappings;
}

DumpExtent iothreads::ChooseDumpExtent(const CoreMapping &mapping,
                                       unsigned filter) {
  // Unreadable memory is read by no reader; reading I/O or PFN mappings
  // ([vvar], devices) can fault or have effects; userfaultfd pages can wait
  // on a handler in the process we hold stopped.
  if (!mapping.Readable || mapping.InputOutput || mapping.PfnMap ||
      mapping.Userfault)
    return DumpExtent::None;
  if (mapping.Path == "[vdso]")
    return DumpExtent::Whole;
  if (mapping.DontDump)
    return DumpExtent::None;
  auto when = [](bool dump) {
    return dump ? DumpExtent::Whole : DumpExtent::None;
  };
  if (mapping.Hugetlb)
    return when(filter &
                (mapping.Shared ? DumpHugetlbShared : DumpHugetlbPrivate));
  if (mapping.Shared)
    return when(filter & (mapping.IsAnonymousShared() ? DumpAnonymousShared
                                                      : DumpMappedShared));
  if (mapping.HasAnonymousPages && (filter & DumpAnonymousPrivate))
    return DumpExtent::Whole;
  if (!mapping.IsFile())
    return DumpExtent::None;
  if (filter & DumpMappedPrivate)
    return DumpExtent::Whole;
  if ((filter & DumpElfHeaders) && mapping.Offset == 0)
    return DumpExtent::ElfHeaderPage;
  return DumpExtent::None;
}

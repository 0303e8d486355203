//===-- ElfCoreWriter.cpp - An ELF core file on disk ----------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ElfCoreWriter.h"

#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/Errno.h"
#include "llvm/Support/MathExtras.h"

#include <cerrno>
#include <cstring>
#include <unistd.h>

using namespace iothreads;
using namespace llvm::ELF;

namespace {

/// Memory is read and written this much at a time: large enough to run at
/// disk speed, small enough to keep the server's footprint flat.
constexpr size_t ChunkSize = 1 << 20;

llvm::Error WriteAt(int fd, const void *data, size_t size, uint64_t offset) {
  const auto *bytes = static_cast<const uint8_t *>(data);
  while (size != 0) {
    ssize_t written =
        llvm::sys::RetryAfterSignal(-1, ::pwrite, fd, bytes, size, offset);
    if (written < 0)
      return llvm::errorCodeToError(
          std::error_code(errno, std::generic_category()));
    bytes += written;
    size -= written;
    offset += written;
  }
  return llvm::Error::success();
}

/// Writes the non-zero pages of \p chunk at \p offset; zero pages stay holes.
llvm::Error WriteNonZeroPages(int fd, llvm::ArrayRef<uint8_t> chunk,
                              uint64_t offset, uint64_t page_size) {
  auto is_zero = [&](size_t at) {
    llvm::ArrayRef<uint8_t> page = chunk.slice(at).take_front(page_size);
    return llvm::all_of(page, [](uint8_t byte) { return byte == 0; });
  };
  size_t at = 0;
  while (at < chunk.size()) {
    if (is_zero(at)) {
      at += page_size;
      continue;
    }
    size_t end = at + page_size;
    while (end < chunk.size() && !is_zero(end))
      end += page_size;
    end = std::min<size_t>(end, chunk.size());
    if (llvm::Error error =
            WriteAt(fd, chunk.data() + at, end - at, offset + at))
      return error;
    at = end;
  }
  return llvm::Error::success();
}

/// The ELF header and program headers, for Ehdr/Phdr of either class.
template <class Ehdr, class Phdr>
std::vector<uint8_t>
Headers(CoreClass core, uint64_t notes_offset, uint64_t notes_size,
        llvm::ArrayRef<CoreSegment> segments, llvm::ArrayRef<uint64_t> offsets,
        uint64_t page_size) {
  std::vector<uint8_t> bytes(sizeof(Ehdr) +
                             sizeof(Phdr) * (1 + segments.size()));
  Ehdr header{};
  std::memcpy(header.e_ident, ElfMagic, 4);
  header.e_ident[EI_CLASS] = core == CoreClass::I386 ? ELFCLASS32 : ELFCLASS64;
  header.e_ident[EI_DATA] = ELFDATA2LSB;
  header.e_ident[EI_VERSION] = EV_CURRENT;
  header.e_ident[EI_OSABI] = ELFOSABI_NONE;
  header.e_type = ET_CORE;
  header.e_machine = core == CoreClass::I386 ? EM_386 : EM_X86_64;
  header.e_version = EV_CURRENT;
  header.e_phoff = sizeof(Ehdr);
  header.e_ehsize = sizeof(Ehdr);
  header.e_phentsize = sizeof(Phdr);
  header.e_phnum = 1 + segments.size();
  std::memcpy(bytes.data(), &header, sizeof(header));

  Phdr note{};
  note.p_type = PT_NOTE;
  note.p_offset = notes_offset;
  note.p_filesz = notes_size;
  note.p_align = 4;
  std::memcpy(bytes.data() + sizeof(Ehdr), &note, sizeof(note));
  for (size_t i = 0; i < segments.size(); ++i) {
    Phdr load{};
    load.p_type = PT_LOAD;
    load.p_flags = segments[i].Flags;
    load.p_offset = offsets[i];
    load.p_vaddr = segments[i].Address;
    load.p_memsz = segments[i].Size;
    load.p_filesz = segments[i].DumpSize;
    load.p_align = page_size;
    std::memcpy(bytes.data() + sizeof(Ehdr) + sizeof(Phdr) * (1 + i), &load,
                sizeof(load));
  }
  return bytes;
}

} // namespace

llvm::Error iothreads::WriteElfCore(int fd, CoreClass core, uint64_t page_size,
                                    llvm::ArrayRef<uint8_t> notes,
                                    llvm::ArrayRef<CoreSegment> segments,
                                    CoreMemoryReader read) {
  // e_phnum from PN_XNUM (0xffff) on would need the extended numbering no
  // reader of ours is tested with; the kernel's map count limit stays below it.
  if (segments.size() + 1 >= 0xffff)
    return llvm::createStringError("the process has %zu mappings, more than "
                                   "an ELF header can count",
                                   segments.size());
  bool is32 = core == CoreClass::I386;
  uint64_t headers_size =
      is32 ? sizeof(Elf32_Ehdr) + sizeof(Elf32_Phdr) * (1 + segments.size())
           : sizeof(Elf64_Ehdr) + sizeof(Elf64_Phdr) * (1 + segments.size());
  uint64_t notes_offset = headers_size;
  uint64_t offset = llvm::alignTo(notes_offset + notes.size(), page_size);
  std::vector<uint64_t> offsets;
  for (const CoreSegment &segment : segments) {
    offsets.push_back(offset);
    offset += segment.DumpSize;
  }
  uint64_t file_size = offset;

  std::vector<uint8_t> headers =
      is32 ? Headers<Elf32_Ehdr, Elf32_Phdr>(core, notes_offset, notes.size(),
                                             segments, offsets, page_size)
           : Headers<Elf64_Ehdr, Elf64_Phdr>(core, notes_offset, notes.size(),
                                             segments, offsets, page_size);
  if (llvm::Error error = WriteAt(fd, headers.data(), headers.size(), 0))
    return error;
  if (llvm::Error error = WriteAt(fd, notes.data(), notes.size(), notes_offset))
    return error;

  std::vector<uint8_t> chunk;
  for (size_t i = 0; i < segments.size(); ++i) {
    for (uint64_t done = 0; done < segments[i].DumpSize;) {
      chunk.assign(std::min<uint64_t>(ChunkSize, segments[i].DumpSize - done),
                   0);
      if (llvm::Error error = read(segments[i].Address + done, chunk))
        return error;
      if (llvm::Error error =
              WriteNonZeroPages(fd, chunk, offsets[i] + done, page_size))
        return error;
      done += chunk.size();
    }
  }
  // The holes at the end still count in the file's size.
  if (::ftruncate(fd, file_size) != 0)
    return llvm::errorCodeToError(
        std::error_code(errno, std::generic_category()));
  return llvm::Error::success();
}

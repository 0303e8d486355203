//===-- ElfCoreWriterTest.cpp - An ELF core file on disk ------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ElfCoreWriter.h"

#include "ErrorAssertions.h"
#include "gtest/gtest.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Object/ELF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"

#include <sys/stat.h>
#include <unistd.h>

using namespace iothreads;
using namespace llvm::ELF;

namespace {

constexpr uint64_t PageSize = 4096;
constexpr uint64_t MiB = 1 << 20;

/// A file of its own for each test, removed at its end.
struct TemporaryFile {
  TemporaryFile() {
    Error = llvm::sys::fs::createTemporaryFile("ElfCoreWriterTest", "core", FD,
                                               Path);
  }
  ~TemporaryFile() {
    if (Error)
      return;
    ::close(FD);
    llvm::sys::fs::remove(Path);
  }

  std::error_code Error;
  int FD = -1;
  llvm::SmallString<128> Path;
};

/// Memory that differs at every address and is never zero, so that no page
/// becomes a hole.
uint8_t PatternAt(uint64_t address) {
  return uint8_t(address * 131 + (address >> 12) * 7) | 1;
}

/// What the reader was asked for, and what it gave.
struct PatternReader {
  llvm::Error operator()(uint64_t address,
                         llvm::MutableArrayRef<uint8_t> buffer) {
    for (size_t i = 0; i < buffer.size(); ++i)
      buffer[i] = PatternAt(address + i);
    Reads.emplace_back(address, buffer.size());
    return llvm::Error::success();
  }

  std::vector<std::pair<uint64_t, uint64_t>> Reads;
};

std::unique_ptr<llvm::MemoryBuffer> ReadBack(const TemporaryFile &file) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(file.Path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  EXPECT_TRUE(buffer) << buffer.getError().message();
  return buffer ? std::move(*buffer) : nullptr;
}

template <class ELFT>
void CheckCore(CoreClass core, uint16_t machine, uint8_t elf_class,
               uint64_t page_size) {
  TemporaryFile file;
  ASSERT_FALSE(file.Error) << file.Error.message();

  std::vector<uint8_t> notes;
  const uint8_t desc[] = {1, 2, 3, 4, 5, 6, 7};
  AppendNote(notes, "CORE", NT_PRSTATUS, desc);
  AppendNote(notes, "LINUX", NT_X86_XSTATE, desc);
  const CoreSegment segments[] = {
      {0x8048000, 3 * page_size, 3 * page_size, PF_R | PF_X},
      // The ELF header page of a file mapping.
      {0x8100000, 2 * page_size, page_size, PF_R},
      // Left out.
      {0x8200000, page_size, 0, PF_R | PF_W},
      {0xf7000000, 2 * page_size, 2 * page_size, PF_R | PF_W}};
  PatternReader reader;
  ASSERT_TRUE(
      Ok(WriteElfCore(file.FD, core, page_size, notes, segments, reader)));

  // The reader is asked for exactly the memory the core holds.
  std::vector<std::pair<uint64_t, uint64_t>> dumped;
  for (const CoreSegment &segment : segments)
    if (segment.DumpSize != 0)
      dumped.emplace_back(segment.Address, segment.DumpSize);
  EXPECT_EQ(dumped, reader.Reads);

  std::unique_ptr<llvm::MemoryBuffer> buffer = ReadBack(file);
  ASSERT_NE(nullptr, buffer);
  llvm::StringRef bytes = buffer->getBuffer();
  llvm::Expected<llvm::object::ELFFile<ELFT>> elf =
      llvm::object::ELFFile<ELFT>::create(bytes);
  ASSERT_TRUE(Ok(elf));
  const typename ELFT::Ehdr &header = elf->getHeader();
  EXPECT_EQ(elf_class, header.e_ident[EI_CLASS]);
  EXPECT_EQ(ELFDATA2LSB, header.e_ident[EI_DATA]);
  EXPECT_EQ(ET_CORE, uint16_t(header.e_type));
  EXPECT_EQ(machine, uint16_t(header.e_machine));

  auto program_headers = elf->program_headers();
  ASSERT_TRUE(Ok(program_headers));
  ASSERT_EQ(1 + std::size(segments), program_headers->size());
  const typename ELFT::Phdr &note = (*program_headers)[0];
  EXPECT_EQ(PT_NOTE, uint32_t(note.p_type));
  ASSERT_EQ(notes.size(), uint64_t(note.p_filesz));
  ASSERT_LE(note.p_offset + note.p_filesz, bytes.size());
  EXPECT_EQ(llvm::toStringRef(notes),
            bytes.substr(note.p_offset, note.p_filesz));

  uint64_t end = note.p_offset + note.p_filesz;
  for (size_t i = 0; i < std::size(segments); ++i) {
    SCOPED_TRACE("segment " + std::to_string(i));
    const CoreSegment &segment = segments[i];
    const typename ELFT::Phdr &load = (*program_headers)[1 + i];
    EXPECT_EQ(PT_LOAD, uint32_t(load.p_type));
    EXPECT_EQ(segment.Address, uint64_t(load.p_vaddr));
    EXPECT_EQ(segment.Size, uint64_t(load.p_memsz));
    EXPECT_EQ(segment.DumpSize, uint64_t(load.p_filesz));
    EXPECT_EQ(segment.Flags, uint32_t(load.p_flags));
    EXPECT_EQ(0u, load.p_offset % page_size);
    // Segments follow the notes and one another without overlapping.
    EXPECT_GE(uint64_t(load.p_offset), end);
    end = load.p_offset + load.p_filesz;
    ASSERT_LE(end, bytes.size());
    bool as_read = true;
    for (uint64_t at = 0; at < load.p_filesz; ++at)
      as_read &=
          uint8_t(bytes[load.p_offset + at]) == PatternAt(segment.Address + at);
    EXPECT_TRUE(as_read);
  }
  EXPECT_EQ(end, bytes.size());
}

TEST(ElfCoreWriterTest, WritesAnX86_64Core) {
  CheckCore<llvm::object::ELF64LE>(CoreClass::X86_64, EM_X86_64, ELFCLASS64,
                                   PageSize);
}

TEST(ElfCoreWriterTest, WritesAnI386Core) {
  CheckCore<llvm::object::ELF32LE>(CoreClass::I386, EM_386, ELFCLASS32,
                                   PageSize);
}

TEST(ElfCoreWriterTest, AlignsSegmentsToTheGivenPageSize) {
  CheckCore<llvm::object::ELF64LE>(CoreClass::X86_64, EM_X86_64, ELFCLASS64,
                                   64 * 1024);
}

TEST(ElfCoreWriterTest, LeavesZeroPagesAsHoles) {
  TemporaryFile file;
  ASSERT_FALSE(file.Error) << file.Error.message();

  // A mostly zero heap spanning many of the writer's chunks, with data on
  // either side of a chunk boundary and one byte at the end of a page; then
  // a segment of zeros only, which ends the file.
  const uint64_t heap = 0x10000000;
  const std::vector<uint64_t> data_pages = {heap + MiB - PageSize, heap + MiB,
                                            heap + 5 * MiB + 2 * PageSize};
  const uint64_t last_byte = heap + 9 * MiB - 1;
  const CoreSegment segments[] = {{heap, 64 * MiB, 64 * MiB, PF_R | PF_W},
                                  {0x20000000, 8 * MiB, 8 * MiB, PF_R | PF_W}};
  auto expected_at = [&](uint64_t address) -> uint8_t {
    if (address == last_byte)
      return 0xff;
    for (uint64_t page : data_pages)
      if (page <= address && address < page + PageSize)
        return PatternAt(address);
    return 0;
  };
  auto read = [&](uint64_t address,
                  llvm::MutableArrayRef<uint8_t> buffer) -> llvm::Error {
    for (size_t i = 0; i < buffer.size(); ++i)
      buffer[i] = expected_at(address + i);
    return llvm::Error::success();
  };
  ASSERT_TRUE(Ok(
      WriteElfCore(file.FD, CoreClass::X86_64, PageSize, {}, segments, read)));

  struct stat status;
  ASSERT_EQ(0, ::fstat(file.FD, &status));
  // The headers' page and the segments, the trailing zeros included.
  EXPECT_EQ(off_t(PageSize + 72 * MiB), status.st_size);
  // The headers' page and four of data; the rest is holes.
  EXPECT_LT(uint64_t(status.st_blocks) * 512, 1 * MiB);

  std::unique_ptr<llvm::MemoryBuffer> buffer = ReadBack(file);
  ASSERT_NE(nullptr, buffer);
  llvm::StringRef bytes = buffer->getBuffer();
  ASSERT_EQ(PageSize + 72 * MiB, bytes.size());
  bool as_read = true;
  for (uint64_t at = 0; at < 64 * MiB; ++at)
    as_read &= uint8_t(bytes[PageSize + at]) == expected_at(heap + at);
  EXPECT_TRUE(as_read);
  EXPECT_EQ(PatternAt(heap + MiB), uint8_t(bytes[PageSize + MiB]));
  EXPECT_EQ(0xff, uint8_t(bytes[PageSize + 9 * MiB - 1]));
  EXPECT_EQ(8 * MiB,
            size_t(llvm::count(bytes.substr(PageSize + 64 * MiB), '\0')));
}

TEST(ElfCoreWriterTest, ReturnsTheReadersError) {
  TemporaryFile file;
  ASSERT_FALSE(file.Error) << file.Error.message();
  const CoreSegment segments[] = {{0x1000, PageSize, PageSize, PF_R},
                                  {0x5000, PageSize, PageSize, PF_R}};
  size_t reads = 0;
  auto read = [&](uint64_t address,
                  llvm::MutableArrayRef<uint8_t>) -> llvm::Error {
    ++reads;
    if (address == 0x5000)
      return llvm::createStringError("cannot read 0x5000");
    return llvm::Error::success();
  };
  llvm::Error error =
      WriteElfCore(file.FD, CoreClass::I386, PageSize, {}, segments, read);
  ASSERT_TRUE(bool(error));
  EXPECT_EQ("cannot read 0x5000", llvm::toString(std::move(error)));
  EXPECT_EQ(2u, reads);
}

TEST(ElfCoreWriterTest, RefusesMoreSegmentsThanTheHeaderCounts) {
  TemporaryFile file;
  ASSERT_FALSE(file.Error) << file.Error.message();
  // PN_XNUM (0xffff) program headers would need extended numbering.
  std::vector<CoreSegment> segments(0xffff - 1);
  auto read = [](uint64_t, llvm::MutableArrayRef<uint8_t>) -> llvm::Error {
    ADD_FAILURE() << "read memory for a core it cannot write";
    return llvm::Error::success();
  };
  llvm::Error error =
      WriteElfCore(file.FD, CoreClass::X86_64, PageSize, {}, segments, read);
  EXPECT_TRUE(bool(error));
  llvm::consumeError(std::move(error));
  segments.pop_back();
  EXPECT_TRUE(Ok(
      WriteElfCore(file.FD, CoreClass::X86_64, PageSize, {}, segments, read)));
}

} // namespace

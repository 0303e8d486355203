//===-- CoreMappingsTest.cpp - Which memory a core file holds -------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CoreMappings.h"

#include "ErrorAssertions.h"
#include "gtest/gtest.h"

#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

using namespace iothreads;

namespace iothreads {
// Failures name the extent rather than show its bytes.
static void PrintTo(DumpExtent extent, std::ostream *os) {
  switch (extent) {
  case DumpExtent::None:
    *os << "None";
    return;
  case DumpExtent::ElfHeaderPage:
    *os << "ElfHeaderPage";
    return;
  case DumpExtent::Whole:
    *os << "Whole";
    return;
  }
}
} // namespace iothreads

namespace {

// Entries as a 6.x kernel prints them, most size lines left out: the parser
// must skip what it does not use.
constexpr llvm::StringLiteral Smaps =
    "55d0c0a00000-55d0c0a02000 r--p 00000000 fe:00 1234                     "
    "  /usr/bin/my tool\n"
    "Size:                  8 kB\n"
    "Rss:                   8 kB\n"
    "Anonymous:             0 kB\n"
    "Swap:                  0 kB\n"
    "THPeligible:    0\n"
    "VmFlags: rd mr mw me dw sd \n"
    "55d0c0a02000-55d0c0a03000 rw-p 00002000 fe:00 1234                     "
    "  /usr/bin/my tool\n"
    "Anonymous:             4 kB\n"
    "Swap:                  0 kB\n"
    "VmFlags: rd wr mr mw me ac sd \n"
    "55d0c1000000-55d0c1021000 rw-p 00000000 00:00 0                        "
    "  [heap]\n"
    "Anonymous:             0 kB\n"
    "Swap:                  8 kB\n"
    "SwapPss:               0 kB\n"
    "VmFlags: rd wr mr mw me ac sd \n"
    "7f0000000000-7f0000001000 rw-s 00000000 00:01 2048                     "
    "  /memfd:ring (deleted)\n"
    "VmFlags: rd wr sh mr mw me ms sd \n"
    "7f0000001000-7f0000002000 ---p 00000000 00:00 0\n"
    "Anonymous:             0 kB\n"
    "VmFlags: mr mw me sd \n"
    "7f0000200000-7f0000400000 rw-p 00000000 00:10 77                       "
    "  /anon_hugepage (deleted)\n"
    "VmFlags: rd wr mr mw me de ht sd \n"
    "7f0000400000-7f0000401000 r-xp 00000000 00:00 0                        "
    "  [vvar]\n"
    "VmFlags: rd mr pf io de dd \n"
    "7f0000401000-7f0000402000 rw-p 00000000 00:00 0\n"
    "VmFlags: rd wr mr mw me ac sd um \n"
    "7f0000402000-7f0000403000 rw-p 00000000 00:00 0\n"
    "VmFlags: rd wr mr mw me ac sd uw \n";

TEST(CoreMappingsTest, ReadsEachMappingsHeader) {
  llvm::Expected<std::vector<CoreMapping>> mappings = ParseSmaps(Smaps);
  ASSERT_TRUE(Ok(mappings));
  ASSERT_EQ(9u, mappings->size());

  const CoreMapping &text = (*mappings)[0];
  EXPECT_EQ(0x55d0c0a00000u, text.Start);
  EXPECT_EQ(0x55d0c0a02000u, text.End);
  EXPECT_EQ(0x2000u, text.Size());
  EXPECT_EQ(0u, text.Offset);
  EXPECT_EQ(1234u, text.Inode);
  EXPECT_EQ("/usr/bin/my tool", text.Path);
  EXPECT_TRUE(text.Readable);
  EXPECT_FALSE(text.Writable);
  EXPECT_FALSE(text.Executable);
  EXPECT_FALSE(text.Shared);

  EXPECT_EQ(0x2000u, (*mappings)[1].Offset);
  EXPECT_TRUE((*mappings)[1].Writable);
  EXPECT_EQ("[heap]", (*mappings)[2].Path);
  EXPECT_TRUE((*mappings)[3].Shared);
  EXPECT_EQ("/memfd:ring (deleted)", (*mappings)[3].Path);

  const CoreMapping &guard = (*mappings)[4];
  EXPECT_EQ("", guard.Path);
  EXPECT_FALSE(guard.Readable);
  EXPECT_FALSE(guard.Writable);
  EXPECT_FALSE(guard.Executable);
  EXPECT_TRUE((*mappings)[6].Executable);
}

TEST(CoreMappingsTest, ReadsWhatTheVmFlagsSay) {
  llvm::Expected<std::vector<CoreMapping>> mappings = ParseSmaps(Smaps);
  ASSERT_TRUE(Ok(mappings));
  ASSERT_EQ(9u, mappings->size());
  for (size_t i : {0, 1, 2, 3, 4}) {
    const CoreMapping &mapping = (*mappings)[i];
    EXPECT_FALSE(mapping.DontDump || mapping.InputOutput || mapping.PfnMap ||
                 mapping.Hugetlb || mapping.Userfault)
        << "mapping " << i;
  }
  EXPECT_TRUE((*mappings)[5].Hugetlb);
  const CoreMapping &vvar = (*mappings)[6];
  EXPECT_TRUE(vvar.DontDump);
  EXPECT_TRUE(vvar.InputOutput);
  EXPECT_TRUE(vvar.PfnMap);
  EXPECT_FALSE(vvar.Hugetlb);
  EXPECT_TRUE((*mappings)[7].Userfault);
  EXPECT_TRUE((*mappings)[8].Userfault);
}

TEST(CoreMappingsTest, AnonymousOrSwappedPagesMarkAMappingWritten) {
  llvm::Expected<std::vector<CoreMapping>> mappings = ParseSmaps(Smaps);
  ASSERT_TRUE(Ok(mappings));
  ASSERT_EQ(9u, mappings->size());
  EXPECT_FALSE((*mappings)[0].HasAnonymousPages);
  EXPECT_TRUE((*mappings)[1].HasAnonymousPages);
  // Swapped out only: written all the same.
  EXPECT_TRUE((*mappings)[2].HasAnonymousPages);
  EXPECT_FALSE((*mappings)[4].HasAnonymousPages);
}

TEST(CoreMappingsTest, ParsesNothingAsNoMappings) {
  llvm::Expected<std::vector<CoreMapping>> mappings = ParseSmaps("");
  ASSERT_TRUE(Ok(mappings));
  EXPECT_TRUE(mappings->empty());
}

TEST(CoreMappingsTest, RejectsWhatIsNotSmaps) {
  EXPECT_TRUE(Failed(ParseSmaps("Size:                  8 kB\n")));
  EXPECT_TRUE(Failed(ParseSmaps("1000-zz000 rw-p 00000000 00:00 0\n")));
  EXPECT_TRUE(Failed(ParseSmaps("2000-1000 rw-p 00000000 00:00 0\n")));
  EXPECT_TRUE(Failed(ParseSmaps("1000-2000 rw- 00000000 00:00 0\n")));
  EXPECT_TRUE(Failed(ParseSmaps("1000-2000 rw-p 00000000 0000 0\n")));
  EXPECT_TRUE(Failed(ParseSmaps("1000-2000 rw-p 00000000 00:00 x\n")));
  EXPECT_TRUE(Failed(ParseSmaps("1000-2000 rw-p 00000000 00:00 0\n"
                                "Anonymous:          many kB\n")));
  EXPECT_TRUE(Failed(ParseSmaps("1000-2000 rw-p 00000000 00:00 0\n"
                                "Swap: kB\n")));
}

TEST(CoreMappingsTest, ParsesThisProcesssOwnSmaps) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> smaps =
      llvm::MemoryBuffer::getFileAsStream("/proc/self/smaps");
  ASSERT_TRUE(smaps) << smaps.getError().message();
  llvm::Expected<std::vector<CoreMapping>> mappings =
      ParseSmaps((*smaps)->getBuffer());
  ASSERT_TRUE(Ok(mappings));

  auto holding = [&](const void *address) -> const CoreMapping * {
    auto at = reinterpret_cast<uint64_t>(address);
    auto found = llvm::find_if(*mappings, [&](const CoreMapping &mapping) {
      return mapping.Start <= at && at < mapping.End;
    });
    return found == mappings->end() ? nullptr : &*found;
  };
  int local = 0;
  const CoreMapping *stack = holding(&local);
  ASSERT_NE(nullptr, stack);
  EXPECT_TRUE(stack->Readable && stack->Writable && !stack->Shared);
  EXPECT_EQ(DumpExtent::Whole, ChooseDumpExtent(*stack, DefaultCoreDumpFilter));
  const CoreMapping *code =
      holding(reinterpret_cast<const void *>(&ChooseDumpExtent));
  ASSERT_NE(nullptr, code);
  EXPECT_TRUE(code->Executable);
  EXPECT_TRUE(code->IsFile());

  for (const CoreMapping &mapping : *mappings) {
    if (mapping.Path == "[vvar]") {
      EXPECT_EQ(DumpExtent::None,
                ChooseDumpExtent(mapping, DefaultCoreDumpFilter));
    }
    if (mapping.Path == "[vdso]") {
      EXPECT_EQ(DumpExtent::Whole, ChooseDumpExtent(mapping, 0));
    }
  }
}

/// A mapping with \p perms ("rw-p") backed by \p path.
CoreMapping Mapping(llvm::StringRef perms, llvm::StringRef path,
                    uint64_t offset = 0) {
  CoreMapping mapping;
  mapping.Start = 0x10000;
  mapping.End = 0x20000;
  mapping.Offset = offset;
  mapping.Path = path.str();
  mapping.Readable = perms[0] == 'r';
  mapping.Writable = perms[1] == 'w';
  mapping.Executable = perms[2] == 'x';
  mapping.Shared = perms[3] == 's';
  return mapping;
}

CoreMapping Written(CoreMapping mapping) {
  mapping.HasAnonymousPages = true;
  return mapping;
}

TEST(CoreMappingsTest, ClassifiesWhatBacksAMapping) {
  EXPECT_TRUE(Mapping("r-xp", "/usr/lib/libc.so.6").IsFile());
  EXPECT_TRUE(Mapping("rw-s", "/dev/shm/ring").IsFile());
  // A private mapping of a deleted file still maps that file.
  EXPECT_TRUE(Mapping("r--p", "/tmp/gone (deleted)").IsFile());
  EXPECT_FALSE(Mapping("rw-p", "").IsFile());
  EXPECT_FALSE(Mapping("rw-p", "[heap]").IsFile());
  EXPECT_FALSE(Mapping("r-xp", "[vdso]").IsFile());
  EXPECT_FALSE(Mapping("rw-p", "[anon:cache]").IsFile());

  for (llvm::StringRef path :
       {"", "/dev/zero (deleted)", "/SYSV00000000 (deleted)",
        "/memfd:ring (deleted)", "/tmp/gone (deleted)"}) {
    EXPECT_TRUE(Mapping("rw-s", path).IsAnonymousShared()) << path.str();
    EXPECT_FALSE(Mapping("rw-s", path).IsFile()) << path.str();
    EXPECT_FALSE(Mapping("rw-p", path).IsAnonymousShared()) << path.str();
  }
  EXPECT_FALSE(Mapping("rw-s", "/dev/shm/ring").IsAnonymousShared());
}

TEST(CoreMappingsTest, TheDefaultFilterDumpsWrittenAndAnonymousSharedMemory) {
  const unsigned filter = DefaultCoreDumpFilter;
  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(Written(Mapping("rw-p", "")), filter));
  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(Written(Mapping("rw-p", "[heap]")), filter));
  // Never written: every page reads as zeros anyway.
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(Mapping("rw-p", ""), filter));
  EXPECT_EQ(
      DumpExtent::Whole,
      ChooseDumpExtent(Written(Mapping("rw-p", "/bin/ls", 0x2000)), filter));
  EXPECT_EQ(DumpExtent::ElfHeaderPage,
            ChooseDumpExtent(Mapping("r--p", "/bin/ls"), filter));
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(Mapping("r-xp", "/bin/ls", 0x1000), filter));
  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(Mapping("rw-s", "/dev/zero (deleted)"), filter));
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(Mapping("rw-s", "/dev/shm/ring"), filter));
}

TEST(CoreMappingsTest, EachFilterBitSelectsItsKindOfMapping) {
  CoreMapping written = Written(Mapping("rw-p", ""));
  CoreMapping header = Mapping("r--p", "/bin/ls");
  CoreMapping text = Mapping("r-xp", "/bin/ls", 0x1000);
  CoreMapping anonymous_shared = Mapping("rw-s", "/memfd:ring (deleted)");
  CoreMapping mapped_shared = Mapping("rw-s", "/dev/shm/ring");

  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(written, 0));
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(header, 0));
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(anonymous_shared, 0));

  EXPECT_EQ(DumpExtent::Whole, ChooseDumpExtent(written, DumpAnonymousPrivate));
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(header, DumpAnonymousPrivate));
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(written, DumpMappedPrivate));

  EXPECT_EQ(DumpExtent::Whole, ChooseDumpExtent(text, DumpMappedPrivate));
  EXPECT_EQ(DumpExtent::Whole, ChooseDumpExtent(header, DumpMappedPrivate));
  // Written pages of a file mapping are dumped as file pages too.
  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(Written(text), DumpMappedPrivate));
  EXPECT_EQ(DumpExtent::ElfHeaderPage,
            ChooseDumpExtent(header, DumpElfHeaders));
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(text, DumpElfHeaders));

  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(anonymous_shared, DumpAnonymousShared));
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(anonymous_shared, DumpMappedShared));
  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(mapped_shared, DumpMappedShared));
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(mapped_shared, DumpAnonymousShared));
  // Shared memory follows only the shared bits, written or not.
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(Written(mapped_shared), DumpAnonymousPrivate |
                                                         DumpMappedPrivate |
                                                         DumpElfHeaders));
}

TEST(CoreMappingsTest, HugetlbFollowsOnlyTheHugetlbBits) {
  CoreMapping private_huge = Written(Mapping("rw-p", "/anon_hugepage"));
  private_huge.Hugetlb = true;
  CoreMapping shared_huge = Mapping("rw-s", "/dev/hugepages/ring");
  shared_huge.Hugetlb = true;

  unsigned other_bits = DumpAnonymousPrivate | DumpAnonymousShared |
                        DumpMappedPrivate | DumpMappedShared | DumpElfHeaders;
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(private_huge, other_bits));
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(shared_huge, other_bits));
  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(private_huge, DumpHugetlbPrivate));
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(private_huge, DumpHugetlbShared));
  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(shared_huge, DumpHugetlbShared));
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(shared_huge, DumpHugetlbPrivate));
  EXPECT_EQ(DumpExtent::Whole,
            ChooseDumpExtent(private_huge, DefaultCoreDumpFilter));
}

TEST(CoreMappingsTest, DumpsTheVdsoWhateverTheFilter) {
  CoreMapping vdso = Mapping("r-xp", "[vdso]");
  EXPECT_EQ(DumpExtent::Whole, ChooseDumpExtent(vdso, 0));
  vdso.DontDump = true;
  EXPECT_EQ(DumpExtent::Whole, ChooseDumpExtent(vdso, 0));
}

TEST(CoreMappingsTest, NeverDumpsWhatReadingCouldHarmOrNoReaderNeeds) {
  const unsigned every_bit = 0x7f;
  CoreMapping written = Written(Mapping("rw-p", ""));
  ASSERT_EQ(DumpExtent::Whole, ChooseDumpExtent(written, every_bit));

  CoreMapping dont_dump = written;
  dont_dump.DontDump = true;
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(dont_dump, every_bit));
  CoreMapping io = written;
  io.InputOutput = true;
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(io, every_bit));
  CoreMapping pfn = written;
  pfn.PfnMap = true;
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(pfn, every_bit));
  CoreMapping userfault = written;
  userfault.Userfault = true;
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(userfault, every_bit));
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(Written(Mapping("-w-p", "")), every_bit));
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(Mapping("---p", "/bin/ls"), every_bit));
  // Not even the ELF header of an unreadable file mapping.
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(Mapping("--xp", "/bin/ls"), DumpElfHeaders));

  CoreMapping vvar = Mapping("r--p", "[vvar]");
  vvar.InputOutput = vvar.PfnMap = vvar.DontDump = true;
  EXPECT_EQ(DumpExtent::None, ChooseDumpExtent(vvar, every_bit));
}

} // namespace

TEST(CoreMappingsTest, SkipsMemoryUnderAMinorFaultUserfaultfd) {
  // A minor-fault registration ("ui", as QEMU postcopy makes): a read of such
  // a page through process_vm_readv blocks until the handler serves it.
  llvm::Expected<std::vector<CoreMapping>> mappings =
      ParseSmaps("7fc5189ce000-7fc5189cf000 rw-s 00000000 00:01 16        "
                 "                 /memfd:guest (deleted)\n"
                 "VmFlags: rd wr sh mr mw me ms ui \n");
  ASSERT_TRUE(Ok(mappings));
  EXPECT_TRUE(mappings->front().Userfault);
  EXPECT_EQ(DumpExtent::None,
            ChooseDumpExtent(mappings->front(), DefaultCoreDumpFilter));
}

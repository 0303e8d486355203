//===-- ElfCoreNotesTest.cpp - The notes of an ELF core file --------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ElfCoreNotes.h"

#include "gtest/gtest.h"

#include "llvm/Support/Endian.h"

#include <cstring>

using namespace iothreads;

namespace {

// The offsets below are the kernel's elf_prstatus, elf_prpsinfo and
// (compat_)siginfo, as glibc's <sys/procfs.h> and <signal.h> lay them out
// for each class.

uint64_t Read(llvm::ArrayRef<uint8_t> bytes, size_t offset, unsigned size) {
  EXPECT_LE(offset + size, bytes.size());
  if (offset + size > bytes.size())
    return 0;
  uint8_t word[8] = {};
  std::memcpy(word, bytes.data() + offset, size);
  return llvm::support::endian::read64le(word);
}

std::string Text(llvm::ArrayRef<uint8_t> bytes, size_t offset, size_t size) {
  llvm::ArrayRef<uint8_t> field = bytes.slice(offset, size);
  return std::string(field.begin(), field.end());
}

bool AllZero(llvm::ArrayRef<uint8_t> bytes) {
  return llvm::all_of(bytes, [](uint8_t byte) { return byte == 0; });
}

TEST(ElfCoreNotesTest, PadsANotesNameAndDescriptionToFourBytes) {
  std::vector<uint8_t> notes;
  const uint8_t desc[] = {1, 2, 3, 4, 5};
  AppendNote(notes, "CORE", 1, desc);
  ASSERT_EQ(12u + 8 + 8, notes.size());
  EXPECT_EQ(5u, Read(notes, 0, 4));
  EXPECT_EQ(5u, Read(notes, 4, 4));
  EXPECT_EQ(1u, Read(notes, 8, 4));
  EXPECT_EQ(std::string("CORE\0\0\0\0", 8), Text(notes, 12, 8));
  EXPECT_EQ(std::string("\1\2\3\4\5\0\0\0", 8), Text(notes, 20, 8));

  // The next note follows; a name of three bytes and its NUL need no pad.
  const uint8_t build_id[] = {0xaa, 0xbb, 0xcc, 0xdd};
  AppendNote(notes, "GNU", 3, build_id);
  ASSERT_EQ(28u + 12 + 4 + 4, notes.size());
  EXPECT_EQ(4u, Read(notes, 28, 4));
  EXPECT_EQ(4u, Read(notes, 32, 4));
  EXPECT_EQ(3u, Read(notes, 36, 4));
  EXPECT_EQ(std::string("GNU\0", 4), Text(notes, 40, 4));
  EXPECT_EQ(0xddccbbaau, Read(notes, 44, 4));

  std::vector<uint8_t> empty;
  AppendNote(empty, "LINUX", 0x202, {});
  ASSERT_EQ(12u + 8, empty.size());
  EXPECT_EQ(6u, Read(empty, 0, 4));
  EXPECT_EQ(0u, Read(empty, 4, 4));
  EXPECT_EQ(0x202u, Read(empty, 8, 4));
  EXPECT_EQ(std::string("LINUX\0\0\0", 8), Text(empty, 12, 8));
}

/// Registers whose every value differs, with bits above 32 set.
user_regs_struct DistinctRegisters() {
  user_regs_struct regs;
  auto *words = reinterpret_cast<unsigned long long *>(&regs);
  for (size_t i = 0; i < sizeof(regs) / sizeof(*words); ++i)
    words[i] = 0xabcd000000000000ull | ((i + 1) * 0x01010101ull);
  return regs;
}

ThreadStatus AThreadStatus() {
  ThreadStatus status;
  status.Tid = 4243;
  status.Signal = SIGSEGV;
  status.SignalCode = SEGV_MAPERR;
  status.PendingSignals = 0x1122334455667788;
  status.HeldSignals = 0x0102030405060708;
  status.ParentPid = 4000;
  status.ProcessGroup = 4001;
  status.Session = 4002;
  status.Registers = DistinctRegisters();
  status.HasFloatingPoint = true;
  return status;
}

TEST(ElfCoreNotesTest, LaysOutAnX86_64ThreadStatus) {
  ThreadStatus status = AThreadStatus();
  std::vector<uint8_t> prstatus = EncodeThreadStatus(CoreClass::X86_64, status);
  ASSERT_EQ(336u, prstatus.size());
  EXPECT_EQ(unsigned(SIGSEGV), Read(prstatus, 0, 4));
  EXPECT_EQ(unsigned(SEGV_MAPERR), Read(prstatus, 4, 4));
  EXPECT_EQ(unsigned(SIGSEGV), Read(prstatus, 12, 2));
  EXPECT_EQ(0x1122334455667788u, Read(prstatus, 16, 8));
  EXPECT_EQ(0x0102030405060708u, Read(prstatus, 24, 8));
  EXPECT_EQ(4243u, Read(prstatus, 32, 4));
  EXPECT_EQ(4000u, Read(prstatus, 36, 4));
  EXPECT_EQ(4001u, Read(prstatus, 40, 4));
  EXPECT_EQ(4002u, Read(prstatus, 44, 4));
  EXPECT_TRUE(AllZero(llvm::ArrayRef(prstatus).slice(48, 64))) << "times";
  EXPECT_EQ(0, std::memcmp(prstatus.data() + 112, &status.Registers,
                           sizeof(status.Registers)));
  EXPECT_EQ(status.Registers.rip, Read(prstatus, 112 + 16 * 8, 8));
  EXPECT_EQ(1u, Read(prstatus, 328, 4));

  status.HasFloatingPoint = false;
  EXPECT_EQ(0u, Read(EncodeThreadStatus(CoreClass::X86_64, status), 328, 4));
}

TEST(ElfCoreNotesTest, LaysOutAnI386ThreadStatus) {
  ThreadStatus status = AThreadStatus();
  std::vector<uint8_t> prstatus = EncodeThreadStatus(CoreClass::I386, status);
  ASSERT_EQ(144u, prstatus.size());
  EXPECT_EQ(unsigned(SIGSEGV), Read(prstatus, 0, 4));
  EXPECT_EQ(unsigned(SEGV_MAPERR), Read(prstatus, 4, 4));
  EXPECT_EQ(unsigned(SIGSEGV), Read(prstatus, 12, 2));
  // 32-bit words: the signal sets keep their low halves.
  EXPECT_EQ(0x55667788u, Read(prstatus, 16, 4));
  EXPECT_EQ(0x05060708u, Read(prstatus, 20, 4));
  EXPECT_EQ(4243u, Read(prstatus, 24, 4));
  EXPECT_EQ(4000u, Read(prstatus, 28, 4));
  EXPECT_EQ(4001u, Read(prstatus, 32, 4));
  EXPECT_EQ(4002u, Read(prstatus, 36, 4));
  EXPECT_TRUE(AllZero(llvm::ArrayRef(prstatus).slice(40, 32))) << "times";
  std::array<uint32_t, 17> expected = ToI386Registers(status.Registers);
  for (size_t i = 0; i < expected.size(); ++i)
    EXPECT_EQ(expected[i], Read(prstatus, 72 + 4 * i, 4)) << "register " << i;
  EXPECT_EQ(uint32_t(status.Registers.rip), Read(prstatus, 72 + 12 * 4, 4));
  EXPECT_EQ(1u, Read(prstatus, 140, 4));
}

TEST(ElfCoreNotesTest, OrdersTheI386RegistersAsI386Does) {
  user_regs_struct regs = DistinctRegisters();
  std::array<uint32_t, 17> i386 = ToI386Registers(regs);
  const unsigned long long in_order[] = {
      regs.rbx, regs.rcx, regs.rdx,    regs.rsi, regs.rdi, regs.rbp,
      regs.rax, regs.ds,  regs.es,     regs.fs,  regs.gs,  regs.orig_rax,
      regs.rip, regs.cs,  regs.eflags, regs.rsp, regs.ss};
  for (size_t i = 0; i < i386.size(); ++i)
    EXPECT_EQ(uint32_t(in_order[i]), i386[i]) << "register " << i;
}

ProcessStatus AProcessStatus() {
  ProcessStatus status;
  status.Pid = 4243;
  status.ParentPid = 4000;
  status.ProcessGroup = 4001;
  status.Session = 4002;
  status.Uid = 1000;
  status.Gid = 1001;
  status.State = 'S';
  status.Nice = -5;
  status.Flags = 0x00400040;
  status.Arguments = "./prog --verbose input";
  return status;
}

TEST(ElfCoreNotesTest, LaysOutAnX86_64ProcessStatus) {
  std::vector<uint8_t> prpsinfo =
      EncodeProcessStatus(CoreClass::X86_64, AProcessStatus(), "prog");
  ASSERT_EQ(136u, prpsinfo.size());
  EXPECT_EQ(1u, Read(prpsinfo, 0, 1));
  EXPECT_EQ(uint64_t('S'), Read(prpsinfo, 1, 1));
  EXPECT_EQ(0u, Read(prpsinfo, 2, 1));
  EXPECT_EQ(uint8_t(-5), Read(prpsinfo, 3, 1));
  EXPECT_EQ(0x00400040u, Read(prpsinfo, 8, 8));
  EXPECT_EQ(1000u, Read(prpsinfo, 16, 4));
  EXPECT_EQ(1001u, Read(prpsinfo, 20, 4));
  EXPECT_EQ(4243u, Read(prpsinfo, 24, 4));
  EXPECT_EQ(4000u, Read(prpsinfo, 28, 4));
  EXPECT_EQ(4001u, Read(prpsinfo, 32, 4));
  EXPECT_EQ(4002u, Read(prpsinfo, 36, 4));
  EXPECT_EQ(std::string("prog", 5), Text(prpsinfo, 40, 5));
  EXPECT_EQ(std::string("./prog --verbose input", 23), Text(prpsinfo, 56, 23));
}

TEST(ElfCoreNotesTest, LaysOutAnI386ProcessStatus) {
  ProcessStatus status = AProcessStatus();
  status.Uid = 0x12345;
  std::vector<uint8_t> prpsinfo =
      EncodeProcessStatus(CoreClass::I386, status, "prog");
  ASSERT_EQ(124u, prpsinfo.size());
  EXPECT_EQ(uint64_t('S'), Read(prpsinfo, 1, 1));
  EXPECT_EQ(0x00400040u, Read(prpsinfo, 4, 4));
  // i386's uid and gid are 16 bits wide.
  EXPECT_EQ(0x2345u, Read(prpsinfo, 8, 2));
  EXPECT_EQ(1001u, Read(prpsinfo, 10, 2));
  EXPECT_EQ(4243u, Read(prpsinfo, 12, 4));
  EXPECT_EQ(4000u, Read(prpsinfo, 16, 4));
  EXPECT_EQ(4001u, Read(prpsinfo, 20, 4));
  EXPECT_EQ(4002u, Read(prpsinfo, 24, 4));
  EXPECT_EQ(std::string("prog", 5), Text(prpsinfo, 28, 5));
  EXPECT_EQ(std::string("./prog --verbose input", 23), Text(prpsinfo, 44, 23));
}

TEST(ElfCoreNotesTest, ReportsAZombieAndCutsLongNames) {
  ProcessStatus status = AProcessStatus();
  status.State = 'Z';
  status.Arguments = std::string(100, 'a');
  std::vector<uint8_t> prpsinfo =
      EncodeProcessStatus(CoreClass::X86_64, status, "a-name-of-twenty-bytes");
  ASSERT_EQ(136u, prpsinfo.size());
  EXPECT_EQ(4u, Read(prpsinfo, 0, 1));
  EXPECT_EQ(uint64_t('Z'), Read(prpsinfo, 1, 1));
  EXPECT_EQ(1u, Read(prpsinfo, 2, 1));
  // Cut as the kernel cuts them: each field ends with a NUL.
  EXPECT_EQ(std::string("a-name-of-twent\0", 16), Text(prpsinfo, 40, 16));
  EXPECT_EQ(std::string(79, 'a') + '\0', Text(prpsinfo, 56, 80));
}

std::vector<CoreMapping> SomeMappings() {
  auto mapping = [](uint64_t start, uint64_t end, uint64_t offset,
                    llvm::StringRef path, bool shared) {
    CoreMapping mapping;
    mapping.Start = start;
    mapping.End = end;
    mapping.Offset = offset;
    mapping.Path = path.str();
    mapping.Readable = true;
    mapping.Shared = shared;
    return mapping;
  };
  return {mapping(0x8048000, 0x8049000, 0, "/usr/bin/my tool", false),
          mapping(0x8049000, 0x804a000, 0x3000, "/usr/bin/my tool", false),
          mapping(0x804a000, 0x806b000, 0, "[heap]", false),
          mapping(0xf7000000, 0xf7001000, 0, "", false),
          mapping(0xf7001000, 0xf7002000, 0, "/memfd:ring (deleted)", true),
          mapping(0xf7100000, 0xf7105000, 0x2000, "/lib/libc.so.6", false)};
}

TEST(ElfCoreNotesTest, ListsMappingsWithFilesInX86_64Words) {
  std::vector<uint8_t> files =
      EncodeMappedFiles(CoreClass::X86_64, SomeMappings(), 4096);
  const std::string names("/usr/bin/my tool\0/usr/bin/my tool\0"
                          "/memfd:ring (deleted)\0/lib/libc.so.6\0",
                          71);
  ASSERT_EQ(2 * 8 + 4 * 3 * 8 + names.size(), files.size());
  EXPECT_EQ(4u, Read(files, 0, 8));
  EXPECT_EQ(4096u, Read(files, 8, 8));
  const uint64_t triples[][3] = {{0x8048000, 0x8049000, 0},
                                 {0x8049000, 0x804a000, 3},
                                 {0xf7001000, 0xf7002000, 0},
                                 {0xf7100000, 0xf7105000, 2}};
  for (size_t i = 0; i < 4; ++i)
    for (size_t j = 0; j < 3; ++j)
      EXPECT_EQ(triples[i][j], Read(files, 16 + 24 * i + 8 * j, 8))
          << "file " << i << " word " << j;
  EXPECT_EQ(names, Text(files, 16 + 96, names.size()));
}

TEST(ElfCoreNotesTest, ListsMappingsWithFilesInI386Words) {
  std::vector<uint8_t> files =
      EncodeMappedFiles(CoreClass::I386, SomeMappings(), 4096);
  const std::string names("/usr/bin/my tool\0/usr/bin/my tool\0"
                          "/memfd:ring (deleted)\0/lib/libc.so.6\0",
                          71);
  ASSERT_EQ(2 * 4 + 4 * 3 * 4 + names.size(), files.size());
  EXPECT_EQ(4u, Read(files, 0, 4));
  EXPECT_EQ(4096u, Read(files, 4, 4));
  const uint64_t triples[][3] = {{0x8048000, 0x8049000, 0},
                                 {0x8049000, 0x804a000, 3},
                                 {0xf7001000, 0xf7002000, 0},
                                 {0xf7100000, 0xf7105000, 2}};
  for (size_t i = 0; i < 4; ++i)
    for (size_t j = 0; j < 3; ++j)
      EXPECT_EQ(triples[i][j], Read(files, 8 + 12 * i + 4 * j, 4))
          << "file " << i << " word " << j;
  EXPECT_EQ(names, Text(files, 8 + 48, names.size()));
}

TEST(ElfCoreNotesTest, ListsNoFilesAsACountOfZero) {
  std::vector<uint8_t> files = EncodeMappedFiles(CoreClass::I386, {}, 4096);
  ASSERT_EQ(8u, files.size());
  EXPECT_EQ(0u, Read(files, 0, 4));
  EXPECT_EQ(4096u, Read(files, 4, 4));
}

TEST(ElfCoreNotesTest, KeepsAnX86_64SigInfoAsItIs) {
  siginfo_t info{};
  info.si_signo = SIGSEGV;
  info.si_code = SEGV_ACCERR;
  info.si_addr = reinterpret_cast<void *>(0x7fff12345678);
  std::vector<uint8_t> bytes = EncodeSignalInfo(CoreClass::X86_64, info);
  ASSERT_EQ(128u, bytes.size());
  EXPECT_EQ(0, std::memcmp(bytes.data(), &info, sizeof(info)));
  EXPECT_EQ(0x7fff12345678u, Read(bytes, 16, 8));
}

TEST(ElfCoreNotesTest, GivesAnI386FaultAddressIn32Bits) {
  siginfo_t info{};
  info.si_signo = SIGSEGV;
  info.si_errno = 7;
  info.si_code = SEGV_MAPERR;
  info.si_addr = reinterpret_cast<void *>(0xf7ff1234);
  std::vector<uint8_t> bytes = EncodeSignalInfo(CoreClass::I386, info);
  ASSERT_EQ(128u, bytes.size());
  EXPECT_EQ(unsigned(SIGSEGV), Read(bytes, 0, 4));
  EXPECT_EQ(7u, Read(bytes, 4, 4));
  EXPECT_EQ(unsigned(SEGV_MAPERR), Read(bytes, 8, 4));
  EXPECT_EQ(0xf7ff1234u, Read(bytes, 12, 4));
  EXPECT_TRUE(AllZero(llvm::ArrayRef(bytes).drop_front(16)));

  info.si_signo = SIGTRAP;
  info.si_code = TRAP_BRKPT;
  info.si_addr = reinterpret_cast<void *>(0x8048010);
  bytes = EncodeSignalInfo(CoreClass::I386, info);
  EXPECT_EQ(0x8048010u, Read(bytes, 12, 4));
}

TEST(ElfCoreNotesTest, GivesAnI386SendersPidAndUid) {
  siginfo_t info{};
  info.si_signo = SIGUSR1;
  info.si_code = SI_QUEUE;
  info.si_pid = 4242;
  info.si_uid = 1000;
  info.si_value.sival_int = 77;
  std::vector<uint8_t> bytes = EncodeSignalInfo(CoreClass::I386, info);
  ASSERT_EQ(128u, bytes.size());
  EXPECT_EQ(uint64_t(uint32_t(SI_QUEUE)), Read(bytes, 8, 4));
  EXPECT_EQ(4242u, Read(bytes, 12, 4));
  EXPECT_EQ(1000u, Read(bytes, 16, 4));
  EXPECT_EQ(77u, Read(bytes, 20, 4));
  EXPECT_TRUE(AllZero(llvm::ArrayRef(bytes).drop_front(24)));

  info.si_code = SI_TKILL;
  bytes = EncodeSignalInfo(CoreClass::I386, info);
  EXPECT_EQ(4242u, Read(bytes, 12, 4));
  EXPECT_EQ(1000u, Read(bytes, 16, 4));

  siginfo_t kill{};
  kill.si_signo = SIGTERM;
  kill.si_code = SI_USER;
  kill.si_pid = 4243;
  kill.si_uid = 1001;
  bytes = EncodeSignalInfo(CoreClass::I386, kill);
  EXPECT_EQ(4243u, Read(bytes, 12, 4));
  EXPECT_EQ(1001u, Read(bytes, 16, 4));
  EXPECT_TRUE(AllZero(llvm::ArrayRef(bytes).drop_front(20)));
}

TEST(ElfCoreNotesTest, GivesAnI386ChildsStatusAndATimersId) {
  siginfo_t child{};
  child.si_signo = SIGCHLD;
  child.si_code = CLD_EXITED;
  child.si_pid = 4244;
  child.si_uid = 1000;
  child.si_status = 3;
  std::vector<uint8_t> bytes = EncodeSignalInfo(CoreClass::I386, child);
  ASSERT_EQ(128u, bytes.size());
  EXPECT_EQ(4244u, Read(bytes, 12, 4));
  EXPECT_EQ(1000u, Read(bytes, 16, 4));
  EXPECT_EQ(3u, Read(bytes, 20, 4));

  siginfo_t timer{};
  timer.si_signo = SIGALRM;
  timer.si_code = SI_TIMER;
  timer.si_timerid = 5;
  timer.si_overrun = 2;
  timer.si_value.sival_int = 9;
  bytes = EncodeSignalInfo(CoreClass::I386, timer);
  ASSERT_EQ(128u, bytes.size());
  EXPECT_EQ(5u, Read(bytes, 12, 4));
  EXPECT_EQ(2u, Read(bytes, 16, 4));
  EXPECT_EQ(9u, Read(bytes, 20, 4));
}

} // namespace

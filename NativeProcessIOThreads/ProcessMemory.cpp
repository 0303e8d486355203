//===-- ProcessMemory.cpp - A process's memory, regions and modules -------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Memory is read and written through /proc/PID/mem (InferiorMemory); memory
// for lldb's expressions is mapped by an injected mmap (InferiorSyscall); the
// region map comes from /proc/PID/maps once per stop. Module paths reach the
// process's own files from here (TargetFiles.h), whatever its mount namespace.
//
//===----------------------------------------------------------------------===//

#include "InferiorSyscall.h"
#include "MemoryRegions.h"
#include "NativeProcessIOThreads.h"
#include "NativeProcessIOThreads/ExecutionMode.h"
#include "NativeProcessIOThreads/Manager.h"
#include "NativeProcessIOThreads/TargetFiles.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <sys/mman.h>

using namespace iothreads;
using namespace lldb_private;

Status NativeProcessIOThreads::ReadMemory(lldb::addr_t addr, void *buffer,
                                          size_t size, size_t &bytes_read) {
  llvm::Expected<size_t> done = Memory.Read(addr, buffer, size);
  bytes_read = done ? *done : 0;
  return Status(done.takeError());
}

Status NativeProcessIOThreads::WriteMemory(lldb::addr_t addr,
                                           const void *buffer, size_t size,
                                           size_t &bytes_written) {
  llvm::Expected<size_t> done = Memory.Write(addr, buffer, size);
  bytes_written = done ? *done : 0;
  KeepWrittenBytes(addr,
                   llvm::ArrayRef<uint8_t>(static_cast<const uint8_t *>(buffer),
                                           bytes_written));
  return Status(done.takeError());
}

llvm::Expected<NativeThreadIOThreads &>
NativeProcessIOThreads::SyscallThread() {
  if (GetState() != lldb::eStateStopped)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "process %" PRIu64 " must be stopped to map memory in it", GetID());
  // A thread in a group-stop would leave it by running the call, and the
  // job-control stop could not be restored.
  auto usable = [](NativeThreadIOThreads &thread) {
    return thread.IsTraced() && !thread.IsIoThread() &&
           thread.Tracee().IsStopped() &&
           thread.Tracee().GetGroupStopSignal() == 0;
  };
  if (NativeThreadIOThreads *current = FindThread(GetCurrentThreadID()))
    if (usable(*current))
      return *current;
  for (const auto &thread : m_threads)
    if (usable(Ours(thread)))
      return Ours(thread);
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "no thread of process %" PRIu64
      " can map memory: every one is stopped by job control; send it "
      "SIGCONT (process signal SIGCONT) first",
      GetID());
}

llvm::Expected<lldb::addr_t>
NativeProcessIOThreads::AllocateMemory(size_t size, uint32_t permissions) {
  llvm::Expected<NativeThreadIOThreads &> thread = SyscallThread();
  if (!thread)
    return thread.takeError();
  ExecutionMode mode = thread->GetExecutionMode();
  uint64_t protection = 0;
  if (permissions & lldb::ePermissionsReadable)
    protection |= PROT_READ;
  if (permissions & lldb::ePermissionsWritable)
    protection |= PROT_WRITE;
  if (permissions & lldb::ePermissionsExecutable)
    protection |= PROT_EXEC;
  constexpr uint64_t PrivateAnonymous = MAP_PRIVATE | MAP_ANONYMOUS;
  // mmap is call 9 on x86-64; i386 has mmap2 (192) with the same arguments.
  const uint64_t arguments[] = {0,
                                size,
                                protection,
                                PrivateAnonymous,
                                mode == ExecutionMode::X86_64
                                    ? static_cast<uint64_t>(-1)
                                    : uint64_t(0xffffffff),
                                0};
  llvm::Expected<uint64_t> addr =
      RunSyscall(thread->GetID(), Memory, Manager.GetWaiter(),
                 {mode, mode == ExecutionMode::X86_64 ? 9L : 192L, arguments});
  if (!addr)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot map %zu bytes in process %" PRIu64 ": %s", size, GetID(),
        llvm::toString(addr.takeError()).c_str());
  Allocations[*addr] = size;
  Regions.clear();
  return *addr;
}

llvm::Error NativeProcessIOThreads::DeallocateMemory(lldb::addr_t addr) {
  auto allocation = Allocations.find(addr);
  if (allocation == Allocations.end())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "0x%" PRIx64 " is not memory this server mapped", addr);
  llvm::Expected<NativeThreadIOThreads &> thread = SyscallThread();
  if (!thread)
    return thread.takeError();
  ExecutionMode mode = thread->GetExecutionMode();
  const uint64_t arguments[] = {addr, allocation->second};
  // munmap is call 11 on x86-64 and 91 on i386.
  llvm::Expected<uint64_t> result =
      RunSyscall(thread->GetID(), Memory, Manager.GetWaiter(),
                 {mode, mode == ExecutionMode::X86_64 ? 11L : 91L, arguments});
  if (!result)
    return result.takeError();
  Allocations.erase(allocation);
  Regions.clear();
  return llvm::Error::success();
}

void NativeProcessIOThreads::DoStopIDBumped(uint32_t) { Regions.clear(); }

llvm::Error NativeProcessIOThreads::LoadMemoryRegions() {
  if (!Regions.empty())
    return llvm::Error::success();
  auto maps = llvm::MemoryBuffer::getFileAsStream(
      llvm::formatv("/proc/{0}/maps", Memory.GetTask()));
  if (!maps)
    return llvm::createStringError(maps.getError(),
                                   "cannot read the memory map of process "
                                   "%" PRIu64,
                                   GetID());
  // Kept only whole: a map cut short by a parse error would answer later
  // questions wrongly until the next stop.
  llvm::Expected<std::vector<MemoryRegionInfo>> parsed =
      ParseMemoryRegions((*maps)->getBuffer());
  if (!parsed)
    return parsed.takeError();
  Regions = std::move(*parsed);
  return llvm::Error::success();
}

Status NativeProcessIOThreads::GetMemoryRegionInfo(lldb::addr_t addr,
                                                   MemoryRegionInfo &info) {
  if (llvm::Error error = LoadMemoryRegions())
    return Status(std::move(error));
  auto next = llvm::upper_bound(
      Regions, addr, [](lldb::addr_t addr, const MemoryRegionInfo &region) {
        return addr < region.GetRange().GetRangeBase();
      });
  if (next != Regions.begin() && std::prev(next)->GetRange().Contains(addr)) {
    info = *std::prev(next);
    return Status();
  }
  // An address between mappings: an unmapped region up to the next one.
  info.Clear();
  info.GetRange().SetRangeBase(addr);
  info.GetRange().SetRangeEnd(next == Regions.end()
                                  ? LLDB_INVALID_ADDRESS
                                  : next->GetRange().GetRangeBase());
  info.SetReadable(MemoryRegionInfo::eNo);
  info.SetWritable(MemoryRegionInfo::eNo);
  info.SetExecutable(MemoryRegionInfo::eNo);
  info.SetMapped(MemoryRegionInfo::eNo);
  return Status();
}

llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
NativeProcessIOThreads::GetAuxvData() const {
  return llvm::MemoryBuffer::getFileAsStream(
      llvm::formatv("/proc/{0}/auxv", Memory.GetTask()));
}

Status NativeProcessIOThreads::GetLoadedModuleFileSpec(const char *module_path,
                                                       FileSpec &file_spec) {
  if (llvm::Error error = LoadMemoryRegions())
    return Status(std::move(error));
  FileSpec wanted(module_path);
  for (const MemoryRegionInfo &region : Regions) {
    FileSpec mapped(region.GetName().GetStringRef());
    if (mapped.GetFilename() == wanted.GetFilename()) {
      // The mapping's name is the path from our root, which in another mount
      // namespace may lead to another file of that name, or to none.
      TargetFiles files(GetID());
      file_spec = files.SharesOurView() ? mapped
                                        : FileSpec(files.PathHere(module_path));
      return Status();
    }
  }
  return Status("module %s is not loaded in process %" PRIu64, module_path,
                GetID());
}

Status NativeProcessIOThreads::GetFileLoadAddress(const llvm::StringRef &name,
                                                  lldb::addr_t &load_addr) {
  if (llvm::Error error = LoadMemoryRegions())
    return Status(std::move(error));
  FileSpec wanted(name);
  // Regions are in address order, so the first mapping is the load address.
  for (const MemoryRegionInfo &region : Regions) {
    if (FileSpec(region.GetName().GetStringRef()).GetFilename() ==
        wanted.GetFilename()) {
      load_addr = region.GetRange().GetRangeBase();
      return Status();
    }
  }
  return Status("file %s is not loaded in process %" PRIu64, name.str().c_str(),
                GetID());
}

llvm::Expected<std::vector<SVR4LibraryInfo>>
NativeProcessIOThreads::GetLoadedSVR4Libraries() {
  auto libraries = NativeProcessELF::GetLoadedSVR4Libraries();
  if (!libraries)
    return libraries.takeError();
  // The dynamic linker names each library as the process sees it.
  TargetFiles files(GetID());
  if (!files.SharesOurView())
    for (SVR4LibraryInfo &library : *libraries)
      library.name = files.PathHere(library.name);
  return libraries;
}

//===-- ProcessSaveCore.cpp - qSaveCore: a core of the process -----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The core is what the kernel would write if the process crashed now, read
// without changing it: registers and signal state through ptrace, memory
// through /proc (never faulting in a page the process has not touched), and
// software breakpoints shown as the program's own bytes. Each thread is in
// its real mode: a 64-bit core keeps a thread running 32-bit code with its
// 32-bit selectors (cs 0x23), an i386 process gives an i386 core. io_uring
// threads have no user-mode state: their notes say so
// (docs/core-files.md).
//
//===----------------------------------------------------------------------===//

#include "CoreMappings.h"
#include "ElfCoreNotes.h"
#include "ElfCoreWriter.h"
#include "NativeProcessIOThreads.h"
#include "Ptrace.h"

#include "NativeProcessIOThreads/Procfs.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"
#include "lldb/Utility/State.h"
#include "llvm/BinaryFormat/ELF.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <fcntl.h>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;

namespace {

/// A thread's register notes other than NT_PRSTATUS: type and contents.
using FloatingPointNotes =
    std::vector<std::pair<uint32_t, std::vector<uint8_t>>>;

/// Reads a /proc file to its end. smaps comes in many reads, a record set
/// at a time, so Procfs's one-read shortcut does not apply.
llvm::Expected<std::string> ReadText(const llvm::Twine &path) {
  auto buffer = llvm::MemoryBuffer::getFileAsStream(path);
  if (!buffer)
    return llvm::createStringError(buffer.getError(), "cannot read %s: %s",
                                   path.str().c_str(),
                                   buffer.getError().message().c_str());
  return (*buffer)->getBuffer().str();
}

/// The selectors an io thread reports: it never runs user code, and the
/// kernel shows it as if in the process's own mode at address 0.
user_regs_struct IoThreadRegisters(CoreClass core) {
  user_regs_struct regs{};
  regs.cs = core == CoreClass::I386 ? 0x23 : 0x33;
  regs.ss = 0x2b;
  return regs;
}

/// The first word of /proc/PID/status's Uid: or Gid: line (the real id).
uint32_t RealId(llvm::StringRef status, llvm::StringRef key) {
  for (llvm::StringRef line : llvm::split(status, '\n')) {
    if (!line.consume_front(key))
      continue;
    uint32_t id = 0;
    line.trim().split('\t').first.getAsInteger(10, id);
    return id;
  }
  return 0;
}

llvm::Expected<ProcessStatus> ReadProcessStatus(pid_t pid) {
  llvm::Expected<TaskStat> stat = ReadTaskStat(pid, pid);
  if (!stat)
    return stat.takeError();
  ProcessStatus status;
  status.Pid = pid;
  status.ParentPid = stat->ParentPid;
  status.ProcessGroup = stat->ProcessGroup;
  status.Session = stat->Session;
  status.State = stat->State;
  status.Nice = stat->Nice;
  status.Flags = stat->Flags;
  if (llvm::Expected<std::string> text =
          ReadText(llvm::formatv("/proc/{0}/status", pid))) {
    status.Uid = RealId(*text, "Uid:");
    status.Gid = RealId(*text, "Gid:");
  } else {
    return text.takeError();
  }
  llvm::Expected<std::string> cmdline =
      ReadText(llvm::formatv("/proc/{0}/cmdline", pid));
  if (!cmdline)
    return cmdline.takeError();
  std::replace(cmdline->begin(), cmdline->end(), '\0', ' ');
  status.Arguments = llvm::StringRef(*cmdline).rtrim(' ').str();
  return status;
}

/// A thread's FPU notes, in the kernel's order; none if any cannot be read.
FloatingPointNotes ReadFloatingPointNotes(pid_t tid, CoreClass core) {
  using namespace llvm::ELF;
  Log *log = GetLog(LLDBLog::Process);
  FloatingPointNotes notes;
  auto fail = [&](llvm::Error error) {
    LLDB_LOG_ERROR(log, std::move(error), "core: thread {1}: {0}", tid);
    notes.clear();
    return notes;
  };
  if (core == CoreClass::X86_64) {
    user_fpregs_struct fxsave;
    if (llvm::Error error = ptrace::GetFloatingPointRegisters(tid, fxsave))
      return fail(std::move(error));
    const auto *bytes = reinterpret_cast<const uint8_t *>(&fxsave);
    notes.emplace_back(NT_FPREGSET,
                       std::vector<uint8_t>(bytes, bytes + sizeof(fxsave)));
  } else {
    // The kernel converts to the i386 layouts (fsave, 32-bit fxsave) for a
    // thread in 32-bit mode, the only mode an i386 thread has.
    for (auto [type, size] :
         {std::pair<uint32_t, size_t>{NT_FPREGSET, 108}, {NT_PRXFPREG, 512}}) {
      std::vector<uint8_t> area(size);
      if (llvm::Error error = ptrace::GetRegisterSet(tid, type, area))
        return fail(std::move(error));
      if (area.size() != size)
        return fail(llvm::createStringError(
            "its FPU state is not in 32-bit form (%zu bytes)", area.size()));
      notes.emplace_back(type, std::move(area));
    }
  }
  std::vector<uint8_t> xsave;
  if (llvm::Error error = ptrace::GetExtendedState(tid, xsave))
    return fail(std::move(error));
  notes.emplace_back(NT_X86_XSTATE, std::move(xsave));
  return notes;
}

} // namespace

void NativeProcessIOThreads::AppendThreadNotes(
    std::vector<uint8_t> &notes, NativeThreadIOThreads &thread, CoreClass core,
    const ProcessStatus &process, int signal,
    const std::vector<CoreMapping> *mappings) {
  // The reporting thread comes first and carries the process's notes.
  bool reporting = mappings != nullptr;
  Log *log = GetLog(LLDBLog::Process);
  pid_t tid = thread.GetID();
  ThreadStatus status;
  status.Tid = tid;
  status.ParentPid = process.ParentPid;
  status.ProcessGroup = process.ProcessGroup;
  status.Session = process.Session;
  if (llvm::Expected<TaskSignals> signals = ReadTaskSignals(GetID(), tid)) {
    status.PendingSignals = signals->Pending;
    status.HeldSignals = signals->Blocked;
  } else {
    LLDB_LOG_ERROR(log, signals.takeError(), "core: thread {1}: {0}", tid);
  }
  // Every thread carries the reporting thread's signal, as in the kernel's
  // cores: gdb takes the signal of the last thread it reads.
  status.Signal = signal;
  std::optional<siginfo_t> siginfo;
  if (reporting && signal) {
    if (llvm::Expected<siginfo_t> info = ptrace::GetSignalInfo(tid);
        info && info->si_signo == signal) {
      siginfo = *info;
      status.SignalCode = info->si_code;
    } else {
      llvm::consumeError(info.takeError());
    }
  }

  FloatingPointNotes registers;
  if (thread.IsIoThread() || !thread.IsTraced()) {
    status.Registers = IoThreadRegisters(core);
  } else if (llvm::Error error =
                 ptrace::GetGeneralRegisters(tid, status.Registers)) {
    // The thread stays listed; its zero registers say nothing was read.
    LLDB_LOG_ERROR(log, std::move(error), "core: thread {1}: {0}", tid);
  } else {
    registers = ReadFloatingPointNotes(tid, core);
    status.HasFloatingPoint = !registers.empty();
  }

  using namespace llvm::ELF;
  AppendNote(notes, "CORE", NT_PRSTATUS, EncodeThreadStatus(core, status));
  // Every thread gets a prpsinfo carrying its own name (comm, as the kernel
  // keeps it): lldb names a core's threads from it, and readers that keep
  // one prpsinfo take the process's fields, which all of them repeat.
  std::string name;
  if (llvm::Expected<TaskStat> stat = ReadTaskStat(GetID(), tid))
    name = stat->Name;
  else
    LLDB_LOG_ERROR(log, stat.takeError(), "core: thread {1}: {0}", tid);
  AppendNote(notes, "CORE", NT_PRPSINFO,
             EncodeProcessStatus(core, process, name));
  if (reporting) {
    if (!siginfo) {
      siginfo.emplace();
      siginfo->si_signo = signal;
    }
    AppendNote(notes, "CORE", NT_SIGINFO, EncodeSignalInfo(core, *siginfo));
    if (auto auxv = GetAuxvData())
      AppendNote(notes, "CORE", NT_AUXV,
                 llvm::arrayRefFromStringRef((*auxv)->getBuffer()));
    AppendNote(notes, "CORE", NT_FILE,
               EncodeMappedFiles(core, *mappings, ::getpagesize()));
  }
  for (auto &[type, desc] : registers)
    AppendNote(notes,
               type == NT_X86_XSTATE || type == NT_PRXFPREG ? "LINUX" : "CORE",
               type, desc);
}

namespace {

/// Reads a stopped process's memory for its core. Pages of private
/// anonymous memory the process never touched (neither present nor swapped
/// in /proc/PID/pagemap) are left zero without a read, which would fault
/// them in.
class CoreMemory {
public:
  CoreMemory(InferiorMemory &memory, pid_t task, uint64_t page_size)
      : Memory(memory), PageSize(page_size),
        Pagemap(::open(llvm::formatv("/proc/{0}/pagemap", task).str().c_str(),
                       O_RDONLY | O_CLOEXEC)) {}
  ~CoreMemory() {
    if (Pagemap >= 0)
      ::close(Pagemap);
  }
  CoreMemory(const CoreMemory &) = delete;
  CoreMemory &operator=(const CoreMemory &) = delete;

  void Read(uint64_t addr, llvm::MutableArrayRef<uint8_t> buffer,
            bool skip_untouched) {
    std::vector<bool> touched = Touched(addr, buffer.size(), skip_untouched);
    for (size_t page = 0; page * PageSize < buffer.size();) {
      if (!touched[page]) {
        ++page;
        continue;
      }
      size_t end = page + 1;
      while (end < touched.size() && touched[end])
        ++end;
      ReadRun(
          addr + page * PageSize,
          buffer.slice(page * PageSize).take_front((end - page) * PageSize));
      page = end;
    }
  }

private:
  /// Which pages of [addr, addr + size) hold memory to read.
  std::vector<bool> Touched(uint64_t addr, size_t size, bool skip_untouched) {
    size_t pages = (size + PageSize - 1) / PageSize;
    std::vector<bool> touched(pages, true);
    if (!skip_untouched || Pagemap < 0)
      return touched;
    std::vector<uint64_t> entries(pages);
    ssize_t got = ::pread(Pagemap, entries.data(), pages * sizeof(uint64_t),
                          addr / PageSize * sizeof(uint64_t));
    if (got != ssize_t(pages * sizeof(uint64_t)))
      return touched;
    constexpr uint64_t Present = 1ull << 63, Swapped = 1ull << 62;
    for (size_t page = 0; page < pages; ++page)
      touched[page] = entries[page] & (Present | Swapped);
    return touched;
  }

  /// Reads what can be read; a page that cannot stays zero.
  void ReadRun(uint64_t addr, llvm::MutableArrayRef<uint8_t> buffer) {
    size_t done = 0;
    while (done < buffer.size()) {
      llvm::Expected<size_t> got =
          Memory.Read(addr + done, buffer.data() + done, buffer.size() - done);
      if (!got || *got == 0) {
        llvm::consumeError(got.takeError());
        done = (done / PageSize + 1) * PageSize;
        continue;
      }
      done += *got;
    }
  }

  InferiorMemory &Memory;
  uint64_t PageSize;
  int Pagemap;
};

uint32_t SegmentFlags(const CoreMapping &mapping) {
  using namespace llvm::ELF;
  return (mapping.Readable ? uint32_t(PF_R) : 0) |
         (mapping.Writable ? uint32_t(PF_W) : 0) |
         (mapping.Executable ? uint32_t(PF_X) : 0);
}

/// The process's coredump_filter, the kernel's default when unreadable.
unsigned ReadCoreDumpFilter(pid_t pid) {
  unsigned filter = DefaultCoreDumpFilter;
  if (llvm::Expected<std::string> text =
          ReadText(llvm::formatv("/proc/{0}/coredump_filter", pid)))
    llvm::StringRef(*text).trim().getAsInteger(16, filter);
  else
    llvm::consumeError(text.takeError());
  return filter;
}

} // namespace

std::string NativeProcessIOThreads::ChooseCorePath(llvm::StringRef path_hint) {
  // A client that downloads the core (through a platform) names a path on
  // its own machine; the core is written where it can fetch it.
  if (!path_hint.empty() && !Manager.GetCoreDirectory())
    return path_hint.str();
  llvm::SmallString<128> path(Manager.GetCoreDirectory().value_or(""));
  if (path.empty())
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true, path);
  llvm::sys::path::append(path, llvm::formatv("core.{0}", GetID()).str());
  return std::string(path);
}

llvm::Expected<std::string>
NativeProcessIOThreads::SaveCore(llvm::StringRef path_hint) {
  if (!StateIsStoppedState(GetState(), /*must_exist=*/true))
    return llvm::createStringError(
        "process %" PRIu64 " must be stopped to save a core", GetID());
  if (path_hint.contains('\0'))
    return llvm::createStringError("a core file path cannot hold a NUL");
  CoreClass core =
      Arch.GetAddressByteSize() == 4 ? CoreClass::I386 : CoreClass::X86_64;
  uint64_t page_size = ::getpagesize();
  pid_t task = Memory.GetTask();

  llvm::Expected<std::string> smaps =
      ReadText(llvm::formatv("/proc/{0}/smaps", task));
  if (!smaps)
    return smaps.takeError();
  llvm::Expected<std::vector<CoreMapping>> mappings = ParseSmaps(*smaps);
  if (!mappings)
    return mappings.takeError();
  llvm::Expected<ProcessStatus> process = ReadProcessStatus(GetID());
  if (!process)
    return process.takeError();

  // The reporting thread first, as the kernel puts the crashing one.
  std::vector<NativeThreadIOThreads *> threads;
  for (const auto &thread : m_threads)
    threads.push_back(&Ours(thread));
  std::stable_partition(threads.begin(), threads.end(), [&](auto *thread) {
    return thread->GetID() == GetCurrentThreadID();
  });
  ThreadStopInfo stop;
  std::string description;
  int signal = 0;
  if (!threads.empty() && threads.front()->GetStopReason(stop, description))
    signal = stop.signo;
  std::vector<uint8_t> notes;
  for (NativeThreadIOThreads *thread : threads)
    AppendThreadNotes(notes, *thread, core, *process, signal,
                      thread == threads.front() ? &*mappings : nullptr);

  unsigned filter = ReadCoreDumpFilter(task);
  std::vector<CoreSegment> segments;
  for (const CoreMapping &mapping : *mappings) {
    CoreSegment segment{mapping.Start, mapping.Size(), 0,
                        SegmentFlags(mapping)};
    switch (ChooseDumpExtent(mapping, filter)) {
    case DumpExtent::None:
      break;
    case DumpExtent::Whole:
      segment.DumpSize = mapping.Size();
      break;
    case DumpExtent::ElfHeaderPage: {
      char magic[4] = {};
      size_t read = 0;
      if (ReadMemory(mapping.Start, magic, sizeof(magic), read).Success() &&
          read == sizeof(magic) &&
          llvm::StringRef(magic, 4) == llvm::StringRef(llvm::ELF::ElfMagic, 4))
        segment.DumpSize = std::min(page_size, mapping.Size());
      break;
    }
    }
    segments.push_back(segment);
  }

  std::string path = ChooseCorePath(path_hint);
  // Written beside its final name, then renamed: a failed save leaves no
  // half-written core, and an existing file is replaced whole.
  int fd = -1;
  llvm::SmallString<128> partial;
  if (std::error_code error = llvm::sys::fs::createUniqueFile(
          path + ".partial-%%%%%%", fd, partial, llvm::sys::fs::OF_None,
          /*Mode=*/0600))
    return llvm::createStringError(error, "cannot write the core file %s: %s",
                                   path.c_str(), error.message().c_str());
  CoreMemory memory(Memory, task, page_size);
  auto read = [&](uint64_t addr, llvm::MutableArrayRef<uint8_t> buffer) {
    auto mapping = llvm::upper_bound(
        *mappings, addr,
        [](uint64_t addr, const CoreMapping &m) { return addr < m.End; });
    bool anonymous_private = mapping != mappings->end() && !mapping->Shared &&
                             !mapping->IsFile() && mapping->Path != "[vdso]";
    memory.Read(addr, buffer, anonymous_private);
    ShowOriginalBytes(addr, buffer);
    return llvm::Error::success();
  };
  llvm::Error written =
      WriteElfCore(fd, core, page_size, notes, segments, read);
  if (::close(fd) != 0 && !written)
    written =
        llvm::errorCodeToError(std::error_code(errno, std::generic_category()));
  if (!written)
    written = llvm::errorCodeToError(llvm::sys::fs::rename(partial, path));
  if (written) {
    llvm::sys::fs::remove(partial);
    return llvm::createStringError("cannot write the core file %s: %s",
                                   path.c_str(),
                                   llvm::toString(std::move(written)).c_str());
  }
  return path;
}

void NativeProcessIOThreads::ShowOriginalBytes(
    uint64_t addr, llvm::MutableArrayRef<uint8_t> buffer) {
  for (const auto &[at, breakpoint] : m_software_breakpoints) {
    for (size_t i = 0; i < breakpoint.saved_opcodes.size(); ++i)
      if (at + i >= addr && at + i < addr + buffer.size())
        buffer[at + i - addr] = breakpoint.saved_opcodes[i];
  }
}

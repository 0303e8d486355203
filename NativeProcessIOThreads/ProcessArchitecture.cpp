//===-- ProcessArchitecture.cpp - The architecture of a process image -----===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ProcessArchitecture.h"

#include "NativeProcessIOThreads/Procfs.h"

#include "lldb/Host/HostInfo.h"
#include "llvm/Support/FormatVariadic.h"

#include <cerrno>
#include <cstring>
#include <elf.h>
#include <fcntl.h>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;

/// Opens the program \p pid runs. A leader that has exited while other
/// threads run is a zombie whose exe link is gone (ENOENT); a live thread's
/// link still names the program.
static int OpenProgram(pid_t pid) {
  int fd = ::open(llvm::formatv("/proc/{0}/exe", pid).str().c_str(),
                  O_RDONLY | O_CLOEXEC);
  if (fd >= 0 || errno != ENOENT)
    return fd;
  int leader_error = errno;
  llvm::Expected<std::vector<pid_t>> tids = ListTasks(pid);
  if (!tids) {
    llvm::consumeError(tids.takeError());
    tids = std::vector<pid_t>();
  }
  for (pid_t tid : *tids) {
    fd = ::open(llvm::formatv("/proc/{0}/task/{1}/exe", pid, tid).str().c_str(),
                O_RDONLY | O_CLOEXEC);
    if (fd >= 0)
      return fd;
  }
  errno = leader_error;
  return -1;
}

llvm::Expected<ArchSpec> iothreads::ReadProcessArchitecture(pid_t pid) {
  int fd = OpenProgram(pid);
  if (fd < 0)
    return llvm::createStringError(
        std::error_code(errno, std::generic_category()),
        "cannot read the program of process %d: %s", pid, std::strerror(errno));
  // The fields read here sit at the same offsets in both ELF classes.
  Elf32_Ehdr header;
  ssize_t got = ::pread(fd, &header, sizeof(header), 0);
  ::close(fd);
  if (got != static_cast<ssize_t>(sizeof(header)) ||
      std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "the program of process %d is not ELF", pid);
  if (header.e_ident[EI_CLASS] == ELFCLASS64 && header.e_machine == EM_X86_64)
    return HostInfo::GetArchitecture(HostInfo::eArchKind64);
  if (header.e_ident[EI_CLASS] == ELFCLASS32 && header.e_machine == EM_386)
    return HostInfo::GetArchitecture(HostInfo::eArchKind32);
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "process %d runs ELF machine %u, which this server does not debug", pid,
      header.e_machine);
}

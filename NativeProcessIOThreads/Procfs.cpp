//===-- Procfs.cpp - Reading a process's tasks from /proc -----------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads/Procfs.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/FormatVariadic.h"

#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace iothreads;

namespace {

llvm::Error ProcError(const llvm::Twine &what, int error) {
  return llvm::createStringError(
      std::error_code(error, std::generic_category()),
      (what + ": " + std::strerror(error)).str());
}

} // namespace

llvm::Expected<std::string> iothreads::ReadProcFile(const llvm::Twine &path) {
  llvm::SmallString<64> storage;
  int fd = ::open(path.toNullTerminatedStringRef(storage).data(),
                  O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return ProcError("cannot read " + path, errno);
  std::string text;
  char buffer[4096];
  for (;;) {
    ssize_t got = ::read(fd, buffer, sizeof(buffer));
    if (got < 0 && errno == EINTR)
      continue;
    if (got < 0) {
      int error = errno;
      ::close(fd);
      return ProcError("cannot read " + path, error);
    }
    text.append(buffer, got);
    if (static_cast<size_t>(got) < sizeof(buffer))
      break;
  }
  ::close(fd);
  return text;
}

llvm::Expected<TaskStat> iothreads::ParseTaskStat(llvm::StringRef text) {
  auto malformed = [&] {
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "malformed stat line: '%s'",
                                   text.trim().str().c_str());
  };
  // The name sits between the first '(' and the last ')': a name can itself
  // contain both.
  size_t open = text.find('(');
  size_t close = text.rfind(')');
  if (open == llvm::StringRef::npos || close == llvm::StringRef::npos ||
      close < open)
    return malformed();

  TaskStat stat;
  if (text.take_front(open).trim().getAsInteger(10, stat.Tid))
    return malformed();
  stat.Name = text.slice(open + 1, close).str();

  llvm::SmallVector<llvm::StringRef, 18> fields;
  // Fields after the name start at field 3 (state); flags is field 9, nice
  // field 19.
  text.drop_front(close + 1).ltrim().split(fields, ' ', /*MaxSplit=*/17,
                                           /*KeepEmpty=*/false);
  if (fields.size() < 7 || fields[0].size() != 1)
    return malformed();
  stat.State = fields[0][0];
  if (fields[1].getAsInteger(10, stat.ParentPid) ||
      fields[2].getAsInteger(10, stat.ProcessGroup) ||
      fields[3].getAsInteger(10, stat.Session) ||
      fields[6].getAsInteger(10, stat.Flags) ||
      (fields.size() > 16 && fields[16].getAsInteger(10, stat.Nice)))
    return malformed();
  return stat;
}

/// /proc/PID/task/TID/NAME.
static std::string TaskFilePath(pid_t pid, pid_t tid, llvm::StringRef name) {
  return llvm::formatv("/proc/{0}/task/{1}/{2}", pid, tid, name).str();
}

std::string iothreads::ReadTaskWaitChannel(pid_t pid, pid_t tid) {
  llvm::Expected<std::string> text =
      ReadProcFile(TaskFilePath(pid, tid, "wchan"));
  if (!text) {
    llvm::consumeError(text.takeError());
    return "";
  }
  llvm::StringRef channel = llvm::StringRef(*text).trim();
  // A running thread, or a kernel that hides addresses, answers "0".
  return channel == "0" ? "" : channel.str();
}

llvm::Expected<TaskStat> iothreads::ReadTaskStat(pid_t pid, pid_t tid) {
  llvm::Expected<std::string> text =
      ReadProcFile(TaskFilePath(pid, tid, "stat"));
  if (!text)
    return text.takeError();
  return ParseTaskStat(*text);
}

/// Whether a name file opened as \p fd may stay open: below half the soft
/// limit, so sockets, modules and memory files always find a descriptor.
static bool MayKeepOpen(int fd) {
  static const rlim_t budget = [] {
    rlimit limit;
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0)
      return rlim_t(0);
    return limit.rlim_cur == RLIM_INFINITY ? limit.rlim_cur
                                           : limit.rlim_cur / 2;
  }();
  return static_cast<rlim_t>(fd) < budget;
}

TaskNameFile::~TaskNameFile() {
  if (Fd >= 0)
    ::close(Fd);
}

llvm::Expected<std::string> TaskNameFile::Read() {
  auto path = [&] { return TaskFilePath(Pid, Tid, "comm"); };
  int fd = Fd;
  if (fd < 0) {
    fd = ::open(path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0)
      return ProcError("cannot read " + path(), errno);
    if (MayKeepOpen(fd))
      Fd = fd;
  }
  char buffer[256];
  ssize_t got;
  do
    got = ::pread(fd, buffer, sizeof(buffer), 0);
  while (got < 0 && errno == EINTR);
  int error = errno;
  if (fd != Fd)
    ::close(fd);
  if (got < 0)
    return ProcError("cannot read " + path(), error);
  return llvm::StringRef(buffer, got).rtrim('\n').str();
}

/// The numeric entries of the /proc directory \p path, in order.
static llvm::Expected<std::vector<pid_t>> ListIds(const std::string &path) {
  DIR *dir = ::opendir(path.c_str());
  if (!dir)
    return ProcError("cannot list " + path, errno);
  std::vector<pid_t> tids;
  while (const dirent *entry = ::readdir(dir)) {
    pid_t tid;
    if (!llvm::StringRef(entry->d_name).getAsInteger(10, tid))
      tids.push_back(tid);
  }
  ::closedir(dir);
  llvm::sort(tids);
  return tids;
}

llvm::Expected<std::vector<pid_t>> iothreads::ListTasks(pid_t pid) {
  return ListIds(llvm::formatv("/proc/{0}/task", pid).str());
}

llvm::Expected<std::vector<pid_t>> iothreads::ListProcesses() {
  return ListIds("/proc");
}

std::optional<size_t> iothreads::CountTasks(pid_t pid) {
  struct stat status;
  std::string path = llvm::formatv("/proc/{0}/task", pid).str();
  // procfs gives the directory 2 links of its own, plus one per thread
  // while the process lives.
  if (::stat(path.c_str(), &status) != 0 || status.st_nlink <= 2)
    return std::nullopt;
  return status.st_nlink - 2;
}

std::optional<llvm::StringRef> iothreads::StatusField(llvm::StringRef text,
                                                      llvm::StringRef name) {
  for (llvm::StringRef rest = text; !rest.empty();) {
    llvm::StringRef line;
    std::tie(line, rest) = rest.split('\n');
    if (line.consume_front(name) && line.consume_front(":"))
      return line.trim();
  }
  return std::nullopt;
}

std::optional<pid_t> iothreads::ReadStatusPid(const llvm::Twine &path,
                                              llvm::StringRef name) {
  llvm::Expected<std::string> text = ReadProcFile(path);
  if (!text) {
    llvm::consumeError(text.takeError());
    return std::nullopt;
  }
  std::optional<llvm::StringRef> value = StatusField(*text, name);
  pid_t number;
  if (!value || value->getAsInteger(10, number))
    return std::nullopt;
  return number;
}

std::optional<pid_t> iothreads::ReadTracerPid(pid_t pid) {
  return ReadStatusPid(llvm::formatv("/proc/{0}/status", pid), "TracerPid");
}

std::optional<pid_t> iothreads::ReadTracerPid(pid_t pid, pid_t tid) {
  return ReadStatusPid(TaskFilePath(pid, tid, "status"), "TracerPid");
}

llvm::Expected<TaskSignals> iothreads::ParseTaskSignals(llvm::StringRef text) {
  TaskSignals signals;
  uint64_t thread_pending = 0, shared_pending = 0;
  const std::pair<llvm::StringRef, uint64_t *> fields[] = {
      {"SigPnd", &thread_pending},
      {"ShdPnd", &shared_pending},
      {"SigBlk", &signals.Blocked},
      {"SigIgn", &signals.Ignored},
      {"SigCgt", &signals.Caught}};
  for (const auto &[name, set] : fields) {
    std::optional<llvm::StringRef> value = StatusField(text, name);
    if (!value || value->getAsInteger(16, *set))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "a status file without its signal sets");
  }
  signals.Pending = thread_pending | shared_pending;
  return signals;
}

llvm::Expected<TaskSignals> iothreads::ReadTaskSignals(pid_t pid, pid_t tid) {
  llvm::Expected<std::string> text =
      ReadProcFile(TaskFilePath(pid, tid, "status"));
  if (!text)
    return text.takeError();
  return ParseTaskSignals(*text);
}

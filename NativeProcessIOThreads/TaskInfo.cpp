//===-- TaskInfo.cpp - What a task of a process is ------------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeProcessIOThreads/TaskInfo.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cerrno>
#include <climits>
#include <cstring>
#include <dirent.h>
#include <unistd.h>

using namespace iothreads;

llvm::StringRef iothreads::TaskKindName(TaskKind kind) {
  switch (kind) {
  case TaskKind::User:
    return "user";
  case TaskKind::IoWorker:
    return "io-wq-worker";
  case TaskKind::SqPoller:
    return "sqpoll";
  }
  return "unknown";
}

bool TaskInfo::IsIncomplete() const {
  switch (Kind) {
  case TaskKind::User:
    return false;
  case TaskKind::SqPoller:
    return !RingFd;
  case TaskKind::IoWorker:
    return !Creator;
  }
  return false;
}

TaskInfo iothreads::ClassifyTask(const TaskStat &stat,
                                 llvm::ArrayRef<IoUringRing> rings) {
  TaskInfo info;
  info.Tid = stat.Tid;
  info.Name = stat.Name;
  if (!(stat.Flags & IoWorkerTaskFlag))
    return info;

  const IoUringRing *polled =
      llvm::find_if(rings, [&](const IoUringRing &ring) {
        return ring.SqThread == stat.Tid;
      });
  if (polled != rings.end()) {
    info.Kind = TaskKind::SqPoller;
    info.RingFd = polled->Fd;
    return info;
  }
  // fdinfo names the poller only when the kernel's trylock of the poller's
  // lock succeeds, which a busy poller defeats; its name says it too.
  llvm::StringRef name = stat.Name;
  if (name.starts_with("iou-sqp-")) {
    info.Kind = TaskKind::SqPoller;
    return info;
  }
  info.Kind = TaskKind::IoWorker;
  // The kernel names a worker after the task it serves, "iou-wrk-<tid>"; no
  // other interface tells, so the creator is read from there when present.
  pid_t creator;
  if (name.consume_front("iou-wrk-") && !name.getAsInteger(10, creator))
    info.Creator = creator;
  return info;
}

std::optional<pid_t> iothreads::ParseSqThread(llvm::StringRef fdinfo) {
  while (!fdinfo.empty()) {
    llvm::StringRef line;
    std::tie(line, fdinfo) = fdinfo.split('\n');
    pid_t tid;
    if (line.consume_front("SqThread:") && !line.trim().getAsInteger(10, tid) &&
        tid > 0)
      return tid;
  }
  return std::nullopt;
}

llvm::Expected<std::vector<IoUringRing>>
iothreads::ListIoUringRings(pid_t pid) {
  std::string fd_dir = llvm::formatv("/proc/{0}/fd", pid).str();
  DIR *dir = ::opendir(fd_dir.c_str());
  if (!dir)
    return llvm::createStringError(
        std::error_code(errno, std::generic_category()), "cannot list %s: %s",
        fd_dir.c_str(), std::strerror(errno));
  std::vector<IoUringRing> rings;
  while (const dirent *entry = ::readdir(dir)) {
    int fd;
    if (llvm::StringRef(entry->d_name).getAsInteger(10, fd))
      continue;
    char target[64];
    std::string link = fd_dir + "/" + entry->d_name;
    ssize_t length = ::readlink(link.c_str(), target, sizeof(target));
    if (length <= 0 ||
        llvm::StringRef(target, length) != "anon_inode:[io_uring]")
      continue;
    IoUringRing ring;
    ring.Fd = fd;
    if (auto fdinfo = llvm::MemoryBuffer::getFileAsStream(
            llvm::formatv("/proc/{0}/fdinfo/{1}", pid, fd)))
      ring.SqThread = ParseSqThread((*fdinfo)->getBuffer());
    rings.push_back(ring);
  }
  ::closedir(dir);
  llvm::sort(rings, [](const IoUringRing &a, const IoUringRing &b) {
    return a.Fd < b.Fd;
  });
  return rings;
}

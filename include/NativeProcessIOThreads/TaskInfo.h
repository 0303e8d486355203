//===-- TaskInfo.h - What a task of a process is ----------------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// io_uring runs work on kernel-created threads of the process: io-wq workers
// (iou-wrk-*) and SQPOLL pollers (iou-sqp-*). They never run user code. The
// kernel marks them with PF_IO_WORKER in their stat flags; that flag, not the
// name, is what makes a task an io thread.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_TASKINFO_H
#define NATIVEPROCESSIOTHREADS_TASKINFO_H

#include "NativeProcessIOThreads/Procfs.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>
#include <sys/types.h>

namespace iothreads {

/// PF_IO_WORKER from the kernel's include/linux/sched.h.
inline constexpr unsigned long IoWorkerTaskFlag = 0x10;

enum class TaskKind {
  /// An ordinary thread running the program's code.
  User,
  /// An io-wq worker running blocking io_uring requests.
  IoWorker,
  /// The submission queue poller of an IORING_SETUP_SQPOLL ring.
  SqPoller,
};

/// "user", "io-wq-worker" or "sqpoll": the names the topology JSON uses.
llvm::StringRef TaskKindName(TaskKind kind);

/// An io_uring instance the process holds open.
struct IoUringRing {
  int Fd = -1;
  /// The tid of its SQPOLL thread; none for a ring without SQPOLL.
  std::optional<pid_t> SqThread;
};

struct TaskInfo {
  pid_t Tid = 0;
  std::string Name;
  TaskKind Kind = TaskKind::User;
  /// For an io-wq worker, the thread whose requests it serves.
  std::optional<pid_t> Creator;
  /// For an SQPOLL thread, the ring fd it polls.
  std::optional<int> RingFd;

  bool IsIoThread() const { return Kind != TaskKind::User; }
  /// An io thread seen before the kernel finished naming it, or a poller
  /// whose ring fdinfo did not name yet: worth classifying again later.
  bool IsIncomplete() const;
};

/// Classifies a task from its stat line and the process's rings.
TaskInfo ClassifyTask(const TaskStat &stat, llvm::ArrayRef<IoUringRing> rings);

/// The SqThread of an io_uring fdinfo text: none when absent or -1.
std::optional<pid_t> ParseSqThread(llvm::StringRef fdinfo);

/// The io_uring fds of a process, from /proc/PID/fd and /proc/PID/fdinfo.
llvm::Expected<std::vector<IoUringRing>> ListIoUringRings(pid_t pid);

} // namespace iothreads

#endif

//===-- Procfs.h - Reading a process's tasks from /proc ---------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_PROCFS_H
#define NATIVEPROCESSIOTHREADS_PROCFS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iothreads {

/// The fields of /proc/PID/task/TID/stat this project uses.
struct TaskStat {
  pid_t Tid = 0;
  /// The comm name; it may hold spaces and parentheses.
  std::string Name;
  /// The one-letter scheduler state: R, S, D, T, t, Z, X, ...
  char State = '?';
  pid_t ParentPid = 0;
  pid_t ProcessGroup = 0;
  pid_t Session = 0;
  /// The kernel's task flags (PF_*), field 9.
  unsigned long Flags = 0;
  /// Field 19.
  int Nice = 0;
};

/// Parses the text of a stat file. Fails on text that is not one.
llvm::Expected<TaskStat> ParseTaskStat(llvm::StringRef text);

llvm::Expected<TaskStat> ReadTaskStat(pid_t pid, pid_t tid);

/// A thread's comm file, held open while descriptors are plentiful: each
/// read of the name is then one pread instead of an open, a read and a
/// close (with the path walk, the costliest of the three). Names are read
/// for every thread at every stop. Threads beyond the budget of descriptors
/// (half the soft limit, so the server never runs out) reopen each time.
class TaskNameFile {
public:
  TaskNameFile(pid_t pid, pid_t tid) : Pid(pid), Tid(tid) {}
  ~TaskNameFile();
  TaskNameFile(const TaskNameFile &) = delete;
  TaskNameFile &operator=(const TaskNameFile &) = delete;

  /// The name as it is now, without the newline.
  llvm::Expected<std::string> Read();
  bool IsHeldOpen() const { return Fd >= 0; }

private:
  pid_t Pid;
  pid_t Tid;
  int Fd = -1;
};

/// The tids listed in /proc/PID/task, in ascending order.
llvm::Expected<std::vector<pid_t>> ListTasks(pid_t pid);

/// The pids of the processes this PID namespace shows, in order.
llvm::Expected<std::vector<pid_t>> ListProcesses();

/// How many threads the kernel counts in process \p pid's thread group
/// (exited ones not yet reaped included), from the link count procfs gives
/// /proc/PID/task: 2 + that count. One stat, where a listing reads an entry
/// per thread. None when the process is gone.
std::optional<size_t> CountTasks(pid_t pid);

/// Reads a small /proc file in as few system calls as it takes: these are
/// read for every thread. The kernel produces such a file whole on the
/// first read, so a read that leaves room in the buffer has reached the end
/// (/proc files report size 0, and a read for the EOF would cost one more
/// call).
llvm::Expected<std::string> ReadProcFile(const llvm::Twine &path);

/// The value of the "NAME:" line of a /proc status file, trimmed.
std::optional<llvm::StringRef> StatusField(llvm::StringRef text,
                                           llvm::StringRef name);

/// The pid in the "NAME:" line (Tgid, TracerPid, ...) of the status file at
/// \p path.
std::optional<pid_t> ReadStatusPid(const llvm::Twine &path,
                                   llvm::StringRef name);

/// The TracerPid line of /proc/PID/status; 0 when nobody traces the process.
std::optional<pid_t> ReadTracerPid(pid_t pid);
/// The TracerPid of thread \p tid of process \p pid: threads are traced one
/// by one, and a thread can have a tracer of its own.
std::optional<pid_t> ReadTracerPid(pid_t pid, pid_t tid);

/// A thread's signal sets from /proc/PID/task/TID/status, one bit per
/// signal (bit 0 is signal 1).
struct TaskSignals {
  /// The thread's own pending signals and the process's shared ones.
  uint64_t Pending = 0;
  uint64_t Blocked = 0;
  uint64_t Ignored = 0;
  /// Signals a handler catches.
  uint64_t Caught = 0;
};

/// Parses the text of a status file. Fails when a set is missing.
llvm::Expected<TaskSignals> ParseTaskSignals(llvm::StringRef text);

llvm::Expected<TaskSignals> ReadTaskSignals(pid_t pid, pid_t tid);

/// The kernel function a sleeping thread waits in (/proc/PID/task/TID/wchan,
/// e.g. "wait_for_partner" for a FIFO open); empty when it runs or when the
/// kernel hides it.
std::string ReadTaskWaitChannel(pid_t pid, pid_t tid);

} // namespace iothreads

#endif

//===-- Procfs.h - Reading a process's tasks from /proc ---------*- C++ -*-===//

#ifndef NATIVEPROCESSIOTHREADS_PROCFS_H
#define NATIVEPROCESSIOTHREADS_PROCFS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

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
  /// The kernel's task flags (PF_*), field 9.
  unsigned long Flags = 0;
};

/// Parses the text of a stat file. Fails on text that is not one.
llvm::Expected<TaskStat> ParseTaskStat(llvm::StringRef text);

llvm::Expected<TaskStat> ReadTaskStat(pid_t pid, pid_t tid);

/// A thread's name (its comm), without the newline.
llvm::Expected<std::string> ReadTaskName(pid_t pid, pid_t tid);

/// The tids listed in /proc/PID/task, in ascending order.
llvm::Expected<std::vector<pid_t>> ListTasks(pid_t pid);

/// The TracerPid line of /proc/PID/status; 0 when nobody traces the process.
std::optional<pid_t> ReadTracerPid(pid_t pid);

} // namespace iothreads

#endif

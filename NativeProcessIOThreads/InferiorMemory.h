//===-- InferiorMemory.h - Reading and writing a debuggee's memory -*- C++ -*-//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// process_vm_readv moves memory without stopping anybody and without a system
// call per word. It honours page protections, so reads the kernel refuses
// fall back to /proc/PID/mem, which reads and writes through protections the
// way ptrace does. Writes, mostly breakpoints into read-only text, go to
// /proc/PID/mem directly.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_INFERIORMEMORY_H
#define NATIVEPROCESSIOTHREADS_INFERIORMEMORY_H

#include "llvm/Support/Error.h"

#include <cstdint>
#include <sys/types.h>

namespace iothreads {

class InferiorMemory {
public:
  explicit InferiorMemory(pid_t pid) : Task(pid) {}
  ~InferiorMemory();
  InferiorMemory(const InferiorMemory &) = delete;
  InferiorMemory &operator=(const InferiorMemory &) = delete;

  /// Reads up to \p size bytes; returns how many were read. Fails only when
  /// not even the first byte can be read.
  llvm::Expected<size_t> Read(uint64_t addr, void *buffer, size_t size);
  llvm::Expected<size_t> Write(uint64_t addr, const void *buffer, size_t size);

  /// An exec replaces the address space, which an open /proc/PID/mem keeps
  /// pointing at; forget it.
  void AddressSpaceReplaced();
  /// Reaches the same address space through thread \p tid from now on.
  void ReachThrough(pid_t tid) {
    AddressSpaceReplaced();
    Task = tid;
  }
  /// The thread the address space is reached through; its /proc/TID files
  /// (maps, auxv) describe the address space when the leader's do not.
  pid_t GetTask() const { return Task; }

private:
  llvm::Expected<int> MemFile();

  /// The thread whose address space is read: the leader, or a live thread
  /// once the leader has exited (a zombie has no address space to reach).
  pid_t Task;
  int MemFd = -1;
};

} // namespace iothreads

#endif

//===-- InferiorMemory.h - Reading and writing a debuggee's memory -*- C++ -*-//
//
// process_vm_readv/writev move memory without stopping anybody and without a
// system call per word. They honour page protections, so a write to read-only
// text (a breakpoint) and reads the kernel refuses fall back to
// /proc/PID/mem, which writes through protections the way ptrace does.
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
  explicit InferiorMemory(pid_t pid) : Pid(pid) {}
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

private:
  llvm::Expected<int> MemFile();

  pid_t Pid;
  int MemFd = -1;
};

} // namespace iothreads

#endif

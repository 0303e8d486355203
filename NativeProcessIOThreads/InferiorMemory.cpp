//===-- InferiorMemory.cpp - Reading and writing a debuggee's memory ------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "InferiorMemory.h"

#include "llvm/Support/FormatVariadic.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>

using namespace iothreads;

InferiorMemory::~InferiorMemory() { AddressSpaceReplaced(); }

void InferiorMemory::AddressSpaceReplaced() {
  if (MemFd >= 0)
    ::close(MemFd);
  MemFd = -1;
}

llvm::Expected<int> InferiorMemory::MemFile() {
  if (MemFd < 0) {
    std::string path = llvm::formatv("/proc/{0}/mem", Task).str();
    MemFd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
    if (MemFd < 0)
      return llvm::createStringError(
          std::error_code(errno, std::generic_category()), "cannot open %s: %s",
          path.c_str(), std::strerror(errno));
  }
  return MemFd;
}

static llvm::Error MemoryError(const char *verb, uint64_t addr, size_t size,
                               int error) {
  return llvm::createStringError(
      std::error_code(error, std::generic_category()),
      llvm::formatv("cannot {0} {1} bytes at {2:x}: {3}", verb, size, addr,
                    std::strerror(error))
          .str());
}

llvm::Expected<size_t> InferiorMemory::Read(uint64_t addr, void *buffer,
                                            size_t size) {
  if (size == 0)
    return 0;
  iovec local{buffer, size};
  iovec remote{reinterpret_cast<void *>(addr), size};
  ssize_t done = ::process_vm_readv(Task, &local, 1, &remote, 1, 0);
  if (done == static_cast<ssize_t>(size))
    return size;
  // A short or failed read stops at a page the kernel would not give us
  // this way; /proc/PID/mem may still read it.
  size_t offset = done > 0 ? done : 0;
  llvm::Expected<int> fd = MemFile();
  if (!fd) {
    if (offset > 0) {
      llvm::consumeError(fd.takeError());
      return offset;
    }
    return fd.takeError();
  }
  while (offset < size) {
    ssize_t got = ::pread(*fd, static_cast<char *>(buffer) + offset,
                          size - offset, addr + offset);
    if (got <= 0) {
      if (offset > 0)
        break;
      return MemoryError("read", addr, size, got == 0 ? EIO : errno);
    }
    offset += got;
  }
  return offset;
}

llvm::Expected<size_t> InferiorMemory::Write(uint64_t addr, const void *buffer,
                                             size_t size) {
  if (size == 0)
    return 0;
  // Most writes are breakpoints, into read-only code that process_vm_writev
  // refuses: /proc/PID/mem, which writes any mapping, goes first, saving a
  // failed call per write.
  llvm::Expected<int> fd = MemFile();
  if (!fd) {
    iovec local{const_cast<void *>(buffer), size};
    iovec remote{reinterpret_cast<void *>(addr), size};
    ssize_t done = ::process_vm_writev(Task, &local, 1, &remote, 1, 0);
    if (done > 0) {
      llvm::consumeError(fd.takeError());
      return done;
    }
    return fd.takeError();
  }
  size_t offset = 0;
  while (offset < size) {
    ssize_t put = ::pwrite(*fd, static_cast<const char *>(buffer) + offset,
                           size - offset, addr + offset);
    if (put <= 0) {
      if (offset > 0)
        break;
      return MemoryError("write", addr, size, put == 0 ? EIO : errno);
    }
    offset += put;
  }
  return offset;
}

//===-- ExecutionMode.cpp - The mode a thread really runs in --------------===//

#include "NativeProcessIOThreads/ExecutionMode.h"

#include <cerrno>
#include <cstring>
#include <elf.h>
#include <sys/ptrace.h>
#include <sys/uio.h>

using namespace iothreads;

/// sizeof(user_regs_struct) for x86-64 and for i386 (17 32-bit words).
static constexpr size_t PrstatusSize64 = 27 * 8;
static constexpr size_t PrstatusSize32 = 17 * 4;

llvm::StringRef iothreads::ExecutionModeName(ExecutionMode mode) {
  return mode == ExecutionMode::I386 ? "i386" : "x86-64";
}

llvm::Expected<ExecutionMode>
iothreads::ExecutionModeFromPrstatusSize(size_t size) {
  if (size == PrstatusSize64)
    return ExecutionMode::X86_64;
  if (size == PrstatusSize32)
    return ExecutionMode::I386;
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "an NT_PRSTATUS regset of %zu bytes is "
                                 "neither x86-64 (216) nor i386 (68)",
                                 size);
}

llvm::Expected<ExecutionMode> iothreads::ReadExecutionMode(pid_t tid) {
  // Larger than either layout, so the kernel's answer is its own size.
  alignas(8) char buffer[512];
  iovec vector{buffer, sizeof(buffer)};
  if (::ptrace(PTRACE_GETREGSET, tid, reinterpret_cast<void *>(NT_PRSTATUS),
               &vector) == -1)
    return llvm::createStringError(
        std::error_code(errno, std::generic_category()),
        "cannot read the mode of thread %d: %s", tid, std::strerror(errno));
  return ExecutionModeFromPrstatusSize(vector.iov_len);
}

//===-- InferiorSyscall.cpp - One system call made by a stopped thread ----===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "InferiorSyscall.h"
#include "Ptrace.h"
#include "ThreadWaiter.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"

#include <cerrno>
#include <cstring>
#include <sys/syscall.h>
#include <unistd.h>

using namespace iothreads;

namespace {

llvm::Error SyscallError(pid_t tid, const llvm::Twine &why) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      ("cannot run a system call in thread " + llvm::Twine(tid) + ": " + why)
          .str());
}

/// Loads the call into a copy of the thread's registers.
user_regs_struct CallRegisters(const user_regs_struct &saved,
                               const SyscallRequest &request) {
  user_regs_struct regs = saved;
  uint64_t args[6] = {};
  std::copy(request.Arguments.begin(), request.Arguments.end(), args);
  regs.rax = request.Number;
  if (request.Mode == ExecutionMode::X86_64) {
    regs.rdi = args[0];
    regs.rsi = args[1];
    regs.rdx = args[2];
    regs.r10 = args[3];
    regs.r8 = args[4];
    regs.r9 = args[5];
  } else {
    regs.rbx = static_cast<uint32_t>(args[0]);
    regs.rcx = static_cast<uint32_t>(args[1]);
    regs.rdx = static_cast<uint32_t>(args[2]);
    regs.rsi = static_cast<uint32_t>(args[3]);
    regs.rdi = static_cast<uint32_t>(args[4]);
    regs.rbp = static_cast<uint32_t>(args[5]);
  }
  // Not in a system call: the kernel must not restart the one the thread
  // may have been stopped in while it runs ours.
  regs.orig_rax = static_cast<uint64_t>(-1);
  return regs;
}

/// Steps the thread over one instruction. Returns the signals that arrived
/// meanwhile, which the caller queues again.
llvm::Error StepOnce(pid_t tid, ThreadWaiter &waiter,
                     std::vector<int> &arrived) {
  // A signal arriving first stops the thread before the instruction; each
  // retry leaves it queued with us, so this ends.
  for (int attempt = 0; attempt < 64; ++attempt) {
    if (llvm::Error error = ptrace::SingleStep(tid, 0))
      return error;
    llvm::Expected<int> status = waiter.WaitStatus(tid);
    if (!status)
      return status.takeError();
    WaitEvent event = WaitEvent::Decode(*status);
    if (!event.IsStop()) {
      // Its end is the process's to handle.
      waiter.Forward(tid, *status);
      return SyscallError(tid, "the thread ended");
    }
    if (event.EventKind != WaitEvent::Kind::SignalStop)
      continue;
    if (event.Value == SIGTRAP)
      return llvm::Error::success();
    arrived.push_back(event.Value);
  }
  return SyscallError(tid, "signals kept arriving");
}

/// Makes the thread execute the call instruction at the pc of \p call and
/// reads its registers after it into \p after.
llvm::Error StepThroughCall(pid_t tid, ThreadWaiter &waiter,
                            const user_regs_struct &call,
                            std::vector<int> &arrived,
                            user_regs_struct &after) {
  // A thread stopped inside a system call (at the exec stop of a launch, at
  // a fork or clone event) first finishes that call when resumed, and the
  // step stops at its exit before our instruction has run, with that call's
  // return value over the number we loaded. Loading the call again then
  // runs it.
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (llvm::Error error = ptrace::SetGeneralRegisters(tid, call))
      return error;
    if (llvm::Error error = StepOnce(tid, waiter, arrived))
      return error;
    if (llvm::Error error = ptrace::GetGeneralRegisters(tid, after))
      return error;
    if (after.rip != call.rip)
      return llvm::Error::success();
  }
  return SyscallError(tid, "the thread never reached the instruction");
}

} // namespace

llvm::Expected<uint64_t> iothreads::RunSyscall(pid_t tid,
                                               InferiorMemory &memory,
                                               ThreadWaiter &waiter,
                                               const SyscallRequest &request) {
  if (request.Arguments.size() > 6)
    return SyscallError(tid, "more than six arguments");
  user_regs_struct saved;
  if (llvm::Error error = ptrace::GetGeneralRegisters(tid, saved))
    return std::move(error);

  // syscall is 0f 05; int $0x80 is cd 80.
  const uint8_t instruction[2] = {
      uint8_t(request.Mode == ExecutionMode::X86_64 ? 0x0f : 0xcd),
      uint8_t(request.Mode == ExecutionMode::X86_64 ? 0x05 : 0x80)};
  uint8_t original[2];
  llvm::Expected<size_t> read = memory.Read(saved.rip, original, 2);
  if (!read)
    return read.takeError();
  if (*read != 2)
    return SyscallError(tid, "its pc is at the end of its code");
  llvm::Expected<size_t> written = memory.Write(saved.rip, instruction, 2);
  if (!written)
    return written.takeError();
  if (*written != 2) {
    llvm::consumeError(memory.Write(saved.rip, original, *written).takeError());
    return SyscallError(tid, "its code cannot be written");
  }

  std::vector<int> arrived;
  user_regs_struct after{};
  llvm::Error failure = StepThroughCall(
      tid, waiter, CallRegisters(saved, request), arrived, after);

  // Put everything back whatever happened.
  if (llvm::Expected<size_t> restored = memory.Write(saved.rip, original, 2);
      !restored)
    failure = llvm::joinErrors(std::move(failure), restored.takeError());
  failure = llvm::joinErrors(std::move(failure),
                             ptrace::SetGeneralRegisters(tid, saved));
  for (int signo : arrived)
    if (::syscall(SYS_tkill, tid, signo) != 0)
      LLDB_LOG(lldb_private::GetLog(lldb_private::LLDBLog::Process),
               "tid {0}: signal {1} that came during a system call is lost: "
               "{2}",
               tid, signo, std::strerror(errno));
  if (failure)
    return std::move(failure);

  int64_t result = request.Mode == ExecutionMode::X86_64
                       ? static_cast<int64_t>(after.rax)
                       : static_cast<int32_t>(after.rax);
  if (result < 0 && result >= -4095)
    return llvm::createStringError(
        std::error_code(static_cast<int>(-result), std::generic_category()),
        "system call %ld in thread %d failed: %s", request.Number, tid,
        std::strerror(static_cast<int>(-result)));
  return request.Mode == ExecutionMode::X86_64
             ? after.rax
             : static_cast<uint32_t>(after.rax);
}

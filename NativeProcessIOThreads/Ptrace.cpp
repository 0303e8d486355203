//===-- Ptrace.cpp - ptrace requests as llvm::Error values ----------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Ptrace.h"
#include "Guardian.h"

#include "llvm/Support/FormatVariadic.h"

#include <cerrno>
#include <cstddef>
#include <cstring>
#include <elf.h>
#include <iterator>
#include <sys/ptrace.h>
#include <sys/uio.h>
#include <unistd.h>

using namespace iothreads;

namespace {

llvm::Error RequestError(const char *request, pid_t tid, int error) {
  return llvm::createStringError(
      std::error_code(error, std::generic_category()),
      llvm::formatv("{0} on thread {1} failed: {2}", request, tid,
                    std::strerror(error))
          .str());
}

long Raw(enum __ptrace_request request, pid_t tid, void *addr, void *data) {
  if (Guardian *guardian = Guardian::Active())
    return guardian->Ptrace(request, tid, addr, data);
  return ::ptrace(request, tid, addr, data);
}

llvm::Error Request(const char *name, enum __ptrace_request request, pid_t tid,
                    void *addr, void *data) {
  if (Raw(request, tid, addr, data) == -1)
    return RequestError(name, tid, errno);
  return llvm::Error::success();
}

void *SignalData(int signo) {
  return reinterpret_cast<void *>(static_cast<uintptr_t>(signo));
}

} // namespace

pid_t ptrace::TracerPid() {
  if (Guardian *guardian = Guardian::Active())
    return guardian->GetPid();
  return ::getpid();
}

unsigned ptrace::DefaultOptions() {
  return PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT |
         PTRACE_O_TRACEFORK | PTRACE_O_TRACEVFORK | PTRACE_O_TRACEVFORKDONE;
}

llvm::Error ptrace::Seize(pid_t tid, unsigned options) {
  return Request("PTRACE_SEIZE", PTRACE_SEIZE, tid, nullptr,
                 reinterpret_cast<void *>(static_cast<uintptr_t>(options)));
}

llvm::Error ptrace::Interrupt(pid_t tid) {
  return Request("PTRACE_INTERRUPT", PTRACE_INTERRUPT, tid, nullptr, nullptr);
}

llvm::Error ptrace::Continue(pid_t tid, int signo) {
  return Request("PTRACE_CONT", PTRACE_CONT, tid, nullptr, SignalData(signo));
}

llvm::Error ptrace::SingleStep(pid_t tid, int signo) {
  return Request("PTRACE_SINGLESTEP", PTRACE_SINGLESTEP, tid, nullptr,
                 SignalData(signo));
}

llvm::Error ptrace::Listen(pid_t tid) {
  return Request("PTRACE_LISTEN", PTRACE_LISTEN, tid, nullptr, nullptr);
}

llvm::Error ptrace::Detach(pid_t tid, int signo) {
  return Request("PTRACE_DETACH", PTRACE_DETACH, tid, nullptr,
                 SignalData(signo));
}

llvm::Expected<unsigned long> ptrace::GetEventMessage(pid_t tid) {
  unsigned long message = 0;
  if (llvm::Error error = Request("PTRACE_GETEVENTMSG", PTRACE_GETEVENTMSG, tid,
                                  nullptr, &message))
    return std::move(error);
  return message;
}

llvm::Expected<siginfo_t> ptrace::GetSignalInfo(pid_t tid) {
  siginfo_t info;
  std::memset(&info, 0, sizeof(info));
  if (llvm::Error error =
          Request("PTRACE_GETSIGINFO", PTRACE_GETSIGINFO, tid, nullptr, &info))
    return std::move(error);
  return info;
}

llvm::Expected<std::optional<siginfo_t>> ptrace::PeekQueuedSignal(pid_t tid,
                                                                  int signo) {
  siginfo_t queued[8];
  __ptrace_peeksiginfo_args args{};
  args.nr = std::size(queued);
  for (;;) {
    long count = Raw(PTRACE_PEEKSIGINFO, tid, &args, queued);
    if (count < 0)
      return RequestError("PTRACE_PEEKSIGINFO", tid, errno);
    for (long i = 0; i < count; ++i)
      if (queued[i].si_signo == signo)
        return queued[i];
    if (count < args.nr)
      return std::nullopt;
    args.off += count;
  }
}

llvm::Error ptrace::GetGeneralRegisters(pid_t tid, user_regs_struct &regs) {
  return Request("PTRACE_GETREGS", PTRACE_GETREGS, tid, nullptr, &regs);
}

llvm::Error ptrace::SetGeneralRegisters(pid_t tid,
                                        const user_regs_struct &regs) {
  return Request("PTRACE_SETREGS", PTRACE_SETREGS, tid, nullptr,
                 const_cast<user_regs_struct *>(&regs));
}

llvm::Error ptrace::GetFloatingPointRegisters(pid_t tid,
                                              user_fpregs_struct &regs) {
  return Request("PTRACE_GETFPREGS", PTRACE_GETFPREGS, tid, nullptr, &regs);
}

llvm::Error ptrace::SetFloatingPointRegisters(pid_t tid,
                                              const user_fpregs_struct &regs) {
  return Request("PTRACE_SETFPREGS", PTRACE_SETFPREGS, tid, nullptr,
                 const_cast<user_fpregs_struct *>(&regs));
}

llvm::Error ptrace::GetRegisterSet(pid_t tid, unsigned type,
                                   std::vector<uint8_t> &area) {
  iovec vector{area.data(), area.size()};
  std::string name = llvm::formatv("PTRACE_GETREGSET({0:x})", type).str();
  if (llvm::Error error =
          Request(name.c_str(), PTRACE_GETREGSET, tid,
                  reinterpret_cast<void *>(uintptr_t(type)), &vector))
    return error;
  area.resize(vector.iov_len);
  return llvm::Error::success();
}

llvm::Error ptrace::GetExtendedState(pid_t tid, std::vector<uint8_t> &area) {
  // Larger than any XSAVE layout the kernel supports (AMX tiles included).
  area.assign(16 * 1024, 0);
  return GetRegisterSet(tid, NT_X86_XSTATE, area);
}

llvm::Error ptrace::SetExtendedState(pid_t tid, llvm::ArrayRef<uint8_t> area) {
  iovec vector{const_cast<uint8_t *>(area.data()), area.size()};
  return Request("PTRACE_SETREGSET(NT_X86_XSTATE)", PTRACE_SETREGSET, tid,
                 reinterpret_cast<void *>(NT_X86_XSTATE), &vector);
}

void *ptrace::DebugRegisterOffset(unsigned index) {
  return reinterpret_cast<void *>(offsetof(struct user, u_debugreg) +
                                  index * sizeof(user::u_debugreg[0]));
}

llvm::Expected<uint64_t> ptrace::ReadDebugRegister(pid_t tid, unsigned index) {
  // PEEKUSER returns the value itself, so only errno tells a failure apart.
  errno = 0;
  long value = Raw(PTRACE_PEEKUSER, tid, DebugRegisterOffset(index), nullptr);
  if (errno != 0)
    return RequestError("PTRACE_PEEKUSER(debug register)", tid, errno);
  return static_cast<uint64_t>(value);
}

llvm::Error ptrace::WriteDebugRegister(pid_t tid, unsigned index,
                                       uint64_t value) {
  return Request("PTRACE_POKEUSER(debug register)", PTRACE_POKEUSER, tid,
                 DebugRegisterOffset(index),
                 reinterpret_cast<void *>(static_cast<uintptr_t>(value)));
}

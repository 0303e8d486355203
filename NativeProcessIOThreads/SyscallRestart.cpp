//===-- SyscallRestart.cpp - Undoing the EINTR our stops cause ------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "SyscallRestart.h"

#include "llvm/ADT/STLExtras.h"

#include <cerrno>
#include <csignal>

using namespace iothreads;

namespace {

struct Wait {
  int64_t Number;
  llvm::StringRef Name;
};

// The numbers of x86-64's table (asm/unistd_64.h). A socket call fails with
// EINTR only on a socket with SO_RCVTIMEO or SO_SNDTIMEO (sock_intr_errno);
// without a timeout it restarts by itself. One that moved data returns its
// count instead, so an EINTR moved nothing and the call can be repeated.
constexpr Wait Waits64[] = {
    {43, "accept"},           {44, "sendto"},        {45, "recvfrom"},
    {46, "sendmsg"},          {47, "recvmsg"},       {65, "semop"},
    {128, "rt_sigtimedwait"}, {208, "io_getevents"}, {220, "semtimedop"},
    {232, "epoll_wait"},      {281, "epoll_pwait"},  {288, "accept4"},
    {299, "recvmmsg"},        {307, "sendmmsg"},     {426, "io_uring_enter"},
    {441, "epoll_pwait2"},
};

// The numbers of the i386 (compat) table (asm/unistd_32.h). semop and
// semtimedop go through ipc(2) there, or semtimedop_time64.
constexpr int64_t Ipc32 = 117;
constexpr Wait Waits32[] = {
    {177, "rt_sigtimedwait"},   {247, "io_getevents"},
    {256, "epoll_wait"},        {319, "epoll_pwait"},
    {337, "recvmmsg"},          {345, "sendmmsg"},
    {364, "accept4"},           {369, "sendto"},
    {370, "sendmsg"},           {371, "recvfrom"},
    {372, "recvmsg"},           {417, "recvmmsg_time64"},
    {420, "semtimedop_time64"}, {421, "rt_sigtimedwait_time64"},
    {426, "io_uring_enter"},    {441, "epoll_pwait2"},
};

// socketcall(2), the older way an i386 program reaches the socket calls.
constexpr int64_t Socketcall32 = 102;
constexpr Wait SocketCalls[] = {
    {5, "socketcall(accept)"},    {9, "socketcall(send)"},
    {10, "socketcall(recv)"},     {11, "socketcall(sendto)"},
    {12, "socketcall(recvfrom)"}, {16, "socketcall(sendmsg)"},
    {17, "socketcall(recvmsg)"},  {18, "socketcall(accept4)"},
    {19, "socketcall(recvmmsg)"}, {20, "socketcall(sendmmsg)"},
};

// ipc(2)'s calls for semop and semtimedop; the high 16 bits are a version.
constexpr uint64_t IpcSemop = 1;
constexpr uint64_t IpcSemtimedop = 4;

constexpr int64_t IoUringEnter = 426;

std::optional<llvm::StringRef> FindWait(llvm::ArrayRef<Wait> waits,
                                        int64_t number) {
  const Wait *found = llvm::find_if(
      waits, [number](const Wait &wait) { return wait.Number == number; });
  if (found == waits.end())
    return std::nullopt;
  return found->Name;
}

std::optional<llvm::StringRef> WaitName(const SyscallRegisters &regs) {
  bool compat = regs.Mode == ExecutionMode::I386;
  if (compat && regs.Number == Socketcall32)
    return FindWait(SocketCalls, static_cast<int64_t>(regs.Arguments[0]));
  if (compat && regs.Number == Ipc32) {
    uint64_t call = regs.Arguments[0] & 0xffff;
    if (call == IpcSemop)
      return llvm::StringRef("ipc(semop)");
    if (call == IpcSemtimedop)
      return llvm::StringRef("ipc(semtimedop)");
    return std::nullopt;
  }
  return FindWait(compat ? llvm::ArrayRef(Waits32) : Waits64, regs.Number);
}

uint64_t Bit(int signo) { return uint64_t(1) << (signo - 1); }

} // namespace

SyscallRegisters iothreads::DecodeSyscallRegisters(const user_regs_struct &regs,
                                                   ExecutionMode mode) {
  SyscallRegisters decoded;
  decoded.Mode = mode;
  if (mode == ExecutionMode::I386) {
    // The kernel keeps a compat thread's registers as 32-bit values.
    decoded.Number = static_cast<int32_t>(regs.orig_rax);
    decoded.Result = static_cast<int32_t>(regs.rax);
    decoded.Arguments[0] = static_cast<uint32_t>(regs.rbx);
    decoded.Arguments[1] = static_cast<uint32_t>(regs.rcx);
  } else {
    decoded.Number = static_cast<int64_t>(regs.orig_rax);
    decoded.Result = static_cast<int64_t>(regs.rax);
    decoded.Arguments[0] = regs.rdi;
    decoded.Arguments[1] = regs.rsi;
  }
  return decoded;
}

std::optional<llvm::StringRef>
iothreads::InterruptedWait(const SyscallRegisters &regs) {
  if (regs.Number < 0 || regs.Result != -EINTR)
    return std::nullopt;
  std::optional<llvm::StringRef> name = WaitName(regs);
  // to_submit, the second argument: the submission is done and must not be
  // repeated (the kernel then returns the count it submitted anyway).
  if (name && regs.Number == IoUringEnter && regs.Arguments[1] != 0)
    return std::nullopt;
  return name;
}

bool iothreads::SignalWillInterrupt(const TaskSignals &signals) {
  uint64_t stops = Bit(SIGSTOP) | Bit(SIGTSTP) | Bit(SIGTTIN) | Bit(SIGTTOU);
  uint64_t interrupting = signals.Caught | (stops & ~signals.Ignored);
  return (signals.Pending & ~signals.Blocked & interrupting) != 0;
}

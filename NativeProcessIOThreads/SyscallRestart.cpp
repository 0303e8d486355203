//===-- SyscallRestart.cpp - Undoing the EINTR our stops cause ------------===//

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

// The numbers of x86-64's table (asm/unistd_64.h).
constexpr Wait Waits64[] = {
    {65, "semop"},           {128, "rt_sigtimedwait"}, {208, "io_getevents"},
    {220, "semtimedop"},     {232, "epoll_wait"},      {281, "epoll_pwait"},
    {426, "io_uring_enter"}, {441, "epoll_pwait2"},
};

// The numbers of the i386 (compat) table (asm/unistd_32.h). semop and
// semtimedop go through ipc(2) there, or semtimedop_time64.
constexpr int64_t Ipc32 = 117;
constexpr Wait Waits32[] = {
    {177, "rt_sigtimedwait"},   {247, "io_getevents"},
    {256, "epoll_wait"},        {319, "epoll_pwait"},
    {420, "semtimedop_time64"}, {421, "rt_sigtimedwait_time64"},
    {426, "io_uring_enter"},    {441, "epoll_pwait2"},
};

// ipc(2)'s calls for semop and semtimedop; the high 16 bits are a version.
constexpr uint64_t IpcSemop = 1;
constexpr uint64_t IpcSemtimedop = 4;

constexpr int64_t IoUringEnter = 426;

std::optional<llvm::StringRef> WaitName(const SyscallRegisters &regs) {
  bool compat = regs.Mode == ExecutionMode::I386;
  if (compat && regs.Number == Ipc32) {
    uint64_t call = regs.Arguments[0] & 0xffff;
    if (call == IpcSemop)
      return llvm::StringRef("ipc(semop)");
    if (call == IpcSemtimedop)
      return llvm::StringRef("ipc(semtimedop)");
    return std::nullopt;
  }
  llvm::ArrayRef<Wait> waits = compat ? llvm::ArrayRef(Waits32) : Waits64;
  const Wait *found = llvm::find_if(
      waits, [&](const Wait &wait) { return wait.Number == regs.Number; });
  if (found == waits.end())
    return std::nullopt;
  return found->Name;
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

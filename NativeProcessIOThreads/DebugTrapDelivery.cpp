//===-- DebugTrapDelivery.cpp - Do debug register traps arrive? -----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "DebugTrapDelivery.h"
#include "DebugRegisterSlots.h"
#include "Ptrace.h"

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <optional>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace iothreads;

/// What the child writes; the same address in the child as here.
static volatile int Watched;

/// The child stops twice within microseconds; this bound is for a machine
/// that loses the trap some other way, so that no request waits forever.
static constexpr std::chrono::seconds StatusTimeout(2);

[[noreturn]] static void RunWatchedChild() {
  // Only async-signal-safe calls after fork: the server may run threads.
  if (::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr) != 0)
    ::_exit(1);
  ::raise(SIGSTOP);
  Watched = 1;
  ::_exit(0);
}

/// The child the probe traces, waited for by its pid only, so that the
/// server's wait for its debuggees never sees it; killed and reaped at the
/// end unless it has already been reaped.
class WatchedChild {
public:
  explicit WatchedChild(pid_t pid) : Pid(pid) {}
  WatchedChild(const WatchedChild &) = delete;
  WatchedChild &operator=(const WatchedChild &) = delete;
  ~WatchedChild() {
    if (Reaped)
      return;
    ::kill(Pid, SIGKILL);
    int status;
    while (::waitpid(Pid, &status, 0) < 0 && errno == EINTR)
      ;
  }

  /// True if the child's next wait status, in time, is a stop with \p signo.
  bool NextStopIs(int signo) {
    std::optional<int> status = WaitForStatus();
    return status && WIFSTOPPED(*status) && WSTOPSIG(*status) == signo;
  }

private:
  std::optional<int> WaitForStatus() {
    auto deadline = std::chrono::steady_clock::now() + StatusTimeout;
    std::chrono::microseconds pause(50);
    for (;;) {
      int status;
      pid_t waited = ::waitpid(Pid, &status, WNOHANG);
      if (waited == Pid) {
        Reaped = WIFEXITED(status) || WIFSIGNALED(status);
        return status;
      }
      if (waited < 0 && errno != EINTR) {
        // Nothing left to wait for: never signal a pid that may be reused.
        Reaped = true;
        return std::nullopt;
      }
      if (std::chrono::steady_clock::now() >= deadline)
        return std::nullopt;
      std::this_thread::sleep_for(pause);
      pause = std::min(pause * 2, std::chrono::microseconds(1000));
    }
  }

  pid_t Pid;
  bool Reaped = false;
};

/// The probe's child is traced by the server itself, even while a guardian
/// traces for it (Guardian.h), so these requests go straight to ptrace.
static bool WriteDebugRegister(pid_t child, unsigned index, uint64_t value) {
  return ::ptrace(PTRACE_POKEUSER, child, ptrace::DebugRegisterOffset(index),
                  reinterpret_cast<void *>(static_cast<uintptr_t>(value))) == 0;
}

static bool ArmWriteWatch(pid_t child) {
  DebugRegisterSlots slots;
  llvm::Expected<unsigned> slot =
      slots.Claim(reinterpret_cast<uintptr_t>(&Watched), sizeof(Watched),
                  DebugRegisterSlots::Use::Write);
  if (!slot) {
    llvm::consumeError(slot.takeError());
    return false;
  }
  return WriteDebugRegister(child, *slot, slots.Get(*slot).Address) &&
         WriteDebugRegister(child, 7, slots.ControlWord());
}

bool iothreads::ProbeDebugTrapDelivery() {
  pid_t pid = ::fork();
  if (pid == 0)
    RunWatchedChild();
  if (pid < 0)
    return false;
  WatchedChild child(pid);
  return child.NextStopIs(SIGSTOP) && ArmWriteWatch(pid) &&
         ::ptrace(PTRACE_CONT, pid, nullptr, nullptr) == 0 &&
         child.NextStopIs(SIGTRAP);
}

bool iothreads::DebugTrapsDelivered() {
  static const bool Delivered = ProbeDebugTrapDelivery();
  return Delivered;
}

llvm::Error iothreads::UndeliveredDebugTrapsError() {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "hardware breakpoints and watchpoints are unavailable: this machine's "
      "debug registers accept writes but never trap (a virtual machine "
      "without debug-register support)");
}

//===-- WaitEvent.cpp - What a waitpid status says happened ---------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "WaitEvent.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/ptrace.h>
#include <sys/wait.h>

using namespace iothreads;

static bool IsJobControlStopSignal(int signo) {
  return signo == SIGSTOP || signo == SIGTSTP || signo == SIGTTIN ||
         signo == SIGTTOU;
}

WaitEvent WaitEvent::Decode(int status) {
  using K = Kind;
  if (WIFEXITED(status))
    return {K::Exited, WEXITSTATUS(status)};
  if (WIFSIGNALED(status))
    return {K::Killed, WTERMSIG(status)};
  if (!WIFSTOPPED(status))
    return {K::Unknown, status};

  int signo = WSTOPSIG(status);
  switch (status >> 16) {
  case 0:
    return {K::SignalStop, signo};
  case PTRACE_EVENT_STOP:
    if (IsJobControlStopSignal(signo))
      return {K::GroupStop, signo};
    return {K::InterruptStop, signo};
  case PTRACE_EVENT_CLONE:
    return {K::Clone, 0};
  case PTRACE_EVENT_FORK:
    return {K::Fork, 0};
  case PTRACE_EVENT_VFORK:
    return {K::VFork, 0};
  case PTRACE_EVENT_VFORK_DONE:
    return {K::VForkDone, 0};
  case PTRACE_EVENT_EXEC:
    return {K::Exec, 0};
  case PTRACE_EVENT_EXIT:
    return {K::Exiting, 0};
  default:
    return {K::Unknown, status};
  }
}

llvm::raw_ostream &iothreads::operator<<(llvm::raw_ostream &os,
                                         const WaitEvent &event) {
  static const char *const names[] = {
      "exited",     "killed", "signal-stop", "interrupt-stop",
      "group-stop", "clone",  "fork",        "vfork",
      "vfork-done", "exec",   "exiting",     "unknown"};
  return os << names[static_cast<int>(event.EventKind)] << "(" << event.Value
            << ")";
}

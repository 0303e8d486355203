//===-- ChildProcess.cpp - A real child process for a test ----------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ChildProcess.h"

#include "llvm/ADT/StringRef.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <spawn.h>
#include <string>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace iothreads;

namespace {
int ChildReadyFd = -1;
}

ChildProcess::ChildProcess(std::function<int()> body) {
  if (::pipe(ReadyPipe) != 0)
    ReadyPipe[0] = ReadyPipe[1] = -1;
  ChildPid = ::fork();
  if (ChildPid == 0) {
    ChildReadyFd = ReadyPipe[1];
    ::_exit(body());
  }
  ::close(ReadyPipe[1]);
}

void ChildProcess::ReportReady() { (void)!::write(ChildReadyFd, "r", 1); }

void ChildProcess::WaitUntilReady() {
  char byte;
  (void)!::read(ReadyPipe[0], &byte, 1);
}

ChildProcess::~ChildProcess() {
  ::close(ReadyPipe[0]);
  if (ChildPid <= 0)
    return;
  ::kill(ChildPid, SIGKILL);
  // A traced child with exit events stops once more on its way out.
  int status;
  for (pid_t pid; (pid = ::waitpid(-1, &status, __WALL)) > 0;)
    if (WIFSTOPPED(status))
      ::ptrace(PTRACE_CONT, pid, nullptr, nullptr);
}

int ChildProcess::Wait(pid_t tid) {
  int status;
  if (::waitpid(tid, &status, __WALL) != tid)
    return -1;
  return status;
}

void iothreads::Spin() {
  for (volatile unsigned long i = 0;; i = i + 1) {
  }
}

std::unique_ptr<ChildProcess> iothreads::StartSpin32() {
  auto child = std::make_unique<ChildProcess>([]() -> int {
    ::execl(IOTHREADS_SPIN32_PATH, IOTHREADS_SPIN32_PATH, nullptr);
    return 127;
  });
  // Wait until exec has replaced the image.
  std::string link = "/proc/" + std::to_string(child->Pid()) + "/exe";
  for (int tries = 0; tries < 500; ++tries) {
    char target[256] = {};
    if (::readlink(link.c_str(), target, sizeof(target) - 1) > 0 &&
        llvm::StringRef(target).ends_with("Spin32"))
      break;
    ::usleep(2000);
  }
  return child;
}

/// Runs one of the machine probes built beside the tests; true if it exits 0.
static bool ProbeSucceeds(const char *path) {
  pid_t pid;
  char *const argv[] = {const_cast<char *>(path), nullptr};
  if (::posix_spawn(&pid, path, nullptr, nullptr, argv, environ) != 0)
    return false;
  int status;
  while (::waitpid(pid, &status, 0) < 0)
    if (errno != EINTR)
      return false;
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

bool iothreads::MachineRunsI386Programs() {
  static const bool Runs = ProbeSucceeds(IOTHREADS_PROBE_I386_PATH);
  return Runs;
}

bool iothreads::MachineDeliversDebugTraps() {
  static const bool Delivers = ProbeSucceeds(IOTHREADS_PROBE_DEBUG_TRAPS_PATH);
  return Delivers;
}

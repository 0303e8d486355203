//===-- ChildProcess.cpp - A real child process for a test ----------------===//

#include "ChildProcess.h"

#include <csignal>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

using namespace iothreads;

ChildProcess::ChildProcess(std::function<int()> body) {
  ChildPid = ::fork();
  if (ChildPid == 0)
    ::_exit(body());
}

ChildProcess::~ChildProcess() {
  if (ChildPid <= 0)
    return;
  ::kill(ChildPid, SIGKILL);
  int status;
  while (::waitpid(-1, &status, __WALL) > 0) {
  }
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

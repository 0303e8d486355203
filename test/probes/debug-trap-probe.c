// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Exits 0 when this machine delivers hardware watchpoint traps: a traced
 * child that writes a variable watched through DR0/DR7 stops with SIGTRAP.
 * Some virtual machines accept the debug register writes and never trap;
 * the tests of watchpoints and hardware breakpoints need this to be true. */
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int watched;

static long debug_register_offset(int n) {
  return (long)offsetof(struct user, u_debugreg) + n * (long)sizeof(long);
}

int main(void) {
  pid_t child = fork();
  if (child == 0) {
    ptrace(PTRACE_TRACEME, 0, NULL, NULL);
    raise(SIGSTOP);
    watched = 1;
    _exit(0);
  }
  int status;
  if (child < 0 || waitpid(child, &status, 0) != child || !WIFSTOPPED(status))
    return 2;
  /* DR7: local enable of slot 0, break on write, 4 bytes. */
  unsigned long control = 1UL | (1UL << 16) | (3UL << 18);
  int armed =
      ptrace(PTRACE_POKEUSER, child, debug_register_offset(0), &watched) == 0 &&
      ptrace(PTRACE_POKEUSER, child, debug_register_offset(7), control) == 0;
  ptrace(PTRACE_CONT, child, NULL, NULL);
  int trapped = waitpid(child, &status, 0) == child && WIFSTOPPED(status) &&
                WSTOPSIG(status) == SIGTRAP;
  kill(child, SIGKILL);
  waitpid(child, &status, 0);
  return armed && trapped ? 0 : 1;
}

// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* The floor: only the kernel work a debug server cannot avoid, for the
 * operations the server benchmark times, on every thread of process PID:
 *   attach     list the threads, seize each (options in the same call),
 *              interrupt each, then wait for each to stop;
 *   interrupt  (threads running) interrupt each, then wait for each;
 *   cycle      continue each, interrupt each, wait for each;
 *   interrupt post-cycle, cycle post-cycle
 *              the same two after WARMUP more cycles (a server is slower
 *              there than right after attach, so the floor is measured
 *              there too);
 *   detach     detach each.
 * Threads are interrupted all at once and waited for by tid, which is O(1)
 * per wait on Linux (waiting for any child scans them all). Prints one
 * "OPERATION SECONDS" line per operation and leaves the process running.
 *
 * usage: ptrace_floor PID [WARMUP] */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t tids[65536];
static int count;

static double now(void) {
  struct timespec clock;
  clock_gettime(CLOCK_MONOTONIC, &clock);
  return clock.tv_sec + clock.tv_nsec / 1e9;
}

static void fail(const char *what, pid_t tid) {
  fprintf(stderr, "ptrace_floor: %s %d: %s\n", what, (int)tid, strerror(errno));
  exit(1);
}

static void list_threads(pid_t pid) {
  char path[64];
  snprintf(path, sizeof(path), "/proc/%d/task", (int)pid);
  DIR *tasks = opendir(path);
  if (!tasks)
    fail("cannot list the threads of", pid);
  struct dirent *entry;
  count = 0;
  while ((entry = readdir(tasks)))
    if (entry->d_name[0] != '.')
      tids[count++] = atoi(entry->d_name);
  closedir(tasks);
}

static void interrupt_and_wait(void) {
  for (int i = 0; i < count; ++i)
    if (ptrace(PTRACE_INTERRUPT, tids[i], 0, 0) != 0)
      fail("cannot interrupt", tids[i]);
  for (int i = 0; i < count; ++i) {
    int status;
    while (waitpid(tids[i], &status, __WALL) < 0)
      if (errno != EINTR)
        fail("cannot wait for", tids[i]);
  }
}

static void resume(void) {
  for (int i = 0; i < count; ++i)
    if (ptrace(PTRACE_CONT, tids[i], 0, 0) != 0)
      fail("cannot continue", tids[i]);
}

/* Times an interrupt of the running threads, then a cycle. */
static void interrupt_then_cycle(const char *suffix) {
  resume();
  usleep(20000);
  double start = now();
  interrupt_and_wait();
  printf("interrupt%s %.9f\n", suffix, now() - start);

  start = now();
  resume();
  interrupt_and_wait();
  printf("cycle%s %.9f\n", suffix, now() - start);
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  pid_t pid = atoi(argv[1]);
  int warmup = argc > 2 ? atoi(argv[2]) : 0;

  double start = now();
  list_threads(pid);
  for (int i = 0; i < count; ++i)
    if (ptrace(PTRACE_SEIZE, tids[i], 0,
               PTRACE_O_TRACECLONE | PTRACE_O_TRACEEXEC | PTRACE_O_TRACEEXIT) !=
        0)
      fail("cannot seize", tids[i]);
  interrupt_and_wait();
  printf("attach %.9f\n", now() - start);

  interrupt_then_cycle("");
  if (warmup > 0) {
    for (int i = 0; i < warmup; ++i) {
      resume();
      interrupt_and_wait();
    }
    interrupt_then_cycle(" post-cycle");
  }

  start = now();
  for (int i = 0; i < count; ++i)
    if (ptrace(PTRACE_DETACH, tids[i], 0, 0) != 0)
      fail("cannot detach", tids[i]);
  printf("detach %.9f\n", now() - start);
  return 0;
}

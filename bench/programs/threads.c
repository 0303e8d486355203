// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* The process a debug server attaches to: THREADS threads that are either
 * idle (blocked in the kernel) or busy (spinning on a CPU). Prints "ready"
 * once every thread runs, then waits to be killed.
 *
 * usage: threads THREADS idle|busy */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static atomic_int started;
static volatile unsigned long spins;

static void *idle(void *arg) {
  (void)arg;
  ++started;
  for (;;)
    pause();
  return NULL;
}

static void *busy(void *arg) {
  (void)arg;
  ++started;
  for (;;)
    ++spins;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  int count = atoi(argv[1]);
  void *(*body)(void *) = strcmp(argv[2], "busy") == 0 ? busy : idle;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 64 * 1024);
  for (int i = 0; i < count; ++i) {
    pthread_t thread;
    if (pthread_create(&thread, &attr, body, NULL) != 0) {
      perror("pthread_create");
      return 1;
    }
  }
  while (started < count)
    usleep(1000);
  puts("ready");
  fflush(stdout);
  for (;;)
    pause();
}

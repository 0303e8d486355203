// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Breakpoint and stepping load: main first runs warm_up(), a loop to step
 * through, then THREADS threads each call hit() HITS times; main calls
 * joined() once they have all ended. With "attach", it first prints
 * "ready" and waits for a debugger to set `go`.
 *
 * usage: hits THREADS HITS [attach] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile unsigned long sink;
static int hits;
volatile int go;

void hit(void) { ++sink; }

__attribute__((noinline)) void joined(void) { __asm__ volatile(""); }

void warm_up(void) {
  for (unsigned long i = 0; i < 1000000; ++i)
    sink += i;
}

static void *worker(void *arg) {
  for (int i = 0; i < hits; ++i)
    hit();
  return arg;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  int count = atoi(argv[1]);
  hits = atoi(argv[2]);
  if (argc > 3 && strcmp(argv[3], "attach") == 0) {
    puts("ready");
    fflush(stdout);
    while (!go)
      usleep(1000);
  }
  warm_up();
  pthread_t threads[64];
  if (count > 64)
    count = 64;
  for (int i = 0; i < count; ++i)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < count; ++i)
    pthread_join(threads[i], NULL);
  joined();
  return 0;
}

// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Thread churn: creates and joins THREADS short-lived threads, eight at a
 * time, and prints how long that took on its own clock, in seconds.
 *
 * usage: churn THREADS */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile int sink;

static void *work(void *arg) {
  for (int i = 0; i < 50; ++i)
    sink += i;
  return arg;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  int total = atoi(argv[1]);
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (int created = 0; created < total; created += 8) {
    pthread_t threads[8];
    for (int i = 0; i < 8; ++i)
      pthread_create(&threads[i], NULL, work, NULL);
    for (int i = 0; i < 8; ++i)
      pthread_join(threads[i], NULL);
  }
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("churn %.6f\n",
         (end.tv_sec - start.tv_sec) + (end.tv_nsec - start.tv_nsec) / 1e9);
  return 0;
}

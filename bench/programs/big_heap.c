// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* A process with MIB MiB (default 1024) of heap for a debugger to save in a
 * core: one malloc, every byte written with a non-zero pattern, so every
 * page is resident and none is a hole the core can leave out. Prints
 * "ready", then waits to be killed.
 *
 * usage: big_heap [MIB] */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
  size_t size = (size_t)(argc > 1 ? atoi(argv[1]) : 1024) << 20;
  unsigned char *heap = malloc(size);
  if (heap == NULL) {
    perror("malloc");
    return 1;
  }
  // A pattern of period 251 (prime), copied a MiB at a time.
  size_t chunk = (size_t)1 << 20;
  for (size_t i = 0; i < chunk && i < size; ++i)
    heap[i] = (unsigned char)(i % 251 + 1);
  for (size_t at = chunk; at < size; at += chunk)
    memcpy(heap + at, heap, size - at < chunk ? size - at : chunk);
  puts("ready");
  fflush(stdout);
  for (;;)
    pause();
}

// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* A process with WORKERS io-wq workers: one openat per FIFO that no one
 * writes to, forced onto io-wq (IOSQE_ASYNC). Such an open blocks in the
 * worker (a read would be turned into a poll and free it). Prints "ready" once
 * the kernel has started and named them all, then waits to be killed.
 *
 * usage: io_workers WORKERS DIR */
#include <dirent.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int count_workers(void) {
  DIR *tasks = opendir("/proc/self/task");
  struct dirent *entry;
  int workers = 0;
  while ((entry = readdir(tasks))) {
    char path[300], name[32] = "";
    snprintf(path, sizeof(path), "/proc/self/task/%s/comm", entry->d_name);
    FILE *comm = fopen(path, "r");
    if (!comm)
      continue;
    if (fgets(name, sizeof(name), comm) && strncmp(name, "iou-wrk-", 8) == 0)
      ++workers;
    fclose(comm);
  }
  closedir(tasks);
  return workers;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  int wanted = atoi(argv[1]);
  struct io_uring ring;
  if (io_uring_queue_init(256, &ring, 0) < 0) {
    perror("io_uring");
    return 1;
  }
  /* Bounded work such as an open gets 4 workers per CPU unless raised. */
  unsigned int limits[2] = {(unsigned int)wanted, (unsigned int)wanted};
  io_uring_register_iowq_max_workers(&ring, limits);
  static char paths[256][4096];
  for (int i = 0; i < wanted && i < 256; ++i) {
    snprintf(paths[i], sizeof(paths[i]), "%s/fifo.%d", argv[2], i);
    mkfifo(paths[i], 0600);
    struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
    io_uring_prep_openat(sqe, AT_FDCWD, paths[i], O_RDONLY, 0);
    sqe->flags |= IOSQE_ASYNC;
    io_uring_submit(&ring);
  }
  for (int tries = 0; count_workers() < wanted; ++tries) {
    if (tries == 5000) {
      fprintf(stderr, "only %d of %d workers\n", count_workers(), wanted);
      return 1;
    }
    usleep(1000);
  }
  puts("ready");
  fflush(stdout);
  for (;;)
    pause();
}

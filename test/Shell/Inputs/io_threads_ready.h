/* Waits until the kernel has started and named at least WANTED io threads
 * of this process (their comm starts with "iou-"), so a debugger stopping
 * the program afterwards sees them whole: a new io thread briefly carries
 * its parent's name. */
#ifndef IO_THREADS_READY_H
#define IO_THREADS_READY_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void wait_for_io_threads(int wanted) {
  for (int tries = 0; tries < 1000; ++tries) {
    char path[64], name[32];
    int named = 0;
    for (int tid = getpid() + 1; tid < getpid() + 64; ++tid) {
      snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tid);
      FILE *comm = fopen(path, "r");
      if (!comm)
        continue;
      if (fgets(name, sizeof(name), comm) && strncmp(name, "iou-", 4) == 0)
        ++named;
      fclose(comm);
    }
    if (named >= wanted)
      return;
    usleep(2000);
  }
}

#endif

/* The state letter of one of this process's threads, from its stat line:
 * 'Z' once it has exited and is not yet reaped, '?' if it cannot be read. */
#ifndef TASK_STATE_H
#define TASK_STATE_H

#include <stdio.h>
#include <string.h>
#include <sys/types.h>

static char task_state(pid_t tid) {
  char path[64], line[512];
  snprintf(path, sizeof(path), "/proc/self/task/%d/stat", (int)tid);
  FILE *stat = fopen(path, "r");
  if (!stat)
    return '?';
  size_t got = fread(line, 1, sizeof(line) - 1, stat);
  fclose(stat);
  line[got] = '\0';
  char *name_end = strrchr(line, ')');
  return name_end && name_end[1] == ' ' ? name_end[2] : '?';
}

#endif

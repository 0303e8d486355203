/* Holds one of its threads as a zombie in /proc/PID/task, as a tracer that
   has not reaped an exited thread leaves it: a forked helper seizes the
   thread, the thread returns, and the helper never waits for it. The kernel
   refuses to seize such a thread (EPERM). Writes its pid to argv[2] once the
   thread is a zombie, runs until the file argv[1] exists, then says so and
   exits 0 (the helper exits too, releasing the zombie). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/ptrace.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "task_state.h"

static int seized_pipe[2];
static volatile pid_t thread_tid;

static void *short_lived(void *arg) {
  (void)arg;
  thread_tid = gettid();
  char byte;
  /* Returns once the helper has seized this thread. */
  (void)!read(seized_pipe[0], &byte, 1);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3 || pipe(seized_pipe) != 0)
    return 2;
  pthread_t thread;
  pthread_create(&thread, NULL, short_lived, NULL);
  while (thread_tid == 0)
    usleep(1000);
  pid_t helper = fork();
  if (helper == 0) {
    if (ptrace(PTRACE_SEIZE, thread_tid, NULL, NULL) != 0)
      _exit(3);
    (void)!write(seized_pipe[1], "s", 1);
    while (access(argv[1], F_OK) != 0)
      usleep(1000);
    _exit(0);
  }
  while (task_state(thread_tid) != 'Z')
    usleep(1000);
  FILE *pid_file = fopen(argv[2], "w");
  fprintf(pid_file, "%d\n", (int)getpid());
  fclose(pid_file);
  while (access(argv[1], F_OK) != 0)
    usleep(1000);
  int status;
  waitpid(helper, &status, 0);
  int helper_ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  printf("done, helper %s\n", helper_ok ? "exited 0" : "failed");
  return 0;
}

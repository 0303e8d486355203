/* The main thread ends with pthread_exit and stays a zombie while two
   workers run on. Once the leader is a zombie, one worker writes the pid to
   argv[2] and calls tick() until the file argv[1] exists; then it says so
   and, as the last thread to return, ends the process with status 0. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "task_state.h"

void tick(int round) {
  (void)round; /* a test stops here */
}

static volatile int stop_sleeping;

static void *sleeper(void *arg) {
  (void)arg;
  while (!stop_sleeping)
    usleep(1000);
  return NULL;
}

static void *worker(void *arg) {
  char **argv = arg;
  pthread_t other;
  pthread_create(&other, NULL, sleeper, NULL);
  while (task_state(getpid()) != 'Z')
    usleep(1000);
  FILE *pid_file = fopen(argv[2], "w");
  fprintf(pid_file, "%d\n", (int)getpid());
  fclose(pid_file);
  int round = 0;
  while (access(argv[1], F_OK) != 0) {
    tick(round++);
    usleep(1000);
  }
  stop_sleeping = 1;
  pthread_join(other, NULL);
  printf("worker done after %s\n", round > 0 ? "some rounds" : "no round");
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  pthread_t thread;
  pthread_create(&thread, NULL, worker, argv);
  pthread_exit(NULL);
}

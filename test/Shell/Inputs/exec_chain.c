/* Execs itself again and again from a thread other than the leader, until
   STOP_FILE exists; then prints how many images ran and exits 0. The pid,
   which every image keeps, goes to PID_FILE first.
   usage: exec_chain STOP_FILE PID_FILE [IMAGE] */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static char **arguments;
static int image;

static void *exec_next(void *arg) {
  (void)arg;
  /* A short, varying life, so that an attach meets every moment of it. */
  struct timespec pause = {0, (image % 7) * 300000L};
  nanosleep(&pause, NULL);
  char next[16];
  snprintf(next, sizeof(next), "%d", image + 1);
  execl(arguments[0], arguments[0], arguments[1], arguments[2], next,
        (char *)NULL);
  perror("execl");
  exit(1);
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  arguments = argv;
  image = argc > 3 ? atoi(argv[3]) : 0;
  if (image == 0) {
    FILE *pid_file = fopen(argv[2], "w");
    fprintf(pid_file, "%d\n", (int)getpid());
    fclose(pid_file);
  }
  if (access(argv[1], F_OK) == 0) {
    printf("%s images ran\n", image > 1 ? "several" : "too few");
    return 0;
  }
  pthread_t thread;
  pthread_create(&thread, NULL, exec_next, NULL);
  for (;;)
    pause();
}

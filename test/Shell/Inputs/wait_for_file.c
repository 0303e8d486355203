/* Runs (two busy threads and a polling main) until the file named by argv[1]
   exists, then reports how many polls it made and exits 0. Writes its pid to
   argv[2] once every thread runs. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static volatile unsigned long spins;

static void *spin(void *arg) {
  (void)arg;
  for (;;)
    spins = spins + 1;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  pthread_t thread;
  for (int i = 0; i < 2; ++i)
    pthread_create(&thread, NULL, spin, NULL);
  FILE *pid_file = fopen(argv[2], "w");
  fprintf(pid_file, "%d\n", (int)getpid());
  fclose(pid_file);
  unsigned long polls = 0;
  while (access(argv[1], F_OK) != 0) {
    ++polls;
    usleep(1000);
  }
  printf("done after %s polls\n", polls > 0 ? "some" : "no");
  return 0;
}

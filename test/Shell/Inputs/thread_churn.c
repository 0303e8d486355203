/* Creates and joins threads in rounds of eight until the file argv[1]
 * exists, then says so and exits 0. Writes its pid to argv[2] once it runs:
 * a debugger stopping it is always in the middle of clones and exits. */
#include <pthread.h>
#include <stdio.h>
#include <unistd.h>

static volatile int sink;

static void *work(void *arg) {
  for (int i = 0; i < 50; ++i)
    sink += i;
  return arg;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  FILE *pid_file = fopen(argv[2], "w");
  fprintf(pid_file, "%d\n", (int)getpid());
  fclose(pid_file);
  unsigned long rounds = 0;
  while (access(argv[1], F_OK) != 0) {
    pthread_t threads[8];
    for (int i = 0; i < 8; ++i)
      pthread_create(&threads[i], NULL, work, NULL);
    for (int i = 0; i < 8; ++i)
      pthread_join(threads[i], NULL);
    ++rounds;
  }
  printf("churned %s\n", rounds > 0 ? "some rounds" : "nothing");
  return 0;
}

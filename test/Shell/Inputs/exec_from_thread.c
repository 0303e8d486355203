/* Run without arguments, a second thread execs this program again with the
   argument "again" while the main thread sleeps; the new image calls
   after_exec() and exits with status 0. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char *self;

void after_exec(void) {}

static void *exec_again(void *arg) {
  (void)arg;
  execl(self, self, "again", (char *)NULL);
  perror("execl");
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "again") == 0) {
    after_exec();
    printf("the new image runs\n");
    return 0;
  }
  self = argv[0];
  pthread_t thread;
  pthread_create(&thread, NULL, exec_again, NULL);
  for (;;)
    pause();
}

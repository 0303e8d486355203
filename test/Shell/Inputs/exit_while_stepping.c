/* A worker steps through slow_step(), which sleeps, while the main thread
   ends the whole process with exit(3) meanwhile. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

void slow_step(void) { usleep(500 * 1000); }

static void *worker(void *arg) {
  (void)arg;
  for (;;)
    slow_step();
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  usleep(200 * 1000);
  exit(3);
}

/* The main thread ends with pthread_exit while a worker goes on calling
   tick(); the leader stays a zombie until the worker, the last thread, ends
   the process with status 0. */
#include <pthread.h>
#include <unistd.h>

void tick(int round) {
  (void)round; /* a test stops here */
}

static void *worker(void *arg) {
  (void)arg;
  usleep(50 * 1000);
  for (int round = 0; round < 3; ++round)
    tick(round);
  return NULL;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, worker, NULL);
  pthread_exit(NULL);
}

/* Three named workers park in pause(); main then writes through a null
   pointer (SIGSEGV) with known values in a global and on the heap.
   never_called() is where a debugger can leave a breakpoint. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define WORKERS 3

int counter = 42;
char *heap_text;
static pthread_barrier_t barrier;

void worker_parked(int index) {
  (void)index;
  for (;;)
    pause();
}

static void *worker(void *arg) {
  char name[16];
  snprintf(name, sizeof(name), "worker-%ld", (long)arg);
  pthread_setname_np(pthread_self(), name);
  pthread_barrier_wait(&barrier);
  worker_parked((int)(long)arg);
  return NULL;
}

void never_called(void) { counter = 0; }

void crash_here(volatile int *where) { *where = counter; }

int main(void) {
  pthread_t threads[WORKERS];
  heap_text = strdup("text on the heap");
  pthread_barrier_init(&barrier, NULL, WORKERS + 1);
  for (long i = 0; i < WORKERS; ++i)
    pthread_create(&threads[i], NULL, worker, (void *)i);
  pthread_barrier_wait(&barrier);
  /* Each worker is named before the barrier and parks right after it. */
  usleep(100000);
  crash_here(NULL);
  return 0;
}

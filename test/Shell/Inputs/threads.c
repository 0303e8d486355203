/* Four workers meet at a barrier, then each calls worker_ready(); main
   joins them. */
#include <pthread.h>
#include <stdio.h>

#define WORKERS 4

static pthread_barrier_t barrier;

void worker_ready(int index) { (void)index; }

static void *worker(void *arg) {
  int index = (int)(long)arg;
  pthread_barrier_wait(&barrier);
  worker_ready(index);
  return NULL;
}

int main(void) {
  pthread_t threads[WORKERS];
  pthread_barrier_init(&barrier, NULL, WORKERS);
  for (long i = 0; i < WORKERS; ++i)
    pthread_create(&threads[i], NULL, worker, (void *)i);
  for (int i = 0; i < WORKERS; ++i)
    pthread_join(threads[i], NULL);
  printf("joined %d workers\n", WORKERS);
  return 0;
}

/* Breakpoint and stepping load: main first runs warm_up(), a loop to step
 * through, then THREADS threads each call hit() HITS times; main calls
 * joined() once they have all ended.
 *
 * usage: hits THREADS HITS */
#include <pthread.h>
#include <stdlib.h>

static volatile unsigned long sink;
static int hits;

void hit(void) { ++sink; }

__attribute__((noinline)) void joined(void) { __asm__ volatile(""); }

void warm_up(void) {
  for (unsigned long i = 0; i < 1000000; ++i)
    sink += i;
}

static void *worker(void *arg) {
  for (int i = 0; i < hits; ++i)
    hit();
  return arg;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  int count = atoi(argv[1]);
  hits = atoi(argv[2]);
  warm_up();
  pthread_t threads[64];
  if (count > 64)
    count = 64;
  for (int i = 0; i < count; ++i)
    pthread_create(&threads[i], NULL, worker, NULL);
  for (int i = 0; i < count; ++i)
    pthread_join(threads[i], NULL);
  joined();
  return 0;
}

/* The demo program: a main thread and three workers that each sum a slice of
   a table. Debugged by tools/demo/run-demo.sh through our server. */
#include <pthread.h>
#include <stdio.h>

#define WORKERS 3
#define SLICE 1000

struct slice {
  int index;
  long sum;
};

static int table[WORKERS * SLICE];

long sum_slice(struct slice *slice) {
  long sum = 0;
  for (int i = 0; i < SLICE; ++i)
    sum += table[slice->index * SLICE + i];
  slice->sum = sum;
  return sum;
}

static void *worker(void *arg) {
  sum_slice(arg);
  return NULL;
}

int main(void) {
  for (int i = 0; i < WORKERS * SLICE; ++i)
    table[i] = i;
  pthread_t threads[WORKERS];
  struct slice slices[WORKERS];
  for (int i = 0; i < WORKERS; ++i) {
    slices[i] = (struct slice){.index = i, .sum = 0};
    pthread_create(&threads[i], NULL, worker, &slices[i]);
  }
  long total = 0;
  for (int i = 0; i < WORKERS; ++i) {
    pthread_join(threads[i], NULL);
    total += slices[i].sum;
  }
  printf("total = %ld\n", total);
  return 0;
}

/* One call to step through, then two threads reaching a breakpoint. */
#include <pthread.h>
#include <stdio.h>

static int compute(int input) {
  int doubled = input * 2;
  return doubled + 1;
}

static int helper(int x) { return x - 1; }

void worker_ready(int index) { (void)index; }

static void *worker(void *arg) {
  worker_ready((int)(long)arg);
  return NULL;
}

int main(void) {
  int value = compute(20);
  value = helper(value);
  pthread_t thread;
  pthread_create(&thread, NULL, worker, (void *)7L);
  pthread_join(thread, NULL);
  printf("value=%d\n", value);
  return 0;
}

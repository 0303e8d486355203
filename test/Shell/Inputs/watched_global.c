/* main stops in ready(), then starts a thread that writes the global
   `watched` once, joins it and prints the value. The writer is created after
   ready(), so a watchpoint set there must reach a thread born later. */
#include <pthread.h>
#include <stdio.h>

volatile int watched = 7;

void ready(void) {}

static void *writer(void *arg) {
  (void)arg;
  watched = 42;
  return NULL;
}

int main(void) {
  ready();
  pthread_t thread;
  pthread_create(&thread, NULL, writer, NULL);
  pthread_join(thread, NULL);
  printf("watched=%d\n", watched);
  return 0;
}

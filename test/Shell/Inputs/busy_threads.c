// Two threads that run until killed: one busy, one sleeping in short naps.
#include <pthread.h>
#include <unistd.h>

static void *busy(void *unused) {
  for (;;)
    __asm__ volatile("" ::: "memory");
  return unused;
}

int main(void) {
  pthread_t thread;
  pthread_create(&thread, NULL, busy, NULL);
  for (;;)
    usleep(1000);
}

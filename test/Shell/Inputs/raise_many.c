/* Raises SIGUSR1 200 times; the handler counts them. */
#include <signal.h>
#include <stdio.h>

static volatile sig_atomic_t calls;

static void on_sigusr1(int signo) {
  (void)signo;
  ++calls;
}

int main(void) {
  signal(SIGUSR1, on_sigusr1);
  for (int i = 0; i < 200; ++i)
    raise(SIGUSR1);
  printf("SIGUSR1 handler ran %d times\n", (int)calls);
  return 0;
}

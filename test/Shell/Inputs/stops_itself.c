/* A busy thread and a main that, once the file named by argv[1] exists,
   stops itself with SIGSTOP as job control would. Once continued, and once
   the file named by argv[3] exists (so its parent can see the continue
   before the exit), it writes how often its SIGCONT handler ran to the file
   named by argv[2] and exits 0. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile unsigned long spins;
static volatile sig_atomic_t sigcont_calls;

static void on_sigcont(int signo) {
  (void)signo;
  ++sigcont_calls;
}

static void *spin(void *arg) {
  (void)arg;
  /* SIGCONT goes to main, whose handler then runs before raise() returns. */
  sigset_t blocked;
  sigemptyset(&blocked);
  sigaddset(&blocked, SIGCONT);
  pthread_sigmask(SIG_BLOCK, &blocked, NULL);
  for (;;)
    spins = spins + 1;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 4)
    return 2;
  signal(SIGCONT, on_sigcont);
  pthread_t thread;
  pthread_create(&thread, NULL, spin, NULL);
  while (access(argv[1], F_OK) != 0)
    usleep(1000);
  raise(SIGSTOP);
  while (access(argv[3], F_OK) != 0)
    usleep(1000);
  FILE *out = fopen(argv[2], "w");
  fprintf(out, "continued; SIGCONT handler ran %d times\n", (int)sigcont_calls);
  fclose(out);
  return 0;
}

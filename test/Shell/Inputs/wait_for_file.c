/* Runs (two busy threads and a polling main) until the file named by argv[1]
   exists, then reports how many polls it made and how often its SIGCONT and
   SIGUSR1 handlers ran, and exits 0. Writes its pid to argv[2] once every
   thread runs. */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <unistd.h>

static volatile unsigned long spins;
static volatile sig_atomic_t sigcont_calls, sigusr1_calls;

static void on_sigcont(int signo) {
  (void)signo;
  ++sigcont_calls;
}

static void on_sigusr1(int signo) {
  (void)signo;
  ++sigusr1_calls;
}

static void *spin(void *arg) {
  (void)arg;
  for (;;)
    spins = spins + 1;
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 3)
    return 2;
  signal(SIGCONT, on_sigcont);
  signal(SIGUSR1, on_sigusr1);
  /* The busy threads block the two signals, so their handlers run in the
     main thread on its way back to user code: the count it prints is then
     final. Run by a busy thread instead, a handler could still be pending
     when main sees the file, prints and exits. */
  sigset_t handled, previous;
  sigemptyset(&handled);
  sigaddset(&handled, SIGCONT);
  sigaddset(&handled, SIGUSR1);
  pthread_sigmask(SIG_BLOCK, &handled, &previous);
  pthread_t thread;
  for (int i = 0; i < 2; ++i)
    pthread_create(&thread, NULL, spin, NULL);
  pthread_sigmask(SIG_SETMASK, &previous, NULL);
  FILE *pid_file = fopen(argv[2], "w");
  fprintf(pid_file, "%d\n", (int)getpid());
  fclose(pid_file);
  unsigned long polls = 0;
  while (access(argv[1], F_OK) != 0) {
    ++polls;
    usleep(1000);
  }
  printf("done after %s polls; SIGCONT handler ran %d times, SIGUSR1 handler "
         "ran %d times\n",
         polls > 0 ? "some" : "no", (int)sigcont_calls, (int)sigusr1_calls);
  return 0;
}

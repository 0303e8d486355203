/* One run that stops for every reason a stop reply describes, with io
 * threads present: an SQPOLL ring (its poller is an untraced io thread) and
 * a second program thread exist before the first stop. main then reaches a
 * breakpoint, raises SIGUSR1 (handled), forks a child that exits, and execs itself
 * with the argument "again"; the new image prints a line and exits. */
#include <liburing.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void at_breakpoint(void) {}

static void on_signal(int signo) { (void)signo; }

static void *sleeper(void *arg) {
  (void)arg;
  for (;;)
    pause();
  return NULL;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "again") == 0) {
    printf("the new image runs\n");
    return 0;
  }
  struct io_uring ring;
  struct io_uring_params params;
  memset(&params, 0, sizeof(params));
  params.flags = IORING_SETUP_SQPOLL;
  params.sq_thread_idle = 60000;
  if (io_uring_queue_init_params(4, &ring, &params) < 0) {
    perror("io_uring_queue_init_params");
    return 1;
  }
  pthread_t thread;
  pthread_create(&thread, NULL, sleeper, NULL);
  at_breakpoint();
  signal(SIGUSR1, on_signal);
  raise(SIGUSR1);
  pid_t child = fork();
  if (child == 0)
    _exit(0);
  waitpid(child, NULL, 0);
  execl(argv[0], argv[0], "again", (char *)NULL);
  perror("execl");
  return 1;
}

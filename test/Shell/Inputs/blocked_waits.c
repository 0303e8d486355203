/* Three threads block in waits that a debugger's stop can make fail with
 * EINTR: io_uring_wait_cqe, epoll_wait and sigtimedwait. The pid is written
 * to argv[2] once all three are inside their system calls. When the file
 * argv[1] appears, the main thread ends each wait (data in two pipes,
 * SIGUSR2) and every thread prints what its wait returned. */
#define _GNU_SOURCE
#include <liburing.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/syscall.h>
#include <unistd.h>

static int uring_pipe[2], epoll_pipe[2];
static struct io_uring ring;

static void *wait_uring(void *arg) {
  struct io_uring_cqe *cqe = NULL;
  int result = io_uring_wait_cqe(&ring, &cqe);
  if (result == 0)
    printf("io_uring_wait_cqe = 0, read %d\n", cqe->res);
  else
    printf("io_uring_wait_cqe = %d (%s)\n", result, strerror(-result));
  return arg;
}

static void *wait_epoll(void *arg) {
  int epoll = epoll_create1(0);
  struct epoll_event event = {.events = EPOLLIN};
  epoll_ctl(epoll, EPOLL_CTL_ADD, epoll_pipe[0], &event);
  int result = epoll_wait(epoll, &event, 1, -1);
  printf("epoll_wait = %d%s%s\n", result, result < 0 ? ": " : "",
         result < 0 ? strerror(errno) : "");
  return arg;
}

static void *wait_signal(void *arg) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  int result = sigtimedwait(&set, NULL, NULL);
  printf("sigtimedwait = %s%s\n", result == SIGUSR2 ? "SIGUSR2" : "-1: ",
         result == SIGUSR2 ? "" : strerror(errno));
  return arg;
}

/* True once thread \p tid is inside system call \p number. */
static int in_syscall(pid_t tid, long number) {
  char path[64];
  long current = -1;
  snprintf(path, sizeof(path), "/proc/self/task/%d/syscall", tid);
  FILE *file = fopen(path, "r");
  if (file) {
    if (fscanf(file, "%ld", &current) != 1)
      current = -1;
    fclose(file);
  }
  return current == number;
}

static pid_t tids[3];
static void *(*const bodies[3])(void *) = {wait_uring, wait_epoll, wait_signal};
static void *run(void *index) {
  tids[(long)index] = gettid();
  return bodies[(long)index](NULL);
}

int main(int argc, char **argv) {
  if (argc != 3 || pipe(uring_pipe) || pipe(epoll_pipe) ||
      io_uring_queue_init(4, &ring, 0))
    return 2;
  static char buffer[8];
  io_uring_prep_read(io_uring_get_sqe(&ring), uring_pipe[0], buffer,
                     sizeof(buffer), 0);
  io_uring_submit(&ring);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  pthread_sigmask(SIG_BLOCK, &set, NULL);

  pthread_t threads[3];
  for (long i = 0; i < 3; ++i)
    pthread_create(&threads[i], NULL, run, (void *)i);
  const long numbers[3] = {SYS_io_uring_enter, SYS_epoll_wait,
                           SYS_rt_sigtimedwait};
  for (int i = 0; i < 3; ++i)
    while (!tids[i] || !in_syscall(tids[i], numbers[i]))
      usleep(1000);
  FILE *pid_file = fopen(argv[2], "w");
  fprintf(pid_file, "%d\n", getpid());
  fclose(pid_file);

  while (access(argv[1], F_OK) != 0)
    usleep(10000);
  (void)!write(uring_pipe[1], "data", 4);
  (void)!write(epoll_pipe[1], "data", 4);
  kill(getpid(), SIGUSR2);
  for (int i = 0; i < 3; ++i)
    pthread_join(threads[i], NULL);
  puts("done");
  return 0;
}

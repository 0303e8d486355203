/* io_uring requests in flight while a debugger comes and goes.
 *
 * usage: iouring_blocked DIR
 *
 * Sets up an SQPOLL ring (its poller thread is iou-sqp-PID) and a plain ring
 * on which it submits, forced onto io-wq workers (IOSQE_ASYNC):
 *   - a read of DIR/read.fifo, which blocks until someone writes to it;
 *   - an openat of DIR/open.fifo, which blocks until a writer opens it.
 * It then writes DIR/pid, calls io_ready() and waits for completions. When
 * DIR/more appears it starts a thread that submits one more blocking read
 * (of DIR/more.fifo) on a ring of its own: io-wq workers belong to the task
 * that submits, so the kernel spawns a new worker for that thread.
 * Each completion is printed as "NAME: RESULT"; a negative result is -errno.
 */
#include <errno.h>
#include <fcntl.h>
#include <liburing.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io_threads_ready.h"

enum { READ_REQUEST = 1, OPEN_REQUEST, MORE_REQUEST };

void io_ready(void) {}
void more_submitted(void) {}

static char path[3][4096];
static int more_fd;

static void submit(struct io_uring *ring, int kind, int fd, char *buffer) {
  struct io_uring_sqe *sqe = io_uring_get_sqe(ring);
  if (kind == OPEN_REQUEST)
    io_uring_prep_openat(sqe, AT_FDCWD, path[1], O_RDONLY, 0);
  else
    io_uring_prep_read(sqe, fd, buffer, 63, 0);
  sqe->flags |= IOSQE_ASYNC;
  io_uring_sqe_set_data64(sqe, kind);
  io_uring_submit(ring);
}

static void *submit_more(void *arg) {
  (void)arg;
  struct io_uring ring;
  static char buffer[64];
  struct io_uring_cqe *cqe;
  if (io_uring_queue_init(4, &ring, 0) < 0)
    return NULL;
  submit(&ring, MORE_REQUEST, more_fd, buffer);
  more_submitted();
  /* A debugger's stop interrupts the wait; waiting again is correct. */
  int waited;
  do
    waited = io_uring_wait_cqe(&ring, &cqe);
  while (waited == -EINTR);
  if (waited == 0)
    printf("more: %d\n", cqe->res);
  fflush(stdout);
  return NULL;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  const char *dir = argv[1];
  snprintf(path[0], sizeof(path[0]), "%s/read.fifo", dir);
  snprintf(path[1], sizeof(path[1]), "%s/open.fifo", dir);
  snprintf(path[2], sizeof(path[2]), "%s/more.fifo", dir);
  for (int i = 0; i < 3; ++i)
    mkfifo(path[i], 0600);

  struct io_uring polled, ring;
  struct io_uring_params params;
  memset(&params, 0, sizeof(params));
  params.flags = IORING_SETUP_SQPOLL;
  params.sq_thread_idle = 10;
  if (io_uring_queue_init_params(4, &polled, &params) < 0 ||
      io_uring_queue_init(8, &ring, 0) < 0) {
    perror("io_uring");
    return 1;
  }
  /* Held open read-write, a FIFO never blocks this open nor reports EOF. */
  int read_fd = open(path[0], O_RDWR);
  more_fd = open(path[2], O_RDWR);
  static char read_buffer[64];
  submit(&ring, READ_REQUEST, read_fd, read_buffer);
  submit(&ring, OPEN_REQUEST, -1, NULL);

  char pid_path[4096], more_path[4096];
  snprintf(pid_path, sizeof(pid_path), "%s/pid", dir);
  snprintf(more_path, sizeof(more_path), "%s/more", dir);
  wait_for_io_threads(3);
  FILE *pid_file = fopen(pid_path, "w");
  fprintf(pid_file, "%d\n", (int)getpid());
  fclose(pid_file);
  io_ready();

  int pending = 2, more = 0;
  pthread_t more_thread;
  while (pending > 0) {
    if (!more && access(more_path, F_OK) == 0)
      more = pthread_create(&more_thread, NULL, submit_more, NULL) == 0;
    struct io_uring_cqe *cqe;
    struct __kernel_timespec wait = {.tv_sec = 0, .tv_nsec = 20000000};
    if (io_uring_wait_cqe_timeout(&ring, &cqe, &wait) != 0)
      continue;
    int kind = (int)io_uring_cqe_get_data64(cqe);
    printf("%s: %d\n", kind == READ_REQUEST ? "read" : "openat", cqe->res);
    fflush(stdout);
    io_uring_cqe_seen(&ring, cqe);
    --pending;
  }
  if (more)
    pthread_join(more_thread, NULL);
  return 0;
}

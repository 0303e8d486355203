/* A program that stops quietly first, then gains an io thread and no other:
 * tick() is called TICKS times, then one read of a pipe is submitted forced
 * onto an io-wq worker (IOSQE_ASYNC), and io_ready() is called once the
 * worker exists. The main thread then feeds the pipe and prints the read's
 * result.
 *
 * usage: io_after_quiet_stops TICKS */
#include <liburing.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "io_threads_ready.h"

void tick(int index) { (void)index; }
void io_ready(void) {}

int main(int argc, char **argv) {
  int ticks = argc > 1 ? atoi(argv[1]) : 10;
  for (int i = 0; i < ticks; ++i)
    tick(i);

  struct io_uring ring;
  int fds[2];
  if (io_uring_queue_init(4, &ring, 0) < 0 || pipe(fds) != 0) {
    perror("io_uring");
    return 1;
  }
  static char buffer[64];
  struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
  io_uring_prep_read(sqe, fds[0], buffer, sizeof(buffer) - 1, 0);
  sqe->flags |= IOSQE_ASYNC;
  io_uring_submit(&ring);
  wait_for_io_threads(1);
  io_ready();

  if (write(fds[1], "hello", 5) != 5)
    return 1;
  struct io_uring_cqe *cqe;
  int waited;
  do
    waited = io_uring_wait_cqe(&ring, &cqe);
  while (waited == -4);
  printf("read: %d\n", waited == 0 ? cqe->res : waited);
  return 0;
}

/* io_uring through raw system calls, for 32-bit builds (no 32-bit liburing
 * here): an SQPOLL ring, and a plain ring with one read of a pipe forced
 * onto an io-wq worker. Calls io_ready() once both io threads exist, then
 * waits until killed. */
#include <linux/io_uring.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "io_threads_ready.h"

void io_ready(void) {}

static int setup(unsigned flags, struct io_uring_params *params) {
  memset(params, 0, sizeof(*params));
  params->flags = flags;
  params->sq_thread_idle = 10;
  return (int)syscall(__NR_io_uring_setup, 4, params);
}

int main(void) {
  struct io_uring_params polled_params, params;
  int polled = setup(IORING_SETUP_SQPOLL, &polled_params);
  int ring = setup(0, &params);
  int fds[2];
  if (polled < 0 || ring < 0 || pipe(fds) != 0) {
    perror("io_uring_setup");
    return 1;
  }

  size_t sq_size = params.sq_off.array + params.sq_entries * sizeof(unsigned);
  char *sq = mmap(NULL, sq_size, PROT_READ | PROT_WRITE, MAP_SHARED, ring,
                  IORING_OFF_SQ_RING);
  struct io_uring_sqe *sqes =
      mmap(NULL, params.sq_entries * sizeof(struct io_uring_sqe),
           PROT_READ | PROT_WRITE, MAP_SHARED, ring, IORING_OFF_SQES);
  if (sq == MAP_FAILED || sqes == MAP_FAILED)
    return 1;
  unsigned *tail = (unsigned *)(sq + params.sq_off.tail);
  unsigned *mask = (unsigned *)(sq + params.sq_off.ring_mask);
  unsigned *array = (unsigned *)(sq + params.sq_off.array);

  static char buffer[16];
  unsigned index = *tail & *mask;
  struct io_uring_sqe *sqe = &sqes[index];
  memset(sqe, 0, sizeof(*sqe));
  sqe->opcode = IORING_OP_READ;
  sqe->fd = fds[0];
  sqe->addr = (unsigned long)buffer;
  sqe->len = sizeof(buffer);
  sqe->flags = IOSQE_ASYNC;
  array[index] = index;
  __atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
  if (syscall(__NR_io_uring_enter, ring, 1, 0, 0, NULL, 0) != 1)
    return 1;

  wait_for_io_threads(2);
  io_ready();
  pause();
  return 0;
}

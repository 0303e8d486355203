/* The demo program: io stays in flight while a debugger comes and goes.
 *
 * usage: demo DIR
 *
 * An SQPOLL ring (its poller is the thread iou-sqp-PID) and a ring whose
 * openat of the FIFO DIR/request.fifo runs on an io-wq worker (iou-wrk-PID),
 * which blocks until a writer opens the other end. The main thread then
 * counts rounds in next_round() (where the demo breaks) and, after round 20,
 * opens the writer end itself and prints how the openat completed: a file
 * descriptor when it completed normally, -512 (-ERESTARTSYS) when a debugger
 * stopped the worker under it.
 */
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static int rounds_left = 20;

int next_round(int round) {
  int left = rounds_left - round;
  return left;
}

static void wait_for_worker(pid_t pid) {
  /* The kernel names a new io thread a moment after starting it. */
  for (int tries = 0; tries < 1000; ++tries) {
    for (pid_t tid = pid + 1; tid < pid + 16; ++tid) {
      char path[64], name[32] = "";
      snprintf(path, sizeof(path), "/proc/self/task/%d/comm", tid);
      FILE *comm = fopen(path, "r");
      if (!comm)
        continue;
      int worker = fgets(name, sizeof(name), comm) &&
                   name[0] == 'i' && name[4] == 'w'; /* iou-wrk- */
      fclose(comm);
      if (worker)
        return;
    }
    usleep(2000);
  }
}

int main(int argc, char **argv) {
  if (argc != 2)
    return 2;
  char fifo[4096], pid_file[4096];
  snprintf(fifo, sizeof(fifo), "%s/request.fifo", argv[1]);
  snprintf(pid_file, sizeof(pid_file), "%s/pid", argv[1]);
  unlink(fifo);
  if (mkfifo(fifo, 0600) != 0)
    return 2;

  struct io_uring polled, ring;
  struct io_uring_params params = {.flags = IORING_SETUP_SQPOLL,
                                   .sq_thread_idle = 60000};
  if (io_uring_queue_init_params(4, &polled, &params) < 0 ||
      io_uring_queue_init(4, &ring, 0) < 0) {
    fprintf(stderr, "demo: io_uring is not available\n");
    return 2;
  }
  struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
  io_uring_prep_openat(sqe, AT_FDCWD, fifo, O_RDONLY, 0);
  sqe->flags |= IOSQE_ASYNC;
  io_uring_submit(&ring);
  wait_for_worker(getpid());

  FILE *pid_out = fopen(pid_file, "w");
  fprintf(pid_out, "%d\n", getpid());
  fclose(pid_out);
  printf("demo %d: openat of %s in flight on an io-wq worker\n", getpid(),
         fifo);
  fflush(stdout);

  for (int round = 0; next_round(round) > 0; ++round)
    usleep(100000);

  int writer = open(fifo, O_WRONLY | O_NONBLOCK);
  struct io_uring_cqe *cqe;
  io_uring_wait_cqe(&ring, &cqe);
  if (cqe->res >= 0)
    printf("demo: openat completed normally (fd %d)\n", cqe->res);
  else
    printf("demo: openat failed with %d%s\n", cqe->res,
           cqe->res == -512 ? " (-ERESTARTSYS: a debugger stopped its worker)"
                            : "");
  io_uring_cqe_seen(&ring, cqe);
  if (writer >= 0)
    close(writer);
  unlink(fifo);
  return cqe->res >= 0 ? 0 : 1;
}

/* The demo program: io stays in flight while a debugger comes and goes.
 *
 * usage: demo DIR
 *
 * A ring whose openat of the FIFO DIR/request.fifo runs on an io-wq worker
 * (iou-wrk-PID), which blocks until a writer opens the other end. The
 * program writes its pid to DIR/pid and waits for a debugger to attach (a
 * minute at most). Then it starts an SQPOLL ring, whose poller (iou-sqp-PID)
 * is a thread the kernel creates while the program is debugged, and counts
 * rounds in next_round() (where the demo breaks). After round 20 it opens the
 * writer end itself and prints how the openat completed: a file descriptor
 * when it completed normally, -512 (-ERESTARTSYS) when a debugger stopped the
 * worker under it.
 *
 * The demo's transcript is the same from run to run: the worker is the io
 * thread the debugger finds at attach, the poller the one it finds at the
 * first stop, and the file descriptors are the same every time.
 */
#include <dirent.h>
#include <fcntl.h>
#include <liburing.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int rounds_left = 20;

int next_round(int round) {
  int left = rounds_left - round;
  return left;
}

/* Reads the first line of PATH into LINE, without its newline. */
static int read_line(const char *path, char *line, int size) {
  FILE *file = fopen(path, "r");
  if (!file)
    return 0;
  int read = fgets(line, size, file) != NULL;
  fclose(file);
  line[strcspn(line, "\n")] = '\0';
  return read;
}

/* Whether a thread of process PID has a name beginning with PREFIX and,
 * unless WCHAN is NULL, waits in the kernel function WCHAN. */
static int has_io_thread(pid_t pid, const char *prefix, const char *wchan) {
  char path[300];
  snprintf(path, sizeof(path), "/proc/%d/task", pid);
  DIR *tasks = opendir(path);
  int found = 0;
  for (struct dirent *task; tasks && !found && (task = readdir(tasks));) {
    char name[64], where[64];
    snprintf(path, sizeof(path), "/proc/%d/task/%s/comm", pid, task->d_name);
    if (!read_line(path, name, sizeof(name)) ||
        strncmp(name, prefix, strlen(prefix)) != 0)
      continue;
    snprintf(path, sizeof(path), "/proc/%d/task/%s/wchan", pid, task->d_name);
    found = !wchan || (read_line(path, where, sizeof(where)) &&
                       strcmp(where, wchan) == 0);
  }
  if (tasks)
    closedir(tasks);
  return found;
}

/* Waits up to two seconds for such a thread: the kernel names a new io
 * thread a moment after starting it. */
static void wait_for_io_thread(const char *prefix, const char *wchan) {
  for (int tries = 0; tries < 1000 && !has_io_thread(getpid(), prefix, wchan);
       ++tries)
    usleep(2000);
}

/* The same, in a child process, whose file descriptors are its own: the
 * program's next descriptor stays free meanwhile. */
static void wait_for_io_thread_in_child(const char *prefix, const char *wchan) {
  pid_t child = fork();
  if (child == 0) {
    for (int tries = 0;
         tries < 1000 && !has_io_thread(getppid(), prefix, wchan); ++tries)
      usleep(2000);
    _exit(0);
  }
  if (child > 0)
    waitpid(child, NULL, 0);
}

static int traced(void) {
  char line[256];
  int tracer = 0;
  FILE *status = fopen("/proc/self/status", "r");
  if (!status)
    return 0;
  while (fgets(line, sizeof(line), status))
    if (sscanf(line, "TracerPid: %d", &tracer) == 1)
      break;
  fclose(status);
  return tracer != 0;
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

  struct io_uring ring, polled;
  if (io_uring_queue_init(4, &ring, 0) < 0) {
    fprintf(stderr, "demo: io_uring is not available\n");
    return 2;
  }
  struct io_uring_sqe *sqe = io_uring_get_sqe(&ring);
  io_uring_prep_openat(sqe, AT_FDCWD, fifo, O_RDONLY, 0);
  sqe->flags |= IOSQE_ASYNC;
  io_uring_submit(&ring);
  /* Once the worker waits for the FIFO's writer, the openat has taken its
   * file descriptor: the lowest free one, the same in every run, since the
   * wait opens its files in a child. */
  wait_for_io_thread_in_child("iou-wrk-", "wait_for_partner");

  FILE *pid_out = fopen(pid_file, "w");
  fprintf(pid_out, "%d\n", getpid());
  fclose(pid_out);
  printf("demo %d: openat of %s in flight on an io-wq worker\n", getpid(),
         fifo);
  fflush(stdout);

  for (int waited = 0; !traced() && waited < 600; ++waited)
    usleep(100000);
  struct io_uring_params params = {.flags = IORING_SETUP_SQPOLL,
                                   .sq_thread_idle = 60000};
  if (io_uring_queue_init_params(4, &polled, &params) < 0) {
    fprintf(stderr, "demo: io_uring SQPOLL is not available\n");
    return 2;
  }
  wait_for_io_thread("iou-sqp-", NULL);

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

// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Blocks in one system call named by argv[1] and prints what it returned
 * (-errno on failure), for SyscallRestartTest. Built 64-bit and -m32, so the
 * same waits run in both modes. Before blocking it prints "ready". What
 * ends each wait: data in the pipe on fd 101 (epoll_*, io_uring_enter,
 * io_getevents), a post to the semaphore of key 0x5e000000 + pid (semop,
 * semtimedop), SIGUSR2 (rt_sigtimedwait). SIGUSR1 runs a handler that does
 * nothing, so it interrupts the wait as a real signal does. */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/aio_abi.h>
#include <linux/io_uring.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/sem.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

/* Far above what pipe() returns, so the dup2s never close a pipe end. */
enum { ReadFd = 100, WriteFd = 101 };

struct timespec64 {
  int64_t sec, nsec;
};

static void on_usr1(int signo) { (void)signo; }

static long wait_epoll(const char *call) {
  int epoll = epoll_create1(0);
  struct epoll_event event = {.events = EPOLLIN};
  epoll_ctl(epoll, EPOLL_CTL_ADD, ReadFd, &event);
  puts("ready");
  fflush(stdout);
  if (!strcmp(call, "epoll_wait"))
    return syscall(__NR_epoll_wait, epoll, &event, 1, -1);
  if (!strcmp(call, "epoll_pwait"))
    return syscall(__NR_epoll_pwait, epoll, &event, 1, -1, NULL, 8);
  return syscall(__NR_epoll_pwait2, epoll, &event, 1, NULL, NULL, 8);
}

/* A poll of the pipe is submitted first, then the wait submits nothing. */
static long wait_io_uring(void) {
  struct io_uring_params params;
  memset(&params, 0, sizeof(params));
  int ring = (int)syscall(__NR_io_uring_setup, 4, &params);
  char *sq = mmap(NULL, params.sq_off.array + params.sq_entries * 4,
                  PROT_READ | PROT_WRITE, MAP_SHARED, ring, IORING_OFF_SQ_RING);
  struct io_uring_sqe *sqes =
      mmap(NULL, params.sq_entries * sizeof(struct io_uring_sqe),
           PROT_READ | PROT_WRITE, MAP_SHARED, ring, IORING_OFF_SQES);
  if (ring < 0 || sq == MAP_FAILED || sqes == MAP_FAILED)
    return -1000;
  unsigned *tail = (unsigned *)(sq + params.sq_off.tail);
  unsigned index = *tail & *(unsigned *)(sq + params.sq_off.ring_mask);
  memset(&sqes[index], 0, sizeof(sqes[index]));
  sqes[index].opcode = IORING_OP_POLL_ADD;
  sqes[index].fd = ReadFd;
  sqes[index].poll32_events = POLLIN;
  ((unsigned *)(sq + params.sq_off.array))[index] = index;
  __atomic_store_n(tail, *tail + 1, __ATOMIC_RELEASE);
  if (syscall(__NR_io_uring_enter, ring, 1, 0, 0, NULL, 0) != 1)
    return -1001;
  puts("ready");
  fflush(stdout);
  return syscall(__NR_io_uring_enter, ring, 0, 1, IORING_ENTER_GETEVENTS, NULL,
                 0);
}

static long wait_io_getevents(void) {
  aio_context_t context = 0;
  if (syscall(__NR_io_setup, 1, &context) != 0)
    return -1000;
  struct iocb poll_pipe;
  memset(&poll_pipe, 0, sizeof(poll_pipe));
  poll_pipe.aio_lio_opcode = IOCB_CMD_POLL;
  poll_pipe.aio_fildes = ReadFd;
  poll_pipe.aio_buf = POLLIN;
  struct iocb *submitted = &poll_pipe;
  if (syscall(__NR_io_submit, context, 1, &submitted) != 1)
    return -1001;
  puts("ready");
  fflush(stdout);
  struct io_event event;
  return syscall(__NR_io_getevents, context, 1, 1, &event, NULL);
}

static long wait_semaphore(const char *call) {
  int semaphore = semget(0x5e000000 + getpid(), 1, IPC_CREAT | 0600);
  struct sembuf take = {0, -1, 0};
  puts("ready");
  fflush(stdout);
  if (!strcmp(call, "semop")) {
#ifdef __NR_semop
    return syscall(__NR_semop, semaphore, &take, 1);
#else
    return syscall(__NR_ipc, 1 /* SEMOP */, semaphore, 1, 0, &take);
#endif
  }
  struct timespec64 timeout = {1000, 0};
#ifdef __NR_semtimedop
  return syscall(__NR_semtimedop, semaphore, &take, 1, &timeout);
#else
  return syscall(__NR_semtimedop_time64, semaphore, &take, 1, &timeout);
#endif
}

static long wait_signal(void) {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  puts("ready");
  fflush(stdout);
  return syscall(__NR_rt_sigtimedwait, &set, NULL, NULL, 8);
}

/* Turns the byte the test writes to the pipe into a connection to \p addr,
 * or, without one, a byte sent on \p sock. */
static void spawn_socket_helper(int sock, const struct sockaddr_un *addr,
                                socklen_t addr_len) {
  /* Its end must not stop the traced waiter with a SIGCHLD. */
  signal(SIGCHLD, SIG_IGN);
  pid_t parent = getpid();
  if (fork() != 0)
    return;
  prctl(PR_SET_PDEATHSIG, SIGKILL);
  /* The waiter may have ended before the line above took effect. */
  if (getppid() != parent)
    _exit(0);
  close(WriteFd);
  char byte;
  if (read(ReadFd, &byte, 1) == 1) {
    if (addr) {
      int client = socket(AF_UNIX, SOCK_STREAM, 0);
      connect(client, (const struct sockaddr *)addr, addr_len);
    } else {
      (void)!write(sock, "x", 1);
    }
  }
  _exit(0);
}

static long wait_accept(struct timeval *timeout) {
  struct sockaddr_un addr = {.sun_family = AF_UNIX};
  snprintf(addr.sun_path + 1, sizeof(addr.sun_path) - 1, "waitcall-%d",
           getpid());
  socklen_t addr_len =
      offsetof(struct sockaddr_un, sun_path) + 1 + strlen(addr.sun_path + 1);
  int listener = socket(AF_UNIX, SOCK_STREAM, 0);
  if (bind(listener, (struct sockaddr *)&addr, addr_len) != 0 ||
      listen(listener, 1) != 0 ||
      setsockopt(listener, SOL_SOCKET, SO_RCVTIMEO, timeout,
                 sizeof(*timeout)) != 0)
    return -1000;
  spawn_socket_helper(-1, &addr, addr_len);
  puts("ready");
  fflush(stdout);
#ifdef __NR_accept
  long accepted = syscall(__NR_accept, listener, NULL, NULL);
#else
  /* i386 reaches accept through socketcall(2) only. */
  unsigned long args[3] = {(unsigned long)listener, 0, 0};
  long accepted = syscall(__NR_socketcall, 5 /* SYS_ACCEPT */, args);
#endif
  return accepted < 0 ? accepted : 0;
}

static long wait_socket(const char *call) {
  struct timeval timeout = {1000, 0};
  if (!strcmp(call, "accept"))
    return wait_accept(&timeout);
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0 ||
      setsockopt(pair[0], SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)) !=
          0)
    return -1000;
  spawn_socket_helper(pair[1], NULL, 0);
  puts("ready");
  fflush(stdout);
  char buffer[8];
  if (!strcmp(call, "recvfrom"))
    return syscall(__NR_recvfrom, pair[0], buffer, sizeof(buffer), 0, NULL,
                   NULL);
  struct iovec vector = {buffer, sizeof(buffer)};
  struct msghdr message = {.msg_iov = &vector, .msg_iovlen = 1};
  return syscall(__NR_recvmsg, pair[0], &message, 0);
}

int main(int argc, char **argv) {
  int fds[2];
  if (argc != 2 || pipe(fds) != 0 || dup2(fds[0], ReadFd) < 0 ||
      dup2(fds[1], WriteFd) < 0)
    return 2;
  struct sigaction handler;
  memset(&handler, 0, sizeof(handler));
  handler.sa_handler = on_usr1; /* no SA_RESTART */
  sigaction(SIGUSR1, &handler, NULL);
  const char *call = argv[1];
  long result;
  if (!strncmp(call, "epoll", 5))
    result = wait_epoll(call);
  else if (!strcmp(call, "io_uring_enter"))
    result = wait_io_uring();
  else if (!strcmp(call, "io_getevents"))
    result = wait_io_getevents();
  else if (!strncmp(call, "sem", 3))
    result = wait_semaphore(call);
  else if (!strcmp(call, "rt_sigtimedwait"))
    result = wait_signal();
  else if (!strcmp(call, "accept") || !strncmp(call, "recv", 4))
    result = wait_socket(call);
  else
    return 2;
  printf("%ld\n", result < 0 ? -(long)errno : result);
  return 0;
}

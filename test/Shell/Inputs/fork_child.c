/* Forks (or, with the argument "vfork", vforks; with "clone", clones a
   process with exit signal 0, which the kernel reports as a clone, not a
   fork) a child that calls in_child() and exits with status 7; the parent
   calls in_parent() and reports how its child ended. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void in_child(void) {}
void in_parent(void) {}

static int child_main(void *arg) {
  (void)arg;
  in_child();
  _exit(7);
}

static pid_t start_child(const char *how) {
  static char stack[65536];
  if (strcmp(how, "vfork") == 0)
    return vfork();
  if (strcmp(how, "clone") == 0)
    return clone(child_main, stack + sizeof(stack), 0, NULL);
  return fork();
}

int main(int argc, char **argv) {
  pid_t child = start_child(argc > 1 ? argv[1] : "fork");
  if (child == 0)
    child_main(NULL);
  in_parent();
  int status;
  /* A child with no exit signal is waited for with __WALL. */
  waitpid(child, &status, __WALL);
  if (WIFEXITED(status))
    printf("child exited with %d\n", WEXITSTATUS(status));
  else if (WIFSIGNALED(status))
    printf("child killed by signal %d\n", WTERMSIG(status));
  return 0;
}

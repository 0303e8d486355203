/* Forks (or, with the argument "vfork", vforks) a child that calls
   in_child() and exits with status 7; the parent calls in_parent() and
   reports how its child ended. */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

void in_child(void) {}
void in_parent(void) {}

int main(int argc, char **argv) {
  int use_vfork = argc > 1 && strcmp(argv[1], "vfork") == 0;
  pid_t child = use_vfork ? vfork() : fork();
  if (child == 0) {
    in_child();
    _exit(7);
  }
  in_parent();
  int status;
  waitpid(child, &status, 0);
  if (WIFEXITED(status))
    printf("child exited with %d\n", WEXITSTATUS(status));
  else if (WIFSIGNALED(status))
    printf("child killed by signal %d\n", WTERMSIG(status));
  return 0;
}

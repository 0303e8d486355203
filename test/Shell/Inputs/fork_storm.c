// Forks and reaps a child without pause, so an attach often finds the
// thread inside fork(); prints a line each 1000 forks.
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void) {
  for (unsigned long forks = 1;; ++forks) {
    pid_t child = fork();
    if (child == 0)
      _exit(0);
    if (child > 0)
      waitpid(child, NULL, 0);
  }
}

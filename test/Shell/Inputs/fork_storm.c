// Forks and reaps a child without pause, so an attach often finds the
// thread inside fork(); counts its forks in the 8-byte file argv[1], which
// it maps shared, so a test sees whether it still makes progress.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  int fd = argc == 2 ? open(argv[1], O_RDWR | O_CREAT | O_TRUNC, 0644) : -1;
  if (fd < 0 || ftruncate(fd, 8) != 0)
    return 2;
  volatile unsigned long *forks =
      mmap(NULL, 8, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  if (forks == MAP_FAILED)
    return 2;
  for (;;) {
    pid_t child = fork();
    if (child == 0)
      _exit(0);
    if (child > 0)
      waitpid(child, NULL, 0);
    ++*forks;
  }
}

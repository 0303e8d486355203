/* Faults in the way the first argument names: "unmapped" writes to
   address 0, "readonly" writes to a read-only page at 0x200000000, "ud2"
   runs an undefined instruction, "bus" reads a mapping of the file named
   by the second argument past the file's end, "raised" sends itself
   SIGSEGV. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static void read_past_file_end(const char *path) {
  int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0 || ftruncate(fd, 1) != 0)
    exit(2);
  long page = sysconf(_SC_PAGESIZE);
  volatile char *map = mmap(NULL, 2 * page, PROT_READ, MAP_SHARED, fd, 0);
  if (map == MAP_FAILED)
    exit(2);
  (void)map[page];
}

int main(int argc, char **argv) {
  const char *how = argc > 1 ? argv[1] : "";
  if (strcmp(how, "unmapped") == 0)
    *(volatile int *)0 = 1;
  if (strcmp(how, "readonly") == 0) {
    /* At a fixed address, so the test knows the fault address. */
    volatile char *page =
        mmap((void *)0x200000000, 4096, PROT_READ,
             MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (page == MAP_FAILED)
      return 2;
    *page = 1;
  }
  if (strcmp(how, "ud2") == 0)
    __asm__ volatile("ud2");
  if (strcmp(how, "bus") == 0 && argc > 2)
    read_past_file_end(argv[2]);
  if (strcmp(how, "raised") == 0)
    raise(SIGSEGV);
  return 1;
}

// Calls tick() every millisecond until the file named by argv[1] exists,
// then calls finish() and exits with status 42: a program that ends
// normally only if it ran intact through whatever happened to its debugger.
#include <unistd.h>

volatile unsigned long ticks;

__attribute__((noinline)) void tick(void) { ticks++; }

__attribute__((noinline)) void finish(void) { ticks = 0; }

int main(int argc, char **argv) {
  if (argc < 2)
    return 1;
  while (access(argv[1], F_OK) != 0) {
    tick();
    usleep(1000);
  }
  finish();
  return 42;
}

/* Calls tick() forever, slowly, and writes its pid to argv[1] first; a
   debugger that attaches can break in tick() and change `remaining` to let
   it finish with exit code 3. */
#include <stdio.h>
#include <unistd.h>

volatile int remaining = -1;

void tick(int count) { (void)count; }

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  FILE *pid_file = fopen(argv[1], "w");
  fprintf(pid_file, "%d\n", (int)getpid());
  fclose(pid_file);
  for (int count = 0; remaining != 0; ++count) {
    tick(count);
    usleep(1000);
  }
  return 3;
}

// Stops in stop_here before the program touches the x87 FPU (so the
// kernel holds its state as "initial"), then prints the control and tag
// words as the FPU reports them: what the debugger wrote must show.
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) void stop_here(void) { __asm__ volatile(""); }

int main(void) {
  uint16_t environment[14];
  stop_here();
  __asm__ volatile("fnstenv %0\n\t" : "=m"(environment));
  printf("control word = 0x%04x, tag word = 0x%04x\n", environment[0],
         environment[4]);
  return 0;
}

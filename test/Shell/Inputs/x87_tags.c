// Leaves three values on the x87 stack (1.0, +0 and +infinity, so TOP is
// 5), stops in stop_here, then prints the tag word as the FPU itself
// reports it with fnstenv: whatever the debugger wrote to ftag shows.
#include <stdint.h>
#include <stdio.h>

static const unsigned char infinity[10] = {0, 0, 0, 0, 0, 0, 0, 0x80,
                                           0xff, 0x7f};

// Touches no x87 register, so the stack stays as the program left it.
__attribute__((noinline)) void stop_here(void) { __asm__ volatile(""); }

int main(void) {
  uint16_t environment[14];
  __asm__ volatile("finit\n\t"
                   "fld1\n\t"
                   "fldz\n\t"
                   "fldt %0\n\t"
                   :
                   : "m"(infinity));
  stop_here();
  __asm__ volatile("fnstenv %0\n\t" : "=m"(environment));
  printf("tag word after the stop = 0x%04x\n", environment[4]);
  return 0;
}

/* Loads bytes 0..31 into ymm5, passes the label avx_loaded (where a test sets
   a breakpoint) and then prints the bytes of ymm6, so a register write from
   the debugger shows in the output. Builds for x86-64 and i386. */
#include <stdio.h>

int main(void) {
  unsigned char pattern[32], seen[32];
  for (int i = 0; i < 32; ++i)
    pattern[i] = (unsigned char)i;
  __asm__ volatile("vmovdqu %[in], %%ymm5\n\t"
                   "vpxor %%ymm6, %%ymm6, %%ymm6\n\t"
                   ".globl avx_loaded\n"
                   "avx_loaded:\n\t"
                   "nop\n\t"
                   "vmovdqu %%ymm6, %[out]\n\t"
                   "vzeroupper\n\t"
                   : [out] "=m"(seen)
                   : [in] "m"(pattern)
                   : "xmm5", "xmm6");
  for (int i = 0; i < 32; ++i)
    printf("%02x", seen[i]);
  printf("\n");
  return 0;
}

/* Loads bytes 0..63 into zmm5 (and, in 64-bit code, zmm20) and 0xa5a5 into
   k3, passes the label avx512_loaded (where a test sets a breakpoint) and
   then prints the bytes of zmm6, so a register write from the debugger
   shows in the output. Builds for x86-64 and i386 with -mavx512f. */
#include <stdio.h>

int main(void) {
  unsigned char pattern[64], seen[64];
  for (int i = 0; i < 64; ++i)
    pattern[i] = (unsigned char)i;
  __asm__ volatile("vmovdqu64 %[in], %%zmm5\n\t"
#ifdef __x86_64__
                   "vmovdqu64 %[in], %%zmm20\n\t"
#endif
                   "movl $0xa5a5, %%eax\n\t"
                   "kmovw %%eax, %%k3\n\t"
                   "vpxorq %%zmm6, %%zmm6, %%zmm6\n\t"
                   ".globl avx512_loaded\n"
                   "avx512_loaded:\n\t"
                   "nop\n\t"
                   "vmovdqu64 %%zmm6, %[out]\n\t"
                   "vzeroupper\n\t"
                   : [out] "=m"(seen)
                   : [in] "m"(pattern)
                   : "eax", "xmm5", "xmm6", "k3"
#ifdef __x86_64__
                     ,
                     "xmm20"
#endif
  );
  for (int i = 0; i < 64; ++i)
    printf("%02x", seen[i]);
  printf("\n");
  return 0;
}

/* Loads known values into eax..edi, passes the label registers_loaded (where
   a test sets a breakpoint) and then prints what ebx and esi hold, so a
   register write from the debugger shows in the output. pushal/popal keep
   the compiler's registers (ebx is the PIC register) intact. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  uint32_t seen[2];
  __asm__ volatile("pushal\n\t"
                   "mov %%eax, %%ebp\n\t"
                   "mov $0x11111111, %%eax\n\t"
                   "mov $0x22222222, %%ebx\n\t"
                   "mov $0x33333333, %%ecx\n\t"
                   "mov $0x44444444, %%edx\n\t"
                   "mov $0x55555555, %%esi\n\t"
                   "mov $0x66666666, %%edi\n\t"
                   ".globl registers_loaded\n"
                   "registers_loaded:\n\t"
                   "nop\n\t"
                   "mov %%ebx, (%%ebp)\n\t"
                   "mov %%esi, 4(%%ebp)\n\t"
                   "popal\n\t"
                   :
                   : "a"(seen)
                   : "memory");
  printf("ebx=0x%x esi=0x%x\n", seen[0], seen[1]);
  return 0;
}

/* Loads known values into the general registers, passes the label
   registers_loaded (where a test sets a breakpoint) and then prints what rbx
   and r12 hold, so a register write from the debugger shows in the output. */
#include <stdint.h>
#include <stdio.h>

int main(void) {
  uint64_t rbx_after, r12_after;
  __asm__ volatile("movabs $0x1122334455667788, %%rax\n\t"
                   "movabs $0x0102030405060708, %%rbx\n\t"
                   "movabs $0x1111111111111111, %%rcx\n\t"
                   "movabs $0x2222222222222222, %%rdx\n\t"
                   "movabs $0xaaaaaaaabbbbbbbb, %%r12\n\t"
                   ".globl registers_loaded\n"
                   "registers_loaded:\n\t"
                   "nop\n\t"
                   "mov %%rbx, %0\n\t"
                   "mov %%r12, %1\n\t"
                   : "=m"(rbx_after), "=m"(r12_after)
                   :
                   : "rax", "rbx", "rcx", "rdx", "r12");
  printf("rbx=0x%llx r12=0x%llx\n", (unsigned long long)rbx_after,
         (unsigned long long)r12_after);
  return 0;
}

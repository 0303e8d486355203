/* A 64-bit program whose second thread far-jumps into 32-bit code (as
   Wine's WoW64 does) and loops there: inc eax; inc ebx; jmp back. The main
   thread waits until the loop has run, then calls mixed_thread_running(),
   where a test stops, and prints the loop's address. */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* The user code segment for 32-bit code in a 64-bit process. */
#define USER32_CS 0x23

static const unsigned char loop32[] = {
    0x40,      /* inc eax */
    0x43,      /* inc ebx */
    0xeb, 0xfc /* jmp loop32 */
};

static unsigned char *code;

void mixed_thread_running(void *loop) { (void)loop; }

static void *run_32bit(void *arg) {
  (void)arg;
  /* lretq pops the new rip, then the new cs. */
  __asm__ volatile("xor %%eax, %%eax\n\t"
                   "xor %%ebx, %%ebx\n\t"
                   "pushq %[cs]\n\t"
                   "pushq %[ip]\n\t"
                   "lretq\n\t"
                   :
                   : [cs] "i"(USER32_CS), [ip] "r"((uint64_t)(uintptr_t)code)
                   : "rax", "rbx", "memory");
  return NULL;
}

int main(void) {
  /* 32-bit code must sit below 4 GiB. */
  code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
              MAP_PRIVATE | MAP_ANONYMOUS | MAP_32BIT, -1, 0);
  if (code == MAP_FAILED) {
    perror("mmap");
    return 1;
  }
  memcpy(code, loop32, sizeof(loop32));
  pthread_t thread;
  pthread_create(&thread, NULL, run_32bit, NULL);
  usleep(100 * 1000);
  printf("loop at %p\n", (void *)code);
  fflush(stdout);
  mixed_thread_running(code);
  for (;;)
    pause();
}

/* A 32-bit program that runs until killed, for ExecutionModeTest. */
int main(void) {
  for (volatile unsigned long i = 0;; i = i + 1) {
  }
}

#include <stdio.h>

char message[32] = "original message";
const char read_only[] = "in the text segment";

void checkpoint(void) {}

int main(void) {
  checkpoint();
  printf("message=%s\n", message);
  return 0;
}

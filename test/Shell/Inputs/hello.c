#include <stdio.h>

static int compute(int input) {
  int doubled = input * 2;
  return doubled + 1;
}

int main(void) {
  int value = 20;
  value = compute(value);
  printf("value=%d\n", value);
  return 0;
}

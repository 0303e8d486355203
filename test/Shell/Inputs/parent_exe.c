/* Prints the program that started it: under lldb, the debug server. */
#include <limits.h>
#include <stdio.h>
#include <unistd.h>

int main(void) {
  char link[64], target[PATH_MAX] = "";
  snprintf(link, sizeof(link), "/proc/%d/exe", (int)getppid());
  ssize_t length = readlink(link, target, sizeof(target) - 1);
  if (length > 0)
    target[length] = '\0';
  printf("parent=%s\n", target);
  return 0;
}

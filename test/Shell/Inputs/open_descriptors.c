/* Prints the descriptors it was started with, other than 0, 1 and 2. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  DIR *dir = opendir("/proc/self/fd");
  if (!dir)
    return 1;
  printf("inherited:");
  for (struct dirent *entry; (entry = readdir(dir));) {
    int fd = atoi(entry->d_name);
    if (entry->d_name[0] != '.' && fd > 2 && fd != dirfd(dir))
      printf(" %d", fd);
  }
  printf(" (end)\n");
  closedir(dir);
  return 0;
}

// Calls greet() from libgreet.so until it is killed; the container's copy
// of the library differs from the host's at the same path.
#include <unistd.h>

int greet(int n);

int main(void) {
  for (int i = 0;; ++i) {
    greet(i);
    usleep(10000);
  }
}

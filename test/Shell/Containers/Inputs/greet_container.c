// The container's libgreet.so: a function the host's copy lacks.
__attribute__((noinline)) int container_only(int n) {
  return 2 * n;
}

int greet(int n) { return container_only(n); }

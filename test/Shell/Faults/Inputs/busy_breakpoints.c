// One thread calls hot() in a tight loop and three call warm() a thousand
// times a second, until the file named by argv[1] exists; then main joins
// them and says so. A debugger breaks in both functions.
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <unistd.h>

static atomic_int done;
static atomic_long hot_calls, warm_calls;

__attribute__((noinline)) void hot(void) { atomic_fetch_add(&hot_calls, 1); }

__attribute__((noinline)) void warm(void) { atomic_fetch_add(&warm_calls, 1); }

static void *hot_loop(void *unused) {
  while (!atomic_load(&done))
    hot();
  return unused;
}

static void *warm_loop(void *unused) {
  while (!atomic_load(&done)) {
    warm();
    usleep(1000);
  }
  return unused;
}

int main(int argc, char **argv) {
  if (argc < 2)
    return 2;
  pthread_t threads[4];
  pthread_create(&threads[0], NULL, hot_loop, NULL);
  for (int i = 1; i < 4; ++i)
    pthread_create(&threads[i], NULL, warm_loop, NULL);
  while (access(argv[1], F_OK) != 0)
    usleep(1000);
  atomic_store(&done, 1);
  for (int i = 0; i < 4; ++i)
    pthread_join(threads[i], NULL);
  printf("finished: 4 threads joined, hot %s, warm %s\n",
         atomic_load(&hot_calls) ? "ran" : "idle",
         atomic_load(&warm_calls) ? "ran" : "idle");
  return 0;
}

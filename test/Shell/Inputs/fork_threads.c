/* Two threads fork at the same moment, for ROUNDS rounds (the first
   argument, default 1). Each child calls in_child() and exits with 3; the
   parent reaps every child, calls in_parent() and says how many exited
   with 3. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

enum { Forkers = 2, Mappings = 20000 };

static pthread_barrier_t barrier;

void in_child(void) {}
void in_parent(void) {}

static void *forker(void *arg) {
  pid_t *child = arg;
  pthread_barrier_wait(&barrier);
  *child = fork();
  if (*child == 0) {
    in_child();
    _exit(3);
  }
  return NULL;
}

/* Many mappings make each fork copy for a while, so the second thread's
   fork is under way while the debugger handles the first one's. */
static void map_many(void) {
  long page = sysconf(_SC_PAGESIZE);
  char *area = mmap(NULL, 2 * Mappings * page, PROT_READ,
                    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED)
    return;
  for (int i = 0; i < 2 * Mappings; i += 2)
    mprotect(area + i * page, page, PROT_READ | PROT_WRITE);
}

int main(int argc, char **argv) {
  int rounds = argc > 1 ? atoi(argv[1]) : 1;
  int exited = 0;
  map_many();
  pthread_barrier_init(&barrier, NULL, Forkers);
  for (int round = 0; round < rounds; ++round) {
    pthread_t threads[Forkers];
    pid_t children[Forkers];
    for (int i = 0; i < Forkers; ++i)
      pthread_create(&threads[i], NULL, forker, &children[i]);
    for (int i = 0; i < Forkers; ++i)
      pthread_join(threads[i], NULL);
    for (int i = 0; i < Forkers; ++i) {
      int status;
      if (waitpid(children[i], &status, 0) == children[i] &&
          WIFEXITED(status) && WEXITSTATUS(status) == 3)
        ++exited;
    }
  }
  in_parent();
  printf("%d children exited with 3\n", exited);
  return 0;
}

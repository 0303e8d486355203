// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
// The fuzzer's debuggee: runs until the file named by argv[1] exists, then
// exits with status 42, so that it can be resumed between packets and still
// prove at the end that it ran intact.
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 2)
    return 1;
  while (access(argv[1], F_OK) != 0)
    usleep(1000);
  return 42;
}

// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* 64 MiB of memory for a debugger to read: the pages of `block` are
 * written, so reading them costs no page faults. Prints "ready", then waits
 * to be killed. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

char block[64 << 20];

int main(void) {
  memset(block, 0x5a, sizeof(block));
  puts("ready");
  fflush(stdout);
  for (;;)
    pause();
}

// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* A 32-bit program that runs until killed, for ExecutionModeTest. */
int main(void) {
  for (volatile unsigned long i = 0;; i = i + 1) {
  }
}

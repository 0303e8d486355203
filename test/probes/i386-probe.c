// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
/* Built with -m32: it runs, and exits 0, only where the kernel runs i386
 * programs (IA32 emulation). */
int main(void) { return 0; }

//===-- DebugTrapDelivery.h - Do debug register traps arrive? ---*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// Some virtual machines (the paravirtualised guests this project runs on
// among them) accept writes to the debug registers and never deliver the
// trap they arm. A hardware breakpoint or watchpoint set there is accepted
// and never fires, so the server asks the kernel once, on a child of its
// own, before it serves the first one, and refuses them all if no trap
// arrives (test/probes/debug-trap-probe.c asks the same for the tests).
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_DEBUGTRAPDELIVERY_H
#define NATIVEPROCESSIOTHREADS_DEBUGTRAPDELIVERY_H

#include "llvm/Support/Error.h"

namespace iothreads {

/// Asks the kernel now: does a child of this process, traced by it, stop
/// with SIGTRAP when it writes a variable watched through DR0/DR7? The child
/// is waited for by its pid and for a bounded time; one that exits, stops
/// otherwise or takes too long counts as no trap, and it is always reaped.
bool ProbeDebugTrapDelivery();

/// ProbeDebugTrapDelivery's answer, asked at the first call and kept for the
/// life of the server process.
bool DebugTrapsDelivered();

/// Why hardware breakpoints and watchpoints are refused on this machine.
llvm::Error UndeliveredDebugTrapsError();

} // namespace iothreads

#endif

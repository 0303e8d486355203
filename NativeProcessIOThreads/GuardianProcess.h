//===-- GuardianProcess.h - What runs in the guardian -----------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The guardian serves the server's ptrace requests and forwards every wait
// status until the server releases it. When the server goes without doing so
// (its end of the request socket closes), or the guardian is asked to end
// (SIGTERM, SIGINT, SIGHUP), it rescues what it traces:
//
//  1. the bytes under every trap listed in the shared table go back, in
//     every process it traces (a forked child carries the parent's traps);
//  2. every thread that runs is interrupted, and each stop is collected;
//  3. each thread is detached with the signal it was due: the signal of its
//     signal-delivery stop, except a SIGTRAP our trap, step or debug
//     register caused (a thread stopped just past one of our traps is moved
//     back onto it); debug registers are cleared first, and a wait our
//     interrupt broke is restarted, as the server does when it resumes.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_GUARDIANPROCESS_H
#define NATIVEPROCESSIOTHREADS_GUARDIANPROCESS_H

#include "GuardianWire.h"

namespace iothreads {

/// Runs in the child forked by Guardian::Start and never returns.
[[noreturn]] void RunGuardian(int requests, int statuses,
                              guardian::TrapTable *table);

} // namespace iothreads

#endif

//===-- FaultDescription.h - What a fault signal's siginfo says -*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A thread stopped by a fault signal is described to lldb as stock
// lldb-server describes it, from the siginfo the kernel filled in:
// "signal SIGSEGV: address not mapped to object (fault address: 0x0)".
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_FAULTDESCRIPTION_H
#define NATIVEPROCESSIOTHREADS_FAULTDESCRIPTION_H

#include <csignal>
#include <string>

namespace iothreads {

/// True for the signals a faulting instruction raises: SIGSEGV, SIGBUS,
/// SIGFPE and SIGILL.
bool IsFaultSignal(int signo);

/// The stop description of a fault signal: its name, then what the code
/// says and, for a bad address, that address. A signal another process
/// sent carries no fault and gets only its name. Empty for other signals,
/// which lldb names itself.
std::string DescribeFault(const siginfo_t &info);

} // namespace iothreads

#endif

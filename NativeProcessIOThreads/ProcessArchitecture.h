//===-- ProcessArchitecture.h - The architecture of a process image -*- C++
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//
//-*-//

#ifndef NATIVEPROCESSIOTHREADS_PROCESSARCHITECTURE_H
#define NATIVEPROCESSIOTHREADS_PROCESSARCHITECTURE_H

#include "lldb/Utility/ArchSpec.h"
#include "llvm/Support/Error.h"

#include <sys/types.h>

namespace iothreads {

/// The architecture of the image a process runs, from the ELF header of
/// /proc/PID/exe (or a live thread's exe once the leader has exited): x86-64
/// or i386. Anything else is refused with an error.
llvm::Expected<lldb_private::ArchSpec> ReadProcessArchitecture(pid_t pid);

} // namespace iothreads

#endif

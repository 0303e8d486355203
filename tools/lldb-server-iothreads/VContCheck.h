//===-- VContCheck.h - Refuse a vCont that resumes no thread ----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// LLGS 19 hands a vCont's actions to the process as they are and then, in
// all-stop mode, sends nothing until the process stops. When an action
// names a thread that does not exist (`vCont;c:fffffffff`) or no action
// resumes anything (`vCont;t`), nothing runs, nothing ever stops, and the
// client waits forever. Such a vCont is answered with an error instead.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_VCONTCHECK_H
#define LLDB_SERVER_IOTHREADS_VCONTCHECK_H

#include "lldb/Host/common/NativeProcessProtocol.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace iothreads {

/// Why the vCont \p packet (with its "vCont") would leave the stopped
/// \p process waiting forever: an action names a thread it does not have,
/// or none resumes; success otherwise, and when LLGS itself answers it (a
/// malformed action, another process).
llvm::Error
CheckVContResumesAThread(llvm::StringRef packet,
                         lldb_private::NativeProcessProtocol &process);

} // namespace iothreads

#endif

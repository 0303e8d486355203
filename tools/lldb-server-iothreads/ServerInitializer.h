//===-- ServerInitializer.h - The LLDB subsystems the server uses -*- C++ -*-//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_SERVERINITIALIZER_H
#define LLDB_SERVER_IOTHREADS_SERVERINITIALIZER_H

#include "lldb/Initialization/SystemInitializerCommon.h"

namespace iothreads {

/// Host services, the ELF reader (module queries from lldb and the platform)
/// and the gdb-remote log channel.
class ServerInitializer : public lldb_private::SystemInitializerCommon {
public:
  ServerInitializer() : SystemInitializerCommon(nullptr) {}
  llvm::Error Initialize() override;
  void Terminate() override;
};

} // namespace iothreads

#endif

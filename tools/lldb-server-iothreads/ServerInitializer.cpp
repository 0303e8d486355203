//===-- ServerInitializer.cpp - The LLDB subsystems the server uses -------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ServerInitializer.h"
#include "IOThreadsLog.h"

#include "Plugins/ObjectFile/ELF/ObjectFileELF.h"
#include "Plugins/Process/gdb-remote/ProcessGDBRemoteLog.h"

using namespace iothreads;
using namespace lldb_private;

llvm::Error ServerInitializer::Initialize() {
  if (llvm::Error error = SystemInitializerCommon::Initialize())
    return error;
  ObjectFileELF::Initialize();
  process_gdb_remote::ProcessGDBRemoteLog::Initialize();
  RegisterIOThreadsLog();
  return llvm::Error::success();
}

void ServerInitializer::Terminate() {
  ObjectFileELF::Terminate();
  SystemInitializerCommon::Terminate();
}

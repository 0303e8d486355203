//===-- ServerInitializer.cpp - The LLDB subsystems the server uses -------===//

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

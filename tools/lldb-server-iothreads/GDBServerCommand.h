//===-- GDBServerCommand.h - The gdbserver subcommand -----------*- C++ -*-===//

#ifndef LLDB_SERVER_IOTHREADS_GDBSERVERCOMMAND_H
#define LLDB_SERVER_IOTHREADS_GDBSERVERCOMMAND_H

#include "llvm/ADT/ArrayRef.h"

namespace iothreads {

/// Serves one lldb client with this project's backend. \p args are the
/// arguments after the subcommand name; returns the exit code.
int RunGDBServer(llvm::StringRef argv0, llvm::ArrayRef<const char *> args);

} // namespace iothreads

#endif

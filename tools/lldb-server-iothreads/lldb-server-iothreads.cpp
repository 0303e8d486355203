//===-- lldb-server-iothreads.cpp - The server's entry point --------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// A drop-in lldb-server: the same subcommands and options, debugging with the
// NativeProcessIOThreads backend.
//
//===----------------------------------------------------------------------===//

#include "GDBServerCommand.h"
#include "PlatformCommand.h"
#include "ServerInitializer.h"

#include "lldb/Initialization/SystemLifetimeManager.h"
#include "lldb/Version/Version.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <malloc.h>

#ifndef IOTHREADS_VERSION
#define IOTHREADS_VERSION "unknown"
#endif

using namespace iothreads;

namespace {

void PrintUsage(llvm::raw_ostream &os, llvm::StringRef program) {
  os << "Usage:\n"
     << "  " << program
     << " gdbserver [options] [[HOST]:PORT] [-- PROGRAM ARGS...]\n"
     << "  " << program << " platform --listen [HOST]:PORT [options]\n"
     << "  " << program << " version\n"
     << "  " << program << " --help\n"
     << "Run a subcommand with --help for its options.\n";
}

template <typename Command> int RunInitialized(Command command) {
  lldb_private::SystemLifetimeManager lifetime;
  if (llvm::Error error =
          lifetime.Initialize(std::make_unique<ServerInitializer>(), nullptr)) {
    llvm::WithColor::error() << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  int result = command();
  lifetime.Terminate();
  return result;
}

/// Every stop allocates and frees the same few hundred kilobytes (stop
/// replies, thread lists, JSON). glibc gives freed memory at the top of the
/// heap back to the kernel, so each stop paid brk calls and page faults to
/// take it again: 10% of an interrupt of 100 threads. Setting the trim
/// threshold stops glibc adapting the mmap threshold, so that is set too,
/// high enough that 128 KiB memory reads stay on the heap.
void KeepFreedMemory() {
  ::mallopt(M_TRIM_THRESHOLD, 64 << 20);
  ::mallopt(M_TOP_PAD, 4 << 20);
  ::mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

} // namespace

int main(int argc, char *argv[]) {
  KeepFreedMemory();
  llvm::InitLLVM init(argc, argv, /*InstallPipeSignalExitHandler=*/false);
  llvm::StringRef program = llvm::sys::path::filename(argv[0]);
  if (argc < 2) {
    PrintUsage(llvm::errs(), program);
    return 1;
  }
  llvm::StringRef subcommand = argv[1];
  llvm::ArrayRef<const char *> args(argv + 2, argv + argc);
  if (subcommand == "gdbserver" || subcommand == "g")
    return RunInitialized([&] { return RunGDBServer(argv[0], args); });
  if (subcommand == "platform" || subcommand == "p")
    return RunInitialized(
        [&] { return RunPlatform(argv[0], subcommand, args); });
  if (subcommand == "version" || subcommand == "v" ||
      subcommand == "--version") {
    llvm::outs() << "lldb-server-iothreads " IOTHREADS_VERSION " ("
                 << lldb_private::GetVersion() << ")\n";
    return 0;
  }
  if (subcommand == "--help" || subcommand == "-h" || subcommand == "help") {
    PrintUsage(llvm::outs(), program);
    return 0;
  }
  llvm::WithColor::error() << "unknown subcommand '" << subcommand << "'\n";
  PrintUsage(llvm::errs(), program);
  return 1;
}

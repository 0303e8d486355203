//===-- ServerLogging.cpp - --log-file and --log-channels -----------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ServerLogging.h"

#include "lldb/Utility/Args.h"
#include "lldb/Utility/Log.h"
#include "llvm/ADT/SmallVector.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;

llvm::Error iothreads::SetUpLogging(llvm::StringRef log_file,
                                    llvm::StringRef channels) {
  int fd = STDERR_FILENO;
  bool owns_fd = false;
  // lldb-server opens the file even when nothing is logged, and logs to
  // stderr when it cannot.
  if (!log_file.empty()) {
    int opened = ::open(log_file.str().c_str(),
                        O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
    if (opened >= 0) {
      fd = opened;
      owns_fd = true;
    } else {
      llvm::errs() << "Failed to open log file `" << log_file
                   << "`: " << std::strerror(errno)
                   << "\nWill log to stderr instead.\n";
    }
  }
  auto handler = std::make_shared<StreamLogHandler>(fd, owns_fd);

  llvm::SmallVector<llvm::StringRef, 4> entries;
  channels.split(entries, ':', /*MaxSplit=*/-1, /*KeepEmpty=*/false);
  for (llvm::StringRef entry : entries) {
    Args words(entry);
    if (words.GetArgumentCount() == 0)
      continue;
    std::string channel = words.GetArgumentAtIndex(0);
    words.Shift();
    std::string message;
    llvm::raw_string_ostream error_stream(message);
    if (!Log::EnableLogChannel(handler,
                               LLDB_LOG_OPTION_PREPEND_TIMESTAMP |
                                   LLDB_LOG_OPTION_PREPEND_THREAD_NAME,
                               channel, words.GetArgumentArrayRef(),
                               error_stream))
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "Unable to setup logging for channel \"%s\": %s", channel.c_str(),
          message.c_str());
  }
  return llvm::Error::success();
}

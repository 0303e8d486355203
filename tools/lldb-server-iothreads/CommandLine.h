//===-- CommandLine.h - Options of the server's subcommands -----*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_COMMANDLINE_H
#define LLDB_SERVER_IOTHREADS_COMMANDLINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace iothreads {

/// lldb-server 19's main ignores what its subcommands return, so every
/// failure they report by returning (usage errors, a log set-up that fails)
/// exits 0. Upstream tests pipe its stderr into FileCheck under lit's
/// pipefail, so they rely on it; failures it reports with exit() keep their
/// code.
constexpr int ReturnedFailureExitCode = 0;

struct OptionSpec {
  /// The long name, given as --name or -name; a value as --name=V or --name V.
  llvm::StringRef Name;
  /// A one-letter alias given as -X, or 0.
  char Short;
  bool TakesValue;
  llvm::StringRef ValueName;
  llvm::StringRef Help;
};

struct CommandLine {
  /// Each option given, with its values in order (empty for flags).
  llvm::StringMap<std::vector<std::string>> Options;
  /// Arguments that are not options, then everything after "--".
  std::vector<std::string> Inputs;
  /// What was wrong, each worded as lldb-server 19 words it, in the order it
  /// prints them.
  std::vector<std::string> Errors;

  bool Has(llvm::StringRef name) const { return Options.count(name) != 0; }
  /// The last value given for \p name, or "".
  llvm::StringRef Last(llvm::StringRef name) const;
};

/// Parses \p args the way lldb-server 19's gdbserver does with LLVM's option
/// library: an unknown argument is reported (with the option one edit away
/// from it, if any) and parsing goes on.
CommandLine ParseCommandLine(llvm::ArrayRef<OptionSpec> specs,
                             llvm::ArrayRef<const char *> args);

void PrintOptions(llvm::raw_ostream &os, llvm::ArrayRef<OptionSpec> specs);

} // namespace iothreads

#endif

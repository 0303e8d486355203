//===-- CommandLine.h - Options of the server's subcommands -----*- C++ -*-===//

#ifndef LLDB_SERVER_IOTHREADS_COMMANDLINE_H
#define LLDB_SERVER_IOTHREADS_COMMANDLINE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace iothreads {

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
  /// Arguments that are not options, before any "--".
  std::vector<std::string> Positionals;
  /// Everything after "--".
  std::vector<std::string> Rest;

  bool Has(llvm::StringRef name) const { return Options.count(name) != 0; }
  /// The last value given for \p name, or "".
  llvm::StringRef Last(llvm::StringRef name) const;
};

/// Fails with a sentence naming the offending argument.
llvm::Expected<CommandLine> ParseCommandLine(llvm::ArrayRef<OptionSpec> specs,
                                             llvm::ArrayRef<const char *> args);

void PrintOptions(llvm::raw_ostream &os, llvm::ArrayRef<OptionSpec> specs);

/// Prints \p message as an error with a pointer to the subcommand's help;
/// returns the exit code for a usage error, 1.
int UsageError(llvm::StringRef program, llvm::StringRef subcommand,
               const llvm::Twine &message);

} // namespace iothreads

#endif

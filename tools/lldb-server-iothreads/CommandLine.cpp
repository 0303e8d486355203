//===-- CommandLine.cpp - Options of the server's subcommands -------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "CommandLine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Format.h"

#include <climits>

using namespace iothreads;

llvm::StringRef CommandLine::Last(llvm::StringRef name) const {
  auto it = Options.find(name);
  if (it == Options.end() || it->second.empty())
    return {};
  return it->second.back();
}

namespace {

/// The spelling one edit away from the unknown \p arg, or "". Only names of
/// four letters or more are offered, and a value option's "--name=" form
/// keeps the value given: "--log-fil=x" suggests "--log-file=x".
std::string SuggestSpelling(llvm::ArrayRef<OptionSpec> specs,
                            llvm::StringRef arg) {
  std::string best;
  unsigned best_distance = UINT_MAX;
  auto consider = [&](const std::string &candidate, llvm::StringRef typed,
                      unsigned penalty, llvm::StringRef value) {
    unsigned distance =
        llvm::StringRef(candidate).edit_distance(typed) + penalty;
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate + value.str();
    }
  };
  for (const OptionSpec &spec : specs) {
    for (llvm::StringRef prefix : {"--", "-"}) {
      std::string name = (prefix + spec.Name).str();
      if (spec.Name.size() >= 4)
        consider(name, arg, 0, "");
      if (!spec.TakesValue || spec.Name.size() + 1 < 4)
        continue;
      auto [typed_name, value] = arg.split('=');
      std::string typed = typed_name.str();
      if (arg.contains('='))
        typed += '=';
      // A missing value makes the "=" form the less likely intent.
      consider(name + "=", typed, value.empty() ? 1 : 0, value);
    }
  }
  return best_distance <= 1 ? best : std::string();
}

const OptionSpec *FindSpec(llvm::ArrayRef<OptionSpec> specs,
                           llvm::StringRef arg, bool &inline_value) {
  inline_value = false;
  if (arg.size() == 2 && arg[0] == '-' && arg[1] != '-')
    for (const OptionSpec &spec : specs)
      if (spec.Short && spec.Short == arg[1])
        return &spec;
  llvm::StringRef body = arg.drop_front(arg.starts_with("--") ? 2 : 1);
  for (const OptionSpec &spec : specs) {
    if (body == spec.Name)
      return &spec;
    if (spec.TakesValue && body.starts_with(spec.Name) &&
        body.drop_front(spec.Name.size()).starts_with("=")) {
      inline_value = true;
      return &spec;
    }
  }
  return nullptr;
}

} // namespace

CommandLine iothreads::ParseCommandLine(llvm::ArrayRef<OptionSpec> specs,
                                        llvm::ArrayRef<const char *> args) {
  CommandLine result;
  std::vector<std::string> unknown;
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef arg = args[i];
    if (arg == "--") {
      for (++i; i < args.size(); ++i)
        result.Inputs.push_back(args[i]);
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      result.Inputs.push_back(arg.str());
      continue;
    }

    bool inline_value;
    const OptionSpec *spec = FindSpec(specs, arg, inline_value);
    if (!spec) {
      std::string suggestion = SuggestSpelling(specs, arg);
      unknown.push_back(suggestion.empty()
                            ? ("unknown argument '" + arg + "'").str()
                            : ("unknown argument '" + arg +
                               "', did you mean '" + suggestion + "'?")
                                  .str());
      continue;
    }
    std::vector<std::string> &values = result.Options[spec->Name];
    if (!spec->TakesValue)
      continue;
    if (inline_value) {
      values.push_back(arg.split('=').second.str());
    } else if (i + 1 < args.size()) {
      values.push_back(args[++i]);
    } else {
      result.Errors.push_back((arg + ": missing argument").str());
      result.Options.erase(spec->Name);
    }
  }
  llvm::append_range(result.Errors, unknown);
  return result;
}

void iothreads::PrintOptions(llvm::raw_ostream &os,
                             llvm::ArrayRef<OptionSpec> specs) {
  for (const OptionSpec &spec : specs) {
    std::string left = ("--" + spec.Name).str();
    if (spec.TakesValue)
      left += (" <" + spec.ValueName + ">").str();
    if (spec.Short)
      left += std::string(", -") + spec.Short;
    os << "  " << llvm::left_justify(left, 34) << " " << spec.Help << "\n";
  }
}

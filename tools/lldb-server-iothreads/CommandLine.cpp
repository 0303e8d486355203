//===-- CommandLine.cpp - Options of the server's subcommands -------------===//

#include "CommandLine.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/WithColor.h"

using namespace iothreads;

llvm::StringRef CommandLine::Last(llvm::StringRef name) const {
  auto it = Options.find(name);
  if (it == Options.end() || it->second.empty())
    return {};
  return it->second.back();
}

llvm::Expected<CommandLine>
iothreads::ParseCommandLine(llvm::ArrayRef<OptionSpec> specs,
                            llvm::ArrayRef<const char *> args) {
  CommandLine result;
  for (size_t i = 0; i < args.size(); ++i) {
    llvm::StringRef arg = args[i];
    if (arg == "--") {
      for (++i; i < args.size(); ++i)
        result.Rest.push_back(args[i]);
      break;
    }
    if (arg.size() < 2 || arg[0] != '-') {
      result.Positionals.push_back(arg.str());
      continue;
    }

    llvm::StringRef body = arg.drop_front(arg.starts_with("--") ? 2 : 1);
    auto [name, inline_value] = body.split('=');
    bool has_inline_value = body.contains('=');
    const OptionSpec *spec = llvm::find_if(specs, [&](const OptionSpec &s) {
      return s.Name == name || (name.size() == 1 && s.Short == name[0]);
    });
    if (spec == specs.end())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "unknown option '%s'", arg.str().c_str());

    std::vector<std::string> &values = result.Options[spec->Name];
    if (!spec->TakesValue) {
      if (has_inline_value)
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "option '--%s' takes no value",
                                       spec->Name.str().c_str());
      continue;
    }
    if (has_inline_value) {
      values.push_back(inline_value.str());
    } else if (i + 1 < args.size()) {
      values.push_back(args[++i]);
    } else {
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(), "option '--%s' needs a value <%s>",
          spec->Name.str().c_str(), spec->ValueName.str().c_str());
    }
  }
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

int iothreads::UsageError(llvm::StringRef program, llvm::StringRef subcommand,
                          const llvm::Twine &message) {
  llvm::WithColor::error() << message << "\n";
  llvm::errs() << "Use '" << program << " " << subcommand
               << " --help' for the list of options.\n";
  return 1;
}

//===-- GDBServerCommand.cpp - The gdbserver subcommand -------------------===//

#include "GDBServerCommand.h"
#include "CommandLine.h"
#include "IOThreadsServer.h"
#include "ListenAddress.h"
#include "ServerLogging.h"

#include "NativeProcessIOThreads/Manager.h"

#include "Plugins/Process/gdb-remote/GDBRemoteCommunicationServerLLGS.h"
#include "lldb/Host/ConnectionFileDescriptor.h"
#include "lldb/Host/FileSystem.h"
#include "lldb/Host/Host.h"
#include "lldb/Host/Pipe.h"
#include "lldb/Host/ProcessLaunchInfo.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/WithColor.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

namespace {

const OptionSpec GDBServerOptions[] = {
    {"fd", 0, true, "fd", "Talk to the client over this file descriptor."},
    {"named-pipe", 0, true, "path",
     "Write the port we listen on to this named pipe."},
    {"pipe", 0, true, "fd",
     "Write the port we listen on to this file descriptor."},
    {"reverse-connect", 0, false, "",
     "Connect to the client at HOST:PORT instead of listening."},
    {"attach", 0, true, "pid", "Attach to this process id."},
    {"freeze-io-threads", 0, false, "",
     "Seize and stop io_uring threads with the rest (default: only observe "
     "them). Stopping an io-wq worker can abort the request it is blocked "
     "in."},
    {"log-file", 0, true, "file", "Write the log here (default: stderr)."},
    {"log-channels", 0, true, "channel categories...:...",
     "LLDB log channels to enable, e.g. \"lldb process thread:gdb-remote "
     "packets\"."},
    {"setsid", 'S', false, "", "Run the server in a session of its own."},
    {"native-regs", 0, false, "",
     "Accepted for compatibility; registers are always native."},
    {"help", 'h', false, "", "Print this help."},
};

void PrintHelp(llvm::StringRef program) {
  llvm::outs() << "Usage: " << program
               << " gdbserver [options] [[HOST]:PORT] [-- PROGRAM ARGS...]\n\n"
               << "Serves an lldb client with the NativeProcessIOThreads "
                  "backend. Without --fd,\nit listens on [HOST]:PORT "
                  "(HOST defaults to localhost; PORT 0 picks a free\nport "
                  "and reports it through --named-pipe or --pipe). With a "
                  "PROGRAM it\nlaunches it stopped at its first "
                  "instruction; with --attach it attaches.\n\nOptions:\n";
  PrintOptions(llvm::outs(), GDBServerOptions);
}

/// Tells whoever started us which port we listen on.
void ReportSocketId(llvm::StringRef named_pipe, int pipe_fd,
                    llvm::StringRef socket_id) {
  Pipe pipe;
  Status error;
  if (!named_pipe.empty())
    error = pipe.OpenAsWriterWithTimeout(named_pipe, false,
                                         std::chrono::seconds(10));
  else if (pipe_fd >= 0)
    pipe = Pipe(LLDB_INVALID_PIPE, pipe_fd);
  else
    return;
  size_t written = 0;
  std::string text = socket_id.str();
  if (error.Success())
    error = pipe.Write(text.c_str(), text.size() + 1, written);
  if (error.Fail())
    llvm::WithColor::error()
        << "cannot report the port we listen on: " << error.AsCString() << "\n";
}

llvm::Error Connect(IOThreadsServer &server, const CommandLine &options,
                    int connection_fd, llvm::StringRef address, int pipe_fd) {
  std::string url;
  if (connection_fd >= 0)
    url = llvm::formatv("fd://{0}", connection_fd).str();
  else
    url = LLGSArgToURL(DefaultToLoopback(address),
                       options.Has("reverse-connect"));

  auto connection = std::make_unique<ConnectionFileDescriptor>();
  Status error;
  std::string named_pipe = options.Last("named-pipe").str();
  lldb::ConnectionStatus status = connection->Connect(
      url,
      [&](llvm::StringRef socket_id) {
        ReportSocketId(named_pipe, pipe_fd, socket_id);
      },
      &error);
  if (error.Fail() || status != lldb::eConnectionStatusSuccess)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot connect to the client at %s: %s", url.c_str(),
        error.Fail() ? error.AsCString() : "connection failed");
  return server.InitializeConnection(std::move(connection)).ToError();
}

llvm::Error LaunchFromCommandLine(IOThreadsServer &server,
                                  llvm::ArrayRef<std::string> program) {
  ProcessLaunchInfo info;
  info.GetFlags().Set(lldb::eLaunchFlagStopAtEntry | lldb::eLaunchFlagDebug |
                      lldb::eLaunchFlagDisableASLR);
  std::vector<const char *> argv;
  for (const std::string &arg : program)
    argv.push_back(arg.c_str());
  argv.push_back(nullptr);
  info.SetArguments(argv.data(), /*first_arg_is_executable=*/true);
  llvm::SmallString<128> cwd;
  if (!llvm::sys::fs::current_path(cwd))
    info.SetWorkingDirectory(FileSpec(cwd));
  info.GetEnvironment() = Host::GetEnvironment();
  server.SetLaunchInfo(info);
  return server.LaunchProcess().ToError();
}

} // namespace

int iothreads::RunGDBServer(llvm::StringRef program,
                            llvm::ArrayRef<const char *> args) {
  llvm::Expected<CommandLine> parsed = ParseCommandLine(GDBServerOptions, args);
  if (!parsed)
    return UsageError(program, "gdbserver", llvm::toString(parsed.takeError()));
  const CommandLine &options = *parsed;
  if (options.Has("help")) {
    PrintHelp(program);
    return 0;
  }

  int connection_fd = -1;
  if (options.Has("fd") && options.Last("fd").getAsInteger(10, connection_fd))
    return UsageError(program, "gdbserver",
                      "--fd needs a file descriptor number");
  int pipe_fd = -1;
  if (options.Has("pipe") && options.Last("pipe").getAsInteger(10, pipe_fd))
    return UsageError(program, "gdbserver",
                      "--pipe needs a file descriptor number");
  lldb::pid_t attach_pid = LLDB_INVALID_PROCESS_ID;
  if (options.Has("attach") &&
      options.Last("attach").getAsInteger(10, attach_pid))
    return UsageError(program, "gdbserver",
                      "--attach needs a numeric process id, not '" +
                          options.Last("attach") + "'");

  std::vector<std::string> positionals = options.Positionals;
  std::string address;
  if (connection_fd < 0) {
    if (positionals.empty())
      return UsageError(program, "gdbserver",
                        "give [HOST]:PORT to listen on, or --fd N to use");
    address = positionals.front();
    positionals.erase(positionals.begin());
  }
  std::vector<std::string> launch = positionals;
  llvm::append_range(launch, options.Rest);
  if (!launch.empty() && attach_pid != LLDB_INVALID_PROCESS_ID)
    return UsageError(program, "gdbserver",
                      "give a program to launch or --attach, not both");

  if (options.Has("setsid") && ::setsid() == -1)
    llvm::WithColor::warning()
        << "cannot start a new session: " << std::strerror(errno) << "\n";
  if (llvm::Error error = SetUpLogging(options.Last("log-file"),
                                       options.Last("log-channels"))) {
    llvm::WithColor::error() << llvm::toString(std::move(error)) << "\n";
    return 1;
  }

  ::signal(SIGPIPE, SIG_IGN);
  MainLoop mainloop;
  Status status;
  // A hang-up of the terminal we were started from is not ours to die of.
  auto hangup = mainloop.RegisterSignal(
      SIGHUP, [](MainLoopBase &) {}, status);

  ProcessManager manager(mainloop);
  if (options.Has("freeze-io-threads"))
    llvm::consumeError(manager.SetIoThreadPolicy(IoThreadPolicy::Freeze));
  IOThreadsServer server(mainloop, manager);

  if (attach_pid != LLDB_INVALID_PROCESS_ID) {
    Status attached = server.AttachToProcess(attach_pid);
    if (attached.Fail()) {
      llvm::WithColor::error() << attached.AsCString() << "\n";
      return 1;
    }
  } else if (!launch.empty()) {
    if (llvm::Error error = LaunchFromCommandLine(server, launch)) {
      llvm::WithColor::error() << llvm::toString(std::move(error)) << "\n";
      return 1;
    }
  }

  if (llvm::Error error =
          Connect(server, options, connection_fd, address, pipe_fd)) {
    llvm::WithColor::error() << llvm::toString(std::move(error)) << "\n";
    return 1;
  }
  Status run = mainloop.Run();
  if (run.Fail()) {
    llvm::WithColor::error() << run.AsCString() << "\n";
    return 1;
  }
  return 0;
}

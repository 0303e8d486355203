//===-- GDBServerCommand.cpp - The gdbserver subcommand -------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GDBServerCommand.h"
#include "CommandLine.h"
#include "IOThreadsServer.h"
#include "ListenAddress.h"
#include "PacketFraming.h"
#include "PeerPolicy.h"
#include "PlatformSession.h"
#include "ServerLogging.h"

#include "NativeProcessIOThreads/Manager.h"

#include "Plugins/Process/gdb-remote/GDBRemoteCommunicationServerLLGS.h"
#include "lldb/Host/ConnectionFileDescriptor.h"
#include "lldb/Host/FileSystem.h"
#include "lldb/Host/Host.h"
#include "lldb/Host/Pipe.h"
#include "lldb/Host/ProcessLaunchInfo.h"
#include "lldb/Host/common/TCPSocket.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <optional>
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
    {"no-restart-syscalls", 0, false, "",
     "Let a wait our stop interrupts (epoll_wait, io_uring_enter, ...) fail "
     "with EINTR, as other debuggers do (default: restart it)."},
    {"no-guardian", 0, false, "",
     "Trace an attached process from this server itself, as other debuggers "
     "do: if the server dies, the program may die of the next breakpoint it "
     "reaches (default: a guardian process traces it and leaves it as it "
     "was)."},
    {"log-file", 0, true, "file", "Write the log here (default: stderr)."},
    {"log-channels", 0, true, "channel categories...:...",
     "LLDB log channels to enable, e.g. \"lldb process thread:gdb-remote "
     "packets\"."},
    {"allow", 0, true, "address[/prefix-length]",
     "Admit TCP clients only from this IPv4 or IPv6 network; may be given "
     "several times."},
    {"no-shell", 0, false, "",
     "Run no commands for the client (qPlatform_shell); a platform started "
     "with --no-shell passes it to its sessions."},
    {"confine-writes-to", 0, true, "directory",
     "Create, change and remove files (vFile, and the program's QSetSTDOUT "
     "and QSetSTDERR files) only under this directory; a platform started "
     "with --confine-writes passes its own."},
    {"same-user", 0, false, "",
     "Admit only clients that run as our user or as root (a Unix-domain "
     "client, or a TCP client on this host)."},
    {"acks-off", 0, false, "",
     "The client has already turned acknowledgements off (a one-port "
     "platform read its first packets)."},
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
  if (error.Fail() && !named_pipe.empty())
    // lldb-server's wording, misspelling included.
    llvm::errs() << llvm::formatv(
        "failed to write to the named peipe '{0}': {1}\n", named_pipe,
        error.AsCString());
  else if (error.Fail())
    llvm::errs() << llvm::formatv("failed to write to the unnamed pipe: {0}\n",
                                  error);
}

/// Listens at \p url and accepts the first client \p policy admits.
lldb::ConnectionStatus
AcceptAdmittedAt(std::unique_ptr<ConnectionFileDescriptor> &connection,
                 llvm::StringRef url, const PeerPolicy &policy,
                 llvm::function_ref<void(llvm::StringRef)> report_socket_id,
                 Status &error) {
  llvm::Expected<std::unique_ptr<Socket>> listener = ListenOn(url);
  if (!listener) {
    error = Status(listener.takeError());
    return lldb::eConnectionStatusError;
  }
  std::optional<std::string> path = GetUnixSocketPath(url);
  report_socket_id(
      path ? *path
           : std::to_string(
                 static_cast<TCPSocket &>(**listener).GetLocalPortNumber()));
  llvm::Expected<std::unique_ptr<Socket>> client =
      AcceptAdmitted(**listener, policy);
  if (!client) {
    error = Status(client.takeError());
    return lldb::eConnectionStatusError;
  }
  connection = std::make_unique<ConnectionFileDescriptor>(client->release());
  return lldb::eConnectionStatusSuccess;
}

/// Connects as lldb-server 19 does; its failures end the process with its
/// exit code, -1.
bool Connect(IOThreadsServer &server, const CommandLine &options,
             const PeerPolicy &policy, int connection_fd,
             llvm::StringRef address, int pipe_fd) {
  std::string url;
  if (connection_fd >= 0)
    url = llvm::formatv("fd://{0}", connection_fd).str();
  else
    url = LLGSArgToURL(DefaultToLoopback(address),
                       options.Has("reverse-connect"));

  auto connection = std::make_unique<ConnectionFileDescriptor>();
  Status error;
  std::string named_pipe = options.Last("named-pipe").str();
  auto report = [&](llvm::StringRef socket_id) {
    ReportSocketId(named_pipe, pipe_fd, socket_id);
  };
  bool filtered = !policy.Allowed.empty() || policy.SameUserOnly;
  lldb::ConnectionStatus status =
      filtered && connection_fd < 0 && !options.Has("reverse-connect")
          ? AcceptAdmittedAt(connection, url, policy, report, error)
          : connection->Connect(url, report, &error);
  if (error.Fail()) {
    llvm::errs() << llvm::formatv(
        "error: failed to connect to client at '{0}': {1}\n", url, error);
    return false;
  }
  if (status != lldb::eConnectionStatusSuccess) {
    llvm::errs() << llvm::formatv("error: failed to connect to client at "
                                  "'{0}' (connection status: {1})\n",
                                  url, static_cast<int>(status));
    return false;
  }
  if (server
          .InitializeConnection(
              std::make_unique<FramedConnection>(std::move(connection)))
          .Fail()) {
    llvm::errs() << "failed to initialize connection\n";
    return false;
  }
  return true;
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

/// Where the server talks to lldb and what it debugs, from the command line.
struct GDBServerRequest {
  int PipeFd = -1;
  int ConnectionFd = -1;
  std::string Address;
  std::vector<std::string> Launch;
  std::optional<lldb::pid_t> AttachPid;
};

/// Reads the descriptors lldb gave into \p request; the exit code when they
/// are wrong.
std::optional<int> ParseConnection(const CommandLine &options,
                                   const std::string &help_hint,
                                   GDBServerRequest &request) {
  if (options.Has("pipe")) {
    uint64_t value;
    if (!llvm::to_integer(options.Last("pipe"), value)) {
      llvm::WithColor::error() << "invalid '--pipe' argument\n" << help_hint;
      return ReturnedFailureExitCode;
    }
    request.PipeFd = static_cast<int>(value);
  }
  if (options.Has("fd") &&
      !llvm::to_integer(options.Last("fd"), request.ConnectionFd)) {
    llvm::WithColor::error() << "invalid '--fd' argument\n" << help_hint;
    return ReturnedFailureExitCode;
  }
  return std::nullopt;
}

/// Reads the address and what to debug into \p request; the exit code when
/// they are wrong.
std::optional<int> ParseTarget(const CommandLine &options,
                               const std::string &help_hint,
                               GDBServerRequest &request) {
  request.Launch = options.Inputs;
  if (request.Launch.empty() && request.ConnectionFd == -1) {
    llvm::WithColor::error() << "no connection arguments\n" << help_hint;
    return ReturnedFailureExitCode;
  }
  // As in lldb-server, the first input is the address even with --fd.
  if (!request.Launch.empty()) {
    request.Address = request.Launch.front();
    request.Launch.erase(request.Launch.begin());
  }
  // lldb-server takes a number for a pid, whatever it is; 0 is no process.
  if (!options.Last("attach").empty()) {
    lldb::pid_t pid;
    if (!llvm::to_integer(options.Last("attach"), pid, 10)) {
      llvm::WithColor::error()
          << "failed to attach to process named '" << options.Last("attach")
          << "': attaching by name is not supported\n";
      return 1;
    }
    request.AttachPid = pid;
  }
  if (!request.Launch.empty() && request.AttachPid) {
    llvm::WithColor::error()
        << "give a program to launch or --attach, not both\n";
    return 1;
  }
  return std::nullopt;
}

/// The controls a platform passes its sessions (AccessControls.h).
llvm::Expected<AccessControls> ParseAccessControls(const CommandLine &options) {
  AccessControls controls;
  controls.NoShell = options.Has("no-shell");
  if (options.Has("confine-writes-to")) {
    llvm::Expected<WriteConfinement> writes =
        WriteConfinement::Create(options.Last("confine-writes-to"));
    if (!writes)
      return writes.takeError();
    controls.Writes = std::move(*writes);
  }
  return controls;
}

/// Attaches or launches as asked, connects to lldb and serves it until the
/// session ends; returns the exit code.
int Serve(const CommandLine &options, const PeerPolicy &policy,
          const GDBServerRequest &request) {
  ::signal(SIGPIPE, SIG_IGN);
  MainLoop mainloop;
  Status status;
  // A hang-up of the terminal we were started from is not ours to die of.
  auto hangup = mainloop.RegisterSignal(
      SIGHUP, [](MainLoopBase &) {}, status);
  if (status.Fail())
    llvm::WithColor::warning() << llvm::formatv(
        "cannot ignore SIGHUP; a hang-up will end the server: {0}\n", status);

  ProcessManager manager(mainloop);
  if (options.Has("freeze-io-threads"))
    llvm::consumeError(manager.SetIoThreadPolicy(IoThreadPolicy::Freeze));
  manager.SetRestartSyscalls(!options.Has("no-restart-syscalls"));
  manager.SetGuardAttached(!options.Has("no-guardian"));
  // A platform's client names a core path on its own machine and downloads
  // the core from where the platform says.
  if (std::optional<std::string> directory = TakePlatformSessionMark())
    manager.SetCoreDirectory(std::move(*directory));
  IOThreadsServer server(mainloop, manager);
  if (options.Has("acks-off"))
    server.ContinueWithoutAcks();
  if (llvm::Expected<AccessControls> controls = ParseAccessControls(options))
    server.ApplyAccessControls(*controls);
  else {
    llvm::WithColor::error() << llvm::toString(controls.takeError()) << "\n";
    return 1;
  }

  if (request.AttachPid) {
    Status attached = server.AttachToProcess(*request.AttachPid);
    if (attached.Fail()) {
      llvm::errs() << llvm::formatv("error: failed to attach to pid {0}: {1}\n",
                                    *request.AttachPid, attached);
      return 1;
    }
  } else if (!request.Launch.empty()) {
    if (llvm::Error error = LaunchFromCommandLine(server, request.Launch)) {
      llvm::errs() << llvm::formatv("error: failed to launch '{0}': {1}\n",
                                    request.Launch.front(),
                                    llvm::toString(std::move(error)));
      return 1;
    }
  }

  if (!Connect(server, options, policy, request.ConnectionFd, request.Address,
               request.PipeFd))
    return -1;
  Status run = mainloop.Run();
  if (run.Fail()) {
    llvm::errs() << "lldb-server terminating due to error: " << run.AsCString()
                 << "\n";
    return ReturnedFailureExitCode;
  }
  return 0;
}

} // namespace

int iothreads::RunGDBServer(llvm::StringRef argv0,
                            llvm::ArrayRef<const char *> args) {
  AdoptPlatformStderr();
  std::string help_hint = ("Use '" + llvm::sys::path::filename(argv0) +
                           " g[dbserver] --help' for a complete list of "
                           "options.\n")
                              .str();
  CommandLine options = ParseCommandLine(GDBServerOptions, args);
  if (!options.Errors.empty()) {
    for (const std::string &error : options.Errors)
      llvm::WithColor::error() << error << "\n";
    llvm::errs() << help_hint;
    return ReturnedFailureExitCode;
  }
  if (options.Has("help")) {
    PrintHelp(llvm::sys::path::filename(argv0));
    return 0;
  }

  if (options.Has("setsid") && ::setsid() == -1)
    llvm::WithColor::warning()
        << llvm::formatv("failed to set new session id for lldb-server ({0})\n",
                         std::strerror(errno));

  GDBServerRequest request;
  if (std::optional<int> exit_code =
          ParseConnection(options, help_hint, request))
    return *exit_code;
  if (llvm::Error error = SetUpLogging(options.Last("log-file"),
                                       options.Last("log-channels"))) {
    llvm::errs() << llvm::toString(std::move(error));
    return ReturnedFailureExitCode;
  }
  llvm::Expected<PeerPolicy> policy =
      PeerPolicy::Parse(options.Has("allow") ? options.Options.lookup("allow")
                                             : std::vector<std::string>(),
                        options.Has("same-user"));
  if (!policy) {
    llvm::WithColor::error()
        << "--allow: " << llvm::toString(policy.takeError()) << "\n"
        << help_hint;
    return ReturnedFailureExitCode;
  }
  if (std::optional<int> exit_code = ParseTarget(options, help_hint, request))
    return *exit_code;
  return Serve(options, *policy, request);
}

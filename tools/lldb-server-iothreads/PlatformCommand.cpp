//===-- PlatformCommand.cpp - The platform subcommand ---------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "PlatformCommand.h"
#include "CommandLine.h"
#include "ConnectionKind.h"
#include "ControlledPlatform.h"
#include "ListenAddress.h"
#include "PeerIdentity.h"
#include "PeerPolicy.h"
#include "PlatformConnection.h"
#include "PlatformSession.h"
#include "ServerLogging.h"

#include "Plugins/Process/gdb-remote/GDBRemoteCommunicationServerPlatform.h"
#include "lldb/Host/ConnectionFileDescriptor.h"
#include "lldb/Host/HostInfo.h"
#include "lldb/Host/Socket.h"
#include "lldb/Host/common/TCPSocket.h"
#include "lldb/Utility/Args.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <getopt.h>
#include <optional>
#include <sys/wait.h>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

namespace {

/// In lldb-server 19's order, which getopt follows when it lists the
/// options an abbreviation could mean; --help is ours.
const OptionSpec PlatformOptions[] = {
    {"debug", 0, false, "", "Accepted for compatibility; no effect."},
    {"verbose", 0, false, "", "Accepted for compatibility; no effect."},
    {"log-file", 'l', true, "file", "Write the log here (default: stderr)."},
    {"log-channels", 'c', true, "channel categories...:...",
     "LLDB log channels to enable."},
    {"listen", 'L', true, "[host]:port",
     "Listen here for lldb (host defaults to localhost)."},
    {"port-offset", 'p', true, "offset",
     "Added to the port of each debug session when it is reported to lldb."},
    {"gdbserver-port", 'P', true, "port",
     "A port debug sessions may use; may be given several times."},
    {"min-gdbserver-port", 'm', true, "port",
     "The lowest port debug sessions may use."},
    {"max-gdbserver-port", 'M', true, "port",
     "One past the highest port debug sessions may use."},
    {"socket-file", 'f', true, "path",
     "Write the port we listen on to this file."},
    {"server", 0, false, "",
     "Serve clients one after another, each in a process of its own; "
     "without it, serve one client and exit."},
    {"allow", 0, true, "address[/prefix-length]",
     "Admit TCP clients only from this IPv4 or IPv6 network (may be given "
     "several times); their debug sessions then admit only the client's "
     "address."},
    {"no-shell", 0, false, "",
     "Refuse `platform shell` and `platform process launch`."},
    {"confine-writes", 0, false, "",
     "Let clients create, write, remove and chmod files only under the "
     "directory the platform starts in."},
    {"one-port", 0, false, "",
     "Serve debug sessions on the platform's own port or socket, where lldb "
     "connects again for each (needs --server; a published container port "
     "must keep its number, or give --port-offset)."},
    {"help", 'h', false, "", "Print this help."},
};

/// lldb-server 19's bounds for the ports it is given.
constexpr uint16_t LowestUserPort = 1024;
constexpr uint16_t HighestUserPort = 49151;

void PrintHelp(llvm::StringRef program) {
  llvm::outs() << "Usage: " << program
               << " platform --listen [HOST]:PORT [options] [[--] PROGRAM "
                  "ARGS...]\n\nServes lldb's remote-linux platform "
                  "(`platform select remote-linux`,\n`platform connect "
                  "connect://HOST:PORT`). Debug sessions it starts run this\n"
                  "binary's gdbserver. With --listen unix://PATH it admits "
                  "only clients of its own\nuser (or root), checked with "
                  "SO_PEERCRED (`platform connect unix-connect://PATH`).\n\n"
                  "Options:\n";
  PrintOptions(llvm::outs(), PlatformOptions);
}

/// What lldb-server 19 prints after any mistake on its command line.
void PrintUsage(llvm::StringRef argv0, llvm::StringRef subcommand) {
  llvm::errs() << "Usage:\n  " << argv0 << " " << subcommand
               << " [--log-file log-file-name] [--log-channels "
                  "log-channel-list] [--port-file port-file-path] --server "
                  "--listen port\n";
}

struct PlatformCommandLine {
  std::string Listen, LogFile, LogChannels, SocketFile;
  bool Server = false, Help = false, NoShell = false, ConfineWrites = false;
  bool OnePort = false;
  std::vector<std::string> Allow;
  /// Set by a mistake that lldb-server answers with its usage.
  bool Failed = false;
  uint16_t PortOffset = 0;
  uint16_t MinPort = 0, MaxPort = 0;
  std::vector<uint16_t> Ports;
  /// What is left after the options: a program to debug for the first
  /// client.
  Args Program;
};

/// Reads a port as lldb-server 19 does (any base, within the user range);
/// \p what names it in the messages.
std::optional<uint16_t> ReadPort(const char *value, llvm::StringRef what) {
  uint16_t port;
  if (!llvm::to_integer(value, port)) {
    llvm::WithColor::error()
        << "invalid " << what << " string " << value << "\n";
    return std::nullopt;
  }
  if (port < LowestUserPort || port > HighestUserPort) {
    llvm::WithColor::error() << llvm::formatv(
        "{0} {1} is not in the valid user port range of {2} - {3}\n", what,
        port, LowestUserPort, HighestUserPort);
    return std::nullopt;
  }
  return port;
}

/// Parses with getopt_long_only, as lldb-server 19 does, so options may be
/// abbreviated and its messages are glibc's, naming \p subcommand.
PlatformCommandLine
ParsePlatformCommandLine(llvm::StringRef subcommand,
                         llvm::ArrayRef<const char *> args) {
  std::vector<option> long_options;
  std::string short_options;
  for (const OptionSpec &spec : PlatformOptions) {
    int value = spec.Short ? spec.Short : 256 + (&spec - PlatformOptions);
    long_options.push_back({spec.Name.data(),
                            spec.TakesValue ? required_argument : no_argument,
                            nullptr, value});
    if (spec.Short)
      short_options +=
          std::string(1, spec.Short) + (spec.TakesValue ? ":" : "");
  }
  long_options.push_back({nullptr, 0, nullptr, 0});

  std::string name = subcommand.str();
  std::vector<char *> argv{name.data()};
  for (const char *arg : args)
    argv.push_back(const_cast<char *>(arg));
  argv.push_back(nullptr);

  PlatformCommandLine result;
  optind = 0;
  int index = 0;
  for (int c; (c = ::getopt_long_only(argv.size() - 1, argv.data(),
                                      short_options.c_str(),
                                      long_options.data(), &index)) != -1;) {
    if (c == '?') {
      result.Failed = true;
      continue;
    }
    llvm::StringRef option_name =
        c < 256 ? llvm::find_if(
                      PlatformOptions,
                      [&](const OptionSpec &spec) { return spec.Short == c; })
                      ->Name
                : PlatformOptions[c - 256].Name;
    if (option_name == "listen") {
      result.Listen += optarg; // Repeated, lldb-server joins them.
    } else if (option_name == "log-file") {
      result.LogFile = optarg;
    } else if (option_name == "log-channels") {
      result.LogChannels = optarg;
    } else if (option_name == "socket-file") {
      result.SocketFile = optarg;
    } else if (option_name == "server") {
      result.Server = true;
    } else if (option_name == "help") {
      result.Help = true;
    } else if (option_name == "allow") {
      result.Allow.push_back(optarg);
    } else if (option_name == "no-shell") {
      result.NoShell = true;
    } else if (option_name == "confine-writes") {
      result.ConfineWrites = true;
    } else if (option_name == "one-port") {
      result.OnePort = true;
    } else if (option_name == "port-offset") {
      std::optional<uint16_t> offset = ReadPort(optarg, "port offset");
      result.Failed |= !offset;
      result.PortOffset = offset.value_or(result.PortOffset);
    } else if (option_name.ends_with("gdbserver-port")) {
      std::optional<uint16_t> port = ReadPort(optarg, "port number");
      if (!port)
        result.Failed = true;
      else if (option_name == "gdbserver-port")
        result.Ports.push_back(*port);
      else if (option_name == "min-gdbserver-port")
        result.MinPort = *port;
      else
        result.MaxPort = *port;
    }
  }
  for (int i = optind; i < static_cast<int>(argv.size()) - 1; ++i)
    result.Program.AppendArgument(argv[i]);
  return result;
}

/// The ports debug sessions may listen on; an empty map lets each pick one.
/// A range must have both ends and not be empty (the maximum is exclusive).
std::optional<GDBRemoteCommunicationServerPlatform::PortMap>
MakePortMap(const PlatformCommandLine &options) {
  GDBRemoteCommunicationServerPlatform::PortMap ports;
  if (options.MinPort && options.MinPort < options.MaxPort)
    ports = GDBRemoteCommunicationServerPlatform::PortMap(options.MinPort,
                                                          options.MaxPort);
  else if (options.MinPort || options.MaxPort) {
    llvm::WithColor::error() << llvm::formatv(
        "--min-gdbserver-port ({0}) is not lower than --max-gdbserver-port "
        "({1})\n",
        options.MinPort, options.MaxPort);
    return std::nullopt;
  }
  for (uint16_t port : options.Ports)
    ports.AllowPort(port);
  return ports;
}

/// Writes what lldb-server does (the port's digits, or a Unix socket's
/// path), replacing the file at once, in a directory it creates if only the
/// last level is missing.
llvm::Error WriteSocketFile(llvm::StringRef path, llvm::StringRef socket_id) {
  llvm::StringRef directory = llvm::sys::path::parent_path(path);
  if (!directory.empty())
    if (std::error_code ec = llvm::sys::fs::create_directory(directory))
      return llvm::createStringError(ec, "Failed to create directory %s: %s",
                                     directory.str().c_str(),
                                     ec.message().c_str());
  if (llvm::Error error =
          llvm::writeToOutput(path, [socket_id](llvm::raw_ostream &os) {
            os << socket_id;
            return llvm::Error::success();
          }))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "Failed to atomically write file %s: %s",
                                   path.str().c_str(),
                                   llvm::toString(std::move(error)).c_str());
  return llvm::Error::success();
}

/// What every client's session is served with.
struct ServeSettings {
  AccessControls Controls;
  /// Clients of a Unix-domain listener are admitted by user, not address.
  bool UnixListener = false;
  /// Whether --allow filters TCP clients.
  bool AddressFiltered = false;
  uint16_t PortOffset = 0;
  Args Program;
  /// --one-port: lldb reaches the sessions at the listener, this TCP port
  /// or Unix socket path.
  bool OnePort = false;
  uint16_t ListenerPort = 0;
  std::string ListenerPath;
  /// --one-port with a program: a byte in this pipe is a client's session
  /// with the program, owed by the platform child that serves the client
  /// and started by the acceptor's child for its next debug session. A
  /// session names no client, so with several clients at once the program
  /// may start in another's session.
  int ProgramTokens[2] = {-1, -1};
};

/// The name of the environment variable LLDB reads the \p index'th (from 1)
/// extra argument of each debug session from.
std::string SessionArgumentVariable(unsigned index) {
  return llvm::formatv("LLDB_DEBUGSERVER_EXTRA_ARG_{0}", index).str();
}

/// The extra arguments each debug session gets, in order.
std::vector<std::string> SessionArguments() {
  std::vector<std::string> arguments;
  while (const char *argument =
             ::getenv(SessionArgumentVariable(arguments.size() + 1).c_str()))
    arguments.push_back(argument);
  return arguments;
}

/// Adds \p argument to the command line of each debug session LLDB starts
/// from now on: LLDB passes LLDB_DEBUGSERVER_EXTRA_ARG_1, _2, ... on.
void AddSessionArgument(llvm::StringRef argument) {
  ::setenv(SessionArgumentVariable(SessionArguments().size() + 1).c_str(),
           argument.str().c_str(), 1);
}

/// Makes the debug sessions LLDB starts for the client on \p fd admit only
/// it: by user on a Unix-domain listener, by address when --allow filters
/// TCP clients.
void RestrictSessionsToClient(int fd, const ServeSettings &settings) {
  if (settings.UnixListener) {
    AddSessionArgument("--same-user");
  } else if (settings.AddressFiltered) {
    std::string peer = DescribePeer(fd);
    llvm::StringRef host = llvm::StringRef(peer).rsplit(':').first;
    host.consume_front("[");
    host.consume_back("]");
    AddSessionArgument(("--allow=" + host).str());
  }
}

/// Serves one connected client until it goes; \p acks_off when the client
/// turned acknowledgements off with the one-port acceptor.
void Serve(std::unique_ptr<Socket> client, const ServeSettings &settings,
           GDBRemoteCommunicationServerPlatform::PortMap ports,
           bool acks_off = false) {
  int fd = client->GetNativeSocket();
  RestrictSessionsToClient(fd, settings);
  ControlledPlatform platform(settings.Controls);
  platform.SetPortMap(std::move(ports));
  if (settings.PortOffset)
    platform.SetPortOffset(settings.PortOffset);
  if (settings.OnePort)
    platform.ServeSessionsOnListener(
        settings.ListenerPort + settings.PortOffset, settings.ListenerPath,
        settings.ProgramTokens[1]);
  platform.SetConnection(std::make_unique<PlatformConnection>(
      std::make_unique<ConnectionFileDescriptor>(client.release()), fd));
  if (acks_off)
    platform.ContinueWithoutAcks();
  if (settings.Program.GetArgumentCount() > 0 && !settings.OnePort) {
    lldb::pid_t pid = LLDB_INVALID_PROCESS_ID;
    std::optional<uint16_t> port;
    std::string socket_name;
    SharedStderr shared;
    Status error =
        platform.LaunchGDBServer(settings.Program, "", pid, port, socket_name);
    if (error.Success() && port)
      platform.SetPendingGdbServer(pid, *port, socket_name);
    else
      llvm::WithColor::error()
          << "cannot start a debug session for the program: "
          << error.AsCString() << "\n";
  }
  bool interrupt = false, done = false;
  Status error;
  while (
      !interrupt && !done &&
      platform.GetPacketAndSendResponse(std::nullopt, error, interrupt, done) ==
          GDBRemoteCommunication::PacketResult::Success)
    ;
  if (error.Fail())
    llvm::WithColor::error() << error.AsCString() << "\n";
  platform.WaitForSessions();
}

/// Becomes the debug session for the client on \p fd, with the arguments
/// the platform gives its sessions, launching \p program if there is one;
/// returns only when that fails.
void BecomeDebugSession(int fd, bool acks_off, const Args &program) {
  std::vector<std::string> args{"lldb-server-iothreads", "gdbserver", "--fd",
                                std::to_string(fd)};
  if (acks_off)
    args.push_back("--acks-off");
  llvm::append_range(args, SessionArguments());
  if (program.GetArgumentCount() > 0) {
    // The address comes first, even with --fd.
    args.push_back(llvm::formatv("fd://{0}", fd));
    args.push_back("--");
    for (const Args::ArgEntry &arg : program)
      args.push_back(arg.ref().str());
  }
  std::vector<char *> argv;
  for (std::string &arg : args)
    argv.push_back(arg.data());
  argv.push_back(nullptr);
  ::fcntl(fd, F_SETFD, 0);
  ::execv(::getenv("LLDB_DEBUGSERVER_PATH"), argv.data());
  llvm::WithColor::error() << "cannot start a debug session: "
                           << std::strerror(errno) << "\n";
}

/// Serves a connection to a one-port platform as what it shows it is
/// (ConnectionKind.h): a platform client, or one of its debug sessions.
void ServeConnection(std::unique_ptr<Socket> client,
                     const ServeSettings &settings) {
  int fd = client->GetNativeSocket();
  llvm::Expected<ConnectionOpening> opening =
      ReadConnectionOpening(fd, std::chrono::seconds(30));
  if (!opening) {
    llvm::WithColor::warning()
        << "dropped a client (" << DescribePeer(fd)
        << "): " << llvm::toString(opening.takeError()) << "\n";
    return;
  }
  if (opening->Kind == ConnectionKind::Platform)
    return Serve(std::move(client), settings, {}, opening->AcksOff);
  RestrictSessionsToClient(fd, settings);
  char token;
  bool with_program = settings.ProgramTokens[0] >= 0 &&
                      ::read(settings.ProgramTokens[0], &token, 1) == 1;
  BecomeDebugSession(fd, opening->AcksOff,
                     with_program ? settings.Program : Args());
}

/// Serves each admitted client, in a process of its own with --server.
int ServeClients(Socket &listener, const PeerPolicy &policy,
                 const ServeSettings &settings, bool serve_many,
                 GDBRemoteCommunicationServerPlatform::PortMap ports) {
  do {
    llvm::Expected<std::unique_ptr<Socket>> client =
        AcceptAdmitted(listener, policy);
    if (!client) {
      llvm::WithColor::error()
          << "cannot accept a client: " << llvm::toString(client.takeError())
          << "\n";
      return 1;
    }
    if (!serve_many) {
      Serve(std::move(*client), settings, std::move(ports));
      break;
    }
    // Reap finished sessions and give their ports back.
    for (pid_t done; (done = ::waitpid(-1, nullptr, WNOHANG)) > 0;)
      ports.FreePortForProcess(done);
    if (settings.OnePort) {
      if (::fork() == 0) {
        ServeConnection(std::move(*client), settings);
        ::_exit(0);
      }
      continue;
    }
    llvm::Expected<uint16_t> port = ports.GetNextAvailablePort();
    if (!port) {
      llvm::WithColor::error()
          << llvm::toString(port.takeError()) << "; dropping the client\n";
      continue;
    }
    GDBRemoteCommunicationServerPlatform::PortMap session_ports;
    if (*port)
      session_ports.AllowPort(*port);
    pid_t child = ::fork();
    if (child == 0) {
      Serve(std::move(*client), settings, std::move(session_ports));
      ::_exit(0);
    }
    if (child > 0 && *port)
      ports.AssociatePortWithProcess(*port, child);
  } while (serve_many);
  return 0;
}

/// The settings and admission policy \p options ask for, or the error.
llvm::Error MakeSettings(PlatformCommandLine &options, ServeSettings &settings,
                         PeerPolicy &policy) {
  settings.UnixListener = GetUnixSocketPath(options.Listen).has_value();
  settings.AddressFiltered = !options.Allow.empty();
  settings.PortOffset = options.PortOffset;
  settings.Program = options.Program;
  settings.OnePort = options.OnePort;
  if (options.OnePort && (!options.Server || options.MinPort ||
                          options.MaxPort || !options.Ports.empty()))
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "--one-port needs --server, and its sessions use no ports of their "
        "own");
  if (options.OnePort && options.Program.GetArgumentCount() > 0 &&
      ::pipe2(settings.ProgramTokens, O_CLOEXEC | O_NONBLOCK) != 0)
    return llvm::createStringError(
        std::error_code(errno, std::generic_category()),
        "cannot make the pipe that hands out the program's sessions");
  settings.Controls.NoShell = options.NoShell;
  if (options.ConfineWrites) {
    llvm::Expected<WriteConfinement> writes = WriteConfinement::Create(".");
    if (!writes)
      return writes.takeError();
    settings.Controls.Writes = std::move(*writes);
  }
  llvm::Expected<PeerPolicy> parsed =
      PeerPolicy::Parse(options.Allow, settings.UnixListener);
  if (!parsed)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--allow: " +
                                       llvm::toString(parsed.takeError()));
  policy = std::move(*parsed);
  return llvm::Error::success();
}

} // namespace

int iothreads::RunPlatform(llvm::StringRef argv0, llvm::StringRef subcommand,
                           llvm::ArrayRef<const char *> args) {
  PlatformCommandLine options = ParsePlatformCommandLine(subcommand, args);
  if (options.Help) {
    PrintHelp(llvm::sys::path::filename(argv0));
    return 0;
  }
  if (llvm::Error error = SetUpLogging(options.LogFile, options.LogChannels)) {
    llvm::errs() << llvm::toString(std::move(error));
    return ReturnedFailureExitCode;
  }
  std::optional<GDBRemoteCommunicationServerPlatform::PortMap> ports =
      MakePortMap(options);
  if (!ports || options.Failed || options.Listen.empty()) {
    PrintUsage(argv0, subcommand);
    return ReturnedFailureExitCode;
  }
  ServeSettings settings;
  PeerPolicy policy;
  if (llvm::Error error = MakeSettings(options, settings, policy)) {
    llvm::WithColor::error() << llvm::toString(std::move(error)) << "\n";
    return ReturnedFailureExitCode;
  }

  // Debug sessions started for lldb run our own gdbserver.
  std::string self = HostInfo::GetProgramFileSpec().GetPath();
  ::setenv("LLDB_DEBUGSERVER_PATH", self.c_str(), 1);
  // Files the sessions write for the client (saved cores) go where it may
  // remove them after fetching.
  llvm::SmallString<128> file_directory;
  if (settings.Controls.Writes)
    file_directory = settings.Controls.Writes->GetRoot();
  else
    llvm::sys::path::system_temp_directory(/*ErasedOnReboot=*/true,
                                           file_directory);
  MarkPlatformSessions(file_directory);
  // The sessions serve file and shell packets too (AccessControls.h).
  if (settings.Controls.NoShell)
    AddSessionArgument("--no-shell");
  if (settings.Controls.Writes)
    AddSessionArgument(
        ("--confine-writes-to=" + settings.Controls.Writes->GetRoot()).str());
  ::signal(SIGPIPE, SIG_IGN);

  llvm::Expected<std::unique_ptr<Socket>> listener = ListenOn(options.Listen);
  if (!listener) {
    // lldb-server's wording, on stdout as it prints it.
    llvm::outs() << "failed to listen: " << llvm::toString(listener.takeError())
                 << "\n";
    return -1;
  }
  if (settings.UnixListener)
    settings.ListenerPath = *GetUnixSocketPath(options.Listen);
  else
    settings.ListenerPort =
        static_cast<TCPSocket &>(**listener).GetLocalPortNumber();
  if (!options.SocketFile.empty()) {
    std::string socket_id = settings.UnixListener
                                ? settings.ListenerPath
                                : std::to_string(settings.ListenerPort);
    if (llvm::Error error = WriteSocketFile(options.SocketFile, socket_id)) {
      llvm::errs() << "failed to write socket id to " << options.SocketFile
                   << ": " << llvm::toString(std::move(error)) << "\n";
      return ReturnedFailureExitCode;
    }
  }
  return ServeClients(**listener, policy, settings, options.Server,
                      std::move(*ports));
}

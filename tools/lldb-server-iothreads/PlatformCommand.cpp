//===-- PlatformCommand.cpp - The platform subcommand ---------------------===//

#include "PlatformCommand.h"
#include "CommandLine.h"
#include "ListenAddress.h"
#include "ServerLogging.h"

#include "Plugins/Process/gdb-remote/GDBRemoteCommunicationServerPlatform.h"
#include "lldb/Host/ConnectionFileDescriptor.h"
#include "lldb/Host/HostInfo.h"
#include "lldb/Host/Socket.h"
#include "lldb/Host/common/TCPSocket.h"
#include "lldb/Utility/Args.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/WithColor.h"
#include "llvm/Support/raw_ostream.h"

#include <csignal>
#include <cstdlib>
#include <sys/wait.h>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

namespace {

const OptionSpec PlatformOptions[] = {
    {"listen", 'L', true, "[host]:port",
     "Listen here for lldb (host defaults to localhost)."},
    {"server", 0, false, "",
     "Serve clients one after another, each in a process of its own; "
     "without it, serve one client and exit."},
    {"socket-file", 'f', true, "path",
     "Write the port we listen on to this file."},
    {"gdbserver-port", 'P', true, "port",
     "A port debug sessions may use; may be given several times."},
    {"min-gdbserver-port", 'm', true, "port",
     "The lowest port debug sessions may use."},
    {"max-gdbserver-port", 'M', true, "port",
     "One past the highest port debug sessions may use."},
    {"port-offset", 'p', true, "offset",
     "Added to the port of each debug session when it is reported to lldb."},
    {"log-file", 'l', true, "file", "Write the log here (default: stderr)."},
    {"log-channels", 'c', true, "channel categories...:...",
     "LLDB log channels to enable."},
    {"help", 'h', false, "", "Print this help."},
};

void PrintHelp(llvm::StringRef program) {
  llvm::outs() << "Usage: " << program
               << " platform --listen [HOST]:PORT [options] [-- PROGRAM "
                  "ARGS...]\n\nServes lldb's remote-linux platform "
                  "(`platform select remote-linux`,\n`platform connect "
                  "connect://HOST:PORT`). Debug sessions it starts run this\n"
                  "binary's gdbserver.\n\nOptions:\n";
  PrintOptions(llvm::outs(), PlatformOptions);
}

llvm::Expected<uint16_t> ParsePort(const CommandLine &options,
                                   llvm::StringRef name,
                                   llvm::StringRef value) {
  uint16_t port;
  if (value.getAsInteger(10, port) || port == 0)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "--%s needs a port number from 1 to 65535, "
                                   "not '%s'",
                                   name.str().c_str(), value.str().c_str());
  return port;
}

/// The ports debug sessions may listen on; an empty map lets each pick one.
llvm::Expected<GDBRemoteCommunicationServerPlatform::PortMap>
ReadPortMap(const CommandLine &options) {
  GDBRemoteCommunicationServerPlatform::PortMap ports;
  uint16_t min_port = 0, max_port = 0;
  for (llvm::StringRef name : {"min-gdbserver-port", "max-gdbserver-port"}) {
    if (!options.Has(name))
      continue;
    llvm::Expected<uint16_t> port =
        ParsePort(options, name, options.Last(name));
    if (!port)
      return port.takeError();
    (name == "min-gdbserver-port" ? min_port : max_port) = *port;
  }
  if (min_port || max_port) {
    if (!min_port || !max_port || min_port >= max_port)
      return llvm::createStringError(
          llvm::inconvertibleErrorCode(),
          "--min-gdbserver-port (%u) must be given with, and be lower than, "
          "--max-gdbserver-port (%u)",
          min_port, max_port);
    ports = GDBRemoteCommunicationServerPlatform::PortMap(min_port, max_port);
  }
  if (options.Has("gdbserver-port"))
    for (const std::string &value : options.Options.lookup("gdbserver-port")) {
      llvm::Expected<uint16_t> port =
          ParsePort(options, "gdbserver-port", value);
      if (!port)
        return port.takeError();
      ports.AllowPort(*port);
    }
  return ports;
}

/// Serves one connected client until it goes.
void Serve(std::unique_ptr<Socket> client, const TCPSocket &listener,
           GDBRemoteCommunicationServerPlatform::PortMap ports,
           uint16_t port_offset, const Args &program) {
  GDBRemoteCommunicationServerPlatform platform(listener.GetSocketProtocol(),
                                                "tcp");
  platform.SetPortMap(std::move(ports));
  if (port_offset)
    platform.SetPortOffset(port_offset);
  platform.SetConnection(
      std::make_unique<ConnectionFileDescriptor>(client.release()));
  if (program.GetArgumentCount() > 0) {
    lldb::pid_t pid = LLDB_INVALID_PROCESS_ID;
    std::optional<uint16_t> port;
    std::string socket_name;
    Status error =
        platform.LaunchGDBServer(program, "", pid, port, socket_name);
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
}

} // namespace

int iothreads::RunPlatform(llvm::StringRef program,
                           llvm::ArrayRef<const char *> args) {
  llvm::Expected<CommandLine> parsed = ParseCommandLine(PlatformOptions, args);
  if (!parsed)
    return UsageError(program, "platform", llvm::toString(parsed.takeError()));
  const CommandLine &options = *parsed;
  if (options.Has("help")) {
    PrintHelp(program);
    return 0;
  }
  if (!options.Has("listen"))
    return UsageError(program, "platform", "give --listen [HOST]:PORT");
  if (!options.Positionals.empty())
    return UsageError(program, "platform",
                      "unexpected argument '" + options.Positionals.front() +
                          "'");
  llvm::Expected<GDBRemoteCommunicationServerPlatform::PortMap> ports =
      ReadPortMap(options);
  if (!ports)
    return UsageError(program, "platform", llvm::toString(ports.takeError()));
  uint16_t port_offset = 0;
  if (options.Has("port-offset") &&
      options.Last("port-offset").getAsInteger(10, port_offset))
    return UsageError(program, "platform", "--port-offset needs a number");
  if (llvm::Error error = SetUpLogging(options.Last("log-file"),
                                       options.Last("log-channels"))) {
    llvm::WithColor::error() << llvm::toString(std::move(error)) << "\n";
    return 1;
  }

  // Debug sessions started for lldb run our own gdbserver.
  std::string self = HostInfo::GetProgramFileSpec().GetPath();
  ::setenv("LLDB_DEBUGSERVER_PATH", self.c_str(), 1);
  ::signal(SIGPIPE, SIG_IGN);

  std::string address = DefaultToLoopback(options.Last("listen"));
  llvm::Expected<std::unique_ptr<TCPSocket>> listener =
      Socket::TcpListen(address, /*child_processes_inherit=*/false,
                        /*backlog=*/16);
  if (!listener) {
    llvm::WithColor::error() << "cannot listen on " << address << ": "
                             << llvm::toString(listener.takeError()) << "\n";
    return 1;
  }
  if (options.Has("socket-file")) {
    std::error_code ec;
    llvm::raw_fd_ostream file(options.Last("socket-file"), ec);
    if (ec) {
      llvm::WithColor::error() << "cannot write " << options.Last("socket-file")
                               << ": " << ec.message() << "\n";
      return 1;
    }
    file << (*listener)->GetLocalPortNumber() << "\n";
  }

  Args inferior;
  for (const std::string &arg : options.Rest)
    inferior.AppendArgument(arg);
  bool serve_many = options.Has("server");
  do {
    Socket *accepted = nullptr;
    Status error = (*listener)->Accept(accepted);
    if (error.Fail()) {
      llvm::WithColor::error()
          << "cannot accept a client: " << error.AsCString() << "\n";
      return 1;
    }
    std::unique_ptr<Socket> client(accepted);
    if (!serve_many) {
      Serve(std::move(client), **listener, std::move(*ports), port_offset,
            inferior);
      break;
    }

    // Reap finished sessions and give their ports back.
    for (pid_t done; (done = ::waitpid(-1, nullptr, WNOHANG)) > 0;)
      ports->FreePortForProcess(done);
    llvm::Expected<uint16_t> port = ports->GetNextAvailablePort();
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
      Serve(std::move(client), **listener, std::move(session_ports),
            port_offset, inferior);
      ::_exit(0);
    }
    if (child > 0 && *port)
      ports->AssociatePortWithProcess(*port, child);
  } while (serve_many);
  return 0;
}

//===-- ControlledPlatform.cpp - The platform server with access rules ----===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "ControlledPlatform.h"
#include "PacketFraming.h"
#include "PlatformSession.h"

#include "NativeProcessIOThreads/TargetFiles.h"

#include "lldb/Host/Host.h"
#include "lldb/Utility/ProcessInfo.h"
#include "lldb/Utility/StreamString.h"

#include <chrono>
#include <cstring>
#include <mutex>
#include <thread>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

ControlledPlatform::ControlledPlatform(const AccessControls &controls)
    : PacketGuards(Socket::ProtocolTcp, "tcp") {
  RegisterPacketHandler(
      StringExtractorGDBRemote::eServerPacketType_qXfer,
      [this](StringExtractorGDBRemote &packet, Status &, bool &, bool &) {
        llvm::StringRef text = packet.GetStringRef();
        if (!text.consume_front(MalformedPacketRead))
          return SendUnimplementedResponse(packet.GetStringRef().data());
        return SendErrorResponse(llvm::createStringError(
            llvm::inconvertibleErrorCode(), text.rsplit(':').first));
      });
  RegisterMemberFunctionHandler(
      StringExtractorGDBRemote::eServerPacketType_qProcessInfoPID,
      &ControlledPlatform::AnswerProcessInfo);
  WrapHandler(StringExtractorGDBRemote::eServerPacketType_qLaunchGDBServer,
              [](StringExtractorGDBRemote &, auto launch) {
                SharedStderr shared;
                return launch();
              });
  Guard(MakePacketRules(controls, ServedBy::Platform));
}

void ControlledPlatform::ServeSessionsOnListener(uint16_t port,
                                                 llvm::StringRef socket_path,
                                                 int program_token_fd) {
  // No gdbserver is started now: the acceptor starts one for the
  // connection lldb makes next (ConnectionKind.h), so there is no pid.
  StreamString reply;
  if (socket_path.empty())
    reply.Format("port:{0};", port);
  else {
    reply.PutCString("socket_name:");
    reply.PutStringAsRawHex8(socket_path);
    reply.PutChar(';');
  }
  RegisterPacketHandler(
      StringExtractorGDBRemote::eServerPacketType_qLaunchGDBServer,
      [this, reply = reply.GetString().str()](StringExtractorGDBRemote &,
                                              Status &, bool &, bool &) {
        return SendPacketNoLock(reply);
      });
  if (program_token_fd < 0)
    return;
  // No process is started before the session; LLDB wants a pid all the
  // same (0 means none), and only ever kills those it spawned.
  SetPendingGdbServer(::getpid(), socket_path.empty() ? port : 0,
                      socket_path.str());
  WrapHandler(StringExtractorGDBRemote::eServerPacketType_qQueryGDBServer,
              [program_token_fd, owed = true](StringExtractorGDBRemote &,
                                              auto answer) mutable {
                if (owed && ::write(program_token_fd, "+", 1) == 1)
                  owed = false;
                return answer();
              });
}

void ControlledPlatform::WaitForSessions() {
  for (;;) {
    {
      std::lock_guard<std::recursive_mutex> guard(m_spawned_pids_mutex);
      if (m_spawned_pids.empty())
        return;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
}

GDBRemoteCommunication::PacketResult
ControlledPlatform::AnswerProcessInfo(StringExtractorGDBRemote &packet) {
  packet.SetFilePos(std::strlen("qProcessInfoPID:"));
  lldb::pid_t pid = packet.GetU32(LLDB_INVALID_PROCESS_ID);
  ProcessInstanceInfo info;
  if (pid == LLDB_INVALID_PROCESS_ID || !Host::GetProcessInfo(pid, info))
    return SendErrorResponse(1);
  if (std::optional<std::string> exe = TargetFiles(pid).ExecutablePathHere())
    info.SetExecutableFile(FileSpec(*exe), false);
  StreamString response;
  CreateProcessInfoResponse(info, response);
  return SendPacketNoLock(response.GetString());
}

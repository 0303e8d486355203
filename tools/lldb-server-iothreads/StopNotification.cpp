//===-- StopNotification.cpp - How the server tells lldb of a stop --------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// LLGS sends its stop reply from a private handler; in all-stop mode this
// server sends its own (StopReply.h) from the same point, after the same
// preparation: the program's pending output, then the current thread. The
// replies to `?` and `vAttach` are ours too.
//
//===----------------------------------------------------------------------===//

#include "IOThreadsLog.h"
#include "IOThreadsServer.h"
#include "StopReply.h"

#include "lldb/Host/common/NativeProcessProtocol.h"

#include <cstring>

using namespace iothreads;
using namespace lldb_private;
using namespace lldb_private::process_gdb_remote;

void IOThreadsServer::ProcessStateChanged(NativeProcessProtocol *process,
                                          lldb::StateType state) {
  if (state == lldb::eStateStopped && OwnsStopReplies())
    ReportStop(*process);
  else
    GDBRemoteCommunicationServerLLGS::ProcessStateChanged(process, state);
}

void IOThreadsServer::ReportStop(NativeProcessProtocol &process) {
  SendFinalOutput();
  SendStopReply(process);
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::Attach(StringExtractorGDBRemote &packet) {
  packet.SetFilePos(std::strlen("vAttach"));
  if (packet.GetChar() != ';')
    return SendIllFormedResponse(packet, "vAttach: ';' expected");
  lldb::pid_t pid = packet.GetU32(LLDB_INVALID_PROCESS_ID, 16);
  if (pid == LLDB_INVALID_PROCESS_ID)
    return SendIllFormedResponse(packet,
                                 "vAttach: a process id in hex expected");
  Status error = AttachToProcess(pid);
  if (error.Fail())
    return SendErrorResponse(error);
  if (!OwnsStopReplies())
    return SendStopReasonForState(*m_current_process,
                                  m_current_process->GetState(),
                                  /*force_synchronous=*/false);
  return SendStopReply(*m_current_process);
}

GDBRemoteCommunication::PacketResult
IOThreadsServer::SendStopReply(NativeProcessProtocol &process) {
  lldb::tid_t tid = process.GetCurrentThreadID();
  SetCurrentThreadID(tid);
  NativeThreadProtocol *thread = process.GetThreadByID(tid);
  // The error numbers are LLGS's for the same failures.
  if (!thread)
    return SendErrorResponse(51);
  StopReplyOptions options;
  options.ListThreads = m_list_threads_in_stop_reply;
  options.Multiprocess = bool(m_extensions_supported &
                              NativeProcessProtocol::Extension::multiprocess);
  std::string reply = WriteStopReply(*thread, options);
  if (reply.empty())
    return SendErrorResponse(42);
  LogStopReplies(*thread, reply);
  return SendPacketNoLock(reply);
}

void IOThreadsServer::LogStopReplies(NativeThreadProtocol &thread,
                                     llvm::StringRef reply) {
  Log *log = GetLog(IOThreadsLog::StopReplies);
  if (!log)
    return;
  LLDB_LOG(log, "stop reply (ours): {0}", reply);
  LLDB_LOG(log, "stop reply (LLGS): {0}",
           PrepareStopReplyPacketForThread(thread).GetString());
}

void IOThreadsServer::SendFinalOutput() {
  char buffer[1024];
  for (;;) {
    lldb::ConnectionStatus status;
    Status error;
    size_t length = m_stdio_communication.Read(
        buffer, sizeof buffer, std::chrono::microseconds(0), status, &error);
    // Anything else means nothing more is waiting, or never will be.
    if (status != lldb::eConnectionStatusSuccess)
      break;
    SendONotification(buffer, length);
  }
  m_stdio_handle_up.reset();
}

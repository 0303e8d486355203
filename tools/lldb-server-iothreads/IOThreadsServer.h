//===-- IOThreadsServer.h - LLGS with this project's extensions -*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// LLDB's own gdb-remote server, plus three qXfer objects this backend adds
// (LLGS's packet parser knows qXfer, so they can be served beside its own),
// and two answers of our own where LLGS's were slow: binary memory reads
// ('x') and jThreadsInfo. LLGS escapes both replies a byte at a time
// through a virtual stream call, which made it the bulk of the time lldb
// takes to read memory. lldb users reach the qXfer objects with
// `process plugin packet send`:
//
//   qXfer:io-uring-topology:read::0,100000
//       the io_uring rings and threads, as JSON (the reply starts with 'l',
//       or 'm' when more follows at the next offset)
//   qXfer:io-thread-policy:write::0:observe    (or :freeze)
//       leave io_uring threads untraced (the default), or seize and stop
//       them with the rest
//   qXfer:restart-syscalls:write::0:on          (or :off)
//       restart a wait our stop made fail with EINTR (the default), or let
//       it fail
//
// It also turns away packets that kill LLGS 19 or start a second process:
// memory reads and writes whose length no buffer can hold (LLGS allocates
// the length it is given before it reads or checks anything), packets the
// read layer could not decode (PacketFraming.h), a launch or attach
// while a process is debugged (LLGS starts the second and loses track of
// the first), and a vCont that resumes no thread (VContCheck.h). In all-stop
// mode it writes the stop replies itself (StopReply.h). It sets hardware
// breakpoints and watchpoints itself too, so that a refusal's reply says why
// (LLGS sends only E09).
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_IOTHREADSSERVER_H
#define LLDB_SERVER_IOTHREADS_IOTHREADSSERVER_H

#include "AccessControls.h"
#include "PacketGuards.h"

#include "NativeProcessIOThreads/Manager.h"

#include "Plugins/Process/gdb-remote/GDBRemoteCommunicationServerLLGS.h"

namespace iothreads {

class IOThreadsServer
    : public PacketGuards<
          lldb_private::process_gdb_remote::GDBRemoteCommunicationServerLLGS> {
public:
  IOThreadsServer(lldb_private::MainLoop &mainloop, ProcessManager &manager);

  /// Refuses what \p controls forbid, as the platform that started this
  /// session does (AccessControls.h).
  void ApplyAccessControls(const AccessControls &controls) {
    Guard(MakePacketRules(controls, ServedBy::DebugSession));
  }

  /// Tells lldb of a stop (in all-stop mode, with our stop reply).
  void ProcessStateChanged(lldb_private::NativeProcessProtocol *process,
                           lldb::StateType state) override;

private:
  /// In all-stop mode; non-stop mode's queued notifications stay LLGS's.
  bool OwnsStopReplies() const { return !m_non_stop && !m_disabling_non_stop; }
  /// Sends the program's last output, then the stop reply.
  void ReportStop(lldb_private::NativeProcessProtocol &process);
  /// The stop reply for \p process's current thread (StopReply.h), which
  /// becomes the thread that register packets address.
  PacketResult SendStopReply(lldb_private::NativeProcessProtocol &process);
  /// Answers `vAttach;PID` as LLGS does, with our stop reply.
  PacketResult Attach(StringExtractorGDBRemote &packet);
  /// Logs \p reply beside LLGS's for the same stop (IOThreadsLog.h).
  void LogStopReplies(lldb_private::NativeThreadProtocol &thread,
                      llvm::StringRef reply);
  /// Sends what the program wrote and lldb has not seen, then stops
  /// forwarding, so that late output cannot interleave with the protocol.
  void SendFinalOutput();
  /// Serves our objects; returns none for LLGS's own.
  std::optional<PacketResult> HandleXfer(llvm::StringRef packet);
  PacketResult SendTopology(llvm::StringRef range);
  PacketResult SetPolicy(llvm::StringRef rest);
  PacketResult SetRestartSyscalls(llvm::StringRef rest);
  /// Answers `xADDR,LENGTH` with the bytes that could be read (a short read
  /// stops at the first unreadable byte), breakpoints hidden.
  PacketResult ReadMemoryBinary(llvm::StringRef arguments);
  /// Answers jThreadsInfo (see ThreadsInfo.h).
  PacketResult SendThreadsInfo();
  /// Answers `mADDR,LENGTH` through LLGS, a long read cut short.
  PacketResult ReadMemoryHex(StringExtractorGDBRemote &packet,
                             lldb_private::Status &error, bool &interrupt,
                             bool &quit);
  /// Answers `MADDR,LENGTH:DATA` through LLGS once LENGTH fits in DATA.
  PacketResult WriteMemoryHex(StringExtractorGDBRemote &packet,
                              lldb_private::Status &error, bool &interrupt,
                              bool &quit);
  /// Refuses the packets that launch or attach while a process is debugged.
  void RegisterLaunchGuards();
  /// Refuses a vCont that would resume no thread (VContCheck.h), and tells
  /// the client when a resume leaves the process in a job-control stop.
  void RegisterResumeChecks();
  /// Serves Z0-Z4 and z0 itself, so that a refusal says why.
  void RegisterBreakpointHandlers();
  /// qSaveCore with a path-hint that is not a path in hex (LLGS would take
  /// it for no hint, or cut it at a NUL) is refused.
  void RegisterSaveCoreCheck();
  PacketResult SetOrRemoveBreakpoint(StringExtractorGDBRemote &packet,
                                     bool set);
  /// Sets a hardware breakpoint (Z1) or watchpoint (Z2-Z4) as LLGS does, but
  /// a refusal's reply carries the backend's reason.
  PacketResult SetDebugRegisterStoppoint(StringExtractorGDBRemote &packet);

  ProcessManager &Manager;
  PacketHandler LLGSReadMemory;
  PacketHandler LLGSWriteMemory;
};

} // namespace iothreads

#endif

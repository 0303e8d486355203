//===-- NativeThreadIOThreads.cpp - One thread of a debugged process ------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "NativeThreadIOThreads.h"
#include "FaultDescription.h"
#include "NativeProcessIOThreads.h"
#include "Ptrace.h"
#include "SyscallRestart.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"
#include "llvm/Support/FormatVariadic.h"

#include <csignal>
#include <utility>

using namespace iothreads;
using namespace lldb_private;

NativeThreadIOThreads::NativeThreadIOThreads(NativeProcessIOThreads &process,
                                             lldb::tid_t tid, TaskInfo info,
                                             bool traced)
    : NativeThreadProtocol(process, tid), Info(std::move(info)), Traced(traced),
      State(tid), NameFile(process.GetID(), tid) {
  SetStopReason(lldb::eStopReasonNone);
}

/// What an io thread does, after its name.
static std::string DescribeIoThread(const TaskInfo &info) {
  if (info.Kind == TaskKind::SqPoller)
    return info.RingFd ? llvm::formatv(" (io_uring SQ poller of ring fd {0})",
                                       *info.RingFd)
                             .str()
                       : " (io_uring SQ poller)";
  return info.Creator
             ? llvm::formatv(" (io_uring worker for thread {0})", *info.Creator)
                   .str()
             : " (io_uring worker)";
}

static ExecutionMode ProcessMode(const NativeProcessProtocol &process) {
  return process.GetArchitecture().GetMachine() == llvm::Triple::x86
             ? ExecutionMode::I386
             : ExecutionMode::X86_64;
}

ExecutionMode NativeThreadIOThreads::GetExecutionMode() {
  if (!Traced || !State.IsStopped())
    return ProcessMode(m_process);
  GetRegisterContext();
  llvm::Expected<uint64_t> cs = Registers->ReadCodeSegment();
  if (cs)
    return ExecutionModeFromCodeSegment(*cs);
  llvm::consumeError(cs.takeError());
  return ProcessMode(m_process);
}

std::string NativeThreadIOThreads::GetName() {
  if (!Name) {
    llvm::Expected<std::string> comm = NameFile.Read();
    // A thread that just exited has no name left; it is about to go.
    if (comm) {
      Name = std::move(*comm);
    } else {
      llvm::consumeError(comm.takeError());
      Name.emplace();
    }
    if (Info.IsIoThread()) {
      *Name += DescribeIoThread(Info);
      // What a hung io thread is blocked in is what its user wants to know;
      // read only for io threads, once per stop.
      std::string channel = ReadTaskWaitChannel(
          static_cast<pid_t>(m_process.GetID()), static_cast<pid_t>(m_tid));
      if (!channel.empty())
        *Name += " in " + channel;
    } else {
      // lldb decodes a process's code one way; a thread in the other mode
      // says so, so the user can pick the right disassembler.
      ExecutionMode mode = GetExecutionMode();
      if (mode != ProcessMode(m_process))
        *Name += llvm::formatv(" ({0} mode)", ExecutionModeName(mode)).str();
    }
  }
  return *Name;
}

lldb::StateType NativeThreadIOThreads::GetState() {
  // An observed thread is never held; to lldb it is where the process is.
  if (!Traced)
    return m_process.IsRunning() ? lldb::eStateRunning : lldb::eStateStopped;
  switch (State.GetPhase()) {
  case TraceeState::Phase::Running:
  case TraceeState::Phase::Listening:
    return lldb::eStateRunning;
  case TraceeState::Phase::Stepping:
    return lldb::eStateStepping;
  case TraceeState::Phase::Stopped:
    return lldb::eStateStopped;
  case TraceeState::Phase::Exited:
    return lldb::eStateExited;
  }
  llvm_unreachable("unknown phase");
}

NativeRegisterContext &NativeThreadIOThreads::GetRegisterContext() {
  if (!Registers)
    Registers = std::make_unique<RegisterContextX86>(
        *this, m_process.GetArchitecture(), Traced);
  return *Registers;
}

bool NativeThreadIOThreads::GetStopReason(ThreadStopInfo &stop_info,
                                          std::string &description) {
  if (GetState() != lldb::eStateStopped)
    return false;
  stop_info = StopInfo;
  description = StopDescription;
  return true;
}

void NativeThreadIOThreads::SetSignalStopReason(int signo) {
  std::string description;
  // Only a fault is worth the system call: lldb names other signals itself.
  if (IsFaultSignal(signo)) {
    if (llvm::Expected<siginfo_t> info = ptrace::GetSignalInfo(m_tid))
      description = DescribeFault(*info);
    else
      LLDB_LOG_ERROR(GetLog(LLDBLog::Thread), info.takeError(),
                     "cannot read the signal's siginfo: {0}");
  }
  SetStopReason(lldb::eStopReasonSignal, signo, std::move(description));
}

void NativeThreadIOThreads::SetForkStopReason(bool vfork, lldb::pid_t child) {
  // lldb 19 learns the child of a fork on any thread but the one the stop
  // reply names only from "<pid> <tid>" in the description; the new
  // process's only thread has its id.
  SetStopReason(vfork ? lldb::eStopReasonVFork : lldb::eStopReasonFork, SIGTRAP,
                llvm::formatv("{0} {0}", child).str());
  StopInfo.details.fork.child_pid = child;
  StopInfo.details.fork.child_tid = child;
}

void NativeThreadIOThreads::SetHaltedByRequest() {
  SetStopReason(lldb::eStopReasonSignal, SIGSTOP);
  HaltedByRequest = true;
}

void NativeThreadIOThreads::SetStopReason(lldb::StopReason reason, int signo,
                                          std::string description) {
  HaltedByRequest = false;
  StopInfo = {};
  StopInfo.reason = reason;
  StopInfo.signo = signo;
  StopDescription = std::move(description);
}

void NativeThreadIOThreads::LeaveStop() {
  bool leaving_birth = std::exchange(AtBirth, false);
  if (!leaving_birth && Traced && State.IsInterruptStopped() &&
      static_cast<NativeProcessIOThreads &>(m_process).RestartsSyscalls())
    RestartInterruptedWait();
  SetStopReason(lldb::eStopReasonNone);
  Name.reset();
  if (Registers)
    Registers->ForgetStop();
}

void NativeThreadIOThreads::RestartInterruptedWait() {
  GetRegisterContext();
  // lldb moved the thread (an expression call, a register edit): a restart
  // would back up a pc that no longer points after the call.
  if (Registers->GeneralRegistersWritten())
    return;
  Log *log = GetLog(LLDBLog::Process | LLDBLog::Thread);
  // lldb reads every thread's registers at a stop (jThreadsInfo), so this
  // usually costs no system call; only a wait that failed costs more.
  llvm::Expected<user_regs_struct> regs = Registers->ReadGeneralRegisters();
  if (!regs) {
    LLDB_LOG_ERROR(log, regs.takeError(),
                   "cannot read registers to restart a wait: {0}");
    return;
  }
  std::optional<llvm::StringRef> wait = InterruptedWait(
      DecodeSyscallRegisters(*regs, ExecutionModeFromCodeSegment(regs->cs)));
  if (!wait)
    return;
  llvm::Expected<TaskSignals> signals =
      ReadTaskSignals(m_process.GetID(), m_tid);
  if (!signals) {
    LLDB_LOG_ERROR(log, signals.takeError(),
                   "cannot read pending signals to restart a wait: {0}");
    return;
  }
  if (SignalWillInterrupt(*signals)) {
    LLDB_LOG(log, "tid {0}: {1} keeps its EINTR: a signal is pending", m_tid,
             *wait);
    return;
  }
  if (llvm::Error error = Registers->WriteSyscallResult(RestartUnlessHandled)) {
    LLDB_LOG_ERROR(log, std::move(error), "cannot restart {1}: {0}", *wait);
    return;
  }
  LLDB_LOG(log,
           "tid {0}: {1} failed with EINTR only because we stopped "
           "the thread; it restarts",
           m_tid, *wait);
}

llvm::Error NativeThreadIOThreads::CheckSteppable() const {
  if (!Info.IsIoThread())
    return llvm::Error::success();
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "thread %" PRIu64 " is %s: it never runs user code, so it cannot be "
      "stepped; select a program thread (thread select) to step",
      m_tid,
      Info.Kind == TaskKind::SqPoller ? "an io_uring SQ poller"
                                      : "an io_uring worker");
}

llvm::Error NativeThreadIOThreads::Resume(ResumeKind kind, int signo) {
  LeaveStop();
  if (!Traced)
    return llvm::Error::success();
  return State.Resume(kind, signo);
}

Status NativeThreadIOThreads::ClaimSlot(lldb::addr_t addr, size_t size,
                                        DebugRegisterSlots::Use kind) {
  // An observed io thread never runs user code, so nothing can trigger there.
  if (!Traced)
    return Status();
  llvm::Expected<unsigned> slot =
      Slots.Claim(addr, static_cast<unsigned>(size), kind);
  if (!slot)
    return Status(slot.takeError());
  if (llvm::Error error = WriteDebugRegisters()) {
    Slots.Release(*slot);
    return Status(std::move(error));
  }
  return Status();
}

Status NativeThreadIOThreads::ReleaseSlot(lldb::addr_t addr, bool execute) {
  if (!Traced)
    return Status();
  std::optional<unsigned> slot = Slots.Find(addr, execute);
  if (!slot)
    return Status("thread %" PRIu64 " has no hardware %s at 0x%" PRIx64, m_tid,
                  execute ? "breakpoint" : "watchpoint", addr);
  Slots.Release(*slot);
  return Status(WriteDebugRegisters());
}

Status NativeThreadIOThreads::SetWatchpoint(lldb::addr_t addr, size_t size,
                                            uint32_t watch_flags, bool) {
  // lldb's flags: 1 write, 2 read, 3 both. x86 cannot watch reads alone, so a
  // read watchpoint triggers on writes too and lldb filters those out.
  if (watch_flags == 0 || watch_flags > 3)
    return Status("watchpoint kind %u is neither read nor write", watch_flags);
  return ClaimSlot(addr, size,
                   watch_flags == 1 ? DebugRegisterSlots::Use::Write
                                    : DebugRegisterSlots::Use::ReadWrite);
}

Status NativeThreadIOThreads::RemoveWatchpoint(lldb::addr_t addr) {
  return ReleaseSlot(addr, /*execute=*/false);
}

Status NativeThreadIOThreads::SetHardwareBreakpoint(lldb::addr_t addr, size_t) {
  // lldb gives the size of the trap it would write; the debug register
  // breaks on the instruction's first byte whatever its length.
  return ClaimSlot(addr, 1, DebugRegisterSlots::Use::Execute);
}

Status NativeThreadIOThreads::RemoveHardwareBreakpoint(lldb::addr_t addr) {
  return ReleaseSlot(addr, /*execute=*/true);
}

llvm::Error NativeThreadIOThreads::WriteDebugRegisters() {
  if (!State.IsStopped()) {
    DebugRegistersPending = true;
    return llvm::Error::success();
  }
  DebugRegistersPending = false;
  // Disarm first: the kernel checks each armed slot against its address.
  if (llvm::Error error = ptrace::WriteDebugRegister(m_tid, 7, 0))
    return error;
  for (unsigned index = 0; index < DebugRegisterSlots::Count; ++index) {
    const DebugRegisterSlots::Slot &slot = Slots.Get(index);
    if (slot.InUse)
      if (llvm::Error error =
              ptrace::WriteDebugRegister(m_tid, index, slot.Address))
        return error;
  }
  return ptrace::WriteDebugRegister(m_tid, 7, Slots.ControlWord());
}

void NativeThreadIOThreads::ApplyPendingDebugRegisters() {
  if (!DebugRegistersPending || !State.IsStopped())
    return;
  if (llvm::Error error = WriteDebugRegisters())
    LLDB_LOG_ERROR(GetLog(LLDBLog::Thread), std::move(error),
                   "cannot set the debug registers: {0}");
}

std::optional<unsigned> NativeThreadIOThreads::TakeTriggeredSlot() {
  if (Slots.Empty())
    return std::nullopt;
  llvm::Expected<uint64_t> status = ptrace::ReadDebugRegister(m_tid, 6);
  if (!status) {
    LLDB_LOG_ERROR(GetLog(LLDBLog::Thread), status.takeError(),
                   "cannot read the debug status: {0}");
    return std::nullopt;
  }
  llvm::consumeError(ptrace::WriteDebugRegister(m_tid, 6, 0));
  std::optional<unsigned> slot = DebugRegisterSlots::TriggeredSlot(*status);
  if (slot && !Slots.Get(*slot).InUse)
    return std::nullopt;
  return slot;
}

llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
NativeThreadIOThreads::GetSiginfo() const {
  if (State.GetPendingSignal() == 0)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "thread %" PRIu64 " is not stopped by a signal", m_tid);
  llvm::Expected<siginfo_t> info = ptrace::GetSignalInfo(m_tid);
  if (!info)
    return info.takeError();
  return llvm::MemoryBuffer::getMemBufferCopy(
      llvm::StringRef(reinterpret_cast<const char *>(&*info), sizeof(*info)));
}

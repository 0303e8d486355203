//===-- NativeThreadIOThreads.cpp - One thread of a debugged process ------===//

#include "NativeThreadIOThreads.h"
#include "NativeProcessIOThreads.h"
#include "Ptrace.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace iothreads;
using namespace lldb_private;

NativeThreadIOThreads::NativeThreadIOThreads(NativeProcessIOThreads &process,
                                             lldb::tid_t tid)
    : NativeThreadProtocol(process, tid), State(tid) {
  SetStopReason(lldb::eStopReasonNone);
}

std::string NativeThreadIOThreads::GetName() {
  if (!Name) {
    auto comm = llvm::MemoryBuffer::getFileAsStream(
        llvm::formatv("/proc/{0}/task/{1}/comm", m_process.GetID(), m_tid));
    // A thread that just exited has no name left; it is about to go.
    Name = comm ? (*comm)->getBuffer().rtrim('\n').str() : std::string();
  }
  return *Name;
}

lldb::StateType NativeThreadIOThreads::GetState() {
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
        *this, m_process.GetArchitecture());
  return *Registers;
}

bool NativeThreadIOThreads::GetStopReason(ThreadStopInfo &stop_info,
                                          std::string &description) {
  if (!State.IsStopped())
    return false;
  stop_info = StopInfo;
  description = StopDescription;
  return true;
}

void NativeThreadIOThreads::SetStopReason(lldb::StopReason reason, int signo,
                                          std::string description) {
  StopInfo = {};
  StopInfo.reason = reason;
  StopInfo.signo = signo;
  StopDescription = std::move(description);
}

void NativeThreadIOThreads::ForgetStop() {
  SetStopReason(lldb::eStopReasonNone);
  Name.reset();
  if (Registers)
    Registers->InvalidateCache();
}

llvm::Error NativeThreadIOThreads::Resume(ResumeKind kind, int signo) {
  ForgetStop();
  return State.Resume(kind, signo);
}

static Status NotSupportedYet(const char *what) {
  return Status("%s are not supported by this server yet", what);
}

Status NativeThreadIOThreads::SetWatchpoint(lldb::addr_t, size_t, uint32_t,
                                            bool) {
  return NotSupportedYet("watchpoints");
}

Status NativeThreadIOThreads::RemoveWatchpoint(lldb::addr_t) {
  return NotSupportedYet("watchpoints");
}

Status NativeThreadIOThreads::SetHardwareBreakpoint(lldb::addr_t, size_t) {
  return NotSupportedYet("hardware breakpoints");
}

Status NativeThreadIOThreads::RemoveHardwareBreakpoint(lldb::addr_t) {
  return NotSupportedYet("hardware breakpoints");
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

//===-- NativeThreadIOThreads.cpp - One thread of a debugged process ------===//

#include "NativeThreadIOThreads.h"
#include "NativeProcessIOThreads.h"
#include "Ptrace.h"

#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

using namespace iothreads;
using namespace lldb_private;

NativeThreadIOThreads::NativeThreadIOThreads(NativeProcessIOThreads &process,
                                             lldb::tid_t tid, TaskInfo info,
                                             bool traced)
    : NativeThreadProtocol(process, tid), Info(std::move(info)), Traced(traced),
      State(tid) {
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

std::string NativeThreadIOThreads::GetName() {
  if (!Name) {
    auto comm = llvm::MemoryBuffer::getFileAsStream(
        llvm::formatv("/proc/{0}/task/{1}/comm", m_process.GetID(), m_tid));
    // A thread that just exited has no name left; it is about to go.
    Name = comm ? (*comm)->getBuffer().rtrim('\n').str() : std::string();
    if (Info.IsIoThread())
      *Name += DescribeIoThread(Info);
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
  ForgetStop();
  if (!Traced)
    return llvm::Error::success();
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

//===-- NativeProcessIOThreads.cpp - A process debugged through ptrace ----===//

#include "NativeProcessIOThreads.h"
#include "InferiorLauncher.h"
#include "InferiorSyscall.h"
#include "NativeProcessIOThreads/ExecutionMode.h"
#include "NativeProcessIOThreads/Manager.h"
#include "NativeProcessIOThreads/Procfs.h"
#include "NativeProcessIOThreads/TaskInfo.h"
#include "ProcessArchitecture.h"
#include "Ptrace.h"

#include "Plugins/Process/Utility/LinuxProcMaps.h"
#include "lldb/Host/ProcessLaunchInfo.h"
#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/FormatVariadic.h"
#include "llvm/Support/MemoryBuffer.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fstream>
#include <sys/mman.h>
#include <unistd.h>

using namespace iothreads;
using namespace lldb_private;

namespace {

Log *ProcessLog() { return GetLog(LLDBLog::Process); }

/// Every thread of ours is a NativeThreadIOThreads.
NativeThreadIOThreads &
Ours(const std::unique_ptr<NativeThreadProtocol> &thread) {
  return static_cast<NativeThreadIOThreads &>(*thread);
}

llvm::Error AttachError(pid_t pid, const llvm::Twine &why) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      ("cannot attach to process " + llvm::Twine(pid) + ": " + why).str());
}

/// Says why PTRACE_SEIZE of thread \p tid was refused in words a user can
/// act on.
std::string ExplainSeizeRefusal(pid_t pid, pid_t tid, int error) {
  if (error != EPERM)
    return std::strerror(error);
  std::optional<pid_t> tracer = ReadTracerPid(pid, tid);
  if (tracer && *tracer != 0)
    return llvm::formatv("it is already traced by process {0}", *tracer).str();
  std::string scope;
  std::ifstream("/proc/sys/kernel/yama/ptrace_scope") >> scope;
  return llvm::formatv(
             "operation not permitted (run as the process's owner with "
             "/proc/sys/kernel/yama/ptrace_scope at 0 or 1, it is '{0}', or "
             "with CAP_SYS_PTRACE)",
             scope.empty() ? "absent" : scope)
      .str();
}

/// Seizes a thread and waits until PTRACE_INTERRUPT has stopped it.
llvm::Error SeizeAndStop(pid_t tid) {
  if (llvm::Error error = ptrace::Seize(tid, ptrace::DefaultOptions()))
    return error;
  if (llvm::Error error = ptrace::Interrupt(tid))
    return error;
  for (;;) {
    llvm::Expected<WaitEvent> waited = WaitEvent::WaitFor(tid);
    if (!waited)
      return waited.takeError();
    WaitEvent event = *waited;
    if (!event.IsStop())
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "thread %d ended", tid);
    if (event.EventKind == WaitEvent::Kind::InterruptStop ||
        event.EventKind == WaitEvent::Kind::GroupStop)
      return llvm::Error::success();
    // Another stop came first and used up the interrupt; let it go on (with
    // its signal) and ask again.
    int signo =
        event.EventKind == WaitEvent::Kind::SignalStop ? event.Value : 0;
    if (llvm::Error error = ptrace::Continue(tid, signo))
      return error;
    if (llvm::Error error = ptrace::Interrupt(tid))
      return error;
  }
}

/// What a refused PTRACE_SEIZE of one thread means for an attach.
enum class SeizeRefusal {
  /// The thread is exiting or gone (the kernel refuses a task that has an
  /// exit state with EPERM, one already released with ESRCH), or it is ours
  /// already: the kernel attached it to us when a thread we had seized
  /// created it, and that thread's clone event brings it in.
  Skip,
  /// The leader has ended with pthread_exit and stays a zombie while the
  /// other threads run.
  ZombieLeader,
  /// The process cannot be traced by us.
  Fatal,
};

SeizeRefusal ClassifySeizeRefusal(pid_t pid, pid_t tid, int error) {
  if (error != EPERM && error != ESRCH)
    return SeizeRefusal::Fatal;
  bool leader = tid == pid;
  llvm::Expected<TaskStat> stat = ReadTaskStat(pid, tid);
  if (!stat) {
    llvm::consumeError(stat.takeError());
    return leader ? SeizeRefusal::Fatal : SeizeRefusal::Skip;
  }
  if (stat->State == 'Z' || stat->State == 'X')
    return leader ? SeizeRefusal::ZombieLeader : SeizeRefusal::Skip;
  if (error == ESRCH)
    return leader ? SeizeRefusal::Fatal : SeizeRefusal::Skip;
  std::optional<pid_t> tracer = ReadTracerPid(pid, tid);
  if (!leader && tracer && *tracer == ::getpid())
    return SeizeRefusal::Skip;
  return SeizeRefusal::Fatal;
}

/// The threads an attach has seized and interrupted, and what else it found.
struct AttachedThreads {
  std::vector<pid_t> Seized;
  /// io_uring threads; they are among the seized only when frozen.
  std::vector<TaskStat> IoThreads;
  /// The kernel refuses to seize a zombie leader.
  bool ZombieLeader = false;
};

/// Lets the threads seized by an attach that failed go again.
void ReleaseSeized(llvm::ArrayRef<pid_t> seized) {
  for (pid_t tid : seized) {
    llvm::Expected<WaitEvent> stop = WaitEvent::WaitFor(tid);
    if (stop && stop->IsStop())
      llvm::consumeError(ptrace::Detach(tid, 0));
    else if (!stop)
      llvm::consumeError(stop.takeError());
  }
}

/// Seizes and interrupts every thread of \p pid listed in \p tids before
/// waiting for any, so busy threads stop together, and rescans until no
/// thread appeared behind our back. io_uring threads are only observed
/// unless \p freeze_io.
llvm::Expected<AttachedThreads> SeizeThreads(pid_t pid, std::vector<pid_t> tids,
                                             bool freeze_io) {
  AttachedThreads found;
  llvm::DenseSet<pid_t> known;
  for (bool found_new = true; found_new;) {
    found_new = false;
    for (pid_t tid : tids) {
      if (!known.insert(tid).second)
        continue;
      found_new = true;
      llvm::Expected<TaskStat> stat = ReadTaskStat(pid, tid);
      if (!stat) {
        llvm::consumeError(stat.takeError());
      } else if (stat->Flags & IoWorkerTaskFlag) {
        found.IoThreads.push_back(*stat);
        if (!freeze_io)
          continue;
      }
      llvm::Error error = ptrace::Seize(tid, ptrace::DefaultOptions());
      if (!error) {
        found.Seized.push_back(tid);
        llvm::consumeError(ptrace::Interrupt(tid));
        continue;
      }
      int code = llvm::errorToErrorCode(std::move(error)).value();
      SeizeRefusal refusal = ClassifySeizeRefusal(pid, tid, code);
      if (refusal == SeizeRefusal::ZombieLeader)
        found.ZombieLeader = true;
      if (refusal != SeizeRefusal::Fatal)
        continue;
      ReleaseSeized(found.Seized);
      return AttachError(pid, ExplainSeizeRefusal(pid, tid, code));
    }
    llvm::Expected<std::vector<pid_t>> listed = ListTasks(pid);
    if (!listed) {
      llvm::consumeError(listed.takeError());
      break;
    }
    tids = std::move(*listed);
  }
  return found;
}

} // namespace

NativeProcessIOThreads::NativeProcessIOThreads(pid_t pid, int terminal_fd,
                                               NativeDelegate &delegate,
                                               ProcessManager &manager,
                                               const ArchSpec &arch,
                                               bool launched)
    : NativeProcessELF(pid, terminal_fd, delegate), Manager(manager),
      Arch(arch), Memory(pid), Launched(launched) {
  Manager.Register(*this);
}

NativeProcessIOThreads::~NativeProcessIOThreads() {
  Manager.Unregister(*this);
  if (!ThreadsByTid.empty() && IsAlive()) {
    // The session ended without saying what to do: a program we started
    // goes with it, one we attached to is left running on its own.
    if (Launched)
      ::kill(GetID(), SIGKILL);
    else
      Detach();
  }
}

llvm::Expected<std::unique_ptr<NativeProcessIOThreads>>
NativeProcessIOThreads::Launch(ProcessLaunchInfo &info,
                               NativeDelegate &delegate,
                               ProcessManager &manager) {
  llvm::Expected<LaunchedInferior> launched = LaunchTraced(info);
  if (!launched)
    return launched.takeError();
  llvm::Expected<ArchSpec> arch = ReadProcessArchitecture(launched->Pid);
  if (!arch) {
    ::kill(launched->Pid, SIGKILL);
    return arch.takeError();
  }
  std::unique_ptr<NativeProcessIOThreads> process(
      new NativeProcessIOThreads(launched->Pid, launched->TerminalFd, delegate,
                                 manager, *arch, /*launched=*/true));
  NativeThreadIOThreads &thread = process->AddThread(launched->Pid);
  thread.Tracee().SetStopped(0);
  process->SetCurrentThreadID(thread.GetID());
  process->SetState(lldb::eStateStopped, false);
  return process;
}

llvm::Expected<std::unique_ptr<NativeProcessIOThreads>>
NativeProcessIOThreads::Attach(pid_t pid, NativeDelegate &delegate,
                               ProcessManager &manager) {
  if (pid <= 0)
    return AttachError(pid, "that is not a process id");
  if (pid == ::getpid())
    return AttachError(pid, "that is this debug server");
  llvm::Expected<std::vector<pid_t>> tids = ListTasks(pid);
  if (!tids) {
    llvm::consumeError(tids.takeError());
    return AttachError(pid, "no such process");
  }
  llvm::Expected<ArchSpec> arch = ReadProcessArchitecture(pid);
  if (!arch)
    return AttachError(pid, llvm::toString(arch.takeError()));
  llvm::Expected<AttachedThreads> found =
      SeizeThreads(pid, std::move(*tids),
                   manager.GetIoThreadPolicy() == IoThreadPolicy::Freeze);
  if (!found)
    return found.takeError();

  std::unique_ptr<NativeProcessIOThreads> process(new NativeProcessIOThreads(
      pid, -1, delegate, manager, *arch, /*launched=*/false));
  process->AddAttachedThreads(found->Seized, found->IoThreads);
  if (llvm::Error error = process->WaitForAttachStops(found->Seized))
    return std::move(error);
  pid_t current = pid;
  if (found->ZombieLeader) {
    // As when the leader exits while traced: the process goes on without
    // it, and its address space is reached through a live thread.
    auto live = llvm::find_if(process->m_threads, [](const auto &thread) {
      return Ours(thread).IsTraced() && !Ours(thread).IsIoThread();
    });
    if (live != process->m_threads.end()) {
      current = (*live)->GetID();
      process->Memory.ReachThrough(current);
    }
    process->LeaderExited = true;
    process->LeaderTraced = false;
  }
  if (!process->FindThread(current))
    return AttachError(pid, "the process exited while being attached");
  process->SetCurrentThreadID(current);
  process->SetState(lldb::eStateStopped, false);
  return process;
}

void NativeProcessIOThreads::AddAttachedThreads(
    llvm::ArrayRef<pid_t> seized, llvm::ArrayRef<TaskStat> io_threads) {
  std::vector<IoUringRing> rings;
  if (!io_threads.empty()) {
    if (auto listed = ListIoUringRings(GetID()))
      rings = std::move(*listed);
    else
      llvm::consumeError(listed.takeError());
  }
  llvm::DenseMap<pid_t, TaskInfo> io_infos;
  for (const TaskStat &stat : io_threads)
    io_infos[stat.Tid] = ClassifyTask(stat, rings);
  for (pid_t tid : seized) {
    auto io = io_infos.find(tid);
    if (io == io_infos.end())
      AddThread(tid);
    else
      AddThread(tid, io->second, /*traced=*/true);
  }
  if (Manager.GetIoThreadPolicy() != IoThreadPolicy::Freeze)
    for (const auto &io : io_infos)
      AddThread(io.first, io.second, /*traced=*/false);
}

llvm::Error
NativeProcessIOThreads::WaitForAttachStops(std::vector<pid_t> &seized) {
  // Every thread now owes us one stop. Other events (a clone in flight, a
  // signal already pending) go through the ordinary dispatch.
  BeginAllStop(std::nullopt);
  pid_t pid = GetID();
  for (size_t i = 0; i < seized.size(); ++i) {
    pid_t tid = seized[i];
    NativeThreadIOThreads *thread = FindThread(tid);
    while (thread && !thread->Tracee().IsStopped()) {
      llvm::Expected<WaitEvent> waited = WaitEvent::WaitFor(tid);
      if (!waited) {
        llvm::consumeError(waited.takeError());
        RemoveThread(tid);
        break;
      }
      WaitEvent event = *waited;
      if (!event.IsStop()) {
        RemoveThread(tid);
        if (tid == pid)
          return AttachError(pid, "the process exited while being attached");
        break;
      }
      if (event.EventKind == WaitEvent::Kind::Clone) {
        llvm::Expected<unsigned long> child = ptrace::GetEventMessage(tid);
        if (child) {
          AddThread(*child).ExpectBirthStop();
          seized.push_back(*child);
        } else {
          llvm::consumeError(child.takeError());
        }
        thread->Tracee().OnEvent(event, /*process_stopping=*/true, false);
        ResumeOrLog(*thread, thread->Tracee().ResumeAgain());
        continue;
      }
      TraceeState::Reaction reaction =
          thread->Tracee().OnEvent(event, /*process_stopping=*/true, false);
      if (reaction == TraceeState::Reaction::Report &&
          event.EventKind == WaitEvent::Kind::SignalStop)
        thread->SetStopReason(lldb::eStopReasonSignal, event.Value);
    }
  }
  Stopping = false;
  return llvm::Error::success();
}

NativeThreadIOThreads &NativeProcessIOThreads::AddThread(pid_t tid) {
  TaskInfo info;
  info.Tid = tid;
  return AddThread(tid, std::move(info), /*traced=*/true);
}

NativeThreadIOThreads &
NativeProcessIOThreads::AddThread(pid_t tid, TaskInfo info, bool traced) {
  std::lock_guard<std::recursive_mutex> guard(m_threads_mutex);
  auto thread = std::make_unique<NativeThreadIOThreads>(
      *this, tid, std::move(info), traced);
  NativeThreadIOThreads &result = *thread;
  m_threads.push_back(std::move(thread));
  ThreadsByTid[tid] = &result;
  return result;
}

void NativeProcessIOThreads::ForgetAllThreads() {
  std::lock_guard<std::recursive_mutex> guard(m_threads_mutex);
  ThreadsByTid.clear();
  Manager.DestroySoon(std::move(m_threads));
  m_threads.clear();
  StoppedPrefix = 0;
}

void NativeProcessIOThreads::RemoveThread(pid_t tid) {
  std::lock_guard<std::recursive_mutex> guard(m_threads_mutex);
  if (!ThreadsByTid.erase(tid))
    return;
  llvm::erase_if(m_threads, [tid](const auto &thread) {
    return thread->GetID() == static_cast<lldb::tid_t>(tid);
  });
  StoppedPrefix = 0;
}

NativeThreadIOThreads *NativeProcessIOThreads::FindThread(pid_t tid) const {
  auto it = ThreadsByTid.find(tid);
  return it == ThreadsByTid.end() ? nullptr : it->second;
}

size_t NativeProcessIOThreads::UpdateThreads() { return m_threads.size(); }

void NativeProcessIOThreads::AppendAwaitedStops(
    std::vector<pid_t> &awaited) const {
  if (!Stopping)
    return;
  for (size_t i = StoppedPrefix; i < m_threads.size(); ++i) {
    const NativeThreadIOThreads &ours = Ours(m_threads[i]);
    if (ours.IsTraced() && !ours.Tracee().IsStopped())
      awaited.push_back(ours.GetID());
  }
}

void NativeProcessIOThreads::HandleWaitStatus(pid_t tid, int status) {
  WaitEvent event = WaitEvent::Decode(status);
  LLDB_LOG(ProcessLog(), "pid {0} tid {1}: {2}", GetID(), tid, event);
  NativeThreadIOThreads *thread = FindThread(tid);
  if (!thread) {
    // A leader that exited early left the thread list. Its id comes back
    // when another thread execs (that thread takes it over) or when the
    // whole process has ended.
    if (tid != static_cast<pid_t>(GetID()))
      return;
    if (event.EventKind == WaitEvent::Kind::Exec)
      OnExec();
    else if (!event.IsStop())
      OnThreadGone(tid, status);
    return;
  }

  bool passes = event.EventKind == WaitEvent::Kind::SignalStop &&
                m_signals_to_ignore.contains(event.Value);
  using Reaction = TraceeState::Reaction;
  Reaction reaction = thread->Tracee().OnEvent(event, Stopping, passes);
  thread->ApplyPendingDebugRegisters();
  switch (reaction) {
  case Reaction::Report:
    OnStopWithReason(*thread, event);
    return;
  case Reaction::Parked:
    if (IsTrapQueued(*thread)) {
      TakeQueuedTrap(*thread);
      return;
    }
    FinishStopIfComplete();
    return;
  case Reaction::ResumeAgain:
    ResumeSilently(*thread);
    return;
  case Reaction::Listen:
    ResumeOrLog(*thread, thread->Tracee().Listen());
    return;
  case Reaction::PassSignal:
    thread->LeaveStop();
    ResumeOrLog(*thread, thread->Tracee().PassSignal());
    return;
  case Reaction::ProcessEvent:
    OnProcessEvent(*thread, event);
    return;
  case Reaction::Gone:
    OnThreadGone(tid, status);
    return;
  }
}

bool NativeProcessIOThreads::IsTrapQueued(NativeThreadIOThreads &thread) {
  // Only a thread that may have trapped is asked, which saves a system call
  // per thread per stop: one that was stepping, that has debug registers
  // armed, or whose pc is just past one of our breakpoints.
  bool may_have_trapped =
      thread.Tracee().WasStepping() || !thread.GetDebugRegisterSlots().Empty();
  if (!may_have_trapped && !m_software_breakpoints.empty())
    may_have_trapped = m_software_breakpoints.count(
        thread.GetRegisterContext().GetPC() - GetSoftwareBreakpointPCOffset());
  if (!may_have_trapped)
    return false;
  llvm::Expected<std::optional<siginfo_t>> trap =
      ptrace::PeekQueuedSignal(thread.GetID(), SIGTRAP);
  if (!trap) {
    LLDB_LOG_ERROR(ProcessLog(), trap.takeError(),
                   "cannot look for a queued trap: {0}");
    return false;
  }
  // Only a trap the kernel raised is certain to be taken at once: it is
  // forced through any blocking. One a program sent itself may be blocked.
  return *trap && (*trap)->si_code > 0;
}

void NativeProcessIOThreads::TakeQueuedTrap(NativeThreadIOThreads &thread) {
  // Resumed without a new interrupt, the thread dequeues the trap before it
  // runs any code, and stops for it; that stop is classified as any other.
  thread.LeaveStop();
  StoppedPrefix = 0;
  if (llvm::Error error = thread.Tracee().Resume(ResumeKind::Continue, 0)) {
    LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                   "cannot let a thread take its trap: {0}");
    FinishStopIfComplete();
  }
}

void NativeProcessIOThreads::ResumeOrLog(NativeThreadIOThreads &thread,
                                         llvm::Error error) {
  // A thread that cannot be resumed is being killed; its exit status is on
  // its way and will remove it.
  if (error) {
    LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                   "pid {1} tid {2}: resume failed: {0}", GetID(),
                   thread.GetID());
    return;
  }
  // Any ptrace-stop clears a pending PTRACE_INTERRUPT, so a thread resumed
  // from an event or a passed signal during an all-stop must be asked again.
  if (!Stopping)
    return;
  StoppedPrefix = 0;
  if (llvm::Error error = thread.Tracee().RequestStop())
    LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                   "cannot interrupt thread again: {0}");
}

void NativeProcessIOThreads::ResumeSilently(NativeThreadIOThreads &thread) {
  thread.LeaveStop();
  ResumeOrLog(thread, thread.Tracee().ResumeAgain());
}

void NativeProcessIOThreads::OnStopWithReason(NativeThreadIOThreads &thread,
                                              const WaitEvent &event) {
  if (event.EventKind == WaitEvent::Kind::SignalStop && event.Value == SIGTRAP)
    ClassifyTrap(thread);
  else if (event.EventKind == WaitEvent::Kind::SignalStop)
    thread.SetSignalStopReason(event.Value);
  else
    thread.SetStopReason(lldb::eStopReasonSignal, 0,
                         llvm::formatv("unexpected stop {0:x}", event.Value));

  ReportThreadStop(thread);
}

void NativeProcessIOThreads::ClassifyTrap(NativeThreadIOThreads &thread) {
  llvm::Expected<siginfo_t> info = ptrace::GetSignalInfo(thread.GetID());
  int code = info ? info->si_code : SI_USER;
  if (!info)
    llvm::consumeError(info.takeError());

  switch (code) {
  case SI_KERNEL:
  case TRAP_BRKPT: {
    lldb::addr_t pc = thread.GetRegisterContext().GetPC();
    if (m_software_breakpoints.count(pc - GetSoftwareBreakpointPCOffset())) {
      FixupBreakpointPCAsNeeded(thread);
      thread.Tracee().DiscardPendingSignal();
      thread.SetStopReason(lldb::eStopReasonBreakpoint, SIGTRAP);
      return;
    }
    break;
  }
  case TRAP_TRACE:
  case TRAP_HWBKPT:
    thread.Tracee().DiscardPendingSignal();
    // A step can trigger a watchpoint too; the watchpoint is what matters.
    if (std::optional<unsigned> slot = thread.TakeTriggeredSlot()) {
      const DebugRegisterSlots::Slot &hit =
          thread.GetDebugRegisterSlots().Get(*slot);
      if (hit.Kind == DebugRegisterSlots::Use::Execute) {
        thread.SetStopReason(lldb::eStopReasonBreakpoint, SIGTRAP);
        return;
      }
      // lldb reads "watched-address slot hit-address" from the description;
      // x86 reports the slot, not the byte accessed.
      thread.SetStopReason(
          lldb::eStopReasonWatchpoint, SIGTRAP,
          llvm::formatv("{0} {1} {0}", hit.Address, *slot).str());
      return;
    }
    thread.SetStopReason(lldb::eStopReasonTrace, SIGTRAP);
    return;
  default:
    break;
  }
  // A SIGTRAP of the program's own (its int3, a kill): it gets it back.
  thread.SetStopReason(lldb::eStopReasonSignal, SIGTRAP);
}

/// True when /proc lists \p tid among the tasks of process \p pid.
static bool IsThreadOf(lldb::pid_t pid, unsigned long tid) {
  std::string path = llvm::formatv("/proc/{0}/task/{1}", pid, tid);
  return ::access(path.c_str(), F_OK) == 0;
}

void NativeProcessIOThreads::OnProcessEvent(NativeThreadIOThreads &thread,
                                            const WaitEvent &event) {
  switch (event.EventKind) {
  case WaitEvent::Kind::Clone: {
    llvm::Expected<unsigned long> child =
        ptrace::GetEventMessage(thread.GetID());
    if (!child) {
      LLDB_LOG_ERROR(ProcessLog(), child.takeError(),
                     "cannot learn the new thread's id: {0}");
    } else if (!IsThreadOf(GetID(), *child)) {
      // A clone() without CLONE_THREAD made a process; the kernel reports
      // it as a clone, not a fork, when its exit signal is not SIGCHLD.
      OnFork(thread, /*vfork=*/false);
      return;
    } else {
      pid_t tid = static_cast<pid_t>(*child);
      if (!OwnsThread(tid)) {
        NativeThreadIOThreads &born = AddThread(tid);
        born.ExpectBirthStop();
        InheritDebugRegisters(born);
      }
      if (std::optional<int> early = Manager.TakeEarlyStatus(tid))
        HandleWaitStatus(tid, *early);
    }
    ResumeSilently(thread);
    return;
  }
  case WaitEvent::Kind::Exec:
    OnExec();
    return;
  case WaitEvent::Kind::Exiting:
    OnThreadExiting(thread);
    return;
  case WaitEvent::Kind::Fork:
  case WaitEvent::Kind::VFork:
    OnFork(thread, event.EventKind == WaitEvent::Kind::VFork);
    return;
  case WaitEvent::Kind::VForkDone:
    // lldb took its breakpoints out of the memory a vfork child shared
    // with us; now that the child has exec'd or exited it puts them back.
    if (bool(m_enabled_extensions & Extension::vfork)) {
      thread.SetStopReason(lldb::eStopReasonVForkDone, SIGTRAP);
      ReportThreadStop(thread);
      return;
    }
    ResumeSilently(thread);
    return;
  default:
    ResumeSilently(thread);
    return;
  }
}

/// Waits for the first stop of a child the kernel attached to us at fork.
static llvm::Error WaitForForkChild(ProcessManager &manager, pid_t child) {
  std::optional<int> early = manager.TakeEarlyStatus(child);
  llvm::Expected<WaitEvent> first =
      early ? llvm::Expected<WaitEvent>(WaitEvent::Decode(*early))
            : WaitEvent::WaitFor(child);
  if (!first)
    return first.takeError();
  if (!first->IsStop())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "forked child %d ended at once", child);
  return llvm::Error::success();
}

void NativeProcessIOThreads::OnFork(NativeThreadIOThreads &thread, bool vfork) {
  llvm::Expected<unsigned long> message =
      ptrace::GetEventMessage(thread.GetID());
  llvm::Error error =
      message ? WaitForForkChild(Manager, *message) : message.takeError();
  if (error) {
    LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                   "cannot take over the forked child: {0}");
    ResumeSilently(thread);
    return;
  }
  pid_t child = static_cast<pid_t>(*message);

  if (!bool(m_enabled_extensions &
            (vfork ? Extension::vfork : Extension::fork))) {
    // lldb does not follow forks: the child goes its own way, without the
    // breakpoints it inherited (a vfork child shares the parent's memory,
    // and with it the parent's breakpoints).
    if (!vfork) {
      InferiorMemory memory(child);
      for (const auto &[addr, breakpoint] : m_software_breakpoints)
        llvm::consumeError(memory
                               .Write(addr, breakpoint.saved_opcodes.data(),
                                      breakpoint.saved_opcodes.size())
                               .takeError());
    }
    llvm::consumeError(ptrace::Detach(child, 0));
    ResumeSilently(thread);
    return;
  }

  // lldb decides which side to follow and detaches the other.
  std::unique_ptr<NativeProcessIOThreads> process(new NativeProcessIOThreads(
      child, -1, m_delegate, Manager, Arch, Launched));
  process->m_enabled_extensions = m_enabled_extensions;
  if (!vfork)
    process->m_software_breakpoints = m_software_breakpoints;
  NativeThreadIOThreads &child_thread = process->AddThread(child);
  child_thread.Tracee().SetStopped(0);
  process->SetCurrentThreadID(child);
  process->SetState(lldb::eStateStopped, false);
  m_delegate.NewSubprocess(this, std::move(process));
  thread.SetForkStopReason(vfork, child);
  ReportThreadStop(thread);
}

void NativeProcessIOThreads::ReportThreadStop(NativeThreadIOThreads &thread) {
  if (!Stopping)
    StopAllThreads(thread.GetID());
  else
    FinishStopIfComplete();
}

void NativeProcessIOThreads::InheritDebugRegisters(
    NativeThreadIOThreads &thread) {
  // The kernel gives a new thread clear debug registers; lldb expects the
  // process's watchpoints and hardware breakpoints to cover it.
  for (const auto &entry : GetWatchpointMap()) {
    const NativeWatchpoint &watch = entry.second;
    Status error = thread.SetWatchpoint(watch.m_addr, watch.m_size,
                                        watch.m_watch_flags, watch.m_hardware);
    if (error.Fail())
      LLDB_LOG(ProcessLog(), "tid {0}: cannot add watchpoint: {1}",
               thread.GetID(), error);
  }
  for (const auto &entry : GetHardwareBreakpointMap()) {
    Status error =
        thread.SetHardwareBreakpoint(entry.second.m_addr, entry.second.m_size);
    if (error.Fail())
      LLDB_LOG(ProcessLog(), "tid {0}: cannot add hardware breakpoint: {1}",
               thread.GetID(), error);
  }
}

void NativeProcessIOThreads::OnExec() {
  // The kernel has ended every other thread and the exec'ing one now has the
  // process id; the old image, its breakpoints, watchpoints and mappings are
  // gone.
  ForgetAllThreads();
  m_software_breakpoints.clear();
  m_hw_breakpoints_map.clear();
  Allocations.clear();
  std::vector<lldb::addr_t> watched;
  for (const auto &entry : GetWatchpointMap())
    watched.push_back(entry.first);
  for (lldb::addr_t addr : watched)
    m_watchpoint_list.Remove(addr);
  Memory.ReachThrough(GetID());
  LeaderExited = false;
  LeaderTraced = true;
  Regions.clear();
  if (llvm::Expected<ArchSpec> arch = ReadProcessArchitecture(GetID()))
    Arch = *arch;
  else
    LLDB_LOG_ERROR(ProcessLog(), arch.takeError(),
                   "keeping the old architecture after exec: {0}");

  NativeThreadIOThreads &thread = AddThread(GetID());
  thread.Tracee().SetStopped(0);
  thread.SetStopReason(lldb::eStopReasonExec);
  NotifyDidExec();
  BeginAllStop(thread.GetID());
  FinishStopIfComplete();
}

void NativeProcessIOThreads::OnThreadExiting(NativeThreadIOThreads &thread) {
  pid_t tid = thread.GetID();
  ResumeSilently(thread);
  if (tid != static_cast<pid_t>(GetID()))
    return;
  // The leader ends first (pthread_exit, or exit_group on its way): it stays
  // a zombie that never stops again, so no all-stop may wait for it, and
  // the address space is only reachable through a live thread.
  auto survivor = llvm::find_if(m_threads, [tid](const auto &other) {
    return Ours(other).IsTraced() && !Ours(other).IsIoThread() &&
           static_cast<pid_t>(other->GetID()) != tid;
  });
  if (survivor == m_threads.end())
    return;
  Memory.ReachThrough((*survivor)->GetID());
  LeaderExited = true;
  RemoveThread(tid);
  FinishStopIfComplete();
}

void NativeProcessIOThreads::OnThreadGone(pid_t tid, int status) {
  if (tid != static_cast<pid_t>(GetID())) {
    RemoveThread(tid);
    // A leader that was a zombie when we attached never reports to us: the
    // status of the last traced thread is the process's.
    bool last = !LeaderTraced && llvm::none_of(m_threads, [](const auto &t) {
      return Ours(t).IsTraced();
    });
    if (!last) {
      FinishStopIfComplete();
      return;
    }
  }
  // The leader's status comes last: the whole process has ended.
  if (GetState() == lldb::eStateStopped && !Stopping && !KillRequested) {
    PendingExitStatus = status;
    return;
  }
  ReportExit(status);
}

void NativeProcessIOThreads::ReportPending() {
  if (PendingExitStatus)
    ReportExit(*PendingExitStatus);
  else
    FinishStopIfComplete();
}

void NativeProcessIOThreads::ReportExit(int status) {
  ForgetAllThreads();
  Stopping = false;
  // The delegate may destroy this process while handling the exit.
  SetExitStatus(WaitStatus::Decode(status), true);
}

void NativeProcessIOThreads::BeginAllStop(std::optional<lldb::tid_t> reporter) {
  Stopping = true;
  Reporter = reporter;
  StoppedPrefix = 0;
}

void NativeProcessIOThreads::StopAllThreads(
    std::optional<lldb::tid_t> reporter) {
  BeginAllStop(reporter);
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    if (!ours.IsTraced())
      continue;
    if (llvm::Error error = ours.Tracee().RequestStop())
      LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                     "cannot interrupt thread: {0}");
  }
  FinishStopIfComplete();
}

void NativeProcessIOThreads::FinishStopIfComplete() {
  if (!Stopping)
    return;
  for (; StoppedPrefix < m_threads.size(); ++StoppedPrefix) {
    NativeThreadIOThreads &ours = Ours(m_threads[StoppedPrefix]);
    if (ours.IsTraced() && !ours.Tracee().IsStopped())
      return;
  }
  Stopping = false;
  RefreshIoThreads();

  lldb::tid_t reporter = GetCurrentThreadID();
  if (Reporter && FindThread(*Reporter)) {
    reporter = *Reporter;
  } else {
    // A halt: a thread that stopped for a reason of its own meanwhile is
    // what lldb must hear about; else the halt itself is reported.
    auto with_reason = llvm::find_if(m_threads, [](const auto &thread) {
      return Ours(thread).HasStopReason();
    });
    if (with_reason != m_threads.end()) {
      reporter = (*with_reason)->GetID();
    } else if (NativeThreadIOThreads *thread = HaltReporter()) {
      reporter = thread->GetID();
      thread->SetHaltedByRequest();
    }
  }
  Reporter.reset();
  SetCurrentThreadID(reporter);
  SetState(lldb::eStateStopped, true);
}

NativeThreadIOThreads *NativeProcessIOThreads::HaltReporter() const {
  auto runs_program_code = [](const NativeThreadIOThreads *thread) {
    return thread && thread->IsTraced() && !thread->IsIoThread();
  };
  // A step the halt overtook is what the user waits on: the halt is shown
  // on that thread.
  for (const auto &thread : m_threads)
    if (runs_program_code(&Ours(thread)) && Ours(thread).Tracee().WasStepping())
      return &Ours(thread);
  NativeThreadIOThreads *current = FindThread(GetCurrentThreadID());
  if (runs_program_code(current))
    return current;
  for (const auto &thread : m_threads)
    if (runs_program_code(&Ours(thread)))
      return &Ours(thread);
  if (current)
    return current;
  return m_threads.empty() ? nullptr : &Ours(m_threads.front());
}

void NativeProcessIOThreads::RefreshIoThreads() {
  llvm::Expected<std::vector<pid_t>> tids = ListTasks(GetID());
  if (!tids) {
    LLDB_LOG_ERROR(ProcessLog(), tids.takeError(),
                   "cannot rescan the threads: {0}");
    return;
  }
  std::vector<pid_t> ended;
  for (const auto &thread : m_threads)
    if (!Ours(thread).IsTraced() &&
        !std::binary_search(tids->begin(), tids->end(),
                            static_cast<pid_t>(thread->GetID())))
      ended.push_back(thread->GetID());
  for (pid_t tid : ended)
    RemoveThread(tid);

  // A program thread we do not know yet has a clone event on its way; only
  // io threads arrive unannounced. io threads seen too early to classify
  // fully are looked at again.
  std::vector<TaskStat> found;
  std::vector<NativeThreadIOThreads *> incomplete;
  for (pid_t tid : *tids) {
    if (NativeThreadIOThreads *known = FindThread(tid)) {
      if (known->GetTaskInfo().IsIncomplete())
        incomplete.push_back(known);
      continue;
    }
    llvm::Expected<TaskStat> stat = ReadTaskStat(GetID(), tid);
    if (!stat)
      llvm::consumeError(stat.takeError());
    else if (stat->Flags & IoWorkerTaskFlag)
      found.push_back(*stat);
  }
  if (found.empty() && incomplete.empty())
    return;
  llvm::Expected<std::vector<IoUringRing>> rings = ListIoUringRings(GetID());
  if (!rings) {
    llvm::consumeError(rings.takeError());
    rings = std::vector<IoUringRing>();
  }
  for (NativeThreadIOThreads *thread : incomplete) {
    llvm::Expected<TaskStat> stat = ReadTaskStat(GetID(), thread->GetID());
    if (!stat) {
      llvm::consumeError(stat.takeError());
      continue;
    }
    thread->SetTaskInfo(ClassifyTask(*stat, *rings));
  }
  bool freeze = Manager.GetIoThreadPolicy() == IoThreadPolicy::Freeze;
  for (const TaskStat &stat : found) {
    TaskInfo info = ClassifyTask(stat, *rings);
    bool traced = false;
    if (freeze) {
      if (llvm::Error error = SeizeAndStop(stat.Tid))
        LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                       "cannot freeze io thread: {0}");
      else
        traced = true;
    }
    NativeThreadIOThreads &thread = AddThread(stat.Tid, info, traced);
    if (traced)
      thread.Tracee().SetStopped(0);
  }
}

llvm::Error NativeProcessIOThreads::ApplyIoThreadPolicy(IoThreadPolicy policy) {
  if (GetState() != lldb::eStateStopped)
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "process %" PRIu64
                                   " must be stopped to change how its "
                                   "io_uring threads are handled",
                                   GetID());
  bool freeze = policy == IoThreadPolicy::Freeze;
  std::vector<std::pair<pid_t, TaskInfo>> changing;
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    if (ours.IsIoThread() && ours.IsTraced() != freeze)
      changing.emplace_back(ours.GetID(), ours.GetTaskInfo());
  }
  llvm::Error failure = llvm::Error::success();
  for (auto &[tid, info] : changing) {
    llvm::Error error =
        freeze ? SeizeAndStop(tid) : ptrace::Detach(tid, /*signo=*/0);
    if (error) {
      failure = llvm::joinErrors(std::move(failure), std::move(error));
      continue;
    }
    RemoveThread(tid);
    NativeThreadIOThreads &thread = AddThread(tid, info, freeze);
    if (freeze)
      thread.Tracee().SetStopped(0);
  }
  RefreshIoThreads();
  return failure;
}

llvm::json::Value NativeProcessIOThreads::DescribeIoUring() {
  if (GetState() == lldb::eStateStopped)
    RefreshIoThreads();
  llvm::json::Array rings;
  llvm::Expected<std::vector<IoUringRing>> listed = ListIoUringRings(GetID());
  if (listed) {
    for (const IoUringRing &ring : *listed)
      rings.push_back(llvm::json::Object{
          {"fd", ring.Fd},
          {"sq_thread", ring.SqThread ? llvm::json::Value(*ring.SqThread)
                                      : llvm::json::Value(nullptr)}});
  } else {
    llvm::consumeError(listed.takeError());
  }
  llvm::json::Array threads;
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    const TaskInfo &info = ours.GetTaskInfo();
    std::string name = info.Name;
    if (llvm::Expected<TaskStat> stat = ReadTaskStat(GetID(), ours.GetID()))
      name = stat->Name;
    else
      llvm::consumeError(stat.takeError());
    llvm::json::Object entry{
        {"tid", static_cast<int64_t>(ours.GetID())},
        {"name", name},
        {"kind", TaskKindName(info.Kind)},
        {"traced", ours.IsTraced()},
        {"mode", ExecutionModeName(ours.GetExecutionMode())}};
    if (info.Creator)
      entry["creator"] = *info.Creator;
    if (info.RingFd)
      entry["ring_fd"] = *info.RingFd;
    threads.push_back(std::move(entry));
  }
  return llvm::json::Object{{"pid", static_cast<int64_t>(GetID())},
                            {"rings", std::move(rings)},
                            {"threads", std::move(threads)}};
}

Status NativeProcessIOThreads::Resume(const ResumeActionList &actions) {
  if (PendingExitStatus) {
    SetState(lldb::eStateRunning, true);
    Manager.ReportSoon(GetID());
    return Status();
  }
  // Refuse before anything runs: a step aimed at an io thread would never
  // complete, and the session must stay as it was.
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    const ResumeAction *action =
        actions.GetActionForThread(ours.GetID(), /*default_ok=*/false);
    if (action && action->state == lldb::eStateStepping)
      if (llvm::Error error = ours.CheckSteppable()) {
        RefuseStep(ours, std::move(error));
        return Status();
      }
  }
  Stopping = false;
  Reporter.reset();
  bool stepping = false;
  llvm::Error failure = llvm::Error::success();
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    const ResumeAction *action = actions.GetActionForThread(ours.GetID(), true);
    if (!ours.IsTraced()) {
      ours.LeaveStop();
      continue;
    }
    if (!action || action->state == lldb::eStateSuspended ||
        !ours.Tracee().IsStopped())
      continue;
    // Single-stepping an io thread never completes; it only ever continues.
    ResumeKind kind =
        action->state == lldb::eStateStepping && !ours.IsIoThread()
            ? ResumeKind::Step
            : ResumeKind::Continue;
    stepping |= kind == ResumeKind::Step;
    // LLGS says "no signal" with LLDB_INVALID_SIGNAL_NUMBER. The SIGSTOP a
    // halt was reported with was never sent, so it is not passed on either.
    int signo =
        action->signal == LLDB_INVALID_SIGNAL_NUMBER ? 0 : action->signal;
    if (signo == SIGSTOP && ours.IsHaltedByRequest())
      signo = 0;
    if (llvm::Error error = ours.Resume(kind, signo))
      failure = llvm::joinErrors(std::move(failure), std::move(error));
  }
  SetState(stepping ? lldb::eStateStepping : lldb::eStateRunning, true);
  return Status(std::move(failure));
}

void NativeProcessIOThreads::RefuseStep(NativeThreadIOThreads &thread,
                                        llvm::Error why) {
  // No thread runs. The stop is reported from the main loop, after LLGS has
  // finished with the resume request, as the answer to it.
  thread.SetStopReason(lldb::eStopReasonException, 0,
                       llvm::toString(std::move(why)));
  SetState(lldb::eStateRunning, true);
  BeginAllStop(thread.GetID());
  Manager.ReportSoon(GetID());
}

Status NativeProcessIOThreads::Halt() {
  if (!IsRunning() || Stopping)
    return Status();
  StopAllThreads(std::nullopt);
  return Status();
}

Status NativeProcessIOThreads::Detach() {
  // Leave the program as it would be without us: no breakpoint bytes, each
  // thread carrying on with the signal it was about to receive.
  std::vector<lldb::addr_t> breakpoints;
  for (const auto &entry : m_software_breakpoints)
    breakpoints.push_back(entry.first);
  for (lldb::addr_t addr : breakpoints)
    RemoveSoftwareBreakpoint(addr);

  llvm::Error failure = llvm::Error::success();
  for (const auto &thread : m_threads) {
    NativeThreadIOThreads &ours = Ours(thread);
    if (!ours.IsTraced())
      continue;
    ours.LeaveStop();
    if (llvm::Error error =
            ptrace::Detach(ours.GetID(), ours.Tracee().GetPendingSignal())) {
      // A thread that exited meanwhile needs no detaching.
      if (llvm::errorToErrorCode(std::move(error)).value() != ESRCH)
        failure = llvm::joinErrors(
            std::move(failure),
            llvm::createStringError(llvm::inconvertibleErrorCode(),
                                    "cannot detach from thread %" PRIu64,
                                    ours.GetID()));
    }
  }
  // A zombie leader is released too, so its exit goes to its parent.
  if (LeaderExited)
    llvm::consumeError(ptrace::Detach(GetID(), 0));
  ForgetAllThreads();
  SetState(lldb::eStateDetached, false);
  return Status(std::move(failure));
}

Status NativeProcessIOThreads::Signal(int signo) {
  if (::kill(GetID(), signo) != 0)
    return Status("cannot send signal %d to process %" PRIu64 ": %s", signo,
                  GetID(), std::strerror(errno));
  return Status();
}

Status NativeProcessIOThreads::Kill() {
  if (PendingExitStatus) {
    Manager.ReportSoon(GetID());
    return Status();
  }
  if (!IsAlive())
    return Status("process %" PRIu64 " has already exited", GetID());
  KillRequested = true;
  if (::kill(GetID(), SIGKILL) != 0)
    return Status("cannot kill process %" PRIu64 ": %s", GetID(),
                  std::strerror(errno));
  return Status();
}

Status NativeProcessIOThreads::ReadMemory(lldb::addr_t addr, void *buffer,
                                          size_t size, size_t &bytes_read) {
  llvm::Expected<size_t> done = Memory.Read(addr, buffer, size);
  bytes_read = done ? *done : 0;
  return Status(done.takeError());
}

Status NativeProcessIOThreads::WriteMemory(lldb::addr_t addr,
                                           const void *buffer, size_t size,
                                           size_t &bytes_written) {
  llvm::Expected<size_t> done = Memory.Write(addr, buffer, size);
  bytes_written = done ? *done : 0;
  return Status(done.takeError());
}

Status NativeProcessIOThreads::SetBreakpoint(lldb::addr_t addr, uint32_t size,
                                             bool hardware) {
  if (hardware)
    return SetHardwareBreakpoint(addr, size);
  return SetSoftwareBreakpoint(addr, size);
}

Status NativeProcessIOThreads::RemoveBreakpoint(lldb::addr_t addr,
                                                bool hardware) {
  if (hardware)
    return RemoveHardwareBreakpoint(addr);
  return NativeProcessProtocol::RemoveBreakpoint(addr);
}

llvm::Expected<NativeThreadIOThreads &>
NativeProcessIOThreads::SyscallThread() {
  if (GetState() != lldb::eStateStopped)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "process %" PRIu64 " must be stopped to map memory in it", GetID());
  // A thread in a group-stop would leave it by running the call, and the
  // job-control stop could not be restored.
  auto usable = [](NativeThreadIOThreads &thread) {
    return thread.IsTraced() && !thread.IsIoThread() &&
           thread.Tracee().IsStopped() &&
           thread.Tracee().GetGroupStopSignal() == 0;
  };
  if (NativeThreadIOThreads *current = FindThread(GetCurrentThreadID()))
    if (usable(*current))
      return *current;
  for (const auto &thread : m_threads)
    if (usable(Ours(thread)))
      return Ours(thread);
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      "no thread of process %" PRIu64
      " can map memory: every one is stopped by job control; send it "
      "SIGCONT (process signal SIGCONT) first",
      GetID());
}

llvm::Expected<lldb::addr_t>
NativeProcessIOThreads::AllocateMemory(size_t size, uint32_t permissions) {
  llvm::Expected<NativeThreadIOThreads &> thread = SyscallThread();
  if (!thread)
    return thread.takeError();
  ExecutionMode mode = thread->GetExecutionMode();
  uint64_t protection = 0;
  if (permissions & lldb::ePermissionsReadable)
    protection |= PROT_READ;
  if (permissions & lldb::ePermissionsWritable)
    protection |= PROT_WRITE;
  if (permissions & lldb::ePermissionsExecutable)
    protection |= PROT_EXEC;
  constexpr uint64_t PrivateAnonymous = MAP_PRIVATE | MAP_ANONYMOUS;
  // mmap is call 9 on x86-64; i386 has mmap2 (192) with the same arguments.
  const uint64_t arguments[] = {0,
                                size,
                                protection,
                                PrivateAnonymous,
                                mode == ExecutionMode::X86_64
                                    ? static_cast<uint64_t>(-1)
                                    : uint64_t(0xffffffff),
                                0};
  llvm::Expected<uint64_t> addr =
      RunSyscall(thread->GetID(), Memory,
                 {mode, mode == ExecutionMode::X86_64 ? 9L : 192L, arguments});
  if (!addr)
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot map %zu bytes in process %" PRIu64 ": %s", size, GetID(),
        llvm::toString(addr.takeError()).c_str());
  Allocations[*addr] = size;
  Regions.clear();
  return *addr;
}

llvm::Error NativeProcessIOThreads::DeallocateMemory(lldb::addr_t addr) {
  auto allocation = Allocations.find(addr);
  if (allocation == Allocations.end())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "0x%" PRIx64 " is not memory this server mapped", addr);
  llvm::Expected<NativeThreadIOThreads &> thread = SyscallThread();
  if (!thread)
    return thread.takeError();
  ExecutionMode mode = thread->GetExecutionMode();
  const uint64_t arguments[] = {addr, allocation->second};
  // munmap is call 11 on x86-64 and 91 on i386.
  llvm::Expected<uint64_t> result =
      RunSyscall(thread->GetID(), Memory,
                 {mode, mode == ExecutionMode::X86_64 ? 11L : 91L, arguments});
  if (!result)
    return result.takeError();
  Allocations.erase(allocation);
  Regions.clear();
  return llvm::Error::success();
}

void NativeProcessIOThreads::DoStopIDBumped(uint32_t) { Regions.clear(); }

llvm::Error NativeProcessIOThreads::LoadMemoryRegions() {
  if (!Regions.empty())
    return llvm::Error::success();
  auto maps = llvm::MemoryBuffer::getFileAsStream(
      llvm::formatv("/proc/{0}/maps", Memory.GetTask()));
  if (!maps)
    return llvm::createStringError(maps.getError(),
                                   "cannot read the memory map of process "
                                   "%" PRIu64,
                                   GetID());
  llvm::Error failure = llvm::Error::success();
  ParseLinuxMapRegions((*maps)->getBuffer(),
                       [&](llvm::Expected<MemoryRegionInfo> region) {
                         if (!region) {
                           failure = region.takeError();
                           return false;
                         }
                         Regions.push_back(std::move(*region));
                         return true;
                       });
  return failure;
}

Status NativeProcessIOThreads::GetMemoryRegionInfo(lldb::addr_t addr,
                                                   MemoryRegionInfo &info) {
  if (llvm::Error error = LoadMemoryRegions())
    return Status(std::move(error));
  auto next = llvm::upper_bound(
      Regions, addr, [](lldb::addr_t addr, const MemoryRegionInfo &region) {
        return addr < region.GetRange().GetRangeBase();
      });
  if (next != Regions.begin() && std::prev(next)->GetRange().Contains(addr)) {
    info = *std::prev(next);
    return Status();
  }
  // An address between mappings: an unmapped region up to the next one.
  info.Clear();
  info.GetRange().SetRangeBase(addr);
  info.GetRange().SetRangeEnd(next == Regions.end()
                                  ? LLDB_INVALID_ADDRESS
                                  : next->GetRange().GetRangeBase());
  info.SetReadable(MemoryRegionInfo::eNo);
  info.SetWritable(MemoryRegionInfo::eNo);
  info.SetExecutable(MemoryRegionInfo::eNo);
  info.SetMapped(MemoryRegionInfo::eNo);
  return Status();
}

llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
NativeProcessIOThreads::GetAuxvData() const {
  return llvm::MemoryBuffer::getFileAsStream(
      llvm::formatv("/proc/{0}/auxv", Memory.GetTask()));
}

Status NativeProcessIOThreads::GetLoadedModuleFileSpec(const char *module_path,
                                                       FileSpec &file_spec) {
  if (llvm::Error error = LoadMemoryRegions())
    return Status(std::move(error));
  FileSpec wanted(module_path);
  for (const MemoryRegionInfo &region : Regions) {
    FileSpec mapped(region.GetName().GetStringRef());
    if (mapped.GetFilename() == wanted.GetFilename()) {
      file_spec = mapped;
      return Status();
    }
  }
  return Status("module %s is not loaded in process %" PRIu64, module_path,
                GetID());
}

Status NativeProcessIOThreads::GetFileLoadAddress(const llvm::StringRef &name,
                                                  lldb::addr_t &load_addr) {
  if (llvm::Error error = LoadMemoryRegions())
    return Status(std::move(error));
  FileSpec wanted(name);
  // Regions are in address order, so the first mapping is the load address.
  for (const MemoryRegionInfo &region : Regions) {
    if (FileSpec(region.GetName().GetStringRef()).GetFilename() ==
        wanted.GetFilename()) {
      load_addr = region.GetRange().GetRangeBase();
      return Status();
    }
  }
  return Status("file %s is not loaded in process %" PRIu64, name.str().c_str(),
                GetID());
}

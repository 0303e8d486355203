//===-- NativeProcessIOThreads.h - A process debugged through ptrace -*- C++
//-*-//
//
// The process: its threads, their all-stop coordination and the dispatch of
// wait events. Every stop the process makes is an all-stop: the thread with a
// reason is reported once every other thread is parked by PTRACE_INTERRUPT.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_NATIVEPROCESSIOTHREADS_H
#define NATIVEPROCESSIOTHREADS_NATIVEPROCESSIOTHREADS_H

#include "InferiorMemory.h"
#include "NativeThreadIOThreads.h"
#include "WaitEvent.h"

#include "NativeProcessIOThreads/Manager.h"

#include "Plugins/Process/POSIX/NativeProcessELF.h"
#include "lldb/Target/MemoryRegionInfo.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <vector>

namespace iothreads {

class ProcessManager;

class NativeProcessIOThreads : public lldb_private::NativeProcessELF {
public:
  static llvm::Expected<std::unique_ptr<NativeProcessIOThreads>>
  Launch(lldb_private::ProcessLaunchInfo &info, NativeDelegate &delegate,
         ProcessManager &manager);
  static llvm::Expected<std::unique_ptr<NativeProcessIOThreads>>
  Attach(pid_t pid, NativeDelegate &delegate, ProcessManager &manager);

  ~NativeProcessIOThreads() override;

  lldb_private::Status
  Resume(const lldb_private::ResumeActionList &actions) override;
  lldb_private::Status Halt() override;
  /// lldb's interrupt (^C, `process interrupt`) halts with PTRACE_INTERRUPT;
  /// the default would send the process a SIGSTOP.
  lldb_private::Status Interrupt() override { return Halt(); }
  lldb_private::Status Detach() override;
  lldb_private::Status Signal(int signo) override;
  lldb_private::Status Kill() override;

  lldb_private::Status
  GetMemoryRegionInfo(lldb::addr_t addr,
                      lldb_private::MemoryRegionInfo &info) override;
  lldb_private::Status ReadMemory(lldb::addr_t addr, void *buffer, size_t size,
                                  size_t &bytes_read) override;
  lldb_private::Status WriteMemory(lldb::addr_t addr, const void *buffer,
                                   size_t size, size_t &bytes_written) override;

  /// Maps memory in the process (lldb puts expression code and data there)
  /// by having a stopped thread call mmap.
  llvm::Expected<lldb::addr_t> AllocateMemory(size_t size,
                                              uint32_t permissions) override;
  llvm::Error DeallocateMemory(lldb::addr_t addr) override;

  size_t UpdateThreads() override;
  const lldb_private::ArchSpec &GetArchitecture() const override {
    return Arch;
  }

  lldb_private::Status SetBreakpoint(lldb::addr_t addr, uint32_t size,
                                     bool hardware) override;
  lldb_private::Status RemoveBreakpoint(lldb::addr_t addr,
                                        bool hardware) override;

  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  GetAuxvData() const override;
  lldb_private::Status
  GetLoadedModuleFileSpec(const char *module_path,
                          lldb_private::FileSpec &file_spec) override;
  lldb_private::Status GetFileLoadAddress(const llvm::StringRef &file_name,
                                          lldb::addr_t &load_addr) override;

  /// True when \p tid is one of this process's threads (the leader stays
  /// ours after it exits early, until the process ends).
  bool OwnsThread(pid_t tid) const {
    return ThreadsByTid.count(tid) != 0 || tid == static_cast<pid_t>(GetID());
  }
  /// Adds the threads that owe this process a stop (it is stopping and they
  /// have not stopped yet) to \p awaited.
  void AppendAwaitedStops(std::vector<pid_t> &awaited) const;
  /// Acts on one wait status of one of this process's threads. The process
  /// may be destroyed by the time this returns (its delegate drops it when
  /// told it exited), so callers must not touch it afterwards.
  void HandleWaitStatus(pid_t tid, int status);

  /// Whether a wait our stop made fail with EINTR is restarted.
  bool RestartsSyscalls() const { return Manager.GetRestartSyscalls(); }
  /// Seizes (freeze) or releases (observe) the io_uring threads of this
  /// stopped process.
  llvm::Error ApplyIoThreadPolicy(IoThreadPolicy policy);
  /// This process's rings and threads; see ProcessManager::DescribeIoUring.
  llvm::json::Value DescribeIoUring();
  /// Reports the all-stop in progress if every thread is stopped.
  void FinishStopIfComplete();
  /// Reports an exit held back while lldb thought the process stopped, or
  /// else the all-stop in progress.
  void ReportPending();

protected:
  void DoStopIDBumped(uint32_t stop_id) override;

private:
  NativeProcessIOThreads(pid_t pid, int terminal_fd, NativeDelegate &delegate,
                         ProcessManager &manager,
                         const lldb_private::ArchSpec &arch, bool launched);

  /// Adds the threads an attach seized and the io_uring threads it found.
  void AddAttachedThreads(llvm::ArrayRef<pid_t> seized,
                          llvm::ArrayRef<TaskStat> io_threads);
  /// Waits until every thread an attach seized has stopped; a thread one of
  /// them creates meanwhile joins \p seized and is waited for too.
  llvm::Error WaitForAttachStops(std::vector<pid_t> &seized);

  NativeThreadIOThreads &AddThread(pid_t tid, TaskInfo info, bool traced);
  /// Adds a traced program thread.
  NativeThreadIOThreads &AddThread(pid_t tid);
  void RemoveThread(pid_t tid);
  /// Gives a new thread the process's watchpoints and hardware breakpoints.
  void InheritDebugRegisters(NativeThreadIOThreads &thread);
  void ForgetAllThreads();
  NativeThreadIOThreads *FindThread(pid_t tid) const;

  void OnStopWithReason(NativeThreadIOThreads &thread, const WaitEvent &event);
  void ClassifyTrap(NativeThreadIOThreads &thread);
  void OnProcessEvent(NativeThreadIOThreads &thread, const WaitEvent &event);
  void OnExec();
  void OnThreadExiting(NativeThreadIOThreads &thread);
  /// A fork or vfork: the child becomes a process of its own for lldb to
  /// follow or detach, or is let go when lldb does not follow forks.
  void OnFork(NativeThreadIOThreads &thread, bool vfork);
  /// Reports \p thread's stop reason, stopping the other threads first.
  void ReportThreadStop(NativeThreadIOThreads &thread);
  void OnThreadGone(pid_t tid, int status);

  /// Marks an all-stop as begun; it completes once every traced thread is
  /// stopped. \p reporter is the thread whose stop lldb is told about; none
  /// for a halt.
  void BeginAllStop(std::optional<lldb::tid_t> reporter);
  /// Starts an all-stop and interrupts every running thread.
  void StopAllThreads(std::optional<lldb::tid_t> reporter);
  /// The thread a halt is reported on: a program thread that was stepping,
  /// else the current thread if it runs program code, else the first that
  /// does. An io thread is never halted, yet it is current after a refused
  /// step of it or an Hg, and lldb then showed SIGSTOP on it.
  NativeThreadIOThreads *HaltReporter() const;
  /// Brings the list of io_uring threads up to date from /proc: the kernel
  /// creates them untraced, so no event announces them.
  void RefreshIoThreads();
  /// A thread that traps (a breakpoint, a finished step) just as an all-stop
  /// interrupts it stops for the interrupt first: the kernel takes a
  /// pending PTRACE_INTERRUPT before queued signals. Its SIGTRAP waits in
  /// the queue and its pc is past the int3, so parked as it is, lldb would
  /// see no reason now and a stray SIGTRAP after resuming it.
  bool IsTrapQueued(NativeThreadIOThreads &thread);
  void TakeQueuedTrap(NativeThreadIOThreads &thread);
  void ResumeOrLog(NativeThreadIOThreads &thread, llvm::Error error);
  /// Resumes a thread from a stop lldb need not hear about, as it last ran.
  void ResumeSilently(NativeThreadIOThreads &thread);
  /// Tells lldb the process has ended with \p status.
  void ReportExit(int status);
  /// Answers a step that cannot be done with an immediate stop of \p thread
  /// that says why: lldb ends a session on an error reply to a resume.
  void RefuseStep(NativeThreadIOThreads &thread, llvm::Error why);

  llvm::Error LoadMemoryRegions();
  /// The thread to make a system call in: the current one when it can.
  llvm::Expected<NativeThreadIOThreads &> SyscallThread();

  ProcessManager &Manager;
  lldb_private::ArchSpec Arch;
  InferiorMemory Memory;
  bool Launched;
  llvm::DenseMap<pid_t, NativeThreadIOThreads *> ThreadsByTid;
  bool Stopping = false;
  /// During an all-stop, every traced thread before this index in m_threads
  /// is stopped, so each wait status checks only the threads after it and a
  /// whole stop costs O(N), not O(N^2). Back to 0 whenever a thread may have
  /// moved: one resumed while stopping, one removed.
  size_t StoppedPrefix = 0;
  std::optional<lldb::tid_t> Reporter;
  /// The exit status of a process that died (SIGKILL from outside) while
  /// lldb held it stopped; lldb expects no exit then, so it is reported when
  /// lldb next resumes or kills the process.
  std::optional<int> PendingExitStatus;
  /// lldb asked for the kill, so it waits for the exit even while stopped.
  bool KillRequested = false;
  /// The leader has exited before the process and left the thread list.
  bool LeaderExited = false;
  /// False after attaching to a process whose leader was already a zombie:
  /// the kernel refuses to trace one, so its status never reaches us.
  bool LeaderTraced = true;
  /// The size of each mapping made by AllocateMemory, for unmapping it.
  llvm::DenseMap<lldb::addr_t, size_t> Allocations;
  /// /proc/PID/maps as of this stop; empty until first needed.
  std::vector<lldb_private::MemoryRegionInfo> Regions;
};

} // namespace iothreads

#endif

//===-- NativeProcessIOThreads.h - A process debugged through ptrace ------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The process: its threads and the dispatch of their wait events. Every stop
// it makes is an all-stop (AllStop): the thread with a reason is reported
// once every other thread is parked by PTRACE_INTERRUPT. Its definition is
// split by concern: NativeProcessIOThreads.cpp (lifecycle, resume, halt,
// detach, kill, the all-stop), ProcessEvents.cpp (the dispatch of wait
// events), ProcessAttach.cpp, ProcessBreakpoints.cpp, ProcessIoThreads.cpp
// (io_uring threads) and ProcessMemory.cpp (memory, regions, modules).
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_NATIVEPROCESSIOTHREADS_H
#define NATIVEPROCESSIOTHREADS_NATIVEPROCESSIOTHREADS_H

#include "AllStop.h"
#include "CoreMappings.h"
#include "ElfCoreNotes.h"
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

class Guardian;
class ProcessManager;

class NativeProcessIOThreads : public lldb_private::NativeProcessELF,
                               private AllStop::Threads {
public:
  static llvm::Expected<std::unique_ptr<NativeProcessIOThreads>>
  Launch(lldb_private::ProcessLaunchInfo &info, NativeDelegate &delegate,
         ProcessManager &manager);
  /// \p lost says that every thread the attach seized went while the
  /// process lives on (an exec in a thread not seized yet).
  static llvm::Expected<std::unique_ptr<NativeProcessIOThreads>>
  Attach(pid_t pid, NativeDelegate &delegate, ProcessManager &manager,
         bool &lost);

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
  /// Refused where debug register traps never arrive (DebugTrapDelivery.h),
  /// as is SetWatchpoint: they would be accepted and never fire.
  lldb_private::Status SetHardwareBreakpoint(lldb::addr_t addr,
                                             size_t size) override;
  lldb_private::Status SetWatchpoint(lldb::addr_t addr, size_t size,
                                     uint32_t watch_flags,
                                     bool hardware) override;

  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>>
  GetAuxvData() const override;
  /// Writes an ELF core of the stopped process (qSaveCore) to \p path_hint,
  /// or where the server chooses without one or under a platform; returns
  /// the path.
  llvm::Expected<std::string> SaveCore(llvm::StringRef path_hint) override;
  lldb_private::Status
  GetLoadedModuleFileSpec(const char *module_path,
                          lldb_private::FileSpec &file_spec) override;
  lldb_private::Status GetFileLoadAddress(const llvm::StringRef &file_name,
                                          lldb::addr_t &load_addr) override;
  /// The dynamic linker's list, with each library's path made one that
  /// reaches the process's own file from here (TargetFiles.h).
  llvm::Expected<std::vector<lldb_private::SVR4LibraryInfo>>
  GetLoadedSVR4Libraries() override;

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

  /// An all-stop is in progress: threads owe it their stops.
  bool IsStopping() const { return Stop.InProgress(); }
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

  static NativeThreadIOThreads &
  Ours(const std::unique_ptr<lldb_private::NativeThreadProtocol> &thread) {
    return static_cast<NativeThreadIOThreads &>(*thread);
  }

  // Attach (ProcessAttach.cpp).
  /// Seizes a thread and waits until PTRACE_INTERRUPT has stopped it.
  llvm::Error SeizeAndStop(pid_t tid);
  /// After an attach's silent stop: a thread other than the leader that
  /// exec'd meanwhile has taken the leader's id, and the kernel stops it
  /// with the exec event; waits for it, so the new image is reported
  /// stopped.
  void AwaitExecTakeover();
  /// Adds the threads an attach seized and the io_uring threads it found.
  void AddAttachedThreads(llvm::ArrayRef<pid_t> seized,
                          llvm::ArrayRef<TaskStat> io_threads);

  // Threads.
  NativeThreadIOThreads &AddThread(pid_t tid, TaskInfo info, bool traced);
  /// Adds a traced program thread.
  NativeThreadIOThreads &AddThread(pid_t tid);
  void RemoveThread(pid_t tid);
  /// Gives a new thread the process's watchpoints and hardware breakpoints.
  void InheritDebugRegisters(NativeThreadIOThreads &thread);
  void ForgetAllThreads();
  NativeThreadIOThreads *FindThread(pid_t tid) const;
  /// The first traced thread that runs program code, other than \p except:
  /// the one to reach memory through, or to report on, when the leader or a
  /// reporter is gone.
  NativeThreadIOThreads *FirstProgramThread(pid_t except = 0) const;

  // Wait events (ProcessEvents.cpp).
  void OnStopWithReason(NativeThreadIOThreads &thread, const WaitEvent &event);
  void ClassifyTrap(NativeThreadIOThreads &thread);
  void OnProcessEvent(NativeThreadIOThreads &thread, const WaitEvent &event);
  void OnClone(NativeThreadIOThreads &thread);
  void OnExec();
  void OnThreadExiting(NativeThreadIOThreads &thread);
  /// A fork or vfork: the child becomes a process of its own for lldb to
  /// follow or detach, or is let go when lldb does not follow forks.
  void OnFork(NativeThreadIOThreads &thread, bool vfork);
  /// Reports \p thread's stop reason, stopping the other threads first.
  void ReportThreadStop(NativeThreadIOThreads &thread);
  void OnThreadGone(pid_t tid, int status);
  void ResumeOrLog(NativeThreadIOThreads &thread, llvm::Error error);
  /// Resumes a thread from a stop lldb need not hear about, as it last ran.
  void ResumeSilently(NativeThreadIOThreads &thread, llvm::StringRef why);
  /// Tells lldb the process has ended with \p status.
  void ReportExit(int status);

  // The all-stop.
  /// Tells lldb about a completed all-stop.
  void ReportAllStop(const AllStop::Completion &done);
  /// Answers a step that cannot be done with an immediate stop of \p thread
  /// that says why: lldb ends a session on an error reply to a resume.
  void RefuseStep(NativeThreadIOThreads &thread, llvm::Error why);
  /// Blocks until the silent all-stop in progress completes, feeding each
  /// status to the ordinary dispatch; a thread created meanwhile is waited
  /// for too.
  void AwaitSilentStop();
  // AllStop::Threads.
  size_t Count() const override { return m_threads.size(); }
  StopView View(size_t index) const override;
  llvm::Error RequestStop(size_t index) override;
  /// A thread that traps (a breakpoint, a finished step) just as an all-stop
  /// interrupts it stops for the interrupt first: the kernel takes a
  /// pending PTRACE_INTERRUPT before queued signals. Its SIGTRAP waits in
  /// the queue and its pc is past the int3, so parked as it is, lldb would
  /// see no reason now and a stray SIGTRAP after resuming it.
  bool TakeQueuedTrap(lldb::tid_t tid) override;
  bool IsTrapQueued(NativeThreadIOThreads &thread);

  // io_uring threads (ProcessIoThreads.cpp).
  /// Brings the list of io_uring threads up to date from /proc: the kernel
  /// creates them untraced, so no event announces them.
  void RefreshIoThreads();
  /// Whether the kernel may have a thread of this process we do not know,
  /// or have ended an io thread we still list.
  bool MayHaveUnlistedThreads() const;

  // Core files (ProcessSaveCore.cpp).
  /// Appends a thread's notes; the reporting thread's come first and hold
  /// the process's own (\p signal's details, auxv, \p mappings as files).
  void AppendThreadNotes(std::vector<uint8_t> &notes,
                         NativeThreadIOThreads &thread, CoreClass core,
                         const ProcessStatus &process, int signal,
                         const std::vector<CoreMapping> *mappings);
  std::string ChooseCorePath(llvm::StringRef path_hint);
  /// Puts the program's bytes back where software breakpoints are.
  void ShowOriginalBytes(uint64_t addr, llvm::MutableArrayRef<uint8_t> buffer);

  // Software breakpoints (ProcessBreakpoints.cpp).
  /// Writes every breakpoint's trap, or its original bytes.
  void WriteBreakpointBytes(bool traps);
  /// A breakpoint of \p size at \p addr with the bytes now under it.
  llvm::Expected<SoftwareBreakpoint> ReadUnderTrap(lldb::addr_t addr,
                                                   uint32_t size);
  /// Lists a breakpoint about to be written with the guardian, which must
  /// know its original bytes before the trap is in memory.
  lldb_private::Status ListWithGuardian(Guardian &guardian, lldb::addr_t addr,
                                        uint32_t size);
  /// Takes the traps of a process we attached to out of memory; it is
  /// stopped and lldb is about to hear of it.
  void LiftTraps();
  /// Puts lifted traps back before any thread runs.
  void InsertTraps();
  /// Records bytes written to memory under lifted traps as the originals.
  void KeepWrittenBytes(lldb::addr_t addr, llvm::ArrayRef<uint8_t> bytes);
  /// Drops the table: the image is gone (exec) or detached.
  void ForgetBreakpoints();

  // Memory (ProcessMemory.cpp).
  llvm::Error LoadMemoryRegions();
  /// The thread to make a system call in: the current one when it can.
  llvm::Expected<NativeThreadIOThreads &> SyscallThread();

  ProcessManager &Manager;
  lldb_private::ArchSpec Arch;
  InferiorMemory Memory;
  bool Launched;
  /// The software breakpoints are in the table but not in memory.
  bool TrapsLifted = false;
  /// An attach or a detach is under way: lldb hears of no stop.
  bool Quiet = false;
  llvm::DenseMap<pid_t, NativeThreadIOThreads *> ThreadsByTid;
  AllStop Stop{*this};
  /// The exit status of a process that died (SIGKILL from outside) while
  /// lldb held it stopped, or while it was being attached; lldb expects no
  /// exit then, so it is reported when lldb next resumes or kills the
  /// process.
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

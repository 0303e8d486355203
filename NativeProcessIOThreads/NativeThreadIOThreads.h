//===-- NativeThreadIOThreads.h - One thread of a debugged process -*- C++ -*-//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_NATIVETHREADIOTHREADS_H
#define NATIVEPROCESSIOTHREADS_NATIVETHREADIOTHREADS_H

#include "DebugRegisterSlots.h"
#include "RegisterContextX86.h"
#include "TraceeState.h"

#include "NativeProcessIOThreads/ExecutionMode.h"
#include "NativeProcessIOThreads/Procfs.h"
#include "NativeProcessIOThreads/TaskInfo.h"

#include "lldb/Host/Debug.h"
#include "lldb/Host/common/NativeThreadProtocol.h"

#include <optional>
#include <string>

namespace iothreads {

class NativeProcessIOThreads;

/// A thread of the process. Most threads are traced; an io_uring thread is
/// by default only observed: listed from /proc, never seized, so the io it
/// does is never disturbed.
class NativeThreadIOThreads : public lldb_private::NativeThreadProtocol {
public:
  NativeThreadIOThreads(NativeProcessIOThreads &process, lldb::tid_t tid,
                        TaskInfo info, bool traced);

  std::string GetName() override;
  lldb::StateType GetState() override;
  lldb_private::NativeRegisterContext &GetRegisterContext() override;
  bool GetStopReason(lldb_private::ThreadStopInfo &stop_info,
                     std::string &description) override;

  lldb_private::Status SetWatchpoint(lldb::addr_t addr, size_t size,
                                     uint32_t watch_flags,
                                     bool hardware) override;
  lldb_private::Status RemoveWatchpoint(lldb::addr_t addr) override;
  lldb_private::Status SetHardwareBreakpoint(lldb::addr_t addr,
                                             size_t size) override;
  lldb_private::Status RemoveHardwareBreakpoint(lldb::addr_t addr) override;

  llvm::Expected<std::unique_ptr<llvm::MemoryBuffer>>
  GetSiginfo() const override;

  TraceeState &Tracee() { return State; }
  const TraceeState &Tracee() const { return State; }
  bool IsTraced() const { return Traced; }
  const TaskInfo &GetTaskInfo() const { return Info; }
  void SetTaskInfo(TaskInfo info) {
    Info = std::move(info);
    Name.reset();
  }
  bool IsIoThread() const { return Info.IsIoThread(); }
  /// The mode the thread runs in now. A thread we cannot ask (observed, or
  /// not stopped) is taken to run in the process's mode. Told by the code
  /// segment the stop's register read holds, so it costs no system call of
  /// its own.
  ExecutionMode GetExecutionMode();
  /// Why this thread refuses to be stepped, or success.
  llvm::Error CheckSteppable() const;

  /// Records why the thread stopped, as lldb will be told.
  void SetStopReason(lldb::StopReason reason, int signo = 0,
                     std::string description = {});
  /// Records a stop by signal \p signo, described from its siginfo when it
  /// is a fault.
  void SetSignalStopReason(int signo);
  /// Records a fork or vfork stop naming the child.
  void SetForkStopReason(bool vfork, lldb::pid_t child);
  bool HasStopReason() const {
    return StopInfo.reason != lldb::eStopReasonNone;
  }
  /// Reports the thread as stopped by a halt: lldb expects an interrupt to
  /// answer with SIGSTOP (else it takes the stop for the program's own and
  /// drops what it interrupted for, such as a signal to send). No SIGSTOP is
  /// sent; none is delivered when lldb resumes the thread with it.
  void SetHaltedByRequest();
  bool IsHaltedByRequest() const { return HaltedByRequest; }
  /// Resumes the thread, leaving its stop first (see LeaveStop).
  llvm::Error Resume(ResumeKind kind, int signo);
  /// Prepares the thread to leave its stop: a wait our interrupt made fail
  /// with EINTR is set to restart (SyscallRestart.h), and what was read at
  /// the stop is dropped. Resuming does this itself; call it before any
  /// other way the thread leaves a stop (a silent re-resume, a detach).
  void LeaveStop();
  /// Marks a thread the kernel created under us: its first stop is at its
  /// birth, never inside a system call, so leaving it needs no restart check
  /// (and no register read).
  void ExpectBirthStop() { AtBirth = true; }

  /// Writes debug registers changed while the thread could not be written
  /// (a new thread before its first stop, a thread in a group-stop); call it
  /// whenever the thread is in a ptrace-stop.
  void ApplyPendingDebugRegisters();
  /// The debug register slot whose trigger stopped the thread, if any; the
  /// status is cleared so the next stop starts afresh.
  std::optional<unsigned> TakeTriggeredSlot();
  const DebugRegisterSlots &GetDebugRegisterSlots() const { return Slots; }

private:
  lldb_private::Status ClaimSlot(lldb::addr_t addr, size_t size,
                                 DebugRegisterSlots::Use kind);
  lldb_private::Status ReleaseSlot(lldb::addr_t addr, bool execute);
  /// Loads the slots into DR0-DR3 and DR7 now, or when the thread next stops.
  llvm::Error WriteDebugRegisters();
  /// Sets a wait our interrupt made fail with EINTR to restart.
  void RestartInterruptedWait();

  TaskInfo Info;
  bool Traced;
  TraceeState State;
  lldb_private::ThreadStopInfo StopInfo;
  std::string StopDescription;
  std::unique_ptr<RegisterContextX86> Registers;
  TaskNameFile NameFile;
  /// The name as read at this stop; a running thread may rename itself.
  std::optional<std::string> Name;
  DebugRegisterSlots Slots;
  bool DebugRegistersPending = false;
  bool HaltedByRequest = false;
  bool AtBirth = false;
};

} // namespace iothreads

#endif

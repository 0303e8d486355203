//===-- NativeThreadIOThreads.h - One thread of a debugged process -*- C++ -*-//

#ifndef NATIVEPROCESSIOTHREADS_NATIVETHREADIOTHREADS_H
#define NATIVEPROCESSIOTHREADS_NATIVETHREADIOTHREADS_H

#include "RegisterContextX86.h"
#include "TraceeState.h"

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
  /// Why this thread refuses to be stepped, or success.
  llvm::Error CheckSteppable() const;

  /// Records why the thread stopped, as lldb will be told.
  void SetStopReason(lldb::StopReason reason, int signo = 0,
                     std::string description = {});
  /// Resumes the thread; the stop reason and the values cached for the last
  /// stop are dropped first.
  llvm::Error Resume(ResumeKind kind, int signo);
  /// Drops what was read at the last stop. Resuming does this itself; call it
  /// when the thread ran without a resume request (a silent re-resume).
  void ForgetStop();

private:
  TaskInfo Info;
  bool Traced;
  TraceeState State;
  lldb_private::ThreadStopInfo StopInfo;
  std::string StopDescription;
  std::unique_ptr<RegisterContextX86> Registers;
  std::optional<std::string> Name;
};

} // namespace iothreads

#endif

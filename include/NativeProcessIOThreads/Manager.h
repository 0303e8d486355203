//===-- Manager.h - The process factory LLGS is built with ------*- C++ -*-===//
//
// Construct GDBRemoteCommunicationServerLLGS with a ProcessManager and it
// debugs with this backend. The manager owns the one SIGCHLD handler of the
// server and hands each wait status to the process that owns the thread.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_MANAGER_H
#define NATIVEPROCESSIOTHREADS_MANAGER_H

#include "lldb/Host/MainLoop.h"
#include "lldb/Host/common/NativeProcessProtocol.h"
#include "llvm/ADT/DenseMap.h"

#include <optional>
#include <sys/types.h>
#include <vector>

namespace iothreads {

class NativeProcessIOThreads;

class ProcessManager : public lldb_private::NativeProcessProtocol::Manager {
public:
  explicit ProcessManager(lldb_private::MainLoop &mainloop);
  ~ProcessManager() override;

  llvm::Expected<std::unique_ptr<lldb_private::NativeProcessProtocol>>
  Launch(lldb_private::ProcessLaunchInfo &launch_info,
         lldb_private::NativeProcessProtocol::NativeDelegate &delegate)
      override;

  llvm::Expected<std::unique_ptr<lldb_private::NativeProcessProtocol>>
  Attach(lldb::pid_t pid,
         lldb_private::NativeProcessProtocol::NativeDelegate &delegate)
      override;

  lldb_private::NativeProcessProtocol::Extension
  GetSupportedExtensions() const override;

  /// Processes announce themselves so wait statuses reach them.
  void Register(NativeProcessIOThreads &process);
  void Unregister(NativeProcessIOThreads &process);

  /// A new thread's first stop can arrive before the clone event that names
  /// it; such a status waits here until its process claims the thread.
  std::optional<int> TakeEarlyStatus(pid_t tid);

private:
  llvm::Error ListenForChildren();
  void CollectWaitStatuses();

  lldb_private::MainLoop::SignalHandleUP ChildSignalHandle;
  std::vector<NativeProcessIOThreads *> Processes;
  llvm::DenseMap<pid_t, int> EarlyStatuses;
};

} // namespace iothreads

#endif

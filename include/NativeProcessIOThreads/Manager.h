//===-- Manager.h - The process factory LLGS is built with ------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
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
#include "llvm/ADT/DenseSet.h"
#include "llvm/Support/JSON.h"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iothreads {

class Guardian;
class NativeProcessIOThreads;
class ThreadWaiter;

/// What the server does with io_uring threads.
enum class IoThreadPolicy {
  /// Listed from /proc, never seized or stopped: io in flight completes as
  /// it would without a debugger. The default.
  Observe,
  /// Seized and stopped with the other threads, so nothing in the process
  /// runs while it is stopped. Stopping an io-wq worker can abort the
  /// request it is blocked in (an open of a FIFO completes with -ERESTARTSYS).
  Freeze,
};

/// Parses "observe" or "freeze".
std::optional<IoThreadPolicy> ParseIoThreadPolicy(llvm::StringRef text);

class ProcessManager : public lldb_private::NativeProcessProtocol::Manager {
public:
  explicit ProcessManager(lldb_private::MainLoop &mainloop);
  ~ProcessManager() override;

  llvm::Expected<std::unique_ptr<lldb_private::NativeProcessProtocol>> Launch(
      lldb_private::ProcessLaunchInfo &launch_info,
      lldb_private::NativeProcessProtocol::NativeDelegate &delegate) override;

  llvm::Expected<std::unique_ptr<lldb_private::NativeProcessProtocol>> Attach(
      lldb::pid_t pid,
      lldb_private::NativeProcessProtocol::NativeDelegate &delegate) override;

  lldb_private::NativeProcessProtocol::Extension
  GetSupportedExtensions() const override;

  IoThreadPolicy GetIoThreadPolicy() const { return Policy; }
  /// Sets the policy for processes to come and applies it to the stopped
  /// processes being debugged.
  llvm::Error SetIoThreadPolicy(IoThreadPolicy policy);

  /// Whether a blocking call that fails with EINTR only because a stop of
  /// ours interrupted it (epoll_wait, io_uring_enter waiting, ...) is
  /// restarted when the thread resumes or is detached. On by default.
  bool GetRestartSyscalls() const { return RestartSyscalls; }
  void SetRestartSyscalls(bool restart) { RestartSyscalls = restart; }

  /// Whether a process we attach to is traced by a guardian that outlives
  /// the server and leaves the program as it was if the server dies. On by
  /// default.
  bool GetGuardAttached() const { return GuardAttached; }
  void SetGuardAttached(bool guard) { GuardAttached = guard; }

  /// Where cores go when the client names no path, or names one on its own
  /// machine (a platform's session: the client downloads the core and
  /// deletes it); none: the system's temporary directory, and a client's
  /// path as given.
  const std::optional<std::string> &GetCoreDirectory() const {
    return CoreDirectory;
  }
  void SetCoreDirectory(std::string directory) {
    CoreDirectory = std::move(directory);
  }

  /// The io_uring topology of every debugged process, as JSON: its rings and
  /// its threads, each with kind, ring, creator and mode.
  llvm::json::Value DescribeIoUring() const;

  /// Processes announce themselves so wait statuses reach them.
  void Register(NativeProcessIOThreads &process);
  void Unregister(NativeProcessIOThreads &process);

  /// Reports process \p pid's pending stop or exit on the next main loop
  /// turn, after the packet being handled is answered.
  void ReportSoon(lldb::pid_t pid);

  /// Destroys \p threads on the next main loop turn, after the packet being
  /// handled is answered: each closes its name file, which at a thousand
  /// threads would hold up the reply to a detach by a millisecond. A thread
  /// does not touch its process when destroyed, so the process may go first.
  void DestroySoon(
      std::vector<std::unique_ptr<lldb_private::NativeThreadProtocol>> threads);

  /// The one way the backend blocks for a thread: a status the dispatch
  /// collected early comes first, and statuses the waiter does not act on
  /// go back to the dispatch on the next main loop turn.
  ThreadWaiter &GetWaiter();
  /// The status of thread \p tid as the waiter would give it, or none when
  /// a guardian traces for us and nothing came from the thread within
  /// \p timeout_ms (tracing ourselves, it blocks).
  llvm::Expected<std::optional<int>> WaitStatusWithin(pid_t tid,
                                                      int timeout_ms);
  /// Handles the statuses collected and not handled yet, in their order.
  void DispatchCollected();
  /// Handles the status a new thread reported before its process claimed it.
  void DispatchEarlyStatus(pid_t tid);
  /// Whether a status of \p tid is collected and waits its turn to be
  /// handled: the thread is stopped (or gone) already.
  bool HasCollectedStatus(pid_t tid) const;

private:
  class Waiter;
  friend class Waiter;

  llvm::Error ListenForChildren();
  void StartGuardian();
  /// The guardian goes with the last process it traces for.
  void EndGuardianIfIdle();
  /// Collects what the guardian has sent, waiting up to \p timeout_ms for
  /// something.
  llvm::Error ReceiveFromGuardian(int timeout_ms);
  std::optional<int> TakeEarlyStatus(pid_t tid);
  void CollectWaitStatuses();
  /// Waits by tid for the threads that owe an all-stop a stop and handles
  /// what they report. Returns the tids it waited for.
  llvm::DenseSet<pid_t> CollectAwaitedStops();
  /// Collects the statuses waitpid(-1) has now, up to and including one of
  /// a thread in \p awaited. Returns true when it stopped at such a one,
  /// false when it found no more.
  bool CollectAvailable(const llvm::DenseSet<pid_t> &awaited);
  void Dispatch(pid_t tid, int status);
  /// Takes \p entry out of the collection.
  void Uncollect(std::deque<std::pair<pid_t, int>>::iterator entry);

  lldb_private::MainLoop::SignalHandleUP ChildSignalHandle;
  std::unique_ptr<Guardian> Guard;
  lldb_private::MainLoop::ReadHandleUP GuardianHandle;
  bool GuardAttached = true;
  std::vector<NativeProcessIOThreads *> Processes;
  /// A new thread's first stop can arrive before the clone event that names
  /// it (waitpid(-1) returns statuses in no order); such a status waits here
  /// until its process claims the thread and waits for it.
  llvm::DenseMap<pid_t, int> EarlyStatuses;
  /// Statuses collected and not handled yet, in the order they came, and
  /// how many each thread has there, for an all-stop to look up each of its
  /// threads in O(1).
  std::deque<std::pair<pid_t, int>> Collected;
  llvm::DenseMap<pid_t, unsigned> CollectedCounts;
  std::unique_ptr<Waiter> BlockingWaiter;
  IoThreadPolicy Policy = IoThreadPolicy::Observe;
  bool RestartSyscalls = true;
  std::optional<std::string> CoreDirectory;
};

} // namespace iothreads

#endif

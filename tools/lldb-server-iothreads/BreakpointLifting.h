//===-- BreakpointLifting.h - No trap in memory while stopped ---*- C++ -*-===//
//
// When a tracer dies, the kernel detaches its tracees and they run on. A
// software breakpoint left in memory then kills the program with SIGTRAP at
// its next hit, and a thread stopped at one hits it at once: a server
// killed with SIGKILL while an attached program sat at a breakpoint took
// the program with it. So the breakpoints lldb sets in a process we
// attached to are taken out of memory whenever the process stops and put
// back just before it resumes; a program whose server dies while it is
// stopped runs on intact. (A launched program dies with its server by
// design, so its breakpoints stay in.) A running program with breakpoints
// in memory still dies if it reaches one after the server does.
//
//===----------------------------------------------------------------------===//

#ifndef LLDB_SERVER_IOTHREADS_BREAKPOINTLIFTING_H
#define LLDB_SERVER_IOTHREADS_BREAKPOINTLIFTING_H

#include "NativeProcessIOThreads/Manager.h"

#include "lldb/Host/common/NativeProcessProtocol.h"

#include <map>
#include <set>

namespace iothreads {

class BreakpointLifter {
public:
  explicit BreakpointLifter(const ProcessManager &manager) : Manager(manager) {}

  /// Sets a software breakpoint for lldb (Z0), out of memory at once when
  /// the process is stopped with its breakpoints lifted.
  lldb_private::Status Set(lldb_private::NativeProcessProtocol &process,
                           lldb::addr_t addr, uint32_t size);
  /// Removes a breakpoint Set made (z0); false when it made none there.
  bool Remove(lldb_private::NativeProcessProtocol &process, lldb::addr_t addr,
              lldb_private::Status &status);
  /// Takes the breakpoints of a stopped process we attached to out of
  /// memory.
  void Lift(lldb_private::NativeProcessProtocol &process);
  /// Puts them back before the process resumes.
  void Restore(lldb_private::NativeProcessProtocol &process);
  /// Drops what is known of processes no longer debugged (ended,
  /// detached), so that a new process with a reused pid starts afresh.
  void ForgetAllBut(const std::set<lldb::pid_t> &debugged);

private:
  struct Breakpoints {
    /// Sizes by address.
    std::map<lldb::addr_t, uint32_t> Sizes;
    bool Attached = false;
    bool Lifted = false;
  };
  Breakpoints &Of(lldb_private::NativeProcessProtocol &process);

  const ProcessManager &Manager;
  std::map<lldb::pid_t, Breakpoints> ByProcess;
};

} // namespace iothreads

#endif

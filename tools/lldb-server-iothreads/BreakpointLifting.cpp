//===-- BreakpointLifting.cpp - No trap in memory while stopped -----------===//

#include "BreakpointLifting.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"

using namespace iothreads;
using namespace lldb_private;

BreakpointLifter::Breakpoints &
BreakpointLifter::Of(NativeProcessProtocol &process) {
  auto [it, added] = ByProcess.try_emplace(process.GetID());
  if (added)
    it->second.Attached = !Manager.WasLaunched(process.GetID());
  return it->second;
}

Status BreakpointLifter::Set(NativeProcessProtocol &process, lldb::addr_t addr,
                             uint32_t size) {
  Status status = process.SetBreakpoint(addr, size, /*hardware=*/false);
  if (status.Fail())
    return status;
  Breakpoints &breakpoints = Of(process);
  // lldb may set one address twice; the process counts the references.
  if (!breakpoints.Sizes.emplace(addr, size).second)
    return process.RemoveBreakpoint(addr);
  if (breakpoints.Lifted)
    return process.RemoveBreakpoint(addr);
  return status;
}

bool BreakpointLifter::Remove(NativeProcessProtocol &process, lldb::addr_t addr,
                              Status &status) {
  auto it = ByProcess.find(process.GetID());
  if (it == ByProcess.end() || !it->second.Sizes.erase(addr))
    return false;
  status = it->second.Lifted ? Status() : process.RemoveBreakpoint(addr);
  return true;
}

void BreakpointLifter::Lift(NativeProcessProtocol &process) {
  // A process lldb never set a breakpoint in has none to lift.
  auto it = ByProcess.find(process.GetID());
  if (it == ByProcess.end())
    return;
  Breakpoints &breakpoints = it->second;
  if (!breakpoints.Attached || breakpoints.Lifted)
    return;
  for (const auto &[addr, size] : breakpoints.Sizes)
    if (Status status = process.RemoveBreakpoint(addr); status.Fail())
      LLDB_LOG(GetLog(LLDBLog::Breakpoints), "cannot lift {0:x}: {1}", addr,
               status);
  breakpoints.Lifted = true;
}

void BreakpointLifter::Restore(NativeProcessProtocol &process) {
  auto it = ByProcess.find(process.GetID());
  if (it == ByProcess.end() || !it->second.Lifted)
    return;
  for (const auto &[addr, size] : it->second.Sizes)
    if (Status status = process.SetBreakpoint(addr, size, false); status.Fail())
      LLDB_LOG(GetLog(LLDBLog::Breakpoints), "cannot restore {0:x}: {1}", addr,
               status);
  it->second.Lifted = false;
}

void BreakpointLifter::ForgetAllBut(const std::set<lldb::pid_t> &debugged) {
  for (auto it = ByProcess.begin(); it != ByProcess.end();)
    it = debugged.count(it->first) ? std::next(it) : ByProcess.erase(it);
}

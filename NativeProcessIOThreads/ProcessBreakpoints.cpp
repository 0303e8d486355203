//===-- ProcessBreakpoints.cpp - Where software breakpoints live ----------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The process owns the one table of software breakpoints (the protocol's
// m_software_breakpoints) and decides what memory holds.
//
// When a tracer dies the kernel detaches its tracees and they run on; a trap
// left in memory then kills the program with SIGTRAP when it is reached. A
// launched program dies with its server anyway (PTRACE_O_EXITKILL), so its
// traps stay in memory. A program we attached to outlives us, so its traps
// are in memory only while a thread may run: they are lifted (the original
// bytes written back) before lldb hears of a stop, and inserted again just
// before a resume. Each costs one write per breakpoint; nothing is read back,
// since the process is stopped and we know what we wrote. Every trap of such
// a program is listed with its guardian (Guardian.h) before it is written,
// so that the traps in memory when the server dies are put back too.
//
//===----------------------------------------------------------------------===//

#include "DebugTrapDelivery.h"
#include "Guardian.h"
#include "NativeProcessIOThreads.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"

using namespace iothreads;
using namespace lldb_private;

namespace {

Log *BreakpointLog() { return GetLog(LLDBLog::Breakpoints); }

} // namespace

Status NativeProcessIOThreads::SetBreakpoint(lldb::addr_t addr, uint32_t size,
                                             bool hardware) {
  if (hardware)
    return SetHardwareBreakpoint(addr, size);
  if (!TrapsLifted) {
    if (Guardian *guardian = Guardian::Active())
      if (Status status = ListWithGuardian(*guardian, addr, size);
          status.Fail())
        return status;
    return SetSoftwareBreakpoint(addr, size);
  }
  // Out of memory for now: the table learns the original bytes, and the
  // next resume writes the trap.
  auto found = m_software_breakpoints.find(addr);
  if (found != m_software_breakpoints.end()) {
    ++found->second.ref_count;
    return Status();
  }
  llvm::Expected<SoftwareBreakpoint> breakpoint = ReadUnderTrap(addr, size);
  if (!breakpoint)
    return Status(breakpoint.takeError());
  m_software_breakpoints.emplace(addr, std::move(*breakpoint));
  return Status();
}

llvm::Expected<NativeProcessProtocol::SoftwareBreakpoint>
NativeProcessIOThreads::ReadUnderTrap(lldb::addr_t addr, uint32_t size) {
  llvm::Expected<llvm::ArrayRef<uint8_t>> trap =
      GetSoftwareBreakpointTrapOpcode(size);
  if (!trap)
    return trap.takeError();
  llvm::SmallVector<uint8_t, 4> original(trap->size());
  size_t read = 0;
  if (Status status = ReadMemory(addr, original.data(), original.size(), read);
      status.Fail())
    return status.ToError();
  if (read != original.size())
    return llvm::createStringError(
        llvm::inconvertibleErrorCode(),
        "cannot read the %zu bytes under a breakpoint at 0x%" PRIx64,
        original.size(), addr);
  return SoftwareBreakpoint{1, original, *trap};
}

Status NativeProcessIOThreads::RemoveBreakpoint(lldb::addr_t addr,
                                                bool hardware) {
  if (hardware)
    return RemoveHardwareBreakpoint(addr);
  if (!TrapsLifted)
    return NativeProcessProtocol::RemoveBreakpoint(addr);
  auto found = m_software_breakpoints.find(addr);
  if (found == m_software_breakpoints.end())
    return Status("no software breakpoint at 0x%" PRIx64, addr);
  if (--found->second.ref_count == 0)
    m_software_breakpoints.erase(found);
  return Status();
}

Status NativeProcessIOThreads::SetHardwareBreakpoint(lldb::addr_t addr,
                                                     size_t size) {
  if (!DebugTrapsDelivered())
    return Status(UndeliveredDebugTrapsError());
  return NativeProcessProtocol::SetHardwareBreakpoint(addr, size);
}

Status NativeProcessIOThreads::SetWatchpoint(lldb::addr_t addr, size_t size,
                                             uint32_t watch_flags,
                                             bool hardware) {
  if (!DebugTrapsDelivered())
    return Status(UndeliveredDebugTrapsError());
  return NativeProcessProtocol::SetWatchpoint(addr, size, watch_flags,
                                              hardware);
}

Status NativeProcessIOThreads::ListWithGuardian(Guardian &guardian,
                                                lldb::addr_t addr,
                                                uint32_t size) {
  if (m_software_breakpoints.count(addr))
    return Status();
  llvm::Expected<SoftwareBreakpoint> breakpoint = ReadUnderTrap(addr, size);
  if (!breakpoint)
    return Status(breakpoint.takeError());
  guardian.ListTrap(addr, breakpoint->saved_opcodes,
                    breakpoint->breakpoint_opcodes);
  return Status();
}

void NativeProcessIOThreads::WriteBreakpointBytes(bool traps) {
  Guardian *guardian = traps ? Guardian::Active() : nullptr;
  for (const auto &[addr, breakpoint] : m_software_breakpoints) {
    if (guardian)
      guardian->ListTrap(addr, breakpoint.saved_opcodes,
                         breakpoint.breakpoint_opcodes);
    llvm::ArrayRef<uint8_t> bytes =
        traps ? breakpoint.breakpoint_opcodes
              : llvm::ArrayRef<uint8_t>(breakpoint.saved_opcodes);
    if (llvm::Error error =
            Memory.Write(addr, bytes.data(), bytes.size()).takeError())
      LLDB_LOG_ERROR(BreakpointLog(), std::move(error),
                     "cannot write the {1} at {2:x}: {0}",
                     traps ? "trap" : "original bytes", addr);
  }
}

void NativeProcessIOThreads::LiftTraps() {
  if (Launched || TrapsLifted)
    return;
  WriteBreakpointBytes(/*traps=*/false);
  TrapsLifted = true;
}

void NativeProcessIOThreads::InsertTraps() {
  if (!TrapsLifted)
    return;
  WriteBreakpointBytes(/*traps=*/true);
  TrapsLifted = false;
}

void NativeProcessIOThreads::KeepWrittenBytes(lldb::addr_t addr,
                                              llvm::ArrayRef<uint8_t> bytes) {
  // With the traps lifted, what lldb writes under a breakpoint is the
  // program's own byte: it must survive the next insertion and lifting.
  if (!TrapsLifted)
    return;
  for (auto &[at, breakpoint] : m_software_breakpoints)
    for (size_t i = 0; i < breakpoint.saved_opcodes.size(); ++i)
      if (at + i >= addr && at + i < addr + bytes.size())
        breakpoint.saved_opcodes[i] = bytes[at + i - addr];
}

void NativeProcessIOThreads::ForgetBreakpoints() {
  m_software_breakpoints.clear();
  TrapsLifted = false;
}

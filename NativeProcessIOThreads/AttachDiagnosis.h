//===-- AttachDiagnosis.h - Why an attach was refused -----------*- C++ -*-===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
// The kernel answers a refused PTRACE_SEIZE with EPERM and a pid it cannot
// see with ESRCH, whatever the reason. The reason decides the fix, so each
// candidate is checked rather than guessed: another tracer, a seccomp filter
// on this server, a user namespace we do not own, credentials without
// CAP_SYS_PTRACE, Yama's ptrace_scope, and a pid given from another PID
// namespace.
//
//===----------------------------------------------------------------------===//

#ifndef NATIVEPROCESSIOTHREADS_ATTACHDIAGNOSIS_H
#define NATIVEPROCESSIOTHREADS_ATTACHDIAGNOSIS_H

#include <cstdint>
#include <optional>
#include <string>
#include <sys/types.h>
#include <vector>

namespace iothreads {

/// What was found out about a refused PTRACE_SEIZE.
struct PtraceRefusalFacts {
  /// The process tracing the target, and its name.
  std::optional<pid_t> TracerPid;
  std::string TracerName;
  /// A seccomp filter makes every ptrace call of this server fail.
  bool SeccompRefusesPtrace = false;
  /// The target's user namespace is neither ours nor below ours.
  bool ForeignUserNamespace = false;
  std::string TargetUserNamespace, OwnUserNamespace;
  bool HasSysPtrace = false;
  /// The target's permitted capabilities that this server does not hold.
  uint64_t TargetCapabilitiesNotOurs = 0;
  std::optional<uid_t> TargetUid;
  uid_t OwnUid = 0;
  /// kernel.yama.ptrace_scope; none without Yama.
  std::optional<int> YamaScope;
  /// This server is an ancestor of the target (Yama's scope 1 allows it).
  bool IsAncestor = false;
};

/// Looks at process \p pid and its thread \p tid, and at this server.
PtraceRefusalFacts GatherPtraceRefusalFacts(pid_t pid, pid_t tid);

/// The cause and its fix, in words; none when no check explains it.
std::optional<std::string>
ExplainPtraceRefusal(pid_t pid, const PtraceRefusalFacts &facts);

/// A process of another PID namespace that has \p pid there: its pid in
/// ours, and its NSpid line (outermost first).
struct NamespacedPid {
  pid_t Here;
  std::vector<pid_t> Chain;
};

/// Every process whose innermost pid is \p pid but whose pid here is not.
std::vector<NamespacedPid> FindPidInOtherNamespaces(pid_t pid);

/// Why there is no process \p pid, when \p found shows it is one seen from
/// another PID namespace.
std::optional<std::string>
ExplainMissingPid(pid_t pid, const std::vector<NamespacedPid> &found);

} // namespace iothreads

#endif

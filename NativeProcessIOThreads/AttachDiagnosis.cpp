//===-- AttachDiagnosis.cpp - Why an attach was refused -------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AttachDiagnosis.h"

#include "NativeProcessIOThreads/Procfs.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <cerrno>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/nsfs.h>
#include <sys/ioctl.h>
#include <sys/ptrace.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace iothreads;

namespace {

std::optional<std::string> ReadStatus(const llvm::Twine &path) {
  llvm::Expected<std::string> text = ReadProcFile(path);
  if (!text) {
    llvm::consumeError(text.takeError());
    return std::nullopt;
  }
  return std::move(*text);
}

/// The real uid of a /proc status file ("Uid:\t1000\t1000\t1000\t1000").
std::optional<uid_t> RealUid(const std::string &status) {
  std::optional<llvm::StringRef> value = StatusField(status, "Uid");
  uid_t uid;
  if (!value || value->split('\t').first.getAsInteger(10, uid))
    return std::nullopt;
  return uid;
}

/// A capability set of a /proc status file ("CapPrm:\t000001ffffffffff").
std::optional<uint64_t> Capabilities(const std::string &status,
                                     llvm::StringRef name) {
  std::optional<llvm::StringRef> value = StatusField(status, name);
  uint64_t mask;
  if (!value || value->trim().getAsInteger(16, mask))
    return std::nullopt;
  return mask;
}

/// A seccomp filter that refuses ptrace answers a request about pid 0 with
/// its own errno; the kernel itself would say ESRCH.
bool SeccompRefusesPtrace() {
  errno = 0;
  ::ptrace(PTRACE_GETEVENTMSG, 0, nullptr, nullptr);
  return errno != ESRCH && errno != 0;
}

std::optional<ino_t> Inode(int fd) {
  struct stat status;
  if (::fstat(fd, &status) != 0)
    return std::nullopt;
  return status.st_ino;
}

/// Whether this server runs in a user namespace of its own: the initial one
/// maps every uid to itself.
bool InChildUserNamespace() {
  std::optional<std::string> map = ReadStatus("/proc/self/uid_map");
  if (!map)
    return false;
  llvm::SmallVector<llvm::StringRef, 3> fields;
  llvm::SplitString(*map, fields, " \t\n");
  return !(fields.size() == 3 && fields[0] == "0" && fields[1] == "0" &&
           fields[2] == "4294967295");
}

/// Whether the user namespace of \p pid is ours or one below it: walking up
/// from it reaches ours (the kernel refuses to go above what we can see). A
/// namespace the kernel will not even show us is outside ours when ours is
/// not the initial one.
bool UserNamespaceIsOursOrBelow(pid_t pid, std::string &target,
                                std::string &own) {
  struct stat ours;
  if (::stat("/proc/self/ns/user", &ours) != 0)
    return true;
  own = llvm::formatv("user:[{0}]", ours.st_ino).str();
  int fd = ::open(llvm::formatv("/proc/{0}/ns/user", pid).str().c_str(),
                  O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return !InChildUserNamespace();
  if (std::optional<ino_t> inode = Inode(fd))
    target = llvm::formatv("user:[{0}]", *inode).str();
  bool below = false;
  while (fd >= 0 && !below) {
    below = Inode(fd) == ours.st_ino;
    int parent = below ? -1 : ::ioctl(fd, NS_GET_PARENT);
    ::close(fd);
    fd = parent;
  }
  return below;
}

std::optional<pid_t> ParentOf(pid_t pid) {
  llvm::Expected<TaskStat> stat = ReadTaskStat(pid, pid);
  if (!stat) {
    llvm::consumeError(stat.takeError());
    return std::nullopt;
  }
  return stat->ParentPid;
}

bool IsAncestorOf(pid_t pid) {
  pid_t self = ::getpid();
  for (int depth = 0; depth < 4096 && pid > 1; ++depth) {
    std::optional<pid_t> parent = ParentOf(pid);
    if (!parent)
      return false;
    if (*parent == self)
      return true;
    pid = *parent;
  }
  return false;
}

} // namespace

PtraceRefusalFacts iothreads::GatherPtraceRefusalFacts(pid_t pid, pid_t tid) {
  PtraceRefusalFacts facts;
  facts.TracerPid = ReadTracerPid(pid, tid);
  if (facts.TracerPid && *facts.TracerPid != 0)
    if (std::optional<std::string> comm =
            ReadStatus(llvm::formatv("/proc/{0}/comm", *facts.TracerPid)))
      facts.TracerName = llvm::StringRef(*comm).trim().str();
  facts.SeccompRefusesPtrace = SeccompRefusesPtrace();
  facts.ForeignUserNamespace = !UserNamespaceIsOursOrBelow(
      pid, facts.TargetUserNamespace, facts.OwnUserNamespace);
  std::optional<std::string> own = ReadStatus("/proc/self/status");
  std::optional<uint64_t> own_effective =
      own ? Capabilities(*own, "CapEff") : std::nullopt;
  std::optional<uint64_t> own_permitted =
      own ? Capabilities(*own, "CapPrm") : std::nullopt;
  facts.HasSysPtrace =
      own_effective && (*own_effective & (uint64_t(1) << CAP_SYS_PTRACE));
  if (std::optional<std::string> status =
          ReadStatus(llvm::formatv("/proc/{0}/status", pid))) {
    facts.TargetUid = RealUid(*status);
    std::optional<uint64_t> target = Capabilities(*status, "CapPrm");
    if (target && own_permitted)
      facts.TargetCapabilitiesNotOurs = *target & ~*own_permitted;
  }
  facts.OwnUid = ::getuid();
  if (std::optional<std::string> scope =
          ReadStatus("/proc/sys/kernel/yama/ptrace_scope")) {
    int value;
    if (!llvm::StringRef(*scope).trim().getAsInteger(10, value))
      facts.YamaScope = value;
  }
  facts.IsAncestor = IsAncestorOf(pid);
  return facts;
}

std::optional<std::string>
iothreads::ExplainPtraceRefusal(pid_t pid, const PtraceRefusalFacts &facts) {
  if (facts.TracerPid && *facts.TracerPid != 0)
    return llvm::formatv("it is already traced by process {0}{1}; a process "
                         "has one tracer at a time: detach that one first",
                         *facts.TracerPid,
                         facts.TracerName.empty()
                             ? std::string()
                             : " (" + facts.TracerName + ")")
        .str();
  if (facts.SeccompRefusesPtrace)
    return std::string(
        "a seccomp filter forbids this server the ptrace system call (a "
        "container's profile does this; run the container with a profile "
        "that allows ptrace, for example podman or docker run "
        "--cap-add=SYS_PTRACE --security-opt seccomp=unconfined)");
  if (facts.ForeignUserNamespace)
    return llvm::formatv(
               "process {0} is {1} this server's user namespace ({2}), and "
               "capabilities count only inside the namespace that holds "
               "them: run the server in the program's user namespace or in "
               "one above it",
               pid,
               facts.TargetUserNamespace.empty()
                   ? std::string("outside")
                   : "in " + facts.TargetUserNamespace + ", outside",
               facts.OwnUserNamespace)
        .str();
  if (facts.YamaScope && *facts.YamaScope >= 3)
    return llvm::formatv("kernel.yama.ptrace_scope is {0}: this kernel lets "
                         "no process attach until it reboots",
                         *facts.YamaScope)
        .str();
  if (!facts.HasSysPtrace && facts.YamaScope && *facts.YamaScope == 2)
    return std::string(
        "kernel.yama.ptrace_scope is 2: only a process with CAP_SYS_PTRACE "
        "may attach, and this server lacks it (run it as root, or a "
        "container with --cap-add=SYS_PTRACE)");
  if (!facts.HasSysPtrace && facts.TargetUid &&
      *facts.TargetUid != facts.OwnUid)
    return llvm::formatv(
               "process {0} runs as uid {1} and this server as uid {2}, "
               "without CAP_SYS_PTRACE (run the server as uid {1}, or as "
               "root with CAP_SYS_PTRACE; a container needs "
               "--cap-add=SYS_PTRACE)",
               pid, *facts.TargetUid, facts.OwnUid)
        .str();
  if (!facts.HasSysPtrace && facts.TargetCapabilitiesNotOurs != 0)
    return llvm::formatv(
               "process {0} holds capabilities this server lacks (mask "
               "{1:x}), and only a tracer with CAP_SYS_PTRACE may trace "
               "such a process (run the server with CAP_SYS_PTRACE; a "
               "container needs --cap-add=SYS_PTRACE)",
               pid, facts.TargetCapabilitiesNotOurs)
        .str();
  if (!facts.HasSysPtrace && !facts.IsAncestor && facts.YamaScope &&
      *facts.YamaScope == 1)
    return std::string(
        "kernel.yama.ptrace_scope is 1: only a process's ancestors may "
        "attach to it, and this server is not one (start the program from "
        "lldb, give the server CAP_SYS_PTRACE, or set the sysctl to 0)");
  return std::nullopt;
}

std::vector<NamespacedPid> iothreads::FindPidInOtherNamespaces(pid_t pid) {
  std::vector<NamespacedPid> found;
  llvm::Expected<std::vector<pid_t>> processes = ListProcesses();
  if (!processes) {
    llvm::consumeError(processes.takeError());
    return found;
  }
  for (pid_t here : *processes) {
    std::optional<std::string> status =
        ReadStatus(llvm::formatv("/proc/{0}/status", here));
    std::optional<llvm::StringRef> line =
        status ? StatusField(*status, "NSpid") : std::nullopt;
    if (!line || here == pid)
      continue;
    llvm::SmallVector<llvm::StringRef, 4> fields;
    llvm::SplitString(*line, fields, " \t");
    NamespacedPid match{here, {}};
    for (llvm::StringRef field : fields) {
      pid_t value;
      if (field.getAsInteger(10, value))
        break;
      match.Chain.push_back(value);
    }
    if (match.Chain.size() > 1 && match.Chain.back() == pid)
      found.push_back(std::move(match));
  }
  return found;
}

std::optional<std::string>
iothreads::ExplainMissingPid(pid_t pid,
                             const std::vector<NamespacedPid> &found) {
  if (found.empty())
    return std::nullopt;
  std::vector<std::string> described;
  for (const NamespacedPid &match : found)
    described.push_back(
        llvm::formatv("process {0} here (NSpid: {1})", match.Here,
                      llvm::join(llvm::map_range(match.Chain,
                                                 [](pid_t value) {
                                                   return std::to_string(value);
                                                 }),
                                 " "))
            .str());
  if (found.size() == 1)
    return llvm::formatv("no process has that pid in this server's PID "
                         "namespace; it is the pid in its own namespace of "
                         "{0}: attach to {1}",
                         described.front(), found.front().Here)
        .str();
  return llvm::formatv("no process has that pid in this server's PID "
                       "namespace; other namespaces give it to {0}: attach "
                       "to the one you mean by its pid here",
                       llvm::join(described, ", "))
      .str();
}

//===-- Guardian.cpp - The server's side of its guardian ------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "Guardian.h"
#include "GuardianProcess.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <poll.h>
#include <sys/mman.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace iothreads;
using namespace iothreads::guardian;

namespace {

Guardian *ActiveGuardian = nullptr;

/// Room for more breakpoints than lldb sets in any session we know of; the
/// mapping costs only the pages its entries touch.
constexpr uint32_t TrapCapacity = 1u << 18;

llvm::Error SystemError(const char *what) {
  return llvm::createStringError(
      std::error_code(errno, std::generic_category()), "%s: %s", what,
      std::strerror(errno));
}

size_t FixedSizeOf(int op) {
  switch (op) {
  case PTRACE_GETEVENTMSG:
    return sizeof(unsigned long);
  case PTRACE_GETSIGINFO:
    return sizeof(siginfo_t);
  case PTRACE_GETREGS:
  case PTRACE_SETREGS:
    return sizeof(user_regs_struct);
  case PTRACE_GETFPREGS:
  case PTRACE_SETFPREGS:
    return sizeof(user_fpregs_struct);
  default:
    return 0;
  }
}

} // namespace

Guardian::Guardian(pid_t pid, int requests, int statuses, TrapTable *table)
    : Pid(pid), Requests(requests), Statuses(statuses), Table(table) {
  ActiveGuardian = this;
}

Guardian::~Guardian() {
  Request release{ReleaseOp, 0, 0, 0, 0, 0};
  // A guardian that is gone needs no telling.
  (void)::send(Requests, &release, sizeof(release), MSG_NOSIGNAL);
  ::close(Requests);
  ::close(Statuses);
  // It lets go of whatever it still traces before it exits; once we have
  // reaped it, the program is free for the next debugger.
  while (::waitpid(Pid, nullptr, 0) < 0 && errno == EINTR)
    ;
  ::munmap(Table, TrapTable::BytesFor(Table->Capacity));
  ActiveGuardian = nullptr;
}

Guardian *Guardian::Active() { return ActiveGuardian; }

llvm::Expected<std::unique_ptr<Guardian>> Guardian::Start() {
  int requests[2];
  if (::socketpair(AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, requests) != 0)
    return SystemError("cannot make the guardian's request socket");
  // A stream has no limit on queued messages, only on bytes, so a burst of
  // stops never makes the guardian wait for us.
  int statuses[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, statuses) != 0) {
    llvm::Error error = SystemError("cannot make the guardian's status socket");
    ::close(requests[0]);
    ::close(requests[1]);
    return error;
  }
  auto close_all = [&] {
    for (int fd : {requests[0], requests[1], statuses[0], statuses[1]})
      ::close(fd);
  };
  void *mapping =
      ::mmap(nullptr, TrapTable::BytesFor(TrapCapacity), PROT_READ | PROT_WRITE,
             MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  if (mapping == MAP_FAILED) {
    llvm::Error error = SystemError("cannot map the guardian's trap table");
    close_all();
    return error;
  }
  auto *table = static_cast<TrapTable *>(mapping);
  table->Capacity = TrapCapacity;
  pid_t pid = ::fork();
  if (pid == 0)
    RunGuardian(requests[1], statuses[1], table);
  if (pid < 0) {
    llvm::Error error = SystemError("cannot start the guardian");
    close_all();
    ::munmap(mapping, TrapTable::BytesFor(TrapCapacity));
    return error;
  }
  ::close(requests[1]);
  ::close(statuses[1]);
  return std::unique_ptr<Guardian>(
      new Guardian(pid, requests[0], statuses[0], table));
}

long Guardian::Ptrace(int op, pid_t tid, void *addr, void *data) {
  Shape shape = ShapeOf(op);
  if (shape == Shape::Refused) {
    errno = EINVAL;
    return -1;
  }
  Request request{op,
                  tid,
                  reinterpret_cast<uintptr_t>(addr),
                  reinterpret_cast<uintptr_t>(data),
                  0,
                  0};
  const void *in = nullptr;
  void *out = nullptr;
  auto *vector = static_cast<iovec *>(data);
  switch (shape) {
  case Shape::Values:
  case Shape::Refused:
    break;
  case Shape::DataOut:
    out = data;
    request.OutSize = FixedSizeOf(op);
    break;
  case Shape::DataIn:
    in = data;
    request.InSize = FixedSizeOf(op);
    break;
  case Shape::DataIovec:
    if (op == PTRACE_GETREGSET) {
      out = vector->iov_base;
      request.OutSize = vector->iov_len;
    } else {
      in = vector->iov_base;
      request.InSize = vector->iov_len;
    }
    break;
  case Shape::AddrInDataOut: {
    auto *arguments = static_cast<__ptrace_peeksiginfo_args *>(addr);
    in = arguments;
    request.InSize = sizeof(*arguments);
    out = data;
    request.OutSize = arguments->nr * sizeof(siginfo_t);
    break;
  }
  }
  if (request.InSize > MaxPayload || request.OutSize > MaxPayload) {
    errno = E2BIG;
    return -1;
  }
  Buffer.resize(sizeof(Request) + MaxPayload);
  std::memcpy(Buffer.data(), &request, sizeof(request));
  if (in)
    std::memcpy(Buffer.data() + sizeof(request), in, request.InSize);
  if (::send(Requests, Buffer.data(), sizeof(request) + request.InSize,
             MSG_NOSIGNAL) < 0)
    return -1;
  ssize_t got;
  while ((got = ::recv(Requests, Buffer.data(), Buffer.size(), 0)) < 0 &&
         errno == EINTR)
    ;
  if (got < static_cast<ssize_t>(sizeof(Reply))) {
    // The guardian is gone, and with it every tracee of ours.
    errno = ESRCH;
    return -1;
  }
  Reply reply;
  std::memcpy(&reply, Buffer.data(), sizeof(reply));
  size_t returned = std::min<size_t>(reply.OutSize, got - sizeof(reply));
  if (out)
    std::memcpy(out, Buffer.data() + sizeof(reply), returned);
  if (shape == Shape::DataIovec && op == PTRACE_GETREGSET)
    vector->iov_len = returned;
  errno = reply.Error;
  return reply.Result;
}

llvm::Error
Guardian::ReceiveStatuses(std::vector<std::pair<pid_t, int>> &received,
                          int timeout_ms) {
  size_t before = received.size();
  char chunk[64 * sizeof(Status)];
  for (;;) {
    ssize_t got = ::recv(Statuses, chunk, sizeof(chunk), MSG_DONTWAIT);
    if (got == 0)
      return llvm::createStringError(std::make_error_code(std::errc::io_error),
                                     "the guardian (pid %d) has ended", Pid);
    if (got < 0) {
      if (errno == EINTR)
        continue;
      if (errno != EAGAIN)
        return SystemError("cannot hear from the guardian");
      if (timeout_ms == 0 || received.size() > before)
        return llvm::Error::success();
      pollfd ready{Statuses, POLLIN, 0};
      int polled = ::poll(&ready, 1, timeout_ms);
      if (polled < 0 && errno != EINTR)
        return SystemError("cannot wait for the guardian");
      if (polled == 0)
        return llvm::Error::success();
      continue;
    }
    Partial.insert(Partial.end(), chunk, chunk + got);
    size_t whole = Partial.size() / sizeof(Status) * sizeof(Status);
    for (size_t at = 0; at < whole; at += sizeof(Status)) {
      Status status;
      std::memcpy(&status, Partial.data() + at, sizeof(status));
      received.emplace_back(status.Tid, status.Value);
    }
    Partial.erase(Partial.begin(), Partial.begin() + whole);
  }
}

void Guardian::ListTrap(lldb::addr_t addr, llvm::ArrayRef<uint8_t> saved,
                        llvm::ArrayRef<uint8_t> opcode) {
  Trap trap{addr, static_cast<uint8_t>(opcode.size()), {}, {}};
  if (opcode.size() > sizeof(trap.Saved) || saved.size() != opcode.size())
    return;
  llvm::copy(saved, trap.Saved);
  llvm::copy(opcode, trap.Opcode);
  auto [entry, added] = TrapEntries.try_emplace(addr, 0);
  if (!added) {
    Table->Entries()[entry->second] = trap;
    return;
  }
  // The entry first, the count after: the guardian may read the table at
  // any moment once we are gone.
  uint32_t count = Table->Count.load(std::memory_order_relaxed);
  if (count == Table->Capacity) {
    TrapEntries.erase(entry);
    return;
  }
  entry->second = count;
  Table->Entries()[count] = trap;
  Table->Count.store(count + 1, std::memory_order_release);
}

void Guardian::ForgetTraps() {
  Table->Count.store(0, std::memory_order_release);
  TrapEntries.clear();
}

//===-- GuardianProcess.cpp - What runs in the guardian -------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "GuardianProcess.h"
#include "Ptrace.h"
#include "SyscallRestart.h"

#include "NativeProcessIOThreads/ExecutionMode.h"
#include "NativeProcessIOThreads/Procfs.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/FormatVariadic.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <cstddef>
#include <cstring>
#include <fcntl.h>
#include <linux/close_range.h>
#include <mutex>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <utility>
#include <vector>

using namespace iothreads;
using namespace iothreads::guardian;

namespace {

/// How long a rescue waits for the threads it interrupted: a thread blocked
/// in the kernel stops when it returns, and one that never does is left to
/// the kernel's detach when we exit, its traps already gone.
constexpr std::chrono::seconds RescuePatience(10);

/// What the guardian knows of one thread it traces.
struct Tracee {
  /// In a ptrace-stop nobody has resumed it from.
  bool Stopped = false;
  /// The wait status of that stop.
  int Status = 0;
};

/// Threads stopped at their exit event, for a seize that blocks. A seize of a
/// thread of a process in the middle of an exec waits for the exec, and the
/// exec waits for the threads it killed to finish exiting; one we trace
/// stops at its exit event first, and only its tracer, the very thread
/// blocked in the seize, can let it go. A signal interrupts the seize (the
/// kernel restarts it after the handler), and the handler lets them go.
struct ExitStops {
  static constexpr size_t Capacity = 256;
  std::atomic<pid_t> Stopped[Capacity] = {};
  /// Those let go here, whose resume from the server is yet to come.
  std::atomic<pid_t> Resumed[Capacity] = {};
  std::atomic<bool> Seizing{false};
  pid_t Tracer = 0;

  /// The reaper thread saw \p tid stop at its exit event.
  void Add(pid_t tid) {
    for (std::atomic<pid_t> &slot : Stopped) {
      pid_t empty = 0;
      if (slot.compare_exchange_strong(empty, tid))
        break;
    }
    if (Seizing.load())
      ::syscall(SYS_tgkill, ::getpid(), Tracer, SIGUSR1);
  }
  /// The server resumed or detached \p tid itself.
  void Remove(pid_t tid) {
    for (std::atomic<pid_t> &slot : Stopped) {
      pid_t expected = tid;
      slot.compare_exchange_strong(expected, 0);
    }
  }
  /// On the tracer thread: lets every one of them go on exiting.
  void ResumeAll() {
    for (std::atomic<pid_t> &slot : Stopped) {
      pid_t tid = slot.exchange(0);
      if (tid <= 0 || ::ptrace(PTRACE_CONT, tid, nullptr, nullptr) != 0)
        continue;
      for (std::atomic<pid_t> &resumed : Resumed) {
        pid_t empty = 0;
        if (resumed.compare_exchange_strong(empty, tid))
          break;
      }
    }
  }
  /// Whether \p tid was let go here; the mark goes.
  bool TakeResumed(pid_t tid) {
    for (std::atomic<pid_t> &slot : Resumed) {
      pid_t expected = tid;
      if (slot.compare_exchange_strong(expected, 0))
        return true;
    }
    return false;
  }
  /// Runs a seize. Either the reaper sees Seizing and signals us, or we see
  /// what it added before.
  long Seize(pid_t tid, void *options) {
    Seizing.store(true);
    ResumeAll();
    long result = ::ptrace(PTRACE_SEIZE, tid, nullptr, options);
    int error = errno;
    Seizing.store(false);
    errno = error;
    return result;
  }
};

ExitStops PendingExitStops;

void ResumeExitStops(int) {
  int saved = errno;
  PendingExitStops.ResumeAll();
  errno = saved;
}

/// Reaps wait statuses on a thread of its own, so that none waits while a
/// request blocks: PTRACE_SEIZE of a thread of a process in the middle of an
/// exec waits for the exec, and the exec waits for the threads it killed to
/// be reaped; when we trace those, only another thread of ours can reap
/// them. The thread runs until the guardian exits.
class StatusReaper {
public:
  StatusReaper() : Wake(::eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) {
    std::thread([this] { Run(); }).detach();
  }

  /// Readable when statuses are waiting to be taken.
  int GetDescriptor() const { return Wake; }
  /// A thread was seized: there is a child to wait for again.
  void Expect() {
    {
      std::lock_guard<std::mutex> guard(Lock);
      ++Seizes;
    }
    Seized.notify_one();
  }
  std::vector<Status> Take() {
    uint64_t count;
    (void)::read(Wake, &count, sizeof(count));
    std::lock_guard<std::mutex> guard(Lock);
    return std::exchange(Reaped, {});
  }

private:
  void Run() {
    for (;;) {
      uint64_t seizes;
      {
        std::lock_guard<std::mutex> guard(Lock);
        seizes = Seizes;
      }
      int status;
      pid_t tid = ::waitpid(-1, &status, __WALL);
      if (tid > 0) {
        // The rest of a burst (an all-stop's stops) goes with it, in one
        // wake of the loop.
        std::vector<Status> burst;
        do {
          if (status >> 8 == (SIGTRAP | PTRACE_EVENT_EXIT << 8))
            PendingExitStops.Add(tid);
          burst.push_back(Status{tid, status});
        } while ((tid = ::waitpid(-1, &status, __WALL | WNOHANG)) > 0);
        {
          std::lock_guard<std::mutex> guard(Lock);
          Reaped.insert(Reaped.end(), burst.begin(), burst.end());
        }
        uint64_t one = 1;
        (void)::write(Wake, &one, sizeof(one));
        continue;
      }
      if (errno == EINTR)
        continue;
      // No child: none until the next seize.
      std::unique_lock<std::mutex> guard(Lock);
      Seized.wait(guard, [&] { return Seizes != seizes; });
    }
  }

  int Wake;
  std::mutex Lock;
  std::condition_variable Seized;
  uint64_t Seizes = 0;
  std::vector<Status> Reaped;
};

class GuardianLoop {
public:
  GuardianLoop(int requests, int statuses, int signals, TrapTable *table)
      : Requests(requests), Statuses(statuses), Signals(signals), Table(table) {
  }

  /// Serves until released (returns) or until the server is gone (rescues,
  /// then returns).
  void Serve();

private:
  /// Runs one request; false when the server has gone or released us.
  bool HandleRequest();
  long Run(const Request &request, char *in, char *out, uint32_t &out_size);
  void NoteRequest(const Request &request, long result);
  /// A resume of a thread we let go ourselves (ExitStops) that would now
  /// resume another.
  bool IsStaleResume(const Request &request);
  /// Collects every wait status there is and queues it for the server.
  void CollectStatuses(bool forward);
  void NoteStatus(pid_t tid, int status);
  void Flush(bool block);
  /// Drains the signal descriptor; true when asked to end.
  bool TakeSignals();
  /// Every task whose tracer is this process.
  void FindEveryTracee();

  void Rescue();
  void StopEveryThread();
  void RestoreTraps(const llvm::DenseSet<pid_t> &processes);
  void Release(pid_t tid, int status);
  int SignalDue(pid_t tid, int status, user_regs_struct &regs,
                bool &regs_changed);
  bool IsTrapAt(uint64_t addr) const;

  int Requests;
  int Statuses;
  int Signals;
  TrapTable *Table;
  StatusReaper Reaper;
  llvm::DenseMap<pid_t, Tracee> Tracees;
  std::vector<char> Outgoing;
  std::vector<char> Buffer;
};

void GuardianLoop::Serve() {
  Buffer.resize(2 * (sizeof(Request) + MaxPayload));
  for (;;) {
    pollfd ready[4] = {
        {Requests, POLLIN, 0},
        {Reaper.GetDescriptor(), POLLIN, 0},
        {Signals, POLLIN, 0},
        {Statuses, static_cast<short>(Outgoing.empty() ? 0 : POLLOUT), 0}};
    if (::poll(ready, 4, -1) < 0) {
      if (errno == EINTR)
        continue;
      break;
    }
    if (ready[2].revents && TakeSignals())
      break;
    if (ready[1].revents)
      CollectStatuses(/*forward=*/true);
    if (ready[3].revents)
      Flush(/*block=*/false);
    if (ready[0].revents && !HandleRequest())
      return;
  }
  Rescue();
}

bool GuardianLoop::TakeSignals() {
  signalfd_siginfo info;
  bool end = false;
  while (::read(Signals, &info, sizeof(info)) == sizeof(info))
    end = true;
  return end;
}

bool GuardianLoop::HandleRequest() {
  ssize_t got;
  while ((got = ::recv(Requests, Buffer.data(), sizeof(Request) + MaxPayload,
                       0)) < 0 &&
         errno == EINTR)
    ;
  if (got < static_cast<ssize_t>(sizeof(Request))) {
    Rescue();
    return false;
  }
  Request request;
  std::memcpy(&request, Buffer.data(), sizeof(request));
  if (request.Op == ReleaseOp) {
    // Nothing should be traced now; what is, goes as after a death.
    if (!Tracees.empty())
      Rescue();
    return false;
  }
  char *in = Buffer.data() + sizeof(Request);
  char *out = Buffer.data() + sizeof(Request) + MaxPayload + sizeof(Reply);
  uint32_t out_size = 0;
  long result = 0;
  errno = 0;
  if (!IsStaleResume(request)) {
    result = Run(request, in, out, out_size);
    NoteRequest(request, result);
  }
  Reply reply{result, errno, out_size};
  char *message = out - sizeof(Reply);
  std::memcpy(message, &reply, sizeof(reply));
  // The server waits for this reply and reads statuses only between
  // requests, so it goes at once.
  (void)::send(Requests, message, sizeof(reply) + out_size, MSG_NOSIGNAL);
  return true;
}

long GuardianLoop::Run(const Request &request, char *in, char *out,
                       uint32_t &out_size) {
  auto op = static_cast<enum __ptrace_request>(request.Op);
  auto *addr = reinterpret_cast<void *>(request.Addr);
  auto *data = reinterpret_cast<void *>(request.Data);
  if (request.InSize > MaxPayload || request.OutSize > MaxPayload) {
    errno = E2BIG;
    return -1;
  }
  errno = 0;
  if (request.Op == PTRACE_SEIZE)
    return PendingExitStops.Seize(request.Tid, data);

  switch (ShapeOf(request.Op)) {
  case Shape::Values:
    return ::ptrace(op, request.Tid, addr, data);
  case Shape::DataOut:
    out_size = request.OutSize;
    return ::ptrace(op, request.Tid, addr, out);
  case Shape::DataIn:
    return ::ptrace(op, request.Tid, addr, in);
  case Shape::DataIovec: {
    bool get = request.Op == PTRACE_GETREGSET;
    iovec vector{get ? out : in, get ? request.OutSize : request.InSize};
    long result = ::ptrace(op, request.Tid, addr, &vector);
    if (get && result != -1)
      out_size = vector.iov_len;
    return result;
  }
  case Shape::AddrInDataOut: {
    long result = ::ptrace(op, request.Tid, in, out);
    if (result > 0)
      out_size = std::min<size_t>(result * sizeof(siginfo_t), request.OutSize);
    return result;
  }
  case Shape::Refused:
    break;
  }
  errno = EINVAL;
  return -1;
}

bool GuardianLoop::IsStaleResume(const Request &request) {
  if (request.Op != PTRACE_CONT || !PendingExitStops.TakeResumed(request.Tid))
    return false;
  // The server resumes an exit stop we let go during a seize. If the id has
  // stopped again since, it is another thread's now (an exec gave it the
  // leader's id), and the resume is not for that one.
  auto tracee = Tracees.find(request.Tid);
  return tracee != Tracees.end() && tracee->second.Stopped &&
         tracee->second.Status >> 8 != (SIGTRAP | PTRACE_EVENT_EXIT << 8);
}

void GuardianLoop::NoteRequest(const Request &request, long result) {
  if (result == -1)
    return;
  switch (request.Op) {
  case PTRACE_SEIZE:
    Tracees[request.Tid] = Tracee();
    Reaper.Expect();
    break;
  case PTRACE_CONT:
  case PTRACE_SINGLESTEP:
  case PTRACE_LISTEN:
    Tracees[request.Tid].Stopped = false;
    PendingExitStops.Remove(request.Tid);
    break;
  case PTRACE_DETACH:
    Tracees.erase(request.Tid);
    PendingExitStops.Remove(request.Tid);
    break;
  default:
    break;
  }
}

void GuardianLoop::CollectStatuses(bool forward) {
  for (const Status &entry : Reaper.Take()) {
    NoteStatus(entry.Tid, entry.Value);
    if (!forward)
      continue;
    const char *bytes = reinterpret_cast<const char *>(&entry);
    Outgoing.insert(Outgoing.end(), bytes, bytes + sizeof(entry));
  }
  if (forward)
    Flush(/*block=*/false);
}

void GuardianLoop::NoteStatus(pid_t tid, int status) {
  if (WIFSTOPPED(status))
    Tracees[tid] = Tracee{true, status};
  else
    Tracees.erase(tid);
}

void GuardianLoop::Flush(bool block) {
  size_t sent = 0;
  while (sent < Outgoing.size()) {
    ssize_t done =
        ::send(Statuses, Outgoing.data() + sent, Outgoing.size() - sent,
               MSG_NOSIGNAL | (block ? 0 : MSG_DONTWAIT));
    if (done < 0) {
      if (errno == EINTR)
        continue;
      if (errno == EPIPE || errno == ECONNRESET)
        sent = Outgoing.size();
      break;
    }
    sent += done;
  }
  Outgoing.erase(Outgoing.begin(), Outgoing.begin() + sent);
}

std::optional<pid_t> ProcessOf(pid_t tid) {
  return ReadStatusPid("/proc/" + llvm::Twine(tid) + "/status", "Tgid");
}

void GuardianLoop::FindEveryTracee() {
  // A thread or child created just now may not have told us of itself yet,
  // so /proc says what we trace.
  llvm::Expected<std::vector<pid_t>> processes = ListProcesses();
  if (!processes) {
    llvm::consumeError(processes.takeError());
    return;
  }
  pid_t self = ::getpid();
  for (pid_t pid : *processes) {
    llvm::Expected<std::vector<pid_t>> tasks = ListTasks(pid);
    if (!tasks) {
      llvm::consumeError(tasks.takeError());
      continue;
    }
    for (pid_t tid : *tasks)
      if (ReadTracerPid(pid, tid) == self)
        Tracees.try_emplace(tid);
  }
}

void GuardianLoop::Rescue() {
  FindEveryTracee();
  llvm::DenseSet<pid_t> processes;
  for (const auto &tracee : Tracees)
    if (std::optional<pid_t> tgid = ProcessOf(tracee.first))
      processes.insert(*tgid);
  // Traced threads that reach a trap now stop; none dies of it.
  RestoreTraps(processes);
  StopEveryThread();
  // A child forked meanwhile carries the traps too.
  FindEveryTracee();
  for (const auto &tracee : Tracees)
    if (std::optional<pid_t> tgid = ProcessOf(tracee.first))
      processes.insert(*tgid);
  RestoreTraps(processes);
  StopEveryThread();
  for (const auto &[tid, tracee] : Tracees)
    if (tracee.Stopped)
      Release(tid, tracee.Status);
}

void GuardianLoop::StopEveryThread() {
  for (auto it = Tracees.begin(); it != Tracees.end();) {
    auto current = it++;
    if (!current->second.Stopped &&
        ::ptrace(PTRACE_INTERRUPT, current->first, nullptr, nullptr) != 0)
      Tracees.erase(current);
  }
  auto deadline = std::chrono::steady_clock::now() + RescuePatience;
  auto running = [](const auto &tracee) { return !tracee.second.Stopped; };
  while (llvm::any_of(Tracees, running)) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0)
      return;
    pollfd ready{Reaper.GetDescriptor(), POLLIN, 0};
    ::poll(&ready, 1, static_cast<int>(left.count()));
    // A thread created meanwhile is waited for too: every new thread of
    // ours makes a first stop.
    CollectStatuses(/*forward=*/false);
  }
}

bool GuardianLoop::IsTrapAt(uint64_t addr) const {
  uint32_t count = Table->Count.load(std::memory_order_acquire);
  const Trap *entries = Table->Entries();
  return std::any_of(entries, entries + count,
                     [addr](const Trap &trap) { return trap.Addr == addr; });
}

void GuardianLoop::RestoreTraps(const llvm::DenseSet<pid_t> &processes) {
  uint32_t count = Table->Count.load(std::memory_order_acquire);
  for (pid_t tgid : processes) {
    // A zombie leader has no memory; any live thread reaches it.
    int fd = -1;
    for (const auto &tracee : Tracees) {
      if (ProcessOf(tracee.first) != tgid)
        continue;
      std::string path = llvm::formatv("/proc/{0}/mem", tracee.first).str();
      if ((fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC)) >= 0)
        break;
    }
    if (fd < 0)
      continue;
    for (uint32_t i = 0; i < count; ++i) {
      const Trap &trap = Table->Entries()[i];
      uint8_t now[sizeof(trap.Opcode)];
      // Only our own trap is replaced: the program (or an exec) may have
      // put something else there since.
      if (trap.Size == 0 || trap.Size > sizeof(trap.Saved) ||
          ::pread(fd, now, trap.Size, trap.Addr) != trap.Size ||
          std::memcmp(now, trap.Opcode, trap.Size) != 0)
        continue;
      (void)::pwrite(fd, trap.Saved, trap.Size, trap.Addr);
    }
    ::close(fd);
  }
}

int GuardianLoop::SignalDue(pid_t tid, int status, user_regs_struct &regs,
                            bool &regs_changed) {
  int event = status >> 16;
  int signo = WSTOPSIG(status);
  if (event == PTRACE_EVENT_STOP && signo == SIGTRAP) {
    // Our interrupt: a wait it broke is restarted, as the server would on
    // resuming the thread.
    SyscallRegisters call =
        DecodeSyscallRegisters(regs, ExecutionModeFromCodeSegment(regs.cs));
    if (InterruptedWait(call)) {
      std::optional<pid_t> tgid = ProcessOf(tid);
      llvm::Expected<TaskSignals> signals =
          ReadTaskSignals(tgid.value_or(tid), tid);
      if (signals && !SignalWillInterrupt(*signals)) {
        regs.rax = static_cast<uint64_t>(RestartUnlessHandled);
        regs_changed = true;
      }
      if (!signals)
        llvm::consumeError(signals.takeError());
    }
    return 0;
  }
  // Event stops (clone, exec, exit, group-stop) hold no signal.
  if (event != 0)
    return 0;
  if (signo != SIGTRAP)
    return signo;
  siginfo_t info{};
  if (::ptrace(PTRACE_GETSIGINFO, tid, nullptr, &info) != 0)
    return 0;
  switch (info.si_code) {
  case TRAP_TRACE:
  case TRAP_HWBKPT:
  case TRAP_BRKPT:
    // A step or a debug register of ours.
    return 0;
  case SI_KERNEL:
    // An int3. One of ours leaves the pc just past it; the program's own
    // is the program's.
    if (IsTrapAt(regs.rip - 1)) {
      regs.rip -= 1;
      regs_changed = true;
      return 0;
    }
    return IsTrapAt(regs.rip) ? 0 : SIGTRAP;
  default:
    return SIGTRAP;
  }
}

void GuardianLoop::Release(pid_t tid, int status) {
  void *dr7 = ptrace::DebugRegisterOffset(7);
  errno = 0;
  long control = ::ptrace(PTRACE_PEEKUSER, tid, dr7, nullptr);
  if (errno == 0 && control != 0)
    (void)::ptrace(PTRACE_POKEUSER, tid, dr7, nullptr);
  user_regs_struct regs;
  int signo = 0;
  if (::ptrace(PTRACE_GETREGS, tid, nullptr, &regs) == 0) {
    bool changed = false;
    signo = SignalDue(tid, status, regs, changed);
    if (changed)
      (void)::ptrace(PTRACE_SETREGS, tid, nullptr, &regs);
  }
  (void)::ptrace(PTRACE_DETACH, tid, nullptr,
                 reinterpret_cast<void *>(static_cast<uintptr_t>(signo)));
}

/// Closes every descriptor but \p keep_a and \p keep_b: the server's
/// connections held open here would hide its death from its client and
/// from us.
void CloseAllBut(int keep_a, int keep_b) {
  int low = std::min(keep_a, keep_b), high = std::max(keep_a, keep_b);
  ::syscall(SYS_close_range, 0u, static_cast<unsigned>(low - 1), 0);
  if (high > low + 1)
    ::syscall(SYS_close_range, static_cast<unsigned>(low + 1),
              static_cast<unsigned>(high - 1), 0);
  ::syscall(SYS_close_range, static_cast<unsigned>(high + 1), ~0u, 0);
}

} // namespace

void iothreads::RunGuardian(int requests, int statuses, TrapTable *table) {
  // Out of the server's process group and session: what is sent to those
  // (a terminal's ^C, a kill of the group) is meant for the server.
  ::setsid();
  ::prctl(PR_SET_NAME, "iothreads-guard");
  CloseAllBut(requests, statuses);
  // The standard descriptors stay taken, so nothing we open becomes one.
  for (int fd; (fd = ::open("/dev/null", O_RDWR)) >= 0;)
    if (fd > 2) {
      ::close(fd);
      break;
    }
  for (int signo = 1; signo < NSIG; ++signo)
    if (signo != SIGKILL && signo != SIGSTOP)
      ::signal(signo, SIG_DFL);
  ::signal(SIGPIPE, SIG_IGN);
  PendingExitStops.Tracer = static_cast<pid_t>(::syscall(SYS_gettid));
  struct sigaction resume = {};
  resume.sa_handler = ResumeExitStops;
  ::sigaction(SIGUSR1, &resume, nullptr);
  // Blocked before the reaper thread starts, so they come to the loop.
  sigset_t ending;
  sigemptyset(&ending);
  for (int signo : {SIGTERM, SIGINT, SIGHUP})
    sigaddset(&ending, signo);
  ::sigprocmask(SIG_SETMASK, &ending, nullptr);
  int signals = ::signalfd(-1, &ending, SFD_NONBLOCK | SFD_CLOEXEC);
  // Never destroyed: the reaper thread uses it until we exit.
  (new GuardianLoop(requests, statuses, signals, table))->Serve();
  ::_exit(0);
}

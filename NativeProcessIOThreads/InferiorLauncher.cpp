//===-- InferiorLauncher.cpp - Starting a program under trace -------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "InferiorLauncher.h"
#include "Ptrace.h"
#include "ThreadWaiter.h"

#include "lldb/Host/FileAction.h"
#include "lldb/Host/ProcessLaunchInfo.h"
#include "lldb/Host/PseudoTerminal.h"
#include "llvm/Support/FormatVariadic.h"

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <unistd.h>
#include <vector>

using namespace iothreads;
using namespace lldb_private;

namespace {

/// What the child reports through its error pipe when it cannot exec.
struct ChildFailure {
  enum Stage : int { ProcessGroup, FileAction, WorkingDirectory, Exec } What;
  int Errno;
};

const char *StageText(ChildFailure::Stage stage) {
  switch (stage) {
  case ChildFailure::ProcessGroup:
    return "cannot create its process group";
  case ChildFailure::FileAction:
    return "cannot set up its standard files";
  case ChildFailure::WorkingDirectory:
    return "cannot change to its working directory";
  case ChildFailure::Exec:
    return "execve failed";
  }
  return "cannot start it";
}

[[noreturn]] void ChildFail(int error_fd, ChildFailure::Stage stage) {
  ChildFailure failure{stage, errno};
  (void)!::write(error_fd, &failure, sizeof(failure));
  ::_exit(127);
}

/// A file action with everything it needs taken out of lldb's objects
/// before the fork: the child may not allocate.
struct ChildFileAction {
  FileAction::Action Kind;
  int Fd;
  int Argument;
  std::string Path;
};

std::vector<ChildFileAction> PrepareFileActions(const ProcessLaunchInfo &info) {
  std::vector<ChildFileAction> actions;
  for (size_t i = 0; i < info.GetNumFileActions(); ++i) {
    const FileAction &action = *info.GetFileActionAtIndex(i);
    actions.push_back({action.GetAction(), action.GetFD(),
                       action.GetActionArgument(), action.GetPath().str()});
  }
  return actions;
}

bool ApplyFileAction(const ChildFileAction &action) {
  int fd = action.Fd;
  switch (action.Kind) {
  case FileAction::eFileActionClose:
    return ::close(fd) == 0 || errno == EBADF;
  case FileAction::eFileActionDuplicate:
    return ::dup2(fd, action.Argument) != -1;
  case FileAction::eFileActionOpen: {
    int opened = ::open(action.Path.c_str(), action.Argument, 0666);
    if (opened == -1)
      return false;
    if (opened != fd) {
      if (::dup2(opened, fd) == -1)
        return false;
      ::close(opened);
    }
    return true;
  }
  case FileAction::eFileActionNone:
    return true;
  }
  return true;
}

/// Runs in the forked child; only async-signal-safe work from here on, with
/// everything allocated before the fork.
[[noreturn]] void RunChild(const ProcessLaunchInfo &info,
                           llvm::ArrayRef<ChildFileAction> file_actions,
                           const char *path, const char *working_dir,
                           char *const *argv, char *const *envp, int go_fd,
                           int error_fd) {
  sigset_t all;
  sigemptyset(&all);
  ::sigprocmask(SIG_SETMASK, &all, nullptr);
  for (int signo = 1; signo < NSIG; ++signo)
    ::signal(signo, SIG_DFL);

  if (info.GetFlags().Test(lldb::eLaunchFlagLaunchInSeparateProcessGroup) &&
      ::setpgid(0, 0) != 0)
    ChildFail(error_fd, ChildFailure::ProcessGroup);
  for (const ChildFileAction &action : file_actions)
    if (!ApplyFileAction(action))
      ChildFail(error_fd, ChildFailure::FileAction);
  if (working_dir && ::chdir(working_dir) != 0)
    ChildFail(error_fd, ChildFailure::WorkingDirectory);
  if (info.GetFlags().Test(lldb::eLaunchFlagDisableASLR)) {
    int current = ::personality(0xffffffff);
    if (current != -1)
      ::personality(current | ADDR_NO_RANDOMIZE);
  }

  // The program gets the descriptors lldb gave it and none of the server's
  // (its sockets, a platform's port pipe, whose reader would wait for the
  // program to close it), as lldb-server's launcher does.
  ::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC);
  for (const ChildFileAction &action : file_actions) {
    int given = action.Kind == FileAction::eFileActionDuplicate
                    ? action.Argument
                    : action.Fd;
    if (action.Kind != FileAction::eFileActionClose && given > 2)
      ::fcntl(given, F_SETFD, 0);
  }

  // Wait until the parent has seized us: tracing starts before exec.
  char go;
  if (::read(go_fd, &go, 1) != 1)
    ::_exit(127);
  ::execve(path, argv, envp);
  ChildFail(error_fd, ChildFailure::Exec);
}

llvm::Error LaunchError(const ProcessLaunchInfo &info, const llvm::Twine &why) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      ("cannot launch '" + info.GetExecutableFile().GetPath() + "': " + why)
          .str());
}

/// How the seized child's run up to its exec stop ended.
enum class ExecOutcome { Stopped, Ended };

/// Waits for the exec stop of a freshly seized child. A signal that reaches
/// it before exec (a terminal's, a process group's) belongs to the old image
/// and is delivered; until the child is let go it would wait for us forever.
llvm::Expected<ExecOutcome> WaitForExecStop(pid_t pid, ThreadWaiter &waiter) {
  for (;;) {
    llvm::Expected<WaitEvent> waited = waiter.Wait(pid);
    if (!waited)
      return waited.takeError();
    WaitEvent event = *waited;
    if (event.EventKind == WaitEvent::Kind::Exec)
      return ExecOutcome::Stopped;
    if (!event.IsStop())
      return ExecOutcome::Ended;
    int signo =
        event.EventKind == WaitEvent::Kind::SignalStop ? event.Value : 0;
    if (llvm::Error error = ptrace::Continue(pid, signo))
      return std::move(error);
  }
}

/// Says why a child that ended before its exec stop failed, from what it
/// wrote to its error pipe.
llvm::Error ChildFailureError(const ProcessLaunchInfo &info, int error_fd) {
  ChildFailure failure;
  ssize_t got;
  do
    got = ::read(error_fd, &failure, sizeof(failure));
  while (got == -1 && errno == EINTR);
  if (got != sizeof(failure))
    return LaunchError(info, "it ended before it started");
  // lldb-server's own words for a failed exec, which lldb's tests expect
  // and lldb-server's callers already prefix with the program's name.
  if (failure.What == ChildFailure::Exec)
    return llvm::createStringError(
        std::error_code(failure.Errno, std::generic_category()), "%s: %s",
        StageText(failure.What), std::strerror(failure.Errno));
  return LaunchError(info, llvm::Twine(StageText(failure.What)) + ": " +
                               std::strerror(failure.Errno));
}

} // namespace

llvm::Expected<LaunchedInferior>
iothreads::LaunchTraced(ProcessLaunchInfo &info, ThreadWaiter &waiter) {
  std::string path = info.GetExecutableFile().GetPath();
  if (path.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   "no program to launch");
  std::string working_dir = info.GetWorkingDirectory().GetPath();
  const char *const *argv = info.GetArguments().GetConstArgumentVector();
  Environment::Envp envp = info.GetEnvironment().getEnvp();
  std::vector<ChildFileAction> file_actions = PrepareFileActions(info);

  int go_pipe[2], error_pipe[2];
  if (::pipe2(go_pipe, O_CLOEXEC) != 0)
    return LaunchError(info, std::strerror(errno));
  if (::pipe2(error_pipe, O_CLOEXEC) != 0) {
    ::close(go_pipe[0]);
    ::close(go_pipe[1]);
    return LaunchError(info, std::strerror(errno));
  }

  pid_t pid = ::fork();
  if (pid == 0)
    RunChild(info, file_actions, path.c_str(),
             working_dir.empty() ? nullptr : working_dir.c_str(),
             const_cast<char *const *>(argv), envp.get(), go_pipe[0],
             error_pipe[1]);
  int fork_errno = errno;
  ::close(go_pipe[0]);
  ::close(error_pipe[1]);
  if (pid == -1) {
    ::close(go_pipe[1]);
    ::close(error_pipe[0]);
    return LaunchError(info, llvm::Twine("fork failed: ") +
                                 std::strerror(fork_errno));
  }

  // A launched program dies with its server rather than run on untraced.
  llvm::Error seized =
      ptrace::Seize(pid, ptrace::DefaultOptions() | PTRACE_O_EXITKILL);
  if (!seized) {
    char go = 1;
    (void)!::write(go_pipe[1], &go, 1);
  }
  ::close(go_pipe[1]);
  if (seized) {
    ::close(error_pipe[0]);
    ::kill(pid, SIGKILL);
    llvm::consumeError(waiter.Wait(pid).takeError());
    return LaunchError(info, llvm::toString(std::move(seized)));
  }

  llvm::Expected<ExecOutcome> outcome = WaitForExecStop(pid, waiter);
  if (!outcome) {
    ::close(error_pipe[0]);
    ::kill(pid, SIGKILL);
    llvm::consumeError(waiter.Wait(pid).takeError());
    return LaunchError(info, llvm::toString(outcome.takeError()));
  }
  llvm::Error failure = *outcome == ExecOutcome::Ended
                            ? ChildFailureError(info, error_pipe[0])
                            : llvm::Error::success();
  ::close(error_pipe[0]);
  if (failure)
    return std::move(failure);
  return LaunchedInferior{pid, info.GetPTY().ReleasePrimaryFileDescriptor()};
}

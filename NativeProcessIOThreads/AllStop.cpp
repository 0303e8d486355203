//===-- AllStop.cpp - Stopping every thread of a process ------------------===//
//
// Part of NativeProcessIOThreads, under the Apache License v2.0 with LLVM
// Exceptions. See LICENSE for license information.
// SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
// SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
//
//===----------------------------------------------------------------------===//

#include "AllStop.h"

#include "lldb/Utility/LLDBLog.h"
#include "lldb/Utility/Log.h"

using namespace iothreads;
using namespace lldb_private;

namespace {

Log *ProcessLog() { return GetLog(LLDBLog::Process); }

const char *PurposeName(AllStop::Purpose purpose) {
  switch (purpose) {
  case AllStop::Purpose::Report:
    return "report";
  case AllStop::Purpose::Halt:
    return "halt";
  case AllStop::Purpose::Silent:
    return "attach";
  }
  return "?";
}

} // namespace

AllStop::Threads::~Threads() = default;

void AllStop::Begin(Purpose purpose, std::optional<lldb::tid_t> reporter) {
  Current = purpose;
  Reporter = reporter;
  StoppedPrefix = 0;
  LLDB_LOG(ProcessLog(), "all-stop begins ({0}, reporter {1})",
           PurposeName(purpose),
           reporter ? static_cast<int64_t>(*reporter) : int64_t(-1));
}

void AllStop::StopAll(Purpose purpose, std::optional<lldb::tid_t> reporter) {
  Begin(purpose, reporter);
  for (size_t i = 0, count = Members.Count(); i < count; ++i)
    if (Members.View(i).OwesStop())
      if (llvm::Error error = Members.RequestStop(i))
        LLDB_LOG_ERROR(ProcessLog(), std::move(error),
                       "cannot interrupt thread: {0}");
}

void AllStop::Abandon() {
  if (Current)
    LLDB_LOG(ProcessLog(), "all-stop abandoned ({0})", PurposeName(*Current));
  Current.reset();
  Reporter.reset();
  StoppedPrefix = 0;
}

void AllStop::AppendAwaited(std::vector<pid_t> &awaited) const {
  if (!Current)
    return;
  for (size_t i = StoppedPrefix, count = Members.Count(); i < count; ++i) {
    StopView view = Members.View(i);
    if (view.OwesStop())
      awaited.push_back(static_cast<pid_t>(view.Tid));
  }
}

std::optional<AllStop::Completion> AllStop::OnParked(lldb::tid_t tid,
                                                     lldb::tid_t current) {
  if (Current && Members.TakeQueuedTrap(tid)) {
    LLDB_LOG(ProcessLog(), "tid {0} resumed to take its queued trap", tid);
    ThreadsMoved();
    return std::nullopt;
  }
  return TryComplete(current);
}

std::optional<AllStop::Completion> AllStop::TryComplete(lldb::tid_t current) {
  if (!Current)
    return std::nullopt;
  for (size_t count = Members.Count(); StoppedPrefix < count; ++StoppedPrefix)
    if (Members.View(StoppedPrefix).OwesStop())
      return std::nullopt;

  Completion done{*Current, std::nullopt, false};
  if (*Current != Purpose::Silent) {
    if (std::optional<lldb::tid_t> reporter = ReporterStillThere())
      done.Reporter = reporter;
    else
      done = ChooseHaltReporter(current);
  }
  LLDB_LOG(ProcessLog(), "all-stop complete ({0}): {1} threads, reporting {2}",
           PurposeName(*Current), Members.Count(),
           done.Reporter ? static_cast<int64_t>(*done.Reporter) : int64_t(-1));
  Current.reset();
  Reporter.reset();
  return done;
}

std::optional<lldb::tid_t> AllStop::ReporterStillThere() const {
  if (!Reporter)
    return std::nullopt;
  for (size_t i = 0, count = Members.Count(); i < count; ++i)
    if (Members.View(i).Tid == *Reporter)
      return Reporter;
  return std::nullopt;
}

AllStop::Completion AllStop::ChooseHaltReporter(lldb::tid_t current) const {
  Completion halt{*Current, std::nullopt, false};
  std::vector<StopView> views;
  size_t count = Members.Count();
  views.reserve(count);
  for (size_t i = 0; i < count; ++i)
    views.push_back(Members.View(i));

  auto pick = [&](auto &&wanted) -> std::optional<lldb::tid_t> {
    for (const StopView &view : views)
      if (wanted(view))
        return view.Tid;
    return std::nullopt;
  };
  if ((halt.Reporter = pick([](const StopView &v) { return v.HasReason; })))
    return halt;
  halt.HaltedByRequest = true;
  if ((halt.Reporter = pick([](const StopView &v) {
         return v.RunsProgramCode() && v.Stepping;
       })))
    return halt;
  if ((halt.Reporter = pick([current](const StopView &v) {
         return v.Tid == current && v.RunsProgramCode();
       })))
    return halt;
  if ((halt.Reporter =
           pick([](const StopView &v) { return v.RunsProgramCode(); })))
    return halt;
  if ((halt.Reporter =
           pick([current](const StopView &v) { return v.Tid == current; })))
    return halt;
  if (!views.empty())
    halt.Reporter = views.front().Tid;
  return halt;
}

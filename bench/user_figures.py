# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""What a user or an IDE sees, through the lldb Python SB API: each figure
is measured in a fresh lldb-19 process whose LLDB_DEBUGSERVER_PATH names
the server under test, alternating our server and stock lldb-server-19.

usage: user_figures.py REPETITIONS  (prints rows for summary.py as JSON)
       user_figures.py --one MEASUREMENT  (one measurement, with the server
                                           the environment names; prints its
                                           figures as JSON)"""
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

from figures import (SERVERS, Program, Samples, Stopwatch,
                     clean_up_on_terminate, program, rotation)

SAMPLES_PER_DETACH = 5


def debugger():
    sys.path.insert(0, subprocess.check_output(["lldb-19", "-P"],
                                               text=True).strip())
    import lldb
    lldb.SBDebugger.Initialize()
    session = lldb.SBDebugger.Create(False)
    session.SetAsync(False)
    return lldb, session


def attach(lldb, session, path, pid):
    target = session.CreateTarget(path)
    error = lldb.SBError()
    process = target.AttachToProcessWithID(session.GetListener(), pid, error)
    if not error.Success():
        sys.exit("cannot attach: %s" % error.GetCString())
    return target, process


def wait_for_state(lldb, session, state):
    event = lldb.SBEvent()
    while session.GetListener().WaitForEvent(30, event):
        if lldb.SBProcess.GetStateFromEvent(event) == state:
            return
    sys.exit("no %s event" % lldb.SBDebugger.StateAsCString(state))


class ServerClock:
    """The CPU time of the debug server lldb started for this process: its
    child running `gdbserver`, found once, then read from /proc."""

    def __init__(self):
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open("/proc/%s/stat" % entry) as stat_file:
                    parent = int(stat_file.read().rsplit(")", 1)[1].split()[1])
                with open("/proc/%s/cmdline" % entry, "rb") as cmdline_file:
                    arguments = cmdline_file.read().split(b"\0")
            except OSError:
                continue
            if parent == os.getpid() and b"gdbserver" in arguments:
                self.pid = int(entry)
                return
        sys.exit("no debug server among this process's children")

    def seconds(self):
        try:
            with open("/proc/%d/stat" % self.pid) as stat_file:
                fields = stat_file.read().rsplit(")", 1)[1].split()
        except OSError:
            sys.exit("the debug server %d is gone" % self.pid)
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def launch(lldb, target, argv):
    error = lldb.SBError()
    info = lldb.SBLaunchInfo(argv)
    process = target.Launch(info, error)
    if not error.Success():
        sys.exit("cannot launch: %s" % error.GetCString())
    return process


def attach_and_detach_100_threads(lldb, session):
    attaching, detaching = [], []
    with Program([program("threads"), "100", "idle"]) as target:
        # A detach takes a few ms, most of it lldb's own work, and single
        # runs vary 0.2-7x on a loaded machine: each sample is the median of
        # several.
        for _ in range(SAMPLES_PER_DETACH):
            with Stopwatch() as watch:
                _, process = attach(lldb, session, program("threads"),
                                    target.pid)
            attaching.append(watch.seconds)
            # What SBProcess.Detach costs the caller: the detach packet and
            # lldb's work around it (the server exits after it returns).
            with Stopwatch() as watch:
                error = process.Detach()
            if not error.Success():
                sys.exit("cannot detach: %s" % error.GetCString())
            detaching.append(watch.seconds)
    return {"attach, 100 idle threads": statistics.median(attaching),
            "detach, 100 idle threads": statistics.median(detaching)}


def stop_100_threads(lldb, session):
    with Program([program("threads"), "100", "idle"]) as target:
        _, process = attach(lldb, session, program("threads"), target.pid)
        # A synchronous continue would wait for a stop; an IDE's does not.
        session.SetAsync(True)
        process.Continue()
        wait_for_state(lldb, session, lldb.eStateRunning)
        time.sleep(0.05)
        with Stopwatch() as watch:
            process.Stop()
            wait_for_state(lldb, session, lldb.eStateStopped)
        process.Detach()
        return watch.seconds


def breakpoint_hits(lldb, session):
    target = session.CreateTarget(program("hits"))
    breakpoint = target.BreakpointCreateByName("hit")
    # The server's CPU time is read at the stop in joined(), while it runs.
    end = target.BreakpointCreateByName("joined")
    process = launch(lldb, target, ["4", "2000"])
    server = ServerClock()
    cpu_before = server.seconds()
    with Stopwatch() as watch:
        # One stop can report several threads at the breakpoint.
        while (process.GetState() == lldb.eStateStopped and
               end.GetHitCount() == 0):
            process.Continue()
    server_cpu = server.seconds() - cpu_before
    hits = breakpoint.GetHitCount()
    process.Continue()
    if process.GetExitStatus() != 0 or hits != 8000:
        sys.exit("hits: %d, exit status %d" % (hits, process.GetExitStatus()))
    return {"breakpoint hits per second": hits / watch.seconds,
            "server CPU time per breakpoint hit": server_cpu / hits}


def instruction_steps(lldb, session):
    target = session.CreateTarget(program("hits"))
    target.BreakpointCreateByName("warm_up")
    process = launch(lldb, target, ["0", "0"])
    thread = process.GetSelectedThread()
    server = ServerClock()
    cpu_before = server.seconds()
    with Stopwatch() as watch:
        for _ in range(2000):
            thread.StepInstruction(False)
    server_cpu = server.seconds() - cpu_before
    process.Kill()
    return {"instruction steps per second": 2000 / watch.seconds,
            "server CPU time per step": server_cpu / 2000}


def thread_churn_overhead(lldb, session):
    native = subprocess.run([program("churn"), "5000"], check=True,
                            capture_output=True, text=True).stdout
    target = session.CreateTarget(program("churn"))
    process = launch(lldb, target, ["5000"])
    if process.GetState() != lldb.eStateExited:
        sys.exit("churn stopped under the debugger")
    debugged = process.GetSTDOUT(1000)
    return float(debugged.split()[1]) - float(native.split()[1])


def memory_read_bandwidth(lldb, session):
    with Program([program("memory_block")]) as target_program:
        target, process = attach(lldb, session, program("memory_block"),
                                 target_program.pid)
        address = target.FindFirstGlobalVariable("block").GetLoadAddress()
        error = lldb.SBError()
        with Stopwatch() as watch:
            data = process.ReadMemory(address, 64 << 20, error)
        if not error.Success() or data[:4] != b"ZZZZ":
            sys.exit("memory read failed: %s" % error.GetCString())
        process.Detach()
        return 64 * 1.048576 / watch.seconds


def attach_with_io_workers(lldb, session):
    with tempfile.TemporaryDirectory() as directory, \
            Program([program("io_workers"), "64", directory]) as target:
        with Stopwatch() as watch:
            _, process = attach(lldb, session, program("io_workers"),
                                target.pid)
            names = [thread.GetName() or "" for thread in process]
        workers = sum(name.startswith("iou-wrk") for name in names)
        if workers < 64:
            sys.exit("io workers missing: %r" % names)
        process.Detach()
        return watch.seconds


# Each measurement and how it is taken. It gives the figure of its name, or
# several figures by name (a rate and the server's CPU time within it).
MEASUREMENTS = {
    "attach and detach, 100 idle threads": attach_and_detach_100_threads,
    "stop, 100 idle threads": stop_100_threads,
    "breakpoint hits": breakpoint_hits,
    "instruction steps": instruction_steps,
    "thread churn overhead": thread_churn_overhead,
    "memory read MB/s": memory_read_bandwidth,
    "attach and list threads, 64 io-wq workers": attach_with_io_workers,
}


def main():
    clean_up_on_terminate()
    if sys.argv[1] == "--one":
        name = sys.argv[2]
        figures = MEASUREMENTS[name](*debugger())
        if not isinstance(figures, dict):
            figures = {name: figures}
        json.dump(figures, sys.stdout)
        return
    repetitions = int(sys.argv[1])
    samples = Samples()
    for name in MEASUREMENTS:
        for repetition in range(repetitions):
            for who in rotation(["ours", "stock"], repetition):
                environment = dict(os.environ,
                                   LLDB_DEBUGSERVER_PATH=SERVERS[who])
                figures = json.loads(subprocess.run(
                    [sys.executable, __file__, "--one", name],
                    env=environment, check=True, capture_output=True,
                    text=True, timeout=600).stdout)
                for figure, value in figures.items():
                    samples.add(figure, who, value)
        print("%s: done" % name, file=sys.stderr)
    json.dump(samples.values, sys.stdout, indent=1)


if __name__ == "__main__":
    main()

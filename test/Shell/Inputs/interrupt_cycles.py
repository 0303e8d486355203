"""Drives lldb through the SB API as an IDE does: attach to (or launch) a
program, interrupt and continue it N times, then detach or kill, printing
each state (and with --names, each thread's name) for FileCheck. Every wait
is bounded."""
import argparse
import os
import sys
import time

from async_session import AsyncSession, lldb

parser = argparse.ArgumentParser()
parser.add_argument("--attach", type=int)
parser.add_argument("--cycles", type=int, default=3)
parser.add_argument("--end", choices=["detach", "kill"], default="detach")
parser.add_argument("--ready-file",
                    help="wait until the program has written this file")
parser.add_argument("--touch",
                    help="create this file once the program runs again")
parser.add_argument("--wait-tasks", type=int, default=0,
                    help="then wait until the process has this many tasks")
parser.add_argument("--signal",
                    help="send this signal with lldb's `process signal` "
                    "while the program runs, before the end")
parser.add_argument("--names", action="store_true",
                    help="print every thread's name at each stop")
parser.add_argument("program", nargs="*")
options = parser.parse_args()

session = AsyncSession()
if options.attach:
    process = session.attach(options.attach)
else:
    process = session.launch(options.program)
wait_for = session.wait_for


def wait_until(condition):
    deadline = time.time() + 30
    while not condition() and time.time() < deadline:
        time.sleep(0.02)


def show(label):
    print(label, lldb.SBDebugger.StateAsCString(process.GetState()),
          "threads=%d" % process.GetNumThreads())
    if options.names and process.GetState() == lldb.eStateStopped:
        for thread in process:
            print("  thread", thread.GetName())
    sys.stdout.flush()


if options.attach:
    show("attached")
    process.Continue()
wait_for(lldb.eStateRunning)
if options.ready_file:
    wait_until(lambda: os.path.exists(options.ready_file))
if options.touch:
    open(options.touch, "w").close()
if options.wait_tasks:
    tasks = "/proc/%d/task" % process.GetProcessID()
    wait_until(lambda: len(os.listdir(tasks)) >= options.wait_tasks)
show("running")
for cycle in range(options.cycles):
    process.Stop()
    wait_for(lldb.eStateStopped)
    show("cycle %d" % cycle)
    process.Continue()
    wait_for(lldb.eStateRunning)
if options.signal:
    error = process.Signal(
        process.GetUnixSignals().GetSignalNumberFromName(options.signal))
    print("signalled" if error.Success() else error.GetCString())
    wait_for(lldb.eStateRunning)
process.Stop()
wait_for(lldb.eStateStopped)
if options.end == "detach":
    process.Detach()
    show("detached")
else:
    process.Kill()
    wait_for(lldb.eStateExited)
    show("killed")
    print("exit status", process.GetExitStatus())

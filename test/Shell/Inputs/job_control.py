"""Job control under the debugger, seen from the program's parent as a shell
sees it. This script starts the program as its child, has lldb attach to it,
and lets the program stop itself with SIGSTOP: lldb reports the signal and,
told to pass it, lets it through. The parent must then see its child stopped
(waitpid WUNTRACED, what `jobs` reports) while lldb waits, and, after a
SIGCONT from the parent, continued; lldb sees that SIGCONT and the program
runs to its end. Prints each step for FileCheck; every wait is bounded.

usage: job_control.py PROGRAM GO-FILE OUT-FILE FINISH-FILE"""
import atexit
import os
import signal
import subprocess
import sys
import time

from async_session import AsyncSession, lldb

program, go_file, out_file, finish_file = sys.argv[1:5]
child = subprocess.Popen([program, go_file, out_file, finish_file])
# A failing run must not leave the program behind holding lit's output.
atexit.register(lambda: child.poll() is None and child.kill())

session = AsyncSession()
process = session.attach(child.pid)
wait_for = session.wait_for


def parent_sees(options):
    deadline = time.time() + 30
    while time.time() < deadline:
        pid, status = os.waitpid(child.pid, options | os.WNOHANG)
        if pid:
            return status
        time.sleep(0.02)
    return None


def say(*words):
    print(*words)
    sys.stdout.flush()


say("attached")
process.GetUnixSignals().SetShouldSuppress(signal.SIGSTOP, False)
process.Continue()
wait_for(lldb.eStateRunning)
open(go_file, "w").close()
wait_for(lldb.eStateStopped)
for thread in process:
    if thread.GetStopReason() == lldb.eStopReasonSignal:
        say("lldb stopped by", thread.GetStopDescription(100))
process.Continue()
wait_for(lldb.eStateRunning)
status = parent_sees(os.WUNTRACED)
if status is not None and os.WIFSTOPPED(status):
    say("parent sees its child stopped by",
        signal.Signals(os.WSTOPSIG(status)).name)
say("lldb says", lldb.SBDebugger.StateAsCString(process.GetState()))
os.kill(child.pid, signal.SIGCONT)
status = parent_sees(os.WCONTINUED)
if status is not None and os.WIFCONTINUED(status):
    say("parent sees its child continued")
open(finish_file, "w").close()
if wait_for(lldb.eStateExited):
    say("lldb says exited with status", process.GetExitStatus())

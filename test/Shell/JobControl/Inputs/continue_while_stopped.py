"""lldb attaches to a program its shell stopped (`kill -STOP`) and continues
it. The server lets the job-control stop stand, so nothing runs: lldb must
say why at once, not wait in silence. Then the SIGCONT a user sends lets
the program run on under lldb to its end. Prints each step for FileCheck;
every wait is bounded.

usage: continue_while_stopped.py PROGRAM GO-FILE PID-FILE"""
import atexit
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "Inputs"))
from async_session import AsyncSession, lldb  # noqa: E402

program, go_file, pid_file = sys.argv[1:4]
child = subprocess.Popen([program, go_file, pid_file], stdout=subprocess.PIPE,
                         text=True)
atexit.register(lambda: child.poll() is None and child.kill())


def until(condition, seconds=20):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


def state():
    with open("/proc/%d/status" % child.pid) as status:
        return next(line.split(":", 1)[1].strip() for line in status
                    if line.startswith("State:"))


until(lambda: os.path.exists(pid_file) and os.path.getsize(pid_file))
os.kill(child.pid, signal.SIGSTOP)
until(lambda: state().startswith("T"))
session = AsyncSession()
process = session.attach(child.pid)
process.Continue()
if session.wait_for(lldb.eStateRunning):
    print("lldb says running")
output = []
until(lambda: output.append(process.GetSTDOUT(1024)) or "SIGCONT" in
      "".join(output), seconds=10)
print("lldb prints:", "".join(output).replace(str(child.pid), "PID").strip())
print("program state:", state())
os.kill(child.pid, signal.SIGCONT)
open(go_file, "w").close()
if session.wait_for(lldb.eStateExited):
    print("lldb says exited with status", process.GetExitStatus())
print("program says:", child.communicate(timeout=20)[0].strip())

"""Attaches to iouring_blocked.c, makes an io_uring thread the server's
current thread (Hg, as after a stop reported on it), then continues and
halts the process, printing which thread the halt is reported on.

usage: halt_after_io_thread.py PID"""
import sys

from async_session import AsyncSession, lldb


def kind(thread):
    return "io thread" if "io_uring" in (thread.GetName() or "") else \
        "program thread"


session = AsyncSession()
process = session.attach(int(sys.argv[1]))
io_thread = next(t for t in process if kind(t) == "io thread")
answer = lldb.SBCommandReturnObject()
session.debugger.GetCommandInterpreter().HandleCommand(
    "process plugin packet send Hgp%x.%x" % (process.GetProcessID(),
                                             io_thread.GetThreadID()), answer)
print("io thread current:", answer.GetOutput().strip().endswith("OK"))

process.Continue()
if not session.wait_for(lldb.eStateRunning):
    sys.exit("no running state")
process.Stop()
if not session.wait_for(lldb.eStateStopped):
    sys.exit("the halt did not stop")
for thread in process:
    if thread.GetStopReason() == lldb.eStopReasonSignal:
        print("halt reported on a %s, signal %d" %
              (kind(thread), thread.GetStopReasonDataAtIndex(0)))
process.Detach()

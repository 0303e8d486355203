"""The three cases of LLDB's own TestGdbRemoteSaveCore.py, which its
decorators run only on FreeBSD and NetBSD: qSaveCore with a path-hint
writes the core there; without one the server chooses a path and says
which; a path that cannot be written gets an error reply, and the process
goes on untouched to its normal exit, as it does after a path-hint that is
not a path in hex. Each core written loads with SBTarget.LoadCore and
shows the process's pid. Every wait is bounded.

usage: save_core_packets.py PROGRAM DIR"""
import binascii
import os
import re
import sys

from async_session import AsyncSession, lldb

program, directory = sys.argv[1:]
session = AsyncSession()
target = session.debugger.CreateTarget(program)
target.BreakpointCreateByName("main")
error = lldb.SBError()
process = target.Launch(lldb.SBLaunchInfo([]), error)
if not error.Success():
    sys.exit("cannot launch: %s" % error.GetCString())
session.process = process
if not session.wait_for(lldb.eStateStopped):
    sys.exit("no stop at main")
pid = process.GetProcessID()


def save_core(path_hint, encoded=None):
    """Sends qSaveCore; returns the reply."""
    packet = "qSaveCore"
    if path_hint is not None:
        packet += ";path-hint:" + binascii.hexlify(path_hint.encode()).decode()
    if encoded is not None:
        packet += ";path-hint:" + encoded
    result = lldb.SBCommandReturnObject()
    session.debugger.GetCommandInterpreter().HandleCommand(
        "process plugin packet send " + packet, result)
    return re.search(r"response: (.*)", result.GetOutput()).group(1)


def check_core(case, reply):
    path = binascii.unhexlify(reply.removeprefix("core-path:")).decode()
    core_target = session.debugger.CreateTarget(program)
    core = core_target.LoadCore(path)
    print(f"{case}: the core loads as process {core.GetProcessID()} "
          f"(the process was {pid})")
    session.debugger.DeleteTarget(core_target)
    return path


result = lldb.SBCommandReturnObject()
session.debugger.GetCommandInterpreter().HandleCommand(
    "process plugin packet send qSupported", result)
print("qSupported offers qSaveCore:", "qSaveCore+" in result.GetOutput())

hinted = os.path.join(directory, "hinted.core")
path = check_core("hint", save_core(hinted))
print("hint: the core is at the hint:", path == hinted)

path = check_core("no hint", save_core(None))
print("no hint: the server chose", path)
os.remove(path)

thread = process.GetSelectedThread()
pc = thread.GetFrameAtIndex(0).GetPC()
def print_error(case, reply):
    code, _, text = reply.partition(";")
    print(f"{case}:", code, binascii.unhexlify(text).decode())


print_error("unwritable",
            save_core(os.path.join(directory, "missing", "core")))
print_error("not hex", save_core(None, "zz"))
print_error("a NUL", save_core(os.path.join(directory, "a\0b")))
thread = process.GetSelectedThread()
print("after them: same thread, same pc:",
      thread.GetFrameAtIndex(0).GetPC() == pc, process.GetState() ==
      lldb.eStateStopped)
print("after them: no file left:", os.listdir(directory))
process.Continue()
if not session.wait_for(lldb.eStateExited):
    sys.exit("no exit")
print("exit status", process.GetExitStatus())

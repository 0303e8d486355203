"""Launches a program under lldb and stops at functions in turn: for each
FUNCTION:TIMES, a breakpoint on FUNCTION that the program hits TIMES times
(each a stop, continued from but the last), then the stop's function and
every thread's name are printed. The program then runs to its end and its
exit status is printed. Every wait is bounded.

usage: stop_at_functions.py PROGRAM [ARGUMENT...] -- FUNCTION:TIMES..."""
import sys

from async_session import AsyncSession, lldb

split = sys.argv.index("--")
argv, stops = sys.argv[1:split], sys.argv[split + 1:]
session = AsyncSession()
target = session.debugger.CreateTarget(argv[0])
# The first breakpoint is set before the launch, which runs to it.
breakpoint = target.BreakpointCreateByName(stops[0].rsplit(":", 1)[0])
error = lldb.SBError()
process = target.Launch(lldb.SBLaunchInfo(argv[1:]), error)
if not error.Success():
    sys.exit("cannot launch: %s" % error.GetCString())
session.process = process
for stop in stops:
    function, times = stop.rsplit(":", 1)
    if stop != stops[0]:
        breakpoint = target.BreakpointCreateByName(function)
    for hit in range(int(times)):
        if hit > 0 or stop != stops[0]:
            process.Continue()
        if not session.wait_for(lldb.eStateStopped):
            sys.exit("no stop at %s" % function)
    frame = process.GetSelectedThread().GetFrameAtIndex(0)
    print("stopped in", frame.GetFunctionName(), "hits=%d" %
          breakpoint.GetHitCount())
    target.BreakpointDelete(breakpoint.GetID())
    for thread in process:
        print("  thread", thread.GetName())
    sys.stdout.flush()
process.Continue()
if not session.wait_for(lldb.eStateExited):
    sys.exit("the program did not end")
print("exit status", process.GetExitStatus())

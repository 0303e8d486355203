"""What the tests' SB API drivers share: lldb's Python module, a debugger in
asynchronous mode (as IDEs use it) and bounded waits for process states."""
import subprocess
import sys
import time

sys.path.insert(0, subprocess.check_output(["lldb-19", "-P"], text=True).strip())
import lldb  # noqa: E402,F401


class AsyncSession:
    def __init__(self):
        lldb.SBDebugger.Initialize()
        self.debugger = lldb.SBDebugger.Create(False)
        self.debugger.SetAsync(True)
        self.listener = self.debugger.GetListener()
        self.process = None

    def attach(self, pid):
        """Attaches; the process is stopped when this returns (the attach
        consumes its stop event, so there is none to wait for)."""
        error = lldb.SBError()
        target = self.debugger.CreateTarget("")
        self.process = target.AttachToProcessWithID(self.listener, pid, error)
        if not error.Success():
            sys.exit("cannot attach: %s" % error.GetCString())
        return self.process

    def launch(self, argv):
        error = lldb.SBError()
        target = self.debugger.CreateTarget(argv[0])
        self.process = target.Launch(lldb.SBLaunchInfo(argv[1:]), error)
        if not error.Success():
            sys.exit("cannot launch: %s" % error.GetCString())
        return self.process

    def wait_for(self, state, seconds=30):
        """Waits until the process reports `state`; False after `seconds`."""
        event = lldb.SBEvent()
        deadline = time.time() + seconds
        while time.time() < deadline:
            if not self.listener.WaitForEvent(1, event):
                continue
            # A stop lldb resumed from by itself is not a stop to act on.
            if lldb.SBProcess.GetRestartedFromEvent(event):
                continue
            if lldb.SBProcess.GetStateFromEvent(event) == state:
                return True
        return False

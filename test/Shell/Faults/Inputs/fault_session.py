"""What happens to a debugged program when its server is killed or its
client vanishes. Starts PROGRAM (Inputs/heartbeat.c) under `SERVER
gdbserver`, launched by the server (vRun) or attached to (vAttach), brings
it to STATE, inflicts FAULT and prints what became of the program:

  MODE: launch | attach
  STATE: stopped (at its first stop), running (continued), breakpoint
    (stopped at a breakpoint in tick(), which it reaches at once), armed
    (running, with a breakpoint in finish(), which it reaches only when
    told to finish)
  FAULT: kill-server (SIGKILL) | drop-client (the socket closes)

The program's fate is one of: "runs on untraced" (then told to finish, it
must exit with status 42: "exits 42"), "killed by SIGNAL", "stopped", or
"still traced". This script is a subreaper, so it reaps a launched
program that outlives its server too.

usage: fault_session.py SERVER PROGRAM MODE STATE FAULT"""
import binascii
import ctypes
import os
import signal
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "..", "bench"))
from gdb_remote import GdbRemote  # noqa: E402

PR_SET_CHILD_SUBREAPER = 36


def proc_status(pid):
    fields = {}
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                name, _, value = line.partition(":")
                fields[name] = value.strip()
    except FileNotFoundError:
        pass
    return fields


def reaped(pid, seconds):
    """How PID ended, or None while it lives (waited for up to SECONDS)."""
    deadline = time.time() + seconds
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            if os.WIFSIGNALED(status):
                return "killed by %s" % signal.Signals(
                    os.WTERMSIG(status)).name
            return "exits %d" % os.WEXITSTATUS(status)
        if time.time() > deadline:
            return None
        time.sleep(0.01)


def ticking(pid):
    """Whether PID makes progress: its usleeps switch context."""
    before = int(proc_status(pid).get("voluntary_ctxt_switches", 0))
    time.sleep(0.3)
    return int(proc_status(pid).get("voluntary_ctxt_switches", 0)) > before


def fate(pid, go_file):
    ended = reaped(pid, 1.5)
    if ended:
        return ended
    status = proc_status(pid)
    if status.get("TracerPid", "0") != "0":
        return "still traced (%s)" % status["State"]
    if status["State"].startswith(("T", "t")):
        return "stopped (%s)" % status["State"]
    if not ticking(pid):
        return "alive but not running (%s)" % status["State"]
    open(go_file, "w").close()
    return "runs on untraced, then " + (reaped(pid, 10) or "does not end")


def symbol_address(program, name):
    out = subprocess.check_output(["nm", program], text=True)
    return next(int(line.split()[0], 16) for line in out.splitlines()
                if line.split()[-1] == name)


def start(client, program, mode, go_file):
    if mode == "launch":
        args = [program, go_file]
        client.send("vRun;" + ";".join(
            binascii.hexlify(arg.encode()).decode() for arg in args))
        client.stop_reply()
        reply = client.check(client.request("qProcessInfo"))
        fields = dict(f.split(b":", 1) for f in reply.split(b";") if f)
        return int(fields[b"pid"], 16)
    pid = subprocess.Popen([program, go_file]).pid
    time.sleep(0.1)
    client.send("vAttach;%x" % pid)
    client.stop_reply()
    return pid


def bring_to(client, program, state):
    if state in ("breakpoint", "armed"):
        function = "tick" if state == "breakpoint" else "finish"
        client.check(client.request("Z0,%x,1" % symbol_address(program,
                                                                function)))
    if state == "stopped":
        return
    client.send("vCont;c")
    if state == "breakpoint":
        client.stop_reply()
    else:
        time.sleep(0.2)


def main():
    server, program, mode, state, fault = sys.argv[1:6]
    ctypes.CDLL(None).prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    go_file = "%s.%s-%s-%s.go" % (program, mode, state, fault)
    if os.path.exists(go_file):
        os.unlink(go_file)
    client = GdbRemote(server)
    client.socket.settimeout(30)
    pid = start(client, program, mode, go_file)
    bring_to(client, program, state)
    if fault == "kill-server":
        client.process.kill()
    else:
        client.socket.close()
    client.process.wait(timeout=30)
    print("%s %s %s -> program %s" % (mode, state, fault, fate(pid, go_file)))
    if proc_status(pid):
        os.kill(pid, signal.SIGKILL)


main()

# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Attaches to PROGRAM (Inputs/exec_chain.c, whose second thread keeps
exec'ing it) and detaches again, CYCLES times, each with a server of its
own (`SERVER gdbserver`), so that attach and detach meet the exec at every
moment of their silent stops. A cycle that does not end within 30 seconds
fails the run (the socket times out); a cycle the server refuses with an
error is counted, not failed. Then the program must be untraced and, told
to stop, end normally.

usage: exec_cycles.py SERVER PROGRAM CYCLES"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "..", "bench"))
from gdb_remote import GdbRemote  # noqa: E402


def tracer_of(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("TracerPid:"):
                return int(line.split()[1])
    return None


def main():
    server, program, cycles = sys.argv[1:4]
    stop_file, pid_file = program + ".stop", program + ".pid"
    for name in (stop_file, pid_file):
        if os.path.exists(name):
            os.unlink(name)
    run = subprocess.Popen([program, stop_file, pid_file],
                           stdout=subprocess.PIPE)
    deadline = time.time() + 10
    while not (os.path.exists(pid_file) and open(pid_file).read()):
        if time.time() > deadline:
            sys.exit("the program never wrote its pid")
        time.sleep(0.01)
    pid = int(open(pid_file).read())
    refused = 0
    for _ in range(int(cycles)):
        client = GdbRemote(server)
        client.socket.settimeout(30)
        client.send("vAttach;%x" % pid)
        attached = client.receive()
        if attached[:1] != b"T" or client.request("D;%x" % pid) != b"OK":
            refused += 1
        client.close()
    print("%s cycles ended" % cycles)
    sys.stderr.write("%d refused with an error\n" % refused)
    print("traced after the last cycle: %s" %
          ("no" if tracer_of(pid) == 0 else "yes"))
    open(stop_file, "w").close()
    out, _ = run.communicate(timeout=30)
    print("program: %s, exit %d" % (out.decode().strip(), run.returncode))


main()

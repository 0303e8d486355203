"""Attaches `SERVER gdbserver` to PROGRAM, continues it and sends D without
halting it first, as LLGS also does when its client vanishes; prints each
thread's tracer while the server still runs: 0 when the detach let it go.

usage: detach_running.py SERVER PROGRAM"""
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "bench"))
from gdb_remote import GdbRemote  # noqa: E402

server, program = sys.argv[1:3]
target = subprocess.Popen([program])
try:
    time.sleep(0.2)
    client = GdbRemote(server)
    print("attach:", client.request("vAttach;%x" % target.pid)[:1].decode())
    client.send("c")
    time.sleep(0.3)
    print("detach:", client.request("D").decode())
    for tid in sorted(os.listdir("/proc/%d/task" % target.pid)):
        with open("/proc/%d/task/%s/status" % (target.pid, tid)) as status:
            tracer = next(line.split()[1] for line in status
                          if line.startswith("TracerPid:"))
        print("thread tracer:", tracer)
    print("server still runs:", client.process.poll() is None)
    client.close()
finally:
    target.kill()
    target.wait()

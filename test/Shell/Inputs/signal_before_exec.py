"""Launches a program through lldb whose stdin is a FIFO, so the launched
child blocks opening it before exec; sends that child a signal there, then
opens the FIFO for writing and prints lldb's output.

usage: signal_before_exec.py FIFO -- LLDB-COMMAND...
"""
import os
import signal
import subprocess
import sys
import time

fifo = sys.argv[1]
command = sys.argv[sys.argv.index("--") + 1:]
if os.path.exists(fifo):
    os.unlink(fifo)
os.mkfifo(fifo)


def descendants(root):
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                ppid = int(stat.read().rsplit(")", 1)[1].split()[1])
        except OSError:
            continue
        children.setdefault(ppid, []).append(int(entry))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(children.get(pid, []))
    return found


def wchan(pid):
    try:
        with open(f"/proc/{pid}/wchan") as text:
            return text.read()
    except OSError:
        return ""


lldb = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
deadline = time.time() + 60
opener = None
while opener is None and time.time() < deadline:
    opener = next((p for p in descendants(lldb.pid) if wchan(p) in ("wait_for_partner", "fifo_open")), None)
    time.sleep(0.05)
if opener is None:
    sys.exit("the launched child never blocked on the FIFO")
print("child blocked before exec", flush=True)
os.kill(opener, signal.SIGWINCH)

writer = None
while writer is None and time.time() < deadline:
    try:
        writer = os.open(fifo, os.O_WRONLY | os.O_NONBLOCK)
    except OSError:
        time.sleep(0.05)
if writer is None:
    lldb.kill()
    sys.exit("the child never opened its stdin again")
os.close(writer)
output, _ = lldb.communicate(timeout=max(1, deadline - time.time()))
sys.stdout.write(output.decode(errors="replace"))

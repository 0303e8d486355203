# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Kills the server (SIGKILL) of an attached program, round after round, at
one moment of a debug session, and says whether the program ran on to its
normal end each time.

PROGRAM is Inputs/busy_breakpoints.c. Each round attaches with
`SERVER gdbserver [OPTION...]`, breaks in hot() and warm(), and goes through
a few breakpoint hits as lldb does (remove the breakpoint, step the thread,
put it back, continue). Then, by MOMENT:

  running   goes on through breakpoint hits until the server dies, at a
            random moment: while threads run into the breakpoints (the hot
            thread reaches one within nanoseconds), stop, step or resume
  stopped   the server dies while the program is stopped at a breakpoint
  step      the server dies just after it was asked to step the thread at
            the breakpoint (alone, or with the others running)
  detach    the server dies just after it was asked to detach

The program must then be untraced, running, and when told to finish, print
its line and exit 0.

usage: guardian_rounds.py SERVER PROGRAM MOMENT ROUNDS [OPTION...]"""
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "..", "bench"))
from gdb_remote import GdbRemote, ServerError  # noqa: E402

EXPECTED = b"finished: 4 threads joined, hot ran, warm ran\n"


def status_field(pid, name):
    try:
        with open("/proc/%d/status" % pid) as status:
            for line in status:
                if line.startswith(name + ":"):
                    return line.split(":", 1)[1].strip()
    except FileNotFoundError:
        return None
    return None


def wait_until(condition, seconds):
    deadline = time.time() + seconds
    while not condition():
        if time.time() > deadline:
            return False
        time.sleep(0.005)
    return True


def symbols(program):
    out = subprocess.check_output(["nm", program], text=True)
    return {line.split()[-1]: int(line.split()[0], 16)
            for line in out.splitlines() if len(line.split()) == 3}


def thread_and_pc(reply):
    text = reply.decode(errors="replace")
    tid = re.search(r"thread:(?:p[0-9a-f]+\.)?([0-9a-f]+);", text).group(1)
    pc = re.search(r"(?:^|;)10:([0-9a-f]{16});", text[3:])
    value = int.from_bytes(bytes.fromhex(pc.group(1)), "little") if pc else 0
    return tid, value


def through_breakpoints(client, hits, breakpoints):
    """Continues through HITS breakpoint stops as lldb does; returns the
    last stop's thread and pc, the thread being at a breakpoint."""
    tid, pc = None, None
    for _ in range(hits):
        client.send("vCont;c")
        tid, pc = thread_and_pc(client.stop_reply())
        if pc in breakpoints:
            step_over(client, tid, pc)
    client.send("vCont;c")
    return thread_and_pc(client.stop_reply())


def step_over(client, tid, pc):
    client.check(client.request("z0,%x,1" % pc))
    client.send("vCont;s:%s" % tid)
    client.stop_reply()
    client.check(client.request("Z0,%x,1" % pc))


def one_round(server, program, moment, number, options):
    chance = random.Random(number)
    go_file = "%s.%s.%d.go" % (program, moment, number)
    if os.path.exists(go_file):
        os.unlink(go_file)
    program_run = subprocess.Popen([program, go_file], stdout=subprocess.PIPE)
    pid = program_run.pid
    if not wait_until(lambda: len(os.listdir("/proc/%d/task" % pid)) == 5,
                      10):
        return "never started its threads"
    client = GdbRemote(server, options)
    client.socket.settimeout(30)
    client.send("vAttach;%x" % pid)
    client.stop_reply()
    addresses = symbols(program)
    breakpoints = {addresses["hot"], addresses["warm"]}
    for address in breakpoints:
        client.check(client.request("Z0,%x,1" % address))
    tid, pc = through_breakpoints(client, chance.randint(1, 6), breakpoints)
    if moment == "running":
        killer = threading.Timer(chance.uniform(0.002, 0.05),
                                 client.process.kill)
        killer.start()
        try:
            while True:
                through_breakpoints(client, 1, breakpoints)
        except (ServerError, OSError):
            pass
        killer.join()
    elif moment == "step":
        client.check(client.request("z0,%x,1" % pc))
        # Alone, or with the other threads running.
        client.send("vCont;s:%s" % tid + (";c" if number % 2 else ""))
    elif moment == "detach":
        client.send("D;%x" % pid)
    client.process.kill()
    client.process.wait(timeout=30)
    client.socket.close()
    if not wait_until(lambda: status_field(pid, "TracerPid") in ("0", None),
                      20):
        return "still traced (%s)" % status_field(pid, "State")
    state = status_field(pid, "State")
    if state is not None and state.startswith(("T", "t")):
        return "stopped (%s)" % state
    open(go_file, "w").close()
    try:
        out, _ = program_run.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        program_run.kill()
        program_run.wait()
        return "did not end when told to"
    finally:
        os.unlink(go_file)
    if program_run.returncode < 0:
        return "killed by %s" % signal.Signals(-program_run.returncode).name
    if program_run.returncode != 0 or out != EXPECTED:
        return "ended with %d, printing %r" % (program_run.returncode, out)
    return "finished"


def main():
    server, program, moment, rounds = sys.argv[1:5]
    options = sys.argv[5:]
    fates = [one_round(server, program, moment, number, options)
             for number in range(int(rounds))]
    finished = fates.count("finished")
    print("%s: %d of %s rounds ran on and finished normally" %
          (moment, finished, rounds))
    for number, fate in enumerate(fates):
        if fate != "finished":
            print("round %d: %s" % (number, fate))


main()

# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Memory traffic of breakpoints: the system calls a debug server makes to
read and write the program's memory while lldb-19 runs a program through
a breakpoint, counted by strace on the server (reads and writes through
/proc/PID/mem, process_vm_readv/writev, and ptrace's PEEK and POKE) and
divided by the breakpoint hits.

programs/hits.c runs 4 threads that call hit() 500 times each, with
breakpoints on hit, on warm_up (never reached again) and on joined (the
end); lldb continues at every stop until joined, stepping each thread
at a breakpoint over it first (a stop and resume more). lldb sets two
breakpoints of its own beside ours (the dynamic linker's). Attached, our server
keeps the traps out of memory while the program is stopped (one write per
breakpoint per stop and per resume: ProcessBreakpoints.cpp); launched, it
leaves them in, as stock lldb-server-19 always does. Writes come only from
breakpoints; reads include lldb's own (stacks, registers' memory).

usage: bench/run --only breakpoint-writes  (as root: builds the programs)
       breakpoint_writes.py  (prints the table)
       breakpoint_writes.py --one attach|launch  (one run, with the server
                                                  LLDB_DEBUGSERVER_PATH
                                                  names; prints JSON)"""
import json
import os
import re
import signal
import subprocess
import sys

from figures import (BENCH_BIN, SERVERS, Program, clean_up_on_terminate,
                     program)
from user_figures import ServerClock, attach, debugger, launch

THREADS, HITS = "4", "500"
# Stock reads and writes words with ptrace; we use /proc/PID/mem and
# process_vm_readv.
WRITES = ("pwrite64", "process_vm_writev", "PTRACE_POKEDATA",
          "PTRACE_POKETEXT")
READS = ("pread64", "process_vm_readv", "PTRACE_PEEKDATA", "PTRACE_PEEKTEXT")
CALL = re.compile(r"^\d+ +(?:ptrace\((PTRACE_\w+)|(\w+)\()")


class SyscallCounter:
    """strace on a running process, counting the calls in WRITES and
    READS (only the system calls that can be one are stopped for)."""

    def __init__(self, pid, log):
        self.log = log
        self.strace = subprocess.Popen(
            ["strace", "-f", "--seccomp-bpf", "-o", log, "-e",
             "trace=pwrite64,process_vm_writev,pread64,process_vm_readv,"
             "ptrace", "-p", str(pid)], stderr=subprocess.PIPE, text=True)
        # strace says "Process N attached" once it traces the server.
        if "attached" not in self.strace.stderr.readline():
            sys.exit("strace could not attach to the server")

    def stop(self):
        self.strace.send_signal(signal.SIGINT)
        self.strace.communicate()
        calls = {}
        with open(self.log) as trace:
            for line in trace:
                match = CALL.match(line)
                if match:
                    name = match.group(1) or match.group(2)
                    calls[name] = calls.get(name, 0) + 1
        os.unlink(self.log)
        return calls


def run_through_breakpoints(mode):
    lldb, session = debugger()
    path = program("hits")
    if mode == "attach":
        target_program = Program([path, THREADS, HITS, "attach"])
        target, process = attach(lldb, session, path, target_program.pid)
    else:
        target = session.CreateTarget(path)
        target.BreakpointCreateByName("main")
        process = launch(lldb, target, [THREADS, HITS])
    counter = SyscallCounter(ServerClock().pid,
                             os.path.join(BENCH_BIN, "breakpoint-writes.strace"))
    hit = target.BreakpointCreateByName("hit")
    target.BreakpointCreateByName("warm_up")
    end = target.BreakpointCreateByName("joined")
    if mode == "attach":
        target.FindFirstGlobalVariable("go").SetValueFromCString("1")
    while (process.GetState() == lldb.eStateStopped and
           end.GetHitCount() == 0):
        process.Continue()
    calls = counter.stop()
    hits = hit.GetHitCount()
    if hits != int(THREADS) * int(HITS):
        sys.exit("hit() was reached %d times" % hits)
    process.Kill()
    return {"hits": hits,
            "writes": sum(calls.get(name, 0) for name in WRITES),
            "reads": sum(calls.get(name, 0) for name in READS)}


def table():
    rows = []
    for mode in ("attach", "launch"):
        for who, server in SERVERS.items():
            environment = dict(os.environ, LLDB_DEBUGSERVER_PATH=server)
            result = subprocess.run(
                [sys.executable, __file__, "--one", mode], env=environment,
                check=True, capture_output=True, text=True)
            counts = json.loads(result.stdout)
            rows.append((mode, who, counts))
    print("| program | server | breakpoint hits | memory writes per hit | "
          "memory reads per hit |")
    print("|---|---|---|---|---|")
    for mode, who, counts in rows:
        print("| %s | %s | %d | %.2f | %.2f |" % (
            "attached" if mode == "attach" else "launched", who,
            counts["hits"], counts["writes"] / counts["hits"],
            counts["reads"] / counts["hits"]))


def main():
    clean_up_on_terminate()
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        print(json.dumps(run_through_breakpoints(sys.argv[2])))
    elif len(sys.argv) == 1:
        table()
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

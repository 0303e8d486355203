# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Server-only figures: a minimal gdb-remote client (gdb_remote.py) times our
server and stock lldb-server-19 on the same process, alternating, next to
the ptrace floor (ptrace_floor.c) doing the same kernel work.

usage: server_figures.py REPETITIONS [THREADS...]
  (prints rows for summary.py as JSON; with THREADS, only the scenarios of
  those numbers of threads)"""
import json
import subprocess
import sys
import time

from figures import (SERVERS, Program, Samples, Stopwatch,
                     clean_up_on_terminate, program, rotation)
from gdb_remote import GdbRemote

IDLE = ("attach", "interrupt", "cycle", "jThreadsInfo", "interrupt post-cycle",
        "cycle post-cycle", "detach")
# Stock takes 10-30 s per stop of 10,000 threads on the 2-CPU machine, where
# one repetition of that scenario takes 3-4 minutes.
MOST_REPETITIONS_10000 = 1
# Continue-and-interrupt cycles before the post-cycle interrupt and cycle,
# by number of threads: a stop after many cycles can cost more than one
# right after attach (stock's does at 10,000 threads).
WARMUP_CYCLES = {100: 20, 1000: 20, 10000: 5}

# (threads, kind, operations timed, most repetitions)
SCENARIOS = [
    (10, "idle", ("attach", "interrupt", "cycle", "jThreadsInfo", "detach"),
     None),
    (100, "idle", IDLE, None),
    (1000, "idle", IDLE + ("server peak RSS",), None),
    (10000, "idle", IDLE + ("server peak RSS",), MOST_REPETITIONS_10000),
    (10, "busy", ("attach",), None),
    (100, "busy", ("attach",), None),
]


def peak_rss(pid):
    """The peak resident memory of process PID, in bytes (VmHWM)."""
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    raise RuntimeError("no VmHWM for %d" % pid)


def interrupt_then_cycle(client, times, suffix):
    client.send("vCont;c")
    time.sleep(0.02)
    with Stopwatch() as watch:
        client.interrupt()
        client.stop_reply()
    times["interrupt" + suffix] = watch.seconds
    with Stopwatch() as watch:
        client.send("vCont;c")
        client.interrupt()
        client.stop_reply()
    times["cycle" + suffix] = watch.seconds


def measure_server(server, pid, operations, warmup):
    client = GdbRemote(server)
    times = {}
    with Stopwatch() as watch:
        client.send("vAttach;%x" % pid)
        client.stop_reply()
    times["attach"] = watch.seconds
    if "interrupt" in operations:
        interrupt_then_cycle(client, times, "")
        with Stopwatch() as watch:
            client.check(client.request("jThreadsInfo"))
        times["jThreadsInfo"] = watch.seconds
    if "interrupt post-cycle" in operations:
        for _ in range(warmup):
            client.send("vCont;c")
            client.interrupt()
            client.stop_reply()
        interrupt_then_cycle(client, times, " post-cycle")
    with Stopwatch() as watch:
        client.check(client.request("D"))
    times["detach"] = watch.seconds
    # Both servers outlive the detach until the connection closes.
    times["server peak RSS"] = peak_rss(client.process.pid)
    client.close()
    return times


def measure_floor(pid, warmup):
    output = subprocess.run([program("ptrace_floor"), str(pid), str(warmup)],
                            check=True, capture_output=True, text=True).stdout
    return {name: float(value) for name, value in
            (line.rsplit(" ", 1) for line in output.splitlines())}


def main():
    clean_up_on_terminate()
    repetitions = int(sys.argv[1])
    only = [int(threads) for threads in sys.argv[2:]]
    samples = Samples()
    for threads, kind, operations, most in SCENARIOS:
        if only and threads not in only:
            continue
        with Program([program("threads"), str(threads), kind]) as target:
            for repetition in range(min(repetitions, most or repetitions)):
                for who in rotation(["floor", "ours", "stock"], repetition):
                    warmup = (WARMUP_CYCLES.get(threads, 0)
                              if "interrupt post-cycle" in operations else 0)
                    if who == "floor":
                        times = measure_floor(target.pid, warmup)
                    else:
                        times = measure_server(SERVERS[who], target.pid,
                                               operations, warmup)
                    for operation in operations:
                        if operation not in times:
                            continue
                        figure = "%s, %d %s threads" % (operation, threads,
                                                        kind)
                        samples.add(figure, who, times[operation])
                    # Let detached threads settle before the next contender.
                    time.sleep(0.05)
                print("%d %s threads: repetition %d done" %
                      (threads, kind, repetition + 1), file=sys.stderr)
    json.dump(samples.values, sys.stdout, indent=1)


if __name__ == "__main__":
    main()

"""Server-only figures: a minimal gdb-remote client (gdb_remote.py) times our
server and stock lldb-server-19 on the same process, alternating, next to
the ptrace floor (ptrace_floor.c) doing the same kernel work.

usage: server_figures.py REPETITIONS  (prints rows for summary.py as JSON)"""
import json
import subprocess
import sys
import time

from figures import SERVERS, Program, Samples, Stopwatch, program, rotation
from gdb_remote import GdbRemote

# (threads, kind, operations timed)
SCENARIOS = [
    (10, "idle", ("attach", "interrupt", "cycle", "jThreadsInfo", "detach")),
    (100, "idle", ("attach", "interrupt", "cycle", "jThreadsInfo", "detach")),
    (1000, "idle", ("attach", "interrupt", "cycle", "jThreadsInfo",
                    "detach")),
    (10, "busy", ("attach",)),
    (100, "busy", ("attach",)),
]


def measure_server(server, pid, operations):
    client = GdbRemote(server)
    times = {}
    with Stopwatch() as watch:
        client.send("vAttach;%x" % pid)
        client.stop_reply()
    times["attach"] = watch.seconds
    if "interrupt" in operations:
        client.send("vCont;c")
        time.sleep(0.02)
        with Stopwatch() as watch:
            client.interrupt()
            client.stop_reply()
        times["interrupt"] = watch.seconds
        with Stopwatch() as watch:
            client.send("vCont;c")
            client.interrupt()
            client.stop_reply()
        times["cycle"] = watch.seconds
        with Stopwatch() as watch:
            client.check(client.request("jThreadsInfo"))
        times["jThreadsInfo"] = watch.seconds
    with Stopwatch() as watch:
        client.check(client.request("D"))
    times["detach"] = watch.seconds
    client.close()
    return times


def measure_floor(pid):
    output = subprocess.run([program("ptrace_floor"), str(pid)], check=True,
                            capture_output=True, text=True).stdout
    return {name: float(value) for name, value in
            (line.split() for line in output.splitlines())}


def main():
    repetitions = int(sys.argv[1])
    samples = Samples()
    for threads, kind, operations in SCENARIOS:
        with Program([program("threads"), str(threads), kind]) as target:
            for repetition in range(repetitions):
                for who in rotation(["floor", "ours", "stock"], repetition):
                    if who == "floor":
                        times = measure_floor(target.pid)
                    else:
                        times = measure_server(SERVERS[who], target.pid,
                                               operations)
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

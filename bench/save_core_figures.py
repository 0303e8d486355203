# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Save-core figures: our server writes an ELF core (qSaveCore) of the same
process gdb's gcore saves, alternating them, with stock lldb-server-19
(lldb then writes a minidump itself) beside them: a process with 1 GiB of
written heap (programs/big_heap.c) and one with 1,000 idle threads
(programs/threads.c).

  save: the save alone, on a stopped process. Ours: the qSaveCore request,
        from the minimal client (gdb_remote.py) attached to the program.
        gcore: gdb's `gcore` command, timed by gdb's Python, in a gdb run
        with the gcore script's own arguments.
  end to end, minimal client: ours from starting the server to its exit,
        after it attached, saved the core and detached, against that whole
        gdb run (the gcore script without its shell).
  end to end, lldb-19: what a user waits for, from starting the debugger
        to its exit: lldb-19 `process save-core` with our server as its
        debugserver; the same gdb run; lldb-19 with stock lldb-server-19 (a
        minidump of the modified memory, the closest style to a kernel's
        core).
  MB/s: the core's size over its save time; beside them, a plain
        sequential write of 1 GiB to the same directory, with and without
        fdatasync (neither debugger syncs its core, and the machine has
        the memory to cache a core whole: the buffered write is the speed
        to compare with).

Each core is deleted once measured; they are written to build/bench/cores
(BENCH_CORES), not /tmp. Stock writes a minidump of 1 GiB through memory
reads of the gdb-remote protocol, 25-45 s each here: it runs once in
that scenario (MOST_REPETITIONS_STOCK). The whole takes about 2 minutes
with 5 repetitions on 2 CPUs.

usage: bench/run --only save-core [REPETITIONS]  (as root: builds the
                                                   programs, then runs this)
       save_core_figures.py REPETITIONS  (prints the figures as JSON)
       save_core_figures.py --table JSON  (the results table of that JSON)"""
import json
import os
import re
import statistics
import subprocess
import sys
import time

from figures import (SERVERS, Program, Samples, Stopwatch,
                     clean_up_on_terminate, format_seconds, program,
                     rotation)
from gdb_remote import GdbRemote, ServerError

CORES = os.path.abspath(os.environ.get("BENCH_CORES", "build/bench/cores"))
HEAP_MIB = 1024
WRITE_CHUNK = 1 << 20
# At most this many minidumps by stock per scenario.
MOST_REPETITIONS_STOCK = {"1 GiB heap": 1, "1000 idle threads": None}

# (scenario, the program's argv, whether to time plain writes beside it)
SCENARIOS = [
    ("1 GiB heap", [program("big_heap"), str(HEAP_MIB)], True),
    ("1000 idle threads", [program("threads"), "1000", "idle"], False),
]


def core_path(who):
    return os.path.join(CORES, "core.%s" % who.replace(" ", "-"))


def measure_core(path):
    """The core's size and the bytes it takes on disk, then deletes it."""
    status = os.stat(path)
    os.remove(path)
    return status.st_size, status.st_blocks * 512


def save_ours(pid):
    """The qSaveCore request's time; the time from starting the server to
    its exit, after it attached, saved the core and detached; the core."""
    path = core_path("ours")
    with Stopwatch() as whole:
        client = GdbRemote(SERVERS["ours"])
        try:
            client.send("vAttach;%x" % pid)
            client.stop_reply()
            with Stopwatch() as watch:
                reply = client.check(client.request(
                    "qSaveCore;path-hint:" + path.encode().hex()))
            if not reply.startswith(b"core-path:"):
                raise ServerError("qSaveCore answered %r" % reply[:80])
            written = bytes.fromhex(
                reply[len(b"core-path:"):].decode()).decode()
            client.check(client.request("D"))
        finally:
            client.close()
    return watch.seconds, whole.seconds, measure_core(written)


def save_gcore(pid):
    """The gcore script's gdb run, with gdb's Python timing its `gcore`
    command: the command's time, the run's time, and the core."""
    path = core_path("gcore")
    with Stopwatch() as watch:
        output = subprocess.run(
            ["gdb", "--nx", "--batch", "--readnever",
             "-iex", "set debuginfod enabled off",
             "-ex", "set pagination off", "-ex", "set height 0",
             "-ex", "set width 0", "-ex", "attach %d" % pid,
             "-ex", "python import time; bench_start = time.perf_counter()",
             "-ex", "gcore " + path,
             "-ex", "python print('gcore seconds %r' % "
                    "(time.perf_counter() - bench_start))",
             "-ex", "detach", "-ex", "quit"],
            stdin=subprocess.DEVNULL, capture_output=True, text=True,
            timeout=600).stdout
    found = re.search(r"^gcore seconds (\S+)$", output, re.M)
    if not found or not os.path.exists(path):
        sys.exit("gcore failed:\n" + output)
    return float(found.group(1)), watch.seconds, measure_core(path)


def save_through_lldb(who, pid):
    """lldb-19 from start to exit, attaching to PID with the server WHO and
    saving a core: its time, and the core."""
    path = core_path("lldb " + who)
    environment = dict(os.environ, LLDB_DEBUGSERVER_PATH=SERVERS[who])
    with Stopwatch() as watch:
        result = subprocess.run(
            ["lldb-19", "--no-lldbinit", "--batch", "-p", str(pid),
             "-o", "process save-core --style modified-memory " + path],
            env=environment, stdin=subprocess.DEVNULL, capture_output=True,
            text=True, timeout=600)
    if "error:" in result.stdout + result.stderr or not os.path.exists(path):
        sys.exit("lldb-19 with %s could not save a core:\n%s%s" % (
            who, result.stdout, result.stderr))
    return watch.seconds, measure_core(path)


def plain_write(sync):
    """Writes as many bytes as the heap, a MiB at a time, to the cores'
    directory: the time, with fdatasync if SYNC."""
    path = core_path("plain write")
    chunk = bytes(range(1, 252)) * (WRITE_CHUNK // 251 + 1)
    chunk = chunk[:WRITE_CHUNK]
    with Stopwatch() as watch:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        for _ in range(HEAP_MIB):
            os.write(fd, chunk)
        if sync:
            os.fdatasync(fd)
        os.close(fd)
    os.remove(path)
    return watch.seconds


def measure(who, pid, scenario, samples):
    def add(figure, value, contender=who):
        samples.add("%s, %s" % (figure, scenario), contender, value)

    if who == "ours":
        seconds, whole, (size, on_disk) = save_ours(pid)
        add("save", seconds)
        add("end to end, minimal client", whole)
        add("save MB/s", size / seconds / 1e6)
        add("core size", size)
        add("core on disk", on_disk)
    elif who == "gcore":
        seconds, whole, (size, on_disk) = save_gcore(pid)
        add("save", seconds)
        add("save MB/s", size / seconds / 1e6)
        add("end to end, minimal client", whole)
        add("end to end, lldb-19", whole)
        add("core size", size)
        add("core on disk", on_disk)
    elif who in ("lldb ours", "lldb stock"):
        server = who.split()[1]
        seconds, (size, on_disk) = save_through_lldb(server, pid)
        add("end to end, lldb-19", seconds, server)
        if server == "stock":
            add("core size", size, server)
            add("core on disk", on_disk, server)
    else:
        sync = who == "plain write + fdatasync"
        add("save MB/s", HEAP_MIB * (1 << 20) / plain_write(sync) / 1e6)


def main():
    clean_up_on_terminate()
    if sys.argv[1] == "--table":
        print_table(json.load(open(sys.argv[2])))
        return
    repetitions = int(sys.argv[1])
    os.makedirs(CORES, exist_ok=True)
    samples = Samples()
    for scenario, argv, writes in SCENARIOS:
        most = MOST_REPETITIONS_STOCK[scenario] or repetitions
        with Program(argv) as target:
            for repetition in range(repetitions):
                contenders = ["ours", "gcore", "lldb ours"]
                if writes:
                    contenders += ["plain write", "plain write + fdatasync"]
                if repetition < most:
                    contenders.append("lldb stock")
                for who in rotation(contenders, repetition):
                    measure(who, target.pid, scenario, samples)
                    # Let the writes of one contender settle before the
                    # next: the cores go to the page cache.
                    time.sleep(0.5)
                print("save-core, %s: repetition %d done" %
                      (scenario, repetition + 1), file=sys.stderr)
    json.dump(samples.values, sys.stdout, indent=1)


FIGURES = ("save", "save MB/s", "end to end, minimal client",
           "end to end, lldb-19", "core size", "core on disk")
COLUMNS = ("ours", "gcore", "stock", "plain write",
           "plain write + fdatasync")


def format_value(figure, value):
    if "MB/s" in figure:
        return "%.0f" % value
    if figure.startswith("core"):
        return "%.1f MB" % (value / 1e6)
    return format_seconds(value)


def show(figure, values):
    if not values:
        return "-"
    return "%s [%s-%s]" % (format_value(figure, statistics.median(values)),
                           format_value(figure, min(values)),
                           format_value(figure, max(values)))


def ratio(runs, who, other):
    if who not in runs or other not in runs:
        return "-"
    return "%.2f" % (statistics.median(runs[who]) /
                     statistics.median(runs[other]))


def print_table(figures):
    print("Save-core: ours (qSaveCore) against gdb's gcore and stock "
          "lldb-server-19 with lldb's minidump (modified memory); save: the "
          "save alone (ours: the qSaveCore request; gcore: gdb's gcore "
          "command); end to end: from the start of the server (minimal "
          "client) or of lldb-19 (`process save-core`) to its exit, against "
          "the whole gdb run, which attaches, saves and detaches. MB/s: core "
          "size over save time, higher is better; plain write: 1 GiB "
          "written a MiB at a time to the same directory.\n")
    print("| figure | %s | ours/gcore | ours/stock |" % " | ".join(COLUMNS))
    print("|---|%s---|---|" % ("---|" * len(COLUMNS)))
    ordered = ["%s, %s" % (figure, scenario[0]) for scenario in SCENARIOS
               for figure in FIGURES]
    for figure in ordered:
        runs = figures.get(figure)
        if not runs:
            continue
        print("| %s | %s | %s | %s |" % (
            figure, " | ".join(show(figure, runs.get(who))
                               for who in COLUMNS),
            ratio(runs, "ours", "gcore"), ratio(runs, "ours", "stock")))
    for figure, runs in figures.items():
        if "plain write" in runs:
            print("\n%s: ours/plain write %s, ours/plain write + fdatasync "
                  "%s." % (figure, ratio(runs, "ours", "plain write"),
                           ratio(runs, "ours", "plain write + fdatasync")))
    counts = {len(runs["stock"]) for runs in figures.values()
              if "stock" in runs}
    most = max(len(runs["ours"]) for runs in figures.values())
    for count in sorted(counts):
        if count < most:
            print("\nStock: %d repetition%s instead of %d where its minidump "
                  "of 1 GiB takes 25-45 s." % (
                      count, "" if count == 1 else "s", most))


if __name__ == "__main__":
    main()

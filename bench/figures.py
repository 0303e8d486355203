# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""What the benchmark drivers share: the programs under test, timing, and
the summary of repeated runs as median, minimum and maximum."""
import os
import signal
import subprocess
import sys
import time

BENCH_BIN = os.environ.get("BENCH_BIN", "build/bench")
OURS = os.environ.get("BENCH_OURS", "build/bin/lldb-server-iothreads")
STOCK = os.environ.get("BENCH_STOCK", "/usr/bin/lldb-server-19")
SERVERS = {"ours": OURS, "stock": STOCK}


def clean_up_on_terminate():
    """Lets a driver killed with SIGTERM leave through its context managers,
    which kill the programs under test, as Ctrl-C already does."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))


def program(name):
    return os.path.join(BENCH_BIN, name)


class Program:
    """A program under test that prints "ready" once it is set up, killed
    when the benchmark is done with it."""

    def __init__(self, argv):
        self.process = subprocess.Popen(argv, stdout=subprocess.PIPE,
                                        text=True)
        if self.process.stdout.readline().strip() != "ready":
            sys.exit("%s did not get ready" % " ".join(argv))
        self.pid = self.process.pid

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.process.kill()
        self.process.wait()


class Stopwatch:
    def __enter__(self):
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start


class Samples:
    """Repeated measurements of one figure, per contender."""

    def __init__(self):
        self.values = {}

    def add(self, figure, who, value):
        self.values.setdefault(figure, {}).setdefault(who, []).append(value)


def rotation(contenders, repetition):
    """The contenders in an order that shifts by one each repetition, so no
    one always runs first (or right after the same other)."""
    shift = repetition % len(contenders)
    return contenders[shift:] + contenders[:shift]


def format_seconds(value):
    if value < 1e-3:
        return "%.0f µs" % (value * 1e6)
    if value < 1:
        return "%.2f ms" % (value * 1e3)
    return "%.2f s" % value

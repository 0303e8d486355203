# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Turns the drivers' JSON into the results tables: per figure, the median
and the range [min-max] of each contender, and the ratios; then issue 18's
targets, each computed from those medians and marked met or not.

usage: summary.py SERVER_JSON USER_JSON"""
import json
import statistics
import sys

from figures import format_seconds
from server_figures import WARMUP_CYCLES
from targets import targets


def higher_is_better(figure):
    return "per second" in figure or "MB/s" in figure


def format_value(figure, value):
    if higher_is_better(figure):
        return "%.0f" % value
    if "RSS" in figure:
        return "%.1f MB" % (value / 1e6)
    return format_seconds(value)


def show(figure, values):
    return "%s [%s-%s]" % (format_value(figure, statistics.median(values)),
                           format_value(figure, min(values)),
                           format_value(figure, max(values)))


def ratio(values, over):
    return "%.2f" % (statistics.median(values) / statistics.median(over))


def print_repetitions(server):
    """Says which figures have fewer samples than the rest."""
    counts = {figure: len(runs["ours"]) for figure, runs in server.items()}
    most = max(counts.values())
    fewer = sorted({count for count in counts.values() if count < most})
    for count in fewer:
        scenarios = sorted({figure.split(", ", 1)[1] for figure in counts
                            if counts[figure] == count})
        print("\n%s: %d repetition%s instead of %d: stock takes 10-30 s "
              "per stop there." % (
                  "; ".join(scenarios), count, "" if count == 1 else "s",
                  most))


def print_server(server):
    print("Server only (minimal gdb-remote client); ratio < 1 is faster. "
          "\"post-cycle\": after more continue-and-interrupt cycles (%s)."
          "\n" % ", ".join("%d threads: %d" % item
                           for item in WARMUP_CYCLES.items()))
    print("| figure | floor | ours | stock | ours/stock | ours/floor "
          "| stock/floor |")
    print("|---|---|---|---|---|---|---|")
    for figure, runs in server.items():
        # jThreadsInfo and memory are protocol work only: no floor.
        floor = runs.get("floor")
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            figure, show(figure, floor) if floor else "-",
            show(figure, runs["ours"]), show(figure, runs["stock"]),
            ratio(runs["ours"], runs["stock"]),
            ratio(runs["ours"], floor) if floor else "-",
            ratio(runs["stock"], floor) if floor else "-"))
    print_repetitions(server)


def print_user(user):
    print("\nThrough lldb (SB API); rates: higher is better, times and "
          "overheads: lower is better.\n")
    print("| figure | ours | stock | ours/stock |")
    print("|---|---|---|---|")
    for figure, runs in user.items():
        print("| %s | %s | %s | %s |" % (
            figure, show(figure, runs["ours"]), show(figure, runs["stock"]),
            ratio(runs["ours"], runs["stock"])))


def print_targets(server, user):
    print("\nTargets (issue 18), from the medians above.\n")
    print("| target | measured | met |")
    print("|---|---|---|")
    for target, measured, met in targets(server, user, higher_is_better):
        print("| %s | %s | %s |" % (target, measured, "yes" if met else "no"))


def main():
    server = json.load(open(sys.argv[1]))
    user = json.load(open(sys.argv[2]))
    print_server(server)
    print_user(user)
    print_targets(server, user)


if __name__ == "__main__":
    main()

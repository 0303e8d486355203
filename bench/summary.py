"""Turns the drivers' JSON into the results table: per figure, the median
and the range [min-max] of each contender, and the ratios.

usage: summary.py SERVER_JSON USER_JSON"""
import json
import statistics
import sys

from figures import format_seconds


def show(figure, values):
    median = statistics.median(values)
    if "per second" in figure or "MB/s" in figure:
        text = "%.0f" % median
        low, high = "%.0f" % min(values), "%.0f" % max(values)
    else:
        text = format_seconds(median)
        low, high = format_seconds(min(values)), format_seconds(max(values))
    return "%s [%s-%s]" % (text, low, high)


def ratio(values, over):
    return "%.2f" % (statistics.median(values) / statistics.median(over))


def main():
    server = json.load(open(sys.argv[1]))
    user = json.load(open(sys.argv[2]))
    print("Server only (minimal gdb-remote client); ratio < 1 is faster.\n")
    print("| figure | floor | ours | stock | ours/stock | ours/floor "
          "| stock/floor |")
    print("|---|---|---|---|---|---|---|")
    for figure, runs in server.items():
        # jThreadsInfo is protocol work only; the floor has no counterpart.
        floor = runs.get("floor")
        print("| %s | %s | %s | %s | %s | %s | %s |" % (
            figure, show(figure, floor) if floor else "-",
            show(figure, runs["ours"]), show(figure, runs["stock"]),
            ratio(runs["ours"], runs["stock"]),
            ratio(runs["ours"], floor) if floor else "-",
            ratio(runs["stock"], floor) if floor else "-"))
    print("\nThrough lldb (SB API); rates: higher is better, times and "
          "overheads: lower is better.\n")
    print("| figure | ours | stock | ours/stock |")
    print("|---|---|---|---|")
    for figure, runs in user.items():
        print("| %s | %s | %s | %s |" % (
            figure, show(figure, runs["ours"]), show(figure, runs["stock"]),
            ratio(runs["ours"], runs["stock"])))


if __name__ == "__main__":
    main()

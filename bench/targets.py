# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Issue 18's targets, computed from the medians of the benchmark's figures:
each yields (target, what was measured, met)."""
import statistics

SCALE = "%d idle threads"
SB_DETACH = "detach, 100 idle threads"


def median(runs, who):
    return statistics.median(runs[who])


def over(runs, who, other):
    return median(runs, who) / median(runs, other)


def floor_targets(server):
    for threads in (100, 1000):
        for phase in ("", " post-cycle"):
            for operation in ("interrupt", "cycle"):
                runs = server.get("%s%s, %s" % (operation, phase,
                                                SCALE % threads))
                if not runs:
                    continue
                mine = over(runs, "ours", "floor")
                yield ("%s, %d threads, %s ≤ 2× floor" % (
                           operation, threads,
                           "post-cycle" if phase else "post-attach"),
                       "%.2f× (stock %.2f×)" % (
                           mine, over(runs, "stock", "floor")),
                       mine <= 2)


def attach_targets(server):
    for threads in (100, 1000):
        runs = server.get("attach, " + SCALE % threads)
        if runs:
            mine = over(runs, "ours", "stock")
            yield ("attach, %d idle threads ≤ 0.5× stock" % threads,
                   "%.2f" % mine, mine <= 0.5)


def scale_targets(server):
    suffix = ", " + SCALE % 10000
    for figure, runs in server.items():
        if not figure.endswith(suffix) or "RSS" in figure:
            continue
        operation = figure[:-len(suffix)]
        mine = over(runs, "ours", "stock")
        # (the target, what was measured, met)
        checks = [("≤ 0.5× stock", "%.2f× stock" % mine, mine <= 0.5)]
        if "floor" in runs:
            mine = over(runs, "ours", "floor")
            checks.append(("≤ 3× floor", "%.2f× floor" % mine, mine <= 3))
        smaller = server.get(operation + ", " + SCALE % 1000)
        if smaller:
            growths = {who: median(runs, who) / median(smaller, who)
                       for who in runs if who in smaller}
            others = ", ".join("%s ×%.1f" % (who, growths[who])
                               for who in ("stock", "floor") if who in growths)
            checks.append(("≤ ×12 from 1,000",
                           "×%.1f from 1,000 (%s)" % (growths["ours"], others),
                           growths["ours"] <= 12))
        yield ("10,000 threads, %s: %s" % (
                   operation, ", ".join(check[0] for check in checks)),
               ", ".join(check[1] for check in checks),
               all(check[2] for check in checks))


def cpu_targets(user):
    for figure in ("server CPU time per breakpoint hit",
                   "server CPU time per step"):
        if figure in user:
            mine = over(user[figure], "ours", "stock")
            yield ("%s ≤ 0.6× stock" % figure, "%.2f" % mine, mine <= 0.6)


def no_worse_target(server, user, higher_is_better):
    worse = []
    for figures, label in ((server, ""), (user, "through lldb: ")):
        for figure, runs in figures.items():
            mine = over(runs, "ours", "stock")
            if (mine < 1) if higher_is_better(figure) else (mine > 1):
                worse.append("%s%s %.2f" % (label, figure, mine))
    sb_detach = ("SB-API detach %.2f" % over(user[SB_DETACH], "ours", "stock")
                 if SB_DETACH in user else "SB-API detach not measured")
    yield ("no figure worse than stock, SB-API detach included",
           "; ".join(worse) if worse else "none (%s)" % sb_detach,
           not worse)


def rss_target(server):
    runs = server.get("server peak RSS, " + SCALE % 10000)
    if runs:
        yield ("server peak RSS, 10,000 threads ≤ stock's",
               "%.1f MB vs %.1f MB" % (median(runs, "ours") / 1e6,
                                       median(runs, "stock") / 1e6),
               median(runs, "ours") <= median(runs, "stock"))


def targets(server, user, higher_is_better):
    yield from floor_targets(server)
    yield from attach_targets(server)
    yield from scale_targets(server)
    yield from cpu_targets(user)
    yield from no_worse_target(server, user, higher_is_better)
    yield from rss_target(server)

"""Attaches lldb to a program that forks without pause and detaches, many
times; after each detach no child of the program may be left in a ptrace
stop, and the program must still be forking.

usage: attach_fork_storm.py PROGRAM ROUNDS -- LLDB-COMMAND...
"""
import os
import subprocess
import sys
import time

program, rounds = sys.argv[1], int(sys.argv[2])
lldb = sys.argv[sys.argv.index("--") + 1:]
target = subprocess.Popen([program])


def children_states(pid):
    states = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            states.append((int(entry), fields[0]))
    return states


def last_child(pid):
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read()


def still_forking(pid):
    # A new child appears each few microseconds while the program runs.
    seen = set()
    for _ in range(200):
        seen.update(child for child, _ in children_states(pid))
        if len(seen) > 1:
            return True
        time.sleep(0.01)
    return False


stuck = 0
try:
    for round in range(rounds):
        subprocess.run(lldb + ["-b", "-p", str(target.pid), "-o", "detach"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=60)
        if not still_forking(target.pid):
            print(f"round {round}: the program stopped forking:",
                  children_states(target.pid))
            stuck += 1
            break
    print(f"{rounds} attaches, {stuck} left the program stuck")
finally:
    target.kill()
    target.wait()

"""Attaches lldb to a program that forks without pause (fork_storm.c) and
detaches, many times; after each detach the program must still be forking.

usage: attach_fork_storm.py PROGRAM COUNTER-FILE ROUNDS -- LLDB-COMMAND..."""
import struct
import subprocess
import sys
import time

program, counter, rounds = sys.argv[1], sys.argv[2], int(sys.argv[3])
lldb = sys.argv[sys.argv.index("--") + 1:]
target = subprocess.Popen([program, counter])


def forks():
    with open(counter, "rb") as data:
        raw = data.read(8)
    return struct.unpack("<Q", raw)[0] if len(raw) == 8 else 0


def still_forking():
    # A fork takes microseconds; a program stuck on a child that stays
    # ptrace-stopped counts nothing for seconds.
    before = forks()
    for _ in range(100):
        time.sleep(0.05)
        if forks() != before:
            return True
    return False


stuck = 0
try:
    for round in range(rounds):
        subprocess.run(lldb + ["-b", "-p", str(target.pid), "-o", "detach"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                       timeout=60)
        if not still_forking():
            print("round %d: the program stopped forking" % round)
            stuck += 1
            break
    print("%d attaches, %d left the program stuck" % (rounds, stuck))
finally:
    target.kill()
    target.wait()

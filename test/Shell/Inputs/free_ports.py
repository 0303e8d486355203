"""Prints the first of COUNT consecutive loopback TCP ports that are free now.

usage: free_ports.py COUNT

The search starts at a random port, so tests running side by side seldom
pick the same ones. The ports stay within 1024-49151, the only ones
lldb-server's platform accepts for its debug sessions."""
import random
import socket
import sys

count = int(sys.argv[1])
start = random.randrange(20000, 40000)
for first in range(start, start + 9000, count):
    sockets = []
    try:
        for port in range(first, first + count):
            sockets.append(socket.socket())
            sockets[-1].bind(("127.0.0.1", port))
    except OSError:
        continue
    finally:
        for s in sockets:
            s.close()
    print(first)
    sys.exit(0)
sys.exit("no %d consecutive free ports" % count)

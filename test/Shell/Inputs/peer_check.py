"""Asks a gdb-remote server for one reply, as a client it may refuse.

usage: peer_check.py hello ADDRESS [SOURCE]
         Prints "answered" if the server at ADDRESS (HOST:PORT, or a Unix
         socket path) replies to a packet, "refused" if it closes the
         connection first. SOURCE is the local IPv4 address to connect from.
       peer_check.py packet ADDRESS PAYLOAD...
         Prints the reply to each packet PAYLOAD, sent as it is.
       peer_check.py session PLATFORM STRANGER-COMMAND...
         Asks the platform at PLATFORM for a debug session (qLaunchGDBServer),
         then tries that session's port (on the platform's host, or loopback
         for a Unix socket) first as STRANGER-COMMAND (a command prefix that
         runs this script as someone else, or from elsewhere, given
         "hello HOST:PORT") and then as ourselves, printing both.
A hello without SOURCE connects from $PEER_SOURCE if that is set."""
import os
import socket
import subprocess
import sys


def connect(address, source=None):
    if "/" in address:
        client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        client.settimeout(30)
        client.connect(address)
        return client
    host, port = address.rsplit(":", 1)
    client = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    client.settimeout(30)
    if source:
        client.bind((source, 0))
    client.connect((host, int(port)))
    return client


def request(client, payload):
    """The reply to PAYLOAD, or None if the server hangs up instead."""
    data = payload.encode()
    received = b""
    try:
        client.sendall(b"$%s#%02x" % (data, sum(data) & 0xFF))
        while b"#" not in received.lstrip(b"+") or \
                len(received) < received.index(b"#") + 3:
            chunk = client.recv(4096)
            if not chunk:
                return None
            received += chunk
    except (BrokenPipeError, ConnectionResetError):
        return None
    client.sendall(b"+")
    return received.lstrip(b"+")[1:received.lstrip(b"+").index(b"#")]


def hello(address, source=os.environ.get("PEER_SOURCE")):
    reply = request(connect(address, source), "qHostInfo")
    return "answered" if reply is not None else "refused"


def session(platform, stranger):
    client = connect(platform)
    reply = request(client, "qLaunchGDBServer;host:localhost;").decode()
    fields = dict(field.split(":", 1) for field in reply.split(";") if field)
    host = "127.0.0.1" if "/" in platform else platform.rsplit(":", 1)[0]
    target = "%s:%s" % (host, fields["port"])
    other = subprocess.run(stranger + [__file__, "hello", target],
                           capture_output=True, text=True)
    print("stranger:", other.stdout.strip() or other.stderr.strip())
    print("owner:", hello(target))


if sys.argv[1] == "hello":
    print(hello(*sys.argv[2:4]))
elif sys.argv[1] == "packet":
    server = connect(sys.argv[2])
    for payload in sys.argv[3:]:
        print(request(server, payload))
else:
    session(sys.argv[2], sys.argv[3:])

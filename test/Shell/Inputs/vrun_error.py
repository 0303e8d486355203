"""Asks `SERVER gdbserver` to vRun PROGRAM while PROGRAM is open for
writing, so execve fails with ETXTBSY, and prints the text of the error
reply (error strings enabled, as LLDB's test of this does).

usage: vrun_error.py SERVER PROGRAM"""
import binascii
import socket
import subprocess
import sys


def send(sock, body):
    checksum = sum(body.encode()) & 0xFF
    sock.sendall(b"$%s#%02x" % (body.encode(), checksum))


def receive(sock, pending):
    while b"#" not in pending or len(pending) < pending.index(b"#") + 3:
        data = sock.recv(4096)
        if not data:
            sys.exit("the server hung up")
        pending += data
    start = pending.index(b"$")
    end = pending.index(b"#")
    return pending[start + 1:end].decode(), pending[end + 3:]


server_end, client_end = socket.socketpair()
server = subprocess.Popen(
    [sys.argv[1], "gdbserver", "--fd=%d" % server_end.fileno()],
    pass_fds=[server_end.fileno()])
server_end.close()
client_end.settimeout(30)
try:
    pending = b""
    for request in ("QStartNoAckMode", "QEnableErrorStrings"):
        send(client_end, request)
        reply, pending = receive(client_end, pending)
        client_end.sendall(b"+")
        pending = pending.lstrip(b"+")
    with open(sys.argv[2], "ab"):
        send(client_end,
             "vRun;" + binascii.hexlify(sys.argv[2].encode()).decode())
        reply, pending = receive(client_end, pending.lstrip(b"+"))
    code, _, text = reply.partition(";")
    print("reply:", code)
    print("text:", binascii.unhexlify(text).decode())
finally:
    server.kill()
    server.wait()

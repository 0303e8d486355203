"""Launches PROGRAM 42 with vRun through `SERVER gdbserver`, then sends
packets that once killed, stalled or swelled the server, one at a time,
and prints what came back: each must get an error reply, the server must
still answer a probe afterwards, and the program must be the same process,
alive and untouched (continued, it exits with status 42).

usage: malformed_packets.py SERVER PROGRAM"""
import binascii
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "bench"))
from gdb_remote import GdbRemote, ServerError  # noqa: E402

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "fuzz"))
from packet_fuzzer import rss_kib, runs_asan  # noqa: E402

# Raw payloads, sent as they are: nothing here is escaped.
MALFORMED = [
    # Lengths no buffer can hold.
    b"m0,ffffffffffffffff",
    b"mffffffffffffffff,ffffffffffffffff",
    b"mfffffffffffffff0,ffffffffffffffff",
    b"M0,ffffffffffffffff:00",
    b"Mffffffffffffffff,ffffffffffffffff:00",
    b"Mfffffffffffffff0,ffffffffffffffff:00",
    # A '}' (escape) as the last byte of the packet.
    b"}",
    b'jModulesInfo:{"type":"""}',
    b'jThreadExtendedInfo:{"type":"""}',
    b'jGetLoadedDynamicLibrariesInfos:{"type":"""}',
    b'jLLDBTraceStart:{"type":"""}',
    b'jLLDBTraceStop:{"type":"""}',
    b'jLLDBTraceGetState:{"type":"""}',
    b'jLLDBTraceGetBinaryData:{"type":"""}',
    # Run-length encoding with no count, and with nothing to repeat.
    b"qC*",
    b"*!",
    # An empty packet.
    b"",
    # Resumes that resume no thread: no stop would ever answer them.
    b"vCont;c:fffffffff",
    b"vCont;s:fffffffff",
    b"vCont;t",
]


def probe(client):
    """The debugged process's id, as the server reports it."""
    reply = client.check(client.request("qProcessInfo"))
    fields = dict(field.split(b":", 1) for field in reply.split(b";") if field)
    return int(fields[b"pid"], 16)


def show(label, reply):
    print("%s -> %s" % (label, "error" if reply.startswith(b"E") else
                        "answered %r" % reply[:40]))


def stop_state(pid):
    with open("/proc/%d/stat" % pid) as stat:
        return stat.read().rsplit(")", 1)[1].split()[0]


def send_malformed(client, pid):
    for payload in MALFORMED:
        client.send(payload)
        show(payload.decode(), client.receive())
        if probe(client) != pid:
            print("the server debugs another process now")


def send_second_launches(client, pid, program):
    name = binascii.hexlify(program.encode()).decode()
    requests = {
        "vRun": "vRun;%s;3432" % name,
        "A": "A%d,0,%s" % (len(name), name),
        "vAttach": "vAttach;%x" % os.getpid(),
        "vAttachWait": "vAttachWait;%s" % binascii.hexlify(
            os.path.basename(program).encode()).decode(),
    }
    for label, request in requests.items():
        show(label, client.request(request))
        if probe(client) != pid:
            print("the server debugs another process now")


def send_stray_bytes(client, pid):
    # Each is followed by a packet in a later write, as a client that lost
    # its place in the stream would send it.
    for label, stray in (("one stray byte", b"x"), ("stray bytes", b"junk"),
                         ("a truncated packet", b"$m0,1")):
        client.socket.sendall(stray)
        print("%s, then a probe -> %s" % (
            label, "answered" if probe(client) == pid else "wrong process"))


def send_endless_packet(client, pid):
    """64 MiB after a '$' and no '#': the server must answer with an error
    and hold none of it."""
    before = rss_kib(client.process.pid)
    client.socket.sendall(b"$")
    chunk = b"A" * (1 << 20)
    for _ in range(64):
        client.socket.sendall(chunk)
    grown = rss_kib(client.process.pid) - before
    reply = client.receive()
    client.socket.sendall(b"#00")
    show("a packet that never ends", reply)
    if runs_asan(client.process.pid):
        # Its quarantine keeps freed buffers resident; LeakSanitizer checks
        # at exit instead.
        print("server memory not measured under ASan")
    else:
        print("server memory grew by %s 8 MiB" % (
            "less than" if grown < 8192 else "more than"))
    if probe(client) != pid:
        print("the server debugs another process now")


def main():
    server, program = sys.argv[1:3]
    client = GdbRemote(server)
    client.socket.settimeout(30)
    try:
        client.send("vRun;%s;3432" % binascii.hexlify(program.encode()).decode())
        client.stop_reply()
        pid = probe(client)
        send_malformed(client, pid)
        send_second_launches(client, pid, program)
        send_stray_bytes(client, pid)
        send_endless_packet(client, pid)
        print("program state:", stop_state(pid))
        client.send("c")
        print("program exit:", client.receive().decode())
    except (ServerError, OSError) as error:
        print("server lost:", error)
        print("server status:", client.process.poll())
    finally:
        client.process.kill()
        client.close()


main()

#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""A seeded gdb-remote fuzzer for `SERVER gdbserver`: launches PROGRAM (or,
with --attach, starts it and attaches), sends COUNT generated packets (the
same ones for the same seed) and after every batch checks that the server
answers a probe for the same process, that the program is still in its
tracing stop, and records the server's resident memory. At the end the
program must run on to exit 42 and the server's memory must not have grown
by more than --rss-growth-kib (not checked for a server built with
AddressSanitizer, see runs_asan).

PROGRAM is test/fuzz/fuzz_target.c: it runs until a file exists, so some
packets are sent while it runs (a continue, packets, an interrupt). Every
generated packet leaves the program's memory and registers alone
(addresses are unmapped, register numbers and thread ids do not exist), so
that "intact" can be checked by letting the program finish.

usage: packet_fuzzer.py [--seed N] [--count N] [--batch N] [--attach]
                        SERVER PROGRAM
Exit status 0 when every check held; the last line says what failed."""
import argparse
import binascii
import json
import mmap
import os
import random
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                "bench"))
from gdb_remote import GdbRemote, ServerError  # noqa: E402

UNMAPPED = [0, 1, 0xFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFF0,
            0x7FFFFFFFFFFFFFFF, 0x8000000000000000, 0xFFFF800000000000]
LENGTHS = [0, 1, 2, 0x10, 0x1000, 0x20000, 0x20001, 0xFFFFFFFF,
           0x7FFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFFF, 0xFFFFFFFFFFFFFFF0]
BAD_IDS = ["-2", "0", "ffffffff", "fffffffffffffffff", "p0.0", "p-1.-2",
           "pffffffff.1", "zz", ""]
JSON_TEXTS = ['{"type":"""}', "{", "[", "[]", "{}", '{"type":5}', "null",
              '{"tids":"x","type":"intel-pt"}', '[{"file":1,"triple":2}]',
              '{"fetch_all_solibs":"yes"}', '{"solib_addresses":[1,"x"]}',
              '{"type":"intel-pt","kind":"x","tid":"q"}', "1e999999",
              "[" * 200 + "]" * 200, '"\\ud800"']
JSON_PACKETS = ["jModulesInfo:", "jThreadExtendedInfo:",
                "jGetLoadedDynamicLibrariesInfos:", "jLLDBTraceStart:",
                "jLLDBTraceStop:", "jLLDBTraceGetState:",
                "jLLDBTraceGetBinaryData:", "jThreadsInfo:"]
XFER_OBJECTS = ["auxv", "libraries-svr4", "features", "siginfo",
                "io-uring-topology", "io-thread-policy", "malformed-packet",
                "nonexistent"]
NAMES = ["qC", "qProcessInfo", "qfThreadInfo", "qsThreadInfo", "?", "g",
         "jThreadsInfo", "qHostInfo", "qSupported", "vCont?", "qGetPid",
         "qShlibInfoAddr", "qRegisterInfo0", "QThreadSuffixSupported",
         "qMemoryRegionInfo", "qWatchpointSupportInfo:", "jSignalsInfo"]


RUNNING = b"<running>"


def hx(value):
    return "%x" % value


class Generator:
    def __init__(self, seed):
        self.random = random.Random(seed)

    def pick(self, items):
        return self.random.choice(items)

    def address(self):
        return hx(self.pick(UNMAPPED))

    def length(self):
        return hx(self.pick(LENGTHS))

    def memory(self):
        kind = self.pick(["m", "M", "x", "X", "_M", "_m", "qMemTags:",
                          "qMemoryRegionInfo:"])
        if kind == "M":
            return "M%s,%s:%s" % (self.address(), self.length(),
                                  "00" * self.random.randrange(3))
        if kind == "X":
            return "X%s,%s:" % (self.address(), self.length())
        if kind == "_M":
            return "_M%s,%s" % (self.pick(["ffffffffffffffff", "0", "zz"]),
                                self.pick(["rwx", "q", ""]))
        if kind == "_m":
            return "_m" + self.address()
        if kind == "qMemTags:":
            return "qMemTags:%s,%s:%s" % (self.address(), self.length(),
                                          self.length())
        if kind == "qMemoryRegionInfo:":
            return kind + self.address()
        return "%s%s,%s" % (kind, self.address(), self.length())

    def threads(self):
        tid = self.pick(BAD_IDS)
        return self.pick([
            "Hg" + tid, "Hc" + tid, "T" + tid, "qThreadStopInfo" + tid,
            "qThreadExtraInfo," + tid, "p0;thread:%s;" % tid,
            "g;thread:%s;" % tid, "QSaveRegisterState;thread:%s;" % tid])

    def registers(self):
        number = self.pick(["1000", "ffffffff", "fffffffffffffffff", "-1",
                            "zz", ""])
        return self.pick([
            "p" + number, "P%s=%s" % (number, "00" * 8),
            "qRegisterInfo" + number,
            "QRestoreRegisterState:%s" % self.pick(["0", "ffff", "zz"])])

    def json(self):
        return self.pick(JSON_PACKETS) + self.pick(JSON_TEXTS)

    def xfer(self):
        annex = self.pick(["", "target.xml", "x" * 300, ":", "..", "0"])
        operation = self.pick(["read", "write", "bogus"])
        return "qXfer:%s:%s:%s:%s,%s" % (
            self.pick(XFER_OBJECTS), operation, annex, self.length(),
            self.length())

    def stoppoints(self):
        return "%s%d,%s,%s" % (self.pick(["Z", "z"]),
                               self.random.randrange(-1, 7), self.address(),
                               self.pick(["0", "1", "8", "ffffffff", "zz"]))

    def resumes(self):
        """vCont and its relatives with actions that resume no thread, or
        that LLGS cannot parse: none may run the program."""
        tid = self.pick(BAD_IDS)
        return self.pick([
            "vCont;c:" + tid, "vCont;s:" + tid, "vCont;C%s:%s" % (
                self.pick(["0", "13", "ff", "zz"]), tid),
            "vCont;S05:" + tid, "vCont;t", "vCont;t:" + tid, "vCont;x",
            "vCont;", "vCont", "vCont?", "vCont;c:%s;t" % tid,
            "vCont;C00", "vCtrlC", "vStopped", "QNonStop:%s" % self.pick(
                ["2", "zz", ""])])

    def rle(self):
        """A known packet with a run: `X*N` repeats X (N - 29) times. The
        count may be any byte, including ones no encoder would send."""
        body = self.pick(NAMES)
        position = self.random.randrange(1, len(body) + 1)
        count = self.pick([self.random.randrange(0x20, 0x7F),
                           self.pick(b"\x00\x1f\x7f\xff*}")])
        if count in b"#$":
            count = 0x2A
        return (body[:position] + "*").encode() + bytes([count]) + \
            body[position:].encode()

    def launches(self):
        name = binascii.hexlify(b"/nonexistent").decode()
        return self.pick(["vRun;" + name, "vRun;", "vAttach;1",
                          "vAttach;zz", "A4,0,2f2f", "vAttachWait;" + name,
                          "vAttachOrWait;" + name, "qLaunchSuccess",
                          "QEnvironment:=", "QSetWorkingDir:zz"])

    def mutated(self):
        """A known packet with a byte inserted, dropped or replaced; never
        the first, which could make it a resume or a register write."""
        body = bytearray(self.pick(NAMES).encode())
        position = self.random.randrange(1, len(body) + 1)
        byte = self.pick(b"}*#$%+-\x00\xff:;,")
        change = self.pick(["insert", "drop", "replace"])
        if change == "insert" or position == len(body):
            body.insert(position, byte)
        elif change == "drop":
            del body[position]
        else:
            body[position] = byte
        return bytes(body).replace(b"#", b"").replace(b"$", b"")

    def body(self):
        family = self.pick([self.memory, self.threads, self.registers,
                            self.json, self.xfer, self.stoppoints,
                            self.launches, self.resumes, self.mutated,
                            self.rle])
        body = family()
        return body if isinstance(body, bytes) else self.escape(body)

    def escape(self, text):
        data = text.encode()
        if self.random.random() < 0.2:  # as sent, escapes and all
            return data
        return b"".join(b"}" + bytes([c ^ 0x20]) if c in b"#$}*"
                        else bytes([c]) for c in data)

    def framing(self):
        """Bytes outside packets, or a packet left unfinished: no reply is
        owed, but the next packet must be answered."""
        return self.pick([b"x", b"junk", b"$m0,1", b"+", b"-", b"%note#00",
                          b"\x00" * 10, b"#00", b"}"])

    def packet(self):
        """(bytes to send, whether a reply is owed), or RUNNING for a
        stretch of packets sent while the program runs."""
        if self.random.random() < 0.01:
            return RUNNING, True
        if self.random.random() < 0.0005:
            # Longer than any packet the server takes (1 MiB).
            return b"$" + b"m0,1;" * 250000 + b"#00", True
        if self.random.random() < 0.1:
            return self.framing(), False
        body = self.body()
        checksum = b"%02x" % (sum(body) & 0xFF)
        # Checksums are not checked in no-ack mode, but must not hurt.
        if self.random.random() < 0.05:
            checksum = self.pick([b"zz", b"00", b"\x00\xff"])
        return b"$" + body + b"#" + checksum, True


def probe(client):
    """The debugged process's id; stop replies still on their way from a
    stretch while running are passed over."""
    client.send("qProcessInfo")
    reply = client.receive()
    while reply.startswith((b"T", b"S")):
        reply = client.receive()
    client.check(reply)
    fields = dict(f.split(b":", 1) for f in reply.split(b";") if b":" in f)
    return int(fields[b"pid"], 16)


def rss_kib(pid):
    with open("/proc/%d/status" % pid) as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def runs_asan(pid):
    """AddressSanitizer keeps freed memory in quarantine (256 MiB by
    default), so resident memory says nothing about leaks there; its
    LeakSanitizer checks them when the server exits instead. Clang links
    the runtime into the program, so the program is where to look."""
    with open("/proc/%d/exe" % pid, "rb") as program:
        with mmap.mmap(program.fileno(), 0, access=mmap.ACCESS_READ) as data:
            return data.find(b"__asan_init") >= 0


def stop_state(pid):
    with open("/proc/%d/stat" % pid) as stat:
        return stat.read().rsplit(")", 1)[1].split()[0]


def frame(body):
    return b"$" + body + b"#%02x" % (sum(body) & 0xFF)


def run_while_running(client, generator, sent):
    """Continues the program, sends a few packets while it runs, interrupts
    it and waits for its stop. Replies owed while running are not counted
    one by one (a packet may stop the program itself); the server must
    answer an echo after the stop. Returns the packets sent."""
    client.send("vCont;c")
    count = generator.random.randrange(1, 8)
    for _ in range(count):
        client.socket.sendall(frame(generator.body()))
    client.interrupt()
    stopped = False
    client.send("qEcho:%d" % sent)
    while True:
        reply = client.receive()
        stopped |= reply.startswith((b"T", b"S"))
        if reply == b"qEcho:%d" % sent:
            break
    # The interrupt may reach a program a packet had already stopped.
    while not stopped:
        stopped = client.receive().startswith((b"T", b"S"))
    return count + 2


def start(client, options, go_file):
    """Launches or attaches to the program; returns its pid and, when we
    started it, its process."""
    if not options.attach:
        client.send("vRun;%s;%s" % tuple(
            binascii.hexlify(arg.encode()).decode()
            for arg in (options.program, go_file)))
        client.stop_reply()
        return probe(client), None
    child = subprocess.Popen([options.program, go_file])
    time.sleep(0.05)
    client.send("vAttach;%x" % child.pid)
    client.stop_reply()
    return child.pid, child


def check(client, pid, sent):
    if probe(client) != pid:
        raise ServerError("after %d packets the server debugs another "
                          "process" % sent)
    if stop_state(pid) != "t":
        raise ServerError("after %d packets the program is in state %s"
                          % (sent, stop_state(pid)))
    return rss_kib(client.process.pid)


def fuzz(client, options, pid):
    """Sends the packets; returns the server's memory in KiB after the
    first batch and at the end."""
    generator = Generator(options.seed)
    # Measured from the first batch on: LLGS sets itself up on first use.
    first_rss = rss = None
    sent = 0
    while sent < options.count:
        data, owed = generator.packet()
        client.last = data
        if data == RUNNING:
            sent += run_while_running(client, generator, sent)
            rss = check(client, pid, sent)
            first_rss = first_rss or rss
            continue
        sent += 1
        client.socket.sendall(data)
        if owed:
            client.receive()
        # Bytes outside packets must not hold up the next packet, and a
        # probe ends a packet they left unfinished.
        if owed and sent % options.batch and sent < options.count:
            continue
        rss = check(client, pid, sent)
        first_rss = first_rss or rss
    return first_rss, rss


def run(options):
    client = GdbRemote(options.server)
    client.socket.settimeout(options.reply_timeout)
    client.last = b""
    go_file = os.path.join(tempfile.mkdtemp(), "go")
    began = time.time()
    child = None
    try:
        pid, child = start(client, options, go_file)
        first_rss, last_rss = fuzz(client, options, pid)
    except (ServerError, OSError) as error:
        if child:
            child.kill()
        raise ServerError("%s (last packet sent: %r)" % (
            error, client.last[:200])) from error
    growth = last_rss - first_rss
    asan = runs_asan(client.process.pid)
    if growth > options.rss_growth_kib and not asan:
        raise ServerError("server memory grew by %d KiB" % growth)
    open(go_file, "w").close()
    client.send("c")
    exit_reply = client.receive()
    if exit_reply != b"W2a":
        raise ServerError("the program ended with %r" % exit_reply)
    if child:
        child.wait(timeout=30)
    client.close()
    os.unlink(go_file)
    os.rmdir(os.path.dirname(go_file))
    print("%d packets from seed %d (%s): every probe answered, program "
          "intact, server memory grew by %d KiB (%d to %d KiB)%s in %.0f s" % (
              options.count, options.seed,
              "attach" if options.attach else "launch", growth, first_rss,
              last_rss, " (not bounded under ASan)" if asan else "",
              time.time() - began))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--batch", type=int, default=100)
    parser.add_argument("--reply-timeout", type=float, default=20)
    parser.add_argument("--rss-growth-kib", type=int, default=8192)
    parser.add_argument("--attach", action="store_true",
                        help="start the program and attach to it")
    parser.add_argument("--show", action="store_true",
                        help="print the packets for the seed and exit")
    parser.add_argument("server")
    parser.add_argument("program")
    options = parser.parse_args()
    if options.show:
        generator = Generator(options.seed)
        for _ in range(options.count):
            print(generator.packet()[0])
        return 0
    try:
        run(options)
    except (ServerError, OSError) as error:
        print("FAILED (seed %d): %s" % (options.seed, error))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

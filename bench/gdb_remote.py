# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""A minimal gdb-remote client: starts a debug server as lldb does
(`SERVER gdbserver --fd=N`, on one end of a socket pair) and speaks packets
to it, with nothing else in the loop, so that only the server is timed."""
import socket
import subprocess


class ServerError(Exception):
    pass


class GdbRemote:
    def __init__(self, server, options=()):
        ours, theirs = socket.socketpair()
        self.socket = ours
        self.buffer = b""
        self.process = subprocess.Popen(
            [server, "gdbserver", "--fd=%d" % theirs.fileno(), "--native-regs",
             "--setsid", *options], pass_fds=[theirs.fileno()],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        theirs.close()
        # Acknowledgement mode until the server agrees to drop it.
        self.send("QStartNoAckMode")
        self.expect_ack()
        self.check(self.receive())
        self.socket.sendall(b"+")
        for setting in ("QThreadSuffixSupported", "QListThreadsInStopReply"):
            self.check(self.request(setting))

    def send(self, payload):
        data = payload.encode() if isinstance(payload, str) else payload
        checksum = sum(data) & 0xFF
        self.socket.sendall(b"$" + data + b"#%02x" % checksum)

    def interrupt(self):
        self.socket.sendall(b"\x03")

    def fill(self):
        chunk = self.socket.recv(1 << 20)
        if not chunk:
            raise ServerError("the server closed the connection")
        self.buffer += chunk

    def expect_ack(self):
        while not self.buffer:
            self.fill()
        if self.buffer[:1] != b"+":
            raise ServerError("no acknowledgement: %r" % self.buffer[:20])
        self.buffer = self.buffer[1:]

    def receive(self):
        """The next packet's payload (run-length encoding is not undone:
        nothing here reads inside the packets it times)."""
        while True:
            start = self.buffer.find(b"$")
            end = self.buffer.find(b"#", start)
            if start >= 0 and end >= 0 and len(self.buffer) >= end + 3:
                payload = self.buffer[start + 1:end]
                self.buffer = self.buffer[end + 3:]
                # Output the program writes while it runs is not an answer.
                if payload.startswith(b"O") and payload != b"OK":
                    continue
                return payload
            self.fill()

    def request(self, payload):
        self.send(payload)
        return self.receive()

    @staticmethod
    def check(reply):
        if reply.startswith(b"E") or not reply:
            raise ServerError("the server answered %r" % reply[:80])
        return reply

    def stop_reply(self):
        reply = self.receive()
        if not reply.startswith((b"T", b"S")):
            raise ServerError("expected a stop reply, got %r" % reply[:80])
        return reply

    def close(self):
        self.socket.close()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

"""Drives lldb-dap (LLDB_DAP names which; lldb-dap-19 when unset) over the
Debug Adapter Protocol as an IDE does, with whatever debug server
LLDB_DEBUGSERVER_PATH names: launch a program or attach to one, stop at a
function breakpoint, list threads, a stack and a frame's variables,
continue, disconnect. Prints what an IDE would show, for
FileCheck. Every read is bounded.

usage: dap_session.py launch FUNCTION PROGRAM [ARGS...]
       dap_session.py attach FUNCTION PROGRAM PID TRIGGER
In attach mode the session creates the file TRIGGER once the breakpoint is
set, for the program to call FUNCTION, and detaches at the end."""
import json
import os
import select
import subprocess
import sys
import time

mode, function, program = sys.argv[1], sys.argv[2], sys.argv[3]
# Unbuffered, so select() sees every byte not yet read.
adapter = subprocess.Popen([os.environ.get("LLDB_DAP", "lldb-dap-19")],
                           stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                           bufsize=0)
sequence = 0
pending = []


def send(command, arguments=None):
    global sequence
    sequence += 1
    body = json.dumps({"seq": sequence, "type": "request", "command": command,
                       "arguments": arguments or {}}).encode()
    adapter.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    adapter.stdin.flush()
    return sequence


def read_bytes(count, deadline):
    data = b""
    while len(data) < count:
        if not select.select([adapter.stdout], [], [],
                             max(0, deadline - time.time()))[0]:
            sys.exit("lldb-dap went silent")
        chunk = adapter.stdout.read(count - len(data))
        if not chunk:
            sys.exit("lldb-dap exited with status %s" % adapter.wait(timeout=30))
        data += chunk
    return data


def read_message(deadline):
    headers = b""
    while not headers.endswith(b"\r\n\r\n"):
        headers += read_bytes(1, deadline)
    length = int(headers.split(b"Content-Length:")[1].split(b"\r\n")[0])
    return json.loads(read_bytes(length, deadline))


def wait(predicate, seconds=60):
    deadline = time.time() + seconds
    for message in list(pending):
        if predicate(message):
            pending.remove(message)
            return message
    while True:
        message = read_message(deadline)
        if predicate(message):
            return message
        pending.append(message)


def response(command, number):
    answer = wait(lambda m: m.get("type") == "response" and
                  m.get("request_seq") == number)
    if not answer.get("success"):
        sys.exit("%s failed: %s" % (command, answer.get("message")))
    return answer.get("body", {})


def request(command, arguments=None):
    return response(command, send(command, arguments))


def event(name):
    return wait(lambda m: m.get("type") == "event" and m.get("event") == name)


request("initialize", {"adapterID": "lldb-dap", "clientID": "test",
                       "linesStartAt1": True, "columnsStartAt1": True,
                       "pathFormat": "path"})
init_commands = ["settings set target.load-cwd-lldbinit false"]
if mode == "launch":
    started = send("launch", {"program": program, "args": sys.argv[4:],
                              "initCommands": init_commands})
else:
    started = send("attach", {"program": program, "pid": int(sys.argv[4]),
                              "initCommands": init_commands})
event("initialized")
request("setFunctionBreakpoints", {"breakpoints": [{"name": function}]})
request("configurationDone")
# lldb-dap 19 answers an attach before "initialized", lldb-dap 22 answers
# launch and attach only after configurationDone.
response(mode, started)
if mode == "attach":
    print("attached")
# An IDE asks for the threads as they are now right after configurationDone;
# lldb-dap 22 answers the first threads request with that list even after a
# stop, so a client that skipped it would see the stop's threads only later.
request("threads")
if mode == "attach":
    open(sys.argv[5], "w").close()
stopped = event("stopped")["body"]
print("stopped:", stopped.get("reason"))
for thread in request("threads")["threads"]:
    print("thread:", thread["name"])
frames = request("stackTrace", {"threadId": stopped["threadId"],
                                "levels": 2})["stackFrames"]
for frame in frames:
    print("frame:", frame["name"])
scopes = request("scopes", {"frameId": frames[-1]["id"]})["scopes"]
for variable in request("variables", {
        "variablesReference": scopes[0]["variablesReference"]})["variables"]:
    print("variable:", variable["name"])
request("continue", {"threadId": stopped["threadId"]})
print("continued")
request("disconnect", {"terminateDebuggee": mode == "launch"})
print("disconnected")
adapter.wait(timeout=30)

#!/usr/bin/python3
# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Python for LLDB's dotest.py, with lldb-server taken to be the server under
test ($IOTHREADS_UPSTREAM_SERVER), for the lldb-server tests and the lldb
client alike.

LLDB 19's lldb-server tests find the server beside the running Python
(lldbgdbserverutils.get_lldb_server_exe) and ignore LLDB_DEBUGSERVER_PATH, so
this answers that one question and then runs the script it was given, as
python3 would.

usage: python-with-server.py SCRIPT [ARGUMENTS...]
"""
import os
import runpy
import subprocess
import sys


def answer_lldb_server_with(server, lldb, script):
    lldb_source = os.path.dirname(os.path.dirname(os.path.dirname(script)))
    packages = os.path.join(lldb_source, "packages", "Python")
    sys.path[:0] = [
        subprocess.check_output([lldb, "-P"], text=True).strip(),
        packages,
        os.path.join(packages, "lldbsuite", "test", "tools", "lldb-server"),
    ]
    import lldbgdbserverutils

    lldbgdbserverutils.get_lldb_server_exe = lambda: server
    # The tests that drive the lldb client start their server the way lldb
    # does.
    os.environ["LLDB_DEBUGSERVER_PATH"] = server


def main():
    script = os.path.abspath(sys.argv[1])
    answer_lldb_server_with(os.environ["IOTHREADS_UPSTREAM_SERVER"],
                            os.environ["IOTHREADS_UPSTREAM_LLDB"], script)
    sys.argv = sys.argv[1:]
    sys.path.insert(0, os.path.dirname(script))
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()

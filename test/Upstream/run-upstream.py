# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""Runs LLDB 19's own tests against the server under test in one lit run:
the Shell tests listed in shell-tests.txt and the API tests in api-tests.txt
(every tools/lldb-server test among them). Arguments after `--` go to lit
(e.g. --param server=PATH).
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def read_list(name):
    """The non-comment lines of a list file beside this script."""
    with open(os.path.join(HERE, name)) as listing:
        lines = (line.split("#", 1)[0].strip() for line in listing)
        return [line for line in lines if line]


def probe_succeeds(probe):
    try:
        return subprocess.call([probe]) == 0
    except OSError:
        return False


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--lit", required=True)
    parser.add_argument("--timeout", required=True)
    parser.add_argument("--shell-root", required=True)
    parser.add_argument("--api-root", required=True)
    parser.add_argument("--probes", required=True,
                        help="the directory of test/probes' programs")
    parser.add_argument("lit_args", nargs="*")
    args = parser.parse_args()

    shell_tests = [os.path.join(args.shell_root, test)
                   for test in read_list("shell-tests.txt")]
    not_run = read_list("not-run.txt")
    if not probe_succeeds(os.path.join(args.probes, "probe-debug-traps")):
        not_run += read_list("needs-hw-debug-traps.txt")
    command = [sys.executable, args.lit, "-sv", f"--timeout={args.timeout}",
               "--xfail=" + ";".join(read_list("known-failures.txt")),
               "--xfail-not=" + ";".join(read_list("xfail-not.txt"))]
    command += args.lit_args + shell_tests
    command += [os.path.join(args.api_root, test)
                for test in read_list("api-tests.txt")]
    if not_run:
        command.append("--filter-out=" + "|".join(
            re.escape(test) for test in not_run))
    return subprocess.call(command)


if __name__ == "__main__":
    sys.exit(main())

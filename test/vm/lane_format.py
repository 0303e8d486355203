# SPDX-FileCopyrightText: 2026 The NativeProcessIOThreads authors
# SPDX-License-Identifier: Apache-2.0 WITH LLVM-exception
"""The kernel lane as a lit test format: one lit test per kernel and lane
test, named KERNEL/Shell/PATH, KERNEL/lldb22/Shell/PATH (lldb 22 as the
client) or KERNEL/unit/NAME, so a failure names its kernel. A kernel's guest boots once per lit run, for all of its tests: the
first of them to run boots it under a lock, the others read what it left."""
import fcntl
import json
import os
import subprocess
import time

import lit.formats
import lit.Test

import lane


class KernelLane(lit.formats.base.TestFormat):
    def __init__(self, build, kernels, timeout, deadline):
        self.build = build
        self.kernels = kernels
        self.timeout = timeout
        self.deadline = deadline
        self.shell_tests = lane.select_tests()
        self.unit_tests = lane.list_unit_tests(build)
        # Made once, in lit's main process: tells this run's outcome from an
        # earlier run's.
        self.run_id = f"{os.getpid()}.{time.time_ns()}"

    def getTestsInDirectory(self, suite, path_in_suite, lit_config,
                            local_config):
        if path_in_suite:
            return
        names = [("Shell", *test.split("/")) for test in self.shell_tests]
        names += [("lldb22", "Shell", *test.split("/"))
                  for test in lane.client22_tests(self.shell_tests)]
        names += [("unit", test) for test in self.unit_tests]
        for kernel in self.kernels:
            for name in names:
                yield lit.Test.Test(suite, (kernel, *name), local_config)

    def execute(self, test, lit_config):
        kernel = test.path_in_suite[0]
        name = "/".join(test.path_in_suite[1:])
        outcome = self.kernel_outcome(kernel)
        if "failure" in outcome:
            return lit.Test.Result(lit.Test.FAIL, outcome["failure"])
        code, output = outcome["results"].get(
            name, ("FAIL", f"the {kernel} guest did not report this test"))
        return lit.Test.Result(getattr(lit.Test, code),
                               f"on Debian's {kernel} kernel:\n{output}")

    def kernel_outcome(self, kernel):
        """The kernel's results in this run, booting its guest if no test
        has yet."""
        directory = os.path.join(self.build, "vm")
        os.makedirs(directory, exist_ok=True)
        saved = os.path.join(directory, f"{kernel}.outcome.json")
        with open(os.path.join(directory, f"{kernel}.lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                with open(saved) as previous:
                    outcome = json.load(previous)
                if outcome["run"] == self.run_id:
                    return outcome
            except (OSError, ValueError, KeyError):
                pass
            outcome = {"run": self.run_id}
            started = time.monotonic()
            try:
                outcome["results"] = lane.run_tests(
                    kernel, self.build, self.shell_tests, self.unit_tests,
                    self.timeout, self.deadline)
            except (lane.GuestFailure, OSError,
                    subprocess.CalledProcessError) as failure:
                # No kernel to boot (fetch-kernel.sh failed), no QEMU, or a
                # guest that hung or died.
                outcome["failure"] = str(failure)
            outcome["seconds"] = round(time.monotonic() - started)
            with open(saved, "w") as record:
                json.dump(outcome, record)
            return outcome
